"""Exercises of the weight-initialization lab (9-3): He and Xavier initialization by hand.

Each exercise takes a ``nn.Linear``'s weight, shape ``(out_features, in_features)``, and returns a new
tensor of that shape. The checkers draw with torch's global generator seeded inside
``torch.random.fork_rng`` (the same numbers on every run; the caller's random state is left alone) and
compare statistics with the formulas through :func:`~dnn_guide.exercises.check_init`, whose tolerance (a
few standard errors for the number of values drawn) a right answer meets with a wide margin.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import nn

from . import AnswerError, InitStats, Say, call, check_init, checker

__all__ = ["check_he_normal", "check_xavier_uniform", "he_normal", "xavier_uniform"]

# (out_features, in_features) of the weights the checkers fill: fan_in and fan_out far apart.
SHAPES = ((256, 784), (10, 256), (64, 512))  # 2,560 values or more each


def he_normal(weight: torch.Tensor) -> torch.Tensor:
    """Reference: N(0, 2 / fan_in), fan_in = in_features = ``weight.shape[1]``."""
    fan_in = weight.shape[1]
    return torch.randn(weight.shape) * math.sqrt(2 / fan_in)


def xavier_uniform(weight: torch.Tensor) -> torch.Tensor:
    """Reference: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), so that Var = 2 / (fan_in + fan_out)."""
    fan_out, fan_in = weight.shape
    a = math.sqrt(6 / (fan_in + fan_out))
    return (torch.rand(weight.shape) * 2 - 1) * a


def _draw(fn, shape: tuple[int, int], seed: int) -> torch.Tensor:
    """What ``fn`` returns for a fresh Linear's weight of ``shape``, checked: a finite tensor of that shape."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        weight = nn.Linear(shape[1], shape[0]).weight
        got = call(fn, weight)
    if not isinstance(got, torch.Tensor):
        raise AnswerError(
            Say(
                ko=f"텐서를 돌려줘야 하는데 {type(got).__name__}입니다.",
                en=f"expected a tensor, got a {type(got).__name__}",
            )
        )
    if tuple(got.shape) != shape:
        flipped = tuple(got.shape) == shape[::-1]
        hint = (
            Say(
                ko=" nn.Linear는 가중치를 (out_features, in_features)로 저장합니다. weight.shape를 그대로 쓰세요.",
                en=" nn.Linear stores its weight as (out_features, in_features): use weight.shape as it is.",
            )
            if flipped
            else Say(ko=" weight.shape와 같은 모양으로 만드세요.", en=" make it the shape of weight.shape.")
        )
        raise AnswerError(
            Say(
                ko=f"nn.Linear({shape[1]}, {shape[0]})의 가중치는 모양(shape)이 {shape}인데, 돌려준 텐서의 "
                f"모양은 {tuple(got.shape)}입니다.{hint.ko}",
                en=f"the weight of nn.Linear({shape[1]}, {shape[0]}) has shape {shape}, you returned "
                f"{tuple(got.shape)}.{hint.en}",
            )
        )
    got = got.detach().to(device="cpu", dtype=torch.float64)
    if not bool(torch.isfinite(got).all()):
        raise AnswerError(Say(ko="nan이나 inf가 들어 있습니다.", en="the result contains nan or inf"))
    return got


def _off_center(fix: Say) -> Callable[[InitStats], Say]:
    return lambda stats: Say(
        ko=f"평균이 {stats.mean:.4g}입니다. 초기 가중치는 0을 중심으로 퍼져야 합니다. {fix.ko}",
        en=f"the mean is {stats.mean:.4g}: initial weights must be centered at 0; {fix.en}",
    )


@checker(
    "9-3 He init",
    success=Say(
        ko="맞습니다. 세 가지 모양에서 평균 0, 표준편차 √(2/fan_in)인 정규분포입니다.",
        en="correct: mean 0, std √(2/fan_in), normal, for three shapes",
    ),
)
def check_he_normal(he_normal) -> None:
    """Check ``he_normal(weight)``: a new tensor of ``weight``'s shape drawn from N(0, 2 / fan_in)."""
    for seed, shape in enumerate(SHAPES):
        got = _draw(he_normal, shape, seed)
        fan_out, fan_in = shape
        want = math.sqrt(2 / fan_in)

        def off_std(stats: InitStats, fan_in=fan_in, fan_out=fan_out, want=want) -> Say:
            return Say(
                ko=f"nn.Linear({fan_in}, {fan_out})의 가중치: 표준편차가 {stats.std:.4f}인데 "
                f"√(2/fan_in) = {want:.4f}여야 합니다. torch.randn(weight.shape) * math.sqrt(2 / fan_in) 꼴입니다.",
                en=f"weight of nn.Linear({fan_in}, {fan_out}): the std is {stats.std:.4f}, expected √(2/fan_in) = "
                f"{want:.4f}: it is torch.randn(weight.shape) * math.sqrt(2 / fan_in)",
            )

        def slip(hint: Say, std_of_slip: float, fan_in=fan_in, fan_out=fan_out, want=want):
            return std_of_slip, lambda stats: Say(
                ko=f"nn.Linear({fan_in}, {fan_out})의 가중치: 표준편차가 {stats.std:.4f}인데 "
                f"√(2/fan_in) = {want:.4f}여야 합니다. {hint.ko}",
                en=f"weight of nn.Linear({fan_in}, {fan_out}): the std is {stats.std:.4f}, expected "
                f"√(2/fan_in) = {want:.4f}: {hint.en}",
            )

        check_init(
            got,
            std=want,
            off_center=_off_center(Say(ko="torch.randn을 쓰세요.", en="use torch.randn")),
            slips=[
                slip(
                    Say(
                        ko="fan_out(weight.shape[0])을 썼습니다. He 초기화는 입력 수 fan_in = weight.shape[1]로 "
                        "나눕니다.",
                        en="you used fan_out (weight.shape[0]); He divides by the number of inputs, "
                        "fan_in = weight.shape[1]",
                    ),
                    math.sqrt(2 / fan_out),
                ),
                slip(
                    Say(
                        ko="분산 2/fan_in을 표준편차로 썼습니다. 제곱근을 씌우세요(math.sqrt).",
                        en="you used the variance 2/fan_in as the std: take its square root (math.sqrt)",
                    ),
                    2 / fan_in,
                ),
                slip(
                    Say(
                        ko="분산 1/fan_in은 LeCun 초기화입니다. He는 ReLU가 버리는 절반을 메우려고 2/fan_in을 씁니다.",
                        en="variance 1/fan_in is LeCun's init; He uses 2/fan_in to make up for the half ReLU zeroes",
                    ),
                    math.sqrt(1 / fan_in),
                ),
            ],
            off_std=off_std,
            not_normal=lambda stats: Say(
                ko=f"표준편차는 맞지만 값이 균등분포처럼 퍼져 있습니다(첨도 {stats.kurtosis:.2f}, 정규분포는 3). "
                "이 연습은 정규분포(torch.randn)입니다.",
                en=f"the std is right, but the values spread as in a uniform distribution (kurtosis "
                f"{stats.kurtosis:.2f}; a normal's is 3): this exercise draws from the normal (torch.randn)",
            ),
        )


