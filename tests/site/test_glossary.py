"""The bilingual glossary (docs/_hooks/glossary.py): its terms, its pages, the first-use links, and the
Korean search segmentation taken from it. The search script is driven in a browser by
tests/site/test_browser_search.py."""

import importlib.util
import re
from html import unescape

import jupytext
import pytest

from tests.conftest import ROOT

HOOKS = ROOT / "docs" / "_hooks"


def load(name):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


glossary = load("glossary")
languages = load("languages")
TERMS = glossary.TERMS
HANGUL = re.compile("[가-힣]")


def prose(lab: str, lang: str) -> str:
    """The markdown cells of one language of a lab source, spacing collapsed."""
    nb = jupytext.read(ROOT / "docs" / "labs" / f"{lab}.py")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("lang") == lang)
    return re.sub(r"\s+", " ", text)


def test_at_least_sixty_terms_each_in_both_languages_with_a_definition():
    assert len(TERMS) >= 60
    for field in ("ko", "en"):
        assert len({getattr(t, field).lower() for t in TERMS}) == len(TERMS), f"a {field} term is listed twice"
    assert len({glossary.anchor(t) for t in TERMS}) == len(TERMS)
    for term in TERMS:
        assert HANGUL.search(term.ko) and HANGUL.search(term.ko_def), term
        assert not HANGUL.search(term.en + term.en_def), term
        assert term.ko_def.strip() and term.en_def.strip() and "\n" not in term.ko_def + term.en_def, term
    pairs = {(t.ko, t.en) for t in TERMS}
    for pair in [
        ("퍼셉트론", "perceptron"),
        ("역전파", "backpropagation"),
        ("기울기 소실", "vanishing gradient"),
        ("가중치 초기화", "weight initialization"),
        ("과적합", "overfitting"),
        ("배치 정규화", "batch normalization"),
        ("드롭아웃", "dropout"),
    ]:
        assert pair in pairs


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.en)
def test_the_lab_named_for_a_term_uses_it(term):
    """The Korean term stands in the lab's Korean prose (possibly inside a compound, or with its English in
    parentheses between its words), and the first six letters of the English term in the English prose."""
    assert (ROOT / "docs" / "labs" / f"{term.lab}.py").is_file(), term.lab
    korean = glossary._PAREN.join(rf"\s*{re.escape(w)}" for w in term.ko.split())
    assert re.search(korean, prose(term.lab, "ko")), f"{term.ko} is not in docs/labs/{term.lab}.py (ko)"
    first = term.en.split()[0].split("-")[0]
    assert re.search(re.escape(first[:6]), prose(term.lab, "en"), re.I), term.en


def test_lab_titles_come_from_the_lab_sources():
    assert glossary.lab_title("backprop", "ko") == "역전파를 손으로 계산하기"
    assert glossary.lab_title("backprop", "en") == "Backpropagation by hand"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_glossary_page_lists_every_term_once_in_order_with_its_lab(lang):
    page = glossary.glossary_markdown(lang)
    entries = re.findall(r"^### (.+) \{ #([\w-]+) \}$", page, re.M)
    assert sorted(a for _, a in entries) == sorted(glossary.anchor(t) for t in TERMS)
    names = [name for name, _ in entries]
    if lang == "ko":
        hangul = [n for n in names if HANGUL.match(n)]
        assert names[: len(hangul)] == hangul == sorted(hangul)  # 가나다 first, then Xavier, He ...
    else:
        assert names == sorted(names, key=str.lower)
        assert not re.search("[가-힣]", "".join(re.findall(r"^#+ .*$", page, re.M)))  # English headings only
    for term in TERMS:
        assert f"(labs/{term.lab}.md)" in page
    assert page.count("\n## ") + page.startswith("## ") == len({glossary.section(n) for n in names})


def test_sections_by_initial_consonant_and_letter():
    assert [glossary.section(w) for w in ("가중치", "깊은", "역전파", "퍼셉트론", "Xavier 초기화", "dropout")] == [
        "ㄱ",
        "ㄱ",
        "ㅇ",
        "ㅍ",
        "X",
        "D",
    ]


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="glossary-term" href="[^"#]*#([\w-]+)"[^>]*>(.*?)</a>', html, re.S)


def test_first_use_of_each_term_is_linked_and_only_the_first():
    html = "<p>역전파는 기울기를 구합니다. 역전파를 다시 씁니다. 가중치 초기화와 가중치.</p>"
    out = glossary.link_first_uses(html, "ko", "../glossary/")
    assert links(out) == [
        ("backpropagation", "역전파"),
        ("gradient", "기울기"),
        ("weight-initialization", "가중치 초기화"),
        ("weight", "가중치"),
    ]
    assert 'href="../glossary/#backpropagation"' in out
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", html)  # the text is unchanged


