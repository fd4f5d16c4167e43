"""What the browser tests share: where chromium is, the screenshot folder, a local server of a built site,
helpers that watch a page's requests and type into the site's search, and axe-core (the Node test tools in
``tests/site/node``). The fixtures (one server and one browser per session) are in ``conftest.py``."""

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LABS = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))
NODE_DIR = ROOT / "tests" / "site" / "node"  # package.json of the Node test tools; `npm ci` there installs them
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def missing_tool(message: str):
    """Skip a test whose tool is not installed; under CI, which installs every tool, fail it."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (.ci/run installs it)", pytrace=False)
    pytest.skip(message)


def sync_api():
    """Playwright's sync API; without chromium the browser tests skip here, and fail under CI."""
    if CHROMIUM is None:
        missing_tool("chromium not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on localhost; yields the server's address (no trailing slash)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


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
    except sync_api().Error:
        pass  # a page that keeps a request open: what came back so far is checked
    assert page.missing == [], f"requests that failed: {page.missing}"


def search(page, query):
    field = page.locator("input.md-search__input")
    if not field.is_visible():  # narrow screens hide the field behind a button
        page.locator("label.md-header__button[for=__search]").click()
    field.click()
    field.fill(query)
    field.press("End")  # Material searches on key events; fill() types Hangul without any
    page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    items = page.locator(".md-search-result__item > a")
    shown = -1
    while items.count() != shown:  # Material renders the results ten at a time, as the list scrolls
        shown = items.count()
        items.last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    return [page.evaluate("a => a.pathname", a) for a in items.element_handles()]
