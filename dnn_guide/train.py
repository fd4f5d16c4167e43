"""A small training loop for the labs: ``fit`` trains, ``evaluate`` measures, ``predict`` predicts.

Every public function here checks its inputs first, with the checks of :mod:`dnn_guide.checks`: a
mistake raises :class:`dnn_guide.InputError` naming the fix before any work is done. The metrics
themselves (:func:`~dnn_guide.metrics.accuracy`, :func:`~dnn_guide.metrics.confusion_matrix`) live in
:mod:`dnn_guide.metrics`; they are importable from here too.
"""

from __future__ import annotations

import math
import os
from functools import partial

import torch
from torch import nn
from tqdm import tqdm

from .checks import (
    check_batch_norm_batches,
    check_data,
    check_flag,
    check_generator,
    check_inputs,
    check_loss,
    check_model,
    check_optimizer,
    check_outputs,
    check_positive_int,
)
from .data import iterate_batches
from .errors import InputError, TrainingError
from .metrics import accuracy, confusion_matrix
from .models import eval_mode
from .targets import TargetKind

__all__ = ["accuracy", "confusion_matrix", "evaluate", "fit", "predict"]


@torch.no_grad()
def predict(model: nn.Module, X: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """Predicted classes (``int64``, one per row) in eval mode; the train/eval mode is restored.

    Several outputs: the arg-max. One output (a sigmoid model): 1 where the probability is at least 0.5.

    Raises:
        InputError: ``X`` does not fit the model (see :func:`fit`), or a one-output model gives
            values outside [0, 1] (logits: end it with ``nn.Sigmoid()``).
    """
    where = "predict"
    check_model(where, model)
    check_positive_int(batch_size, "batch_size", where)
    X = check_inputs(where, model, X)
    with eval_mode(model):
        output = torch.cat([model(X[i : i + batch_size]) for i in range(0, len(X), batch_size)])
    check_outputs(where, output)
    if output.ndim == 2 and output.shape[1] > 1:
        return output.argmax(1)
    if not bool(((output >= 0) & (output <= 1)).all()):
        raise InputError(
            f"{where}: the model has one output and gives values outside [0, 1] (e.g. "
            f"{output[(output < 0) | (output > 1)][0].item():.3g}): predict reads one output as the probability "
            "of class 1; end the model with nn.Sigmoid() (for a model that gives logits: "
            "(torch.sigmoid(model(X)) >= 0.5).long())"
        )
    return (output.reshape(-1) >= 0.5).long()


@torch.no_grad()
def _evaluate(model: nn.Module, X, y, loss_fn, batch_size: int, kind: TargetKind, where: str) -> dict[str, float]:
    total_loss, correct = 0.0, 0
    with eval_mode(model):
        for X_batch, y_batch in iterate_batches(X, y, batch_size, shuffle=False):
            output = model(X_batch)
            total_loss = total_loss + loss_fn(output, y_batch) * len(X_batch)
            correct = correct + kind.count_correct(output, y_batch)
    loss = float(total_loss) / len(X)
    if not math.isfinite(loss):
        raise TrainingError(
            f"{where}: the loss is {loss} on finite data: the model's outputs overflow (its weights are too large); "
            "retrain it with a lower lr"
        )
    return {"loss": loss, "accuracy": int(correct) / len(X)}


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

    Raises:
        InputError: inputs the model or the loss cannot take (see :func:`fit`), or NaN/inf in them.
        TrainingError: the loss is not finite although the data are.
    """
    where = "evaluate"
    check_model(where, model)
    check_loss(where, loss_fn)
    check_positive_int(batch_size, "batch_size", where)
    X, y, kind = check_data(where, model, X, y, loss_fn)
    return _evaluate(model, X, y, loss_fn, batch_size, kind, where)


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
        X: training inputs, a float tensor of shape ``(N, features)`` on the model's device.
        y: class indices (``int64``, shape ``(N,)``) for ``nn.CrossEntropyLoss()``; for a one-output
            model with ``nn.BCELoss()``, float 0/1 targets shaped like its outputs, ``(N, 1)``.
        loss_fn: e.g. ``nn.CrossEntropyLoss()`` or ``nn.BCELoss()``.
        optimizer: built on ``model.parameters()``; ``LBFGS`` gets the closure its ``step`` needs.
        epochs: passes over the data.
        batch_size: rows per step.
        valid: ``(X, y)`` evaluated after each epoch as :func:`evaluate` does.
        generator: CPU generator for the shuffle order (see :func:`dnn_guide.seed_everything`).
        drop_last: skip a last short batch, as the original labs' ``DataLoader`` did.
        progress: show a tqdm bar (``TQDM_DISABLE=1`` silences it, as the docs build does).

    Raises:
        InputError: anything above that does not hold, checked before the first step: each message
            names the fix (``X.view(-1, 784)``, ``y.argmax(1)``, ``.to(device)``, ...); also a batch-norm
            model whose last batch would hold one sample (``drop_last=True`` or another batch size fixes it).
        TrainingError: the loss became NaN or inf during training (the data were finite: lower the lr).
    """
    where = "fit"
    check_model(where, model)
    check_loss(where, loss_fn)
    check_optimizer(where, optimizer, model)
    check_positive_int(epochs, "epochs", where)
    check_positive_int(batch_size, "batch_size", where)
    check_generator(generator, where)
    check_flag(drop_last, "drop_last", where)
    X, y, kind = check_data(where, model, X, y, loss_fn)
    if drop_last and len(X) < batch_size:
        raise InputError(
            f"{where}: drop_last=True with batch_size={batch_size} leaves no batch of the {len(X)} rows: "
            f"use batch_size={len(X)} or less, or drop_last=False"
        )
    check_batch_norm_batches(where, model, len(X), batch_size, drop_last)
    if valid is not None:
        if not isinstance(valid, (tuple, list)) or len(valid) != 2:
            raise InputError(f"{where}: valid must be a pair (X, y) of tensors, got {type(valid).__name__}")
        valid_X, valid_y, valid_kind = check_data(f"{where}(valid=...)", model, *valid, loss_fn)
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
            correct = correct + kind.count_correct(output.detach(), y_batch)
            seen += len(X_batch)
        record = {"epoch": epoch, "loss": float(total_loss) / seen, "accuracy": int(correct) / seen}
        if not math.isfinite(record["loss"]):
            raise TrainingError(
                f"{where}: the training loss became {record['loss']} in epoch {epoch} although X and y are finite: "
                "the steps diverged; lower the lr"
            )
        if valid is not None:
            scores = _evaluate(model, valid_X, valid_y, loss_fn, 1000, valid_kind, f"{where}(valid=...)")
            record.update(val_loss=scores["loss"], val_accuracy=scores["accuracy"])
        history.append(record)
    return history
