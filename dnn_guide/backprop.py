"""Backpropagation by hand for a one-hidden-layer sigmoid network (lab 08_4)."""

from __future__ import annotations

import torch

__all__ = ["backward", "forward", "init_params", "sigmoid", "sigmoid_prime", "squared_error", "sgd_step"]


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """σ(x) = 1 / (1 + e^(-x))."""
    return 1 / (1 + torch.exp(-x))


def sigmoid_prime(x: torch.Tensor) -> torch.Tensor:
    """σ'(x) = σ(x) (1 - σ(x))."""
    return sigmoid(x) * (1 - sigmoid(x))


def init_params(
    n_in: int = 784,
    n_hidden: int = 30,
    n_out: int = 10,
    *,
    generator: torch.Generator | None = None,
    dtype=torch.float32,
) -> dict[str, torch.Tensor]:
    """Weights and biases drawn from N(0, 1), as the original lab's ``nn.init.normal_``."""
    shapes = {"w1": (n_in, n_hidden), "b1": (n_hidden,), "w2": (n_hidden, n_out), "b2": (n_out,)}
    return {name: torch.randn(shape, generator=generator, dtype=dtype) for name, shape in shapes.items()}


def forward(params: dict[str, torch.Tensor], X: torch.Tensor) -> dict[str, torch.Tensor]:
    """The forward pass; returns every intermediate value, which the backward pass needs."""
    if X.ndim != 2 or X.shape[1] != params["w1"].shape[0]:
        raise ValueError(f"X must have shape (n, {params['w1'].shape[0]}), got {tuple(X.shape)}")
    l1 = X @ params["w1"] + params["b1"]
    a1 = sigmoid(l1)
    l2 = a1 @ params["w2"] + params["b2"]
    return {"l1": l1, "a1": a1, "l2": l2, "y_pred": sigmoid(l2)}


def squared_error(y_pred: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """L = ½ Σ (ŷ - y)², summed over the batch: the loss whose gradient the lab's ``diff`` is."""
    return 0.5 * ((y_pred - Y) ** 2).sum()


def backward(params: dict[str, torch.Tensor], X: torch.Tensor, Y: torch.Tensor, cache: dict[str, torch.Tensor]):
    """Gradients of :func:`squared_error` for every parameter, by the chain rule."""
    d_l2 = (cache["y_pred"] - Y) * sigmoid_prime(cache["l2"])  # dL/dl2 = dL/dŷ · dŷ/dl2
    d_w2 = cache["a1"].T @ d_l2  # dL/dw2 = a1ᵀ · dL/dl2
    d_b2 = d_l2.sum(0)
    d_a1 = d_l2 @ params["w2"].T  # dL/da1 = dL/dl2 · w2ᵀ
    d_l1 = d_a1 * sigmoid_prime(cache["l1"])  # dL/dl1 = dL/da1 · σ'(l1)
    d_w1 = X.T @ d_l1
    d_b1 = d_l1.sum(0)
    return {"w1": d_w1, "b1": d_b1, "w2": d_w2, "b2": d_b2}


def sgd_step(params: dict[str, torch.Tensor], grads: dict[str, torch.Tensor], lr: float) -> None:
    """Plain gradient descent, in place: p ← p - lr · dL/dp."""
    for name, grad in grads.items():
        params[name] -= lr * grad
