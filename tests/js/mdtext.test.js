"use strict";
// Markdown-export escaping: each input comes out as text that renders back to itself.
const test = require("node:test");
const assert = require("node:assert/strict");
const md = require("../../docs/assets/javascripts/core/mdtext.js");

test("text: inline syntax and block markers are escaped", () => {
  const cases = [
    ["普通文字，2026-11-29 10:30。", "普通文字，2026-11-29 10:30。"],
    ["[点我](javascript:alert(1))", "\\[点我\\]\\(javascript:alert\\(1\\)\\)"],
    ["![i](x){: onerror=alert(1) }", "\\!\\[i\\]\\(x\\)\\{: onerror=alert\\(1\\) \\}"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"],
    ["<JaVaScRiPt:alert(1)>", "&lt;JaVaScRiPt:alert\\(1\\)&gt;"],
    ["&#106;avascript:", "&amp;\\#106;avascript:"],
    ["a *b* _c_ `d` ~~e~~ | f", "a \\*b\\* \\_c\\_ \\`d\\` &#126;&#126;e&#126;&#126; &#124; f"],
    ["# 伪造标题", "\\# 伪造标题"],
    ["- [x] 伪造步骤", "\\- \\[x\\] 伪造步骤"],
    ["+ 项", "\\+ 项"],
    ["1. 项", "1\\. 项"],
    ["12) 项", "12\\) 项"],
    ["2026. 年", "2026\\. 年"],
    ["第 1. 条和 2) 条", "第 1. 条和 2\\) 条"],
    ["=====", "&#61;===="],
    ["    <script>", "&lt;script&gt;"],
    ["> 引用", "&gt; 引用"],
    ["\\", "\\\\"],
  ];
  for (const [input, expected] of cases) assert.equal(md.text(input), expected, input);
});

test("text keeps lines, escaping each; inline joins them", () => {
  assert.equal(md.text("备注\n\n# 伪造标题\r\n- [x] 伪造步骤"), "备注\n\n\\# 伪造标题\n\\- \\[x\\] 伪造步骤");
  assert.equal(md.inline("备注\n\n# 伪造标题\n- [x] 伪造步骤"), "备注 \\# 伪造标题 - \\[x\\] 伪造步骤");
  assert.equal(md.inline("\n- 项"), "\\- 项");
  assert.equal(md.text("旧式\r# 换行"), "旧式\n\\# 换行");
  assert.equal(md.inline(null), "");
  assert.equal(md.inline(undefined), "");
  assert.equal(md.text(null), "");
  assert.equal(md.text(7), "7");
});

test("record: one line for a run record, line breaks visible, hidden characters gone", () => {
  assert.equal(md.record("a\n\n# 伪造标题\r\n- [x] 伪造步骤"), "a ↵  ↵ \\# 伪造标题 ↵ - \\[x\\] 伪造步骤");
  assert.equal(md.record("\u202e1006202"), "1006202");
  assert.equal(md.record("\u0007铃"), "铃");
  assert.equal(md.record("- 项"), "\\- 项");
  assert.equal(md.record(undefined), "");
});
