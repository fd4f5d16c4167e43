"""Build the whole site once (labs executed, or taken from .cache/labs) and check what a reader gets."""

import gzip
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from sitecore import source

from tests.conftest import ROOT

pytestmark = pytest.mark.site
LAB = "perceptron"
LABS = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def code_blocks(html: str) -> list[str]:
    """The text of every highlighted Python block, tags stripped."""
    blocks = re.findall(r'<div class="language-python highlight"><pre>(.*?)</pre>', html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks]


def test_both_languages_have_every_page(site):
    for page in ("index.html", f"labs/{LAB}/index.html", "reference/index.html", "run-locally/index.html"):
        assert (site / page).is_file(), page
        assert (site / "en" / page).is_file(), f"en/{page}"
    assert '<html lang="ko"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("lab", LABS)
def test_lab_page_is_rendered_with_its_executed_output(site, prefix, lab):
    html = article(site / prefix / "labs" / lab / "index.html")
    assert "# %%" not in html and "jupytext" not in html, "the lab source was copied raw"
    assert "nb-output" in html and "<table>" in html  # printed output and tables from code
    images = re.findall(r'<img[^>]+src="([^"]+\.png)"', html)
    assert images
    for src in images:
        assert (site / prefix / "labs" / lab / src).resolve().is_file(), src
    assert "\\(" not in html and "\\[" not in html  # math typeset at build time: no TeX left for a script
    if "$" in (ROOT / "docs" / "labs" / f"{lab}.py").read_text(encoding="utf-8"):
        assert 'class="katex"' in html and "<math" in html  # KaTeX's HTML, with its MathML for screen readers


@pytest.mark.parametrize(("prefix", "heading"), [("", "이 페이지가 실행된 환경"), ("en/", "Where this page ran")])
def test_lab_pages_say_where_they_ran(site, prefix, heading):
    import torch

    for lab in LABS:
        html = article(site / prefix / "labs" / lab / "index.html")
        assert heading in html and f"torch {torch.__version__}" in html, lab


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_perceptron_output_is_on_the_page(site, prefix):
    html = article(site / prefix / "labs" / LAB / "index.html")
    assert "ln 2 = 0.693147, final XOR loss = 0.693147" in html  # printed by the executed lab


