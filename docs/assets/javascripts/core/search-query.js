// Splits a typed query into the words the search index knows, and adds the handbook's words for
// colloquial phrasings (playbook/synonyms.yml). Pure: the word segmenter and the index vocabulary
// are passed in, so Node tests drive it with tables and the browser with Intl.Segmenter.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else (root.pb = root.pb || {}).searchQuery = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var HAN = /[\u3400-\u9fff]/;
  var HAN_END = /[\u3400-\u9fff]$/;
  // Material segments each run of Han characters against the index but never looks at a run's last
  // character; one more Han character after a known word keeps the word whole instead of cutting
  // it into prefixes such as a lone 发 (which would then match 发布).
  var KEEP_WHOLE = "\u3007";
  // A word in more than this share of index entries is too common to rank by (see splitPart).
  var COMMON = 0.3;
  // Function words that carry no topic; as wildcard terms they would only add noise.
  var STOP = {};
  ("的 了 是 在 要 和 与 及 吗 呢 吧 啊 呀 把 被 给 就 都 也 还 说 我 你 他 她 它 我们 你们 他们 " +
   "怎么 怎样 什么 如何 怎么办 一直 可以 这个 那个 一下 有 没有 请问 顾客 买家")
    .split(" ").forEach(function (w) { STOP[w] = true; });

  // {said phrase: [handbook words]} from the synonym groups [{means: [...], said: [...]}].
  function synonymTable(groups) {
    var table = {};
    (groups || []).forEach(function (g) {
      g.said.forEach(function (s) { if (!table[s]) table[s] = g.means.slice(); });
    });
    return table;
  }

  // The Han words of a search index ({config, docs}) exactly as the search worker's tokenizer
  // cuts them (its fields split at the configured separator), each with the share of entries
  // that contain it.
  function vocabulary(index) {
    var counts = new Map();
    var sep = new RegExp(index.config.separator || "[\\s\\-]+", "g");
    var fields = Object.keys(index.config.fields || { title: 1, text: 1, tags: 1 });
    index.docs.forEach(function (doc) {
      var seen = new Set();
      fields.forEach(function (f) {
        var value = doc[f];
        if (value === undefined) return;
        (Array.isArray(value) ? value : [value]).forEach(function (v) {
          String(v).toLowerCase().split(sep).forEach(function (token) {
            var word = token.replace(/<[^>]*>/g, "");
            if (/^[\u3400-\u9fff]+$/.test(word)) seen.add(word);
          });
        });
      });
      seen.forEach(function (w) { counts.set(w, (counts.get(w) || 0) + 1); });
    });
    var shares = new Map();
    counts.forEach(function (n, w) { shares.set(w, n / index.docs.length); });
    return shares;
  }

  function longestSaid(text, at, table, maxLen) {
    for (var n = Math.min(maxLen, text.length - at); n >= 2; n--) {
      var candidate = text.substr(at, n);
      if (table[candidate]) return candidate;
    }
    return "";
  }

  // Cuts an unknown word into known words of two or more characters (longest first); a single
  // character left over never becomes a term on its own.
  function knownParts(word, known, proper) {
    var parts = [];
    for (var i = 0; i < word.length;) {
      var n = word.length - i - (proper && i === 0 ? 1 : 0);
      while (n >= 2 && !known(word.substr(i, n))) n--;
      if (n >= 2) { parts.push(word.substr(i, n)); i += n; } else i++;
    }
    return parts;
  }

  // One whitespace-separated part of the query → its terms.
  function splitPart(part, o) {
    if (!HAN.test(part) || /^"|"$/.test(part)) return [part];
    var terms = [];
    function add(word) {
      if (!word || STOP[word] || terms.indexOf(word) >= 0) return;
      if (!HAN.test(word) || (word.length > 1 && o.known(word))) terms.push(word);
      // A compound (危机声明) also searches its parts: the pages may say them apart.
      var compound = o.vocabulary && word.length > 3;
      if (HAN.test(word) && (compound || !o.known(word))) knownParts(word, o.known, compound).forEach(add);
    }
    function colloquial(phrase) {
      if (phrase.length > 1 && o.known(phrase)) add(phrase);
      o.synonyms[phrase].forEach(add);
    }
    // Segmenter words, rejoined where neighbours form an indexed word or a known phrasing that the
    // segmenter cut apart (假|货 → 假货).
    function plain(text) {
      if (!text) return;
      var words = o.segment(text);
      for (var k = 0; k < words.length;) {
        var m = Math.min(words.length, k + 4), w = words[k];
        for (; m > k + 1; m--) {
          var joined = words.slice(k, m).join("");
          if (o.synonyms[joined] || (o.vocabulary && o.known(joined))) { w = joined; break; }
        }
        if (o.synonyms[w]) colloquial(w); else add(w);
        k = m > k + 1 ? m : k + 1;
      }
    }
    var rest = "";
    for (var i = 0; i < part.length;) {
      var said = longestSaid(part, i, o.synonyms, o.maxLen);
      if (said) { plain(rest); rest = ""; colloquial(said); i += said.length; }
      else { rest += part.charAt(i); i++; }
    }
    plain(rest);
    // Words in most entries (投诉, 处理, 商家) rank nothing and, as prefixes of tags, rank the
    // wrong pages first: drop them when the query has other words.
    var specific = terms.filter(function (t) { return !o.common(t); });
    // Nothing left (only function words): search what was typed rather than nothing.
    return specific.length ? specific : terms.length ? terms : [part];
  }

  // The query as space-separated terms. options: synonyms (synonymTable), segment(text) → words,
  // vocabulary (from vocabulary(); omit to trust every word and drop none as too common).
  function split(query, options) {
    var words = options.vocabulary;
    var o = {
      synonyms: options.synonyms || {},
      segment: options.segment,
      known: function (w) { return !words || words.has(w); },
      common: function (w) { return !!words && words.get(w) > COMMON; },
      vocabulary: !!words,
    };
    o.maxLen = Object.keys(o.synonyms).reduce(function (m, s) { return Math.max(m, s.length); }, 0);
    var terms = [];
    query.trim().split(/\s+/).forEach(function (part) {
      if (!part) return;
      splitPart(part, o).forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); });
    });
    return terms.join(" ");
  }

  // Terms as Material's worker should receive them: each indexed Han word kept whole (see
  // KEEP_WHOLE); anything else (a query of function words only) is left to Material.
  function forWorker(terms, vocabulary) {
    return terms.split(" ").map(function (t) {
      return HAN_END.test(t) && vocabulary.has(t) ? t + KEEP_WHOLE : t;
    }).join(" ");
  }

  // query → the text for Material's worker, for one index (the data of Material's setup message):
  // synonyms from its config, vocabulary built on the first Han query (most page views never
  // search). `segment(text)` → words; by default Intl.Segmenter's Chinese words, or the text whole.
  function splitter(index, segment) {
    if (!segment) {
      var seg = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
      segment = function (text) {
        if (!seg) return [text];
        return Array.from(seg.segment(text)).filter(function (s) { return s.isWordLike; })
          .map(function (s) { return s.segment; });
      };
    }
    var synonyms = synonymTable(index.config.pb_synonyms);
    var words = null;
    return function (query) {
      if (!HAN.test(query)) return query;
      words = words || vocabulary(index);
      return forWorker(split(query, { synonyms: synonyms, vocabulary: words, segment: segment }), words);
    };
  }

  return { split: split, forWorker: forWorker, synonymTable: synonymTable, vocabulary: vocabulary, splitter: splitter, COMMON: COMMON };
});
