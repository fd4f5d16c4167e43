"""Search with the glossary (docs/_hooks/glossary.py and glossary_search.js), typed into the real search box
of the built site in chromium: across languages both ways, and Korean words with a particle attached.

The browser, the server and the `search` helper are those of tests/site/test_browser.py (skipped, or failed under
CI, without chromium).
"""

import importlib.util

import pytest

from tests.conftest import ROOT
from tests.site.browser import search

pytestmark = pytest.mark.site

spec = importlib.util.spec_from_file_location("glossary_hook", ROOT / "docs" / "_hooks" / "glossary.py")
glossary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(glossary)


@pytest.fixture(scope="module")
def transform(browser):
    """The search script's query transform for a site language, run in a blank page of the browser."""
    context = browser.new_context()
    blank = context.new_page()
    blank.add_script_tag(content=glossary.search_script())
    yield lambda query, lang="ko": blank.evaluate("([q, lang]) => glossarySearch.transform(q, lang)", [query, lang])
    context.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("ko", "역전파", "역전파"),  # a Korean term on the Korean site: as typed
        ("ko", "역전파는", "역전파"),  # particle stripped from a glossary word
        ("ko", "초기화를", "초기화"),  # a word of a glossary term (가중치 초기화)
        ("ko", "드롭아웃이란", "드롭아웃"),
        ("ko", "기울기 소실이란", "기울기 소실"),
        ("ko", "배치정규화를", "배치 정규화"),  # a compound split as the index is
        ("ko", "인공신경망", "인공 신경망"),
        ("ko", "데이터셋", "데이터"),  # a one-syllable piece is dropped
        ("ko", "backpropagation", "backpropagation 역전파"),  # an English term gets its Korean one
        ("ko", "Vanishing gradients", "Vanishing gradients 기울기 소실"),  # any case, a plural, the longest term
        ("ko", "multi-layer perceptron", "multi-layer perceptron 다층 퍼셉트론"),
        ("ko", "Xavier initialization", "Xavier initialization 초기화"),  # words already typed are not repeated
        ("ko", "MNIST", "MNIST"),  # not a glossary term: unchanged
        ("en", "역전파", "역전파 backpropagation"),  # a Korean term on the English site gets its English one
        ("en", "역전파는", "역전파 backpropagation"),
        ("en", "드롭아웃이란", "드롭아웃 dropout"),
        ("en", "가중치 초기화가", "가중치 초기화 weight initialization"),  # the longest term, not also 가중치
        ("en", "backpropagation", "backpropagation"),
        ("en", "dropout -역전파는", "dropout -역전파는"),  # an excluded word is not translated
    ],
)
def test_query_transform(transform, lang, query, expected):
    assert transform(query, lang) == expected


def test_query_is_segmented_like_the_index(transform):
    spec = importlib.util.spec_from_file_location("languages_hook", ROOT / "docs" / "_hooks" / "languages.py")
    languages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(languages)
    for word in ("배치정규화", "인공신경망", "가중치초기화", "은닉층의", "역전파"):
        pieces = [p for p in languages.segment_korean(word).split("\u200b") if len(p) > 1]
        assert transform(word).split()[: len(pieces)] == pieces, word


def results_for(page, server, prefix, query):
    """The result pages (paths) listed for ``query`` typed on the home page of the ``prefix`` site."""
    page.goto(f"{server}{prefix}/")
    results = search(page, query)
    assert page.outside == []  # the glossary script fetches nothing from another host
    return results


def test_english_term_on_the_korean_site_finds_the_korean_pages(page, server):
    results = results_for(page, server, "", "backpropagation")
    assert "/labs/backprop/" in results, results
    assert not any(r.startswith("/en/") for r in results), results
    print("ko 'backpropagation':", results)


def test_korean_term_on_the_english_site_finds_the_english_pages(page, server):
    results = results_for(page, server, "/en", "역전파")
    assert "/en/labs/backprop/" in results, results
    assert all(r.startswith("/en/") for r in results), results
    print("en '역전파':", results)


@pytest.mark.parametrize(
    ("typed", "bare", "expected"),
    [
        ("역전파는", "역전파", "/labs/backprop/"),
        ("초기화를", "초기화", "/labs/weight-init/"),
        ("드롭아웃이란", "드롭아웃", "/labs/deep-dropout/"),
    ],
)
def test_korean_word_with_a_particle_finds_the_bare_words_pages(page, server, typed, bare, expected):
    with_particle = results_for(page, server, "", typed)
    without = results_for(page, server, "", bare)
    assert expected in with_particle, with_particle
    assert with_particle == without
    print(f"ko {typed!r} = {bare!r}:", with_particle)
