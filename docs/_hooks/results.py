"""MkDocs hook: fill pages from the JSON records in ``docs/results/``.

Markers in a page's Markdown:

- ``<!-- results:reproduce -->``: every lab: the printed accuracy, the original code re-run, the corrected
  version, and where and when the records were made;
- ``<!-- results:reproduce-plot -->``: the same as a bar chart;
- ``<!-- results:reproduce-misses -->``: a list of the labs whose re-run does not land near the printed value;
- ``<!-- results:lab:09_7 -->`` (any lab id): a small table for that one lab, linking to the results page;
- ``<!-- results:bench -->``: the speed of the original training loop against ``fit``;
- ``<!-- results:value:EXPR -->``: a number in the prose, the value of the Python expression ``EXPR`` over
  the reproduce records (the names of :func:`record_names`), e.g. ``<!-- results:value:seeds("09_1_as_written") -->``;
- ``<!-- results:check:EXPR -->``: nothing on the page, but the build fails unless ``EXPR`` is true: a
  sentence's comparison (“higher on every seed”) checked against the records it describes.

Nothing these markers show is typed by hand: it is computed from the records that ``dnn-guide reproduce``
and ``dnn-guide bench`` wrote. Every table goes through :func:`_table`, which refuses a row whose number of
cells differs from its header's.
"""

from __future__ import annotations

import io
import posixpath
import re
import statistics
from pathlib import Path

import matplotlib.pyplot as plt
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from sitecore.shared import LANGS, UI, SiteError, config_language, page_language
from sitecore.source import RESULTS_MARKER

from dnn_guide.errors import DnnGuideError
from dnn_guide.experiments import AS_WRITTEN, EXPERIMENTS, corrected_id
from dnn_guide.records import read_records as _read_records
from dnn_guide.results import (
    PRINTED_DECIMALS,
    WIDE_BAND,
    plot_reproduction,
    summarize_bench,
    summarize_reproduction,
)

RESULTS = Path(__file__).resolve().parents[1] / "results"
LAB_MARKER = RESULTS_MARKER  # <!-- results:lab:ID -->: one grammar, in sitecore/source.py
TEXT = {lang: UI[lang]["results"] for lang in UI}  # the interface strings: sitecore/shared.py
DETAILS = 3  # the reproduce table's last columns (device, date, commit), left out of a lab's own table
EXPRESSION = re.compile(r"<!-- results:(value|check):(.+?) -->", re.S)
UNDECIDED = "?"  # a "near" whose band is wider than WIDE_BAND: too wide to say yes


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
    written, corrected = row["as_written"], row["corrected"]
    titles = [runs["title"] for runs in (written, corrected) if runs is not None]
    model = " → ".join(dict.fromkeys(titles))  # one title when both versions build the same model
    near = _verdict(row, lang)
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


def _verdict(row: dict, lang: str) -> str:
    """yes / no with the band the rule allowed (±tolerance); "?" for a yes whose band is too wide to say."""
    if row["near"] is None:
        return "–"
    word = TEXT[lang]["yes" if row["near"] else "no"] if row["decided"] else UNDECIDED
    return f"{word} (±{_acc(row['tolerance'])})"


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


# ------------------------------------------------------------------------------ numbers and checks in the prose


