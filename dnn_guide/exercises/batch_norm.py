"""Exercises of the batch-normalization lab (9-6), checked against ``nn.BatchNorm1d`` itself.

Each checker calls the learner's function on fresh random batches, with ``eps`` and ``momentum`` varied
between calls (a value typed into the code instead of the argument is named), and compares it with what
``nn.BatchNorm1d`` computes: the train-mode forward, one update of the running statistics, the
eval-mode forward. Where a wrong answer matches a known slip (the unbiased variance where the
biased one belongs, the momentum on the wrong side, batch statistics in eval mode, no ``eps`` ...),
the message names that slip.
"""

from __future__ import annotations

import torch
from torch import nn

from . import (
    FLOAT32,
    AnswerError,
    Mistake,
    Say,
    call,
    checker,
    expect_close,
    hard_coded,
    matches,
    name_the_mistake,
    unpack,
)

__all__ = [
    "bn_eval_forward",
    "bn_train_forward",
    "check_bn_eval_forward",
    "check_bn_train_forward",
    "check_running_stats_update",
    "update_running_stats",
]

EPS = 1e-5  # nn.BatchNorm1d's default


# --- the reference answers ------------------------------------------------------------------------


def bn_train_forward(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """Batch norm in train mode: each column normalized by the batch's mean and biased variance."""
    mean = x.mean(dim=0)
    var = x.var(dim=0, unbiased=False)
    return gamma * (x - mean) / torch.sqrt(var + eps) + beta


def update_running_stats(
    running_mean: torch.Tensor, running_var: torch.Tensor, x: torch.Tensor, momentum: float = 0.1
) -> tuple[torch.Tensor, torch.Tensor]:
    """One train-mode step of the running statistics, PyTorch's way: ``(1 - m) * old + m * batch``."""
    new_mean = (1 - momentum) * running_mean + momentum * x.mean(dim=0)
    new_var = (1 - momentum) * running_var + momentum * x.var(dim=0, unbiased=True)
    return new_mean, new_var


def bn_eval_forward(
    x: torch.Tensor,
    running_mean: torch.Tensor,
    running_var: torch.Tensor,
    gamma: torch.Tensor,
    beta: torch.Tensor,
    eps: float = EPS,
) -> torch.Tensor:
    """Batch norm in eval mode: the running statistics from training, whatever the batch."""
    return gamma * (x - running_mean) / torch.sqrt(running_var + eps) + beta


# --- fresh inputs and nn.BatchNorm1d's answers ----------------------------------------------------


def _batch(seed: int, rows: int, columns: int) -> torch.Tensor:
    """A batch whose columns have their own means and scales; the last column is constant (variance 0), at 0: its
    mean is exact in any order of summation (at 1.5, nn.BatchNorm1d's mean is off by float32 rounding, which
    divided by √eps grows to 1e-5, float32's whole tolerance)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(rows, columns, generator=g) * (0.5 + 2 * torch.rand(columns, generator=g))
    x = x + 3 * torch.randn(columns, generator=g)
    x[:, -1] = 0.0
    return x


def _affine(seed: int, columns: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return 0.5 + torch.rand(columns, generator=g), torch.randn(columns, generator=g)


def _running(seed: int, columns: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Running statistics somewhere in training: neither the initial 0 and 1 nor the batch's own."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(columns, generator=g), 0.5 + 2 * torch.rand(columns, generator=g)


def _layer(gamma, beta, running_mean=None, running_var=None, momentum: float = 0.1, eps: float = EPS):
    bn = nn.BatchNorm1d(len(gamma), eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
        if running_mean is not None:
            bn.running_mean.copy_(running_mean)
            bn.running_var.copy_(running_var)
    return bn


def _not_finite_only_in(got, column: torch.Tensor) -> bool:
    """``got`` has nan/inf, all of them in the columns where ``column`` is true (variance 0 there)."""
    if not isinstance(got, torch.Tensor) or got.ndim != 2 or got.shape[1] != len(column):
        return False
    bad = ~torch.isfinite(got.detach())
    return bool(bad.any()) and not bool(bad[:, ~column].any())


def _slip(got, candidates: list[tuple[torch.Tensor, Say]], want: torch.Tensor) -> None:
    """Raise the message of the first known wrong answer that ``got`` matches: within :data:`FLOAT32`, as the
    answer itself (both are float32 arithmetic on the same batch, in the learner's order and nn.BatchNorm1d's).
    A wrong answer that these inputs cannot tell from ``want`` (eps outside the root, for a tiny eps) is skipped:
    a right answer is never named a mistake."""
    distinct = [Mistake(wrong, say) for wrong, say in candidates if not FLOAT32.close(wrong, want)]
    name_the_mistake(got, distinct, FLOAT32)


_NO_EPS = Say(
    ko="분산이 0인 열(마지막 열, 모든 값이 같음)에서 nan이나 inf가 나옵니다. 분모를 √(분산 + eps)로 해서 eps를 "
    "더하세요. eps는 바로 이런 0 나누기를 막으려고 있습니다.",
    en="the column with variance 0 (the last one: all values equal) gives nan or inf: divide by √(variance + eps); "
    "eps is there to prevent exactly this division by zero",
)
_NO_AFFINE = Say(
    ko="정규화까지는 맞지만 γ와 β를 적용하지 않았습니다. 마지막에 gamma * x_hat + beta를 돌려주세요.",
    en="the normalization is right but γ and β are missing: return gamma * x_hat + beta",
)
_NO_SQRT = Say(
    ko="분산으로 나눴습니다. 표준편차로 나눠야 하므로 torch.sqrt(var + eps)로 나누세요.",
    en="you divided by the variance; divide by the standard deviation, torch.sqrt(var + eps)",
)


def _eps_outside(x_centered, var, gamma, beta, eps):
    return gamma * x_centered / (torch.sqrt(var) + eps) + beta


_EPS_OUTSIDE = Say(
    ko="eps를 제곱근 밖에서 더했습니다. eps는 분산에 더한 뒤 제곱근을 씌웁니다: torch.sqrt(var + eps).",
    en="you added eps outside the square root; add it to the variance, then take the root: torch.sqrt(var + eps)",
)


#: (seed, batch size, eps) of the train-mode checker: eps on both sides of the batches' variances (0.25 to 6).
TRAIN_CASES = ((0, 8, EPS), (1, 5, 1e-3), (2, 32, 0.5))
#: (seed, batch size, eps) of the eval-mode checker: a batch of one sample included.
EVAL_CASES = ((5, 8, EPS), (6, 1, 0.1))
#: (seed, momentum) of the running-statistics checker: nn.BatchNorm1d's default 0.1, and another.
MOMENTUM_CASES = ((3, 0.1), (4, 0.3))
#: Values a learner may type instead of the argument: the defaults, and the checker's other values.
FIXED_EPS = (EPS, 1e-3, 0.5, 0.1)
FIXED_MOMENTUM = (0.1, 0.3, 0.01, 0.9)


# --- the checkers ---------------------------------------------------------------------------------


@checker(
    Say(ko="9-6 학습 모드의 배치 정규화", en="9-6 train-mode batch norm"),
    success=Say(
        ko="맞습니다. 세 배치(분산이 0인 열 포함)와 세 가지 eps에서 학습 모드의 nn.BatchNorm1d와 같습니다.",
        en="correct: matches nn.BatchNorm1d in train mode on 3 batches (a column of variance 0 included) and "
        "3 values of eps",
    ),
)
def check_bn_train_forward(bn_train_forward) -> None:
    """Check ``bn_train_forward(x, gamma, beta, eps)``: shape (N, C) in, (N, C) out, batch statistics."""
    for seed, rows, eps in TRAIN_CASES:
        x = _batch(seed, rows, 4)
        gamma, beta = _affine(seed + 10, 4)
        with torch.no_grad():
            want = _layer(gamma, beta, eps=eps).train()(x)
        got = call(bn_train_forward, x.clone(), gamma.clone(), beta.clone(), eps)
        mean, centered = x.mean(0), x - x.mean(0)
        biased, unbiased = x.var(0, unbiased=False), x.var(0, unbiased=True)
        if _not_finite_only_in(got, biased == 0):
            raise AnswerError(_NO_EPS)
        _slip(
            got,
            [
                (
                    gamma * centered / torch.sqrt(unbiased + eps) + beta,
                    Say(
                        ko="분산을 N−1로 나눴습니다(불편 분산, unbiased=True). 학습 모드의 정규화는 배치 자체의 분산, "
                        "즉 N으로 나눈 편향 분산을 씁니다: x.var(dim=0, unbiased=False).",
                        en="you divided the variance by N−1 (the unbiased variance, unbiased=True); train-mode "
                        "normalization uses the batch's own variance, divided by N: x.var(dim=0, unbiased=False)",
                    ),
                ),
                (centered / torch.sqrt(biased + eps), _NO_AFFINE),
                (gamma * centered / (biased + eps) + beta, _NO_SQRT),
                (_eps_outside(centered, biased, gamma, beta, eps), _EPS_OUTSIDE),
                (
                    beta * centered / torch.sqrt(biased + eps) + gamma,
                    Say(
                        ko="γ와 β가 뒤바뀌었습니다. γ(gamma)는 곱하고 β(beta)는 더합니다.",
                        en="γ and β are swapped: multiply by gamma, add beta",
                    ),
                ),
                (
                    gamma * (x - x.mean(1, keepdim=True)) / torch.sqrt(x.var(1, unbiased=False, keepdim=True) + eps)
                    + beta,
                    Say(
                        ko="통계를 행(샘플)마다 구했습니다. 배치 정규화는 유닛(열)마다 배치 축으로 구합니다: "
                        "x.mean(dim=0), x.var(dim=0, unbiased=False).",
                        en="you took the statistics per row (per sample); batch norm takes them per unit (column), "
                        "over the batch: x.mean(dim=0), x.var(dim=0, unbiased=False)",
                    ),
                ),
                (
                    gamma * (x - x.mean()) / torch.sqrt(x.var(unbiased=False) + eps) + beta,
                    Say(
                        ko="평균과 분산을 배치 전체(모든 열을 합쳐)에서 하나씩 구했습니다. 배치 정규화는 유닛(열)마다 "
                        "구합니다: x.mean(dim=0), x.var(dim=0, unbiased=False).",
                        en="you took one mean and one variance over the whole batch (all columns together); batch "
                        "norm takes them per unit (column): x.mean(dim=0), x.var(dim=0, unbiased=False)",
                    ),
                ),
                (
                    gamma * (x - mean) + beta,
                    Say(
                        ko="평균은 뺐지만 표준편차로 나누지 않았습니다. √(분산 + eps)로 나누세요.",
                        en="you subtracted the mean but did not divide by the standard deviation √(variance + eps)",
                    ),
                ),
                *[
                    (gamma * centered / torch.sqrt(biased + used) + beta, hard_coded("eps", used, eps))
                    for used in FIXED_EPS
                    if used != eps
                ],
            ],
            want,
        )
        expect_close(
            got,
            want,
            Say(ko=f"배치 크기 {rows}, eps={eps}의 출력", en=f"the output for a batch of {rows}, eps={eps}"),
        )


def _momentum_used(new: torch.Tensor, old: torch.Tensor, batch: torch.Tensor) -> float | None:
    """The weight ``m`` the answer gave the batch, if one ``m`` explains every unit: new = (1 − m)·old + m·batch."""
    if not isinstance(new, torch.Tensor) or new.shape != old.shape or not bool(torch.isfinite(new).all()):
        return None
    new, old, batch = (t.detach().double() for t in (new, old, batch))
    weights = (new - old) / (batch - old)
    m = weights.mean().item()
    return m if bool(((weights - m).abs() <= 1e-4).all()) else None


@checker(
    Say(ko="9-6 이동 통계", en="9-6 running statistics"),
    success=Say(
        ko="맞습니다. 모멘텀 0.1과 0.3에서 nn.BatchNorm1d가 갱신한 이동 평균·이동 분산과 같습니다.",
        en="correct: the same running mean and variance as nn.BatchNorm1d's update, for momentum 0.1 and 0.3",
    ),
)
def check_running_stats_update(update_running_stats) -> None:
    """Check ``update_running_stats(running_mean, running_var, x, momentum)`` → ``(new_mean, new_var)``."""
    for seed, momentum in MOMENTUM_CASES:
        x = _batch(seed, 6, 4)
        gamma, beta = _affine(seed + 10, 4)
        old_mean, old_var = _running(seed + 20, 4)
        bn = _layer(gamma, beta, old_mean, old_var, momentum).train()
        with torch.no_grad():
            bn(x)
        got = call(update_running_stats, old_mean.clone(), old_var.clone(), x.clone(), momentum)
        if isinstance(got, torch.Tensor) and got.shape == (2, 4):  # torch.stack([new_mean, new_var])
            got = tuple(got)
        new_mean, new_var = unpack(got, ("new_mean", "new_var"))
        mean, biased, unbiased = x.mean(0), x.var(0, unbiased=False), x.var(0, unbiased=True)
        if matches(new_mean, bn.running_var, FLOAT32) and matches(new_var, bn.running_mean, FLOAT32):
            raise AnswerError(
                Say(
                    ko="두 값의 순서가 바뀌었습니다. (새 이동 평균, 새 이동 분산) 순서로 돌려주세요: "
                    "return new_mean, new_var",
                    en="the two values are in the wrong order: return (new running mean, new running variance): "
                    "return new_mean, new_var",
                )
            )
        swapped = Say(
            ko=f"모멘텀의 방향이 반대입니다. PyTorch에서는 새 배치의 값에 momentum(여기서 {momentum})을 곱하고 이전 "
            "값에 (1 − momentum)을 곱합니다: (1 - momentum) * 이전 값 + momentum * 배치 값.",
            en=f"the momentum is on the wrong side: PyTorch weights the new batch's value by momentum (here "
            f"{momentum}) and the old value by 1 - momentum: (1 - momentum) * old + momentum * batch",
        )
        _slip(
            new_mean,
            [
                (momentum * old_mean + (1 - momentum) * mean, swapped),
                *[
                    ((1 - used) * old_mean + used * mean, hard_coded("momentum", used, momentum))
                    for used in FIXED_MOMENTUM
                    if used != momentum
                ],
            ],
            bn.running_mean,
        )
        used = _momentum_used(new_mean, old_mean, mean)
        if used is not None and abs(used - momentum) > 1e-4:
            raise AnswerError(
                Say(
                    ko=f"새 이동 평균이 (1 − m)·이전 값 + m·배치 평균 꼴이지만 m = {used:.4g}입니다. 이번 호출의 "
                    f"momentum은 {momentum}입니다. 넘겨받은 momentum을 쓰세요.",
                    en=f"the new running mean is (1 − m)·old + m·batch mean with m = {used:.4g}; this call's "
                    f"momentum is {momentum}: use the momentum argument",
                )
            )
        expect_close(new_mean, bn.running_mean, Say(ko="새 이동 평균", en="the new running mean"))
        biased_say = Say(
            ko="이동 분산에 N으로 나눈 편향 분산을 넣었습니다. PyTorch는 정규화에는 편향 분산을 쓰지만 이동 분산에는 "
            "N−1로 나눈 불편 분산을 넣습니다: x.var(dim=0, unbiased=True).",
            en="you put the biased variance (divided by N) into the running variance; PyTorch normalizes with the "
            "biased one but stores the unbiased one, divided by N−1: x.var(dim=0, unbiased=True)",
        )
        _slip(
            new_var,
            [
                ((1 - momentum) * old_var + momentum * biased, biased_say),
                (momentum * old_var + (1 - momentum) * unbiased, swapped),
                (
                    momentum * old_var + (1 - momentum) * biased,
                    Say(ko=swapped.ko + " " + biased_say.ko, en=swapped.en + "; and " + biased_say.en),
                ),
                *[
                    ((1 - used) * old_var + used * unbiased, hard_coded("momentum", used, momentum))
                    for used in FIXED_MOMENTUM
                    if used != momentum
                ],
            ],
            bn.running_var,
        )
        expect_close(new_var, bn.running_var, Say(ko="새 이동 분산", en="the new running variance"))


@checker(
    Say(ko="9-6 평가 모드의 배치 정규화", en="9-6 eval-mode batch norm"),
    success=Say(
        ko="맞습니다. 샘플 한 개짜리 배치와 두 가지 eps까지 평가 모드의 nn.BatchNorm1d와 같습니다.",
        en="correct: matches nn.BatchNorm1d in eval mode, a batch of one sample and two values of eps included",
    ),
)
def check_bn_eval_forward(bn_eval_forward) -> None:
    """Check ``bn_eval_forward(x, running_mean, running_var, gamma, beta, eps)``: running statistics only."""
    for seed, rows, eps in EVAL_CASES:
        x = _batch(seed, rows, 4)
        gamma, beta = _affine(seed + 10, 4)
        running_mean, running_var = _running(seed + 20, 4)
        running_var[-1] = 0.0  # a unit whose input never varied in training: eps keeps it finite
        with torch.no_grad():
            want = _layer(gamma, beta, running_mean, running_var, eps=eps).eval()(x)
        got = call(
            bn_eval_forward, x.clone(), running_mean.clone(), running_var.clone(), gamma.clone(), beta.clone(), eps
        )
        if _not_finite_only_in(got, running_var == 0):
            raise AnswerError(
                Say(
                    ko="이동 분산이 0인 유닛(마지막 열)에서 nan이나 inf가 나옵니다. √(running_var + eps)로 나누세요.",
                    en="the unit whose running variance is 0 (the last column) gives nan or inf: divide by "
                    "√(running_var + eps)",
                )
            )
        batch_statistics = Say(
            ko="배치의 평균과 분산으로 정규화했습니다. 평가 모드는 학습 중에 모아 둔 이동 평균(running_mean)과 이동 "
            "분산(running_var)을 씁니다. 그래야 같은 샘플의 출력이 함께 들어온 배치와 상관없이 같고, "
            "한 장만 넣어도 됩니다.",
            en="you normalized with the batch's mean and variance; eval mode uses the running mean and variance "
            "collected in training, so that a sample's output does not depend on its batch and one sample works",
        )
        if rows == 1 and isinstance(got, torch.Tensor) and got.shape == want.shape and not FLOAT32.close(got, want):
            if FLOAT32.close(got, beta.expand_as(got)) or not bool(torch.isfinite(got).all()):
                raise AnswerError(batch_statistics)
        centered = x - running_mean
        _slip(
            got,
            [
                (gamma * (x - x.mean(0)) / torch.sqrt(x.var(0, unbiased=False) + eps) + beta, batch_statistics),
                (centered / torch.sqrt(running_var + eps), _NO_AFFINE),
                (gamma * centered / (running_var + eps) + beta, _NO_SQRT),
                (_eps_outside(centered, running_var, gamma, beta, eps), _EPS_OUTSIDE),
                *[
                    (gamma * centered / torch.sqrt(running_var + used) + beta, hard_coded("eps", used, eps))
                    for used in FIXED_EPS
                    if used != eps
                ],
            ],
            want,
        )
        expect_close(
            got,
            want,
            Say(ko=f"배치 크기 {rows}, eps={eps}의 출력", en=f"the output for a batch of {rows}, eps={eps}"),
        )
