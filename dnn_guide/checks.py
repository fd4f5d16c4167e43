"""Every input check of the package, in one place: each names what is wrong and how to fix it.

The training functions (:mod:`dnn_guide.train`) and the metrics (:mod:`dnn_guide.metrics`) call these
before any work: ``X`` a 2-D floating tensor on the model's device, ``y`` class indices (``int64``, one
per row, within the model's outputs) or, for a one-output model, 0/1 targets shaped like the outputs;
all values finite. A mistake raises :class:`dnn_guide.InputError` naming the fix (``X.view(-1, 784)``,
``y.argmax(1)``, ``.to(device)``, ``nn.CrossEntropyLoss()``). Each check takes ``where``, the name of
the public function that called it, which starts its message.
"""

from __future__ import annotations

import math
import numbers

import torch
from torch import nn
from torch.nn import functional as F

from .errors import InputError
from .models import eval_mode
from .targets import TargetKind

__all__ = [
    "check_class_labels",
    "check_data",
    "check_finite",
    "check_generator",
    "check_inputs",
    "check_loss",
    "check_model",
    "check_optimizer",
    "check_outputs",
    "check_positive_int",
    "check_positive_number",
    "check_seed",
    "check_targets_like",
    "check_tensor",
]

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


# --- numbers ------------------------------------------------------------------------------------


def _prefix(where: str | None) -> str:
    return f"{where}: " if where else ""


def check_positive_int(value, name: str, where: str) -> int:
    """``value`` when it is an ``int`` of at least 1 (not a bool, not a float); else :class:`InputError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{where}: {name} must be a positive int, got {value!r}")
    return value


def check_seed(value, where: str | None = None, name: str = "seed") -> int:
    """``value`` when it is a whole number of at least 0 (not a bool); else :class:`InputError`.

    Args:
        where: the public function that checks it, the message's start (none for ``seed_everything``).
        name: how the message names the value (``"each seed"`` for a list of seeds).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise InputError(f"{_prefix(where)}{name} must be a non-negative int, got {value!r}")
    return value


def check_positive_number(value, name: str, where: str) -> float:
    """``value`` when it is a finite int or float above 0 (not a bool), such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InputError(f"{where}: {name} must be a positive number, got {value!r}")
    return value


# --- tensors and models -------------------------------------------------------------------------


def check_tensor(value, name: str, where: str):
    """``value`` when it is a ``torch.Tensor``; a numpy array, a list or a number gets the conversion named."""
    if isinstance(value, torch.Tensor):
        return value
    kind = type(value).__name__
    if type(value).__module__ == "numpy":
        raise InputError(
            f"{where}: {name} is a numpy {kind}, not a tensor: convert it with {name} = torch.as_tensor({name}) "
            "(images: torch.as_tensor(X, dtype=torch.float32); labels: torch.as_tensor(y, dtype=torch.long))"
        )
    raise InputError(f"{where}: {name} is a {kind}, not a tensor: convert it with {name} = torch.as_tensor({name})")


def check_model(where: str, model) -> None:
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


def check_finite(where: str, tensor: torch.Tensor, name: str, what: str) -> None:
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


def check_outputs(where: str, out: torch.Tensor) -> None:
    if out.is_floating_point() and out.device.type != "meta" and not bool(torch.isfinite(out).all()):
        raise InputError(
            f"{where}: the model's outputs are NaN or inf although X is finite: its weights are too large "
            "(e.g. after a diverged training run): build a fresh model and train it with a lower lr"
        )


def check_inputs(where: str, model: nn.Module, X, name: str = "X") -> torch.Tensor:
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
    check_finite(where, X, name, "inputs")
    return X


@torch.no_grad()
def _probe(where: str, model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """The model's outputs for the first rows of ``X``, in eval mode (no state changes, no randomness)."""
    try:
        with eval_mode(model):
            out = model(X[:64])
    except (RuntimeError, TypeError, ValueError, IndexError) as err:
        raise InputError(f"{where}: the model cannot take X of shape {tuple(X.shape)}: {err}") from err
    if not isinstance(out, torch.Tensor) or out.ndim not in (1, 2) or len(out) != len(X[:64]):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise InputError(
            f"{where}: the model's outputs have shape {shape}: dnn_guide expects one row per sample, "
            "(N, classes) scores or (N, 1) probabilities"
        )
    return out


def check_class_labels(where: str, y, classes: int, device: torch.device, name: str = "y") -> torch.Tensor:
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


def check_targets_like(where: str, y, out: torch.Tensor, loss: str, name: str = "y", *, zero_one: bool) -> torch.Tensor:
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
    check_finite(where, y, name, "targets")
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


def check_loss(where: str, loss_fn) -> None:
    if isinstance(loss_fn, type):
        name = f"nn.{loss_fn.__name__}" if loss_fn.__module__.startswith("torch.nn") else loss_fn.__name__
        raise InputError(f"{where}: loss_fn is the class {name}, not a loss: create one, loss_fn={name}()")
    if not callable(loss_fn):
        raise InputError(f"{where}: loss_fn must be a loss such as nn.CrossEntropyLoss(), got {loss_fn!r}")


def check_data(where: str, model: nn.Module, X, y, loss_fn) -> tuple[torch.Tensor, torch.Tensor, TargetKind]:
    """Check ``(X, y)`` against the model and the loss; return them and the :class:`TargetKind` of ``y``,
    which says how to count correct answers."""
    X = check_inputs(where, model, X)
    y_checked = check_tensor(y, "y", where)
    if len(y_checked) != len(X):
        raise InputError(f"{where}: X has {len(X)} rows but y has {len(y_checked)}; they must match")
    out = _probe(where, model, X)
    check_outputs(where, out)
    outputs = 1 if out.ndim == 1 else out.shape[1]
    loss = _loss_name(loss_fn)
    if isinstance(loss_fn, _CLASS_LOSSES) or loss_fn in _CLASS_FUNCTIONS:
        if outputs == 1:
            raise InputError(
                f"{where}: {loss} on a model with one output gives a loss of 0 whatever the weights: for two "
                "classes end the model with nn.Sigmoid() and use nn.BCELoss() with targets y.float().view(-1, 1), "
                "or give the model 2 outputs"
            )
        return X, check_class_labels(where, y_checked, outputs, out.device), TargetKind.CLASS_LABELS
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
        return X, check_class_labels(where, y_checked, outputs, out.device), TargetKind.CLASS_LABELS
    y = check_targets_like(where, y_checked, out, loss, zero_one=probability or logits)
    if outputs > 1:
        return X, y, TargetKind.SCORE_ROWS
    return X, y, TargetKind.LOGITS if logits else TargetKind.PROBABILITIES


def check_optimizer(where: str, optimizer, model: nn.Module) -> None:
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


def check_generator(generator, where: str) -> None:
    """``generator`` is None or a ``torch.Generator`` (e.g. the one :func:`dnn_guide.seed_everything` returns)."""
    if generator is not None and not isinstance(generator, torch.Generator):
        raise InputError(
            f"{where}: generator must be a torch.Generator (e.g. generator = dnn_guide.seed_everything(seed)), "
            f"got {generator!r}"
        )
