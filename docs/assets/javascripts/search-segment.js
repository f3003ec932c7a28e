// Hands Material's search worker the query as words the index knows (pb.searchQuery): Material
// segments a query greedily against indexed tokens, so a colloquial query ("顾客说…") becomes one
// unknown term or stray single characters. Loaded before Material's bundle so it can wrap the
// Worker the bundle creates; the synonyms and the vocabulary come with the index the bundle sends.
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2; // Material's SearchMessageType
  var Native = window.Worker;
  var core = window.pb && window.pb.searchQuery;
  if (!Native || !core) return;

  function splitter(index) {
    var segment = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    var synonyms = core.synonymTable(index.config.pb_synonyms);
    var words = null; // built on the first query: most page views never search
    return function (query) {
      if (!/[\u3400-\u9fff]/.test(query)) return query;
      words = words || core.vocabulary(index);
      return core.forWorker(core.split(query, {
        synonyms: synonyms,
        vocabulary: words,
        segment: function (text) {
          if (!segment) return [text];
          return Array.from(segment.segment(text)).filter(function (s) { return s.isWordLike; })
            .map(function (s) { return s.segment; });
        },
      }), words);
    };
  }

  function Wrapped(url, options) {
    var worker = new Native(url, options);
    if (/search/.test(String(url))) {
      var post = worker.postMessage.bind(worker);
      var split = null;
      worker.postMessage = function (message) {
        if (message && message.type === SETUP && message.data && message.data.docs) split = splitter(message.data);
        if (message && message.type === QUERY && typeof message.data === "string" && split) {
          message = { type: QUERY, data: split(message.data) };
        }
        return post.apply(null, [message].concat(Array.prototype.slice.call(arguments, 1)));
      };
      window.pbSearchSplit = function (q) { return split ? split(q) : q; };
    }
    return worker;
  }
  Wrapped.prototype = Native.prototype;
  window.Worker = Wrapped;
})();
