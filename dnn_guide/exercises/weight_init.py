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

from . import AnswerError, InitMessage, InitStats, Say, call, check_init, checker

__all__ = ["check_he_normal", "check_xavier_uniform", "expect_independent", "he_normal", "xavier_uniform"]

# (out_features, in_features) of the weights the checkers fill: fan_in and fan_out far apart.
SHAPES = ((128, 784), (10, 256), (64, 512))  # 2,560 values or more each
#: Numbers a learner may type for fan_in instead of reading it from ``weight.shape``: MNIST's 784 inputs, the
#: lab's hidden widths, and the checker's other shapes.
FIXED_FANS = (784, 512, 256, 64, 10)


def he_normal(weight: torch.Tensor) -> torch.Tensor:
    """Reference: N(0, 2 / fan_in), fan_in = in_features = ``weight.shape[1]``."""
    fan_in = weight.shape[1]
    return torch.randn(weight.shape) * math.sqrt(2 / fan_in)


def xavier_uniform(weight: torch.Tensor) -> torch.Tensor:
    """Reference: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), so that Var = 2 / (fan_in + fan_out)."""
    fan_out, fan_in = weight.shape
    a = math.sqrt(6 / (fan_in + fan_out))
    return (torch.rand(weight.shape) * 2 - 1) * a


def _layer(shape: tuple[int, int]) -> Say:
    fan_out, fan_in = shape
    return Say(ko=f"nn.Linear({fan_in}, {fan_out})의 가중치", en=f"weight of nn.Linear({fan_in}, {fan_out})")


def _draw(fn, shape: tuple[int, int], seed: int, draw_each: Say) -> torch.Tensor:
    """What ``fn`` returns for a fresh Linear's weight of ``shape``, checked: a finite tensor of that shape, new
    values (not the weight as nn.Linear made it), each drawn on its own (no repeated rows, columns or values)."""
    layer = _layer(shape)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        weight = nn.Linear(shape[1], shape[0]).weight
        as_made = weight.detach().clone()
        got = call(fn, weight)
    if not isinstance(got, torch.Tensor):
        hint = (
            Say(ko=" torch.randn이나 torch.rand로 텐서를 만드세요.", en=" make it with torch.randn or torch.rand.")
            if type(got).__module__ == "numpy"
            else Say(ko="", en="")
        )
        raise AnswerError(
            Say(
                ko=f"{layer.ko}: 텐서를 돌려줘야 하는데 {type(got).__name__}입니다.{hint.ko}",
                en=f"{layer.en}: expected a tensor, got a {type(got).__name__}.{hint.en}",
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
    if got.is_complex() or got.dtype == torch.bool:
        raise AnswerError(
            Say(
                ko=f"{layer.ko}: 실수 텐서여야 하는데 dtype이 {got.dtype}입니다.",
                en=f"{layer.en}: expected a tensor of real numbers, got dtype {got.dtype}",
            )
        )
    got = got.detach().to(device="cpu", dtype=torch.float64)
    if not bool(torch.isfinite(got).all()):
        raise AnswerError(
            Say(ko=f"{layer.ko}: nan이나 inf가 들어 있습니다.", en=f"{layer.en}: the result contains nan or inf")
        )
    if torch.equal(got, as_made.double()):
        raise AnswerError(
            Say(
                ko=f"{layer.ko}: 넘겨받은 weight를 nn.Linear가 만든 그대로(기본 초기화) 돌려줬습니다. 새 값을 뽑아 "
                "돌려주세요.",
                en=f"{layer.en}: you returned the weight as nn.Linear made it (its default init): draw new values "
                "and return them",
            )
        )
    expect_independent(got, layer, draw_each)
    return got


def _draw_each(function: str) -> Say:
    return Say(
        ko=f"값마다 따로 뽑으세요: {function}(weight.shape)처럼 weight와 같은 모양으로 한 번에 뽑습니다.",
        en=f"draw every value on its own: one draw of weight's whole shape, as {function}(weight.shape) does",
    )


def expect_independent(values: torch.Tensor, what: Say, draw_each: Say) -> None:
    """Initial weights drawn value by value: no row or column repeated across the whole weight, and no more than
    half of the values repeated (a right answer in float32 repeats almost none); else an :class:`AnswerError`
    that counts what repeats, and ``draw_each`` (how to draw)."""
    rows, columns = values.shape
    if rows > 1 and bool((values == values[:1]).all()):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: {rows}개 행이 모두 같습니다. {draw_each.ko}",
                en=f"{what.en}: all {rows} rows are the same; {draw_each.en}",
            )
        )
    if columns > 1 and bool((values == values[:, :1]).all()):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: {columns}개 열이 모두 같습니다. {draw_each.ko}",
                en=f"{what.en}: all {columns} columns are the same; {draw_each.en}",
            )
        )
    distinct = values.unique().numel()
    if distinct < values.numel() / 2:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값 {values.numel():,}개 가운데 서로 다른 값이 {distinct:,}개뿐입니다. {draw_each.ko}",
                en=f"{what.en}: only {distinct:,} distinct values among {values.numel():,}; {draw_each.en}",
            )
        )


