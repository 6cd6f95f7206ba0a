// §3: WeChat's own permissions on the phone, and the phone's settings page for WeChat.
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'

export class FakePhone {
  constructor(private readonly fake: FakeWx) {}

  apis(): ApiTable {
    const fake = this.fake
    return {
      getAppAuthorizeSetting: api('2.20.1', 'system', () => {
        fake.record('getAppAuthorizeSetting', 'getAppAuthorizeSetting', 'system', {})
        const other = 'authorized' as const
        return {
          microphoneAuthorized: fake.env.os.microphone,
          cameraAuthorized: fake.env.os.camera,
          albumAuthorized: other,
          bluetoothAuthorized: other,
          locationAuthorized: other,
          locationReducedAccuracy: false,
          notificationAlertAuthorized: other,
          notificationAuthorized: other,
          notificationBadgeAuthorized: other,
          notificationSoundAuthorized: other,
          phoneCalendarAuthorized: other,
        }
      }),
      openAppAuthorizeSetting: api('2.20.1', 'system', (o: Callbacks) => {
        fake.record('openAppAuthorizeSetting', 'openAppAuthorizeSetting', 'system', {})
        fake.visitOutsideAsking(
          'phoneSettings',
          { os: { ...fake.env.os } },
          () => fake.user.phoneSettings,
          (changed) => Object.assign(fake.env.os, changed),
        )
        fake.succeed('openAppAuthorizeSetting', o)
      }),
    }
  }
}
