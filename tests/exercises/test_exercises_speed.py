"""The checkers of the speed lab: the references pass, plausible mistakes are named in both languages."""

import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import speed as ex
from tests.exercises.conftest import rejected


def products(sizes, batch_size):
    return sum(2 * a * b for a, b in zip(sizes[:-1], sizes[1:])) * batch_size


def test_the_references_pass():
    assert ex.check_train_step_flops(ex.train_step_flops)
    assert ex.check_samples_per_second(ex.samples_per_second)


@pytest.mark.parametrize(("sizes", "batch_size"), [([784, 10], 100), ([784, 256, 256, 10], 100), ([9, 4, 4, 4, 2], 3)])
def test_the_flop_reference_is_what_flop_counter_mode_counts(sizes, batch_size):
    assert ex.train_step_flops(sizes, batch_size) == ex.counted_flops(sizes, batch_size)


def test_a_tensor_holding_the_number_is_accepted():
    assert ex.check_train_step_flops(lambda sizes, batch: torch.tensor(ex.train_step_flops(sizes, batch)))


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (products, "순전파만", "forward pass only"),
        (lambda sizes, batch: 3 * products(sizes, batch), "첫 층 입력의 기울기", "first layer's input gradient"),
        (lambda sizes, batch: ex.train_step_flops(sizes, batch) // 2, "곱셈-덧셈", "multiply-adds"),
        (lambda sizes, batch: ex.train_step_flops(sizes, 1), "배치 크기를 곱하세요", "multiply by the batch size"),
        (lambda sizes, batch: ex.train_step_flops(sizes, batch) + 1, "14,080이어야", "expected 14,080"),
        (lambda sizes, batch: [ex.train_step_flops(sizes, batch)], "숫자 하나", "one number"),
    ],
)
def test_flop_mistakes_are_named(answer, ko, en):
    rejected(ex.check_train_step_flops(answer), ko, en)


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda times, batch, warmup: batch * len(times) / sum(times), "워밍업 스텝까지", "warm-up steps are included"),
        (lambda times, batch, warmup: batch * len(times) / sum(times[warmup:]), "모든 스텝으로", "covers all steps"),
        (lambda times, batch, warmup: len(times[warmup:]) / sum(times[warmup:]), "초당 스텝 수", "steps per second"),
        (
            lambda times, batch, warmup: sum(times[warmup:]) / (batch * len(times[warmup:])),
            "샘플 하나당 초",
            "seconds per sample",
        ),
        (lambda times, batch, warmup: 1.0, "이어야 하는데", "expected"),
    ],
)
def test_throughput_mistakes_are_named(answer, ko, en):
    rejected(ex.check_samples_per_second(answer), ko, en)


def test_an_unfilled_template_gets_a_message():
    def template(*args):
        raise NotImplementedError

    rejected(ex.check_train_step_flops(template), "빈칸", "not written yet")
    rejected(ex.check_samples_per_second(template), "빈칸", "not written yet")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="forward pass only"):
        ex.check_train_step_flops(products)
    assert ex.check_samples_per_second(ex.samples_per_second)
