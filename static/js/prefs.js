// The reader's remembered text size and contrast (localStorage, saved by portal.js), set on <html>
// before the first paint so nothing moves later. Render-blocking on purpose: keep it tiny.
(function (root) {
  "use strict";
  try {
    var size = Math.max(-1, Math.min(4, parseInt(localStorage.getItem("chaudoc:text-size"), 10) || 0));
    if (size) { root.setAttribute("data-text-size", String(size)); }
    if (localStorage.getItem("chaudoc:contrast") === "high") { root.setAttribute("data-contrast", "high"); }
  } catch (e) { /* storage blocked (private mode, policy): the defaults */ }
})(document.documentElement);
