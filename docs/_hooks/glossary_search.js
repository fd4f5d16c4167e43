// Material's search, taught the course glossary. docs/_hooks/glossary.py prepends GLOSSARY (its terms, the
// Korean words in them, the particles a learner types after a word) and writes the result to
// javascripts/glossary-search.js, which mkdocs.yml loads on every page.
//
// Material 9 posts each query to its search worker as {type: 2, data: "<query>"} (SearchMessageType.QUERY)
// and has no query hook of its own any more (the old `__search.transform` is gone), so this wraps
// Worker.prototype.postMessage and rewrites that one kind of message. tests/test_browser_search.py types
// queries into the real search box: a Material upgrade that changes the message shows up there.
(function () {
  "use strict";
  var QUERY = 2;
  var korean = new Set(GLOSSARY.koreanWords);

  var particles = new Set(GLOSSARY.particles);
  var segmenter = new RegExp(GLOSSARY.segmentWords.join("|"), "g");

  // 역전파는 -> 역전파, 초기화를 -> 초기화: only where what is left is a glossary word.
  function stripParticle(word) {
    if (korean.has(word)) return word;
    for (var i = 0; i < GLOSSARY.particles.length; i++) {
      var particle = GLOSSARY.particles[i];
      var stem = word.slice(0, -particle.length);
      if (word.endsWith(particle) && korean.has(stem)) return stem;
    }
    return word;
  }

  // Split a Korean word where a glossary word starts or ends, as docs/_hooks/languages.py splits the
  // search index: 배치정규화를 -> 배치 정규화 (a particle or a one-syllable piece at the end is dropped).
  function segment(word) {
    var cuts = new Set([0, word.length]);
    word.replace(segmenter, function (match, offset) {
      cuts.add(offset).add(offset + match.length);
    });
    var at = Array.from(cuts).sort(function (a, b) { return a - b; });
    var pieces = at.slice(1).map(function (end, i) { return word.slice(at[i], end); });
    if (pieces.length > 1 && particles.has(pieces[pieces.length - 1])) pieces.pop();
    return pieces.filter(function (piece) { return piece.length > 1 || korean.has(piece); });
  }

  // One typed word as the words to search for.
  function koreanQueryWords(word) {
    if (!/^[가-힣]+$/.test(word)) return [word];
    var stem = stripParticle(word);
    if (stem !== word || korean.has(word)) return [stem];
    var pieces = segment(word);
    return pieces.length ? pieces : [word];
  }

  function termWords(text) {
    return text.toLowerCase().split(/[\s\-]+/).filter(Boolean);
  }

  function sameWord(typed, word) {
    return typed === word || typed === word + "s" || typed === word + "es";
  }

  // Every glossary term in either language with its translation, the terms of more words first.
  var terms = [];
  GLOSSARY.pairs.forEach(function (pair) {
    terms.push({ lang: "ko", words: termWords(pair[0]), other: pair[1] });
    terms.push({ lang: "en", words: termWords(pair[1]), other: pair[0] });
  });
  terms.sort(function (a, b) { return b.words.length - a.words.length; });

  // Where do a term's words stand next to each other, in order, among query words not yet taken? (-1: nowhere)
  function find(typed, taken, words) {
    for (var start = 0; start + words.length <= typed.length; start++) {
      if (words.every(function (word, i) { return !taken[start + i] && sameWord(typed[start + i], word); })) {
        return start;
      }
    }
    return -1;
  }

  // Strip particles from Korean glossary words and split Korean compounds at glossary words, then, for each
  // glossary term of the other language in the query, add its translation into the site's language `lang`
  // ("ko" or "en"), longest term first (vanishing gradient -> 기울기 소실, not also 기울기). The search
  // finds pages with any of the words and ranks those with all of them first. A word excluded with "-" is
  // not translated.
  function transform(query, lang) {
    var parts = [];
    query.trim().split(/\s+/).filter(Boolean).forEach(function (word) {
      parts.push.apply(parts, koreanQueryWords(word));
    });
    var typed = [];
    parts.forEach(function (part) {
      var words = termWords(part.replace(/[+^~*:"]/g, " "));
      typed.push.apply(typed, /^-/.test(part) ? words.map(function () { return ""; }) : words);
    });
    var taken = typed.map(function () { return false; });
    var extra = [];
    terms.forEach(function (term) {
      if (term.lang === lang) return;
      var start = find(typed, taken, term.words);
      if (start < 0) return;
      for (var i = 0; i < term.words.length; i++) taken[start + i] = true;
      termWords(term.other).forEach(function (word) {
        if (typed.indexOf(word) < 0 && extra.indexOf(word) < 0) extra.push(word);
      });
    });
    return parts.concat(extra).join(" ");
  }

  self.glossarySearch = { transform: transform, segment: segment };

  if (typeof Worker === "function") {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === QUERY && typeof message.data === "string") {
        var lang = document.documentElement.lang;  // the site's language: "ko" or "en"
        args[0] = Object.assign({}, message, { data: transform(message.data, lang) });
      }
      return post.apply(this, args);
    };
  }
})();
