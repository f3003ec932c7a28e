// Hands Material's search worker the query as words the index knows (pb.searchQuery): Material
// segments a query greedily against indexed tokens, so a colloquial query ("顾客说…") becomes one
// unknown term or stray single characters. Loaded before Material's bundle so it can wrap the
// Worker the bundle creates; the synonyms and the vocabulary come with the index the bundle sends.
// The splitter (core/search-query.js) is not part of the page load: it loads when the search box
// is first focused, and a query sent before it has arrived waits for it (nothing typed is lost;
// if it cannot load, the query goes to Material as typed).
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2; // Material's SearchMessageType
  var Native = window.Worker;
  var me = document.currentScript;
  if (!Native || !me) return;
  var src = me.src.replace(/search-segment\.js(\?.*)?$/, "core/search-query.js");
  var state = "idle"; // idle → loading → ready | failed
  var waiting = []; // functions to run once the splitter has loaded (or failed to)

  function load() {
    if (state !== "idle") return;
    state = "loading";
    var s = document.createElement("script");
    s.src = src;
    s.onload = function () { done(window.pb && window.pb.searchQuery ? "ready" : "failed"); };
    s.onerror = function () { done("failed"); };
    document.head.appendChild(s);
  }
  function done(result) {
    state = result;
    waiting.splice(0).forEach(function (fn) { fn(); });
  }
  document.addEventListener("focusin", function (ev) {
    if (ev.target && ev.target.classList && ev.target.classList.contains("md-search__input")) load();
  });

  function Wrapped(url, options) {
    var worker = new Native(url, options);
    if (/search/.test(String(url))) {
      var post = worker.postMessage.bind(worker);
      var index = null, split = null, latest = null, pending = false;
      var splitNow = function (q) {
        if (!split && index && state === "ready") split = window.pb.searchQuery.splitter(index);
        return split ? split(q) : q;
      };
      worker.postMessage = function (message) {
        var rest = Array.prototype.slice.call(arguments, 1);
        if (message && message.type === SETUP && message.data && message.data.docs) { index = message.data; split = null; }
        if (message && message.type === QUERY && typeof message.data === "string") {
          var han = /[\u3400-\u9fff]/.test(message.data); // anything else goes as typed
          if (han && (state === "idle" || state === "loading")) {
            // Only the newest query matters (Material shows the answer to the last one sent).
            latest = message.data;
            if (!pending) {
              pending = true;
              waiting.push(function () {
                pending = false;
                if (latest === null) return;
                var q = latest;
                latest = null;
                post.apply(null, [{ type: QUERY, data: splitNow(q) }].concat(rest));
              });
            }
            load();
            return undefined;
          }
          latest = null; // a newer query replaces one still waiting for the splitter
          if (han) message = { type: QUERY, data: splitNow(message.data) };
        }
        return post.apply(null, [message].concat(rest));
      };
      window.pbSearchSplit = function (q) { return state === "ready" ? splitNow(q) : undefined; };
    }
    return worker;
  }
  Wrapped.prototype = Native.prototype;
  window.Worker = Wrapped;
})();
