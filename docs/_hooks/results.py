"""MkDocs hook: fill the results page from the JSON records in ``docs/results/``.

Markers in a page: ``<!-- results:reproduce -->``, ``<!-- results:reproduce-plot -->`` and
``<!-- results:bench -->``. Nothing on the page is typed by hand: each table is computed from the
records that ``dnn-guide reproduce`` and ``dnn-guide bench`` wrote.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from dnn_guide.results import load_records, plot_reproduction, summarize_bench, summarize_reproduction

RESULTS = Path(__file__).resolve().parents[1] / "results"
HEADERS = {
    "ko": {
        "reproduce": [
            "실습",
            "모델",
            "데이터",
            "시드 수",
            "원래 노트북",
            "dnn-guide (평균 ± 표준편차)",
            "차이",
            "0–255 테스트 입력일 때",
            "장치",
            "날짜",
            "커밋",
        ],
        "bench": [
            "실습",
            "모델",
            "원래 루프 (샘플/초)",
            "fit (샘플/초)",
            "맨 루프 (샘플/초)",
            "fit ÷ 원래",
            "fit ÷ 맨 루프",
            "장치",
            "스레드",
        ],
        "none": "아직 기록이 없습니다. `{command}`로 만드세요.",
    },
    "en": {
        "reproduce": [
            "Lab",
            "Model",
            "Data",
            "Seeds",
            "Original notebook",
            "dnn-guide (mean ± std)",
            "Difference",
            "With 0–255 test inputs",
            "Device",
            "Date",
            "Commit",
        ],
        "bench": [
            "Lab",
            "Model",
            "Original loop (samples/s)",
            "fit (samples/s)",
            "Bare loop (samples/s)",
            "fit ÷ original",
            "fit ÷ bare loop",
            "Device",
            "Threads",
        ],
        "none": "No records yet. Make them with `{command}`.",
    },
}


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _pct(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.4f}" if signed else f"{value:.4f}"


def reproduce_table(lang: str) -> str:
    rows = summarize_reproduction(load_records(RESULTS / "reproduce"))
    if not rows:
        return HEADERS[lang]["none"].format(command="dnn-guide reproduce")
    return _table(
        HEADERS[lang]["reproduce"],
        [
            [
                r["lab"],
                r["title"],
                r["data"],
                str(r["seeds"]),
                _pct(r["original"]),
                f"{r['mean']:.4f} ± {r['std']:.4f}",
                ", ".join(f"{a:.4f}" for a in r["accuracies"]),
                _pct(r["difference"], signed=True),
                _pct(r["unscaled_mean"]),
                r["device"],
                r["date"],
                f"`{r['commit']}`",
            ]
            for r in rows
        ],
    )


def bench_table(lang: str) -> str:
    rows = summarize_bench(load_records(RESULTS / "bench"))
    if not rows:
        return HEADERS[lang]["none"].format(command="dnn-guide bench")
    return _table(
        HEADERS[lang]["bench"],
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
    )


def _plot_png() -> bytes | None:
    rows = [r for r in summarize_reproduction(load_records(RESULTS / "reproduce")) if r["data"] != "sample"]
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
    lang = getattr(page.file, "locale", None) or "ko"
    plot = "![](results/reproduce.png)" if files.get_file_from_path("results/reproduce.png") else ""
    return (
        markdown.replace("<!-- results:reproduce -->", reproduce_table(lang))
        .replace("<!-- results:bench -->", bench_table(lang))
        .replace("<!-- results:reproduce-plot -->", plot)
    )
