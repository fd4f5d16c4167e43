"""MkDocs hook: give each language its own search index and sitemap, and make Korean terms findable.

mkdocs-static-i18n merges every language into one ``search/search_index.json``, so a search from an
English page ranks Korean pages too. After the whole build, this splits it: the Korean entries stay in
``search/``, the English ones move to ``en/search/`` with their ``en/`` prefix removed, and
``docs/_overrides/main.html`` points the English pages' search there. Material's language switcher
then reads ``en/sitemap.xml`` from English pages, so the sitemap (which lists every language with its
alternates) is copied there too.

Korean writes many compounds without a space (인공신경망, 배치정규화). The search matches word
prefixes only, so the course's terms are marked off inside Korean words with a zero-width space, which
the search plugin's ``separator`` splits on (the way Material segments Chinese): 신경망 then finds
인공신경망.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

#: Course terms that may stand inside a longer Korean word.
KOREAN_TERMS = [
    "퍼셉트론",
    "신경망",
    "역전파",
    "순전파",
    "은닉층",
    "출력층",
    "입력층",
    "활성화",
    "함수",
    "시그모이드",
    "기울기",
    "소실",
    "손실",
    "옵티마이저",
    "학습률",
    "가중치",
    "초기화",
    "정규화",
    "드롭아웃",
    "배치",
    "과적합",
    "경사",
    "하강법",
    "모멘텀",
    "미분",
    "연쇄",
    "법칙",
    "정확도",
    "데이터",
    "모델",
]
_HANGUL_WORD = re.compile("[가-힣]+")
_TERM = re.compile("|".join(sorted(KOREAN_TERMS, key=len, reverse=True)))


def _segment_word(match: re.Match) -> str:
    word = match[0]
    cuts = sorted({i for term in _TERM.finditer(word) for i in term.span()} - {0, len(word)})
    return "\u200b".join(word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)]))


def segment_korean(text: str) -> str:
    """Put a zero-width space where a course term starts or ends inside a Korean word."""
    return _HANGUL_WORD.sub(_segment_word, text)


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
