// The drill's after-action report as Markdown (pure): loaded by drills.js with core/mdtext.js when
// the facilitator exports, so drill pages do not carry it at load (page-weight budget). Every text
// from the drill data or typed by the facilitator stays text (one escaper: core/mdtext.js). `t` is
// the page's formatting: t.local(iso, withZone) and t.hm(iso) in the viewer's local time, t.who(actor).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./mdtext.js"));
  else (root.pb = root.pb || {}).drillAar = factory(root.pb.mdtext);
})(typeof self !== "undefined" ? self : this, function (M) {
  "use strict";
  function md(text) { return M.inline(text); }

  function markdown(r, t) {
    var local = t.local;
    var who = t.who;
    var person = function (p) { return md(p.name) + (p.role ? "（" + md(p.role) + "）" : ""); };
    var named = function (p) { return md(p.name); };
    var out = ["# 演练总结报告（草稿）：" + md(r.title), "",
      "- 演练日期：" + local(r.date, true),
      "- 参演人员：" + (r.participants.length ? r.participants.map(named).join("、") : "（未登记）"),
      "- 导调与评估人员：" + (r.evaluators.length ? r.evaluators.map(person).join("、") : "（无）"),
      "- 演练用时：" + r.elapsed, "- 导出时间：" + local(r.exportedAt, true), "", "## 时间线", ""];
    r.timeline.forEach(function (x) {
      out.push("- " + x.clock + " 投放「" + md(x.from) + "」（计划 T+" + x.plannedMinute + " 分钟；" + local(x.revealedAt) + "，" + md(who(x.by)) + (x.onTime ? " 按时投放" : " 投放") + "）");
      x.observed.forEach(function (o) { out.push("    - 已观察：" + md(o)); });
      x.missed.forEach(function (o) { out.push("    - 未观察：" + md(o)); });
      x.notes.forEach(function (n) { out.push("    - 记录 " + t.hm(n.at) + " " + md(who(n.actor)) + "：" + md(n.text)); });
    });
    out.push("", "## 关键任务评分", "");
    r.ratings.forEach(function (x) { out.push("- " + md(x.text) + "：" + (x.rating ? md(x.label) + "（" + md(who(x.by)) + "）" : "未评")); });
    out.push("", "## 差距", "");
    (r.gaps.length ? r.gaps : ["无"]).forEach(function (g) { out.push("- " + md(g)); });
    out.push("", "## 导调与评估记录", "");
    (r.notes.length ? r.notes : [null]).forEach(function (n) { out.push(n ? "- " + local(n.at) + " " + md(who(n.actor)) + "：" + md(n.text) : "（无）"); });
    out.push("", "## 改进计划", "", "| 措施 | 负责人 | 期限 |", "| --- | --- | --- |", "|  |  |  |");
    return out.join("\n") + "\n";
  }

  return { markdown: markdown };
});
