// Album admin: drop files anywhere on the "Photos" section, and drag photos to reorder
// them (the "order" numbers are rewritten to follow the rows; typing numbers works too).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var input = document.querySelector("input[type=file][name=upload_photos]");
    var zone = input && input.closest("fieldset");
    if (zone && window.DataTransfer) {
      zone.classList.add("photo-drop-zone");
      ["dragenter", "dragover"].forEach(function (type) {
        zone.addEventListener(type, function (event) {
          if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
            event.preventDefault();
            zone.classList.add("photo-drop-active");
          }
        });
      });
      zone.addEventListener("dragleave", function () { zone.classList.remove("photo-drop-active"); });
      zone.addEventListener("drop", function (event) {
        if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
        event.preventDefault();
        zone.classList.remove("photo-drop-active");
        var files = new DataTransfer();
        Array.prototype.forEach.call(input.files, function (file) { files.items.add(file); });
        Array.prototype.forEach.call(event.dataTransfer.files, function (file) { files.items.add(file); });
        input.files = files.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }

    var body = document.querySelector(".photo-inline");
    if (!body) { return; }
    var dragged = null;
    function rows() {
      return Array.prototype.filter.call(body.querySelectorAll(".inline-related:not(.empty-form)"), function (row) {
        return row.querySelector("input[name$='-order']");
      });
    }
    function renumber() {
      rows().forEach(function (row, n) { row.querySelector("input[name$='-order']").value = n + 1; });
    }
    rows().forEach(function (row) {
      row.draggable = true;
      row.classList.add("photo-draggable");
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("dragend", function () {
        if (dragged) { renumber(); }
        dragged = null;
      });
    });
  });
})();
