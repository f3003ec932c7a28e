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

// Cases the tables above leave open (found by make mutation): each pins one rule of the splitter.
const known = (...words) => new Map(words.map((w) => [w, 0.05]));
const whole = (text) => [text];  // a segmenter that never cuts: the splitter's own rules do all the work
const MORE = [
  // [query, options, terms, why]
  ["吃了拉肚子", { synonyms, segment: whole, vocabulary: INDEX }, "拉肚子 腹泻 食物中毒 就医",
    "a colloquial phrase is found inside text the segmenter left whole"],
  ["充电器发烫", { synonyms, segment: whole, vocabulary: INDEX }, "充电 安全隐患 质量鉴定 起火",
    "a two-character phrase is found too"],
  ["退款单", { synonyms: {}, segment: whole, vocabulary: INDEX }, "退款", "an unknown short word searches its known parts"],
  ["退货单", { synonyms: {}, segment: whole, vocabulary: known("退货单", "退货") }, "退货单",
    "a known word of three characters is not a compound: its parts are not searched"],
  ["退货单", { synonyms: {}, segment: (t) => ["退", "货单"], vocabulary: known("退货单", "货单") }, "退货单",
    "segmenter words rejoined into a known word are not searched again on their own"],
  ["人身伤害赔偿退款", { synonyms: {}, segment: (t) => [...t], vocabulary: known("人身伤害赔偿", "赔偿", "退款") }, "赔偿 退款",
    "at most four segmenter words are rejoined"],
  ["证据没了", { synonyms: { 证据没了: ["保全"] }, segment: whole, vocabulary: INDEX }, "保全",
    "a colloquial phrase the index lacks brings its handbook words only, not its own known parts"],
  ["登记证据", { synonyms: {}, segment: whole, vocabulary: new Map([["登记", q.COMMON], ["证据", 0.05]]) }, "登记 证据",
    "a word in exactly the COMMON share of entries is still specific"],
  ['证据"保全', { synonyms: {}, segment: whole, vocabulary: INDEX }, "证据 保全", "a quote inside a word does not make a phrase"],
  ["他们我们退款", { synonyms: {}, segment: (t) => ["他们", "我们", "退款"] }, "退款", "function words are dropped without a vocabulary too"],
  ["退款账", { synonyms: {}, segment: (t) => ["退款", "账"] }, "退款", "a single character is never a term, even when every word is trusted"],
];
for (const [query, options, expected, why] of MORE) {
  test(`split ${query}: ${why}`, () => assert.equal(q.split(query, options), expected));
}

test("the segmenter sees only the text between colloquial phrases, never an empty text", () => {
  const seen = [];
  q.split("吃了拉肚子", { synonyms, segment: (t) => { seen.push(t); return [t]; }, vocabulary: INDEX });
  assert.deepEqual(seen, ["吃了"]);
});

test("synonymTable without groups is empty; each phrase gets its own copy of the words", () => {
  assert.deepEqual(q.synonymTable(undefined), {});
  const groups = [{ means: ["a"], said: ["x"] }];
  assert.notEqual(q.synonymTable(groups).x, groups[0].means);
});

test("vocabulary: the default separator, whole Han tokens only, shares over all entries", () => {
  const index = { config: {}, docs: [
    { title: "证据-保全 退款", text: "12315热线 热线A 投诉" }, { title: "退款", text: "投诉" },
    { title: "退款", text: "投诉" }, { title: "退款", text: "" }] };
  const words = q.vocabulary(index);
  assert.deepEqual([...words.keys()].sort(), ["证据", "保全", "退款", "投诉"].sort());
  assert.equal(words.get("退款"), 1);
  assert.equal(words.get("投诉"), 0.75);
  assert.equal(words.get("证据"), 0.25);
});

// The default segmenter: Intl.Segmenter's word-like segments (Node 20 has it, as browsers do).
const SEG_INDEX = {
  config: { separator: "[\\s\\-]+", pb_synonyms: [{ means: ["安全隐患"], said: ["发烫"] }] },
  docs: [{ title: "充电", text: "安全隐患" }, { title: "退款", text: "" }, { title: "投诉", text: "" }, { title: "证据", text: "" }],
};
test("splitter's default segmenter: Intl.Segmenter words only, no punctuation", () => {
  assert.equal(q.splitter(SEG_INDEX)("iPhone，充电"), "iPhone 充电\u3007");
});

test("splitter without Intl.Segmenter (older browsers): the text is one word, cut by the vocabulary", (t) => {
  const saved = Intl.Segmenter;
  t.after(() => { Intl.Segmenter = saved; });
  Intl.Segmenter = undefined;
  assert.equal(q.splitter(SEG_INDEX)("iPhone，充电"), "充电\u3007");
});

test("splitter: a query without Chinese is passed on exactly as typed; a given segmenter is used", () => {
  const seen = [];
  const run = q.splitter(SEG_INDEX, (text) => { seen.push(text); return [text]; });
  assert.equal(run("  ISO  10002 "), "  ISO  10002 ");
  run("充电退款");
  assert.deepEqual(seen, ["充电退款"]);
});
