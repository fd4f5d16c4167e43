"""The course's MNIST labs at their original settings, runnable by name (pages, reproduce, bench)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import torch
from torch import nn

from .data import MNIST
from .models import mlp
from .seed import seed_everything
from .train import evaluate, fit

__all__ = ["AS_WRITTEN", "LABS", "LabSpec", "build_model", "corrected_lab", "test_set", "train_lab"]

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


def corrected_lab(lab: str) -> str:
    """The corrected lab id of an as-written one (``"09_4_as_written"`` → ``"09_4"``); others unchanged."""
    return lab.removesuffix(AS_WRITTEN)


def _spec(lab: str) -> LabSpec:
    if lab not in LABS:
        raise ValueError(f"unknown lab {lab!r}: choose one of {', '.join(LABS)}")
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
