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
from collections.abc import Iterable

import torch
from torch import nn
from torch.nn import functional as F

from .errors import InputError
from .targets import TargetKind

__all__ = [
    "SEED_MAX",
    "check_batch_norm_batches",
    "check_choice",
    "check_class_labels",
    "check_data",
    "check_finite",
    "check_flag",
    "check_float_dtype",
    "check_generator",
    "check_inputs",
    "check_layer_sizes",
    "check_loss",
    "check_model",
    "check_module",
    "check_optimizer",
    "check_outputs",
    "check_positive_int",
    "check_positive_number",
    "check_probability",
    "check_seed",
    "check_seeds",
    "check_targets_like",
    "check_tensor",
    "first_linear",
]

#: The largest seed that Python's ``random``, NumPy (``np.random.seed``) and ``torch.manual_seed`` all accept.
SEED_MAX = 2**32 - 1

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


def _what(value) -> str:
    """How a message names a wrong value: its kind, and the value when it is short."""
    shown = repr(value)
    if isinstance(value, str):
        return f"the string {shown}"
    if isinstance(value, bool):
        return f"the bool {shown}"
    if isinstance(value, numbers.Number):
        return f"the number {shown}"
    kind = type(value).__name__
    return f"a {kind} ({shown})" if len(shown) <= 40 else f"a {kind}"


