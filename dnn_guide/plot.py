"""Figures for the labs; each function returns a matplotlib ``Figure``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torch import nn

from .errors import InputError

__all__ = ["plot_confusion_matrix", "plot_decision_boundary", "plot_history", "plot_predictions"]


def plot_history(history: list[dict[str, float]], metrics: tuple[str, ...] = ("loss", "accuracy")) -> Figure:
    """Plot per-epoch curves from :func:`dnn_guide.fit`, one panel a metric (with ``val_`` beside it)."""
    if not history:
        raise InputError("history is empty: train for at least one epoch first")
    unknown = [m for m in metrics if m not in history[0]]
    if unknown:
        raise InputError(f"unknown metric(s) {unknown}: the history has {sorted(history[0])}")
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
        model: maps ``(n, 2)`` inputs to ``(n, 1)`` probabilities.
        X: points, shape ``(n, 2)``.
        y: their 0/1 labels, shape ``(n,)`` or ``(n, 1)``.
        ax: axes to draw on; a new figure when omitted.
        resolution: grid points per axis.
        margin: space around the points.
    """
    if X.ndim != 2 or X.shape[1] != 2:
        raise InputError(f"X must have shape (n, 2), got {tuple(X.shape)}")
    X, y = X.detach().cpu().float(), y.detach().cpu().reshape(-1)
    if ax is None:
        _, ax = plt.subplots(figsize=(3.6, 3.2))
    lo, hi = X.min(0).values - margin, X.max(0).values + margin
    xs = torch.linspace(lo[0].item(), hi[0].item(), resolution)
    ys = torch.linspace(lo[1].item(), hi[1].item(), resolution)
    grid_x, grid_y = torch.meshgrid(xs, ys, indexing="xy")
    points = torch.stack([grid_x.reshape(-1), grid_y.reshape(-1)], dim=1)
    device = next(model.parameters()).device
    prob = model(points.to(device)).reshape(resolution, resolution).cpu()
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


def plot_confusion_matrix(matrix: torch.Tensor) -> Figure:
    """Show a confusion matrix (rows: true class, columns: predicted) with its counts."""
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise InputError(f"matrix must be square, got shape {tuple(matrix.shape)}")
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
    """The first ``n`` MNIST images with their true and predicted labels (wrong ones in red)."""
    if len(X) < n:
        raise InputError(f"asked for {n} images but X has {len(X)}")
    fig, axes = plt.subplots(1, n, figsize=(1.1 * n, 1.6))
    for ax, image, true, pred in zip(axes, X[:n].cpu(), y_true[:n].tolist(), y_pred[:n].tolist()):
        ax.imshow(image.reshape(28, 28).numpy(), cmap="gray_r")
        ax.set_title(f"{pred} ({true})", color="black" if pred == true else "red", fontsize=9)
        ax.axis("off")
    fig.suptitle("predicted (true)", fontsize=9)
    fig.tight_layout()
    return fig
