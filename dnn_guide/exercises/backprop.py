"""Exercises of lab 8-4 (backpropagation by hand): the sigmoid's derivative, the gradients of W1 and b1."""

from __future__ import annotations

import torch

from .. import backprop
from . import AnswerError, Say, call, checker, expect_close, unpack

__all__ = ["check_hidden_grads", "check_sigmoid_prime", "expect_sigmoid_derivative", "hidden_grads"]


def hidden_grads(params: dict[str, torch.Tensor], X: torch.Tensor, Y: torch.Tensor):
    """Reference: ``(dL/dw1, dL/db1)`` of L = ½ Σ (ŷ - Y)² for the one-hidden-layer sigmoid net."""
    cache = backprop.forward(params, X)
    d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
    d_l1 = (d_l2 @ params["w2"].T) * backprop.sigmoid_prime(cache["l1"])
    return X.T @ d_l1, d_l1.sum(0)


def expect_sigmoid_derivative(sigmoid_prime) -> None:
    """Raise :class:`~dnn_guide.exercises.AnswerError` unless ``sigmoid_prime(x)`` is σ'(x) element-wise.

    The inputs lie on both sides of 0 and in the saturated tails (|x| up to 12, and x = 0, where σ' is largest),
    as a (3, 4) float64 tensor and again as a float32 vector: a formula right only near 0, or only for one
    shape or dtype, is caught. Compared with autograd's derivative of ``torch.sigmoid``. Lab 8-4 introduced
    σ'; the activation-function lab asks for it again, each under its own title.
    """
    g = torch.Generator().manual_seed(84)
    x = torch.randn(3, 4, generator=g, dtype=torch.float64) * 3
    x[0, 0], x[0, 1], x[1, 0] = 0.0, 12.0, -9.0
    for inputs in (x, x[1:].flatten().float()):
        got = call(sigmoid_prime, inputs.clone())
        leaf = inputs.clone().requires_grad_()
        torch.sigmoid(leaf).sum().backward()  # each σ(x_i) depends on x_i alone: the gradient is σ'(x_i)
        s = torch.sigmoid(inputs)
        mistakes = [
            (
                inputs * (1 - inputs),
                Say(
                    ko="x(1 - x)를 계산했습니다. 공식 σ(x)(1 - σ(x))의 두 자리에 모두 x가 아니라 σ(x)가 들어갑니다.",
                    en="you computed x(1 - x): in σ(x)(1 - σ(x)) both places take σ(x), not x",
                ),
            ),
            (
                s * (1 - inputs),
                Say(
                    ko="σ(x)(1 - x)를 계산했습니다. 두 번째 인수도 1 - σ(x)입니다.",
                    en="you computed σ(x)(1 - x): the second factor is 1 - σ(x) too",
                ),
            ),
            (
                s,
                Say(
                    ko="σ(x) 자체를 돌려줍니다. 도함수 σ(x)(1 - σ(x))를 돌려주세요.",
                    en="you return σ(x) itself: return its derivative σ(x)(1 - σ(x))",
                ),
            ),
            (
                s * (1 + s),
                Say(
                    ko="σ(x)(1 + σ(x))를 계산했습니다. 두 번째 인수는 1 - σ(x)입니다.",
                    en="you computed σ(x)(1 + σ(x)): the second factor is 1 - σ(x)",
                ),
            ),
            (
                torch.full_like(inputs, 0.25),
                Say(
                    ko="모든 x에서 0.25를 돌려줍니다. 0.25는 x = 0에서의 값(최댓값)일 뿐입니다. σ(x)(1 - σ(x))를 "
                    "원소마다 계산하세요.",
                    en="you return 0.25 for every x: that is σ' at x = 0 only (its maximum); compute σ(x)(1 - σ(x)) "
                    "element by element",
                ),
            ),
        ]
        dtype = "float32" if inputs.dtype == torch.float32 else "float64"
        what = Say(
            ko=f"모양 {tuple(inputs.shape)} {dtype} 입력의 σ'(x)",
            en=f"σ'(x) of {dtype} inputs of shape {tuple(inputs.shape)}",
        )
        expect_close(got, leaf.grad, what, mistakes=mistakes)


