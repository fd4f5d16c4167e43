"""Exercises of labs 8-2 and 8-3 (XOR with a 2-2-1 network): the forward pass, weights that solve XOR."""

from __future__ import annotations

import torch

from . import AnswerError, Say, answer_tensor, call, checker, expect_close
from .perceptron import POINTS, wrong_points

__all__ = ["check_xor_forward", "check_xor_weights", "xor_forward"]

XOR = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)


def xor_forward(X: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor, W2: torch.Tensor, b2: torch.Tensor):
    """Reference: the 2-2-1 sigmoid network, X (n, 2), W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,) → (n, 1)."""
    hidden = torch.sigmoid(X @ W1 + b1)
    return torch.sigmoid(hidden @ W2 + b2)


_reference = xor_forward  # the checker's parameter is named like the learner's function, and shadows it


def _random_net(seed: int, n: int):
    g = torch.Generator().manual_seed(seed)
    X = torch.rand(n, 2, generator=g, dtype=torch.float64)
    W1 = torch.randn(2, 2, generator=g, dtype=torch.float64) * 2
    b1 = torch.randn(2, generator=g, dtype=torch.float64)
    W2 = torch.randn(2, 1, generator=g, dtype=torch.float64) * 2
    b2 = torch.randn(1, generator=g, dtype=torch.float64)
    return X, W1, b1, W2, b2


@checker(
    Say(ko="8-2 연습 1: 2-2-1 신경망의 순전파", en="8-2 exercise 1: the 2-2-1 network's forward pass"),
    success=Say(
        ko="맞습니다. 무작위 입력 두 묶음(5개, 3개)과 무작위 가중치에서 기준 구현과 같습니다.",
        en="correct: matches the reference on two random batches (5 and 3 inputs) and random weights",
    ),
)
def check_xor_forward(xor_forward) -> None:
    """Check ``xor_forward(X, W1, b1, W2, b2)``: the 2-2-1 network's output probabilities, shape (n, 1)."""
    for seed, n in ((82, 5), (83, 3)):
        X, W1, b1, W2, b2 = _random_net(seed, n)
        got = call(xor_forward, X.clone(), W1.clone(), b1.clone(), W2.clone(), b2.clone())
        sig = torch.sigmoid
        mistakes = [
            (
                sig((X @ W1 + b1) @ W2 + b2),
                Say(
                    ko="은닉층의 시그모이드가 빠졌습니다. 은닉층 출력도 torch.sigmoid(X @ W1 + b1)입니다. "
                    "시그모이드가 없으면 두 층이 선형 함수 하나로 합쳐져 퍼셉트론과 같아집니다.",
                    en="the hidden layer's sigmoid is missing: hidden = torch.sigmoid(X @ W1 + b1). "
                    "Without it the two layers collapse into one linear map: a perceptron again",
                ),
            ),
            (
                sig(X @ W1 + b1) @ W2 + b2,
                Say(
                    ko="출력층의 시그모이드가 빠졌습니다. 출력도 확률이 되도록 torch.sigmoid를 한 번 더 씌우세요.",
                    en="the output layer's sigmoid is missing: apply torch.sigmoid to the output too, "
                    "to get a probability",
                ),
            ),
            (
                sig(sig(X @ W1) @ W2 + b2),
                Say(
                    ko="은닉층의 편향 b1을 빠뜨렸습니다: torch.sigmoid(X @ W1 + b1).",
                    en="the hidden bias b1 is missing: torch.sigmoid(X @ W1 + b1)",
                ),
            ),
            (
                sig(sig(X @ W1 + b1) @ W2),
                Say(
                    ko="출력층의 편향 b2를 빠뜨렸습니다: torch.sigmoid(hidden @ W2 + b2).",
                    en="the output bias b2 is missing: torch.sigmoid(hidden @ W2 + b2)",
                ),
            ),
            (
                sig(sig(X @ W1.T + b1) @ W2 + b2),
                Say(
                    ko="W1을 전치(W1.T)해서 곱했습니다. 여기서 W1의 모양은 (입력 2, 은닉 2)이므로 X @ W1입니다. "
                    "(nn.Linear의 weight는 (출력, 입력) 모양이라 X @ weight.T로 계산합니다.)",
                    en="you multiplied by W1.T: here W1 has shape (2 inputs, 2 hidden), "
                    "so write X @ W1 (nn.Linear's weight is stored as (out, in), "
                    "which is why it computes X @ weight.T)",
                ),
            ),
            (
                sig(torch.relu(X @ W1 + b1) @ W2 + b2),
                Say(
                    ko="은닉층에 ReLU를 썼습니다. 이 실습의 2-2-1 신경망은 두 층 모두 시그모이드입니다.",
                    en="the hidden layer uses ReLU: this lab's 2-2-1 network uses the sigmoid in both layers",
                ),
            ),
            (
                sig(X @ W1 + b1),
                Say(
                    ko="은닉층의 출력(모양 (n, 2))에서 멈췄습니다. 출력층까지 계산하세요: "
                    "torch.sigmoid(hidden @ W2 + b2).",
                    en="you stopped at the hidden layer (shape (n, 2)): go on to the output layer, "
                    "torch.sigmoid(hidden @ W2 + b2)",
                ),
            ),
        ]
        what = Say(ko=f"입력 {n}개의 출력 확률", en=f"the output probabilities of {n} inputs")
        expect_close(got, _reference(X, W1, b1, W2, b2), what, mistakes=mistakes)


