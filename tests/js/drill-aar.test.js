// core/drill-aar.js: the after-action report's Markdown, whole documents compared line by line,
// so every line, separator and fallback ("（无）", "未评") is checked; drill text stays text.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../docs/assets/javascripts/core/drill-aar.js");

// The page's formatting, made visible: which formatter ran and with which arguments.
const T = {
  local: (iso, withZone) => "L(" + iso + (withZone ? ",zone" : "") + ")",
  hm: (iso) => "HM(" + iso + ")",
  who: (actor) => (actor ? actor.name : "（未知）"),
};
const EMPTY = { title: "演练", date: "D", participants: [], evaluators: [], elapsed: "00:00:00", exportedAt: "X",
  timeline: [], ratings: [], gaps: [], notes: [] };
const FULL = {
  title: "断货 # [演练](x)", date: "D", elapsed: "01:15:00", exportedAt: "X",
  participants: [{ name: "王客服", role: "受理客服" }, { name: "李*主管" }],
  evaluators: [{ name: "张导调", role: "facilitator" }, { name: "赵评估" }],
  timeline: [
    { clock: "00:00:00", from: "客户<甲>", plannedMinute: 0, revealedAt: "R1", by: { name: "张导调" }, onTime: true,
      observed: ["记录_编号"], missed: [], notes: [{ at: "N1", actor: { name: "张导调" }, text: "开始\n处理" }] },
    { clock: "00:25:00", from: "乙", plannedMinute: 20, revealedAt: "R2", by: null, onTime: false,
      observed: [], missed: ["停售", "通知"], notes: [] },
  ],
  ratings: [{ text: "停售", rating: 4, label: "P 顺利完成", by: { name: "赵评估" } }, { text: "回应|公告", rating: 0, label: "U", by: null }],
  gaps: ["未通知 `仓库`"],
  notes: [{ at: "G1", actor: { name: "张导调" }, text: "总体 *顺利*" }],
};

const TABLE = [
  ["nothing recorded", EMPTY, [
    "# 演练总结报告（草稿）：演练", "",
    "- 演练日期：L(D,zone)", "- 参演人员：（未登记）", "- 导调与评估人员：（无）", "- 演练用时：00:00:00", "- 导出时间：L(X,zone)", "",
    "## 时间线", "", "", "## 关键任务评分", "", "", "## 差距", "", "- 无", "", "## 导调与评估记录", "", "（无）", "",
    "## 改进计划", "", "| 措施 | 负责人 | 期限 |", "| --- | --- | --- |", "|  |  |  |", ""]],
  ["a whole drill", FULL, [
    "# 演练总结报告（草稿）：断货 \\# \\[演练\\]\\(x\\)", "",
    "- 演练日期：L(D,zone)", "- 参演人员：王客服、李\\*主管", "- 导调与评估人员：张导调（facilitator）、赵评估", "- 演练用时：01:15:00",
    "- 导出时间：L(X,zone)", "", "## 时间线", "",
    "- 00:00:00 投放「客户&lt;甲&gt;」（计划 T+0 分钟；L(R1)，张导调 按时投放）",
    "    - 已观察：记录\\_编号",
    "    - 记录 HM(N1) 张导调：开始 处理",
    "- 00:25:00 投放「乙」（计划 T+20 分钟；L(R2)，（未知） 投放）",
    "    - 未观察：停售", "    - 未观察：通知",
    "", "## 关键任务评分", "", "- 停售：P 顺利完成（赵评估）", "- 回应&#124;公告：未评", "",
    "## 差距", "", "- 未通知 \\`仓库\\`", "", "## 导调与评估记录", "", "- L(G1) 张导调：总体 \\*顺利\\*", "",
    "## 改进计划", "", "| 措施 | 负责人 | 期限 |", "| --- | --- | --- |", "|  |  |  |", ""]],
];

for (const [name, report, lines] of TABLE) {
  test("report markdown: " + name, () => {
    assert.deepEqual(A.markdown(report, T).split("\n"), lines);
  });
}

test("a name or role typed by a person cannot start Markdown structure", () => {
  const r = { ...EMPTY, participants: [{ name: "- 王\n# 标题" }], evaluators: [{ name: "[x](javascript:1)", role: "<b>" }] };
  const out = A.markdown(r, T).split("\n");
  assert.equal(out[3], "- 参演人员：\\- 王 \\# 标题");
  assert.equal(out[4], "- 导调与评估人员：\\[x\\]\\(javascript:1\\)（&lt;b&gt;）");
});
