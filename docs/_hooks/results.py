"""MkDocs hook: fill pages from the JSON records in ``docs/results/``.

Markers in a page's Markdown:

- ``<!-- results:reproduce -->``: every lab: the printed accuracy, the original code re-run, the corrected
  version, and where and when the records were made;
- ``<!-- results:reproduce-plot -->``: the same as a bar chart;
- ``<!-- results:reproduce-misses -->``: a list of the labs whose re-run does not land near the printed value;
- ``<!-- results:lab:09_7 -->`` (any lab id): a small table for that one lab, linking to the results page;
- ``<!-- results:bench -->``: the speed of the original training loop against ``fit``.

Nothing these markers show is typed by hand: it is computed from the records that ``dnn-guide reproduce``
and ``dnn-guide bench`` wrote. Every table goes through :func:`_table`, which refuses a row whose number of
cells differs from its header's.
"""

from __future__ import annotations

import io
import posixpath
import re
from pathlib import Path

import matplotlib.pyplot as plt
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from sitecore.shared import UI, SiteError, config_language, page_language
from sitecore.source import RESULTS_MARKER

from dnn_guide.errors import DnnGuideError
from dnn_guide.experiments import AS_WRITTEN, EXPERIMENTS, corrected_id
from dnn_guide.records import read_records as _read_records
from dnn_guide.results import PRINTED_DECIMALS, plot_reproduction, summarize_bench, summarize_reproduction

RESULTS = Path(__file__).resolve().parents[1] / "results"
LAB_MARKER = RESULTS_MARKER  # <!-- results:lab:ID -->: one grammar, in sitecore/source.py
TEXT = {lang: UI[lang]["results"] for lang in UI}  # the interface strings: sitecore/shared.py
DETAILS = 3  # the reproduce table's last columns (device, date, commit), left out of a lab's own table


def _table(header: list[str], rows: list[list[str]], name: str | None = None) -> str:
    """A Markdown table; a row whose number of cells differs from the header's raises SiteError."""
    name = name or f"table with header {header}"
    for row in rows:
        if len(row) != len(header):
            raise SiteError(f"{name}: row {row} has {len(row)} cells under {len(header)} headers {header}")
    cells = [[cell.replace("|", r"\|").replace("\n", " ") for cell in row] for row in [header, *rows]]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells[1:]])


def _acc(value: float | None, decimals: int = 4) -> str:
    return "–" if value is None else f"{value:.{decimals}f}"


def _lab_name(lab: str, lang: str) -> str:
    """``09_6_no_bn`` → "Lab 9-6 without batch normalization" (en), "실습 9-6 (배치 정규화 없음)" (ko)."""
    match = re.fullmatch(r"(\d+)_(\d+)(.*)", lab)
    if not match:
        return lab
    rest = TEXT[lang]["no_bn"] if match[3] == "_no_bn" else (f" ({match[3][1:]})" if match[3] else "")
    return TEXT[lang]["lab_name"].format(number=f"{int(match[1])}-{int(match[2])}") + rest


def read_records(folder):
    """The records in ``folder``; a bad record file fails the build with the package's message."""
    try:
        return _read_records(folder)
    except DnnGuideError as err:
        raise SiteError(str(err)) from err


def _rows() -> list[dict]:
    """The summary rows the pages show: every lab on full MNIST or XOR (sample-data runs are left out)."""
    return [r for r in summarize_reproduction(read_records(RESULTS / "reproduce")) if r["data"] != "sample"]


def _mean_cell(runs: dict | None, lang: str) -> str:
    if runs is None:
        return "–"
    cell = f"{runs['mean']:.4f} ± {runs['std']:.4f}"
    if runs["test_rows"] not in (None, 10_000):  # 8-4 as written: 1,000; 9-6 as written: 9,984
        cell += " (" + TEXT[lang]["test_rows"].format(n=runs["test_rows"]) + ")"
    return cell


def _lab_cells(row: dict, lang: str) -> list[str]:
    """The cells of one lab that both the full table and a lab's own table show."""
    text, written, corrected = TEXT[lang], row["as_written"], row["corrected"]
    titles = [runs["title"] for runs in (written, corrected) if runs is not None]
    model = " → ".join(dict.fromkeys(titles))  # one title when both versions build the same model
    near = "–" if row["near"] is None else text["yes" if row["near"] else "no"]
    return [
        row["lab"],
        model,
        _acc(row["original"], PRINTED_DECIMALS.get(row["lab"], 4)),
        _mean_cell(written, lang),
        "–" if written is None else ", ".join(_acc(a) for a in written["accuracies"]),
        "–" if written is None else _acc(written["scaled_mean"]),
        _mean_cell(corrected, lang),
        "–" if corrected is None else ", ".join(_acc(a) for a in corrected["accuracies"]),
        "–" if corrected is None else _acc(corrected["unscaled_mean"]),
        near,
    ]


