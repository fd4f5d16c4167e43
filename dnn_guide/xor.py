"""XOR with sigmoid networks (labs 08_1 to 08_3), including many seeds trained at once."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn
from torch.nn import functional as F

from .checks import (
    check_float_dtype,
    check_layer_sizes,
    check_positive_int,
    check_positive_number,
    check_seed,
    check_seeds,
)
from .errors import InputError

__all__ = ["XOR_X", "XOR_Y", "sigmoid_mlp", "train_xor", "train_xor_seeds"]

#: The four XOR inputs and their labels, as in the original labs.
XOR_X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])


def sigmoid_mlp(sizes: Sequence[int]) -> nn.Sequential:
    """``nn.Linear`` layers of the given sizes, each followed by ``nn.Sigmoid`` (the labs' models).

    ``sigmoid_mlp([2, 1])`` is the perceptron, ``[2, 2, 1]`` lab 08_2's net, ``[2, 10, 10, 10, 1]`` lab 08_3's.
    """
    sizes = check_layer_sizes(sizes, "sigmoid_mlp", "[2, 2, 1]")
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.Sigmoid()]
    return nn.Sequential(*layers)


def _check_xor(where: str, sizes, seeds: list[int], steps: int, lr: float, dtype) -> list[int]:
    """The arguments of :func:`train_xor` and :func:`train_xor_seeds`, before any work; returns ``sizes``."""
    sizes = check_layer_sizes(sizes, where, "[2, 2, 1]")
    if sizes[0] != 2 or sizes[-1] != 1:
        raise InputError(
            f"{where}: XOR has 2 inputs and 1 output (a probability): sizes must start with 2 and end with 1, "
            f"e.g. [2, 2, 1]; got {list(sizes)}"
        )
    for seed in seeds:
        check_seed(seed, where, "each seed" if len(seeds) > 1 else "seed")
    check_positive_int(steps, "steps", where)
    check_positive_number(lr, "lr", where)
    check_float_dtype(dtype, where)
    return sizes


def train_xor(
    sizes: Sequence[int], *, seed: int = 777, steps: int = 10_001, lr: float = 1.0, dtype=torch.float32
) -> tuple[nn.Sequential, list[float]]:
    """Train ``sigmoid_mlp(sizes)`` on XOR as the original labs do (full batch, SGD, BCE).

    Returns:
        The model and its loss at every step.
    """
    sizes = _check_xor("train_xor", sizes, [seed], steps, lr, dtype)
    torch.manual_seed(seed)
    model = sigmoid_mlp(sizes).to(dtype)
    X, Y = XOR_X.to(dtype), XOR_Y.to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.binary_cross_entropy(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


def train_xor_seeds(
    sizes: Sequence[int], seeds: Sequence[int], *, steps: int = 10_001, lr: float = 1.0, dtype=torch.float32
) -> dict[str, torch.Tensor]:
    """Train one XOR network per seed, all at once, each exactly as :func:`train_xor` would.

    Every seed's weights start as ``sigmoid_mlp(sizes)`` after ``torch.manual_seed(seed)``; the
    networks are stacked along a first dimension and trained in one batched loop. The loop writes out
    the gradients autograd would compute (BCE's backward, then each sigmoid's and linear's): with 10,001
    tiny steps, recording an autograd graph per step took twice the time of the arithmetic itself.
    ``tests/unit/test_xor.py`` checks it against :func:`train_xor`, seed by seed.

    Returns:
        ``final_loss`` and ``accuracy`` (threshold 0.5 on the four points), one value per seed.
    """
    seeds = check_seeds(seeds, "train_xor_seeds")
    sizes = _check_xor("train_xor_seeds", sizes, seeds, steps, lr, dtype)
    weights, biases = [], []
    for seed in seeds:
        torch.manual_seed(seed)
        linears = [m for m in sigmoid_mlp(sizes) if isinstance(m, nn.Linear)]
        weights.append([m.weight.detach().to(dtype) for m in linears])
        biases.append([m.bias.detach().to(dtype) for m in linears])
    Ws = [torch.stack(layer) for layer in zip(*weights)]  # (seeds, out, in)
    bs = [torch.stack(layer).unsqueeze(1) for layer in zip(*biases)]  # (seeds, 1, out)
    X = XOR_X.to(dtype).expand(len(seeds), 4, 2)
    Y = XOR_Y.to(dtype).expand(len(seeds), 4, 1)

    def forward() -> list[torch.Tensor]:
        """The input and every layer's sigmoid output, each (seeds, 4, units)."""
        hs = [X]
        for W, b in zip(Ws, bs):
            hs.append(torch.sigmoid(torch.baddbmm(b, hs[-1], W.transpose(1, 2))))
        return hs

    for _ in range(steps):
        hs = forward()
        p = hs[-1]
        slope = p * (1 - p)  # the output sigmoid's derivative
        grad = (p - Y) / slope.clamp_min(1e-12) / 4 * slope  # d(mean BCE)/dz, as torch's BCE backward clamps it
        for i in reversed(range(len(Ws))):
            grad_W, grad_b = grad.transpose(1, 2) @ hs[i], grad.sum(1, keepdim=True)
            if i:  # back through this layer's weights and the sigmoid below it
                grad = (grad @ Ws[i]) * (1 - hs[i]) * hs[i]
            Ws[i] -= lr * grad_W
            bs[i] -= lr * grad_b
    out = forward()[-1]
    final_loss = F.binary_cross_entropy(out, Y, reduction="none").mean(dim=(1, 2))
    accuracy = ((out >= 0.5).to(dtype) == Y).to(dtype).mean(dim=(1, 2))
    return {"final_loss": final_loss, "accuracy": accuracy}
