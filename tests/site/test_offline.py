"""The offline site (``OFFLINE=true mkdocs build``, zipped by the pages workflow): opened from disk (file://) in
chromium it searches in each language and its links open pages, with no request to another host.

The site is built once for this module, with Material's offline plugin on (mkdocs.yml) and
docs/_hooks/offline.py; the labs come from the cache the other site builds fill.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT
from tests.site.browser import SHOTS, assert_nothing_missing, search, watch

pytestmark = pytest.mark.site

INDEX_SCRIPT_START = "var __index = "


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offline-site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true"},
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return out


class _Links(HTMLParser):
    """The URLs a page links (``a``, ``link``) and loads (``script``, ``img``, ``source``)."""

    def __init__(self):
        super().__init__()
        self.links, self.loads = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append((tag, attrs.get("rel", ""), attrs["href"]))
        if tag in ("script", "img", "source", "iframe") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload", "modulepreload"):
            self.loads.append(attrs["href"])


def _pages(site: Path) -> list[Path]:
    # 404.html is served by a web server at any depth, so its links are absolute: never opened from disk
    return [page for page in sorted(site.rglob("*.html")) if page.relative_to(site) != Path("404.html")]


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_local_link_opens_a_file_not_a_folder(offline_site):
    """From disk, a link to ``labs/xor-mlp/`` shows a folder listing: every page links files."""
    pages = _pages(offline_site)
    assert len(pages) > 20
    broken = []
    for page in pages:
        for tag, rel, href in _parse(page).links:
            url = urlsplit(href)
            if url.scheme or href.startswith(("#", "//")) or rel in ("canonical", "alternate"):
                continue  # another host, a place in this page, or an address for search engines
            target = (page.parent / unquote(url.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_site)}: <{tag} href={href!r}>")
    assert broken == []


def test_no_page_loads_a_file_from_another_host(offline_site):
    outside = [
        f"{page.relative_to(offline_site)}: {src}"
        for page in _pages(offline_site)
        for src in _parse(page).loads
        if urlsplit(src).scheme in ("http", "https") or src.startswith("//")
    ]
    assert outside == []


def _index_script(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(INDEX_SCRIPT_START), path
    return json.loads(text[len(INDEX_SCRIPT_START) :])


def test_each_language_has_its_own_final_search_index_as_a_script(offline_site):
    """Material reads ``search/search_index.js`` from file:// pages; English pages look under en/ (main.html).
    Each script holds its language's index as docs/_hooks/languages.py left it (split, Korean segmented)."""
    for folder in ("search", "en/search"):
        json_index = json.loads((offline_site / folder / "search_index.json").read_text(encoding="utf-8"))
        assert _index_script(offline_site / folder / "search_index.js") == json_index, folder
    korean = _index_script(offline_site / "search" / "search_index.js")["docs"]
    english = _index_script(offline_site / "en" / "search" / "search_index.js")["docs"]
    assert korean and english
    assert not any(doc["location"].startswith("en/") for doc in korean)
    assert all(doc["location"].endswith(".html") or ".html#" in doc["location"] for doc in korean + english)
    assert any("\u200b" in doc["text"] for doc in korean)  # compounds marked off, as languages.py does


def test_the_search_worker_shim_is_served_from_the_site(offline_site):
    shim = offline_site / "javascripts" / "iframe-worker.js"
    assert "window.Worker=" in shim.read_text(encoding="utf-8")
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    lab = (offline_site / "en" / "labs" / "backprop.html").read_text(encoding="utf-8")
    assert '<script src="javascripts/iframe-worker.js"></script>' in home
    assert '<script src="../../javascripts/iframe-worker.js"></script>' in lab
    assert "unpkg.com" not in home + lab


# ------------------------------------------------------------------------------------------ in the browser


@pytest.fixture
def disk_page(browser, offline_site):
    """A page of chromium that records requests outside the offline site's folder (``page.outside``) and
    files that failed to load (``page.missing``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watch(context.new_page(), offline_site.as_uri())
    page.root = offline_site.as_uri()
    yield page
    try:
        assert_nothing_missing(page)
        assert page.outside == []  # nothing from another host
    finally:
        context.close()


def _on_disk(page, results):
    """Search result paths relative to the site folder."""
    root = urlsplit(page.root).path
    assert all(r.startswith(root + "/") for r in results), results
    return [r[len(root) + 1 :] for r in results]


def test_korean_search_from_disk_finds_pages_and_follows_a_link(disk_page):
    page = disk_page
    page.goto(f"{page.root}/index.html")
    results = _on_disk(page, search(page, "신경망"))
    assert "labs/perceptron.html" in results, results  # only inside the compound 인공신경망 there
    assert not any(r.startswith("en/") for r in results), results
    page.locator('.md-search-result__item > a[href*="labs/perceptron.html"]').first.click()
    page.wait_for_url(f"{page.root}/labs/perceptron.html*")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "퍼셉트론" in page.locator("h1").inner_text()
    # a link inside the page: the footer's next page opens a file, not a folder listing
    next_link = page.locator("a.md-footer__link--next")
    href = next_link.get_attribute("href")
    next_link.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and href.endswith(".html"), (page.url, href)
    assert page.locator("h1").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "offline-ko.png")


def test_english_search_from_disk_stays_in_english(disk_page):
    page = disk_page
    page.goto(f"{page.root}/en/labs/backprop.html")
    results = _on_disk(page, search(page, "역전파"))  # a Korean term on the English site (glossary search)
    assert results and all(r.startswith("en/") for r in results), results
    assert "en/labs/backprop.html" in results, results
