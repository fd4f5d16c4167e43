"""Summarise the run records that ``dnn-guide reproduce`` and ``dnn-guide bench`` write (:mod:`dnn_guide.records`)."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .errors import InputError
from .experiments import corrected_id
from .records import RunRecord, read_records

__all__ = [
    "PRINTED_DECIMALS",
    "WIDE_BAND",
    "load_records",
    "near_printed",
    "plot_reproduction",
    "printed_rounding",
    "summarize_bench",
    "summarize_reproduction",
]

#: Experiments whose notebook printed its accuracy rounded, with this many decimals (9-6: ``%.2f``).
#: Every other printed value is an exact count: correct images of 10,000 (9-1 to 9-5, 9-7), 920 of
#: 1,000 (8-4), or of the four XOR points (8-1 to 8-3).
PRINTED_DECIMALS = {"09_6": 2, "09_6_no_bn": 2}

#: A "near" band wider than this (±1 percentage point of accuracy) accepts printed values too far apart to
#: say the re-run reproduces one of them: a "yes" with such a band is no verdict (``decided`` is False).
#: (Near 0.97, a band of ±5 points would accept anything from 0.92 to 1.)
WIDE_BAND = 0.01


def load_records(folder: str | Path) -> list[dict]:
    """Every ``*.json`` record in ``folder`` as the flat object its file holds, sorted by experiment then seed.

    For code that reads the files' keys (``record["samples_per_s"]``); :func:`dnn_guide.records.read_records`
    gives the same records as :class:`~dnn_guide.records.RunRecord` objects.

    Raises:
        RecordError: a file is not valid JSON, or lacks a field every record has.
    """
    return [record.to_json() for record in read_records(folder)]


def printed_rounding(experiment: str) -> float:
    """How far the true value may lie from the printed one: half a unit of its last printed decimal
    for the experiments in :data:`PRINTED_DECIMALS`, 0 for the exact counts of the others."""
    decimals = PRINTED_DECIMALS.get(corrected_id(experiment))
    return 0.0 if decimals is None else 0.5 * 10.0**-decimals


def near_printed(mean: float, std: float, printed: float, rounding: float = 0.0) -> bool:
    """Whether a re-run lands near the printed value: ``|mean - printed| <= max(2 * std, rounding)``.

    ``std`` is the spread over seeds (one printed run is one draw from that spread); ``rounding`` is
    :func:`printed_rounding` of the experiment.
    """
    return abs(mean - printed) <= max(2 * std, rounding) + 1e-9  # 1e-9: float noise of exact matches


def _device_label(device: str) -> str:
    """A record's device as :func:`dnn_guide.device_name` writes it now: the oldest records say "(1 threads)"."""
    return re.sub(r"\(1 threads\)", "(1 thread)", device)


def _runs(group: list[RunRecord]) -> dict:
    """Mean ± std over the seeds of one experiment's records, and the same models' other test scaling."""
    accuracies = [r.test_accuracy for r in group]
    scaled = [r.test_accuracy_scaled for r in group if r.test_accuracy_scaled is not None]
    unscaled = [r.test_accuracy_unscaled for r in group if r.test_accuracy_unscaled is not None]
    rows = {r.test_rows for r in group if r.test_rows is not None}
    return {
        "lab": group[0].experiment,
        "title": group[0].title,
        "seeds": len(group),
        "seed_ids": [r.seed for r in group],
        "accuracies": accuracies,
        "scaled": scaled,
        "unscaled": unscaled,
        "final_losses": [r.final_loss for r in group],
        "mean": statistics.fmean(accuracies),
        "std": statistics.stdev(accuracies) if len(group) > 1 else 0.0,
        "test_rows": rows.pop() if len(rows) == 1 else None,
        "scaled_mean": statistics.fmean(scaled) if scaled else None,
        "unscaled_mean": statistics.fmean(unscaled) if unscaled else None,
        "final_loss": statistics.fmean(r.final_loss for r in group),
    }


