"""The checkers' shared vocabulary: one tolerance policy (Tolerance) and one initialisation check (check_init)."""

import math

import pytest
import torch

from dnn_guide.exercises import (
    BOUND_SHORTFALL,
    FLOAT32,
    FLOAT64,
    INIT_Z,
    MISTAKE,
    AnswerError,
    Mistake,
    Say,
    Tolerance,
    check_init,
    expect_close,
    init_stats,
    matches,
    name_the_mistake,
)

OFF_CENTER, OFF_STD = Say(ko="평균", en="mean"), Say(ko="표준편차", en="std")
BEYOND, SHORT = Say(ko="넘음", en="beyond"), Say(ko="모자람", en="short")
NOT_NORMAL = Say(ko="정규 아님", en="not normal")
N = 32_000


def draw(kind: str, n: int = N, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, generator=g) if kind == "normal" else torch.rand(n, generator=g) * 2 - 1


def said(call) -> str:
    with pytest.raises(AnswerError) as wrong:
        call()
    return wrong.value.say.en


# --- the tolerance policy ---------------------------------------------------------------------------------


def test_every_named_tolerance_gives_its_reason():
    for tol in (FLOAT32, FLOAT64, MISTAKE):
        assert isinstance(tol, Tolerance) and tol.reason and 0 < tol.atol and 0 < tol.rtol < 1e-3
    assert FLOAT64.rtol < MISTAKE.rtol < FLOAT32.rtol  # tighter as the arithmetic gets more precise


def test_tolerance_close_compares_in_float64_elementwise():
    want = torch.tensor([1.0, 100.0], dtype=torch.float64)
    assert FLOAT32.close(want.float() * (1 + 5e-5), want)
    assert not FLOAT32.close(want * (1 + 5e-4), want)
    assert not FLOAT64.close(want * (1 + 5e-5), want)  # what float32 allows, float64 does not
    assert not FLOAT32.close(want[:1], want)  # another shape
    assert not FLOAT32.close(torch.tensor([math.nan, 100.0]), want)
    assert not FLOAT32.close([1.0, 100.0], want)  # a list is not an answer
    assert FLOAT32.close(0.5, torch.tensor(0.5)) and FLOAT32.close(3, 3.00001)  # numbers against numbers
    assert not FLOAT32.close(True, 1.0)


def test_matches_and_name_the_mistake_use_the_tolerance_they_are_given():
    want = torch.ones(3)
    slightly_off = want * (1 + 5e-5)  # within FLOAT32, outside MISTAKE
    assert not matches(slightly_off, want) and matches(slightly_off, want, FLOAT32)
    mistakes = [Mistake(want, Say(ko="실수", en="the slip"))]
    name_the_mistake(slightly_off, mistakes)  # not the slip within MISTAKE: no error
    assert said(lambda: name_the_mistake(slightly_off, mistakes, FLOAT32)) == "the slip"


def test_expect_close_takes_a_named_tolerance():
    want = torch.ones(2, dtype=torch.float64)
    expect_close(want * (1 + 5e-5), want, Say(ko="출력", en="the output"))  # FLOAT32 by default
    message = said(lambda: expect_close(want * (1 + 5e-5), want, Say(ko="출력", en="the output"), FLOAT64))
    assert message.startswith("the output: values differ")


# --- the initialisation check -------------------------------------------------------------------------


def test_init_stats_measure_mean_std_kurtosis_and_largest():
    stats = init_stats(draw("normal").reshape(160, 200))
    assert stats.n == N
    assert abs(stats.mean) < 0.02 and stats.std == pytest.approx(1, rel=0.02)
    assert stats.kurtosis == pytest.approx(3, abs=0.15) and stats.largest > 3.5
    assert init_stats(draw("uniform")).kurtosis == pytest.approx(1.8, abs=0.05)


@pytest.mark.parametrize("seed", range(20))
def test_right_draws_pass_for_any_seed(seed):
    for n in (2_560, N):
        normal = draw("normal", n, seed) * 0.1
        stats = check_init(normal, std=0.1, off_center=OFF_CENTER, off_std=OFF_STD, not_normal=NOT_NORMAL)
        assert stats.n == n
        a, uniform = 0.2, draw("uniform", n, seed) * 0.2
        bounded = dict(bound=a, beyond_bound=BEYOND, short_of_bound=SHORT)
        check_init(uniform, std=a / math.sqrt(3), off_center=OFF_CENTER, off_std=OFF_STD, **bounded)


def test_the_tolerance_is_a_number_of_standard_errors():
    stats = init_stats(draw("normal"))
    step = INIT_Z / math.sqrt(2 * (N - 1))  # the relative tolerance of the std for N values
    assert stats.std_is(stats.std * (1 + 0.9 * step)) and not stats.std_is(stats.std / (1 + 1.1 * step))
    assert stats.mean_is(stats.mean + 0.9 * INIT_Z * stats.std / math.sqrt(N))
    assert not stats.mean_is(stats.mean + 1.1 * INIT_Z * stats.std / math.sqrt(N))
    assert stats.reaches(stats.largest / (1 - 0.9 * BOUND_SHORTFALL))
    assert not stats.reaches(stats.largest / (1 - 1.1 * BOUND_SHORTFALL))


def check(values, **options):
    defaults = dict(std=1.0, off_center=OFF_CENTER, off_std=OFF_STD, not_normal=NOT_NORMAL)
    return said(lambda: check_init(values, **{**defaults, **options}))


def test_each_check_has_its_message_in_order():
    normal, uniform = draw("normal"), draw("uniform") * math.sqrt(3)  # both std 1
    assert check(normal + 0.05) == "mean"
    assert check(normal * 1.1) == "std"
    assert check(uniform) == "not normal"
    bounded = dict(bound=math.sqrt(3), beyond_bound=BEYOND, short_of_bound=SHORT, not_normal=None)
    assert check(normal, **bounded) == "beyond"
    assert check(uniform * 0.9, **bounded) == "short"
    assert check(uniform.clamp(-1, 1) * math.sqrt(3), **bounded) == "std"  # at the bound, too wide
    assert check(normal * 2 + 0.5) == "mean"  # the mean comes first, measured against the values' own spread


def test_a_slip_is_named_by_the_std_it_gives_and_messages_can_read_the_statistics():
    slips = [(0.75, Say(ko="3/4", en="three quarters")), (math.sqrt(2), lambda s: Say(ko="He", en=f"He {s.std:.2f}"))]
    assert check(draw("normal") * 0.75, slips=slips) == "three quarters"
    assert check(draw("normal") * math.sqrt(2), slips=slips) == "He 1.41"
    assert check(draw("normal") * 3, slips=slips) == "std"
    assert check(draw("normal") * 3, slips=slips, off_std=lambda s: Say(ko="", en=f"std {s.std:.1f}")) == "std 3.0"