def reproduce_table(lang: str) -> str:
    rows = _rows()
    if not rows:
        return TEXT[lang]["none"].format(command="dnn-guide reproduce")
    return _table(
        TEXT[lang]["reproduce"],
        [
            [*_lab_cells(r, lang), r["device"], r["date"], ", ".join(f"`{c}`" for c in r["commit"].split(", "))]
            for r in rows
        ],
        name=f"reproduce table ({lang})",
    )


def lab_table(lab: str, lang: str, link: str) -> str:
    """One lab's own table (as :func:`reproduce_table`, without device, date and commit) and a line
    naming where and when its records were made, linking to the results page at ``link``."""
    if lab not in EXPERIMENTS:
        raise SiteError(f"<!-- results:lab:{lab} -->: no experiment {lab!r} (dnn_guide.experiments lists them)")
    lab = corrected_id(lab)
    rows = [r for r in _rows() if r["lab"] == lab]
    if not rows:
        ids = [i for i in (lab, lab + AS_WRITTEN) if i in EXPERIMENTS] or [lab]
        return TEXT[lang]["lab_none"].format(name=_lab_name(lab, lang), labs=",".join(ids))
    (row,) = rows  # one per lab: _rows() leaves out the sample-data runs
    table = _table(TEXT[lang]["reproduce"][:-DETAILS], [_lab_cells(row, lang)], name=f"lab {lab} table ({lang})")
    return table + "\n\n" + TEXT[lang]["lab_note"].format(device=row["device"], date=row["date"], link=link)


def misses(lang: str) -> str:
    """A Markdown list of the labs whose re-run is not near the printed value, then those not judged yet."""
    text, rows = TEXT[lang], [r for r in _rows() if r["original"] is not None]
    items = [
        text["miss"].format(
            name=_lab_name(r["lab"], lang),
            lab=r["lab"],
            printed=_acc(r["original"], PRINTED_DECIMALS.get(r["lab"], 4)),
            mean=_acc(r["rerun"]["mean"]),
            std=_acc(r["rerun"]["std"]),
            seeds=r["rerun"]["seeds"],
            difference=_acc(abs(r["difference"])),
            direction=text["lower" if r["difference"] < 0 else "higher"],
            tolerance=_acc(r["tolerance"]),
        )
        for r in rows
        if r["near"] is False
    ]
    judged = any(r["near"] is not None for r in rows)
    lines = items if items or not judged else [text["no_misses"]]
    pending = [f"`{r['lab']}`" for r in rows if r["near"] is None]
    if pending:
        lines += ["", text["pending"].format(labs=", ".join(pending))]
    return "\n".join(lines) if lines else text["none"].format(command="dnn-guide reproduce")


def bench_table(lang: str) -> str:
    rows = summarize_bench(read_records(RESULTS / "bench"))
    if not rows:
        return TEXT[lang]["none"].format(command="dnn-guide bench")
    return _table(
        TEXT[lang]["bench"],
        [
            [
                r["lab"],
                r["title"],
                f"{r['original']:,.0f}",
                f"{r['fit']:,.0f}",
                f"{r['floor']:,.0f}",
                f"{r['ratio']:.1f}×",
                f"{r['fit_vs_floor']:.2f}",
                r["device"],
                str(r["threads"]),
            ]
            for r in rows
        ],
        name=f"bench table ({lang})",
    )


def _plot_png() -> bytes | None:
    rows = _rows()
    if not any(r["original"] is not None for r in rows):
        return None
    fig = plot_reproduction(rows)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120)
    plt.close(fig)
    return buffer.getvalue()


@event_priority(-200)  # after mkdocs-static-i18n, which cannot handle generated files
def on_files(files, config):
    png = _plot_png()
    if png is not None:
        files.append(File.generated(config, "results/reproduce.png", content=png, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown, page, config, files):
    if "<!-- results:" not in markdown:
        return markdown
    lang = page_language(page) or config_language(config)
    folder = posixpath.dirname(page.file.src_uri)
    link = posixpath.relpath("results.md", folder or ".")
    plot = posixpath.relpath("results/reproduce.png", folder or ".")
    markdown = (
        markdown.replace("<!-- results:reproduce -->", reproduce_table(lang))
        .replace("<!-- results:reproduce-misses -->", misses(lang))
        .replace("<!-- results:bench -->", bench_table(lang))
        .replace(
            "<!-- results:reproduce-plot -->",
            f"![]({plot})" if files.get_file_from_path("results/reproduce.png") else "",
        )
    )
    markdown = LAB_MARKER.sub(lambda match: lab_table(match[1], lang, link), markdown)
    unknown = re.search(r"<!-- results:[^>]*-->", markdown)
    if unknown:
        raise SiteError(f"{page.file.src_uri}: unknown marker {unknown[0]} (see docs/_hooks/results.py)")
    return markdown
