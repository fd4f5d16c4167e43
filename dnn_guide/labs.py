"""The course's MNIST labs at their original settings, runnable by name (pages, reproduce, bench)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import torch
from torch import nn

from .data import MNIST
from .models import mlp
from .seed import seed_everything
from .train import evaluate, fit

__all__ = ["LABS", "LabSpec", "build_model", "train_lab"]


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
    notes: dict[str, str] = field(default_factory=dict)


#: Keyed by the original notebooks' numbering. Optimiser: Adam; loss: cross-entropy.
LABS = {
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


def train_lab(lab: str, data: MNIST, *, seed: int = 1, epochs: int | None = None, progress: bool = False) -> dict:
    """Train one lab from scratch on ``data`` and evaluate it on the test set.

    Returns:
        ``model``, ``history`` (per epoch, with test loss/accuracy as ``val_*``), ``test_accuracy``,
        ``final_loss`` (last epoch's training loss), ``epochs`` and ``seconds`` (training time).
    """
    spec = _spec(lab)
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
        valid=(data.X_test, data.y_test),
        generator=generator,
        drop_last=True,
        progress=progress,
    )
    seconds = time.perf_counter() - start
    test = evaluate(model, data.X_test, data.y_test, loss_fn)
    return {
        "model": model,
        "history": history,
        "test_accuracy": test["accuracy"],
        "final_loss": history[-1]["loss"],
        "epochs": epochs,
        "seconds": seconds,
    }
