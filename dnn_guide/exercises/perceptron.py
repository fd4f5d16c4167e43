"""Exercises of lab 8-1 (the perceptron): its forward pass, one gradient-descent step on BCE, NAND by hand."""

from __future__ import annotations

import torch
from torch.nn import functional as F

from . import AnswerError, Say, answer_tensor, call, checker, expect_close, name_the_mistake

__all__ = [
    "bce_step",
    "check_bce_step",
    "check_nand_weights",
    "check_perceptron_forward",
    "perceptron_forward",
]

#: The four input points of the logic gates, as in the lab.
POINTS = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
NAND = torch.tensor([[1.0], [1.0], [1.0], [0.0]], dtype=torch.float64)


def perceptron_forward(X: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Reference: p = σ(X w + b), for X of shape (n, 2), w (2, 1), b (1,); returns shape (n, 1)."""
    return torch.sigmoid(X @ w + b)


def bce_step(X: torch.Tensor, Y: torch.Tensor, w: torch.Tensor, b: torch.Tensor, lr: float):
    """Reference: one full-batch gradient-descent step on the mean BCE loss; returns the new ``(w, b)``."""
    error = (torch.sigmoid(X @ w + b) - Y) / len(X)  # dL/dz for every point: (p - y) / n
    return w - lr * X.T @ error, b - lr * error.sum(0)


def _random_inputs(seed: int, n: int = 6):
    g = torch.Generator().manual_seed(seed)
    X = torch.rand(n, 2, generator=g, dtype=torch.float64) * 2 - 0.5
    w = torch.randn(2, 1, generator=g, dtype=torch.float64)
    b = torch.randn(1, generator=g, dtype=torch.float64)
    return X, w, b


@checker(
    "8-1 perceptron forward",
    success=Say(
        ko="맞습니다. 무작위 입력 6개에서 기준 구현과 같은 확률을 냅니다.",
        en="correct: the same probabilities as the reference on 6 random inputs",
    ),
)
def check_perceptron_forward(forward) -> None:
    """Check ``forward(X, w, b)``: the perceptron's probabilities σ(X w + b), shape (n, 1)."""
    X, w, b = _random_inputs(seed=81)
    got = call(forward, X.clone(), w.clone(), b.clone())
    z = X @ w + b
    name_the_mistake(
        got,
        [
            (
                z,
                Say(
                    ko="선형 결합 X @ w + b까지는 맞지만 시그모이드를 빠뜨렸습니다. "
                    "torch.sigmoid로 0과 1 사이 확률로 바꾸세요.",
                    en="X @ w + b is right, but the sigmoid is missing: "
                    "pass it through torch.sigmoid to get a probability",
                ),
            ),
            (
                torch.sigmoid(X @ w),
                Say(
                    ko="편향 b를 빠뜨렸습니다. 시그모이드 안에서 X @ w에 b를 더하세요.",
                    en="the bias b is missing: add it to X @ w inside the sigmoid",
                ),
            ),
            (
                torch.sigmoid(X @ w) + b,
                Say(
                    ko="편향 b를 시그모이드 바깥에서 더했습니다. torch.sigmoid(X @ w + b)처럼 안에서 더하세요.",
                    en="the bias b is added outside the sigmoid: write torch.sigmoid(X @ w + b)",
                ),
            ),
            (
                (torch.sigmoid(z) > 0.5).to(z.dtype),
                Say(
                    ko="0과 1로 자른 예측을 돌려줍니다. 0.5 문턱은 정확도를 셀 때 쓰고, "
                    "여기서는 확률 σ(X w + b)를 그대로 돌려주세요.",
                    en="you return 0/1 predictions: the 0.5 threshold is for counting accuracy; "
                    "return the probability σ(X w + b) itself",
                ),
            ),
        ],
    )
    expect_close(got, torch.sigmoid(z), Say(ko="출력 확률", en="the output probabilities"))


@checker(
    "8-1 one BCE gradient step",
    success=Say(
        ko="맞습니다. autograd와 SGD가 한 스텝에 만드는 w, b와 같습니다.",
        en="correct: the same w and b as autograd plus one SGD step",
    ),
)
def check_bce_step(step) -> None:
    """Check ``step(X, Y, w, b, lr)``: returns ``(w, b)`` after one gradient-descent step on the mean BCE."""
    X, w, b = _random_inputs(seed=82)
    Y = torch.tensor([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]], dtype=torch.float64)
    lr = 0.5
    got = call(step, X.clone(), Y.clone(), w.clone(), b.clone(), lr)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise AnswerError(
            Say(
                ko=f"새 가중치와 편향 두 개를 `return w_new, b_new`처럼 돌려줘야 하는데 {type(got).__name__}을(를) "
                "돌려줍니다.",
                en=f"return the two new parameters as `return w_new, b_new`, not a {type(got).__name__}",
            )
        )
    got_w, got_b = got
    # the reference: autograd's gradient of the mean BCE, then p <- p - lr * grad, as torch.optim.SGD does
    w_leaf, b_leaf = w.clone().requires_grad_(), b.clone().requires_grad_()
    F.binary_cross_entropy(torch.sigmoid(X @ w_leaf + b_leaf), Y).backward()
    dw, db = w_leaf.grad, b_leaf.grad
    n = len(X)
    p = torch.sigmoid(X @ w + b)
    mse_error = (p - Y) * p * (1 - p) / n
    name_the_mistake(
        got_w,
        [
            (
                w + lr * dw,
                Say(
                    ko="가중치가 기울기 방향으로 움직였습니다. 손실을 줄이려면 기울기를 빼야 합니다: w - lr * dw.",
                    en="w moved along the gradient: to lower the loss, subtract it: w - lr * dw",
                ),
            ),
            (
                w - lr * n * dw,
                Say(
                    ko=f"기울기가 {n}배 큽니다. 점들의 손실을 더하지 말고 평균 내세요: "
                    "(p - y)를 샘플 수 n으로 나눕니다.",
                    en=f"the gradient is {n} times too large: the loss is the mean over the points, "
                    "so divide (p - y) by n",
                ),
            ),
            (
                w - dw,
                Say(
                    ko="기울기에 학습률 lr을 곱하지 않았습니다: w - lr * dw.",
                    en="the gradient is not multiplied by the learning rate: w - lr * dw",
                ),
            ),
            (
                dw,
                Say(
                    ko="기울기 dw를 돌려줍니다. 한 스텝 갱신한 새 가중치 w - lr * dw를 돌려주세요.",
                    en="you return the gradient dw: return the updated weight w - lr * dw",
                ),
            ),
            (
                w - lr * X.T @ mse_error,
                Say(
                    ko="σ'(z) = p(1 - p)를 곱했습니다. 그것은 제곱 오차의 기울기이고, "
                    "BCE에서는 σ'이 약분되어 dL/dz = (p - y) / n입니다.",
                    en="you multiplied by σ'(z) = p(1 - p): that is the squared error's gradient; "
                    "with BCE it cancels and dL/dz = (p - y) / n",
                ),
            ),
        ],
    )
    expect_close(got_w, w - lr * dw, Say(ko="새 가중치 w", en="the new weight w"))
    if isinstance(got_b, torch.Tensor) and got_b.ndim >= 1 and got_b.shape[0] == n and n != 1:
        raise AnswerError(
            Say(
                ko=f"편향의 모양이 {tuple(got_b.shape)}입니다. "
                "편향은 모든 점에 더해지므로 기울기를 점들에 대해 더해 모양 (1,)로 만드세요: error.sum(0).",
                en=f"the new bias has shape {tuple(got_b.shape)}: b is added to every point, "
                "so sum its gradient over the points to get shape (1,): error.sum(0)",
            )
        )
    expect_close(got_b, b - lr * db, Say(ko="새 편향 b", en="the new bias b"))