def _off_center(layer: Say) -> Callable[[InitStats], Say]:
    return lambda stats: Say(
        ko=f"{layer.ko}: 평균이 {stats.mean:.4g}입니다. 초기 가중치는 0을 중심으로 퍼져야 합니다.",
        en=f"{layer.en}: the mean is {stats.mean:.4g}: initial weights must be centered at 0",
    )


def _all_positive(got: torch.Tensor, layer: Say, fix: Say) -> None:
    """Every value ≥ 0 (torch.rand unshifted, or abs): say so, with ``fix``."""
    if bool((got >= 0).all()):
        raise AnswerError(
            Say(
                ko=f"{layer.ko}: 모든 값이 0 이상입니다(평균 {got.mean().item():.4g}). 초기 가중치는 0을 중심으로 "
                f"퍼져야 합니다. {fix.ko}",
                en=f"{layer.en}: every value is ≥ 0 (mean {got.mean().item():.4g}); initial weights must be centered "
                f"at 0: {fix.en}",
            )
        )


def _fixed_fan(
    layer: Say, fan_in: int, fan_out: int, std_of: Callable[[int], float]
) -> list[tuple[float, InitMessage]]:
    """Slips of a fan_in typed as a number (:data:`FIXED_FANS`) instead of read from ``weight.shape``."""
    return [
        (
            std_of(fixed),
            Say(
                ko=f"{layer.ko}: fan_in을 weight.shape[1]에서 읽지 않고 숫자로 고정한 값(fan_in = {fixed})과 "
                f"같습니다. 이 가중치의 fan_in은 {fan_in}입니다. fan_in = weight.shape[1]로 쓰세요.",
                en=f"{layer.en}: it matches fan_in fixed at {fixed} instead of read from weight.shape[1]; this "
                f"weight's fan_in is {fan_in}: use fan_in = weight.shape[1]",
            ),
        )
        for fixed in FIXED_FANS
        if fixed not in (fan_in, fan_out)
    ]


def _not_normal(layer: Say) -> Callable[[InitStats], Say]:
    return lambda stats: _not_normal_say(layer, stats)


def _not_normal_say(layer: Say, stats: InitStats) -> Say:
    looks = (
        Say(ko="균등분포처럼 퍼져 있습니다", en="spread as in a uniform distribution")
        if abs(stats.kurtosis - 1.8) < 0.3
        else Say(ko="정규분포처럼 퍼져 있지 않습니다", en="not spread as a normal distribution")
    )
    return Say(
        ko=f"{layer.ko}: 표준편차는 맞지만 값이 {looks.ko}(첨도 {stats.kurtosis:.2f}, 정규분포는 3). "
        "이 연습은 정규분포(torch.randn)에서 뽑습니다.",
        en=f"{layer.en}: the std is right, but the values are {looks.en} (kurtosis {stats.kurtosis:.2f}; a "
        "normal's is 3): this exercise draws from the normal (torch.randn)",
    )


