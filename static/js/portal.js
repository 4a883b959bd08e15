// Small progressive enhancements; every page works without this file. It is deferred: it runs
// once the page is parsed, before the page's load event.

// Reading options ("A-" / "A+" text size, high contrast), remembered in localStorage and set as
// attributes on <html> that static/css/portal.css reads. Without storage they last one page.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "chaudoc:text-size";
  var CONTRAST_KEY = "chaudoc:contrast";
  var MIN = -1;
  var MAX = 4; // steps of portal.css: 87.5 %, 100 %, 125 %, 150 %, 175 %, 200 %

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value) { window.localStorage.setItem(key, value); } else { window.localStorage.removeItem(key); }
    } catch (e) { /* blocked or full storage: the choice lasts for this page */ }
  }
  function currentSize() {
    return parseInt(root.getAttribute("data-text-size"), 10) || 0;
  }
  function setSize(step) {
    step = Math.max(MIN, Math.min(MAX, step || 0));
    if (step) { root.setAttribute("data-text-size", String(step)); } else { root.removeAttribute("data-text-size"); }
    document.querySelectorAll("[data-text-size-step]").forEach(function (button) {
      var change = parseInt(button.getAttribute("data-text-size-step"), 10);
      var atEnd = change < 0 ? step <= MIN : step >= MAX;
      button.setAttribute("aria-disabled", atEnd ? "true" : "false");
    });
    return step;
  }
  function setContrast(high) {
    if (high) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", high ? "true" : "false");
    });
  }

  setSize(parseInt(read(SIZE_KEY), 10));
  setContrast(read(CONTRAST_KEY) === "high");
  root.classList.add("js");

  document.querySelectorAll("[data-text-size-step]").forEach(function (button) {
    button.addEventListener("click", function () {
      var step = setSize(currentSize() + parseInt(button.getAttribute("data-text-size-step"), 10));
      write(SIZE_KEY, step ? String(step) : null);
    });
  });
  document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      var high = root.getAttribute("data-contrast") !== "high";
      setContrast(high);
      write(CONTRAST_KEY, high ? "high" : null);
    });
  });
})();

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
