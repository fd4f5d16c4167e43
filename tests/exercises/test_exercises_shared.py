"""The checkers' shared vocabulary: one tolerance policy (Tolerance), one initialisation check (check_init), and
the guard around the learner's function (call) and around every checker (checker): nothing escapes."""

import math

import numpy as np
import pytest
import torch

from dnn_guide import exercises
from dnn_guide.errors import ExerciseError
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
    answer_number,
    call,
    check_init,
    checker,
    expect_close,
    hard_coded,
    init_stats,
    matches,
    name_the_mistake,
    unpack,
)
from tests.exercises.conftest import rejected

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
    want = torch.ones(3, dtype=torch.float64)
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


# --- the guard around the learner's function and around the checker ----------------------------------------

TITLE = Say(ko="연습 제목", en="exercise title")


@checker(TITLE, success=Say(ko="맞습니다", en="correct"))
def check_double(double) -> None:
    """A tiny checker: ``double(x)`` is 2x; it uses autograd for its reference, as several checkers do."""
    x = torch.tensor([-1.5, 0.0, 2.0], dtype=torch.float64)
    leaf = x.clone().requires_grad_()
    (2 * leaf).sum().backward()
    expect_close(call(double, x.clone()), x * leaf.grad, Say(ko="출력", en="the output"))


def texts(feedback) -> tuple[str, str]:
    return feedback.text("ko"), feedback.text("en")


def test_the_title_is_in_each_language():
    ko, en = texts(check_double(lambda x: 2 * x))
    assert ko.startswith("✅ 연습 제목: ") and en.startswith("✅ exercise title: ")


def test_right_answers_in_any_reasonable_form_pass():
    assert check_double(lambda x: 2 * x)
    assert check_double(lambda x: (2 * x).float())  # float32 against the float64 reference
    assert check_double(lambda x: (2 * x).numpy())  # a numpy array
    assert check_double(lambda x: (2 * x).requires_grad_())  # a tensor that requires grad
    with torch.no_grad():
        assert check_double(lambda x: 2 * x)  # the checker's autograd reference runs anyway
    with torch.inference_mode():
        assert check_double(lambda x: 2 * x)


@pytest.mark.parametrize(
    ("args", "ko", "en"),
    [
        ((), "check_double(double)", "call it as check_double(double)"),
        ((lambda x: 2 * x, 3), "check_double(double)", "got 2 arguments"),
        ((torch.nn.Linear(3, 3),), "모델(Linear)", "a model (Linear), not the function"),
        ((torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.ReLU()),), "모델(Sequential)", "not the function"),
        ((2.0,), "float", "not a float"),
        ((lambda: 0,), ["TypeError", "()"], ["with 1 argument raises TypeError", "it takes ()"]),
        ((lambda x, y: 2 * x,), ["TypeError", "(x, y)"], ["it takes (x, y)"]),
        ((lambda x: torch.empty(3, device="meta"),), "meta", "on device meta"),
        ((lambda x: 3 * x,), ["3개 중 2개", "[2]", "6인데 4여야"], ["2 of 3", "at [2]", "got 6, expected 4"]),
        ((lambda x: x.tolist(),), "list", "got a list"),
        ((lambda x: None,), "None", "return"),
        ((lambda x: 1 / 0,), "ZeroDivisionError", "ZeroDivisionError"),
    ],
)
def test_what_to_pass_and_what_differs_is_said(args, ko, en):
    rejected(check_double(*args), ko, en)


def test_no_exception_escapes_the_checker(monkeypatch):
    @checker(TITLE, success=Say(ko="맞습니다", en="correct"))
    def check_buggy(fn) -> None:
        call(fn, 1).shape  # noqa: B018  (a checker bug: an int has no shape)

    feedback = check_buggy(lambda x: x)
    rejected(feedback, ["AttributeError", "check_buggy(fn)"], ["could not check", "AttributeError"])
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError) as raised:
        check_buggy(lambda x: x)
    assert isinstance(raised.value.__cause__, AttributeError)


