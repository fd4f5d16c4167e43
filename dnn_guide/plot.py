"""Figures for the labs; each function returns a matplotlib ``Figure``."""

from __future__ import annotations

import numbers

import matplotlib.pyplot as plt
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from torch import nn

from .checks import check_class_labels, check_finite, check_model, check_positive_int, check_tensor, first_linear
from .errors import InputError
from .models import eval_mode

__all__ = ["plot_confusion_matrix", "plot_decision_boundary", "plot_history", "plot_predictions"]


def plot_history(history: list[dict[str, float]], metrics: tuple[str, ...] = ("loss", "accuracy")) -> Figure:
    """Plot per-epoch curves from :func:`dnn_guide.fit`, one panel a metric (with ``val_`` beside it).

    Raises:
        InputError: ``history`` is not the list of per-epoch records ``fit`` returns, or a metric is not in it.
    """
    _check_history(history, metrics)
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.5 * len(metrics), 3.2), squeeze=False)
    epochs = [record["epoch"] for record in history]
    for ax, metric in zip(axes[0], metrics):
        ax.plot(epochs, [r[metric] for r in history], marker="o", label="train")
        if f"val_{metric}" in history[0]:
            ax.plot(epochs, [r[f"val_{metric}"] for r in history], marker="o", label="valid")
            ax.legend()
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def _check_history(history, metrics) -> None:
    where = "plot_history"
    if isinstance(history, dict):
        raise InputError(
            f"{where}: history is one dict (keys {sorted(history)}), e.g. evaluate's result: pass the list of "
            "per-epoch records that fit returns, history = dnn_guide.fit(...)"
        )
    if not isinstance(history, (list, tuple)):
        raise InputError(
            f"{where}: history must be the list of per-epoch records fit returns, got {type(history).__name__}: "
            "history = dnn_guide.fit(...)"
        )
    if not history:
        raise InputError(f"{where}: history is empty: train for at least one epoch first")
    for i, record in enumerate(history):
        if not isinstance(record, dict) or "epoch" not in record:
            what = f"a {type(record).__name__}" if not isinstance(record, dict) else "a dict without 'epoch'"
            raise InputError(
                f"{where}: history[{i}] is {what}: plot_history takes the per-epoch records fit returns "
                "({'epoch': 1, 'loss': ..., 'accuracy': ...}); for a plain list of losses use "
                "plt.plot(losses)"
            )
    if isinstance(metrics, str):
        raise InputError(f"{where}: metrics is the string {metrics!r}: pass a tuple of names, metrics=({metrics!r},)")
    if not isinstance(metrics, (list, tuple)) or not metrics:
        raise InputError(f"{where}: metrics must be a non-empty tuple of names, e.g. ('loss', 'accuracy')")
    keys = sorted(history[0])
    for metric in metrics:
        missing = [i for i, record in enumerate(history) if metric not in record]
        if missing:
            raise InputError(
                f"{where}: unknown metric {metric!r} (not in history[{missing[0]}]): the history has {keys}"
            )


def _check_binary_labels(where: str, y, rows: int) -> torch.Tensor:
    """``y`` as 0/1 labels, one per point, flattened: model outputs or class scores get the fix named."""
    y = check_tensor(y, "y", where)
    if y.ndim == 2 and y.shape[1] > 1:
        raise InputError(
            f"{where}: y has shape {tuple(y.shape)}, several columns per point: pass one 0/1 label per point, "
            "shape (n,) or (n, 1) (one-hot rows: y = y.argmax(1))"
        )
    if y.ndim > 2 or y.numel() != rows:
        raise InputError(f"{where}: y has shape {tuple(y.shape)} for {rows} points: pass one 0/1 label per point")
    y = y.detach().reshape(-1)
    check_finite(where, y, "y", "labels")
    other = (y != 0) & (y != 1)
    if bool(other.any()):
        value = y[other][0].item()
        looks = (
            "model outputs (probabilities or logits)"
            if y.is_floating_point() and value != round(value)
            else "labels of more than two classes"
        )
        raise InputError(
            f"{where}: y holds {value:g}, which looks like {looks}: y is the true 0/1 label of each point; "
            "for the model's predicted labels use y = (model(X) >= 0.5).float()"
        )
    return y


