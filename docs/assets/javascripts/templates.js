// Fill-in templates: the finished text updates as the form is filled; copy, print and download
// once required fields are filled. Every edit is kept as a draft event for the case number typed
// in the form (kept when runs are cleared). Text reaches the page via textContent.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("templates")) return;

  function draftKey(id, caseNumber) { return pb.draft.log(id, caseNumber); }

  // Today's drafts ("pb:draft:<template>:<case>") become events once; the old keys stay.
  function migrateDrafts(id) {
    var prefix = "draft:" + id + ":";
    if (!pb.storedKeys(prefix).length) return Promise.resolve();
    return pb.script("storage.js").then(function () { return pb.script("core/legacy.js"); }).then(function () {
      return Promise.all(pb.store.keys(prefix).map(function (key) {
        var caseNumber = key.slice(prefix.length);
        var got = pb.legacy.draft(id, pb.draft.log(id, caseNumber).slice(prefix.length), pb.store.get(key),
          { key: key, now: new Date().toISOString(), actor: pb.events.identityNow(), device: pb.events.device() });
        if (got.problem) pb.notice("已保存的草稿有误：" + got.problem + "。", "warning");
        return pb.events.appendAll(got.events);
      }));
    });
  }

  // Empty fields show as 【their Chinese label】 in the preview, so nobody sends 【case_number】.
  function fill(body, values, labels) {
    return body.replace(/\{([a-z][a-z0-9_]*)\}/g, function (_, name) {
      return values[name] ? values[name] : "【" + (labels[name] || name) + "】";
    });
  }

  // The letter's date line, in the way Chinese letters write it: 2026年11月30日.
  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  // The acceptance time of the case from a run of it in this browser (the earliest start), in
  // China time as letters state it: "2026-11-30 09:05". Null when no run of the case is here.
  function acceptedAt(caseNumber) {
    return pb.events.logs("run:").then(function (logs) { return Promise.all(logs.map(pb.events.list)); }).then(function (lists) {
      var starts = lists.map(pb.events.foldRun).filter(function (r) { return r.case === caseNumber && !r.discarded && r.startedAt; })
        .map(function (r) { return Date.parse(r.startedAt); }).sort();
      return starts.length ? pb.events.isoAt(starts[0], pb.events.CHINA).slice(0, 16).replace("T", " ") : null;
    });
  }

  function init() {
    document.querySelectorAll("[data-pb-template-form]").forEach(function (root) {
      if (root.getAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "1");
      var data = JSON.parse(root.getAttribute("data-pb-json"));
      var form = root.querySelector("form");
      var output = document.querySelector('[data-pb-template-output="' + data.id + '"]');
      var labels = {};
      data.fields.forEach(function (f) { labels[f.name] = f.label; });
      var status = document.createElement("p");
      status.className = "pb-error";
      status.setAttribute("role", "alert");

      function values() {
        var out = {};
        data.fields.forEach(function (f) { out[f.name] = (form.elements[f.name].value || "").trim(); });
        return out;
      }
      // The finished letter: the body, then the sender and the date (the signature block).
      var sign = document.createElement("div");
      sign.className = "pb-letter-sign";
      output.after(sign);
      function signature() { return [data.sender, today()]; }
      function body() { return fill(data.body, values(), labels).replace(/\n{3,}/g, "\n\n").replace(/\s+$/, ""); }
      function text() { return body() + "\n\n" + signature().join("\n") + "\n"; }
      function update() {
        output.textContent = body() + "\n";
        sign.textContent = signature().join("\n");
        data.fields.forEach(function (f) {
          var input = form.elements[f.name];
          if (input.getAttribute("aria-invalid") && input.value.trim()) input.removeAttribute("aria-invalid");
        });
      }
      // Names of required fields left empty; marks them for the user.
      function missing() {
        var v = values();
        var empty = data.fields.filter(function (f) { return f.required && !v[f.name]; });
        empty.forEach(function (f) { form.elements[f.name].setAttribute("aria-invalid", "true"); });
        status.textContent = empty.length ? "请先填写：" + empty.map(function (f) { return labels[f.name]; }).join("、") : "";
        if (empty.length) form.elements[empty[0].name].focus();
        return empty.length > 0;
      }
      function download(ext, type) {
        if (missing()) return;
        var caseNumber = values().case_number;
        var body = text();
        var name = data.id + (caseNumber ? "-" + caseNumber : "") + "." + ext;
        if (ext !== "md") return pb.download(name, body, type + ";charset=utf-8");
        // The Markdown escaper (core/mdtext.js) loads on the first Markdown download.
        pb.script("core/mdtext.js").then(function () {
          pb.download(name, "# " + pb.mdtext.inline(data.title) + "\n\n" + pb.mdtext.text(body), type + ";charset=utf-8");
        }, function (err) { pb.notice(err.message, "failure"); });
      }

      var bar = document.createElement("div");
      bar.className = "pb-actions";
      [["复制全文", function () {
        if (missing()) return;
        var done = function () { status.textContent = ""; pb.notice("已复制到剪贴板。", "success"); };
        if (navigator.clipboard) navigator.clipboard.writeText(text()).then(done, function () { status.textContent = "浏览器不允许复制，请手动选择下方文本。"; });
      }], ["打印", function () { if (!missing()) window.print(); }],
       ["下载 .txt", function () { download("txt", "text/plain"); }],
       ["下载 .md", function () { download("md", "text/markdown"); }],
       ["保存草稿", function () {
        saveDraft().then(function () { pb.notice("草稿已保存在本浏览器（每次修改也会自动记录）。", "success"); });
      }]].forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "md-button pb-btn";
        btn.textContent = b[0];
        btn.addEventListener("click", b[1]);
        bar.appendChild(btn);
      });
      form.after(bar);
      bar.after(status);

      // Drafts are event logs "draft:<template>:<case>" (pb.events): each edited field is one
      // event, filed under the case number typed in the form, so nothing overwrites a whole draft.
      function saveDraft() {
        var v = values();
        var log = draftKey(data.id, v.case_number);
        return pb.events.list(log).then(function (events) {
          var changed = pb.draft.changes(pb.draft.fold(events).values, v);
          if (!changed.length) return null;
          return pb.askIdentity().then(function () {
            return pb.events.appendAll(changed.map(function (k) { return pb.events.newEvent(log, "field", { field: pb.draft.toField(k), value: v[k] }); }));
          });
        });
      }

      // Pre-fill from a run (?case=…) and from a saved draft for that case. A link can only carry a
      // case number that passes the rule; anything else a link tries to put into the letter
      // (another text, another field) is ignored, and the page says so.
      var params = new URLSearchParams(window.location.search);
      var caseNumber = (params.get("case") || "").trim();
      var rules = [data.caseNumber].concat(data.caseNumber.practice || []);
      if (!rules.some(function (r) { return new RegExp(r.pattern).test(caseNumber); })) caseNumber = "";
      var refused = (params.has("case") && !caseNumber) || data.fields.some(function (f) { return params.has(f.name); });
      if (refused) pb.notice("链接中的预填内容不是有效的投诉编号（" + data.caseNumber.description + "），已忽略，未写入文书。请核对后手动填写。", "warning");
      // The saved draft arrives asynchronously: it must never overwrite what the user typed meanwhile.
      var typed = {};
      form.addEventListener("input", function (e) { if (e.target.name) typed[e.target.name] = true; });
      if (caseNumber && form.elements.case_number) form.elements.case_number.value = caseNumber;
      migrateDrafts(data.id).then(function () { return pb.events.list(draftKey(data.id, caseNumber)); }).then(function (events) {
        var draft = pb.draft.fold(events);
        if (!draft.at) return;
        Object.keys(draft.values).forEach(function (k) { if (form.elements[k] && !typed[k]) form.elements[k].value = draft.values[k]; });
        pb.notice("已载入为投诉 " + (caseNumber || "（无编号）") + " 保存的草稿（最后修改：" + (draft.actor && draft.actor.name ? draft.actor.name + " " : "") + pb.events.fmt(draft.at, function (ms) { return -new Date(ms).getTimezoneOffset(); }) + "）。", "info");
        update();
      }).then(function () {
        // Opened from a run: the acceptance time comes from the run, unless typed or drafted.
        var at = form.elements.received_at;
        if (!caseNumber || !at) return null;
        return acceptedAt(caseNumber).then(function (when) {
          if (when && !at.value && !typed.received_at) { at.value = when; update(); }
        });
      });
      form.addEventListener("input", update);
      form.addEventListener("change", function () { update(); saveDraft(); });
      update();
    });
  }

  // Printing a letter page prints the letter alone (extra.css), like paper from a word processor.
  pb.onPage(function () {
    document.body.classList.toggle("pb-letter-page", !!document.querySelector("[data-pb-template-form]"));
  });
  pb.onPage(init);
})();