@checker(
    Say(ko="8-4 연습 1: 시그모이드의 도함수", en="8-4 exercise 1: the sigmoid's derivative"),
    success=Say(
        ko="맞습니다. 0 근처와 포화 영역(|x| 최대 12)의 점들에서 autograd가 구한 σ'(x)와 같습니다.",
        en="correct: the same σ'(x) as autograd near 0 and in the saturated tails (|x| up to 12)",
    ),
)
def check_sigmoid_prime(sigmoid_prime) -> None:
    """Check ``sigmoid_prime(x)``: σ'(x) element-wise, against autograd's derivative of ``torch.sigmoid``."""
    expect_sigmoid_derivative(sigmoid_prime)


def _w1_mistakes(params, X, Y, cache) -> list[tuple[torch.Tensor, Say]]:
    sp = backprop.sigmoid_prime
    d_l2 = (cache["y_pred"] - Y) * sp(cache["l2"])
    d_a1 = d_l2 @ params["w2"].T
    d_l1 = d_a1 * sp(cache["l1"])
    return [
        (
            X.T @ d_a1,
            Say(
                ko="dW1에서 σ'(l1)을 곱하는 단계가 빠졌습니다: d_l1 = d_a1 * sigmoid_prime(l1), 그다음 X.T @ d_l1.",
                en="dW1 misses the factor σ'(l1): d_l1 = d_a1 * sigmoid_prime(l1), then X.T @ d_l1",
            ),
        ),
        (
            X.T @ (d_a1 * sp(cache["a1"])),
            Say(
                ko="σ'을 a1에 적용했습니다. σ'은 시그모이드에 들어간 값 l1에 적용합니다: "
                "sigmoid_prime(l1) (= a1 * (1 - a1)).",
                en="σ' is applied to a1: apply it to the sigmoid's input l1: sigmoid_prime(l1) (= a1 * (1 - a1))",
            ),
        ),
        (
            X.T @ (((cache["y_pred"] - Y) @ params["w2"].T) * sp(cache["l1"])),
            Say(
                ko="출력층의 σ'(l2)가 빠졌습니다: d_l2 = (y_pred - Y) * sigmoid_prime(l2).",
                en="the output layer's σ'(l2) is missing: d_l2 = (y_pred - Y) * sigmoid_prime(l2)",
            ),
        ),
        (
            X.T @ (((Y - cache["y_pred"]) * sp(cache["l2"]) @ params["w2"].T) * sp(cache["l1"])),
            Say(
                ko="부호가 반대입니다. L = ½ Σ (ŷ - Y)²의 미분은 (y_pred - Y)에서 시작합니다.",
                en="the sign is flipped: the derivative of L = ½ Σ (ŷ - Y)² starts from (y_pred - Y)",
            ),
        ),
        (
            X.T @ d_l1 / len(X),
            Say(
                ko=f"d_w1이 {len(X)}배 작습니다: 배치로 나눴습니다. L은 배치의 합이므로 X.T @ d_l1 그대로입니다.",
                en=f"d_w1 is {len(X)} times too small: you divided by the batch. L sums over the batch, so it "
                "is X.T @ d_l1 as it is",
            ),
        ),
    ]