def _as_number(value) -> str:
    """A fix for a number given as text: ``784`` for ``'784'`` (empty when the text is no number)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{int(number)}" if number == int(number) else f"{number}"


def check_positive_int(value, name: str, where: str) -> int:
    """``value`` when it is an ``int`` of at least 1 (not a bool, not a float); else :class:`InputError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        fix = _as_number(value) if isinstance(value, str) else ""
        fix = f": write the number without quotes, {name}={fix}" if fix else ""
        raise InputError(f"{where}: {name} must be a positive int, got {value!r}{fix}")
    return value


def check_seed(value, where: str | None = None, name: str = "seed") -> int:
    """``value`` as an ``int`` when it is a whole number from 0 to :data:`SEED_MAX` (not a bool); else
    :class:`InputError`. NumPy takes no larger seed and torch no negative one, so every generator takes it.

    Args:
        where: the public function that checks it, the message's start (none for ``seed_everything``).
        name: how the message names the value (``"each seed"`` for a list of seeds).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 0 <= value <= SEED_MAX:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value > SEED_MAX:
            fix = f": NumPy takes no larger seed; use e.g. {value % 2**32} (= {value} % 2**32)"
        elif isinstance(value, str) and _as_number(value):
            fix = f": write the number without quotes, e.g. {_as_number(value)}"
        else:
            fix = ", e.g. 777 as in the original labs"
        raise InputError(
            f"{_prefix(where)}{name} must be a non-negative int up to 2**32 - 1 (the range Python's random, "
            f"NumPy and torch all accept), got {value!r}{fix}"
        )
    return int(value)


def check_seeds(seeds, where: str) -> list[int]:
    """``seeds`` as a list of seeds (each checked by :func:`check_seed`): a list, a tuple or a ``range``."""
    if isinstance(seeds, (str, bytes, numbers.Number)) or not isinstance(seeds, Iterable):
        one = f"[{seeds!r}]" if isinstance(seeds, numbers.Integral) and not isinstance(seeds, bool) else "[777]"
        raise InputError(
            f"{where}: seeds must be a list of seeds, e.g. seeds=range(10) or [1, 2, 3], got {_what(seeds)}: "
            f"for one seed pass a list of one, seeds={one}"
        )
    seeds = list(seeds)
    if not seeds:
        raise InputError(f"{where}: seeds is empty: give at least one seed, e.g. seeds=range(10)")
    return [check_seed(seed, where, "each seed") for seed in seeds]


def check_positive_number(value, name: str, where: str) -> float:
    """``value`` when it is a finite int or float above 0 (not a bool), such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        fix = _as_number(value) if isinstance(value, str) else ""
        fix = f": write the number without quotes, {name}={fix}" if fix else ""
        raise InputError(f"{where}: {name} must be a positive number, got {value!r}{fix}")
    return value


def check_probability(value, name: str, where: str) -> float:
    """``value`` as a float in [0, 1), such as a dropout probability (1 would drop everything)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        fix = _as_number(value) if isinstance(value, str) else ""
        fix = f"write the number without quotes, {name}={fix}" if fix else f"e.g. {name}=0.5"
        raise InputError(f"{where}: {name} must be a number in [0, 1), got {value!r}: {fix}")
    if not 0 <= value < 1:
        raise InputError(
            f"{where}: {name} must be in [0, 1) (the probability of dropping a unit), got {value!r}: "
            f"{name}=1 would drop every unit; use e.g. {name}=0.5"
        )
    return float(value)


def check_flag(value, name: str, where: str) -> bool:
    """``value`` when it is ``True`` or ``False`` (a string such as ``"no"`` would count as true)."""
    if not isinstance(value, bool):
        raise InputError(f"{where}: {name} must be True or False, got {value!r}")
    return value


def check_choice(value, choices, what: str, where: str, example: str | None = None) -> str:
    """``value`` when it is one of the names in ``choices`` (a dict's keys or a list); else :class:`InputError`.

    ``what`` names the argument (``"activation"``); a class or a function where a name belongs gets its name.
    """
    names = list(choices)
    if isinstance(value, str) and value in names:
        return value
    if isinstance(value, str):
        close = [n for n in names if n.lower() == value.lower().replace("-", "_")]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InputError(f"{where}: unknown {what} {value!r}{hint}: choose one of {', '.join(names)}")
    given = getattr(value, "__name__", None) or type(value).__name__
    raise InputError(
        f"{where}: {what} is a name, one of {', '.join(names)} (e.g. {what}={example or repr(names[0])}), "
        f"got {_what(value) if given == type(value).__name__ else given}"
    )


def check_layer_sizes(sizes, where: str, example: str = "[784, 256, 10]", min_layers: int = 2) -> list[int]:
    """``sizes`` as a list of ints, the units of each layer from input to output (at least ``min_layers``)."""
    if isinstance(sizes, (str, bytes, numbers.Number)) or not isinstance(sizes, Iterable):
        raise InputError(
            f"{where}: sizes must be a list of units per layer, input to output, e.g. sizes={example}, "
            f"got {_what(sizes)}"
        )
    sizes = list(sizes)
    if len(sizes) < min_layers:
        middle = "hidden, " * (min_layers - 2)
        raise InputError(
            f"{where}: sizes needs at least {min_layers} layers (input, {middle}output), e.g. sizes={example}, "
            f"got {sizes}"
        )
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            fix = _as_number(n) if isinstance(n, str) else ""
            fix = f": write the number without quotes, {fix}" if fix else f", e.g. sizes={example}"
            raise InputError(
                f"{where}: every layer size must be a positive int, got {n!r} at sizes[{i}] in {sizes}{fix}"
            )
    return [int(n) for n in sizes]


def check_float_dtype(dtype, where: str, name: str = "dtype") -> torch.dtype:
    """``dtype`` when it is a floating ``torch.dtype`` (``torch.float32``, ``torch.float64``, ...)."""
    if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
        raise InputError(
            f"{where}: {name} must be a floating torch dtype such as torch.float32 or torch.float64, got {dtype!r}"
        )
    return dtype


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


def check_module(where: str, model, name: str = "model") -> nn.Module:
    """``model`` when it is an ``nn.Module`` instance (not the class, not a function or a tensor)."""
    if isinstance(model, type):
        cls = f"nn.{model.__name__}" if model.__module__.startswith("torch.nn") else model.__name__
        raise InputError(
            f"{where}: {name} is the class {cls}, not a model: create an instance first, e.g. "
            "model = nn.Linear(784, 10) or dnn_guide.mlp([784, 256, 10])"
        )
    if not isinstance(model, nn.Module):
        raise InputError(
            f"{where}: {name} must be an nn.Module (e.g. dnn_guide.mlp([784, 10])), got {type(model).__name__}"
        )
    return model


def check_model(where: str, model) -> None:
    """``model`` is an ``nn.Module`` whose weights are finite (a diverged run leaves NaN behind)."""
    check_module(where, model)
    for name, parameter in model.named_parameters():
        if parameter.device.type != "meta" and not bool(torch.isfinite(parameter).all()):
            raise InputError(
                f"{where}: the model's weights hold NaN or inf (in {name}), e.g. left by a training run whose "
                "loss diverged: build a fresh model (and train it with a lower lr)"
            )


def _parameter(model: nn.Module) -> torch.Tensor | None:
    """The model's first floating parameter: its device and dtype are the ones the data must have."""
    return next((p for p in model.parameters() if p.is_floating_point()), None)


def first_linear(model: nn.Module) -> nn.Linear | None:
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
    linear = first_linear(model)
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
    from .models import eval_mode  # models imports this module

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


def check_class_labels(
    where: str, y, classes: int, device: torch.device, name: str = "y", *, of_what: str | None = None
) -> torch.Tensor:
    """``y`` as class indices: 1-D int64 on ``device``, each in ``0 .. classes - 1``.

    ``of_what`` names where the classes come from when it is not a model's outputs (``"MNIST's digits"``).
    """
    y = check_tensor(y, name, where)
    if y.ndim == 2 and y.shape[1] == 1:
        raise InputError(
            f"{where}: {name} has shape {tuple(y.shape)}, a column: class labels are one number per row, "
            f"shape ({len(y)},): use {name} = {name}.squeeze(1) (or {name}.view(-1))"
        )
    if y.ndim == 2:
        looks = "it looks one-hot encoded" if bool(((y == 0) | (y == 1)).all()) else "one row of scores per sample"
        raise InputError(
            f"{where}: {name} has shape {tuple(y.shape)} ({looks}): {name} takes class indices "
            f"0-{classes - 1}, one per row, shape ({len(y)},): use {name} = {name}.argmax(1)"
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
    if high >= classes and of_what:
        raise InputError(f"{where}: {name} has label {high}, but {of_what} are 0-{classes - 1}: fix the labels")
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
    """``generator`` is None or a CPU ``torch.Generator`` (e.g. the one :func:`dnn_guide.seed_everything` returns)."""
    if generator is not None and not isinstance(generator, torch.Generator):
        fix = (
            f"generator = dnn_guide.seed_everything({generator})"
            if isinstance(generator, int) and not isinstance(generator, bool)
            else "generator = dnn_guide.seed_everything(seed)"
        )
        raise InputError(f"{where}: generator must be a torch.Generator (e.g. {fix}), got {generator!r}")
    if generator is not None and generator.device.type != "cpu":
        raise InputError(
            f"{where}: generator is on {generator.device}, but the shuffle order is drawn on the CPU: pass a CPU "
            "generator, e.g. generator = dnn_guide.seed_everything(seed)"
        )


def _nearby_batch_size(rows: int, batch_size: int) -> int | None:
    """The batch size nearest ``batch_size`` (2 or more) that leaves no last batch of one sample."""
    for step in range(1, rows):
        for size in (batch_size + step, batch_size - step):
            if 2 <= size <= rows and rows % size != 1:
                return size
    return None


def check_batch_norm_batches(where: str, model: nn.Module, rows: int, batch_size: int, drop_last: bool) -> None:
    """In train mode ``nn.BatchNorm1d`` cannot normalise a batch of one sample (torch raises "Expected more
    than 1 value per channel when training" mid-epoch): refuse such batches before training starts."""
    if not any(isinstance(module, nn.BatchNorm1d) for module in model.modules()):
        return
    if batch_size == 1 or rows == 1:
        what = "batch_size=1" if batch_size == 1 else "X has 1 row"
        raise InputError(
            f"{where}: {what}, but the model's nn.BatchNorm1d needs at least 2 samples per batch in train mode "
            "(it normalises with the batch's mean and variance): use batch_size=2 or more"
            + (" and more rows" if rows == 1 else "")
        )
    if not drop_last and rows % batch_size == 1:
        other = _nearby_batch_size(rows, batch_size)
        raise InputError(
            f"{where}: the {rows} rows leave a last batch of 1 sample with batch_size={batch_size}, and the "
            "model's nn.BatchNorm1d cannot normalise one sample in train mode (torch would stop mid-epoch): "
            "pass drop_last=True" + (f", or batch_size={other}" if other else "")
        )
