// Settings a deployment may change. Never put the AppSecret here: it belongs on the server only.
export const config = {
  /**
   * Optional: the id of the WeChat Cloud (CloudBase) environment Duet uses. Set, my openid comes from the
   * `whoami` cloud function and avatars reach the other phone. Keep the real id out of the repository.
   */
  cloudEnv: '',
  /**
   * Optional, with cloudEnv: the id of a one-time subscribe-message template (README) for rings. Set, a person
   * can allow one ring (#allow-rings) and a caller can ring a contact (#ring) through the `ring` function.
   */
  ringTemplateId: '',
  /**
   * Optional, with cloudEnv: the id of a one-time subscribe-message template (README) for appointment
   * reminders. Set, #appt-remind asks for one reminder, which the `remind` function sends 5 minutes before.
   */
  reminderTemplateId: '',
  /**
   * Optional: a server of ours that takes `{ code }` from wx.login, calls code2Session and answers
   * `{ openid }`. Used only without cloudEnv. Neither set: a developer types openids under 开发者选项.
   */
  loginEndpoint: '',
}
