"""Exercises of lab 8-4 (backpropagation by hand): the sigmoid's derivative, the gradients of W1 and b1."""

from __future__ import annotations

import torch

from .. import backprop
from . import AnswerError, Say, call, checker, expect_close, name_the_mistake

__all__ = ["check_hidden_grads", "check_sigmoid_prime", "hidden_grads"]


def hidden_grads(params: dict[str, torch.Tensor], X: torch.Tensor, Y: torch.Tensor):
    """Reference: ``(dL/dw1, dL/db1)`` of L = ½ Σ (ŷ - Y)² for the one-hidden-layer sigmoid net."""
    cache = backprop.forward(params, X)
    d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
    d_l1 = (d_l2 @ params["w2"].T) * backprop.sigmoid_prime(cache["l1"])
    return X.T @ d_l1, d_l1.sum(0)


@checker(
    "8-4 sigmoid derivative",
    success=Say(
        ko="맞습니다. 무작위 점 9개에서 autograd가 구한 σ'(x)와 같습니다.",
        en="correct: the same σ'(x) as autograd at 9 random points",
    ),
)
def check_sigmoid_prime(sigmoid_prime) -> None:
    """Check ``sigmoid_prime(x)``: σ'(x) element-wise, against autograd's derivative of ``torch.sigmoid``."""
    g = torch.Generator().manual_seed(84)
    x = torch.cat([torch.randn(8, generator=g, dtype=torch.float64) * 3, torch.zeros(1, dtype=torch.float64)])
    got = call(sigmoid_prime, x.clone())
    leaf = x.clone().requires_grad_()
    torch.sigmoid(leaf).sum().backward()  # each σ(x_i) depends on x_i alone: the gradient is σ'(x_i)
    s = torch.sigmoid(x)
    name_the_mistake(
        got,
        [
            (
                x * (1 - x),
                Say(
                    ko="x(1 - x)를 계산했습니다. 공식 σ(x)(1 - σ(x))의 두 자리에 모두 x가 아니라 σ(x)가 들어갑니다.",
                    en="you computed x(1 - x): in σ(x)(1 - σ(x)) both places take σ(x), not x",
                ),
            ),
            (
                s * (1 - x),
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
        ],
    )
    expect_close(got, leaf.grad, Say(ko="σ'(x)", en="σ'(x)"))


@checker(
    "8-4 gradients of W1 and b1",
    success=Say(
        ko="맞습니다. 무작위 신경망(입력 4, 은닉 3, 출력 2)과 배치 5개에서 autograd의 dL/dW1, dL/db1과 같습니다.",
        en="correct: the same dL/dW1 and dL/db1 as autograd on a random 4-3-2 net and a batch of 5",
    ),
)
def check_hidden_grads(grads) -> None:
    """Check ``grads(params, X, Y)``: returns ``(d_w1, d_b1)`` of L = ½ Σ (ŷ - Y)², compared with autograd."""
    g = torch.Generator().manual_seed(840)
    n, n_hidden = 5, 3
    params = backprop.init_params(4, n_hidden, 2, generator=g, dtype=torch.float64)
    X = torch.rand(n, 4, generator=g, dtype=torch.float64)
    Y = torch.nn.functional.one_hot(torch.randint(0, 2, (n,), generator=g), 2).to(torch.float64)
    got = call(grads, {k: v.clone() for k, v in params.items()}, X.clone(), Y.clone())
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise AnswerError(
            Say(
                ko=f"두 기울기를 `return d_w1, d_b1`처럼 돌려줘야 하는데 {type(got).__name__}을(를) 돌려줍니다.",
                en=f"return the two gradients as `return d_w1, d_b1`, not a {type(got).__name__}",
            )
        )
    d_w1, d_b1 = got
    leaves = {k: v.clone().requires_grad_() for k, v in params.items()}
    backprop.squared_error(backprop.forward(leaves, X)["y_pred"], Y).backward()  # autograd, the reference
    if isinstance(d_w1, torch.Tensor) and tuple(d_w1.shape) == (n_hidden,):
        raise AnswerError(
            Say(
                ko="순서가 바뀌었습니다: (d_w1, d_b1) 순서로 돌려주세요.",
                en="the order is swapped: return (d_w1, d_b1)",
            )
        )
    cache = backprop.forward(params, X)
    d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
    d_a1 = d_l2 @ params["w2"].T
    name_the_mistake(
        d_w1,
        [
            (
                X.T @ d_a1,
                Say(
                    ko="dW1에서 σ'(l1)을 곱하는 단계가 빠졌습니다: d_l1 = d_a1 * sigmoid_prime(l1), 그다음 X.T @ d_l1.",
                    en="dW1 misses the factor σ'(l1): d_l1 = d_a1 * sigmoid_prime(l1), then X.T @ d_l1",
                ),
            ),
            (
                X.T @ (d_a1 * backprop.sigmoid_prime(cache["a1"])),
                Say(
                    ko="σ'을 a1에 적용했습니다. σ'은 시그모이드에 들어간 값 l1에 적용합니다: "
                    "sigmoid_prime(l1) (= a1 * (1 - a1)).",
                    en="σ' is applied to a1: apply it to the sigmoid's input l1: sigmoid_prime(l1) (= a1 * (1 - a1))",
                ),
            ),
        ],
    )
    expect_close(d_w1, leaves["w1"].grad, Say(ko="d_w1 (dL/dW1)", en="d_w1 (dL/dW1)"))
    if isinstance(d_b1, torch.Tensor) and tuple(d_b1.shape) == (n, n_hidden):
        raise AnswerError(
            Say(
                ko=f"d_b1의 모양이 샘플마다 한 줄인 {(n, n_hidden)}입니다. "
                "편향은 모든 샘플에 더해지므로 배치 방향(0번 축)으로 더하세요: d_l1.sum(0).",
                en=f"d_b1 has one row per sample, shape {(n, n_hidden)}: b1 is added to every sample, "
                "so sum over the batch (dim 0): d_l1.sum(0)",
            )
        )
    name_the_mistake(
        d_b1,
        [
            (
                leaves["b1"].grad / n,
                Say(
                    ko=f"d_b1이 {n}배 작습니다: 배치 평균(mean)을 썼습니다. L은 배치의 합이므로 d_l1.sum(0)입니다. "
                    "(원래 실습의 torch.mean(d_b1, 0)이 바로 이 차이입니다.)",
                    en=f"d_b1 is {n} times too small: you took the batch mean. L sums over the batch, "
                    "so use d_l1.sum(0) (the original lab's torch.mean(d_b1, 0) is exactly this difference)",
                ),
            ),
        ],
    )
    expect_close(d_b1, leaves["b1"].grad, Say(ko="d_b1 (dL/db1)", en="d_b1 (dL/db1)"))
