"""Wide tables on a phone and labs on paper (docs/stylesheets/layout.css, docs/javascripts/layout.js), in chromium.

On a 375 px phone a table of six or more columns shows each row as a card: every value beside its column's
header, nothing cut off, nothing overlapping. A printed lab hides the site's navigation, opens its folded
solutions and keeps tables, code and figures inside the page; page.pdf() prints one Korean and one English lab.
"""

import math
import re

import pytest

from tests.site.browser import AXE, LABS, SHOTS, assert_nothing_missing, missing_tool, watch

pytestmark = pytest.mark.site

PHONE = {"width": 375, "height": 740}
A4_MM = (210, 297)
MARGIN_MM = 15
PX_PER_MM = 96 / 25.4  # CSS pixels: the width a printed page lays out at
PRINT_WIDTH = round((A4_MM[0] - 2 * MARGIN_MM) * PX_PER_MM)
PRINT_HEIGHT = (A4_MM[1] - 2 * MARGIN_MM) * PX_PER_MM

#: Problems of every card table of the page: a cell whose label is not its column's header, a value beside
#: no label or cut off by its card, two fields or two cards overlapping, a card wider than the screen.
CARD_PROBLEMS = """() => {
  const problems = [];
  const box = e => e.getBoundingClientRect();
  const tables = [...document.querySelectorAll(".md-typeset table[data-cards]")];
  tables.forEach((table, t) => {
    const headers = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
    if (getComputedStyle(table.tHead).position !== "absolute") problems.push(`table ${t}: header row still shown`);
    let lastCard = null;
    [...table.tBodies[0].rows].forEach((row, r) => {
      const card = box(row);
      if (card.left < 0 || card.right > window.innerWidth) problems.push(`table ${t} row ${r}: wider than the screen`);
      if (lastCard && card.top < lastCard.bottom) problems.push(`table ${t} row ${r}: overlaps the card above`);
      lastCard = card;
      let lastField = null;
      [...row.cells].forEach((cell, c) => {
        const where = `table ${t} row ${r} column ${c} (${headers[c]})`;
        const label = getComputedStyle(cell, "::before").content;
        if (headers[c] && label !== JSON.stringify(headers[c])) problems.push(`${where}: label ${label}`);
        const field = box(cell);
        if (field.left < card.left - 0.5 || field.right > card.right + 0.5 || field.bottom > card.bottom + 0.5)
          problems.push(`${where}: outside its card`);
        if (lastField && field.top < lastField.bottom - 0.5) problems.push(`${where}: overlaps the field above`);
        lastField = field;
        const range = document.createRange();
        range.selectNodeContents(cell);
        const value = range.getBoundingClientRect();
        if (!cell.textContent.trim()) return;
        if (value.width === 0 || value.height === 0) problems.push(`${where}: value not shown`);
        if (value.right > card.right + 0.5 || value.bottom > field.bottom + 0.5)
          problems.push(`${where}: value cut off`);
        if (headers[c] && value.left < field.left + 0.3 * field.width)
          problems.push(`${where}: value not beside its label`);
      });
    });
  });
  return {tables: tables.length, problems};
}"""


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = watch(context.new_page(), server)
    yield page
    try:
        assert_nothing_missing(page)
    finally:
        context.close()


