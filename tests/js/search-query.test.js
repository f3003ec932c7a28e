// core/search-query.js: the query splitter, table-driven. The word segmenter is a fixed dictionary
// (longest match) so the cases do not depend on the ICU data of the Node build.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const q = require("../../docs/assets/javascripts/core/search-query.js");

const DICT = ["投诉", "登记", "危机", "声明", "顾客", "吃了", "快递", "充电", "融化", "退款", "一直", "不到", "怎么", "买到", "证据", "保全", "三倍", "赔偿"];
function segment(text) {
  const out = [];
  for (let i = 0; i < text.length;) {
    const w = DICT.filter((d) => text.startsWith(d, i)).sort((a, b) => b.length - a.length)[0] || text[i];
    out.push(w);
    i += w.length;
  }
  return out;
}
// Words the index holds (exact tokens) with the share of entries holding them, as vocabulary() lists them.
const INDEX = new Map(["腹泻", "食物中毒", "就医", "快递", "充电", "安全隐患", "质量鉴定", "起火", "假冒", "假货",
  "赔偿", "赔付", "补偿", "退款", "拉肚子", "证据", "保全", "三倍", "物流配送", "退货", "发布", "压坏",
  "危机", "声明", "危机声明", "登记"].map((w) => [w, 0.05]).concat([["投诉", 0.68]]));
const synonyms = q.synonymTable([
  { means: ["腹泻", "食物中毒", "就医"], said: ["拉肚子", "吃坏肚子"] },
  { means: ["安全隐患", "质量鉴定", "起火"], said: ["发烫", "融化"] },
  { means: ["假冒", "假货"], said: ["山寨", "高仿"] },
  { means: ["赔偿", "赔付", "补偿"], said: ["赔", "怎么赔"] },
  { means: ["物流配送", "退货"], said: ["压坏"] },
]);
const split = (query) => q.split(query, { synonyms, segment, vocabulary: INDEX });

const CASES = [
  // [query, terms, why]
  ["顾客说吃了拉肚子", "拉肚子 腹泻 食物中毒 就医", "function words and unknown single characters go; the colloquial phrase brings the handbook words"],
  ["充电器发烫融化了", "充电 安全隐患 质量鉴定 起火", "发烫 is not indexed: only its handbook words search, never a lone 发 (it matched 发布)"],
  ["买到假货了怎么赔", "假货 赔偿 赔付 补偿", "怎么赔 is one phrase; the segmenter's 假|货 rejoined as the indexed 假货; 买到 is not indexed"],
  ["快递压坏了", "快递 压坏 物流配送 退货", "an indexed colloquial word is searched itself and with its handbook words"],
  ["退款一直不到账", "退款", "stop words dropped; 不到 is not indexed and 账 alone never matches"],
  ["赔", "赔偿 赔付 补偿", "a single character typed alone is expanded when it is a known phrasing"],
  ["12315", "12315", "no Chinese: unchanged"],
  ["投诉登记", "登记", "a word in most index entries is dropped when the query has others"],
  ["投诉", "投诉", "a common word typed alone is searched"],
  ["危机声明", "危机声明 危机 声明", "a known compound also searches its known parts"],
  ["证据保全", "证据 保全", "indexed words split as the index has them"],
  ["证据保全 12315", "证据 保全 12315", "parts split at whitespace, each on its own"],
  ['"三倍赔偿"', '"三倍赔偿"', "a quoted phrase is passed on unchanged (Material turns it into an AND query)"],
  ['"三倍赔偿', '"三倍赔偿', "an opening quote alone still marks a phrase"],
  ["怎么办", "怎么办", "only function words: what was typed is searched rather than nothing"],
  ["的了吗", "的了吗", "only function words, none of them on their own"],
  ["拉肚子 拉肚子", "拉肚子 腹泻 食物中毒 就医", "repeated words are searched once"],
];

for (const [query, expected, why] of CASES) {
  test(`split ${query}: ${why}`, () => {
    assert.equal(split(query), expected);
  });
}

test("without a vocabulary every segmented word is trusted", () => {
  assert.equal(q.split("顾客说吃了拉肚子", { synonyms, segment }), "吃了 拉肚子 腹泻 食物中毒 就医");
});

test("unknown words are cut into known words of two or more characters", () => {
  assert.equal(q.split("赔偿退款不到", { synonyms: {}, segment: (t) => [t], vocabulary: INDEX }), "赔偿 退款");
});

const WORKER = [
  ["拉肚子 腹泻", "拉肚子\u3007 腹泻\u3007", "each indexed Han word ends with the keep-whole mark"],
  ["12315 退款", "12315 退款\u3007", "non-Han terms unchanged"],
  ['"三倍赔偿"', '"三倍赔偿"', "quoted phrases unchanged"],
  ["怎么办", "怎么办", "a word the index lacks (function words typed alone) is left to Material"],
];
for (const [terms, expected, why] of WORKER) {
  test(`forWorker ${terms}: ${why}`, () => assert.equal(q.forWorker(terms, INDEX), expected));
}

test("vocabulary lists the Han tokens of every indexed field as the separator cuts them", () => {
  const index = {
    config: { separator: "[\\s\\u200b\\-、。，]+", fields: { title: {}, text: {}, tags: {}, keywords: {} } },
    docs: [
      { location: "a/", title: "证据\u200b保全", text: "<p>\u200b先行赔付\u200b，12315\u200b转来</p>", tags: ["人身伤害赔偿"], keywords: ["拉肚子"] },
      { location: "b/", title: "退款", text: "ISO 10002" },
    ],
  };
  const words = q.vocabulary(index);
  assert.deepEqual([...words.keys()].sort(), ["人身伤害赔偿", "先行赔付", "拉肚子", "证据", "退款", "保全", "转来"].sort());
  assert.equal(words.get("证据"), 0.5);  // in one of the two entries
});

test("synonymTable maps each phrase to its group's words; the first group wins", () => {
  const t = q.synonymTable([{ means: ["a"], said: ["x", "y"] }, { means: ["b"], said: ["x"] }]);
  assert.deepEqual(t, { x: ["a"], y: ["a"] });
});

test("splitter: one index's query function (synonyms from its config, vocabulary built on first use)", () => {
  const index = {
    config: { separator: "[\\s\\u200b\\-]+", pb_synonyms: [{ means: ["赔偿"], said: ["怎么赔"] }] },
    docs: [{ location: "a/", title: "赔偿\u200b计算", text: "快递" }, { location: "b/", title: "退款", text: "" }],
  };
  const run = q.splitter(index, segment);
  assert.equal(run("ISO 10002"), "ISO 10002");  // no Chinese: unchanged, as typed
  assert.deepEqual(run("快递怎么赔").replace(/\u3007/g, "").split(" ").sort(), ["快递", "赔偿"].sort());
  assert.equal(typeof q.splitter(index)("快递"), "string");  // default segmenter (Intl.Segmenter when present)
});