def summarize_reproduction(records: list[RunRecord]) -> list[dict]:
    """One row per experiment and data set: what the original printed, its code re-run, and our corrected version.

    Records of ``<id>_as_written`` (the original notebook's code, bugs included) and of ``<id>``
    (corrected) are grouped under the corrected id ``<id>``. Each row, sorted by id, has:

    - ``lab`` (the corrected experiment id), ``data`` (``"full"``, ``"sample"`` or ``"xor"``), ``original`` (the
      printed accuracy, or None) and ``rounding`` (:func:`printed_rounding`);
    - ``as_written`` and ``corrected``: None when there is no record, else ``lab``, ``title``, ``seeds``
      (how many), ``seed_ids``, ``accuracies`` (one per seed), ``mean``, ``std`` (over seeds), ``test_rows``
      (None when not recorded), ``scaled`` and ``scaled_mean`` (the same models on test images scaled to
      0-1, recorded for the as-written runs that test at 0-255), ``unscaled`` and ``unscaled_mean`` (the
      same models on 0-255 test images, recorded for the corrected runs), ``final_losses`` (each seed's
      last-epoch training loss) and ``final_loss`` (their mean);
    - ``rerun``: the runs judged against the printed value: ``as_written``, or for the XOR labs, which
      have one version (the original's code, nothing to correct), ``corrected``; ``difference``
      (its mean - original), ``tolerance`` (``max(2 * std, rounding)``), ``near``
      (:func:`near_printed`) and ``decided`` (False for a "near" whose band is wider than
      :data:`WIDE_BAND`: too wide to say); all None when there is no such run or no printed value;
    - ``device``, ``date`` and ``commit`` of every record of the row (joined when runs differ).
    """
    groups: dict[tuple[str, str], dict[str, list[RunRecord]]] = {}
    for record in records:
        variant = "as_written" if corrected_id(record.experiment) != record.experiment else "corrected"
        key = (corrected_id(record.experiment), record.data)
        groups.setdefault(key, {}).setdefault(variant, []).append(record)
    rows = []
    for (lab, data), variants in sorted(groups.items()):
        as_written = _runs(variants["as_written"]) if "as_written" in variants else None
        corrected = _runs(variants["corrected"]) if "corrected" in variants else None
        group = [r for runs in variants.values() for r in runs]
        original = next((r.original_accuracy for r in group if r.original_accuracy is not None), None)
        rounding = printed_rounding(lab)
        rerun = as_written if as_written is not None else (corrected if data == "xor" else None)
        judged = rerun is not None and original is not None
        tolerance = max(2 * rerun["std"], rounding) if judged else None
        near = near_printed(rerun["mean"], rerun["std"], original, rounding) if judged else None
        rows.append(
            {
                "lab": lab,
                "data": data,
                "original": original,
                "rounding": rounding,
                "as_written": as_written,
                "corrected": corrected,
                "rerun": rerun,
                "difference": rerun["mean"] - original if judged else None,
                "tolerance": tolerance,
                "near": near,
                "decided": (not near or tolerance <= WIDE_BAND) if judged else None,
                "device": ", ".join(sorted({_device_label(r.device) for r in group})),
                "date": ", ".join(sorted({r.date or "?" for r in group})),
                "commit": ", ".join(sorted({r.commit or "?" for r in group})),
            }
        )
    return rows


def summarize_bench(records: list[RunRecord]) -> list[dict]:
    """One row per bench record: samples/s of each loop, the ratio, and where it ran."""
    return [
        {
            "lab": r.experiment,
            "title": r.title,
            "device": _device_label(r.device),
            "threads": r.threads,
            "data": r.data,
            **{k: r.samples_per_s[k] for k in ("original", "fit", "floor")},
            "ratio": r.ratio,
            "fit_vs_floor": r.fit_vs_floor,
        }
        for r in records
    ]


def _bar(runs: dict | None) -> tuple[float, float] | None:
    return None if runs is None else (runs["mean"], runs["std"])


def plot_reproduction(rows: list[dict]) -> Figure:
    """Three bars per experiment of :func:`summarize_reproduction`: the printed accuracy, the original code
    re-run and the corrected version (error bars: std over seeds); a bar is left out where no record is."""
    rows = [r for r in rows if r["original"] is not None]
    if not rows:
        raise InputError("plot_reproduction: no rows with an original accuracy to plot")
    fig, ax = plt.subplots(figsize=(9, 3.8))
    width = 0.27
    series = [
        ("printed by the original notebook", "#bdbdbd", lambda r: (r["original"], 0.0)),
        ("original code re-run (mean ± std)", "#fd8d3c", lambda r: _bar(r["as_written"])),
        ("corrected (mean ± std)", "#3182bd", lambda r: _bar(r["corrected"])),
    ]
    for offset, (label, color, value) in zip((-width, 0.0, width), series):
        points = [(i + offset, *value(r)) for i, r in enumerate(rows) if value(r)]
        xs, heights, errors = zip(*points) if points else ((), (), ())
        ax.bar(xs, heights, width=width, yerr=errors if any(errors) else None, capsize=2, label=label, color=color)
    ax.set_xticks(range(len(rows)), [r["lab"] for r in rows], rotation=45, ha="right", rotation_mode="anchor")
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