def wrong_points(p: torch.Tensor, labels: torch.Tensor) -> list[str]:
    """``(x1,x2): p=...`` for each point whose probability is on the wrong side of 0.5 (or exactly 0.5)."""
    wrong = []
    for (x1, x2), q, y in zip(POINTS.int().tolist(), p.flatten().tolist(), labels.flatten().tolist()):
        if (q > 0.5) != (y == 1.0) or q == 0.5:
            wrong.append(f"({x1},{x2}): p={q:.3f}, {int(y)}")
    return wrong


@checker(
    "8-1 NAND by hand",
    success=Say(
        ko="맞습니다. 네 점 모두에서 NAND와 같은 쪽으로 분류합니다(p > 0.5이면 1).",
        en="correct: all four points are on NAND's side (1 where p > 0.5)",
    ),
)
def check_nand_weights(w, b) -> None:
    """Check hand-picked ``w`` (2, 1) and ``b`` (1,): σ(X w + b) > 0.5 exactly where NAND is 1."""
    w, b = answer_tensor(w, (2, 1), "w"), answer_tensor(b, (1,), "b")
    p = perceptron_forward(POINTS, w, b)
    wrong = wrong_points(p, NAND)
    if not wrong_points(p, 1 - NAND):  # every point on the other side
        raise AnswerError(
            Say(
                ko="네 점이 모두 반대입니다. 지금 w, b는 AND를 계산합니다. w와 b의 부호를 모두 바꾸세요.",
                en="all four points are the opposite: these w, b compute AND; flip the sign of w and b",
            )
        )
    if wrong:
        raise AnswerError(
            Say(
                ko=f"틀린 점 (점: 확률, NAND 정답): {'; '.join(wrong)}. "
                "(1,1)에서만 w1 + w2 + b < 0이고 나머지 세 점에서는 b, w1 + b, w2 + b > 0이 되도록 고르세요.",
                en=f"wrong points (point: probability, NAND label): {'; '.join(wrong)}. Pick w, "
                "b so that only at (1,1) w1 + w2 + b < 0, and b, w1 + b, w2 + b > 0 at the other three points",
            )
        )
