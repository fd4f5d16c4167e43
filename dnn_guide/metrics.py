"""How good predictions are: :func:`accuracy` and :func:`confusion_matrix` (inputs checked first)."""

from __future__ import annotations

import torch

from .checks import check_class_labels, check_finite, check_positive_int, check_tensor
from .errors import InputError
from .targets import TargetKind

__all__ = ["accuracy", "confusion_matrix"]


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
    check_finite(where, output, "output", "outputs")
    if output.ndim == 2 and output.shape[1] > 1:
        y = check_class_labels(where, y, output.shape[1], output.device)
        return TargetKind.CLASS_LABELS.count_correct(output, y).item() / len(y)
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