@checker(
    "9-3 Xavier init",
    success=Say(
        ko="맞습니다. 세 가지 모양에서 U(-a, a), a = √(6/(fan_in+fan_out))입니다.",
        en="correct: U(-a, a) with a = √(6/(fan_in+fan_out)) for three shapes",
    ),
)
def check_xavier_uniform(xavier_uniform) -> None:
    """Check ``xavier_uniform(weight)``: a new tensor of ``weight``'s shape from U(-a, a), a = √(6/(in+out))."""
    for seed, shape in enumerate(SHAPES):
        got = _draw(xavier_uniform, shape, 10 + seed)
        fan_out, fan_in = shape
        a = math.sqrt(6 / (fan_in + fan_out))
        layer = Say(ko=f"nn.Linear({fan_in}, {fan_out})의 가중치", en=f"weight of nn.Linear({fan_in}, {fan_out})")

        def beyond_bound(stats: InitStats, layer=layer, a=a) -> Say:
            return Say(
                ko=f"{layer.ko}: 가장 큰 |값|은 {stats.largest:.4f}이고, 경계 a = √(6/(fan_in+fan_out)) = {a:.4f}보다 "
                "큽니다. Xavier 균등 초기화는 U(-a, a)에서 뽑습니다(torch.randn이 아니라 torch.rand).",
                en=f"{layer.en}: the largest |value| is {stats.largest:.4f}, beyond the bound "
                f"a = √(6/(fan_in+fan_out)) = {a:.4f}: Xavier uniform draws from U(-a, a) (torch.rand, "
                "not torch.randn)",
            )

        def short_of_bound(stats: InitStats, layer=layer, a=a, fan_in=fan_in, fan_out=fan_out) -> Say:
            std_as_bound = math.sqrt(2 / (fan_in + fan_out))
            hint = (
                Say(
                    ko="표준편차 √(2/(fan_in+fan_out))를 경계로 썼습니다. U(-a, a)의 표준편차는 a/√3이므로 "
                    "경계는 그 √3배, √(6/(fan_in+fan_out))입니다.",
                    en="you used the std √(2/(fan_in+fan_out)) as the bound; U(-a, a) has std a/√3, so the "
                    "bound is √3 times that: √(6/(fan_in+fan_out))",
                )
                if stats.reaches(std_as_bound) and stats.within(std_as_bound)
                else Say(ko="a = √(6/(fan_in+fan_out))입니다.", en="a = √(6/(fan_in+fan_out))")
            )
            return Say(
                ko=f"{layer.ko}: 가장 큰 |값|이 {stats.largest:.4f}인데 경계 a = {a:.4f}에 가까워야 합니다. {hint.ko}",
                en=f"{layer.en}: the largest |value| is {stats.largest:.4f}, it should come close to the bound "
                f"a = {a:.4f}: {hint.en}",
            )

        def off_std(stats: InitStats, layer=layer, a=a) -> Say:
            return Say(
                ko=f"{layer.ko}: 경계는 맞지만 표준편차가 {stats.std:.4f}입니다. 균등분포라면 a/√3 = "
                f"{a / math.sqrt(3):.4f}여야 합니다. (-a, a) 안에서 고르게 뽑으세요.",
                en=f"{layer.en}: the bound is right but the std is {stats.std:.4f}, not a uniform's "
                f"a/√3 = {a / math.sqrt(3):.4f}: draw evenly within (-a, a)",
            )

        check_init(
            got,
            std=a / math.sqrt(3),
            off_center=_off_center(
                Say(
                    ko="torch.rand는 [0, 1)에서 뽑으므로 (torch.rand(...) * 2 - 1) * a로 (-a, a)에 옮기세요.",
                    en="torch.rand draws from [0, 1): map it to (-a, a) with (torch.rand(...) * 2 - 1) * a",
                )
            ),
            bound=a,
            beyond_bound=beyond_bound,
            short_of_bound=short_of_bound,
            off_std=off_std,
        )