@checker(
    Say(ko="9-3 He 초기화", en="9-3 He init"),
    success=Say(
        ko="맞습니다. 세 가지 모양에서 평균 0, 표준편차 √(2/fan_in)인 정규분포입니다.",
        en="correct: mean 0, std √(2/fan_in), normal, for three shapes",
    ),
)
def check_he_normal(he_normal) -> None:
    """Check ``he_normal(weight)``: a new tensor of ``weight``'s shape drawn from N(0, 2 / fan_in)."""
    for seed, shape in enumerate(SHAPES):
        got = _draw(he_normal, shape, seed, _draw_each("torch.randn"))
        layer = _layer(shape)
        _all_positive(got, layer, Say(ko="torch.randn을 쓰세요.", en="use torch.randn"))
        fan_out, fan_in = shape
        want = math.sqrt(2 / fan_in)

        def std_is(stats: InitStats, hint: Say, layer=layer, want=want) -> Say:
            return Say(
                ko=f"{layer.ko}: 표준편차가 {stats.std:.4f}인데 √(2/fan_in) = {want:.4f}여야 합니다. {hint.ko}",
                en=f"{layer.en}: the std is {stats.std:.4f}, expected √(2/fan_in) = {want:.4f}: {hint.en}",
            )

        def slip(hint: Say, std_of_slip: float, std_is=std_is):
            return std_of_slip, lambda stats: std_is(stats, hint)

        slips = [
            slip(
                Say(
                    ko="fan_out(weight.shape[0])을 썼습니다. He 초기화는 입력 수 fan_in = weight.shape[1]로 나눕니다.",
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
            slip(
                Say(
                    ko="분산 2/(fan_in + fan_out)은 Xavier 초기화입니다. He는 fan_in만 씁니다: 2/fan_in.",
                    en="variance 2/(fan_in + fan_out) is Xavier's init; He uses fan_in only: 2/fan_in",
                ),
                math.sqrt(2 / (fan_in + fan_out)),
            ),
            *_fixed_fan(layer, fan_in, fan_out, lambda fixed: math.sqrt(2 / fixed)),
        ]
        check_init(
            got,
            std=want,
            off_center=_off_center(layer),
            slips=slips,
            off_std=lambda stats, std_is=std_is: std_is(
                stats,
                Say(
                    ko="torch.randn(weight.shape) * math.sqrt(2 / fan_in) 꼴입니다.",
                    en="it is torch.randn(weight.shape) * math.sqrt(2 / fan_in)",
                ),
            ),
            not_normal=_not_normal(layer),
        )


def _bound_slips(fan_in: int, fan_out: int) -> list[tuple[float, Say]]:
    """Bounds of plausible Xavier slips, each with what the learner is told (the right bound is √(6/(in+out)))."""
    a = math.sqrt(6 / (fan_in + fan_out))
    return [
        (
            math.sqrt(2 / (fan_in + fan_out)),
            Say(
                ko="표준편차 √(2/(fan_in+fan_out))를 경계로 썼습니다. U(-a, a)의 표준편차는 a/√3이므로 경계는 그 √3배, "
                "√(6/(fan_in+fan_out))입니다.",
                en="you used the std √(2/(fan_in+fan_out)) as the bound; U(-a, a) has std a/√3, so the bound is √3 "
                "times that: √(6/(fan_in+fan_out))",
            ),
        ),
        (
            a / 2,
            Say(
                ko="경계가 a의 절반입니다. torch.rand(...) - 0.5는 (-0.5, 0.5)에 있으므로 "
                "(torch.rand(...) * 2 - 1) * a로 (-a, a)에 옮기세요.",
                en="the bound is half of a: torch.rand(...) - 0.5 lies in (-0.5, 0.5); map it to (-a, a) with "
                "(torch.rand(...) * 2 - 1) * a",
            ),
        ),
        (
            math.sqrt(6 / fan_in),
            Say(
                ko="경계가 √(6/fan_in)입니다. Xavier는 fan_in과 fan_out을 모두 씁니다: √(6/(fan_in+fan_out)).",
                en="the bound is √(6/fan_in); Xavier uses both fan_in and fan_out: √(6/(fan_in+fan_out))",
            ),
        ),
        (
            math.sqrt(6 / fan_out),
            Say(
                ko="경계가 √(6/fan_out)입니다. Xavier는 fan_in과 fan_out을 모두 씁니다: √(6/(fan_in+fan_out)).",
                en="the bound is √(6/fan_out); Xavier uses both fan_in and fan_out: √(6/(fan_in+fan_out))",
            ),
        ),
    ]


@checker(
    Say(ko="9-3 Xavier 초기화", en="9-3 Xavier init"),
    success=Say(
        ko="맞습니다. 세 가지 모양에서 U(-a, a), a = √(6/(fan_in+fan_out))입니다.",
        en="correct: U(-a, a) with a = √(6/(fan_in+fan_out)) for three shapes",
    ),
)
def check_xavier_uniform(xavier_uniform) -> None:
    """Check ``xavier_uniform(weight)``: a new tensor of ``weight``'s shape from U(-a, a), a = √(6/(in+out))."""
    for seed, shape in enumerate(SHAPES):
        got = _draw(xavier_uniform, shape, 10 + seed, _draw_each("torch.rand"))
        layer = _layer(shape)
        _all_positive(
            got,
            layer,
            Say(
                ko="torch.rand는 [0, 1)에서 뽑으므로 (torch.rand(...) * 2 - 1) * a로 (-a, a)에 옮기세요.",
                en="torch.rand draws from [0, 1); map it to (-a, a) with (torch.rand(...) * 2 - 1) * a",
            ),
        )
        fan_out, fan_in = shape
        a = math.sqrt(6 / (fan_in + fan_out))

        def bound_hint(stats: InitStats, fan_in=fan_in, fan_out=fan_out) -> Say:
            """What the largest |value| says: a normal's tail, a known slip's bound, or nothing more."""
            if stats.kurtosis_is_normal():
                return Say(
                    ko="값이 정규분포처럼 퍼져 있습니다. Xavier 균등 초기화는 U(-a, a)에서 뽑습니다(torch.randn이 "
                    "아니라 torch.rand).",
                    en="the values spread as a normal distribution's: Xavier uniform draws from U(-a, a) "
                    "(torch.rand, not torch.randn)",
                )
            for bound, say in _bound_slips(fan_in, fan_out):
                if stats.reaches(bound) and stats.within(bound):
                    return say
            return Say(ko="a = √(6/(fan_in+fan_out))입니다.", en="a = √(6/(fan_in+fan_out))")

        def beyond_bound(stats: InitStats, layer=layer, a=a, bound_hint=bound_hint) -> Say:
            hint = bound_hint(stats)
            return Say(
                ko=f"{layer.ko}: 가장 큰 |값|이 {stats.largest:.4f}로 경계 a = √(6/(fan_in+fan_out)) = {a:.4f}보다 "
                f"큽니다. {hint.ko}",
                en=f"{layer.en}: the largest |value| is {stats.largest:.4f}, beyond the bound "
                f"a = √(6/(fan_in+fan_out)) = {a:.4f}: {hint.en}",
            )

        def short_of_bound(stats: InitStats, layer=layer, a=a, bound_hint=bound_hint) -> Say:
            hint = bound_hint(stats)
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
            off_center=_off_center(layer),
            bound=a,
            beyond_bound=beyond_bound,
            short_of_bound=short_of_bound,
            off_std=off_std,
        )
