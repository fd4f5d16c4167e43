"""Exercises of the activation-function lab (``docs/labs/activations.py``): derivatives and leaky ReLU.

The sigmoid's derivative is lab 8-4's exercise again, checked by its checker.

Each checker runs the learner's function on fresh random inputs (exact zeros included, where an
activation's derivative has its kink) and compares it with autograd or with ``torch.nn.functional``.
"""

from __future__ import annotations

import torch
from torch.nn import functional as F

from ..backprop import sigmoid_prime as sigmoid_grad
from . import AnswerError, Say, call, checker, expect_close, matches
from .backprop import check_sigmoid_prime as check_sigmoid_grad  # lab 8-4 introduced σ'; one checker serves both

__all__ = [
    "check_leaky_relu",
    "check_relu_grad",
    "check_sigmoid_grad",
    "leaky_relu",
    "relu_grad",
    "sigmoid_grad",
]


def relu_grad(x: torch.Tensor) -> torch.Tensor:
    """Reference: ReLU's derivative, 1 where ``x > 0`` and 0 elsewhere (PyTorch takes 0 at ``x = 0``)."""
    return (x > 0).to(x.dtype)


def leaky_relu(x: torch.Tensor, slope: float) -> torch.Tensor:
    """Reference: ``x`` where ``x > 0``, ``slope · x`` elsewhere."""
    return torch.where(x > 0, x, slope * x)


def _inputs(seed: int) -> torch.Tensor:
    """Random inputs of both signs, with exact zeros, shape (4, 6)."""
    x = torch.randn(4, 6, generator=torch.Generator().manual_seed(seed)) * 3
    x[0, :2] = 0.0
    return x


def _autograd(f, x: torch.Tensor) -> torch.Tensor:
    x = x.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(f(x).sum(), x)
    return grad


def _same(got, want: torch.Tensor) -> bool:
    """``got`` is ``want`` (a known mistake's result) within the mistake tolerance."""
    return matches(got, want)


def _float_tensor(got, what: Say) -> None:
    if isinstance(got, torch.Tensor) and not got.is_floating_point():
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 실수 텐서여야 하는데 {got.dtype}입니다. 비교 결과(True/False)는 "
                "`.to(x.dtype)`나 `.float()`로 실수로 바꾸세요.",
                en=f"{what.en}: expected a floating-point tensor, got {got.dtype}: turn the comparison's "
                "True/False into numbers with `.to(x.dtype)` or `.float()`",
            )
        )


@checker(
    "ReLU derivative",
    success=Say(
        ko="맞습니다. 무작위 입력(0 포함)에서 autograd가 구한 ReLU의 기울기와 같습니다.",
        en="correct: matches autograd's gradient of ReLU on random inputs (zeros included)",
    ),
)
def check_relu_grad(relu_grad_fn) -> None:
    """Check ``relu_grad_fn(x)``: ReLU's derivative at each element of ``x``, a tensor shaped like ``x``."""
    x = _inputs(11)
    want = _autograd(torch.relu, x)
    got = call(relu_grad_fn, x.clone())
    what = Say(ko="ReLU의 도함수", en="ReLU's derivative")
    _float_tensor(got, what)
    if _same(got, (x >= 0).to(x.dtype)):
        raise AnswerError(
            Say(
                ko="x = 0에서 1을 돌려줍니다. 파이토치의 autograd는 x = 0에서 ReLU의 기울기를 0으로 정합니다. "
                "`x >= 0` 대신 `x > 0`을 쓰세요.",
                en="at x = 0 your derivative is 1, but PyTorch's autograd takes ReLU's slope at 0 to be 0: "
                "use `x > 0`, not `x >= 0`",
            )
        )
    if _same(got, torch.relu(x)):
        raise AnswerError(
            Say(
                ko="ReLU 자체(양수면 x)를 돌려줍니다. 도함수는 기울기라서 양수 구간에서 1, 음수 구간에서 0입니다.",
                en="you returned ReLU itself (x for positive x); its derivative is the slope: 1 for positive "
                "inputs, 0 for negative ones",
            )
        )
    expect_close(got, want, what)


@checker(
    "leaky ReLU",
    success=Say(
        ko="맞습니다. 여러 기울기(slope)와 무작위 입력에서 F.leaky_relu와 같습니다.",
        en="correct: matches F.leaky_relu for several slopes on random inputs",
    ),
)
def check_leaky_relu(leaky_relu_fn) -> None:
    """Check ``leaky_relu_fn(x, slope)``: ``x`` for positive inputs and ``slope * x`` for the others."""
    x = _inputs(13)
    for slope in (0.01, 0.2):
        want = F.leaky_relu(x, slope)
        got = call(leaky_relu_fn, x.clone(), slope)
        what = Say(ko=f"slope={slope}일 때 출력", en=f"the output for slope={slope}")
        _float_tensor(got, what)
        if _same(got, torch.relu(x)):
            raise AnswerError(
                Say(
                    ko="음수 입력에서 0을 돌려줍니다. 그러면 보통 ReLU입니다. 음수 입력 x에서는 slope * x여야 합니다.",
                    en="negative inputs give 0, which is plain ReLU: a negative x must give slope * x",
                )
            )
        if _same(got, torch.where(x > 0, x, torch.full_like(x, slope))):
            raise AnswerError(
                Say(
                    ko="음수 입력에서 상수 slope를 돌려줍니다. 기울기를 곱해야 합니다: slope * x.",
                    en="negative inputs give the constant slope: multiply instead, slope * x",
                )
            )
        if _same(got, torch.where(x > 0, slope * x, x)):
            raise AnswerError(
                Say(
                    ko="양수와 음수 구간이 바뀌었습니다. 양수 x는 그대로 x, 음수 x는 slope * x입니다.",
                    en="the two sides are swapped: a positive x stays x, a negative x becomes slope * x",
                )
            )
        expect_close(got, want, what)