@torch.no_grad()
def plot_decision_boundary(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    ax: plt.Axes | None = None,
    resolution: int = 200,
    margin: float = 0.5,
) -> Figure:
    """Shade where a 2-input binary classifier predicts 1, and draw the points over it.

    Args:
        model: maps ``(n, 2)`` inputs to ``(n, 1)`` probabilities (it ends with ``nn.Sigmoid()``);
            it runs in eval mode, and its train/eval mode is restored.
        X: points, shape ``(n, 2)``.
        y: their 0/1 labels, shape ``(n,)`` or ``(n, 1)``.
        ax: axes to draw on; a new figure when omitted.
        resolution: grid points per axis.
        margin: space around the points.

    Raises:
        InputError: a model without one probability per point, points that are not ``(n, 2)``, or
            ``y`` that is not one 0/1 label per point (e.g. the model's outputs).
    """
    where = "plot_decision_boundary"
    check_model(where, model)
    X = check_tensor(X, "X", where)
    if X.ndim != 2 or X.shape[1] != 2 or len(X) == 0:
        raise InputError(
            f"{where}: X must have shape (n, 2), got {tuple(X.shape)}: the boundary is drawn in the plane of "
            "two inputs, one point per row"
        )
    check_finite(where, X, "X", "points")
    linear = first_linear(model)
    if linear is not None and linear.in_features != 2:
        raise InputError(
            f"{where}: the model's first layer, nn.Linear({linear.in_features}, {linear.out_features}), takes "
            f"{linear.in_features} inputs, but the boundary is drawn in the plane of 2 inputs: pass a model of "
            "2 inputs, e.g. nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())"
        )
    y = _check_binary_labels(where, y, len(X)).cpu()
    check_positive_int(resolution, "resolution", where)
    if resolution < 2:
        raise InputError(f"{where}: resolution must be at least 2 grid points per axis, got {resolution}")
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real) or not margin >= 0:
        raise InputError(f"{where}: margin must be a number of at least 0, e.g. margin=0.5, got {margin!r}")
    if ax is not None and not isinstance(ax, Axes):
        raise InputError(f"{where}: ax must be matplotlib axes, e.g. fig, ax = plt.subplots(), got {ax!r}")
    X = X.detach().cpu().float()
    lo, hi = X.min(0).values - margin, X.max(0).values + margin
    xs = torch.linspace(lo[0].item(), hi[0].item(), resolution)
    ys = torch.linspace(lo[1].item(), hi[1].item(), resolution)
    grid_x, grid_y = torch.meshgrid(xs, ys, indexing="xy")
    points = torch.stack([grid_x.reshape(-1), grid_y.reshape(-1)], dim=1)
    prob = _probabilities(where, model, points).reshape(resolution, resolution)
    if ax is None:
        _, ax = plt.subplots(figsize=(3.6, 3.2))
    grid_x, grid_y, prob = grid_x.numpy(), grid_y.numpy(), prob.numpy()
    ax.contourf(grid_x, grid_y, prob, levels=[0, 0.5, 1], colors=["#9ecae1", "#fdae6b"], alpha=0.6)
    ax.contour(grid_x, grid_y, prob, levels=[0.5], colors="k", linewidths=1)
    for label, marker, color in ((0, "o", "#08519c"), (1, "s", "#a63603")):
        mask = y == label
        ax.scatter(X[mask, 0].numpy(), X[mask, 1].numpy(), marker=marker, c=color, s=70, label=f"y={label}", zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    ax.figure.tight_layout()
    return ax.figure


def _probabilities(where: str, model: nn.Module, points: torch.Tensor) -> torch.Tensor:
    """The model's probability of class 1 at each point (on the CPU), checked: one output in [0, 1] per point."""
    parameter = next((p for p in model.parameters() if p.is_floating_point()), None)
    if parameter is not None:
        points = points.to(parameter.device, parameter.dtype)
    try:
        with eval_mode(model):
            out = model(points)
    except (RuntimeError, TypeError, ValueError, IndexError) as err:
        raise InputError(f"{where}: the model cannot take points of shape (n, 2): {err}") from err
    if not isinstance(out, torch.Tensor) or out.ndim not in (1, 2) or len(out) != len(points):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise InputError(f"{where}: the model's outputs have shape {shape}: it must give one row per point")
    if out.ndim == 2 and out.shape[1] != 1:
        raise InputError(
            f"{where}: the model gives {out.shape[1]} outputs per point, but the boundary is drawn where a binary "
            "classifier's one output, the probability of class 1, crosses 0.5: end the model with "
            "nn.Linear(..., 1) and nn.Sigmoid()"
        )
    out = out.detach().reshape(-1).float().cpu()
    check_finite(where, out, "the model's outputs", "probabilities")
    outside = (out < 0) | (out > 1)
    if bool(outside.any()):
        raise InputError(
            f"{where}: the model's outputs are not probabilities (e.g. {out[outside][0].item():.3g}, outside "
            "[0, 1]): they look like logits; end the model with nn.Sigmoid()"
        )
    return out


def plot_confusion_matrix(matrix: torch.Tensor) -> Figure:
    """Show a confusion matrix (rows: true class, columns: predicted) with its counts.

    Raises:
        InputError: ``matrix`` is not a square tensor of counts, such as :func:`dnn_guide.confusion_matrix`
            returns (a normalised matrix of fractions would show as zeros).
    """
    where = "plot_confusion_matrix"
    matrix = check_tensor(matrix, "matrix", where)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.numel() == 0:
        raise InputError(
            f"{where}: matrix must be square (one row and one column per class), got shape {tuple(matrix.shape)}: "
            "pass matrix = dnn_guide.confusion_matrix(y_true, y_pred)"
        )
    matrix = matrix.detach().cpu()
    check_finite(where, matrix, "matrix", "counts")
    if matrix.is_floating_point() and not bool((matrix == matrix.round()).all()):
        value = matrix[matrix != matrix.round()][0].item()
        raise InputError(
            f"{where}: matrix holds fractions such as {value:.3g} (a normalised matrix?), but it is drawn as "
            "whole counts, which would show those as 0: pass the counts, "
            "matrix = dnn_guide.confusion_matrix(y_true, y_pred)"
        )
    if bool((matrix < 0).any()):
        raise InputError(
            f"{where}: matrix holds negative values such as {matrix[matrix < 0][0].item():g}: a confusion matrix "
            "counts samples; pass matrix = dnn_guide.confusion_matrix(y_true, y_pred)"
        )
    if not bool(matrix.any()):
        raise InputError(
            f"{where}: matrix is all zeros, so no sample was counted: pass "
            "matrix = dnn_guide.confusion_matrix(y_true, y_pred) of at least one prediction"
        )
    n = matrix.shape[0]
    fig, ax = plt.subplots(figsize=(0.45 * n + 1.5, 0.45 * n + 1))
    ax.imshow(matrix.cpu().numpy(), cmap="Blues")
    for i in range(n):
        for j in range(n):
            value = int(matrix[i, j])
            if value:
                ax.text(
                    j,
                    i,
                    value,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > matrix.max() / 2 else "black",
                )
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    fig.tight_layout()
    return fig


def plot_predictions(X: torch.Tensor, y_true: torch.Tensor, y_pred: torch.Tensor, *, n: int = 12) -> Figure:
    """The first ``n`` MNIST images with their true and predicted labels (wrong ones in red).

    Raises:
        InputError: ``X`` does not hold 28x28 images, fewer than ``n``; or ``y_true``/``y_pred`` are not
            one class label per image (``y_pred = output.argmax(1)`` turns scores into labels).
    """
    where = "plot_predictions"
    check_positive_int(n, "n", where)
    X = check_tensor(X, "X", where)
    if X.ndim < 2 or X[0].numel() != 784:
        raise InputError(
            f"{where}: X has shape {tuple(X.shape)}: it must hold MNIST images of 28x28 = 784 pixels, "
            "shape (N, 784) or (N, 1, 28, 28)"
        )
    if len(X) < n:
        raise InputError(f"{where}: asked for {n} images but X has {len(X)}: pass n={len(X)} or fewer")
    labels = {}
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        y = check_tensor(y, name, where)
        if len(y) != len(X):
            raise InputError(f"{where}: X has {len(X)} images but {name} has {len(y)} rows; they must match")
        labels[name] = check_class_labels(where, y, 10, y.device, name, of_what="MNIST's classes")
    y_true, y_pred = labels["y_true"], labels["y_pred"]
    fig, axes = plt.subplots(1, n, figsize=(1.1 * n, 1.6))
    for ax, image, true, pred in zip(axes, X[:n].cpu(), y_true[:n].tolist(), y_pred[:n].tolist()):
        ax.imshow(image.reshape(28, 28).numpy(), cmap="gray_r")
        ax.set_title(f"{pred} ({true})", color="black" if pred == true else "red", fontsize=9)
        ax.axis("off")
    fig.suptitle("predicted (true)", fontsize=9)
    fig.tight_layout()
    return fig
