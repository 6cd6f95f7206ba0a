// What miniprogram-simulate's own WXSS compiler loads (css-tree, csso, less): the playground computes styles at
// build time (wechat-model/view/styles.ts) and never calls it in the browser.
export {}
