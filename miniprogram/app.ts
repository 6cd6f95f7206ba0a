import { store } from './store/index'

App({
  onLaunch() {
    // Reads the device, installs the one privacy prompt handler, reads permissions, enables incoming calls.
    void store.start()
  },
  onShow() {
    // Back in Duet (also at launch): what lapsed while the person was away is set again.
    store.appShown()
  },
})
