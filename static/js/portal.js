// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Copy an article's link: the Clipboard API where allowed, else a selected hidden field.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var done = document.execCommand("copy");
      document.body.removeChild(field);
      if (done) { resolve(); } else { reject(new Error("copy")); }
    });
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var status = document.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(button.getAttribute("data-copy-link")).then(function () {
        if (status) { status.textContent = status.getAttribute("data-copied"); }
      }, function () {
        if (status) { status.textContent = status.getAttribute("data-copy-failed"); }
      });
    });
  });

  // Count this view ("Lượt xem"): pages come from a cache, so the browser reports the view.
  var viewed = document.querySelector("[data-view-url]");
  if (viewed) {
    var url = viewed.getAttribute("data-view-url");
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
    }
  }
})();
