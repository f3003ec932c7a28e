// pb.askIdentityForm(): this browser's person for events (pb.events identity), asked once with a
// small form at the top of the page when not yet known; resolves {name, role} once saved. Loaded by
// pb.askIdentity (page.js) only while no identity is stored.
(function () {
  "use strict";
  var pb = window.pb;
  if (pb.askIdentityForm) return;
  var waiting = null;

  pb.askIdentityForm = function () {
    var who = pb.events.identityNow();
    if (who) return Promise.resolve(who);
    if (waiting) return waiting;
    waiting = new Promise(function (resolve) {
      var box = pb.el("form", { class: "admonition info pb-identity", "data-pb-identity": "" });
      box.appendChild(pb.el("p", { class: "admonition-title" }, "请先填写姓名和角色"));
      box.appendChild(pb.el("p", {}, "每条记录都会注明是谁在何时做的。只需填写一次，保存在本浏览器中。"));
      var name = pb.el("input", { id: "pb-identity-name", type: "text", required: "", maxlength: "40", autocomplete: "name" });
      var role = pb.el("input", { id: "pb-identity-role", type: "text", required: "", maxlength: "40" });
      box.appendChild(pb.el("label", { for: "pb-identity-name" }, "姓名"));
      box.appendChild(name);
      box.appendChild(pb.el("label", { for: "pb-identity-role" }, "角色（岗位）"));
      box.appendChild(role);
      box.appendChild(pb.el("button", { type: "submit", class: "md-button md-button--primary pb-btn" }, "保存"));
      box.addEventListener("submit", function (ev) {
        ev.preventDefault();
        pb.events.setIdentity({ name: name.value, role: role.value }).then(function (saved) {
          box.remove();
          waiting = null;
          resolve(saved);
        }, function (err) { pb.notice(err.message, "warning"); });
      });
      var host = document.querySelector(".md-content__inner") || document.body;
      host.insertBefore(box, host.firstChild);
      // Take the focus only from a button or the page: someone typing in a field (a letter saved as
      // they type) keeps it, or their next keystrokes would land in this form.
      var active = document.activeElement;
      if (!active || active === document.body || /^(BUTTON|A|SUMMARY)$/.test(active.tagName)) name.focus();
    });
    return waiting;
  };
})();
