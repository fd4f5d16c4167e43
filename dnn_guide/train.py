"""A small training loop for the labs: ``fit`` trains, ``evaluate`` measures.

Every public function here checks its inputs first, with one set of checks: ``X`` a 2-D floating
tensor on the model's device, ``y`` class indices (``int64``, one per row, within the model's
outputs) or, for a one-output model, 0/1 targets shaped like the outputs; all values finite. A
mistake raises :class:`dnn_guide.InputError` naming the fix (``X.view(-1, 784)``, ``y.argmax(1)``,
``.to(device)``, ``nn.CrossEntropyLoss()``) before any work is done.
"""

from __future__ import annotations

import math
import os
from functools import partial

import torch
from torch import nn
from torch.nn import functional as F
from tqdm import tqdm

from .data import iterate_batches
from .errors import InputError, TrainingError, check_positive_int, check_tensor

__all__ = ["accuracy", "confusion_matrix", "evaluate", "fit", "predict"]

# What a loss expects as targets: class indices, or probabilities / logits of one output.
_CLASS_LOSSES = (nn.CrossEntropyLoss, nn.NLLLoss, nn.MultiMarginLoss)
_CLASS_FUNCTIONS = (F.cross_entropy, F.nll_loss, F.multi_margin_loss)
_PROBABILITY_LOSSES = (nn.BCELoss,)
_LOGIT_LOSSES = (nn.BCEWithLogitsLoss,)
# Layers that leave a row's shape alone, so the first nn.Linear after them sees X as it is.
_ELEMENTWISE = (
    nn.Dropout,
    nn.AlphaDropout,
    nn.Identity,
    nn.ReLU,
    nn.LeakyReLU,
    nn.Sigmoid,
    nn.Tanh,
    nn.SELU,
    nn.ELU,
    nn.GELU,
)


# --- the checks ---------------------------------------------------------------------------------


def _check_model(where: str, model) -> None:
    if isinstance(model, type):
        name = f"nn.{model.__name__}" if model.__module__.startswith("torch.nn") else model.__name__
        raise InputError(
            f"{where}: model is the class {name}, not a model: create an instance first, e.g. "
            "model = nn.Linear(784, 10) or dnn_guide.mlp([784, 256, 10])"
        )
    if not isinstance(model, nn.Module):
        raise InputError(
            f"{where}: model must be an nn.Module (e.g. dnn_guide.mlp([784, 10])), got {type(model).__name__}"
        )
    for name, parameter in model.named_parameters():
        if parameter.device.type != "meta" and not bool(torch.isfinite(parameter).all()):
            raise InputError(
                f"{where}: the model's weights hold NaN or inf (in {name}), e.g. left by a training run whose "
                "loss diverged: build a fresh model (and train it with a lower lr)"
            )


def _parameter(model: nn.Module) -> torch.Tensor | None:
    """The model's first floating parameter: its device and dtype are the ones the data must have."""
    return next((p for p in model.parameters() if p.is_floating_point()), None)


def _first_linear(model: nn.Module) -> nn.Linear | None:
    """The nn.Linear that sees X first, for nn.Linear and nn.Sequential models (None when unknown)."""
    layers = [model]
    while layers:
        layer = layers.pop(0)
        if isinstance(layer, nn.Linear):
            return layer
        if isinstance(layer, nn.Sequential):
            layers = [*layer, *layers]
        elif not isinstance(layer, _ELEMENTWISE):
            return None
    return None


def _check_finite(where: str, tensor: torch.Tensor, name: str, what: str) -> None:
    if tensor.device.type == "meta" or not tensor.is_floating_point() or tensor.numel() == 0:
        return
    low, high = torch.aminmax(tensor)  # one pass, no copy: NaN and ±inf show up in these two
    if bool(torch.isfinite(low) & torch.isfinite(high)):
        return
    nans, infs = int(torch.isnan(tensor).sum()), int(torch.isinf(tensor).sum())
    if nans or infs:
        found = " and ".join(f"{n} {kind}" for n, kind in ((nans, "NaN"), (infs, "inf")) if n)
        rows = torch.nonzero(~torch.isfinite(tensor.reshape(len(tensor), -1)).all(1)).flatten()[:5].tolist()
        plural = "s" if nans + infs > 1 else ""
        raise InputError(
            f"{where}: {name} holds {found} value{plural} (in rows {rows}{'...' if nans + infs > 5 else ''}): "
            f"{what} must be finite numbers; find them with torch.nonzero(~torch.isfinite({name})) "
            "and fix or drop those rows"
        )


