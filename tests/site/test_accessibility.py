"""Accessibility (WCAG 2.1 AA) of the built site in a real browser.

- axe-core's WCAG 2.0/2.1 A and AA rules on every page, Korean and English, light and dark scheme;
- a keyboard-only walk through a lab page: Tab reaches the search, the language switch, the downloads, every
  folded solution and every table that scrolls, and each stop shows a focus ring of 3:1 or more;
- Lighthouse's accessibility audit of one lab page (``python -m tests.site.lighthouse <site>`` audits them all).

The Node tools come from ``tests/site/node`` (``npm ci`` there); without them these tests skip, under CI they fail.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site.browser import AXE, NODE_DIR, SHOTS, missing_tool

pytestmark = pytest.mark.site

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
NPM_CI = f"run `npm ci` in {NODE_DIR.relative_to(ROOT)}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing_tool(f"axe-core not installed: {NPM_CI}")
    return AXE.read_text(encoding="utf-8")


def site_pages(site) -> list[str]:
    """Every page of the built site as a path on the server: /, /labs/x/, /en/labs/x/, ..., /404.html."""
    pages = ["/" + str(index.parent.relative_to(site)) + "/" for index in site.rglob("index.html")]
    return sorted(path.replace("/./", "/") for path in pages) + ["/404.html"]


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the loaded page. td-has-header (every data
    cell of a large table has a header) is one of them, but axe ships it as experimental: it is turned on."""
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, rules: {"td-has-header": {enabled: true}}})
             .then(result => result.violations.map(v => ({
               rule: v.id,
               nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
             })))""",
        WCAG_TAGS,
    )


def open_page(browser, server, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    return context, context.new_page()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_on_any_page(browser, server, site, axe_source, scheme):
    context, page = open_page(browser, server, scheme)
    found = []
    pages = site_pages(site)
    assert {"/", "/en/", "/labs/perceptron/", "/en/labs/perceptron/", "/en/glossary/"} <= set(pages)
    try:
        for path in pages:
            page.goto(f"{server}{path}")
            page.wait_for_load_state("load")
            assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme], path
            for violation in run_axe(page, axe_source):
                nodes = violation["nodes"]
                found.append(f"{path} {violation['rule']} ({len(nodes)}): " + " | ".join(nodes[:3]))
    finally:
        context.close()
    assert found == [], f"{len(found)} violations in the {scheme} scheme:\n" + "\n".join(found)


def test_axe_reports_what_the_sites_styles_fix(browser, server, axe_source):
    """Without docs/stylesheets/extra.css and the overrides' table script, axe finds the violations they fix:
    the test above can fail."""
    context, page = open_page(browser, server, "light")
    try:
        page.route("**/stylesheets/extra.css", lambda route: route.fulfill(body="", content_type="text/css"))
        page.goto(f"{server}/en/labs/selu/")
        page.wait_for_load_state("load")
        page.evaluate(
            """() => document.querySelectorAll(".md-typeset__scrollwrap[tabindex]").forEach(box => {
                 box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label"); })"""
        )
        rules = {violation["rule"] for violation in run_axe(page, axe_source)}
    finally:
        context.close()
    assert {"link-in-text-block", "color-contrast", "scrollable-region-focusable"} <= rules, rules


@pytest.mark.parametrize("path", ["/", "/en/", "/labs/perceptron/", "/en/labs/perceptron/"])
def test_search_dialog_has_a_name_in_the_pages_language(site, path):
    """docs/_overrides/main.html names Material's search dialog (its markup is matched by a replace)."""
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    label = "Search" if path.startswith("/en/") else "검색"
    assert f'data-md-component="search" role="dialog" aria-label="{label}"' in html


def test_every_table_header_cell_names_its_column(site):
    """Every column has a name (dnn_guide.Table refuses an empty one), so every data cell has a header."""
    for path in sorted(site.rglob("*.html")):
        for head in re.findall(r"<thead>(.*?)</thead>", path.read_text(encoding="utf-8"), re.S):
            cells = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
            assert all(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells), (path, cells)


# ------------------------------------------------------------------------------------------- the keyboard

#: After each Tab: what has focus and the focus ring it shows (tests/site/focus.js).
FOCUS = (Path(__file__).parent / "focus.js").read_text(encoding="utf-8")

#: What a keyboard must reach on the page: downloads, folded parts (not inside a closed one), scrolling tables.
TARGETS = """() => ({
  downloads: [...document.querySelectorAll("article a[download]")].map(a => a.getAttribute("href")),
  summaries: [...document.querySelectorAll("article details > summary")]
    .filter(s => !s.parentElement.parentElement.closest("details:not([open])")).map(s => s.textContent.trim()),
  tables: document.querySelectorAll(".md-typeset__scrollwrap[tabindex='0']").length,
})"""


@pytest.mark.parametrize(("path", "scheme"), [("/labs/batch-norm/", "light"), ("/en/labs/batch-norm/", "dark")])
def test_keyboard_reaches_everything_and_focus_is_always_visible(browser, server, path, scheme):
    context, page = open_page(browser, server, scheme)
    try:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("load")
        targets = page.evaluate(TARGETS)
        stops = []
        for _ in range(1000):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS)
            if stop is None or (stops and stop["stop"] == stops[0]["stop"]):
                break  # past the last element (or round to the first): the walk is complete
            stops.append(stop)
        else:
            pytest.fail(f"Tab never left the page after 1000 stops (a keyboard trap?) at {stops[-1]['what']}")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"keyboard-walk-{scheme}.png")
    finally:
        context.close()

    assert any(stop["search"] for stop in stops), "Tab never reached the search field"
    assert {stop["language"] for stop in stops} >= {"button", "ko", "en"}, "Tab missed the language switch"
    assert targets["downloads"], f"{path} has no download links: pick a lab page"
    assert [stop["download"] for stop in stops if stop["download"]] == targets["downloads"]
    assert targets["summaries"], f"{path} has no folded solutions: pick a lab page that has exercises"
    assert [stop["summary"] for stop in stops if stop["summary"]] == targets["summaries"]
    assert targets["tables"] > 0, f"no table of {path} scrolls at 1280 px: pick a page with a wide table"
    assert sum(stop["table"] for stop in stops) == targets["tables"]
    unseen = [
        f"{s['what']}: outline {s['outline']}, {s['contrast']}:1" for s in stops if not s["ring"] or s["contrast"] < 3
    ]
    assert unseen == [], "focus not visible (an outline of 2 px or more at 3:1 or more) on:\n" + "\n".join(unseen)


# ------------------------------------------------------------------------------------------- Lighthouse


def test_lighthouse_scores_a_lab_page_100(server):
    """One page (~15 s); `python -m tests.site.lighthouse <site>` audits every lab page in both languages."""
    from tests.site import lighthouse

    if not lighthouse.LIGHTHOUSE.exists():
        missing_tool(f"lighthouse not installed: {NPM_CI}")
    score, failed = lighthouse.audit(f"{server}/en/labs/selu/")
    assert (score, failed) == (100, [])
