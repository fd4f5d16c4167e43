"""Every lab of the course at its original settings, runnable by name (pages, reproduce, bench).

The one registry: :data:`XOR_LABS` (08_1-08_3, XOR with sigmoid networks), :data:`BACKPROP_LABS`
(08_4, backpropagation by hand, and its code as written), :data:`LABS` (the MNIST labs 09_x and
their ``_as_written`` variants), in the order of :data:`ALL_LABS`; :func:`run_lab` runs any of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import torch
from torch import nn

from .backprop import forward, train_mnist
from .data import MNIST
from .device import device_name
from .errors import InputError, check_positive_int
from .models import mlp
from .seed import seed_everything
from .train import evaluate, fit
from .xor import XOR_X, XOR_Y, train_xor

__all__ = [
    "ALL_LABS",
    "AS_WRITTEN",
    "BACKPROP_LABS",
    "LABS",
    "XOR_LABS",
    "XOR_ORIGINAL",
    "LabSpec",
    "build_model",
    "corrected_lab",
    "run_lab",
    "test_set",
    "train_lab",
]

#: Suffix of the lab ids that run the original notebook's code as written, bugs included.
AS_WRITTEN = "_as_written"


@dataclass(frozen=True)
class LabSpec:
    """One MNIST lab of the original course: its model, optimiser settings and printed result."""

    lab: str
    title: str
    sizes: tuple[int, ...]
    activation: str = "relu"
    init: str = "default"
    dropout: float = 0.0
    batch_norm: bool = False
    lr: float = 1e-3
    batch_size: int = 100
    epochs: int = 15
    original_accuracy: float | None = None
    test_scale: int = 1  # 255: the original's `mnist_test.test_data.float()`, pixels left at 0-255
    test_rows: int | None = None  # evaluate on the first rows only (9-6's drop_last test loader)
    notes: dict[str, str] = field(default_factory=dict)


def _as_written(spec: LabSpec, **changes) -> LabSpec:
    return replace(spec, lab=spec.lab + AS_WRITTEN, **changes)


#: Keyed by the original notebooks' numbering. Optimiser: Adam; loss: cross-entropy.
#: The corrected labs test on images scaled to 0-1 like the training images; 09_4 has the 10 outputs
#: its five layers were meant to give, and 09_7 is finished with LeCun init and AlphaDropout.
_CORRECTED = {
    spec.lab: spec
    for spec in [
        LabSpec("09_1", "softmax 784-10", (784, 10), init="normal", original_accuracy=0.8944),
        LabSpec("09_2", "MLP 784-256-256-10", (784, 256, 256, 10), init="normal", original_accuracy=0.9423),
        LabSpec("09_3", "MLP + Xavier init", (784, 256, 256, 10), init="xavier", original_accuracy=0.9805),
        LabSpec("09_4", "deep 784-512x4-10", (784, 512, 512, 512, 512, 10), init="xavier", original_accuracy=0.9819),
        LabSpec(
            "09_5",
            "deep + dropout 0.3",
            (784, 512, 512, 512, 512, 10),
            init="xavier",
            dropout=0.3,
            original_accuracy=0.9772,
        ),
        LabSpec(
            "09_6",
            "784-32-32-10 + batch norm",
            (784, 32, 32, 10),
            batch_norm=True,
            lr=0.01,
            batch_size=32,
            epochs=10,
            original_accuracy=0.97,
        ),
        LabSpec(
            "09_6_no_bn",
            "784-32-32-10 without batch norm",
            (784, 32, 32, 10),
            lr=0.01,
            batch_size=32,
            epochs=10,
            original_accuracy=0.96,
        ),
        LabSpec(
            "09_7",
            "deep SELU + LeCun init + AlphaDropout",
            (784, 512, 512, 512, 512, 10),
            activation="selu",
            init="lecun",
            dropout=0.1,
            original_accuracy=0.8196,
        ),
    ]
}

#: The original notebooks' code as written (checked against deeplearningzerotoall/PyTorch): test
#: images at 0-255 in 09_1-09_5 and 09_7; 09_4's model is Sequential(linear1, relu, linear2, relu,
#: linear3), 512 outputs; 09_7 uses Xavier init and no dropout; 09_6 tests through a DataLoader with
#: ToTensor (scaled) and drop_last=True, so on the first 10,000 // 32 * 32 = 9,984 test images.
_AS_WRITTEN = [
    _as_written(_CORRECTED["09_1"], test_scale=255),
    _as_written(_CORRECTED["09_2"], test_scale=255),
    _as_written(_CORRECTED["09_3"], test_scale=255),
    _as_written(_CORRECTED["09_4"], title="784-512-512-512 (512 outputs)", sizes=(784, 512, 512, 512), test_scale=255),
    _as_written(_CORRECTED["09_5"], test_scale=255),
    _as_written(_CORRECTED["09_6"], test_rows=9984),
    _as_written(_CORRECTED["09_6_no_bn"], test_rows=9984),
    _as_written(
        _CORRECTED["09_7"], title="deep SELU + Xavier init, no dropout", init="xavier", dropout=0.0, test_scale=255
    ),
]
LABS = {**_CORRECTED, **{spec.lab: spec for spec in _AS_WRITTEN}}

#: XOR labs: the network sizes of lab-08_1 (perceptron), 08_2 (2-2-1) and 08_3 (wide and deep).
XOR_LABS = {"08_1": [2, 1], "08_2": [2, 2, 1], "08_3": [2, 10, 10, 10, 1]}
#: What the original notebooks printed at the end (XOR: accuracy on the four points; 08_4: 920 of
#: the first 1,000 test images correct).
XOR_ORIGINAL = {"08_1": 0.5, "08_2": 1.0, "08_3": 1.0, "08_4": 0.92}
#: Lab 08_4, backpropagation by hand: corrected, and as written (bias step by the batch mean, test at 0-255).
BACKPROP_LABS = ["08_4", "08_4" + AS_WRITTEN]
#: Every lab id, in the course's order: what ``dnn-guide reproduce --labs all`` runs.
ALL_LABS = [*XOR_LABS, *BACKPROP_LABS, *LABS]


def corrected_lab(lab: str) -> str:
    """The corrected lab id of an as-written one (``"09_4_as_written"`` → ``"09_4"``); others unchanged."""
    return lab.removesuffix(AS_WRITTEN)


def _spec(lab: str) -> LabSpec:
    if lab not in LABS:
        raise InputError(f"unknown lab {lab!r}: choose one of {', '.join(LABS)}")
    return LABS[lab]


def build_model(lab: str) -> nn.Sequential:
    """The lab's model, freshly initialised (seed first for a reproducible start)."""
    spec = _spec(lab)
    return mlp(
        list(spec.sizes), activation=spec.activation, init=spec.init, dropout=spec.dropout, batch_norm=spec.batch_norm
    )


