import { store } from './store/index'

App({
  onLaunch() {
    // Reads the device, installs the one privacy prompt handler, reads permissions, enables incoming calls.
    void store.start()
  },
})
