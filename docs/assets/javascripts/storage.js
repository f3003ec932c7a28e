// pb.store: key/value localStorage that never throws and never silently destroys data. Checklist
// runs keep their data as events (event-store.js); this serves the modules not moved yet.
// Keys are prefixed because on file:// Chromium shares one localStorage across all pages.
// Faults (storage disabled, quota exceeded, corrupt JSON) are reported through pb.notice so the
// page keeps working in memory and the user is told what was not saved.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});
  var PREFIX = "pb:";
  var reported = {}; // corrupt keys already reported on this page load
  var memory = {};
  var unsaved = {}; // keys whose latest value lives only in memory (the write failed)
  var backend = null;

  // Disabled storage throws (or is null) on access. No test write: it would cost every page
  // load a storage commit; a full or read-only storage is caught where set() writes.
  try {
    backend = window.localStorage || null;
  } catch (e) {
    backend = null;
  }

  function warnOnce(flag, message) {
    if (pb.store[flag]) return;
    pb.store[flag] = true;
    pb.notice(message, "failure");
  }

  pb.store = {
    available: function () { return backend !== null; },

    keys: function (prefix) {
      var out = [];
      var full = PREFIX + prefix;
      if (backend) {
        for (var i = 0; i < backend.length; i++) {
          var k = backend.key(i);
          if (k && k.indexOf(full) === 0) out.push(k.slice(PREFIX.length));
        }
      } else {
        Object.keys(memory).forEach(function (k) { if (k.indexOf(prefix) === 0) out.push(k); });
      }
      return out.sort();
    },

    // Parsed value, or undefined. A corrupt value is copied aside (never deleted) and reported.
    get: function (key) {
      var raw = backend && !unsaved[key] ? backend.getItem(PREFIX + key) : memory[key];
      if (raw === null || raw === undefined) return undefined;
      try {
        return JSON.parse(raw);
      } catch (e) {
        if (reported[key]) return undefined;
        reported[key] = true;
        var aside = pb.store.keys("corrupt:" + key + ":").filter(function (k) { return backend.getItem(PREFIX + k) === raw; })[0];
        if (!aside) {
          aside = "corrupt:" + key + ":" + Date.now();
          try { backend.setItem(PREFIX + aside, raw); } catch (e2) { aside = key; /* the original stays in place */ }
        }
        pb.notice("已保存的记录“" + key + "”已损坏，无法读取。原始内容已原样保留在“" + aside + "”，本页改用新记录。", "failure");
        return undefined;
      }
    },

    // true when saved durably; false when only kept in memory (the user has been told why).
    set: function (key, value) {
      var raw = JSON.stringify(value);
      memory[key] = raw;
      if (!backend) {
        warnOnce("_warnedMissing", "浏览器禁止了本地存储（例如隐私模式）：内容只保存在本页内存中，刷新、关闭或离开本页都会丢失。请在结束前导出记录。");
        return false;
      }
      try {
        backend.setItem(PREFIX + key, raw);
        delete unsaved[key];
        return true;
      } catch (e) {
        unsaved[key] = true;
        warnOnce("_warnedQuota", "本地存储空间已满，最近的更改未能保存。请导出记录，或清除已结束的检查单后重试。");
        return false;
      }
    },

    remove: function (key) {
      delete memory[key];
      delete unsaved[key];
      try { if (backend) backend.removeItem(PREFIX + key); } catch (e) { /* nothing to lose */ }
    },

    // Calls fn(key) when another tab changes one of our keys.
    watch: function (fn) {
      window.addEventListener("storage", function (ev) {
        if (ev.key && ev.key.indexOf(PREFIX) === 0) fn(ev.key.slice(PREFIX.length));
      });
    },
  };

})();