@pytest.mark.parametrize("lab", LABS)
def test_ko_and_en_pages_carry_the_same_code(site, lab):
    ko_html = article(site / "labs" / lab / "index.html")
    en_html = article(site / "en" / "labs" / lab / "index.html")
    ko, en = code_blocks(ko_html), code_blocks(en_html)
    assert len(ko) >= 3 and ko == en
    assert re.search("[가-힣]", ko_html.split("</h1>")[1])
    assert not re.search("[가-힣]", re.sub(r"<pre>.*?</pre>", "", en_html, flags=re.S))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_downloads_are_valid_notebook_and_script(site, lang):
    prefix = "" if lang == "ko" else "en/"
    page = article(site / prefix / "labs" / LAB / "index.html")
    assert f'href="../{LAB}.{lang}.ipynb"' in page or f'href="../../../labs/{LAB}.{lang}.ipynb"' in page
    nb = json.loads((site / "labs" / f"{LAB}.{lang}.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert any(cell["cell_type"] == "code" and cell["outputs"] for cell in nb["cells"])
    script = (site / "labs" / f"{LAB}.{lang}.py").read_text(encoding="utf-8")
    compile(script, f"{LAB}.{lang}.py", "exec")


# Every lab's downloaded script and notebook runs outside the repository on the built wheel: tests/site/test_wheel.py.


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_downloads_read_as_the_page_does(site, lang):
    """No template is left in a download's prose: inline values and the results markers are filled in, and the
    quizzes are plain Markdown (their answers folded), not the page's quiz blocks."""
    for path in sorted((site / "labs").glob(f"*.{lang}.ipynb")) + sorted((site / "labs").glob(f"*.{lang}.py")):
        text = path.read_text(encoding="utf-8")
        assert "<!-- results:" not in text and "{python}" not in text and "```quiz" not in text, path.name
    backprop = (site / "labs" / f"backprop.{lang}.ipynb").read_text(encoding="utf-8")
    results = "results/" if lang == "ko" else "en/results/"
    assert re.search(rf"\(https?://[^)\s]*/{results}\)", backprop), "the full-data table links the results page"


def test_api_reference_in_both_languages(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "reference" / "index.html").read_text(encoding="utf-8")
        assert 'id="dnn_guide.data.load_mnist"' in html and 'id="dnn_guide.train.fit"' in html


def test_korean_headings_get_korean_ids(site):
    html = article(site / "labs" / LAB / "index.html")
    ids = re.findall(r'<h2 id="([^"]*)"', html)
    assert ids and all(ids) and any(re.search("[가-힣]", i) for i in ids)
    assert not any(i.startswith("_") for i in ids)


def test_no_asset_from_outside_hosts(site):
    pattern = re.compile(r'(?:src|href)="(https?://[^"]+)"')
    for page in site.rglob("*.html"):
        for url in pattern.findall(page.read_text(encoding="utf-8")):
            is_asset = re.search(r"\.(css|js|woff2?|ttf|png|jpe?g|svg|gif)(\?|$)", url) or "fonts.g" in url
            assert not is_asset, f"{page.relative_to(site)} loads {url}"


def page_weight(site, page):
    """Bytes a first visit downloads for a page's HTML plus the stylesheets it links, gzip-compressed as web
    servers send them (images and scripts not counted). Compressed, because typeset math (KaTeX's spans) is
    long but repetitive: it shrinks about eightfold, while a page that embeds what it should link does not."""
    html = page.read_text(encoding="utf-8")
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    files = [page.read_bytes()] + [(page.parent / href.split("?")[0]).resolve().read_bytes() for href in css]
    return sum(len(gzip.compress(data)) for data in files)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_lab_pages_weigh_under_80_kb_compressed(site, prefix):
    for lab in LABS:
        weight = page_weight(site, site / prefix / "labs" / lab / "index.html")
        assert weight <= 80_000, f"{prefix}labs/{lab}: {weight:,} bytes gzip-compressed"


def test_each_language_has_its_search_index_and_sitemap(site):
    ko = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert ko["docs"] and not any(d["location"].startswith("en/") for d in ko["docs"])
    assert any(d["location"].startswith("labs/perceptron/") for d in en["docs"])
    assert not any(re.search("[가-힣]", d["title"]) for d in en["docs"])
    assert (site / "en" / "sitemap.xml").read_bytes() == (site / "sitemap.xml").read_bytes()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/labs/perceptron/" in sitemap and 'hreflang="en"' in sitemap


def test_404_page_speaks_both_languages(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "페이지를 찾을 수 없습니다" in html and "Page not found" in html


def test_pages_have_link_preview_tags(site):
    html = (site / "en" / "labs" / "perceptron" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="8-1 The perceptron and the XOR problem - dnn-guide">' in html
    assert '<meta property="og:locale" content="en_US">' in html


@pytest.mark.parametrize(
    ("prefix", "header"), [("", "원래 노트북이 출력한 값"), ("en/", "Printed by the original notebook")]
)
def test_results_page_is_generated_from_the_records(site, prefix, header):
    html = article(site / prefix / "results" / "index.html")
    assert header in html and "<!-- results:" not in html
    for lab in ("08_1", "09_1", "09_6_no_bn", "09_7"):
        assert f"<td>{lab}</td>" in html
    assert "fit ÷" in html  # the bench table
    assert (site / "results" / "reproduce.png").is_file()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_batch_norm_demo_leaves_the_trained_running_statistics_alone(site, prefix):
    """The train()-mode demo runs on a copy: test images must not leak into bn_model's running statistics."""
    html = article(site / prefix / "labs" / "batch-norm" / "index.html")
    assert (
        "bn_model&#x27;s running statistics untouched: True" in html
        or "bn_model's running statistics untouched: True" in html
    )


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_lab_pages_credit_the_original_notebooks_and_show_the_full_data_records(site, prefix):
    for header in HEADERS:
        html = article(site / prefix / "labs" / header.name / "index.html")
        assert "github.com/deeplearningzerotoall/PyTorch" in html, header.name
        for original in header.originals:  # the notebooks its header names are linked from the page
            assert f"deeplearningzerotoall/PyTorch/blob/master/{quote(original)}" in html, (header.name, original)
        assert "<!-- results:" not in html, header.name  # every results marker was filled
        source = (ROOT / "docs" / "labs" / f"{header.name}.py").read_text(encoding="utf-8")
        for experiment in set(re.findall(r"<!-- results:lab:(\w+) -->", source)):
            assert f"<td>{experiment}</td>" in html, (header.name, experiment)


HEADERS = source.headers(ROOT / "docs" / "labs")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_nav_lists_every_lab_in_header_order_with_its_number_and_title(site, lang):
    html = (site / ("" if lang == "ko" else "en/") / "index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a href="labs/([\w-]+)/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', html
    )
    assert [name for name, _ in links] == [header.name for header in HEADERS]
    for (name, title), header in zip(links, HEADERS):
        assert unescape(title) == header.nav_title(lang), name
        assert bool(re.search("[가-힣]", title)) == (lang == "ko"), f"{lang}/{name}: nav title {title!r}"
        if header.number:
            assert title.startswith(header.number + " "), (name, title)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_index_table_lists_every_lab_from_its_header(site, lang):
    html = article(site / ("" if lang == "ko" else "en/") / "index.html")
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>\s*<td><a href=\"labs/([\w-]+)/\">([^<]+)</a></td>", html)
    assert [(number.strip(), name, unescape(title)) for number, name, title in rows] == [
        (header.number or "", header.name, header.title[lang]) for header in HEADERS
    ]


LEARNING_PARTS = {
    "ko": ("이 실습에서 배우는 것", "먼저 알아 둘 것", "연습 문제", "핵심 정리", "참고 문헌"),
    "en": ("What you will learn", "Prerequisites", "Exercises", "Key points", "References"),
}


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("lab", LABS)
def test_lab_pages_teach_with_objectives_exercises_key_points_and_references(site, lang, lab):
    html = article(site / ("" if lang == "ko" else "en/") / "labs" / lab / "index.html")
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    missing = [part for part in LEARNING_PARTS[lang] if part not in text]
    assert not missing, f"{lang}/{lab}: missing {missing}"
    solutions = re.findall(
        r'<details class="success">\s*<summary>(Solution|풀이)[^<]*</summary>(.*?)</details>', html, re.S
    )
    assert len(solutions) >= 2, f"{lang}/{lab}: {len(solutions)} folded code solutions, want at least 2"
    for _, body in solutions:
        assert "✅" in body, f"{lang}/{lab}: a solution shows no passing check"
