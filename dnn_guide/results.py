"""Read the JSON records that ``dnn-guide reproduce`` and ``dnn-guide bench`` write, and summarise them."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

__all__ = ["load_records", "plot_reproduction", "summarize_bench", "summarize_reproduction"]


def load_records(folder: str | Path) -> list[dict]:
    """Every ``*.json`` record in ``folder``, sorted by lab then seed; ``[]`` when there is none."""
    folder = Path(folder)
    records = []
    for path in sorted(folder.glob("*.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path} is not valid JSON ({err}): rerun the command that wrote it") from err
    return sorted(records, key=lambda r: (r["lab"], r.get("seed", 0)))


def _group(records: list[dict]) -> dict[tuple[str, str], list[dict]]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        groups.setdefault((record["lab"], record.get("data", "")), []).append(record)
    return groups


def summarize_reproduction(records: list[dict]) -> list[dict]:
    """One row per lab and data set: mean ± std of test accuracy over seeds, against the original.

    Each row has ``lab``, ``title``, ``data``, ``seeds``, ``accuracies`` (one per seed), ``mean``, ``std``,
    ``original``,
    ``difference`` (mean - original), ``unscaled_mean`` (the same models on 0-255 test images, when
    recorded), ``final_loss``, ``device``, ``date`` and ``commit`` (joined when runs differ).
    """
    rows = []
    for (lab, data), group in _group(records).items():
        accuracies = [r["test_accuracy"] for r in group]
        mean = statistics.fmean(accuracies)
        original = group[0].get("original_accuracy")
        unscaled = [r["test_accuracy_unscaled"] for r in group if "test_accuracy_unscaled" in r]
        rows.append(
            {
                "lab": lab,
                "title": group[0].get("title", ""),
                "data": data,
                "seeds": len(group),
                "accuracies": accuracies,
                "mean": mean,
                "std": statistics.stdev(accuracies) if len(group) > 1 else 0.0,
                "original": original,
                "difference": None if original is None else mean - original,
                "unscaled_mean": statistics.fmean(unscaled) if unscaled else None,
                "final_loss": statistics.fmean(r["final_loss"] for r in group),
                "device": ", ".join(sorted({r["device"] for r in group})),
                "date": ", ".join(sorted({r.get("date", "?") for r in group})),
                "commit": ", ".join(sorted({r.get("commit", "?") for r in group})),
            }
        )
    return rows


def summarize_bench(records: list[dict]) -> list[dict]:
    """One row per bench record: samples/s of each loop, the ratio, and where it ran."""
    return [
        {
            "lab": r["lab"],
            "title": r.get("title", ""),
            "device": r["device"],
            "threads": r["threads"],
            "data": r.get("data", ""),
            **{k: r["samples_per_s"][k] for k in ("original", "fit", "floor")},
            "ratio": r["ratio"],
            "fit_vs_floor": r["fit_vs_floor"],
        }
        for r in records
    ]


def plot_reproduction(rows: list[dict]) -> Figure:
    """Our mean accuracy (error bar: std over seeds) beside the original notebooks' printed accuracy."""
    rows = [r for r in rows if r["original"] is not None]
    if not rows:
        raise ValueError("no rows with an original accuracy to plot")
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = range(len(rows))
    ax.bar([i - 0.2 for i in x], [r["original"] for r in rows], width=0.4, label="original notebook", color="#bdbdbd")
    ax.bar(
        [i + 0.2 for i in x],
        [r["mean"] for r in rows],
        width=0.4,
        yerr=[r["std"] for r in rows],
        capsize=3,
        label="dnn-guide (mean ± std over seeds)",
        color="#3182bd",
    )
    ax.set_xticks(list(x), [r["lab"] for r in rows], rotation=45)
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
