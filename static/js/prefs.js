// The reader's remembered text size and contrast, set on <html> before the page is drawn, so
// nothing moves when portal.js (deferred) wires the buttons. Kept tiny: it blocks rendering.
(function (root) {
  try {
    var size = parseInt(window.localStorage.getItem("chaudoc:text-size"), 10);
    if (size >= -1 && size <= 4 && size !== 0) { root.setAttribute("data-text-size", String(size)); }
    if (window.localStorage.getItem("chaudoc:contrast") === "high") {
      root.setAttribute("data-contrast", "high");
    }
  } catch (e) { /* storage blocked: defaults */ }
})(document.documentElement);
