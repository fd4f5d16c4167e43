"""The built site in a real browser (Debian's chromium, driven by Playwright), served on localhost.

Screenshots land in ``build/screenshots/`` (or ``$SCREENSHOT_DIR``) for a person to look at.
"""

import re

import pytest

from tests.site.browser import LABS, SHOTS, assert_nothing_missing, search, watch

pytestmark = pytest.mark.site


def switch_language(page, hreflang):
    page.locator(".md-header .md-select").first.hover()
    with page.expect_navigation():
        page.locator(f'.md-header a.md-select__link[hreflang="{hreflang}"]').click()


def test_language_switcher_round_trip(page, server):
    page.goto(f"{server}/labs/perceptron/")
    assert page.locator("html").get_attribute("lang") == "ko"
    switch_language(page, "en")
    assert page.url == f"{server}/en/labs/perceptron/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "perceptron" in page.locator("h1").inner_text().lower()
    switch_language(page, "ko")
    assert page.url == f"{server}/labs/perceptron/"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "lab-perceptron-ko.png", full_page=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("퍼셉트론", "/labs/perceptron/"),  # appears as 퍼셉트론은, 퍼셉트론이, 퍼셉트론(perceptron)은 ...
        ("역전파", "/labs/backprop/"),
        ("신경망", "/labs/xor-mlp/"),  # as 신경망으로, 신경망입니다 ...
        ("신경망", "/labs/perceptron/"),  # only inside the compound 인공신경망 there
        ("초기화", "/labs/weight-init/"),
    ],
)
def test_korean_search_finds_words_with_particles(page, server, query, expected):
    page.goto(f"{server}/")
    results = search(page, query)
    assert expected in results, results
    assert not any(r.startswith("/en/") for r in results), results


def test_search_from_english_pages_gives_english_results(page, server):
    page.goto(f"{server}/en/")
    results = search(page, "perceptron")
    assert results and all(r.startswith("/en/") for r in results), results
    assert results[0] in ("/en/labs/perceptron/", "/en/labs/xor-mlp/")
    page.screenshot(path=SHOTS / "search-en.png")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_lab_pages_show_outputs_and_load_their_figures(page, server, prefix):
    for lab in LABS:
        page.goto(f"{server}{prefix}/labs/{lab}/")
        assert page.locator(".nb-output").count() > 0, lab
        images = page.locator("article img")
        assert images.count() > 0, lab
        page.wait_for_load_state("load")
        broken = page.evaluate(
            "() => [...document.querySelectorAll('article img')]"
            ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert not broken, (lab, broken)
    assert page.outside == []


def test_no_request_leaves_localhost(page, server):
    for path in ("/", "/en/", "/labs/optimizers/", "/reference/", "/en/results/", "/run-locally/"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    assert page.outside == []


@pytest.mark.parametrize("path", ["/", "/en/", "/labs/perceptron/", "/en/labs/perceptron/", "/en/reference/"])
def test_no_request_gets_a_404(page, server, path):
    """Material fetched <page>/sitemap.xml for each <link rel="alternate"> of mkdocs-static-i18n (see
    docs/_overrides/main.html): nothing a page asks for may be missing."""
    page.goto(f"{server}{path}")
    assert_nothing_missing(page)
    assert page.locator('head link[rel="alternate"][hreflang]').count() == 0
    assert page.locator(".md-header a.md-select__link[hreflang]").count() == 2  # the selector keeps its links


def test_dark_mode_toggle(page, server):
    page.goto(f"{server}/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_timeout(200)
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    page.goto(f"{server}/labs/batch-norm/")
    page.screenshot(path=SHOTS / "lab-batch-norm-dark.png")


def test_phone_viewport_has_a_menu_and_no_page_overflow(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = watch(context.new_page(), server)
    for path in ("/labs/optimizers/", "/en/results/", "/labs/weight-init/"):
        page.goto(f"{server}{path}")
        assert page.locator("label.md-header__button[for=__drawer]").is_visible()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    page.goto(f"{server}/labs/optimizers/")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_timeout(300)
    assert page.locator(".md-nav--primary").is_visible()
    page.screenshot(path=SHOTS / "phone-nav.png")
    assert_nothing_missing(page)
    context.close()


def test_code_blocks_have_a_copy_button(page, server):
    page.goto(f"{server}/labs/perceptron/")
    copy_buttons = page.locator('button.md-code__button[data-md-type="copy"]')
    assert copy_buttons.count() >= page.locator("div.language-python").count() > 0
    title = page.locator("h1").inner_text()
    assert re.search("[가-힣]", title)
