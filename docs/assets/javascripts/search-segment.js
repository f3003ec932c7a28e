// Splits a typed Chinese query into words (Intl.Segmenter) before Material's search worker sees
// it. Material segments a query greedily against indexed tokens; when the first characters of a
// colloquial query ("顾客说…") are not a token it searches the whole query as one term and finds
// nothing. Loaded before Material's bundle so it can wrap the Worker the bundle creates.
(function () {
  "use strict";
  var HAN = /[\u3400-\u9fff]/;
  var QUERY = 2; // Material's SearchMessageType.QUERY
  // Function words that carry no topic; as wildcard terms they would only add noise.
  var STOP = {};
  "的 了 是 在 要 和 与 及 吗 呢 吧 啊 呀 把 被 给 就 都 也 还 说 我 你 他 她 它 我们 你们 他们 怎么 怎样 什么 如何 怎么办 一直 可以 这个 那个 一下 有 没有 请问".split(" ")
    .forEach(function (w) { STOP[w] = true; });

  function split(query) {
    if (!HAN.test(query) || !window.Intl || !Intl.Segmenter) return query;
    var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    return query.split(/\s+/).map(function (part) {
      if (!HAN.test(part) || /^"|"$/.test(part)) return part;
      var words = [];
      Array.from(segmenter.segment(part)).forEach(function (s) {
        if (s.isWordLike && !STOP[s.segment]) words.push(s.segment);
      });
      return words.length ? words.join(" ") : part;
    }).join(" ");
  }

  var Native = window.Worker;
  if (!Native) return;
  function Wrapped(url, options) {
    var worker = new Native(url, options);
    if (/search/.test(String(url))) {
      var post = worker.postMessage.bind(worker);
      worker.postMessage = function (message) {
        if (message && message.type === QUERY && typeof message.data === "string") {
          message = { type: QUERY, data: split(message.data) };
        }
        return post.apply(null, [message].concat(Array.prototype.slice.call(arguments, 1)));
      };
    }
    return worker;
  }
  Wrapped.prototype = Native.prototype;
  window.Worker = Wrapped;
  window.pbSplitQuery = split;
})();