def open_cards(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.querySelector('table[data-cards]') !== null")


@pytest.mark.parametrize(
    ("prefix", "first_header"),
    [("", "실습"), ("/en", "Lab")],
)
def test_results_table_reads_as_cards_on_a_phone(phone, server, prefix, first_header):
    open_cards(phone, f"{server}{prefix}/results/")
    table = phone.locator("table[data-cards]").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert len(headers) == 13 and headers[0] == first_header, headers
    first_row = table.locator("tbody tr").first
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert labels == headers
    found = phone.evaluate(CARD_PROBLEMS)
    assert found["tables"] >= 2 and found["problems"] == [], found
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # each card is about as tall as its fields, not one tall narrow column per row (1,900 px before)
    heights = first_row.evaluate("row => [row.getBoundingClientRect().height, window.innerHeight]")
    assert heights[0] < 1.5 * heights[1], heights
    SHOTS.mkdir(parents=True, exist_ok=True)
    first_row.scroll_into_view_if_needed()
    phone.screenshot(path=SHOTS / f"phone-results-{prefix.strip('/') or 'ko'}.png")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_wide_lab_table_reads_as_cards_on_a_phone(phone, server, prefix):
    counted = 0
    for lab in LABS:
        phone.goto(f"{server}{prefix}/labs/{lab}/")
        phone.wait_for_load_state("load")
        phone.wait_for_timeout(50)  # layout.js labels the tables just after the page's load
        wide = phone.evaluate(
            "() => [...document.querySelectorAll('.md-typeset table')].filter(t => t.rows[0].cells.length >= 6)"
            ".map(t => t.hasAttribute('data-cards'))"
        )
        assert all(wide), (lab, wide)
        found = phone.evaluate(CARD_PROBLEMS)
        assert found["problems"] == [], (lab, found["problems"])
        counted += found["tables"]
    assert counted >= 5  # the labs' results tables and the benchmark tables of 9-x speed


def test_cards_are_for_phones_only(page, server):
    """On a wide screen the same table stays a table with its header row."""
    open_cards(page, f"{server}/results/")
    table = page.locator("table[data-cards]").first
    assert table.evaluate("t => getComputedStyle(t).display") in ("table", "inline-block")  # Material's
    assert table.locator("thead th").first.is_visible()
    assert table.locator("tbody td").first.evaluate("c => getComputedStyle(c, '::before').content") == "none"


def test_cards_stay_a_table_for_screen_readers(phone, server):
    if not AXE.exists():
        missing_tool("axe-core not installed: run `npm ci` in tests/site/node")
    open_cards(phone, f"{server}/results/")
    roles = phone.locator("table[data-cards]").first.evaluate(
        "t => [t.getAttribute('role'), t.tBodies[0].getAttribute('role'), t.rows[1].getAttribute('role'),"
        " t.rows[1].cells[1].getAttribute('role')]"
    )
    assert roles == ["table", "rowgroup", "row", "cell"]
    phone.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = phone.evaluate(
        """() => axe.run("table[data-cards]", {
                   runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                   rules: {"td-has-header": {enabled: true}}})
                 .then(result => result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target).join(" ")))"""
    )
    assert violations == []


# ----------------------------------------------------------------------------------------------------- print

#: What a printed page gets wrong: site chrome that shows, a folded solution that stays folded, and a table,
#: code block, formula or figure that runs past the text's width or hides part of itself.
PRINT_PROBLEMS = """() => {
  const problems = [];
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  for (const selector of [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                          ".md-search", ".md-top", ".md-code__nav", ".md-content__button"])
    document.querySelectorAll(selector).forEach(e => { if (shown(e)) problems.push(`${selector} shown`); });
  const article = document.querySelector("article.md-content__inner").getBoundingClientRect();
  const details = [...document.querySelectorAll("article details")];
  details.forEach((d, i) => {
    // a folded block's content is laid out when asked for its size, but not shown (checkVisibility)
    const body = [...d.children].filter(c => c.tagName !== "SUMMARY");
    const shownHeight = d.getBoundingClientRect().height - d.querySelector("summary").getBoundingClientRect().height;
    const bodyHeight = body.reduce((sum, c) => sum + c.getBoundingClientRect().height, 0);
    if (!body.length || !body.every(c => c.checkVisibility()) || shownHeight < bodyHeight)
      problems.push(`details ${i} folded`);
  });
  const wide = "article :is(table, pre > code, img, .katex-display, .md-typeset__scrollwrap)";
  document.querySelectorAll(wide).forEach((e, i) => {
    const r = e.getBoundingClientRect();
    const name = `${e.tagName.toLowerCase()}.${e.className || ""} #${i}`;
    if (r.left < article.left - 0.5 || r.right > article.right + 0.5) problems.push(`${name} outside the page`);
    if (e.scrollWidth > e.clientWidth + 1) problems.push(`${name} cut off (${e.scrollWidth} > ${e.clientWidth})`);
  });
  return {details: details.length, problems,
          width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight};
}"""


def outline_titles(pdf: bytes) -> list[str]:
    """The titles of a chromium PDF's outline: the document's title, then its headings. Chromium writes a title
    as a UTF-16 hex string, or as a literal string when it is ASCII."""
    titles = []
    for hexadecimal, literal in re.findall(rb"/Title\s*(?:<([0-9A-Fa-f]+)>|\(((?:\\.|[^\\)])*)\))", pdf):
        if hexadecimal:
            titles.append(bytes.fromhex(hexadecimal.decode()).decode("utf-16"))
        else:
            titles.append(re.sub(rb"\\(.)", rb"\1", literal).decode("latin-1"))
    return titles


@pytest.mark.parametrize(
    ("path", "title_script"),
    [("/labs/batch-norm/", "[가-힣]"), ("/en/labs/speed/", "^[^가-힣]+$")],
)
def test_a_lab_prints_cleanly(page, path, server, title_script):
    page.goto(f"{server}{path}")
    page.wait_for_load_state("load")
    title = page.title()
    headings = [h.strip().rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert re.search(title_script, title) and len(headings) >= 4, (title, headings)
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 900})
    page.emulate_media(media="print")
    found = page.evaluate(PRINT_PROBLEMS)
    assert found["details"] >= 4 and found["problems"] == [], found
    assert found["width"] <= PRINT_WIDTH, found

    pdf = page.pdf(
        format="A4",
        margin={side: f"{MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")},
        outline=True,
        tagged=True,
    )
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # the whole page as laid out for print, nothing shrunk to fit: about its height in A4 pages
    expected = found["height"] / PRINT_HEIGHT
    assert math.floor(expected) <= pages <= math.ceil(expected * 1.5) + 1, (pages, expected)
    # the page in its language: the PDF's outline holds the page's title and its section headings
    titles = outline_titles(pdf)
    assert {title, *headings} <= set(titles), titles
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"print{path.strip('/').replace('/', '-')}.pdf").write_bytes(pdf)