@checker(
    Say(ko="8-2 연습 2: XOR을 푸는 가중치를 손으로", en="8-2 exercise 2: weights that solve XOR, by hand"),
    success=Say(
        ko="맞습니다. 네 점 모두 XOR과 같은 쪽으로 분류합니다(p > 0.5이면 1).",
        en="correct: all four points are on XOR's side (1 where p > 0.5)",
    ),
)
def check_xor_weights(W1, b1, W2, b2) -> None:
    """Check hand-picked weights of the 2-2-1 net: σ(σ(X W1 + b1) W2 + b2) > 0.5 exactly where XOR is 1."""
    W1, b1 = answer_tensor(W1, (2, 2), "W1"), answer_tensor(b1, (2,), "b1")
    W2, b2 = answer_tensor(W2, (2, 1), "W2"), answer_tensor(b2, (1,), "b2")
    wrong = wrong_points(_reference(POINTS, W1, b1, W2, b2), XOR)
    if wrong and not W1.equal(W1.T) and not wrong_points(_reference(POINTS, W1.T, b1, W2, b2), XOR):
        raise AnswerError(
            Say(
                ko="W1이 전치되어 있습니다. nn.Linear의 weight처럼 (은닉, 입력) 모양으로 적었습니다. 여기서 W1은 "
                "(입력, 은닉) 모양이라 j번째 열이 은닉 유닛 j로 들어가는 가중치입니다: W1.T를 넘기세요.",
                en="W1 is transposed: you wrote it as nn.Linear's weight, (hidden, inputs). Here W1 is (inputs, "
                "hidden), column j holding the weights into hidden unit j: pass W1.T",
            )
        )
    if wrong:
        raise AnswerError(
            Say(
                ko=f"틀린 점 (점: 확률, XOR 정답): {'; '.join(wrong)}. 힌트: XOR = AND(OR, NAND)입니다. "
                "W1의 첫 열과 b1[0]으로 OR을, 둘째 열과 b1[1]로 NAND를 만들고, "
                "출력층에서 두 은닉 유닛의 AND를 만드세요. 가중치를 10, "
                "20처럼 크게 잡으면 시그모이드가 0이나 1에 가까워집니다.",
                en=f"wrong points (point: probability, XOR label): {'; '.join(wrong)}. Hint: XOR = AND(OR, NAND). "
                "Make OR with W1's first column and b1[0], NAND with its second column and b1[1], "
                "and the AND of the two hidden units in the output layer. "
                "Large weights such as 10 or 20 push the sigmoids close to 0 or 1",
            )
        )
