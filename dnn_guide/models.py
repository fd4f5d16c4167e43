"""Multi-layer perceptrons for the MNIST labs, weight initialisation, and per-layer statistics."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import torch
from torch import nn

from .errors import InputError

__all__ = ["ACTIVATIONS", "INITS", "activation_stats", "eval_mode", "init_weights", "layer_grad_norms", "mlp"]

#: Activation layers by name.
ACTIVATIONS = {
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "relu": nn.ReLU,
    "leaky_relu": nn.LeakyReLU,
    "elu": nn.ELU,
    "selu": nn.SELU,
    "gelu": nn.GELU,
}

#: Weight initialisations by name (biases keep PyTorch's default, as in the original labs).
INITS = {
    "default": None,  # what nn.Linear does by itself
    "normal": lambda w: nn.init.normal_(w, 0.0, 1.0),  # the original labs' nn.init.normal_
    "xavier": nn.init.xavier_uniform_,  # Glorot & Bengio 2010: Var = 2 / (fan_in + fan_out)
    "xavier_normal": nn.init.xavier_normal_,
    "he": lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"),  # He et al. 2015: Var = 2 / fan_in
    "lecun": lambda w: nn.init.kaiming_normal_(w, nonlinearity="linear"),  # LeCun: Var = 1 / fan_in, for SELU
}


def _check_name(name: str, table: dict, what: str) -> None:
    if name not in table:
        raise InputError(f"unknown {what} {name!r}: choose one of {', '.join(table)}")


def init_weights(model: nn.Module, scheme: str) -> nn.Module:
    """Initialise the weight of every ``nn.Linear`` in ``model`` in place; returns ``model``.

    Args:
        scheme: a key of :data:`INITS` (``"normal"``, ``"xavier"``, ``"he"``, ``"lecun"``, ...).
    """
    _check_name(scheme, INITS, "init")
    if INITS[scheme] is not None:
        for module in model.modules():
            if isinstance(module, nn.Linear):
                INITS[scheme](module.weight)
    return model


def mlp(
    sizes: Sequence[int],
    *,
    activation: str = "relu",
    init: str = "default",
    dropout: float = 0.0,
    batch_norm: bool = False,
) -> nn.Sequential:
    """A multi-layer perceptron: ``Linear → [BatchNorm1d] → activation → [Dropout]`` per hidden layer.

    Args:
        sizes: layer widths from input to output, e.g. ``[784, 256, 256, 10]``; ``[784, 10]`` is
            softmax regression (one ``nn.Linear``; the loss applies the softmax).
        activation: a key of :data:`ACTIVATIONS`.
        init: a key of :data:`INITS`.
        dropout: drop probability after each hidden activation (``AlphaDropout`` with SELU).
        batch_norm: put ``BatchNorm1d`` between each hidden ``Linear`` and its activation.
    """
    if len(sizes) < 2 or any(not isinstance(s, int) or s < 1 for s in sizes):
        raise InputError(f"sizes must be at least two positive ints, got {list(sizes)}")
    _check_name(activation, ACTIVATIONS, "activation")
    if not 0.0 <= dropout < 1.0:
        raise InputError(f"dropout must be in [0, 1), got {dropout}")
    layers: list[nn.Module] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
        layers.append(nn.Linear(n_in, n_out))
        if batch_norm:
            layers.append(nn.BatchNorm1d(n_out))
        layers.append(ACTIVATIONS[activation]())
        if dropout:
            layers.append(nn.AlphaDropout(dropout) if activation == "selu" else nn.Dropout(dropout))
    layers.append(nn.Linear(sizes[-2], sizes[-1]))
    return init_weights(nn.Sequential(*layers), init)


@torch.no_grad()
def activation_stats(model: nn.Sequential, X: torch.Tensor) -> list[dict[str, float]]:
    """Mean, standard deviation and fraction of zeros of each activation layer's output on ``X``.

    Returns one record per activation layer, in order (``layer`` counts from 1).
    """
    kinds = tuple(ACTIVATIONS.values())
    records = []
    h = X
    for module in model:
        h = module(h)
        if isinstance(module, kinds):
            records.append(
                {
                    "layer": len(records) + 1,
                    "mean": h.mean().item(),
                    "std": h.std().item(),
                    "zero_fraction": (h == 0).float().mean().item(),
                }
            )
    return records


def layer_grad_norms(model: nn.Module) -> list[float]:
    """The L2 norm of each ``nn.Linear`` weight's ``.grad``, input layer first (after ``backward()``)."""
    norms = []
    for module in model.modules():
        if isinstance(module, nn.Linear):
            if module.weight.grad is None:
                raise InputError("a layer has no gradient yet: call loss.backward() first")
            norms.append(module.weight.grad.norm().item())
    return norms


@contextmanager
def eval_mode(model: nn.Module) -> Iterator[nn.Module]:
    """Put ``model`` in eval mode (dropout off, batch norm on its running statistics) inside a ``with`` block.

    Its previous train/eval mode comes back when the block ends, also on an error::

        with eval_mode(model):
            output = model(X)
    """
    was_training = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was_training)