def test_a_function_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(exercises, "TIME_LIMIT_S", 0.2)

    def forever(x):
        while True:
            try:
                x = x + 0
            except Exception:  # a learner's catch-all does not swallow the stop
                pass

    rejected(check_double(forever), ["0.2초", "반복문"], ["longer than 0.2 s", "loop"])
    assert check_double(lambda x: 2 * x)  # the alarm is off again


def test_digits_are_added_until_got_and_expected_differ():
    want = torch.tensor([1.0, 2.0], dtype=torch.float64)
    message = said(lambda: expect_close(want + torch.tensor([0.0, 2e-5]), want, Say(ko="출력", en="out"), FLOAT64))
    assert "got 2.00002, expected 2" in message
    exact = Tolerance(0.0, 1e-12, "a test's")
    message = said(lambda: expect_close(want + torch.tensor([0.0, 3e-8]), want, Say(ko="출력", en="out"), exact))
    assert "got 2.00000003, expected 2" in message


def test_a_float32_answer_is_compared_within_float32s_tolerance():
    want = torch.tensor([1.0, 2.0], dtype=torch.float64)
    expect_close((want * (1 + 3e-6)).float(), want, Say(ko="출력", en="out"), FLOAT64)
    assert FLOAT64.fitting(torch.float32).rtol == FLOAT32.rtol and FLOAT64.fitting(torch.float64) == FLOAT64
    with pytest.raises(AnswerError):
        expect_close(want * (1 + 3e-6), want, Say(ko="출력", en="out"), FLOAT64)  # float64 gets no such slack


@pytest.mark.parametrize(
    "value", [0.25, np.float32(0.25), np.float64(0.25), np.array(0.25), np.array([0.25]), torch.tensor([[0.25]]), 0]
)
def test_answer_number_takes_any_form_of_one_number(value):
    assert answer_number(value, Say(ko="값", en="value")).item() == float(
        value if not hasattr(value, "sum") else value.sum()
    )


def test_answer_number_and_unpack_count_what_came_back():
    assert "got shape (2,) (2 values)" in said(lambda: answer_number(torch.ones(2), Say(ko="값", en="value")))
    assert "expected one number, got a str" in said(lambda: answer_number("1", Say(ko="값", en="value")))
    assert unpack([1, 2], ("w", "b")) == (1, 2)
    assert said(lambda: unpack((1, 2, 3), ("w", "b"))) == "return 2 values (w, b), got 3 values: e.g. return w, b"
    assert "got one Tensor" in said(lambda: unpack(torch.ones(2), ("w", "b")))


def test_hard_coded_names_the_argument_and_both_values():
    assert hard_coded("slope", 0.01, 0.2).en.startswith("called with slope=0.2, your answer is the one for slope=0.01")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device (on CPU: the meta-device case above)")
def test_a_cuda_result_is_read_like_a_cpu_one():
    from dnn_guide.exercises import mnist, optimizers, perceptron

    assert check_double(lambda x: (2 * x).cuda())
    assert perceptron.check_perceptron_forward(lambda X, w, b: perceptron.perceptron_forward(X, w, b).cuda())
    assert optimizers.check_adam_step(lambda *a: tuple(t.cuda() for t in optimizers.adam_step(*a)))
    assert mnist.check_cross_entropy(lambda z, y: mnist.cross_entropy(z.cuda(), y.cuda()))
    rejected(check_double(lambda x: (3 * x).cuda()), "3개 중 2개", "2 of 3")


def test_expect_close_names_a_mistake_only_when_the_answer_is_wrong():
    want = torch.tensor([1.0, 2.0], dtype=torch.float64)
    slip = Mistake(want * (1 + 1e-6), Say(ko="실수", en="the slip"))  # within FLOAT32 of the right answer
    expect_close(want, want, Say(ko="출력", en="out"), mistakes=[slip])  # right: no mistake named
    assert said(lambda: expect_close(-want, want, Say(ko="출력", en="out"), mistakes=[(-want, slip.say)])) == "the slip"
