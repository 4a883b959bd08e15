/* The portal's CKEditor plugin (settings.CKEDITOR_CONFIGS, "extraPlugins"): the labels that
   CKEditor's own Vietnamese leaves in English or gets wrong ("Heading 1", "Đã thiết lập" for
   Formatted, "Display Text", "Tab chung"), from the portal's catalogues through Django's
   JavaScript catalogue, which the admin loads before the form's scripts. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };

  function labels() {
    return {
      "application": gettext("Rich text editor"),
      "format.label": gettext("Paragraph style"),
      "format.panelTitle": gettext("Paragraph style"),
      "format.tag_p": gettext("Paragraph"),
      "format.tag_h2": gettext("Heading"),
      "format.tag_h3": gettext("Subheading"),
      "format.tag_h4": gettext("Minor heading"),
      "link.displayText": gettext("Text shown"),
      "link.toUrl": gettext("Web address"),
      "common.generalTab": gettext("General"),
      "common.url": gettext("Web address"),
      "image2.alt": gettext("Description of the picture (for those who cannot see it)"),
      "image2.captioned": gettext("Picture with a caption"),
      "image2.captionPlaceholder": gettext("Caption"),
      "image2.infoTab": gettext("Picture"),
      "table.cell.columnHeader": gettext("Column heading"),
      "table.cell.rowHeader": gettext("Row heading"),
      "toolbarGroups.clipboard": gettext("Clipboard and undo"),
      "widget.label": gettext("%1 (move or edit it as one piece)")
    };
  }

  function put(lang, path, text) {
    var parts = path.split("."), node = lang, last = parts.pop();
    parts.forEach(function (part) { node = node && node[part]; });
    if (node && last in node) {
      node[last] = text;
    }
  }

  // beforeInit: before any plugin builds its buttons and lists from these labels.
  CKEDITOR.plugins.add("portal", {
    beforeInit: function (editor) {
      var table = labels();
      Object.keys(table).forEach(function (path) { put(editor.lang, path, table[path]); });
    }
  });
})();