@checker(
    Say(ko="8-4 연습 2: W1과 b1의 기울기", en="8-4 exercise 2: the gradients of W1 and b1"),
    success=Say(
        ko="맞습니다. 무작위 신경망 두 개(4-3-2, 배치 5와 3-5-4, 배치 2)에서 autograd의 dL/dW1, dL/db1과 같습니다.",
        en="correct: the same dL/dW1 and dL/db1 as autograd on two random nets (4-3-2 with a batch of 5, 3-5-4 "
        "with a batch of 2)",
    ),
)
def check_hidden_grads(hidden_grads) -> None:
    """Check ``hidden_grads(params, X, Y)``: returns ``(d_w1, d_b1)`` of L = ½ Σ (ŷ - Y)², compared with autograd.

    Two nets of different sizes and batches: sizes typed into the function are caught.
    """
    for seed, (n_in, n_hidden, n_out), n in ((840, (4, 3, 2), 5), (841, (3, 5, 4), 2)):
        g = torch.Generator().manual_seed(seed)
        params = backprop.init_params(n_in, n_hidden, n_out, generator=g, dtype=torch.float64)
        X = torch.rand(n, n_in, generator=g, dtype=torch.float64)
        Y = torch.nn.functional.one_hot(torch.randint(0, n_out, (n,), generator=g), n_out).to(torch.float64)
        got = call(hidden_grads, {k: v.clone() for k, v in params.items()}, X.clone(), Y.clone())
        d_w1, d_b1 = unpack(got, ("d_w1", "d_b1"))
        leaves = {k: v.clone().requires_grad_() for k, v in params.items()}
        backprop.squared_error(backprop.forward(leaves, X)["y_pred"], Y).backward()  # autograd, the reference
        if isinstance(d_w1, torch.Tensor) and tuple(d_w1.shape) == (n_hidden,) and d_w1.shape != d_b1.shape:
            raise AnswerError(
                Say(
                    ko="순서가 바뀌었습니다: (d_w1, d_b1) 순서로 돌려주세요.",
                    en="the order is swapped: return (d_w1, d_b1)",
                )
            )
        at = Say(
            ko=f" ({n_in}-{n_hidden}-{n_out} 신경망, 배치 {n})", en=f" (a {n_in}-{n_hidden}-{n_out} net, batch of {n})"
        )
        if isinstance(d_w1, torch.Tensor) and tuple(d_w1.shape) == (n_hidden, n_in) and n_hidden != n_in:
            raise AnswerError(
                Say(
                    ko=f"d_w1의 모양이 w1의 전치 {(n_hidden, n_in)}입니다{at.ko}. w1과 같은 모양 {(n_in, n_hidden)}이 "
                    "되도록 X.T @ d_l1로 계산하세요.",
                    en=f"d_w1 has w1's shape transposed, {(n_hidden, n_in)}{at.en}: compute X.T @ d_l1, which has "
                    f"w1's shape {(n_in, n_hidden)}",
                )
            )
        cache = backprop.forward(params, X)
        what_w = Say(ko=f"d_w1 (dL/dW1){at.ko}", en=f"d_w1 (dL/dW1){at.en}")
        expect_close(d_w1, leaves["w1"].grad, what_w, mistakes=_w1_mistakes(params, X, Y, cache))
        if isinstance(d_b1, torch.Tensor) and tuple(d_b1.shape) == (n, n_hidden) and n != 1:
            raise AnswerError(
                Say(
                    ko=f"d_b1의 모양이 샘플마다 한 줄인 {(n, n_hidden)}입니다. "
                    "편향은 모든 샘플에 더해지므로 배치 방향(0번 축)으로 더하세요: d_l1.sum(0).",
                    en=f"d_b1 has one row per sample, shape {(n, n_hidden)}: b1 is added to every sample, "
                    "so sum over the batch (dim 0): d_l1.sum(0)",
                )
            )
        b1_grad = leaves["b1"].grad
        b1_mistakes = [
            (
                b1_grad / n,
                Say(
                    ko=f"d_b1이 {n}배 작습니다: 배치 평균(mean)을 썼습니다. L은 배치의 합이므로 d_l1.sum(0)입니다. "
                    "(원래 실습의 torch.mean(d_b1, 0)이 바로 이 차이입니다.)",
                    en=f"d_b1 is {n} times too small: you took the batch mean. L sums over the batch, "
                    "so use d_l1.sum(0) (the original lab's torch.mean(d_b1, 0) is exactly this difference)",
                ),
            ),
        ]
        what_b = Say(ko=f"d_b1 (dL/db1){at.ko}", en=f"d_b1 (dL/db1){at.en}")
        expect_close(d_b1, b1_grad, what_b, mistakes=b1_mistakes)
