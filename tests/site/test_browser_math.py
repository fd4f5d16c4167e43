"""The formulas of the built site as a reader sees them, in light and dark mode (Debian's chromium).

Each display formula is screenshot into ``build/screenshots/math-<lab>-<lang>-<scheme>-<n>.png``.
The checks fail when math renders badly: TeX left as text, a KaTeX error, KaTeX's fonts not loaded
from the site, the SELU ``cases`` brace not stretched over its two lines, or formulas drawn in a
colour that does not follow the theme.
"""

import io
import re

import numpy as np
import pytest
from PIL import Image

from tests.site.browser import LABS, SHOTS, assert_nothing_missing, watch

pytestmark = pytest.mark.site
RAW_TEX = re.compile(r"\\(frac|begin|end|sum|sigma|lambda|alpha|hat|text|sqrt|odot|partial)\b|\$\$|\\\(|\\\[")


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, color_scheme=request.param)
    page = watch(context.new_page(), server)
    page.scheme = request.param
    yield page
    try:
        assert_nothing_missing(page)
    finally:
        context.close()


def math_report(page):
    """What the page's math looks like, measured in the browser."""
    return page.evaluate(
        """() => {
        const article = document.querySelector('article');
        const clone = article.cloneNode(true);
        clone.querySelectorAll('pre, code, .katex-mathml, script').forEach(e => e.remove());
        const formulas = [...article.querySelectorAll('.arithmatex')];
        const rgba = c => c.match(/[\\d.]+/g).map(Number);
        const luminance = c => {
            const [r, g, b] = rgba(c);
            return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
        };
        const background = e => {  // the first ancestor with an opaque background
            for (; e; e = e.parentElement) {
                const c = getComputedStyle(e).backgroundColor, [, , , a = 1] = rgba(c);
                if (a > 0.5) return c;
            }
            return 'rgb(255, 255, 255)';
        };
        return {
            text: clone.innerText,
            formulas: formulas.length,
            visible: formulas.filter(f => f.checkVisibility()).length,  // not in a closed quiz answer
            typeset: formulas.filter(f => f.querySelector('.katex')).length,
            errors: article.querySelectorAll('.katex-error').length,
            display: article.querySelectorAll('div.arithmatex .katex-display').length,
            fonts: [...document.fonts].filter(f => f.family.startsWith('KaTeX')).map(f => [f.family, f.status]),
            contrast: formulas.map(f => Math.abs(
                luminance(getComputedStyle(f.querySelector('.katex') || f).color) - luminance(background(f)))),
        };
    }"""
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_formulas_are_typeset_from_the_site_s_own_files(scheme_page, server, prefix):
    page = scheme_page
    SHOTS.mkdir(parents=True, exist_ok=True)
    with_math = 0
    for lab in LABS:
        page.goto(f"{server}{prefix}/labs/{lab}/")
        page.evaluate("document.fonts.ready.then(() => true)")
        report = math_report(page)
        if not report["formulas"]:
            continue
        with_math += 1
        where = f"{prefix}/labs/{lab} ({page.scheme})"
        assert report["typeset"] == report["formulas"], f"{where}: formulas left untypeset"
        assert report["errors"] == 0, f"{where}: KaTeX errors"
        assert not RAW_TEX.search(report["text"]), f"{where}: raw TeX visible: {RAW_TEX.search(report['text'])[0]}"
        loaded = {family for family, status in report["fonts"] if status == "loaded"}
        if report["visible"]:  # a browser loads a font for text it shows (speed's formulas are in quiz answers)
            assert {"KaTeX_Main", "KaTeX_Math"} <= loaded, f"{where}: KaTeX fonts not loaded: {report['fonts']}"
        assert min(report["contrast"]) > 0.5, f"{where}: formulas barely differ from the background ({page.scheme})"
        lang = "en" if prefix else "ko"
        for i, formula in enumerate(page.locator("div.arithmatex").all()):
            formula.scroll_into_view_if_needed()
            formula.screenshot(path=SHOTS / f"math-{lab}-{lang}-{page.scheme}-{i + 1}.png")
    assert with_math >= 3, "expected formulas on the SELU, batch norm and backprop pages"
    assert page.outside == [], page.outside


def ink_height(png: bytes) -> int:
    """Pixel rows of a screenshot that hold ink: anything unlike the most common (background) shade."""
    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
    values, counts = np.unique(gray, return_counts=True)
    rows = np.flatnonzero((np.abs(gray - values[counts.argmax()]) > 60).any(axis=1))
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def test_the_selu_cases_brace_spans_both_lines(scheme_page, server):
    """The bug this guards against: Chromium's own MathML drew the brace one line tall (no math font)."""
    page = scheme_page
    page.goto(f"{server}/labs/selu/")
    page.evaluate("document.fonts.ready.then(() => true)")
    display = page.locator(".katex-display", has_text="SELU").first
    display.scroll_into_view_if_needed()
    brace = display.locator(".katex-html .mopen", has_text="{").first
    cases = display.locator(".katex-html .mtable").first
    assert cases.locator(".col-align-l").count() >= 2, "the cases are not laid out as left-aligned columns"
    around = display.bounding_box()

    def ink(element) -> int:  # over the formula's whole height: KaTeX's boxes do not bound their ink
        box = element.bounding_box()
        return ink_height(page.screenshot(clip={**around, "x": box["x"], "width": box["width"]}))

    brace, rows = ink(brace), ink(cases)
    assert brace >= 0.8 * rows, f"the cases brace is {brace}px tall for {rows}px of cases: not stretched"
    display.screenshot(path=SHOTS / f"math-selu-cases-{page.scheme}.png")


def test_without_javascript_the_formulas_are_already_typeset(browser, server):
    """Rendered at build time: a reader without JavaScript sees the same formulas, not TeX."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/labs/batch-norm/")
        assert page.locator("article .katex-display").count() > 0
        assert page.locator("article .katex-html .sqrt").count() > 0
    finally:
        context.close()


def test_pages_without_math_do_not_load_the_math_stylesheet(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{server}/run-locally/")
        assert page.locator("article .arithmatex").count() == 0
        assert page.locator('link[href$="katex.min.css"]').count() == 0
        page.goto(f"{server}/labs/selu/")
        assert page.locator('link[href$="katex.min.css"]').count() == 1
    finally:
        context.close()