def test_no_link_inside_code_headings_links_math_or_titles():
    html = (
        '<h2 id="x">역전파</h2><p><code>역전파</code> <a href="y">역전파</a> <span class="arithmatex">역전파</span>'
        '<math><mi>역전파</mi></math><span class="katex"><span class="mord text">역전파</span></span></p>'
        '<div class="admonition note"><p class="admonition-title">역전파</p>'
        "<details><summary>역전파</summary></details><pre><code>역전파</code></pre>"
        '<pre class="text nb-output">역전파</pre><table><tr><th>역전파</th></tr></table>'
        "<script>var x = '<b>역전파</b>';</script><p>인공신경망, 마지막에 역전파</p></div>"
    )
    out = glossary.link_first_uses(html, "ko", "g/")
    assert links(out) == [("backpropagation", "역전파")]
    assert out.index('class="glossary-term"') > out.index("마지막에")
    assert "인공신경망" in out  # a term inside a longer Korean word is not linked


def test_terms_match_across_spacing_case_plurals_and_parentheses():
    html = "<p>로젠브록(Rosenbrock) 함수, Multi-layer\nperceptrons, He (Kaiming) initialization, two layers</p>"
    assert links(glossary.link_first_uses(html, "ko", "g/")) == [("rosenbrock-function", "로젠브록(Rosenbrock) 함수")]
    assert links(glossary.link_first_uses(html, "en", "g/")) == [
        ("multi-layer-perceptron", "Multi-layer\nperceptrons"),
        ("he-initialization", "He (Kaiming) initialization"),
        ("layer", "layers"),
    ]


def test_a_word_links_to_the_entry_of_what_it_means_on_that_page():
    """On the batch-norm page, momentum is batch norm's running-average weight: never the optimizer's entry."""
    html = "<p>모멘텀 m의 방향. 배치 정규화 모멘텀(momentum)은 새 배치에 곱합니다. 모멘텀.</p>"
    assert links(glossary.link_first_uses(html, "ko", "g/", "batch-norm")) == [("batch-norm-momentum", "모멘텀")]
    assert links(glossary.link_first_uses(html, "ko", "g/", "optimizers")) == [
        ("momentum", "모멘텀"),
        ("batch-norm-momentum", "배치 정규화 모멘텀"),
    ]
    html = "<p>which way the momentum m points; the batch-norm momentum</p>"
    assert links(glossary.link_first_uses(html, "en", "g/", "batch-norm")) == [("batch-norm-momentum", "momentum")]


def test_a_word_of_another_meaning_on_a_page_links_nowhere_there_and_only_there():
    html = "<p>a step has the units of θ; two hidden units</p>"
    assert links(glossary.link_first_uses(html, "en", "g/", "optimizers")) == []
    assert links(glossary.link_first_uses(html, "en", "g/", "xor-mlp")) == [("unit", "units")]
    assert links(glossary.link_first_uses(html, "en", "g/")) == [("unit", "units")]  # not a lab page


def test_the_longest_term_wins_over_a_word_of_another_meaning():
    html = "<p>Adam 한 스텝(편향 보정 포함). N으로 나눈 편향 분산(biased variance)과 불편 분산, 그리고 편향</p>"
    assert links(glossary.link_first_uses(html, "ko", "g/")) == [
        ("bias-correction", "편향 보정"),
        ("biased-variance", "편향 분산"),
        ("unbiased-variance", "불편 분산"),
        ("bias", "편향"),
    ]
    html = "<p>one Adam step (with bias correction), the biased variance, the unbiased variance, a bias</p>"
    assert [a for a, _ in links(glossary.link_first_uses(html, "en", "g/"))] == [
        "bias-correction",
        "biased-variance",
        "unbiased-variance",
        "bias",
    ]


def test_no_link_in_a_reference_list_or_a_cited_title():
    html = (
        "<p><cite>Deep sparse rectifier neural networks</cite></p>"
        '<h2 id="references">References</h2><ul><li>Learning with gradient descent. <em>Neural Networks</em></li>'
        '</ul><h2 id="참고-문헌">참고 문헌</h2><p>역전파와 기울기</p>'
        '<h2 id="next">Next</h2><p>neural network, gradient descent</p>'
    )
    assert links(glossary.link_first_uses(html, "en", "g/")) == [
        ("neural-network", "neural network"),
        ("gradient-descent", "gradient descent"),
    ]
    assert links(glossary.link_first_uses(html, "ko", "g/")) == []


def test_senses_name_labs_and_terms_that_exist():
    by_en = {t.en: t for t in TERMS}
    for (lab, word), target in glossary.SENSES.items():
        assert (ROOT / "docs" / "labs" / f"{lab}.py").is_file(), lab
        assert word in by_en and (target is None or target in by_en) and word != target, (lab, word, target)
    glossary.SENSES[("batch-norm", "weight")] = "no such term"
    try:
        with pytest.raises(glossary.SiteError, match=r"\('batch-norm', 'weight'\) names no term 'no such term'"):
            glossary.link_first_uses("<p>weight</p>", "en", "g/", "batch-norm")
    finally:
        del glossary.SENSES[("batch-norm", "weight")]


