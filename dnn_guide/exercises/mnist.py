"""Exercises of the MNIST lab (9-1, 9-2): softmax cross-entropy by hand, and accuracy from logits."""

from __future__ import annotations

import torch
from torch.nn import functional as F

from . import FLOAT32, AnswerError, Say, call, checker, expect_close

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


def _scalar(value, what: Say, fix: Say) -> torch.Tensor:
    """``value`` as a 0-dim tensor, or an AnswerError saying that one number is wanted."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return torch.tensor(float(value))
    if not isinstance(value, torch.Tensor):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 숫자 하나(텐서)를 돌려줘야 하는데 {type(value).__name__}입니다.",
                en=f"{what.en}: expected one number (a tensor), got a {type(value).__name__}",
            )
        )
    if value.numel() != 1:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값이 하나여야 하는데 모양(shape)이 {tuple(value.shape)}입니다. {fix.ko}",
                en=f"{what.en}: expected a single value, got shape {tuple(value.shape)}: {fix.en}",
            )
        )
    return value.detach().reshape(()).to(device="cpu", dtype=torch.float64)


@checker(
    "9-1 cross-entropy",
    success=Say(
        ko="맞습니다. F.cross_entropy와 같은 값이고, 로짓이 수백이어도 nan 없이 계산됩니다.",
        en="correct: matches F.cross_entropy, also for logits in the hundreds (no nan)",
    ),
)
def check_cross_entropy(cross_entropy) -> None:
    """Check ``cross_entropy(logits, y)``: the batch mean of ``-log softmax(logits)[y]``, a scalar tensor."""
    g = torch.Generator().manual_seed(91)
    what = Say(ko="손실", en="the loss")
    mean_fix = Say(
        ko="샘플마다 손실을 구했다면 .mean()으로 배치 평균을 내세요.",
        en="if that is one loss per sample, take the batch mean with .mean()",
    )
    for scale in (2.0, 300.0):  # ordinary logits, then logits as large as 9-2's N(0, 1) network starts with
        logits = torch.randn(8, 10, generator=g) * scale
        y = torch.randint(0, 10, (8,), generator=g)
        want = F.cross_entropy(logits, y).double()
        got = _scalar(call(cross_entropy, logits.clone(), y.clone()), what, mean_fix)
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
        if _close(got.item(), -want.item()):
            raise AnswerError(
                Say(
                    ko="부호가 반대입니다. 교차 엔트로피는 정답 클래스 확률의 로그에 음수를 붙인 값(-log p)입니다.",
                    en="the sign is flipped: cross-entropy is minus the log-probability of the right class (-log p)",
                )
            )
        if _close(got.item(), want.item() * len(y)):
            raise AnswerError(
                Say(
                    ko="배치의 손실을 더했습니다. F.cross_entropy처럼 평균(.mean())을 내세요.",
                    en="you summed the losses of the batch: take the mean (.mean()), as F.cross_entropy does",
                )
            )
        expect_close(got, want, what)  # FLOAT32: float32 losses, both sides


@checker(
    "9-1 accuracy",
    success=Say(
        ko="맞습니다. 정사각형 로짓과 직사각형 로짓 모두에서 기준 구현과 같습니다.",
        en="correct: matches the reference on square and non-square logits",
    ),
)
def check_accuracy(accuracy) -> None:
    """Check ``accuracy(logits, y)``: the fraction (0 to 1) of rows whose arg-max is the label."""
    g = torch.Generator().manual_seed(92)
    what = Say(ko="정확도", en="the accuracy")
    mean_fix = Say(
        ko="맞힌 샘플을 표시한 텐서라면 .float().mean()으로 비율을 구하세요.",
        en="if that marks each right prediction, turn it into a fraction with .float().mean()",
    )
    for n in (10, 37):  # 10 x 10 logits: an arg-max over the wrong dimension has the labels' shape
        y = torch.randint(0, 10, (n,), generator=g)
        logits = torch.randn(n, 10, generator=g)
        logits[torch.arange(0, n, 2), y[::2]] += 3.0  # about half the rows right
        want = (logits.argmax(dim=1) == y).float().mean().item()
        got = _scalar(call(accuracy, logits.clone(), y.clone()), what, mean_fix).item()
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
        if n == 10 and _close(got, (logits.argmax(dim=0) == y).float().mean().item()):
            raise AnswerError(
                Say(
                    ko="argmax를 샘플 방향(dim=0)으로 구했습니다. 예측 클래스는 각 행에서 가장 큰 점수의 위치, "
                    "즉 logits.argmax(dim=1)입니다.",
                    en="you took the arg-max over the samples (dim=0): the predicted class is the position of "
                    "each row's largest score, logits.argmax(dim=1)",
                )
            )
        raise AnswerError(
            Say(
                ko=f"{what.ko}가 {got:.4f}인데 {want:.4f}여야 합니다. (logits.argmax(dim=1) == y)의 평균입니다.",
                en=f"{what.en} is {got:.4f}, expected {want:.4f}: the mean of (logits.argmax(dim=1) == y)",
            )
        )
