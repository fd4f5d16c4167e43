"""The checkers of lab 8-4: the reference passes, plausible mistakes are named in both languages."""

import pytest
import torch

from dnn_guide import backprop
from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import backprop as ex
from tests.exercises.conftest import rejected


def test_the_references_pass():
    assert ex.check_sigmoid_prime(backprop.sigmoid_prime)
    assert ex.check_sigmoid_prime(lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x)))
    assert ex.check_hidden_grads(ex.hidden_grads)


def test_the_reference_gradients_are_the_packages_backward():
    params = backprop.init_params(3, 4, 2, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    X, Y = torch.rand(6, 3, dtype=torch.float64), torch.eye(2, dtype=torch.float64)[[0, 1, 1, 0, 1, 0]]
    full = backprop.backward(params, X, Y, backprop.forward(params, X))
    d_w1, d_b1 = ex.hidden_grads(params, X, Y)
    torch.testing.assert_close(d_w1, full["w1"])
    torch.testing.assert_close(d_b1, full["b1"])


@pytest.mark.parametrize(
    ("fn", "ko", "en"),
    [
        (lambda x: x * (1 - x), "x(1 - x)", "x(1 - x)"),
        (lambda x: torch.sigmoid(x) * (1 - x), "1 - σ(x)", "1 - σ(x)"),
        (torch.sigmoid, "σ(x) 자체", "σ(x) itself"),
        (lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x)) * 2, "값이 다릅니다", "values differ"),
        (lambda x: float(x[0]), "텐서여야", "expected a tensor"),
    ],
)
def test_sigmoid_prime_mistakes_are_named(fn, ko, en):
    rejected(ex.check_sigmoid_prime(fn), ko, en)


def _grads(d_l1_of, bias_of=lambda d_l1: d_l1.sum(0)):
    """A learner's gradients whose d_l1 is d_l1_of(d_a1, cache) and d_b1 is bias_of(d_l1)."""

    def grads(params, X, Y):
        cache = backprop.forward(params, X)
        d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
        d_l1 = d_l1_of(d_l2 @ params["w2"].T, cache)
        return X.T @ d_l1, bias_of(d_l1)

    return grads


def _right(d_a1, cache):
    return d_a1 * backprop.sigmoid_prime(cache["l1"])


@pytest.mark.parametrize(
    ("grads", "ko", "en"),
    [
        (_grads(lambda d_a1, cache: d_a1), "σ'(l1)을 곱하는 단계가 빠졌습니다", "misses the factor σ'(l1)"),
        (_grads(lambda d_a1, c: d_a1 * backprop.sigmoid_prime(c["a1"])), "σ'을 a1에 적용", "σ' is applied to a1"),
        (_grads(_right, lambda d_l1: d_l1.mean(0)), "배치 평균", "batch mean"),
        (_grads(_right, lambda d_l1: d_l1), "d_l1.sum(0)", "sum over the batch (dim 0)"),
        (lambda params, X, Y: ex.hidden_grads(params, X, Y)[::-1], "순서가 바뀌었습니다", "order is swapped"),
        (lambda params, X, Y: ex.hidden_grads(params, X, Y)[0], "두 기울기", "return d_w1, d_b1"),
        (lambda params, X, Y: (X @ params["w1"], params["b1"]), "모양(shape)", "shape should be (4, 3)"),
    ],
)
def test_hidden_grads_mistakes_are_named(grads, ko, en):
    rejected(ex.check_hidden_grads(grads), ko, en)


def test_a_shape_error_inside_the_learners_code_is_reported():
    def transposed(params, X, Y):
        cache = backprop.forward(params, X)
        d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
        d_l1 = (d_l2 @ params["w2"]) * backprop.sigmoid_prime(cache["l1"])  # w2 instead of w2.T
        return X.T @ d_l1, d_l1.sum(0)

    rejected(ex.check_hidden_grads(transposed), "오류", "raised RuntimeError")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="batch mean"):
        ex.check_hidden_grads(_grads(_right, lambda d_l1: d_l1.mean(0)))
    assert ex.check_hidden_grads(ex.hidden_grads)
