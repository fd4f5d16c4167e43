"""Exercises of lab 8-1 (the perceptron): its forward pass, one gradient-descent step on BCE, NAND by hand."""

from __future__ import annotations

import torch
from torch.nn import functional as F

from . import AnswerError, Say, answer_tensor, call, checker, expect_close, hard_coded, unpack

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
    """Points around the unit square and random parameters whose pre-activations z = X w + b take both signs."""
    g = torch.Generator().manual_seed(seed)
    while True:
        X = torch.rand(n, 2, generator=g, dtype=torch.float64) * 2 - 0.5
        w = torch.randn(2, 1, generator=g, dtype=torch.float64) * 2
        b = torch.randn(1, generator=g, dtype=torch.float64)
        z = X @ w + b
        if (z > 0.5).any() and (z < -0.5).any():  # both sides of σ's 0.5: a thresholded answer cannot pass
            return X, w, b


@checker(
    Say(ko="8-1 연습 1: 퍼셉트론의 순전파", en="8-1 exercise 1: the perceptron's forward pass"),
    success=Say(
        ko="맞습니다. 무작위 입력 두 묶음(6개, 3개)에서 기준 구현과 같은 확률을 냅니다.",
        en="correct: the same probabilities as the reference on two random batches (6 and 3 points)",
    ),
)
def check_perceptron_forward(perceptron_forward) -> None:
    """Check ``perceptron_forward(X, w, b)``: the perceptron's probabilities σ(X w + b), shape (n, 1)."""
    for seed, n in ((81, 6), (810, 3)):
        X, w, b = _random_inputs(seed, n)
        got = call(perceptron_forward, X.clone(), w.clone(), b.clone())
        z = X @ w + b
        mistakes = [
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
                torch.sigmoid(X @ w - b),
                Say(
                    ko="편향 b를 뺐습니다. 더해야 합니다: torch.sigmoid(X @ w + b).",
                    en="the bias b is subtracted: add it, torch.sigmoid(X @ w + b)",
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
            (
                torch.relu(z),
                Say(
                    ko="ReLU를 썼습니다. 퍼셉트론의 출력은 확률이므로 시그모이드(torch.sigmoid)를 씁니다.",
                    en="you used ReLU: the perceptron's output is a probability, so use the sigmoid (torch.sigmoid)",
                ),
            ),
        ]
        what = Say(ko=f"점 {n}개의 출력 확률", en=f"the output probabilities of {n} points")
        expect_close(got, torch.sigmoid(z), what, mistakes=mistakes)


def _bias_mistakes(b, db, lr, n) -> list[tuple[torch.Tensor, Say]]:
    return [
        (
            b + lr * db,
            Say(
                ko="편향이 기울기 방향으로 움직였습니다. 기울기를 빼야 합니다: b - lr * db.",
                en="b moved along the gradient: subtract it, b - lr * db",
            ),
        ),
        (
            b - lr * db / n,
            Say(
                ko=f"편향의 기울기가 {n}배 작습니다. error에 이미 1/n이 들어 있으니 점들에 대해 더하세요: "
                "error.sum(0) (mean이 아니라).",
                en=f"the bias's gradient is {n} times too small: error already holds the 1/n, so sum it over the "
                "points, error.sum(0) (not the mean)",
            ),
        ),
        (
            b - lr * n * db,
            Say(
                ko=f"편향의 기울기가 {n}배 큽니다. 손실은 평균이므로 (p - y)를 n으로 나눈 뒤 더하세요.",
                en=f"the bias's gradient is {n} times too large: the loss is a mean, so divide (p - y) by n, then sum",
            ),
        ),
        (
            b - db,
            Say(
                ko="편향의 기울기에 학습률 lr을 곱하지 않았습니다: b - lr * db.",
                en="the bias's gradient is not multiplied by the learning rate: b - lr * db",
            ),
        ),
    ]


@checker(
    Say(ko="8-1 연습 2: 경사 하강법 한 스텝", en="8-1 exercise 2: one gradient-descent step"),
    success=Say(
        ko="맞습니다. 점의 수와 학습률을 바꿔 가며 autograd와 SGD가 한 스텝에 만드는 w, b와 같습니다.",
        en="correct: the same w and b as autograd plus one SGD step, for several numbers of points and learning rates",
    ),
)
def check_bce_step(bce_step) -> None:
    """Check ``bce_step(X, Y, w, b, lr)``: returns ``(w, b)`` after one gradient-descent step on the mean BCE.

    Three calls with different points, labels and learning rates: a number of points or a learning rate typed
    into the function instead of ``len(X)`` or ``lr`` is named.
    """
    for seed, n, lr in ((82, 6, 0.5), (820, 4, 0.1), (821, 5, 2.0)):
        X, w, b = _random_inputs(seed, n)
        Y = torch.tensor([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]], dtype=torch.float64)[:n]
        got_w, got_b = unpack(call(bce_step, X.clone(), Y.clone(), w.clone(), b.clone(), lr), ("w_new", "b_new"))
        if isinstance(got_w, torch.Tensor) and isinstance(got_b, torch.Tensor):
            if tuple(got_w.shape) == tuple(b.shape) and tuple(got_b.shape) == tuple(w.shape):
                raise AnswerError(
                    Say(
                        ko="w와 b의 순서가 바뀌었습니다. `return w_new, b_new` 순서로 돌려주세요.",
                        en="w and b are swapped: return them in the order `return w_new, b_new`",
                    )
                )
        # the reference: autograd's gradient of the mean BCE, then p <- p - lr * grad, as torch.optim.SGD does
        w_leaf, b_leaf = w.clone().requires_grad_(), b.clone().requires_grad_()
        F.binary_cross_entropy(torch.sigmoid(X @ w_leaf + b_leaf), Y).backward()
        dw, db = w_leaf.grad, b_leaf.grad
        p = torch.sigmoid(X @ w + b)
        mse_error = (p - Y) * p * (1 - p) / n
        at = Say(ko=f"(점 {n}개, lr={lr})", en=f"({n} points, lr={lr})")
        w_mistakes = [
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
        ]
        if n != 6:  # the first call's 6 points typed into the function
            w_mistakes.append((w - lr * dw * n / 6, hard_coded("n = len(X)", 6, n)))
        if lr != 0.5:  # the first call's learning rate typed into the function
            w_mistakes.append((w - 0.5 * dw, hard_coded("lr", 0.5, lr)))
        what_w = Say(ko=f"새 가중치 w {at.ko}", en=f"the new weight w {at.en}")
        expect_close(got_w, w - lr * dw, what_w, mistakes=w_mistakes)
        if isinstance(got_b, torch.Tensor) and got_b.ndim >= 1 and got_b.shape[0] == n:
            raise AnswerError(
                Say(
                    ko=f"편향의 모양이 {tuple(got_b.shape)}입니다. "
                    "편향은 모든 점에 더해지므로 기울기를 점들에 대해 더해 모양 (1,)로 만드세요: error.sum(0).",
                    en=f"the new bias has shape {tuple(got_b.shape)}: b is added to every point, "
                    "so sum its gradient over the points to get shape (1,): error.sum(0)",
                )
            )
        if isinstance(got_b, torch.Tensor) and got_b.numel() == 1 and got_b.shape != b.shape:
            got_b = got_b.reshape(b.shape)  # a bias as a 0-d tensor or (1, 1): the same one number
        what_b = Say(ko=f"새 편향 b {at.ko}", en=f"the new bias b {at.en}")
        expect_close(got_b, b - lr * db, what_b, mistakes=_bias_mistakes(b, db, lr, n))


def wrong_points(p: torch.Tensor, labels: torch.Tensor) -> list[str]:
    """``(x1,x2): p=...`` for each point whose probability is on the wrong side of 0.5 (or exactly 0.5)."""
    wrong = []
    for (x1, x2), q, y in zip(POINTS.int().tolist(), p.flatten().tolist(), labels.flatten().tolist()):
        if (q > 0.5) != (y == 1.0) or q == 0.5:
            shown = f"{q:.3f}" if q == 0.5 or abs(q - 0.5) >= 5e-4 else f"{q:.7f}"  # never 0.500 for 0.5001
            wrong.append(f"({x1},{x2}): p={shown}, {int(y)}")
    return wrong


@checker(
    Say(ko="8-1 연습 3: NAND 게이트를 손으로", en="8-1 exercise 3: a NAND gate by hand"),
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
