// Urgent-notice banners: a reader may hide one; it stays hidden (localStorage, keyed by the
// banner's key and severity) until the same banner comes back more severe. Without this
// file, or without storage, banners simply stay visible.
(function () {
  "use strict";
  var PREFIX = "chaudoc:alert-dismissed:";
  var store;
  try {
    store = window.localStorage;
    store.getItem(PREFIX);
  } catch (e) {
    return;
  }
  function dismissedAtOrAbove(key, severity) {
    for (var i = 0; i < store.length; i++) {
      var name = store.key(i);
      if (name && name.indexOf(PREFIX + key + ":") === 0) {
        if (parseInt(name.slice((PREFIX + key + ":").length), 10) >= severity) return true;
      }
    }
    return false;
  }
  document.querySelectorAll("[data-alert-key]").forEach(function (banner) {
    var key = banner.getAttribute("data-alert-key");
    var severity = parseInt(banner.getAttribute("data-alert-severity"), 10) || 0;
    if (dismissedAtOrAbove(key, severity)) {
      banner.hidden = true;
      return;
    }
    var button = banner.querySelector("[data-alert-dismiss]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      try {
        store.setItem(PREFIX + key + ":" + severity, new Date().toISOString());
      } catch (e) { /* full or blocked storage: hide for this page only */ }
      banner.hidden = true;
    });
  });
})();
