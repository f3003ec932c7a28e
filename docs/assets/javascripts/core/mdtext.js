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

  // Control characters and bidirectional overrides would make a case number or a name display
  // as something else ("\u202e1006202"); they carry no text, so they go.
  var HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/g;

  function line(s) {
    s = s.replace(HIDDEN, "").replace(/^[ \t]+/, "") // indentation would make a code block or a nested item
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

  // Text for one line of a record (a run's step, note or history entry): line breaks stay visible
  // as " ↵ ", so a note keeps its shape but cannot start a heading or a step of its own.
  function record(value) {
    return line(String(value == null ? "" : value).replace(/\r\n|\r|\n/g, " ↵ "));
  }

  return { text: text, inline: inline, record: record };
});
