"""A small training loop for the labs: ``fit`` trains, ``evaluate`` measures."""

from __future__ import annotations

import math
import os
from functools import partial

import torch
from torch import nn
from tqdm import tqdm

from .data import iterate_batches

__all__ = ["accuracy", "confusion_matrix", "evaluate", "fit", "predict"]


def _correct(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Number of correct predictions, as a tensor on the output's device (no host sync)."""
    if output.ndim == 2 and output.shape[1] > 1:
        predicted = output.argmax(dim=1)
    else:
        predicted = (output.reshape(y.shape) >= 0.5).to(y.dtype)
    return (predicted == y).sum()


def accuracy(output: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of correct predictions.

    Several output columns are class scores (the arg-max is the prediction); a single column is a
    probability, as after the labs' ``nn.Sigmoid()`` (predicted 1 when it is at least 0.5).
    """
    return _correct(output, y).item() / len(y)


def confusion_matrix(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int = 10) -> torch.Tensor:
    """Counts ``C[i, j]`` of samples of true class ``i`` predicted as ``j``."""
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {tuple(y_true.shape)} and {tuple(y_pred.shape)}"
        )
    index = y_true.long().cpu() * num_classes + y_pred.long().cpu()
    return torch.bincount(index, minlength=num_classes**2).reshape(num_classes, num_classes)


@torch.no_grad()
def predict(model: nn.Module, X: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """Predicted classes (arg-max of the outputs) in eval mode; the train/eval mode is restored."""
    was_training = model.training
    model.eval()
    predicted = torch.cat([model(X[i : i + batch_size]).argmax(1) for i in range(0, len(X), batch_size)])
    model.train(was_training)
    return predicted


def _check_pair(X: torch.Tensor, y: torch.Tensor, name: str) -> None:
    if len(X) != len(y):
        raise ValueError(f"{name}: X has {len(X)} rows but y has {len(y)}; they must match")
    if len(X) == 0:
        raise ValueError(f"{name}: no rows to use")


@torch.no_grad()
def evaluate(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    loss_fn: nn.Module,
    *,
    batch_size: int = 1000,
) -> dict[str, float]:
    """Mean loss and accuracy of ``model`` on ``(X, y)``, in eval mode (dropout off, BN frozen).

    The model's train/eval mode is restored afterwards.
    """
    _check_pair(X, y, "evaluate")
    was_training = model.training
    model.eval()
    total_loss, correct = 0.0, 0
    for X_batch, y_batch in iterate_batches(X, y, batch_size, shuffle=False):
        output = model(X_batch)
        total_loss = total_loss + loss_fn(output, y_batch) * len(X_batch)
        correct = correct + _correct(output, y_batch)
    model.train(was_training)
    return {"loss": float(total_loss) / len(X), "accuracy": int(correct) / len(X)}


def _closure(model, loss_fn, optimizer, X, y) -> torch.Tensor:
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    return loss


def fit(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    loss_fn: nn.Module,
    optimizer: torch.optim.Optimizer,
    epochs: int,
    batch_size: int = 100,
    valid: tuple[torch.Tensor, torch.Tensor] | None = None,
    generator: torch.Generator | None = None,
    drop_last: bool = False,
    progress: bool = True,
) -> list[dict[str, float]]:
    """Train ``model`` on tensors in memory; return one record per epoch.

    Each record holds ``epoch``, ``loss`` and ``accuracy`` (means over the epoch's batches, as the
    original labs printed them), and ``val_loss``/``val_accuracy`` when ``valid`` is given.

    Args:
        model: the network; it is put in train mode for each epoch.
        X: training inputs, on the model's device.
        y: training targets, as many as ``X`` has rows.
        loss_fn: e.g. ``nn.CrossEntropyLoss()`` or ``nn.BCELoss()``.
        optimizer: built on ``model.parameters()``; ``LBFGS`` gets the closure its ``step`` needs.
        epochs: passes over the data.
        batch_size: rows per step.
        valid: ``(X, y)`` evaluated after each epoch with :func:`evaluate`.
        generator: CPU generator for the shuffle order (see :func:`dnn_guide.seed_everything`).
        drop_last: skip a last short batch, as the original labs' ``DataLoader`` did.
        progress: show a tqdm bar (``TQDM_DISABLE=1`` silences it, as the docs build does).

    Raises:
        ValueError: mismatched lengths, a non-positive ``epochs``, or a loss that became NaN.
    """
    _check_pair(X, y, "fit")
    if valid is not None:
        _check_pair(*valid, "fit(valid=...)")
    if not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive int, got {epochs!r}")
    history = []
    quiet = not progress or os.environ.get("TQDM_DISABLE", "") not in ("", "0")
    for epoch in tqdm(range(1, epochs + 1), desc="epochs", disable=quiet):
        model.train()
        # Sums stay on the device; reading them once per epoch avoids a GPU sync per batch.
        total_loss, correct, seen = 0.0, 0, 0
        for X_batch, y_batch in iterate_batches(X, y, batch_size, generator=generator, drop_last=drop_last):
            output = model(X_batch)
            loss = loss_fn(output, y_batch)
            optimizer.zero_grad()
            loss.backward()
            if isinstance(optimizer, torch.optim.LBFGS):  # it re-evaluates the loss through a closure
                optimizer.step(partial(_closure, model, loss_fn, optimizer, X_batch, y_batch))
            else:
                optimizer.step()
            total_loss = total_loss + loss.detach() * len(X_batch)
            correct = correct + _correct(output.detach(), y_batch)
            seen += len(X_batch)
        record = {"epoch": epoch, "loss": float(total_loss) / seen, "accuracy": int(correct) / seen}
        if not math.isfinite(record["loss"]):
            raise ValueError(f"the training loss became {record['loss']} in epoch {epoch}: lower the lr")
        if valid is not None:
            scores = evaluate(model, *valid, loss_fn)
            record.update(val_loss=scores["loss"], val_accuracy=scores["accuracy"])
        history.append(record)
    return history
