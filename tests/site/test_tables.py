"""Every table of the built site is aligned: each body row has as many cells as its header row."""

import importlib.util
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site
COMMIT = re.compile(r"[0-9a-f]{7,40}(-dirty)?")
# The results table's headers, as the results hook writes them (imported, not copied).
_spec = importlib.util.spec_from_file_location("results_hook_for_tables", ROOT / "docs" / "_hooks" / "results.py")
_results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_results)
RESULTS_HEADERS = {"": _results.TEXT["ko"]["reproduce"], "en/": _results.TEXT["en"]["reproduce"]}


class Tables(HTMLParser):
    """Each ``<table>`` as ``{"head": [rows], "body": [rows]}``, a row being its cells' text; a cell with
    ``colspan=n`` counts n times. Header rows: those in ``<thead>``, or made only of ``<th>`` before any
    body row. Nested tables keep their own rows."""

    def __init__(self):
        super().__init__()
        self.tables, self._open = [], []  # _open: the tables being read, innermost last

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._open.append({"head": [], "body": [], "thead": False, "row": None, "cell": None, "td": False})
            return
        if not self._open:
            return
        table = self._open[-1]
        if tag == "thead":
            table["thead"] = True
        elif tag == "tr":
            table["row"], table["td"] = [], False
        elif tag in ("td", "th") and table["row"] is not None:
            table["cell"], table["span"] = [], int(dict(attrs).get("colspan") or 1)
            table["td"] |= tag == "td"

    def handle_data(self, data):
        if self._open and self._open[-1]["cell"] is not None:
            self._open[-1]["cell"].append(data)

    def handle_endtag(self, tag):
        if not self._open:
            return
        table = self._open[-1]
        if tag == "table":
            self.tables.append({"head": table["head"], "body": table["body"]})
            self._open.pop()
        elif tag == "thead":
            table["thead"] = False
        elif tag in ("td", "th") and table["cell"] is not None:
            table["row"] += [" ".join("".join(table["cell"]).split())] * table["span"]
            table["cell"] = None
        elif tag == "tr" and table["row"] is not None:
            head = table["thead"] or (not table["td"] and not table["body"])
            table["head" if head else "body"].append(table["row"])
            table["row"] = None


def tables(path):
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def test_every_table_row_has_as_many_cells_as_its_header(site):
    pages = sorted(site.rglob("*.html"))
    assert any(p.is_relative_to(site / "en") for p in pages) and any(not p.is_relative_to(site / "en") for p in pages)
    checked, wrong = 0, []
    for page in pages:
        for table in tables(page):
            if not table["head"]:
                continue  # a layout table without a header row (none expected; nothing to compare)
            width = len(table["head"][-1])
            for row in table["body"]:
                checked += 1
                if len(row) != width:
                    wrong.append(f"{page.relative_to(site)}: {len(row)} cells under {width} headers: {row}")
    assert checked > 100, "too few table rows found: is the parser reading the site?"
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_results_table_columns_hold_what_their_headers_say(site, prefix):
    (table,) = [t for t in tables(site / prefix / "results" / "index.html") if t["head"][-1][-1] in ("커밋", "Commit")]
    header = RESULTS_HEADERS[prefix]
    assert table["head"][-1] == header
    rows = [dict(zip(header, row)) for row in table["body"]]
    labs = [row[header[0]] for row in rows]
    assert labs[:4] == ["08_1", "08_2", "08_3", "08_4"] and {"09_1", "09_6_no_bn", "09_7"} <= set(labs)
    for row in rows:
        commits = row[header[-1]].split(", ")
        assert all(COMMIT.fullmatch(c) for c in commits), row  # a shifted column would put a date or device here
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(, \d{4}-\d\d-\d\d)*", row[header[-2]]), row
        assert row[header[2]].startswith(("0.", "1.")), row  # printed accuracy
        assert row[header[9]] == "–" or re.fullmatch(r"(예|아니요|yes|no|\?) \(±\d\.\d{4}\)", row[header[9]]), row
        for column in (header[3], header[6]):  # mean ± std, or a dash where no record is
            assert row[column] == "–" or re.match(r"[01]\.\d{4} ± \d\.\d{4}", row[column]), (column, row)


@pytest.mark.parametrize("prefix", ["", "en"])
def test_the_xor_loss_table_the_prose_cites_is_on_the_page(site, prefix):
    """xor-mlp's prose cites the "first step with loss < 0.5" column: the table is shown, one row per model."""
    (table,) = [
        t
        for t in tables(site / prefix / "labs" / "xor-mlp" / "index.html")
        if "first step with loss < 0.5" in t["head"][-1]
    ]
    assert len(table["body"]) == 2 and all(row[2].replace(",", "").isdigit() for row in table["body"]), table