def test_korean_segmentation_words_come_from_the_glossary():
    words = glossary.segmentation_words()
    assert languages.KOREAN_TERMS == words
    assert {"기울기", "소실", "배치", "정규화", "역전파", "초기화"} <= set(words)
    assert set(words) == {w for t in TERMS for w in t.ko.split() if re.fullmatch("[가-힣]{2,}", w)}
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert '"퍼셉트론",' not in (HOOKS / "languages.py").read_text(encoding="utf-8")  # no hand-kept list


def test_search_script_carries_the_glossary():
    script = glossary.search_script()
    assert script.startswith("// Generated by docs/_hooks/glossary.py")
    assert '["역전파","backpropagation"]' in script and '"이란"' in script
    assert "http" not in script.split("\n", 1)[1]  # nothing fetched from another host


def article(page):
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


LABS = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))


@pytest.mark.site
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_built_glossary_pages_and_first_use_links(site, prefix):
    page = article(site / prefix / "glossary" / "index.html")
    for term in TERMS:
        assert f'id="{glossary.anchor(term)}"' in page, term
    assert (site / "javascripts" / "glossary-search.js").is_file()
    backprop = article(site / prefix / "labs" / "backprop" / "index.html")
    assert ("backpropagation", "역전파" if not prefix else "backpropagation") in [
        (a, t.lower()) for a, t in links(backprop)
    ]
    batch_norm = [a for a, _ in links(article(site / prefix / "labs" / "batch-norm" / "index.html"))]
    assert "batch-norm-momentum" in batch_norm and "momentum" not in batch_norm  # the meaning on that page
    for name in ["index", "results", *(f"labs/{lab}" for lab in LABS)]:
        html = article(site / prefix / name.removesuffix("index") / "index.html")
        found = links(html)
        assert found, name
        anchors = [a for a, _ in found]
        assert len(anchors) == len(set(anchors)), f"{name}: a term linked twice"
        for block in re.findall(r"<(?:pre|code|h[1-6])\b.*?</(?:pre|code|h[1-6])>", html, re.S):
            assert "glossary-term" not in block, name
        assert "javascripts/glossary-search.js" in (
            site / prefix / name.removesuffix("index") / "index.html"
        ).read_text(encoding="utf-8")


def marked(html: str) -> str:
    """An article's text with each glossary link written ``[[anchor|text]]``, other tags dropped, spacing
    collapsed."""
    text = re.sub(r'<a class="glossary-term" href="[^"#]*#([\w-]+)"[^>]*>(.*?)</a>', r"[[\1|\2]]", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", text)))


#: Words that mean something else on a page than the entry of the same word (issue 19, reader E): (page, a
#: regex that must not match, a regex that must match: the word linked to its own entry, or left unlinked).
OTHER_SENSES = [
    ("labs/batch-norm", r"\[\[bias\|편향\]\] 분산", r"\[\[biased-variance\|편향 분산\]\]"),
    ("labs/optimizers", r"\[\[bias\|편향\]\] 보정", r"\[\[bias-correction\|편향 보정\]\]"),
    ("en/labs/optimizers", r"\[\[bias\|bias\]\] correction", r"\[\[bias-correction\|bias correction\]\]"),
    ("en/labs/optimizers", r"\[\[unit\|units\]\] of θ", r"the units of θ"),
    ("labs/selu", r"양수 쪽의 \[\[gradient\|", None),  # the slope of SELU (the lab now says 직선 λx)
    ("labs/backprop", r"\[\[validation\|검증\]\]", None),  # checking gradients (the lab now says 확인합니다)
    ("labs/xor-mlp", r"포화된 시그모이드의 \[\[gradient\|", r"포화된 시그모이드의 \[\[derivative\|도함수\]\]"),
]


@pytest.mark.site
@pytest.mark.parametrize(("name", "wrong", "right"), OTHER_SENSES, ids=[f"{c[0]}:{c[1]}" for c in OTHER_SENSES])
def test_built_pages_never_link_a_word_to_an_entry_of_another_meaning(site, name, wrong, right):
    text = marked(article(site / name / "index.html"))
    assert not re.search(wrong, text), f"{name}: {re.search(wrong, text)[0]!r}"
    if right:
        assert re.search(right, text), f"{name}: {right!r} not found"


@pytest.mark.site
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_built_pages_link_no_term_in_a_reference_list(site, prefix):
    checked = 0
    for lab in LABS:
        html = article(site / prefix / "labs" / lab / "index.html")
        for section in re.findall(r'<h2 id="(?:references|참고-문헌)".*?(?=<h2\b|$)', html, re.S):
            assert "glossary-term" not in section, f"{prefix}labs/{lab}: a glossary link in its reference list"
            checked += 1
    assert checked == len(LABS)  # every lab has one


@pytest.mark.site
def test_running_mean_on_the_optimizers_page_is_the_moving_average_it_means(site):
    """RMSprop's and Adam's moving averages link to 이동 평균, whose definition covers them."""
    html = article(site / "labs" / "optimizers" / "index.html")
    (title,) = re.findall(r'<a class="glossary-term" href="[^"#]*#running-mean" title="([^"]*)"', html)
    assert "RMSprop" in unescape(title) and "Adam" in unescape(title)
