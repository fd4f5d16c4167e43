"""Multi-layer perceptrons for the MNIST labs, weight initialisation, and per-layer statistics."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import torch
from torch import nn

from .checks import check_choice, check_flag, check_inputs, check_layer_sizes, check_module, check_probability
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


def _linears(model: nn.Module, where: str, what: str) -> list[nn.Linear]:
    """The ``nn.Linear`` layers of ``model``; a model without one is an :class:`InputError` (nothing to ``what``)."""
    linears = [module for module in model.modules() if isinstance(module, nn.Linear)]
    if not linears:
        raise InputError(
            f"{where}: the model has no nn.Linear layer to {what} (it is {type(model).__name__}): pass a model "
            "built from nn.Linear layers, e.g. dnn_guide.mlp([784, 256, 10])"
        )
    return linears


def init_weights(model: nn.Module, scheme: str) -> nn.Module:
    """Initialise the weight of every ``nn.Linear`` in ``model`` in place; returns ``model``.

    Args:
        scheme: a key of :data:`INITS` (``"normal"``, ``"xavier"``, ``"he"``, ``"lecun"``, ...).
    """
    where = "init_weights"
    check_module(where, model)
    check_choice(scheme, INITS, "scheme", where, "'xavier'")
    linears = _linears(model, where, "initialise")
    if INITS[scheme] is not None:
        for module in linears:
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
    where = "mlp"
    sizes = check_layer_sizes(sizes, where, "[784, 256, 10]")
    check_choice(activation, ACTIVATIONS, "activation", where, "'relu'")
    check_choice(init, INITS, "init", where, "'he'")
    dropout = check_probability(dropout, "dropout", where)
    check_flag(batch_norm, "batch_norm", where)
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

    Raises:
        InputError: ``model`` is not an ``nn.Sequential`` with activation layers of :data:`ACTIVATIONS`,
            or ``X`` does not fit it (shape, dtype, device: see :func:`dnn_guide.fit`).
    """
    where = "activation_stats"
    check_module(where, model)
    if not isinstance(model, nn.Sequential):
        raise InputError(
            f"{where}: model must be an nn.Sequential (its layers are run one by one), got {type(model).__name__}: "
            "build it with nn.Sequential(...) or dnn_guide.mlp([...])"
        )
    kinds = tuple(ACTIVATIONS.values())
    if not any(isinstance(module, kinds) for module in model):
        raise InputError(
            f"{where}: the model has no activation layer ({', '.join(k.__name__ for k in kinds)}) at its top "
            "level, so there is nothing to measure: pass a model such as dnn_guide.mlp([784, 256, 10])"
        )
    X = check_inputs(where, model, X)
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
    where = "layer_grad_norms"
    check_module(where, model)
    norms = []
    for i, module in enumerate(_linears(model, where, "measure")):
        if module.weight.grad is None:
            raise InputError(
                f"{where}: nn.Linear layer {i + 1} has no gradient: call loss.backward() first "
                "(optimizer.zero_grad() clears the gradients until the next backward())"
            )
        norms.append(module.weight.grad.norm().item())
    return norms


@contextmanager
def eval_mode(model: nn.Module) -> Iterator[nn.Module]:
    """Put ``model`` in eval mode (dropout off, batch norm on its running statistics) inside a ``with`` block.

    Its previous train/eval mode comes back when the block ends, also on an error::

        with eval_mode(model):
            output = model(X)
    """
    check_module("eval_mode", model)
    was_training = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was_training)
