"""The checkers of the speed lab: a battery of right and wrong answers (tests/exercises/conftest.py), and the
FLOP reference against FlopCounterMode."""

import numpy as np
import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import speed as ex
from tests.exercises.answers import cases, right, wrong
from tests.exercises.conftest import assert_right, guard_cases


def products(sizes, batch_size):
    return sum(2 * a * b for a, b in zip(sizes[:-1], sizes[1:])) * batch_size


def flops_with_numpy(sizes, batch_size):
    n_in, n_out = np.array(sizes[:-1]), np.array(sizes[1:])
    per_layer = 2 * n_in * n_out * batch_size * np.where(np.arange(len(n_in)) == 0, 2, 3)
    return per_layer.sum()  # a numpy integer


FLOPS = [
    right("the reference", ex.train_step_flops),
    right("a float", lambda sizes, batch: float(ex.train_step_flops(sizes, batch))),
    right("a 0-d tensor", lambda sizes, batch: torch.tensor(ex.train_step_flops(sizes, batch))),
    right("a one-element tensor", lambda sizes, batch: torch.tensor([ex.train_step_flops(sizes, batch)])),
    right("a numpy integer", flops_with_numpy),
    right("a 0-d numpy array", lambda sizes, batch: np.array(ex.train_step_flops(sizes, batch))),
    right(
        "3 products less the first input's",
        lambda sizes, batch: 3 * products(sizes, batch) - 2 * sizes[0] * sizes[1] * batch,
    ),
    wrong("forward only", products, "순전파만", "forward pass only"),
    wrong(
        "the first layer's input gradient too",
        lambda sizes, batch: 3 * products(sizes, batch),
        "첫 층 입력의 기울기",
        "first layer's input gradient",
    ),
    wrong("multiply-adds", lambda sizes, batch: ex.train_step_flops(sizes, batch) // 2, "곱셈-덧셈", "multiply-adds"),
    wrong(
        "per sample",
        lambda sizes, batch: ex.train_step_flops(sizes, 1),
        "배치 크기를 곱하세요",
        "multiply by the batch size",
    ),
    wrong(
        "biases counted",
        lambda sizes, batch: ex.train_step_flops(sizes, batch) + batch * sum(sizes[1:]),
        "편향",
        "bias additions",
    ),
    wrong(
        "batch size fixed at 100",
        lambda sizes, batch: ex.train_step_flops(sizes, 100),
        ["batch_size=8", "batch_size=100"],
        ["called with batch_size=8", "batch_size=100"],
    ),
    wrong(
        "the lab's 9-2 sizes typed in",
        lambda sizes, batch: ex.train_step_flops([784, 256, 256, 10], batch),
        ["sizes=[784, 256, 256, 10]", "인수 sizes"],
        ["sizes=[784, 256, 256, 10]", "use the argument sizes"],
    ),
    wrong(
        "off by one",
        lambda sizes, batch: ex.train_step_flops(sizes, batch) + 1,
        ["14,080이어야", "14,081"],
        ["expected 14,080, got 14,081"],
    ),
    wrong(
        "off by a fraction",
        lambda sizes, batch: ex.train_step_flops(sizes, batch) + 0.25,
        ["14,080.0", "14,080.2"],
        ["expected 14,080.0, got 14,080.2"],
    ),
    wrong("a list", lambda sizes, batch: [ex.train_step_flops(sizes, batch)] * 2, "숫자 하나", "one number"),
    wrong("a string", lambda sizes, batch: str(ex.train_step_flops(sizes, batch)), "str", "str"),
    wrong("nan", lambda sizes, batch: float("nan"), "nan", "nan"),
]


def speed_numpy(step_seconds, batch_size, warmup):
    timed = np.array(step_seconds[warmup:])
    return batch_size * timed.size / timed.sum()  # a numpy float


def speed_float32(step_seconds, batch_size, warmup):
    timed = torch.tensor(step_seconds[warmup:])  # float32
    return batch_size * len(timed) / timed.sum()


SPEED = [
    right("the reference", ex.samples_per_second),
    right("numpy float", speed_numpy),
    right("float32 tensor", speed_float32),
    right("batch over the mean time", lambda t, b, w: b / (sum(t[w:]) / len(t[w:]))),
    wrong("warm-up included", lambda t, b, w: b * len(t) / sum(t), "워밍업 스텝까지", "warm-up steps are included"),
    wrong("all steps counted", lambda t, b, w: b * len(t) / sum(t[w:]), "모든 스텝으로", "covers all steps"),
    wrong("steps per second", lambda t, b, w: len(t[w:]) / sum(t[w:]), "초당 스텝 수", "steps per second"),
    wrong("seconds per sample", lambda t, b, w: sum(t[w:]) / (b * len(t[w:])), "샘플 하나당 초", "seconds per sample"),
    wrong(
        "samples over the mean time",
        lambda t, b, w: b * len(t[w:]) / (sum(t[w:]) / len(t[w:])),
        "평균으로 나눴",
        "mean step time",
    ),
    wrong(
        "warm-up fixed at the lab's 10",
        lambda t, b, w: ex.samples_per_second(t, b, 10),
        ["warmup=1", "warmup=10"],
        ["called with warmup=1", "warmup=10"],
    ),
    wrong(
        "warm-up fixed at 1",
        lambda t, b, w: ex.samples_per_second(t, b, 1),
        ["warmup=3", "warmup=1"],
        ["called with warmup=3", "warmup=1"],
    ),
    wrong(
        "batch size fixed at 100",
        lambda t, b, w: ex.samples_per_second(t, 100, w),
        ["batch_size=64", "batch_size=100"],
        ["called with batch_size=64", "batch_size=100"],
    ),
    wrong("one off", lambda t, b, w: ex.samples_per_second(t, b, w) + 1, ["이어야 하는데"], ["expected"]),
    wrong(
        "a hair off",
        lambda t, b, w: ex.samples_per_second(t, b, w) * (1 + 1e-5),
        ["이어야 하는데"],
        ["expected"],
    ),
    wrong(
        "a tensor of many", lambda t, b, w: b / torch.tensor(t), ["값이 하나여야", "13"], ["single value", "13 values"]
    ),
    wrong("a string", lambda t, b, w: f"{ex.samples_per_second(t, b, w):.0f} samples/s", "str", "str"),
]

BATTERY = {
    "check_train_step_flops": [
        *cases(ex.check_train_step_flops, FLOPS),
        *guard_cases(ex.check_train_step_flops, ex.train_step_flops, 2),
    ],
    "check_samples_per_second": [
        *cases(ex.check_samples_per_second, SPEED),
        *guard_cases(ex.check_samples_per_second, ex.samples_per_second, 3),
    ],
}


@pytest.mark.parametrize("case", [case for battery in BATTERY.values() for case in battery], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_has_at_least_15_answers():
    assert all(len(battery) >= 15 for battery in BATTERY.values())


@pytest.mark.parametrize(("sizes", "batch_size"), [([784, 10], 100), ([784, 256, 256, 10], 100), ([9, 4, 4, 4, 2], 3)])
def test_the_flop_reference_is_what_flop_counter_mode_counts(sizes, batch_size):
    assert ex.train_step_flops(sizes, batch_size) == ex.counted_flops(sizes, batch_size)


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="forward pass only"):
        ex.check_train_step_flops(products)
    assert ex.check_samples_per_second(ex.samples_per_second)
