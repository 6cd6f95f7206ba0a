// @ts-check
// whoami: the caller's openid, as WeChat's servers know it. WeChat Cloud fills in the context from the
// calling phone (platform doc §5.1): no AppSecret, no wx.login, and nothing from the event is trusted.
const cloud = require('wx-server-sdk')

// The SDK's typings call DYNAMIC_CURRENT_ENV a symbol but type `env` as a string; init takes it as documented.
cloud.init({ env: /** @type {string} */ (/** @type {unknown} */ (cloud.DYNAMIC_CURRENT_ENV)) })

/** @returns {Promise<{ openid: string | undefined }>} The phone checks it before believing it. */
exports.main = async () => {
  const { OPENID } = cloud.getWXContext()
  return { openid: OPENID }
}
