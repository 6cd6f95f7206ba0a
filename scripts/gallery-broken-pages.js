// Pages broken on purpose, one way each, and one good page: `npm run gallery` first checks that
// scripts/gallery-checks.js fails every broken page for the right reason and passes the good one, so a check
// that stopped working cannot let the gallery pass. Each page is drawn in the gallery's frame: the bars on
// top, the page's web view below them.
const BARS = 88

/** A screen: the bars, and `body` as the page, styled by `css` on top of a few WeChat-like basics. */
const screen = (body, css = '') => `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 17px/1.4 "Noto Sans CJK SC", sans-serif; --weui-BRAND: #07c160; --duet-primary: #07c160; }
  .gallery-bars { position: fixed; top: 0; left: 0; right: 0; height: ${BARS}px; background: #ededed; z-index: 9; }
  .gallery-nav__title { position: absolute; top: 44px; left: 95px; right: 95px; line-height: 44px; text-align: center; }
  .gallery-webview { padding-top: ${BARS}px; }
  wx-view, wx-button, wx-switch, wx-icon { display: block; }
  wx-text { display: inline; }
  .card { padding: 16px; background: #fff; }
  .card__title { display: block; font-size: 20px; font-weight: 700; }
  wx-button { width: 184px; margin: 12px auto; padding: 12px 24px; box-sizing: border-box; text-align: center;
    border-radius: 8px; background: #f2f2f2; }
  wx-button[data-type="primary"] { background: var(--weui-BRAND); color: #fff; }
  .one-line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .sheet { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; }
  .sheet__cell { padding: 16px; text-align: center; }
  ${css}
</style></head><body><div class="gallery-bars"><div class="gallery-nav__title">Duet</div></div>
<div class="gallery-webview">${body}</div></body></html>`

const card = (inside) =>
  `<wx-view class="card"><wx-text class="card__title">通话需要这些权限</wx-text>${inside}</wx-view>`
const LONG = '这是一段很长很长的文字，一行放不下，会被省略号截断，看不到后面的内容'
const ARGS = { heading: '通话需要这些权限', width: 375 }

/** The good page has every look the rules must let pass: a switch and an icon in the primary colour, a deliberately long name cut off, a sheet at rest, a paragraph, one primary. */
const GOOD = {
  name: 'a good page',
  html: screen(
    card(`<wx-view>通话时需要使用麦克风。Duet 只在你发起或接听通话时使用它，不会录音，也不会上传任何内容。</wx-view>
<wx-view class="one-line" style="width: 120px">${LONG}</wx-view>
<wx-switch style="width: 52px; height: 32px; background: var(--weui-BRAND)"></wx-switch>
<wx-icon style="width: 40px; height: 40px; background: var(--weui-BRAND); -webkit-mask-image: linear-gradient(#000, #000)"></wx-icon>
<wx-button data-type="primary">允许</wx-button><wx-button>知道了</wx-button>`) +
      `<wx-view class="sheet"><wx-view class="sheet__cell">取消</wx-view></wx-view>`,
  ),
  args: { ...ARGS, shows: ['不会录音'], truncated: [LONG] },
  expect: null,
}

const BROKEN = [
  {
    name: '"知道了" squeezed to one character per line',
    html: screen(card(`<wx-button style="width: 1.2em; padding: 0">知道了</wx-button>`)),
    expect: /squeezed.*知道了/,
  },
  {
    name: '"知道/了" squeezed to two characters per line',
    html: screen(card(`<wx-button style="width: 2.2em; padding: 0">知道了</wx-button>`)),
    expect: /squeezed.*知道了/,
  },
  {
    name: 'a short label broken over two lines ("显示更/多")',
    html: screen(card(`<wx-button style="width: 3.2em; padding: 0">显示更多</wx-button>`)),
    expect: /squeezed.*显示更多/,
  },
  {
    name: 'text cut off with an ellipsis',
    html: screen(card(`<wx-view class="one-line">${LONG}</wx-view>`)),
    expect: /text cut off.*这是一段/,
  },
  {
    name: 'text clipped by a box that hides its overflow',
    html: screen(card(`<wx-view style="height: 24px; overflow: hidden">${LONG}${LONG}</wx-view>`)),
    expect: /text cut off.*这是一段/,
  },
  {
    name: 'text clamped to one line',
    html: screen(
      card(
        `<wx-view style="display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 1; overflow: hidden">${LONG}</wx-view>`,
      ),
    ),
    expect: /text cut off.*这是一段/,
  },
  {
    name: 'a green primary that is not a button',
    html: screen(
      card(`<wx-button data-type="primary">允许</wx-button>
<wx-view style="width: 184px; height: 48px; margin: auto; background: #07c160; color: #fff">同意</wx-view>`),
    ),
    expect: /2 primary actions/,
  },
  {
    name: 'two primary buttons',
    html: screen(
      card(`<wx-button data-type="primary">允许</wx-button><wx-button data-type="primary">同意</wx-button>`),
    ),
    expect: /2 primary actions/,
  },
  {
    name: 'the heading pushed off the first screen',
    html: screen(`<wx-view style="height: 900px"></wx-view>${card('')}`),
    expect: /heading .* is not on the first screen/,
  },
  {
    name: 'the heading covered by a layer',
    html: screen(
      card('') +
        `<wx-view style="position: fixed; top: ${BARS}px; left: 0; right: 0; height: 200px; background: rgba(0,0,0,.5)"></wx-view>`,
    ),
    expect: /heading .* is covered by/,
  },
  {
    name: 'the heading hidden',
    html: screen(card(''), '.card__title { visibility: hidden; }'),
    expect: /heading .* has no size or is hidden/,
  },
  {
    name: 'the heading with no size',
    html: screen(card(''), '.card__title { height: 0; overflow: hidden; }'),
    expect: /heading .* has no size or is hidden/,
  },
  {
    name: 'the heading under the navigation bar',
    html: screen(card(''), `.gallery-webview { padding-top: 40px; }`),
    expect: /heading .* is (not on the first screen|covered by)/,
  },
  {
    name: 'the heading only in body text, not a title',
    html: screen(`<wx-view class="card"><wx-view>通话需要这些权限</wx-view></wx-view>`),
    expect: /is not a title on this screen/,
  },
  {
    name: 'a text the state is about, pushed below the first screen',
    html: screen(card(`<wx-view style="height: 900px"></wx-view><wx-view>网络未连接</wx-view>`)),
    args: { shows: ['网络未连接'] },
    expect: /"网络未连接" is not on the first screen/,
  },
  {
    name: 'something wider than the screen',
    html: screen(card(`<wx-view style="width: 400px">宽</wx-view>`)),
    expect: /wider than the screen/,
  },
  {
    name: 'a sheet cut off at the bottom (mid-slide)',
    html: screen(
      card('') +
        `<wx-view class="sheet" style="transform: translateY(46px)"><wx-view class="sheet__cell">编辑</wx-view><wx-view class="sheet__cell">取消</wx-view></wx-view>`,
    ),
    expect: /runs off the screen/,
  },
].map((page) => ({ ...page, args: { ...ARGS, ...page.args } }))

module.exports = { BROKEN_PAGES: [GOOD, ...BROKEN] }