def test_set(lab: str, data: MNIST) -> tuple[torch.Tensor, torch.Tensor]:
    """The test images and labels as the lab's code feeds them (scale and rows of :class:`LabSpec`)."""
    spec = _spec(lab)
    rows = slice(None, spec.test_rows)
    return data.X_test[rows] * spec.test_scale, data.y_test[rows]


def train_lab(lab: str, data: MNIST, *, seed: int = 1, epochs: int | None = None, progress: bool = False) -> dict:
    """Train one lab from scratch on ``data`` and evaluate it on the test set as the lab does.

    Returns:
        ``model``, ``history`` (per epoch, with test loss/accuracy as ``val_*``), ``test_accuracy``,
        ``final_loss`` (last epoch's training loss), ``epochs`` and ``seconds`` (training time).
    """
    spec = _spec(lab)
    X_test, y_test = test_set(lab, data)
    epochs = spec.epochs if epochs is None else epochs
    generator = seed_everything(seed)
    model = build_model(lab).to(data.X_train.device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=spec.lr)
    start = time.perf_counter()
    history = fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=loss_fn,
        optimizer=optimizer,
        epochs=epochs,
        batch_size=spec.batch_size,
        valid=(X_test, y_test),
        generator=generator,
        drop_last=True,
        progress=progress,
    )
    seconds = time.perf_counter() - start
    test = evaluate(model, X_test, y_test, loss_fn)
    return {
        "model": model,
        "history": history,
        "test_accuracy": test["accuracy"],
        "final_loss": history[-1]["loss"],
        "epochs": epochs,
        "seconds": seconds,
    }


def _run_xor(lab: str, seed: int, start: float) -> dict:
    model, losses = train_xor(XOR_LABS[lab], seed=seed)
    with torch.no_grad():
        accuracy = ((model(XOR_X) >= 0.5).float() == XOR_Y).float().mean().item()
    return dict(
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


def _run_backprop(lab: str, seed: int, data: MNIST, epochs: int | None, start: float, common: dict) -> dict:
    as_written = lab.endswith(AS_WRITTEN)
    steps = 10_000 if epochs is None else epochs * len(data.X_train) // 10
    if steps < 1:
        raise InputError(
            f"run_lab: {lab} with epochs={epochs} on {len(data.X_train)} training images is no step of batch 10: "
            "pass more data or more epochs"
        )
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
    return dict(
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


def _run_mnist(lab: str, seed: int, data: MNIST, epochs: int | None, common: dict) -> dict:
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
    return dict(
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


def run_lab(lab: str, seed: int, *, data: MNIST | None = None, epochs: int | None = None) -> dict:
    """Run one lab of :data:`ALL_LABS` once; return its record (see the results page for the fields).

    Args:
        lab: a lab id, e.g. ``"08_2"``, ``"09_4"`` or ``"09_4_as_written"``.
        seed: the run's seed.
        data: MNIST for every lab but the XOR ones (``load_mnist(...)``).
        epochs: override the lab's epochs (quick runs; 08_4: ``epochs * n_train // 10`` steps; XOR: ignored).

    Raises:
        InputError: an unknown lab, a missing ``data``, or a seed or epochs that are not valid.
    """
    if lab not in ALL_LABS:
        raise InputError(f"unknown lab {lab!r}: choose from {', '.join(ALL_LABS)}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"run_lab: seed must be a non-negative int, got {seed!r}")
    if epochs is not None:
        check_positive_int(epochs, "epochs", "run_lab")
    record = {"lab": lab, "seed": seed}
    start = time.perf_counter()
    if lab in XOR_LABS:
        record.update(_run_xor(lab, seed, start))
        return record
    if not isinstance(data, MNIST):
        raise InputError(f"lab {lab} needs MNIST: pass data=load_mnist(...)")
    common = {"data": data.kind, "n_train": len(data.X_train), "device": device_name(data.X_train.device)}
    if lab in BACKPROP_LABS:
        record.update(_run_backprop(lab, seed, data, epochs, start, common))
    else:
        record.update(_run_mnist(lab, seed, data, epochs, common))
    return record
