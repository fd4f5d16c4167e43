"""Exercises of the activation-function lab (``docs/labs/activations.py``): derivatives and leaky ReLU.

The sigmoid's derivative is lab 8-4's exercise again: the same check, under this lab's title.

Each checker runs the learner's function on fresh random inputs (exact zeros included, where an
activation's derivative has its kink) and compares it with autograd or with ``torch.nn.functional``.
"""

from __future__ import annotations

import torch
from torch.nn import functional as F

from ..backprop import sigmoid_prime as sigmoid_grad
from . import AnswerError, Say, call, checker, expect_close, hard_coded, matches
from .backprop import expect_sigmoid_derivative  # lab 8-4 introduced σ'; this lab asks for it again

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
    Say(ko="활성화 함수 연습 1: ReLU의 도함수", en="Activation functions, exercise 1: ReLU's derivative"),
    success=Say(
        ko="맞습니다. 무작위 입력(0 포함, float32와 float64)에서 autograd가 구한 ReLU의 기울기와 같습니다.",
        en="correct: matches autograd's gradient of ReLU on random inputs (zeros included, float32 and float64)",
    ),
)
def check_relu_grad(relu_grad) -> None:
    """Check ``relu_grad(x)``: ReLU's derivative at each element of ``x``, a tensor shaped like ``x``."""
    for x in (_inputs(11), _inputs(12)[1:].double()):
        want = _autograd(torch.relu, x)
        got = call(relu_grad, x.clone())
        what = Say(ko=f"{x.dtype} 입력의 ReLU 도함수", en=f"ReLU's derivative of {x.dtype} inputs")
        _float_tensor(got, what)
        mistakes = [
            (
                (x >= 0).to(x.dtype),
                Say(
                    ko="x = 0에서 1을 돌려줍니다. 파이토치의 autograd는 x = 0에서 ReLU의 기울기를 0으로 정합니다. "
                    "`x >= 0` 대신 `x > 0`을 쓰세요.",
                    en="at x = 0 your derivative is 1, but PyTorch's autograd takes ReLU's slope at 0 to be 0: "
                    "use `x > 0`, not `x >= 0`",
                ),
            ),
            (
                torch.relu(x),
                Say(
                    ko="ReLU 자체(양수면 x)를 돌려줍니다. 도함수는 기울기라서 양수 구간에서 1, 음수 구간에서 0입니다.",
                    en="you returned ReLU itself (x for positive x); its derivative is the slope: 1 for positive "
                    "inputs, 0 for negative ones",
                ),
            ),
            (
                (x < 0).to(x.dtype),
                Say(
                    ko="양수와 음수가 바뀌었습니다. 도함수는 x > 0에서 1, 그 밖에서 0입니다.",
                    en="positive and negative are swapped: the derivative is 1 where x > 0 and 0 elsewhere",
                ),
            ),
            (
                torch.ones_like(x),
                Say(
                    ko="모든 곳에서 1을 돌려줍니다. 음수 입력에서 ReLU의 기울기는 0입니다.",
                    en="you return 1 everywhere: ReLU's slope is 0 for negative inputs",
                ),
            ),
        ]
        expect_close(got, want, what, mistakes=mistakes)


@checker(
    Say(ko="활성화 함수 연습 2: 시그모이드의 도함수", en="Activation functions, exercise 2: the sigmoid's derivative"),
    success=Say(
        ko="맞습니다. 0 근처와 포화 영역(|x| 최대 12)의 점들에서 autograd가 구한 σ'(x)와 같습니다.",
        en="correct: the same σ'(x) as autograd near 0 and in the saturated tails (|x| up to 12)",
    ),
)
def check_sigmoid_grad(sigmoid_grad) -> None:
    """Check ``sigmoid_grad(x)``: σ'(x) element-wise, against autograd (the same check as lab 8-4's)."""
    expect_sigmoid_derivative(sigmoid_grad)


#: The slopes each call passes, in order: none is the first call's, none is F.leaky_relu's default 0.01 after it.
SLOPES = (0.2, 0.05, 0.3)
DEFAULT_SLOPE = 0.01  # F.leaky_relu's and nn.LeakyReLU's default: the value a learner may type in


@checker(
    Say(ko="활성화 함수 연습 3: leaky ReLU", en="Activation functions, exercise 3: leaky ReLU"),
    success=Say(
        ko=f"맞습니다. 기울기(slope) {', '.join(map(str, SLOPES))}에서 F.leaky_relu와 같습니다.",
        en=f"correct: matches F.leaky_relu for the slopes {', '.join(map(str, SLOPES))}",
    ),
)
def check_leaky_relu(leaky_relu) -> None:
    """Check ``leaky_relu(x, slope)``: ``x`` for positive inputs and ``slope * x`` for the others.

    Each call passes another slope: a slope typed into the function (F.leaky_relu's default 0.01, or the first
    call's) is named.
    """
    x = _inputs(13)
    for slope in SLOPES:
        want = F.leaky_relu(x, slope)
        got = call(leaky_relu, x.clone(), slope)
        what = Say(ko=f"slope={slope}일 때 출력", en=f"the output for slope={slope}")
        _float_tensor(got, what)
        if matches(got, want):
            continue
        for used in {DEFAULT_SLOPE, SLOPES[0]} - {slope}:
            if matches(got, F.leaky_relu(x, used)):
                raise AnswerError(hard_coded("slope", used, slope))
        mistakes = [
            (
                torch.relu(x),
                Say(
                    ko="음수 입력에서 0을 돌려줍니다. 그러면 보통 ReLU입니다. 음수 입력 x에서는 slope * x여야 합니다.",
                    en="negative inputs give 0, which is plain ReLU: a negative x must give slope * x",
                ),
            ),
            (
                torch.where(x > 0, x, torch.full_like(x, slope)),
                Say(
                    ko="음수 입력에서 상수 slope를 돌려줍니다. 기울기를 곱해야 합니다: slope * x.",
                    en="negative inputs give the constant slope: multiply instead, slope * x",
                ),
            ),
            (
                torch.where(x > 0, slope * x, x),
                Say(
                    ko="양수와 음수 구간이 바뀌었습니다. 양수 x는 그대로 x, 음수 x는 slope * x입니다.",
                    en="the two sides are swapped: a positive x stays x, a negative x becomes slope * x",
                ),
            ),
            (
                torch.where(x > 0, x, -slope * x),
                Say(
                    ko="음수 입력에서 부호가 반대입니다. 음수 x에는 slope * x(음수)를 돌려주세요.",
                    en="negative inputs give the wrong sign: a negative x must give slope * x (negative too)",
                ),
            ),
            (
                torch.where(x > 0, x, x / slope),
                Say(
                    ko="음수 입력을 slope로 나눴습니다. 곱하세요: slope * x.",
                    en="negative inputs are divided by slope: multiply instead, slope * x",
                ),
            ),
        ]
        expect_close(got, want, what, mistakes=mistakes)
