// Text for Markdown exports that any Markdown renderer (CommonMark, GFM, Python-Markdown) shows
// back as the same text: no link, image, HTML or structure can come from the text. Inline syntax
// characters are escaped wherever they are; block markers only where a line starts. `<`, `>`, `&`,
// `|` and `~` become character references, which every renderer decodes but none reads as syntax.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else (root.pb = root.pb || {}).mdtext = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var REFS = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;" };

  function line(s) {
    s = s.replace(/^[ \t]+/, "") // indentation would make a code block or a nested item
      .replace(/[\\`*_{}\[\]()!#]/g, "\\$&")
      .replace(/[&<>|~]/g, function (c) { return REFS[c]; });
    // Block markers the escapes above leave alone: "-", "+", "=" and "1." / "1)" at a line start.
    return s.replace(/^[-+]/, "\\$&").replace(/^=/, "&#61;").replace(/^([0-9]+)([.)])/, "$1\\$2");
  }

  // Multi-line text keeps its lines; every line is escaped on its own.
  function text(value) {
    return String(value == null ? "" : value).split(/\r\n?|\n/).map(line).join("\n");
  }

  // Text for a place that must stay one line (a heading, a list item): line breaks become spaces.
  function inline(value) {
    return line(String(value == null ? "" : value).replace(/\s*[\r\n]+\s*/g, " "));
  }

  return { text: text, inline: inline };
});
