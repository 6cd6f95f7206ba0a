// Settings a deployment may change. Never put the AppSecret here: it belongs on the server only.
export const config = {
  /**
   * Optional: a server of ours that takes `{ code }` from wx.login, calls code2Session and answers
   * `{ openid }`. Empty: people enter their openid by hand.
   */
  loginEndpoint: '',
  /**
   * How long to wait for join1v1Chat to answer before freeing the call button. WeChat rings for about a
   * minute and may answer only when the other person does (platform doc §4.8): never cut that short.
   */
  joinTimeoutMs: 75000,
}