def _check_outputs(where: str, out: torch.Tensor) -> None:
    if out.is_floating_point() and out.device.type != "meta" and not bool(torch.isfinite(out).all()):
        raise InputError(
            f"{where}: the model's outputs are NaN or inf although X is finite: its weights are too large "
            "(e.g. after a diverged training run): build a fresh model and train it with a lower lr"
        )


def _check_inputs(where: str, model: nn.Module, X, name: str = "X") -> torch.Tensor:
    """``X`` as the model takes it: a tensor on its device, in its dtype, of rows it can read, finite."""
    X = check_tensor(X, name, where)
    if X.ndim == 0 or len(X) == 0:
        raise InputError(f"{where}: {name} has no rows (shape {tuple(X.shape)}): pass at least one sample")
    parameter = _parameter(model)
    if parameter is not None and X.device != parameter.device:
        raise InputError(
            f"{where}: {name} is on {X.device} but the model is on {parameter.device}: move the data there with "
            f"{name} = {name}.to(device) (device = next(model.parameters()).device), or the model with "
            f"model.to({str(X.device)!r})"
        )
    if not X.is_floating_point():
        scale = " / 255 for pixels of 0-255" if X.dtype == torch.uint8 else ""
        raise InputError(
            f"{where}: {name} has dtype {X.dtype}, but a model computes in floating point: "
            f"use {name} = {name}.float(){scale}"
        )
    if parameter is not None and X.dtype != parameter.dtype:
        fix = f"{name}.float()" if parameter.dtype == torch.float32 else f"{name}.to({parameter.dtype})"
        raise InputError(
            f"{where}: {name} has dtype {X.dtype} but the model's weights are {parameter.dtype}: use {name} = {fix}"
        )
    linear = _first_linear(model)
    if linear is not None:
        n_in = linear.in_features
        layer = f"nn.Linear({n_in}, {linear.out_features})"
        if X.ndim != 2:
            if X[0].numel() == n_in:
                fix = f"flatten each sample into one row with {name} = {name}.view(-1, {n_in})"
            else:
                fix = f"pass one row of {n_in} numbers per sample, shape (N, {n_in})"
            raise InputError(
                f"{where}: {name} has shape {tuple(X.shape)} but the model's first layer, {layer}, takes rows of "
                f"{n_in} numbers: {fix}"
            )
        if X.shape[1] != n_in:
            raise InputError(
                f"{where}: {name} has {X.shape[1]} features per row but the model's first layer, {layer}, "
                f"expects {n_in}: pass rows of {n_in} values (MNIST: load_mnist(flatten=True)), or build the "
                f"model for {X.shape[1]} inputs"
            )
    _check_finite(where, X, name, "inputs")
    return X


