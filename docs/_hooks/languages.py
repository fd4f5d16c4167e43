"""MkDocs hook: give each language its own search index and sitemap, and make Korean terms findable.

mkdocs-static-i18n merges every language into one ``search/search_index.json``, so a search from an
English page ranks Korean pages too. After the whole build, this splits it: the Korean entries stay in
``search/``, the English ones move to ``en/search/`` with their ``en/`` prefix removed, and
``docs/_overrides/main.html`` points the English pages' search there. Material's language switcher
then reads ``en/sitemap.xml`` from English pages, so the sitemap (which lists every language with its
alternates) is copied there too.

Korean writes many compounds without a space (인공신경망, 배치정규화). The search matches word
prefixes only, so the course's terms (the Korean words of the glossary in ``glossary.py``) are marked off
inside Korean words with a zero-width space, which the search plugin's ``separator`` splits on (the way
Material segments Chinese): 신경망 then finds 인공신경망. The glossary's search script segments a typed
query the same way.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority


def _glossary():
    """docs/_hooks/glossary.py, loaded by path (MkDocs loads hooks that way too, not as a package)."""
    spec = importlib.util.spec_from_file_location("glossary_terms", Path(__file__).with_name("glossary.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Course terms that may stand inside a longer Korean word: the glossary's Korean words, longest first.
KOREAN_TERMS = _glossary().segmentation_words()
_HANGUL_WORD = re.compile("[가-힣]+")
_TERM = re.compile("|".join(map(re.escape, KOREAN_TERMS)))


def _segment_word(match: re.Match) -> str:
    word = match[0]
    cuts = sorted({i for term in _TERM.finditer(word) for i in term.span()} - {0, len(word)})
    return "\u200b".join(word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)]))


# A Korean word and the parenthesis glued to it: 역전파(backpropagation)는 is one token otherwise, which
# neither "backpropagation" nor "는" starts.
_GLUED_PARENTHESIS = re.compile(r"(?<=[가-힣])(?=\()|(?<=\))(?=[가-힣])")


def segment_korean(text: str) -> str:
    """Put a zero-width space where a course term starts or ends inside a Korean word, and between a Korean
    word and a parenthesis glued to it."""
    return _GLUED_PARENTHESIS.sub("\u200b", _HANGUL_WORD.sub(_segment_word, text))


def split_index(index: dict, prefix: str) -> tuple[dict, dict]:
    """(entries outside ``prefix``, entries under it with the prefix removed), same config."""
    default = [doc for doc in index["docs"] if not doc["location"].startswith(prefix)]
    other = [
        {**doc, "location": doc["location"][len(prefix) :]}
        for doc in index["docs"]
        if doc["location"].startswith(prefix)
    ]
    return {**index, "docs": default}, {**index, "docs": other}


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:  # a nested per-language build: the merged index is not written yet
        return
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"], doc["text"] = segment_korean(doc["title"]), segment_korean(doc["text"])
    for language in i18n.config.languages:
        if language.default:
            continue
        index, other = split_index(index, f"{language.locale}/")
        target = site / language.locale / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(other, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        for language in i18n.config.languages:
            if not language.default and (site / name).exists():
                shutil.copyfile(site / name, site / language.locale / name)
