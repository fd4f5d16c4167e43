"""Exercises of the MNIST lab (9-1, 9-2): softmax cross-entropy by hand, and accuracy from logits."""

from __future__ import annotations

import torch
from torch.nn import functional as F

from . import FLOAT32, AnswerError, Say, answer_number, call, checker, expect_close, hard_coded

__all__ = ["accuracy", "check_accuracy", "check_cross_entropy", "cross_entropy"]


def cross_entropy(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Reference: mean over the batch of ``-log softmax(logits)[y]``, stable for large logits."""
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    return -log_probs[torch.arange(len(y)), y].mean()


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> float:
    """Reference: the fraction of rows whose arg-max over the classes is the label."""
    return (logits.argmax(dim=1) == y).float().mean().item()


def _close(a: float, b: float) -> bool:
    """The learner's float32 number is ``b`` (the reference's, or a known mistake's) within :data:`FLOAT32`."""
    return FLOAT32.close(a, b)


#: (batch size, logit scale) of each call: ordinary logits, then logits as large as 9-2's N(0, 1) network starts
#: with, in a batch of another size (a batch size typed into the function shows).
CE_CALLS = ((8, 2.0), (13, 300.0))


@checker(
    Say(ko="9-1 연습 1: 소프트맥스 교차 엔트로피", en="9-1 exercise 1: softmax cross-entropy by hand"),
    success=Say(
        ko="맞습니다. F.cross_entropy와 같은 값이고, 로짓이 수백이어도 nan 없이 계산됩니다.",
        en="correct: matches F.cross_entropy, also for logits in the hundreds (no nan)",
    ),
)
def check_cross_entropy(cross_entropy) -> None:
    """Check ``cross_entropy(logits, y)``: the batch mean of ``-log softmax(logits)[y]``, one number."""
    g = torch.Generator().manual_seed(91)
    mean_fix = Say(
        ko="샘플마다 손실을 구했다면 .mean()으로 배치 평균을 내세요.",
        en="if that is one loss per sample, take the batch mean with .mean()",
    )
    for n, scale in CE_CALLS:
        logits = torch.randn(n, 10, generator=g) * scale
        y = torch.randint(0, 10, (n,), generator=g)
        what = Say(ko=f"로짓 {n}×10(크기 약 {scale:g})의 손실", en=f"the loss of {n}×10 logits (scale about {scale:g})")
        want = F.cross_entropy(logits, y).double()
        got = answer_number(call(cross_entropy, logits.clone(), y.clone()), what, mean_fix)
        if not torch.isfinite(got):
            raise AnswerError(
                Say(
                    ko=f"로짓이 {logits.abs().max():.0f}까지 커지면 결과가 {got.item()}입니다. "
                    "exp가 넘치거나(overflow) "
                    "소프트맥스 확률이 0이 되어 log(0)이 됩니다. "
                    "각 행의 최댓값을 먼저 빼거나(logits - logits.max(dim=1, keepdim=True).values) "
                    "torch.logsumexp를 쓰세요.",
                    en=f"with logits up to {logits.abs().max():.0f} the result is {got.item()}: "
                    "exp overflows (or a softmax "
                    "probability underflows to 0 and log gives -inf); "
                    "subtract each row's maximum first (logits - logits.max(dim=1, keepdim=True).values) "
                    "or use torch.logsumexp",
                )
            )
        per_sample = F.cross_entropy(logits, y, reduction="none").double()
        mistakes = [
            (
                -want,
                Say(
                    ko="부호가 반대입니다. 교차 엔트로피는 정답 클래스 확률의 로그에 음수를 붙인 값(-log p)입니다.",
                    en="the sign is flipped: cross-entropy is minus the log-probability of the right class (-log p)",
                ),
            ),
            (
                want * n,
                Say(
                    ko="배치의 손실을 더했습니다. F.cross_entropy처럼 평균(.mean())을 내세요.",
                    en="you summed the losses of the batch: take the mean (.mean()), as F.cross_entropy does",
                ),
            ),
            (
                per_sample.sum() / 10,
                Say(
                    ko="클래스 수(10)로 나눴습니다. 평균은 샘플 수 len(y)에 대해 냅니다.",
                    en="you divided by the number of classes (10): the mean is over the samples, len(y)",
                ),
            ),
            (
                -torch.log_softmax(logits.double(), 1)[:, y].mean(),
                Say(
                    ko="logits[:, y]처럼 인덱싱하면 n×n 행렬이 됩니다. 행마다 정답 열 하나를 고르세요: "
                    "log_probs[torch.arange(len(y)), y].",
                    en="indexing as [:, y] picks an n×n matrix: pick one column per row, "
                    "log_probs[torch.arange(len(y)), y]",
                ),
            ),
        ]
        if n != CE_CALLS[0][0]:  # the first call's batch size typed into the function
            mistakes.append((per_sample.sum() / CE_CALLS[0][0], hard_coded("len(y)", CE_CALLS[0][0], n)))
        expect_close(got, want, what, mistakes=mistakes)  # FLOAT32: float32 losses, both sides


@checker(
    Say(ko="9-1 연습 2: 로짓에서 정확도 구하기", en="9-1 exercise 2: accuracy from logits"),
    success=Say(
        ko="맞습니다. 정사각형 로짓과 직사각형 로짓 모두에서 기준 구현과 같습니다.",
        en="correct: matches the reference on square and non-square logits",
    ),
)
def check_accuracy(accuracy) -> None:
    """Check ``accuracy(logits, y)``: the fraction (0 to 1) of rows whose arg-max is the label, one number."""
    g = torch.Generator().manual_seed(92)
    mean_fix = Say(
        ko="맞힌 샘플을 표시한 텐서라면 .float().mean()으로 비율을 구하세요.",
        en="if that marks each right prediction, turn it into a fraction with .float().mean()",
    )
    for n in (10, 37):  # 10 x 10 logits: an arg-max over the wrong dimension has the labels' shape
        what = Say(ko=f"로짓 {n}×10의 정확도", en=f"the accuracy on {n}×10 logits")
        y = torch.randint(0, 10, (n,), generator=g)
        logits = torch.randn(n, 10, generator=g)
        logits[torch.arange(0, n, 2), y[::2]] += 3.0  # about half the rows right
        hits = logits.argmax(dim=1) == y
        want = hits.float().mean().item()
        got = answer_number(call(accuracy, logits.clone(), y.clone()), what, mean_fix).item()
        if _close(got, want):
            continue
        if _close(got, want * n):
            raise AnswerError(
                Say(
                    ko=f"맞힌 개수({got:.0f})를 돌려줬습니다. 샘플 수로 나눠 0과 1 사이의 비율로 만드세요.",
                    en=f"you returned the number of right predictions ({got:.0f}): divide by the number of samples "
                    "to get a fraction between 0 and 1",
                )
            )
        if _close(got, want * 100):
            raise AnswerError(
                Say(
                    ko=f"백분율({got:g})을 돌려줬습니다. 100을 곱하지 말고 0과 1 사이의 비율을 돌려주세요.",
                    en=f"you returned a percentage ({got:g}): return the fraction between 0 and 1, not times 100",
                )
            )
        if n == 10 and _close(got, (logits.argmax(dim=0) == y).float().mean().item()):
            raise AnswerError(
                Say(
                    ko="argmax를 샘플 방향(dim=0)으로 구했습니다. 예측 클래스는 각 행에서 가장 큰 점수의 위치, "
                    "즉 logits.argmax(dim=1)입니다.",
                    en="you took the arg-max over the samples (dim=0): the predicted class is the position of "
                    "each row's largest score, logits.argmax(dim=1)",
                )
            )
        if n != 10 and _close(got, hits.sum().item() / 10):
            raise AnswerError(
                Say(
                    ko=f"맞힌 개수를 클래스 수(10)로 나눴습니다. 샘플 수 len(y) = {n}으로 나누세요.",
                    en=f"you divided the count of right predictions by the number of classes (10): divide by the "
                    f"number of samples, len(y) = {n}",
                )
            )
        if n != 10 and _close(got, hits[:10].float().mean().item()):
            raise AnswerError(hard_coded("len(y)", 10, n))
        raise AnswerError(
            Say(
                ko=f"{what.ko}가 {got:.4f}인데 {want:.4f}여야 합니다(맞힌 행 {int(hits.sum())}개 / {n}개). "
                "(logits.argmax(dim=1) == y)의 평균입니다.",
                en=f"{what.en} is {got:.4f}, expected {want:.4f} ({int(hits.sum())} of {n} rows right): the mean of "
                "(logits.argmax(dim=1) == y)",
            )
        )