@torch.no_grad()
def _probe(where: str, model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """The model's outputs for the first rows of ``X``, in eval mode (no state changes, no randomness)."""
    was_training = model.training
    model.eval()
    try:
        out = model(X[:64])
    except (RuntimeError, TypeError, ValueError, IndexError) as err:
        raise InputError(f"{where}: the model cannot take X of shape {tuple(X.shape)}: {err}") from err
    finally:
        model.train(was_training)
    if not isinstance(out, torch.Tensor) or out.ndim not in (1, 2) or len(out) != len(X[:64]):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise InputError(
            f"{where}: the model's outputs have shape {shape}: dnn_guide expects one row per sample, "
            "(N, classes) scores or (N, 1) probabilities"
        )
    return out


def _check_class_labels(where: str, y, classes: int, device: torch.device, name: str = "y") -> torch.Tensor:
    """``y`` as class indices: 1-D int64 on ``device``, each in ``0 .. classes - 1``."""
    y = check_tensor(y, name, where)
    if y.ndim == 2 and y.shape[1] == 1:
        raise InputError(
            f"{where}: {name} has shape {tuple(y.shape)}, a column: class labels are one number per row, "
            f"shape ({len(y)},): use {name} = {name}.squeeze(1) (or {name}.view(-1))"
        )
    if y.ndim == 2:
        looks = "it looks one-hot encoded" if bool(((y == 0) | (y == 1)).all()) else "one row of scores per sample"
        raise InputError(
            f"{where}: {name} has shape {tuple(y.shape)} ({looks}): the loss and accuracy take class indices "
            f"0-{classes - 1}, shape ({len(y)},): use {name} = {name}.argmax(1)"
        )
    if y.ndim != 1:
        raise InputError(f"{where}: {name} has shape {tuple(y.shape)}: class labels are one index per row, shape (N,)")
    if y.device != device:
        raise InputError(
            f"{where}: {name} is on {y.device} but the model is on {device}: use {name} = {name}.to(device)"
        )
    if y.dtype != torch.int64:
        if y.is_floating_point() and not bool((y == y.round()).all()):
            raise InputError(
                f"{where}: {name} holds fractional values such as {y[y != y.round()][0].item()}: class labels are "
                f"whole numbers 0-{classes - 1}"
            )
        raise InputError(
            f"{where}: {name} has dtype {y.dtype}: class labels must be int64 (torch.long): use {name} = {name}.long()"
        )
    low, high = int(y.min()), int(y.max())
    if low < 0:
        raise InputError(f"{where}: {name} has label {low}: class labels run from 0 to {classes - 1}")
    if high >= classes:
        raise InputError(
            f"{where}: {name} has label {high} but the model has {classes} outputs (classes 0-{classes - 1}): "
            f"give its last layer {high + 1} outputs, or fix the labels"
        )
    return y


def _check_targets_like(
    where: str, y, out: torch.Tensor, loss: str, name: str = "y", *, zero_one: bool
) -> torch.Tensor:
    """``y`` as targets shaped like the outputs (one-output models, BCE and other non-class losses)."""
    y = check_tensor(y, name, where)
    want = (len(y), *out.shape[1:])
    if tuple(y.shape) != want:
        if y.numel() == math.prod(want):
            fix = (
                f"use {name} = {name}.view(-1, 1) (or {name}.unsqueeze(1))"
                if out.ndim == 2
                else f"use {name} = {name}.view(-1)"
            )
        else:
            fix = f"give one target per output, shape {want}"
        raise InputError(
            f"{where}: {name} has shape {tuple(y.shape)} but the model's outputs are {tuple(out.shape[1:]) or '()'} "
            f"per row, so {loss} needs targets of shape {want}: {fix}"
        )
    if y.device != out.device:
        raise InputError(
            f"{where}: {name} is on {y.device} but the model is on {out.device}: use {name} = {name}.to(device)"
        )
    if y.dtype != out.dtype:
        fix = f"{name}.float()" if out.dtype == torch.float32 else f"{name}.to({out.dtype})"
        raise InputError(
            f"{where}: {loss} needs targets of the outputs' dtype {out.dtype}, got {y.dtype}: use {name} = {fix}"
        )
    _check_finite(where, y, name, "targets")
    if zero_one and not bool(((y >= 0) & (y <= 1)).all()):
        raise InputError(
            f"{where}: {name} holds values outside [0, 1] (e.g. {y[(y < 0) | (y > 1)][0].item()}): {loss} takes "
            "targets 0 or 1 (probabilities of class 1)"
        )
    return y


def _loss_name(loss_fn) -> str:
    if isinstance(loss_fn, nn.Module):
        module = type(loss_fn).__module__
        return f"{'nn.' if module.startswith('torch.nn') else ''}{type(loss_fn).__name__}()"
    return getattr(loss_fn, "__name__", repr(loss_fn))


def _check_loss(where: str, loss_fn) -> None:
    if isinstance(loss_fn, type):
        name = f"nn.{loss_fn.__name__}" if loss_fn.__module__.startswith("torch.nn") else loss_fn.__name__
        raise InputError(f"{where}: loss_fn is the class {name}, not a loss: create one, loss_fn={name}()")
    if not callable(loss_fn):
        raise InputError(f"{where}: loss_fn must be a loss such as nn.CrossEntropyLoss(), got {loss_fn!r}")


def _check_data(where: str, model: nn.Module, X, y, loss_fn) -> tuple[torch.Tensor, torch.Tensor, str]:
    """Check ``(X, y)`` against the model and the loss; return them and how to count correct answers.

    The mode is ``"classes"`` (arg-max against class indices), ``"binary"`` (one output, a probability,
    at least 0.5 is 1), ``"binary_logits"`` (one output, a logit, at least 0 is 1) or ``"scores"``
    (arg-max against the arg-max of targets shaped like the outputs, e.g. one-hot with nn.MSELoss()).
    """
    X = _check_inputs(where, model, X)
    y_checked = check_tensor(y, "y", where)
    if len(y_checked) != len(X):
        raise InputError(f"{where}: X has {len(X)} rows but y has {len(y_checked)}; they must match")
    out = _probe(where, model, X)
    _check_outputs(where, out)
    outputs = 1 if out.ndim == 1 else out.shape[1]
    loss = _loss_name(loss_fn)
    if isinstance(loss_fn, _CLASS_LOSSES) or loss_fn in _CLASS_FUNCTIONS:
        if outputs == 1:
            raise InputError(
                f"{where}: {loss} on a model with one output gives a loss of 0 whatever the weights: for two "
                "classes end the model with nn.Sigmoid() and use nn.BCELoss() with targets y.float().view(-1, 1), "
                "or give the model 2 outputs"
            )
        return X, _check_class_labels(where, y_checked, outputs, out.device), "classes"
    probability = isinstance(loss_fn, _PROBABILITY_LOSSES) or loss_fn is F.binary_cross_entropy
    logits = isinstance(loss_fn, _LOGIT_LOSSES) or loss_fn is F.binary_cross_entropy_with_logits
    if (probability or logits) and outputs > 1:
        raise InputError(
            f"{where}: {loss} on a model with {outputs} outputs: for {outputs} classes use nn.CrossEntropyLoss() "
            f"with class labels 0-{outputs - 1}"
        )
    if probability and not bool(((out >= 0) & (out <= 1)).all()):
        raise InputError(
            f"{where}: {loss} needs probabilities in [0, 1] but the model outputs values such as "
            f"{out[(out < 0) | (out > 1)][0].item():.3g}: end the model with nn.Sigmoid(), or use "
            "nn.BCEWithLogitsLoss() on the raw outputs"
        )
    if not (probability or logits) and outputs > 1 and y_checked.ndim == 1 and not y_checked.is_floating_point():
        return X, _check_class_labels(where, y_checked, outputs, out.device), "classes"
    y = _check_targets_like(where, y_checked, out, loss, zero_one=probability or logits)
    if outputs > 1:
        return X, y, "scores"
    return X, y, "binary_logits" if logits else "binary"


def _check_batch_size(where: str, batch_size) -> None:
    check_positive_int(batch_size, "batch_size", where)


# --- counting correct answers -------------------------------------------------------------------


def _correct(output: torch.Tensor, y: torch.Tensor, mode: str) -> torch.Tensor:
    """Number of correct predictions, as a tensor on the output's device (no host sync)."""
    if mode == "classes":
        return (output.argmax(dim=1) == y).sum()
    if mode == "scores":
        return (output.argmax(dim=1) == y.argmax(dim=1)).sum()
    threshold = 0.0 if mode == "binary_logits" else 0.5
    return ((output.reshape(y.shape) >= threshold).to(y.dtype) == y).sum()


def accuracy(output: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of correct predictions.

    Several output columns are class scores (the arg-max is the prediction) and ``y`` holds class
    indices, shape ``(N,)``; a single column (or a 1-D output) is a probability, as after the labs'
    ``nn.Sigmoid()`` (predicted 1 when it is at least 0.5), and ``y`` holds 0/1, shape ``(N,)`` or ``(N, 1)``.

    Raises:
        InputError: shapes that do not pair one label with one output row (one-hot or column labels:
            the fix is named), labels out of range, values that are not finite, or one output
            column holding values outside [0, 1] (logits: apply ``torch.sigmoid`` first).
    """
    where = "accuracy"
    output, y = check_tensor(output, "output", where), check_tensor(y, "y", where)
    if output.ndim not in (1, 2):
        raise InputError(
            f"{where}: output has shape {tuple(output.shape)}: pass the model's outputs, one row per sample, "
            "shape (N, classes) or (N, 1)"
        )
    if len(output) == 0:
        raise InputError(f"{where}: output has no rows (shape {tuple(output.shape)}): pass at least one sample")
    if len(y) != len(output):
        raise InputError(f"{where}: output has {len(output)} rows but y has {len(y)}; they must match")
    _check_finite(where, output, "output", "outputs")
    if output.ndim == 2 and output.shape[1] > 1:
        y = _check_class_labels(where, y, output.shape[1], output.device)
        return _correct(output, y, "classes").item() / len(y)
    if y.ndim == 2 and y.shape[1] != 1 or y.ndim > 2:
        raise InputError(f"{where}: y has shape {tuple(y.shape)} for one output column: pass 0/1 labels, shape (N,)")
    if not bool(((output >= 0) & (output <= 1)).all()):
        raise InputError(
            f"{where}: one output column is read as a probability (at least 0.5 is class 1), but it holds values "
            "outside [0, 1]: these look like logits; pass torch.sigmoid(output), or end the model with nn.Sigmoid()"
        )
    if y.device != output.device:
        raise InputError(f"{where}: y is on {y.device} but output is on {output.device}: use y = y.to(output.device)")
    if not bool(((y == 0) | (y == 1)).all()):
        raise InputError(
            f"{where}: with one output column the labels must be 0 or 1, got values such as "
            f"{y[(y != 0) & (y != 1)][0].item()}"
        )
    predicted = (output.reshape(-1) >= 0.5).to(y.dtype)
    return (predicted == y.reshape(-1)).sum().item() / len(y)


def confusion_matrix(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int = 10) -> torch.Tensor:
    """Counts ``C[i, j]`` of samples of true class ``i`` predicted as ``j``.

    Raises:
        InputError: labels that are not whole numbers in ``0 .. num_classes - 1``, scores where
            predicted classes belong (``output.argmax(1)``), or shapes that differ.
    """
    where = "confusion_matrix"
    check_positive_int(num_classes, "num_classes", where)
    y_true, y_pred = check_tensor(y_true, "y_true", where), check_tensor(y_pred, "y_pred", where)
    for name, labels in (("y_true", y_true), ("y_pred", y_pred)):
        if labels.ndim == 2 and labels.shape[1] > 1:
            raise InputError(
                f"{where}: {name} has shape {tuple(labels.shape)}, one row of scores per sample: pass predicted "
                f"classes, {name} = output.argmax(1) (or predict(model, X))"
            )
    if y_true.shape != y_pred.shape:
        raise InputError(
            f"{where}: y_true and y_pred must have the same shape, got {tuple(y_true.shape)} and {tuple(y_pred.shape)}"
        )
    for name, labels in (("y_true", y_true), ("y_pred", y_pred)):
        if labels.is_floating_point() or labels.is_complex() or labels.dtype == torch.bool:
            fractional = labels.is_floating_point() and not bool((labels == labels.round()).all())
            what = "holds fractional values" if fractional else f"has dtype {labels.dtype}"
            raise InputError(f"{where}: {name} {what}: class labels are whole numbers; use {name} = {name}.long()")
        if labels.numel() and (int(labels.min()) < 0 or int(labels.max()) >= num_classes):
            bad = int(labels.min()) if int(labels.min()) < 0 else int(labels.max())
            raise InputError(
                f"{where}: {name} has label {bad}, outside 0-{num_classes - 1} for num_classes={num_classes}"
                + (f": pass num_classes={bad + 1} if there are that many classes" if bad >= 0 else "")
            )
    index = y_true.long().cpu().reshape(-1) * num_classes + y_pred.long().cpu().reshape(-1)
    return torch.bincount(index, minlength=num_classes**2).reshape(num_classes, num_classes)


@torch.no_grad()
def predict(model: nn.Module, X: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """Predicted classes (``int64``, one per row) in eval mode; the train/eval mode is restored.

    Several outputs: the arg-max. One output (a sigmoid model): 1 where the probability is at least 0.5.

    Raises:
        InputError: ``X`` does not fit the model (see :func:`fit`), or a one-output model gives
            values outside [0, 1] (logits: end it with ``nn.Sigmoid()``).
    """
    where = "predict"
    _check_model(where, model)
    _check_batch_size(where, batch_size)
    X = _check_inputs(where, model, X)
    was_training = model.training
    model.eval()
    try:
        output = torch.cat([model(X[i : i + batch_size]) for i in range(0, len(X), batch_size)])
    finally:
        model.train(was_training)
    _check_outputs(where, output)
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
def _evaluate(model: nn.Module, X, y, loss_fn, batch_size: int, mode: str, where: str) -> dict[str, float]:
    was_training = model.training
    model.eval()
    total_loss, correct = 0.0, 0
    try:
        for X_batch, y_batch in iterate_batches(X, y, batch_size, shuffle=False):
            output = model(X_batch)
            total_loss = total_loss + loss_fn(output, y_batch) * len(X_batch)
            correct = correct + _correct(output, y_batch, mode)
    finally:
        model.train(was_training)
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
    _check_model(where, model)
    _check_loss(where, loss_fn)
    _check_batch_size(where, batch_size)
    X, y, mode = _check_data(where, model, X, y, loss_fn)
    return _evaluate(model, X, y, loss_fn, batch_size, mode, where)


def _closure(model, loss_fn, optimizer, X, y) -> torch.Tensor:
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    return loss


def _check_optimizer(where: str, optimizer, model: nn.Module) -> None:
    if isinstance(optimizer, type):
        name = (
            f"torch.optim.{optimizer.__name__}"
            if optimizer.__module__.startswith("torch.optim")
            else optimizer.__name__
        )
        raise InputError(
            f"{where}: optimizer is the class {name}, not an optimizer: create one on the model's weights, "
            f"optimizer={name}(model.parameters(), lr=0.1)"
        )
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise InputError(
            f"{where}: optimizer must be a torch.optim optimizer such as "
            f"torch.optim.SGD(model.parameters(), lr=0.1), got {optimizer!r}"
        )
    mine = {id(p) for p in model.parameters()}
    theirs = {id(p) for group in optimizer.param_groups for p in group["params"]}
    if mine and not mine & theirs:
        raise InputError(
            f"{where}: the optimizer holds none of this model's parameters (it was built on another model, or "
            f"before the model was created again): create it after the model, "
            f"torch.optim.{type(optimizer).__name__}(model.parameters(), lr=...)"
        )


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
            names the fix (``X.view(-1, 784)``, ``y.argmax(1)``, ``.to(device)``, ...).
        TrainingError: the loss became NaN or inf during training (the data were finite: lower the lr).
    """
    where = "fit"
    _check_model(where, model)
    _check_loss(where, loss_fn)
    _check_optimizer(where, optimizer, model)
    check_positive_int(epochs, "epochs", where)
    _check_batch_size(where, batch_size)
    if generator is not None and not isinstance(generator, torch.Generator):
        raise InputError(
            f"{where}: generator must be a torch.Generator (e.g. generator = dnn_guide.seed_everything(seed)), "
            f"got {generator!r}"
        )
    X, y, mode = _check_data(where, model, X, y, loss_fn)
    if drop_last and len(X) < batch_size:
        raise InputError(
            f"{where}: drop_last=True with batch_size={batch_size} leaves no batch of the {len(X)} rows: "
            f"use batch_size={len(X)} or less, or drop_last=False"
        )
    if valid is not None:
        if not isinstance(valid, (tuple, list)) or len(valid) != 2:
            raise InputError(f"{where}: valid must be a pair (X, y) of tensors, got {type(valid).__name__}")
        valid_X, valid_y, valid_mode = _check_data(f"{where}(valid=...)", model, *valid, loss_fn)
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
            correct = correct + _correct(output.detach(), y_batch, mode)
            seen += len(X_batch)
        record = {"epoch": epoch, "loss": float(total_loss) / seen, "accuracy": int(correct) / seen}
        if not math.isfinite(record["loss"]):
            raise TrainingError(
                f"{where}: the training loss became {record['loss']} in epoch {epoch} although X and y are finite: "
                "the steps diverged; lower the lr"
            )
        if valid is not None:
            scores = _evaluate(model, valid_X, valid_y, loss_fn, 1000, valid_mode, f"{where}(valid=...)")
            record.update(val_loss=scores["loss"], val_accuracy=scores["accuracy"])
        history.append(record)
    return history
