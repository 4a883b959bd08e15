// Small progressive enhancements; every page works without this file. It is deferred: it runs
// once the page is parsed, before the page's load event.

// Reading options ("A-" / "A+" text size, high contrast), remembered in localStorage and set as
// attributes on <html> that static/css/portal.css reads. Without storage they last one page.
// The remembered choice is applied at load by static/js/prefs.js (render-blocking, before the
// first paint); this file only brings the buttons in line with it and saves new choices.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "chaudoc:text-size";
  var CONTRAST_KEY = "chaudoc:contrast";
  var MIN = -1;
  var MAX = 4; // steps of portal.css: 87.5 %, 100 %, 125 %, 150 %, 175 %, 200 %

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

  setSize(currentSize());
  setContrast(root.getAttribute("data-contrast") === "high");
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

// The album page's lightbox (gallery app). Without this file every photo is a plain link to its large
// rendition; with it, the link opens a modal <dialog>: arrow keys, Esc, swipe, focus kept
// inside while open and given back to the photo's link after.
(function () {
  "use strict";
  var grid = document.querySelector("[data-lightbox]");
  if (!grid || typeof HTMLDialogElement !== "function") { return; }
  var links = Array.prototype.slice.call(grid.querySelectorAll("a.photo-link"));
  if (!links.length) { return; }
  var label = function (name) { return grid.getAttribute("data-label-" + name) || ""; };
  var index = 0;
  var opener = null;

  function element(tag, attributes, parent) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  var dialog = element("dialog", { "class": "lightbox", "aria-label": label("dialog") });
  var counter = element("p", { "class": "lightbox-counter", "aria-live": "polite" }, dialog);
  var figure = element("figure", {}, dialog);
  var picture = element("picture", {}, figure);
  var source = element("source", { type: "image/webp", sizes: "100vw" }, picture);
  var image = element("img", { sizes: "100vw", alt: "" }, picture);
  var caption = element("figcaption", { id: "lightbox-caption", "aria-live": "polite" }, figure);
  function button(name, text) {
    var node = element("button", { type: "button", "class": "lightbox-" + name, "aria-label": label(name) }, dialog);
    node.textContent = text;
    return node;
  }
  var previous = button("previous", "\u2039");
  var next = button("next", "\u203A");
  var close = button("close", "\u00D7");
  document.body.appendChild(dialog);

  function show(n) {
    index = (n + links.length) % links.length;
    var link = links[index];
    var thumb = link.querySelector("img");
    var thumbSource = link.querySelector("source");
    var text = link.parentNode.querySelector("figcaption");
    // srcset and sizes before src: the browser then fetches only the candidate it needs.
    source.setAttribute("srcset", thumbSource ? thumbSource.getAttribute("srcset") : "");
    image.setAttribute("srcset", thumb.getAttribute("srcset") || "");
    image.setAttribute("width", thumb.getAttribute("width"));
    image.setAttribute("height", thumb.getAttribute("height"));
    image.setAttribute("alt", thumb.getAttribute("alt") || "");
    image.setAttribute("src", thumb.getAttribute("src"));
    caption.textContent = text ? text.textContent.trim() : thumb.getAttribute("alt");
    counter.textContent = label("counter").replace("{n}", index + 1).replace("{total}", links.length);
    var several = links.length > 1;
    previous.hidden = !several;
    next.hidden = !several;
  }

  function open(n, from) {
    opener = from;
    show(n);
    dialog.showModal();
    document.body.classList.add("lightbox-open");
    close.focus();
  }

  links.forEach(function (link, n) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      open(n, link);
    });
  });
  previous.addEventListener("click", function () { show(index - 1); });
  next.addEventListener("click", function () { show(index + 1); });
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    document.body.classList.remove("lightbox-open");
    if (opener) { opener.focus(); }
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") { event.preventDefault(); show(index - 1); }
    else if (event.key === "ArrowRight") { event.preventDefault(); show(index + 1); }
    else if (event.key === "Tab") {
      // Keep focus on the dialog's own buttons (a modal dialog could hand it to the browser).
      var buttons = [previous, next, close].filter(function (b) { return !b.hidden; });
      var at = buttons.indexOf(document.activeElement);
      var to = event.shiftKey ? at - 1 : at + 1;
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length].focus();
    }
  });
  // A click on the dark surround (not on the photo or a button) closes, as readers expect.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog || event.target === figure) { dialog.close(); }
  });

  var startX = null;
  dialog.addEventListener("touchstart", function (event) {
    startX = event.touches.length === 1 ? event.touches[0].clientX : null;
  }, { passive: true });
  dialog.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var moved = event.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(moved) > 40) { show(moved < 0 ? index + 1 : index - 1); }
  });
})();

// "Nghe đọc bài": the reading speed (the native player has none of its own everywhere). The
// choice is shown only when this script runs; the audio itself loads only when played.
(function () {
  "use strict";
  var audio = document.querySelector("[data-read-aloud]");
  var speed = document.querySelector("[data-read-aloud-speed]");
  if (!audio || !speed) { return; }
  var select = speed.querySelector("select");
  select.addEventListener("change", function () {
    audio.playbackRate = parseFloat(select.value) || 1;
  });
  audio.addEventListener("play", function () {
    audio.playbackRate = parseFloat(select.value) || 1;
  });
  speed.hidden = false;
})();
