"""Re-run the course's labs at their original settings and record each run as JSON."""

from __future__ import annotations

import datetime
import json
import math
import os
import subprocess
import time
from pathlib import Path

import torch
from torch import nn

from . import __version__
from .backprop import forward, train_mnist
from .data import MNIST
from .device import device_name
from .labs import AS_WRITTEN, LABS, test_set, train_lab
from .train import evaluate
from .xor import XOR_X, XOR_Y, train_xor

__all__ = ["ALL_LABS", "BACKPROP_LABS", "XOR_LABS", "git_commit", "run_lab", "write_record"]

#: XOR labs: the network sizes of lab-08_1 (perceptron), 08_2 (2-2-1) and 08_3 (wide and deep).
XOR_LABS = {"08_1": [2, 1], "08_2": [2, 2, 1], "08_3": [2, 10, 10, 10, 1]}
#: What the original notebooks printed at the end (XOR: accuracy on the four points; 08_4: 920 of
#: the first 1,000 test images correct).
XOR_ORIGINAL = {"08_1": 0.5, "08_2": 1.0, "08_3": 1.0, "08_4": 0.92}
BACKPROP_LABS = ["08_4", "08_4" + AS_WRITTEN]
ALL_LABS = [*XOR_LABS, *BACKPROP_LABS, *LABS]


def git_commit() -> str:
    """The checkout's commit (with ``-dirty`` for uncommitted changes), or ``"unknown"``."""
    try:
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=10"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def run_lab(lab: str, seed: int, *, data: MNIST | None = None, epochs: int | None = None) -> dict:
    """Run one lab once; return its record (see the results page for the fields)."""
    if lab not in ALL_LABS:
        raise ValueError(f"unknown lab {lab!r}: choose from {', '.join(ALL_LABS)}")
    record = {"lab": lab, "seed": seed}
    start = time.perf_counter()
    if lab in XOR_LABS:
        model, losses = train_xor(XOR_LABS[lab], seed=seed)
        with torch.no_grad():
            accuracy = ((model(XOR_X) >= 0.5).float() == XOR_Y).float().mean().item()
        record.update(
            title=f"XOR {'-'.join(map(str, XOR_LABS[lab]))}",
            test_accuracy=accuracy,
            final_loss=losses[-1],
            steps=len(losses),
            epochs=None,
            data="xor",
            n_train=4,
            device=device_name(torch.device("cpu")),
            seconds=time.perf_counter() - start,
            original_accuracy=XOR_ORIGINAL[lab],
        )
        return record
    if data is None:
        raise ValueError(f"lab {lab} needs MNIST: pass data=load_mnist(...)")
    device = data.X_train.device
    common = {
        "data": "full" if len(data.X_train) == 60_000 else "sample",
        "n_train": len(data.X_train),
        "device": device_name(device),
    }
    if lab in BACKPROP_LABS:
        as_written = lab.endswith(AS_WRITTEN)
        steps = 10_000 if epochs is None else epochs * len(data.X_train) // 10
        params, history = train_mnist(data, seed=seed, steps=steps, as_written=as_written)
        seconds = time.perf_counter() - start

        def accuracy(scale: int, rows: int) -> float:
            X, y = data.X_test[:rows] * scale, data.y_test[:rows]
            return (forward(params, X)["y_pred"].argmax(1) == y).float().mean().item()

        n_test = len(data.X_test)
        if as_written:  # the first 1,000 test images, left at 0-255; and the same net tested correctly
            scores = {"test_accuracy": accuracy(255, 1000), "test_accuracy_scaled": accuracy(1, n_test)}
        else:  # every test image, scaled; and the same net on images left at 0-255
            scores = {"test_accuracy": accuracy(1, n_test), "test_accuracy_unscaled": accuracy(255, n_test)}
        record.update(
            title="manual backprop 784-30-10" + (", bias step: batch mean" if as_written else ""),
            **scores,
            test_rows=min(1000, n_test) if as_written else n_test,
            final_loss=history[-1]["loss"],
            steps=steps,
            epochs=None,
            seconds=seconds,
            original_accuracy=XOR_ORIGINAL["08_4"],
            **common,
        )
        return record
    run = train_lab(lab, data, seed=seed, epochs=epochs)
    spec = LABS[lab]
    # The 0-255 bug, measured both ways on the same trained model.
    loss_fn, model = nn.CrossEntropyLoss(), run["model"]
    if spec.test_scale == 255:  # as written: what a correctly scaled test set would have shown
        extra = {"test_accuracy_scaled": evaluate(model, data.X_test, data.y_test, loss_fn)["accuracy"]}
    elif not lab.endswith(AS_WRITTEN):  # corrected: what the original's 0-255 test images would show
        extra = {"test_accuracy_unscaled": evaluate(model, data.X_test * 255, data.y_test, loss_fn)["accuracy"]}
    else:
        extra = {}
    record.update(
        title=spec.title,
        test_accuracy=run["test_accuracy"],
        test_rows=len(test_set(lab, data)[1]),
        **extra,
        final_loss=run["final_loss"],
        epochs=run["epochs"],
        batch_size=spec.batch_size,
        lr=spec.lr,
        seconds=run["seconds"],
        original_accuracy=spec.original_accuracy,
        **common,
    )
    return record


def write_record(record: dict, out: Path, *, commit: str | None = None) -> Path:
    """Add the run's context (torch, commit, date) and write ``<lab>-seed<seed>-<data>-<device>.json``.

    Args:
        commit: the commit whose code ran; pass the one read when the run started, since the
            checkout may change while a long run goes on (default: read it now).
    """
    record = {
        **record,
        "torch": torch.__version__,
        "dnn_guide": __version__,
        "commit": git_commit() if commit is None else commit,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
    }
    for key, value in record.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{record['lab']} seed {record['seed']}: {key} is {value}")
    device_kind = "cpu" if record["device"].startswith("CPU") else "gpu"  # see device_name
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{record['lab']}-seed{record['seed']}-{record['data']}-{device_kind}.json"
    temporary = path.with_name(path.name + ".tmp")  # a failed write never leaves half a record
    temporary.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path
