// The album page's lightbox. Without this file every photo is a plain link to its large
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