def record_names() -> dict:
    """The names an expression of ``<!-- results:value:... -->`` or ``<!-- results:check:... -->`` may use.

    An ``id`` is a run's experiment id as recorded (``"09_1"``, ``"09_1_as_written"``); a ``lab`` is a
    row of the table (the corrected id, ``"09_1"``). Full-data and XOR records only, as the table shows.
    """
    rows = _rows()
    runs = {r[v]["lab"]: r[v] for r in rows for v in ("as_written", "corrected") if r[v] is not None}
    by_lab = {r["lab"]: r for r in rows}

    def run(id: str) -> dict:
        if id not in runs:
            raise SiteError(f"no full-data or XOR records of {id!r} in docs/results/reproduce (runs: {sorted(runs)})")
        return runs[id]

    def row(lab: str) -> dict:
        if lab not in by_lab:
            raise SiteError(f"no row {lab!r} in the reproduce table (rows: {sorted(by_lab)})")
        return by_lab[lab]

    def seeds(id: str) -> int:
        return run(id)["seeds"]

    def fewest_seeds() -> int:
        return min(r["seeds"] for r in runs.values())

    def more_seeds() -> str:
        """The rows with a run of more than the fewest seeds: "`08_4`, `09_1`"."""
        fewest = fewest_seeds()
        labs = [r["lab"] for r in rows if any(v and v["seeds"] > fewest for v in (r["as_written"], r["corrected"]))]
        return ", ".join(f"`{lab}`" for lab in labs)

    def undecided() -> str:
        """The rows whose "near" band is too wide to say (shown as "?")."""
        return ", ".join(f"`{r['lab']}`" for r in rows if r["decided"] is False)

    def base_seeds() -> list[int]:
        """The seeds every run has: what ``dnn-guide reproduce --labs all`` was run with."""
        return sorted(set.intersection(*(set(r["seed_ids"]) for r in runs.values())))

    def extra_runs() -> list[str]:
        """The ids of the runs with more seeds than :func:`base_seeds`: ``["08_4_as_written", ...]``."""
        return [id for id, r in runs.items() if len(r["seed_ids"]) > len(base_seeds())]

    def extra_seeds() -> list[int]:
        """The seeds beyond :func:`base_seeds` of the runs of :func:`extra_runs`: one command's ``--seeds``."""
        extra = {tuple(sorted(set(runs[id]["seed_ids"]) - set(base_seeds()))) for id in extra_runs()}
        if len(extra) != 1:
            raise SiteError(f"extra_seeds(): the runs with more seeds do not share one set of extra seeds: {extra}")
        return list(extra.pop())

    def printed_cost(id: str) -> float:
        """The mean training cost the original notebook printed for its last epoch (dnn_guide.experiments)."""
        cost = EXPERIMENTS[id].original_cost if id in EXPERIMENTS else None
        if cost is None:
            raise SiteError(f"printed_cost({id!r}): dnn_guide.experiments records no printed cost for it")
        return cost

    def loss_spread(id: str) -> float:
        """The largest of the seeds' last-epoch training losses over the smallest."""
        losses = run(id)["final_losses"]
        return max(losses) / min(losses)

    def fit_above_floor() -> str:
        """The bench rows whose fit ÷ bare loop, as the table shows it (two decimals), is above 1: "`09_2`: 1.05"."""
        bench = summarize_bench(read_records(RESULTS / "bench"))
        return ", ".join(f"`{r['lab']}`: {r['fit_vs_floor']:.2f}" for r in bench if round(r["fit_vs_floor"], 2) > 1)

    def spread_ratio(id: str) -> float:
        """The seeds' spread at 0-255 over their spread at 0-1: the same models, the same seeds."""
        r = run(id)
        values = r["accuracies"], r["scaled"] or r["unscaled"]
        if len(values[1]) != len(values[0]) or len(values[0]) < 2:
            raise SiteError(f"spread_ratio({id!r}): needs both test scalings recorded for two seeds or more")
        at_255, at_1 = values if r["scaled"] else values[::-1]
        if statistics.stdev(at_1) == 0:
            raise SiteError(f"spread_ratio({id!r}): the seeds agree exactly on 0-1 test images: no ratio")
        return statistics.stdev(at_255) / statistics.stdev(at_1)

    def acc(value: float) -> str:
        return _acc(value)

    return {
        "run": run,
        "row": row,
        "seeds": seeds,
        "fewest_seeds": fewest_seeds,
        "more_seeds": more_seeds,
        "undecided": undecided,
        "spread_ratio": spread_ratio,
        "base_seeds": base_seeds,
        "extra_runs": extra_runs,
        "extra_seeds": extra_seeds,
        "printed_cost": printed_cost,
        "loss_spread": loss_spread,
        "fit_above_floor": fit_above_floor,
        "acc": acc,
        "WIDE_BAND": WIDE_BAND,
        "stdev": statistics.stdev,
        "mean": statistics.fmean,
        **{f.__name__: f for f in (abs, all, any, len, max, min, round, sorted, str, sum, zip)},
    }


def fill_expressions(markdown: str, where: str) -> str:
    """Replace each value marker by its value and each check marker by nothing; a failing expression or a
    false check raises SiteError naming ``where`` and the expression."""
    names = None

    def fill(match: re.Match) -> str:
        nonlocal names
        kind, expression = match[1], match[2].strip()
        names = record_names() if names is None else names
        try:
            value = eval(expression, {"__builtins__": {}, **names})  # the page's own text, as {python} in labs
        except SiteError as err:
            raise SiteError(f"{where}: <!-- results:{kind}:{expression} -->: {err}") from err
        except Exception as err:
            raise SiteError(
                f"{where}: <!-- results:{kind}:{expression} --> failed: {type(err).__name__}: {err}"
            ) from err
        if kind == "check":
            if not value:
                raise SiteError(
                    f"{where}: the records in docs/results/reproduce contradict the sentence checked by "
                    f"<!-- results:check:{expression} -->: rewrite the sentence (and its check)"
                )
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise SiteError(f"{where}: <!-- results:value:{expression} --> is a {type(value).__name__}: format it")
        return str(value)

    return EXPRESSION.sub(fill, markdown)


def _plot_png() -> bytes | None:
    rows = _rows()
    if not any(r["original"] is not None for r in rows):
        return None
    fig = plot_reproduction(rows)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120)
    plt.close(fig)
    return buffer.getvalue()


def on_config(config):
    """Give the lab hook (labs.py) the filling of its downloads' results markers: a lab's notebook and script
    read as its page does, the tables linking the published results page."""
    site = (config.site_url or "").rstrip("/")

    def fill(markdown: str, lang: str) -> str:
        link = f"{site}/{'' if lang == LANGS[0] else lang + '/'}results/"
        markdown = LAB_MARKER.sub(lambda match: lab_table(match[1], lang, link), markdown)
        return fill_expressions(markdown, "a lab's download")

    config["results_fill_prose"] = fill


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
    markdown = fill_expressions(markdown, page.file.src_uri)
    unknown = re.search(r"<!-- results:[^>]*-->", markdown)
    if unknown:
        raise SiteError(f"{page.file.src_uri}: unknown marker {unknown[0]} (see docs/_hooks/results.py)")
    return markdown
