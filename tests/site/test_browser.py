"""The built site in a real browser (Debian's chromium, driven by Playwright), served on localhost.

Screenshots land in ``build/screenshots/`` (or ``$SCREENSHOT_DIR``) for a person to look at.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LABS = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))

if CHROMIUM is None:
    if os.environ.get("CI"):  # CI installs chromium: a missing browser there is a failure, not a skip
        pytest.fail("chromium not found: .ci/run installs it with apt-get", pytrace=False)
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


def watch(page, server):
    """Record on ``page`` the requests that leave localhost (``outside``) and every local request that
    fails: a response of 400 or more (a 404 of any file, fetched by the page or by its JavaScript) or
    a request that got no answer (``missing``)."""
    page.outside, page.missing = [], []

    def on_request(request):
        if not request.url.startswith((server, "data:", "blob:")):
            page.outside.append(request.url)

    def on_response(response):
        if response.status >= 400:
            page.missing.append(f"{response.status} {response.url}")

    def on_failed(request):
        # ERR_ABORTED: a fetch still running when the test goes to the next page, not a missing file
        if request.url.startswith(server) and "ERR_ABORTED" not in (request.failure or ""):
            page.missing.append(f"failed ({request.failure}) {request.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    return page


def assert_nothing_missing(page):
    """Wait for the last page's requests (JavaScript fetches some after the load), then fail on any 404."""
    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
    except sync_api.Error:
        pass  # a page that keeps a request open: what came back so far is checked
    assert page.missing == [], f"requests that failed: {page.missing}"


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watch(context.new_page(), server)
    yield page
    try:
        assert_nothing_missing(page)  # every test fails on a 404, whatever it checks itself
    finally:
        context.close()


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


def search(page, query):
    field = page.locator("input.md-search__input")
    if not field.is_visible():  # narrow screens hide the field behind a button
        page.locator("label.md-header__button[for=__search]").click()
    field.click()
    field.fill(query)
    field.press("End")  # Material searches on key events; fill() types Hangul without any
    page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    return [page.evaluate("a => a.pathname", a) for a in page.locator(".md-search-result__item > a").element_handles()]


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
