"""The checkers of lab 8-1: the reference passes, plausible mistakes are named in both languages."""

import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import perceptron as ex
from tests.exercises.conftest import rejected


def test_the_references_pass():
    assert ex.check_perceptron_forward(ex.perceptron_forward)
    assert ex.check_bce_step(ex.bce_step)
    assert ex.check_nand_weights(torch.tensor([[-2.0], [-2.0]]), torch.tensor([3.0]))


def test_the_bce_step_reference_is_autograd_plus_sgd():
    g = torch.Generator().manual_seed(0)
    X, Y = torch.rand(4, 2, generator=g), torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    model = torch.nn.Linear(2, 1)
    w, b = model.weight.detach().T.clone(), model.bias.detach().clone()
    torch.nn.functional.binary_cross_entropy(torch.sigmoid(model(X)), Y).backward()
    torch.optim.SGD(model.parameters(), lr=0.3).step()
    new_w, new_b = ex.bce_step(X, Y, w, b, 0.3)
    torch.testing.assert_close(new_w, model.weight.detach().T)
    torch.testing.assert_close(new_b, model.bias.detach())


@pytest.mark.parametrize(
    ("forward", "ko", "en"),
    [
        (lambda X, w, b: X @ w + b, "시그모이드를 빠뜨렸습니다", "sigmoid is missing"),
        (lambda X, w, b: torch.sigmoid(X @ w), "편향 b를 빠뜨렸습니다", "bias b is missing"),
        (lambda X, w, b: (torch.sigmoid(X @ w + b) > 0.5).double(), "0.5 문턱", "0.5 threshold"),
        (lambda X, w, b: torch.sigmoid(X @ w + b).squeeze(1), "모양(shape)", "shape should be (6, 1)"),
    ],
)
def test_forward_mistakes_are_named(forward, ko, en):
    rejected(ex.check_perceptron_forward(forward), ko, en)


def _step_with(error_of):
    """A step whose dL/dz is error_of(p, Y, n); the bias gets the correct sum of it."""

    def step(X, Y, w, b, lr):
        error = error_of(torch.sigmoid(X @ w + b), Y, len(X))
        return w - lr * X.T @ error, b - lr * error.sum(0)

    return step


@pytest.mark.parametrize(
    ("step", "ko", "en"),
    [
        (_step_with(lambda p, Y, n: p - Y), "평균", "6 times too large"),
        (_step_with(lambda p, Y, n: (Y - p) / n), "기울기를 빼야", "subtract it"),
        (_step_with(lambda p, Y, n: (p - Y) * p * (1 - p) / n), "제곱 오차", "squared error"),
        (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, 1.0), "학습률", "learning rate"),
        (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, lr)[0], "두 개를", "return w_new, b_new"),
    ],
)
def test_bce_step_mistakes_are_named(step, ko, en):
    rejected(ex.check_bce_step(step), ko, en)


def test_a_per_point_bias_gradient_is_named():
    def step(X, Y, w, b, lr):
        error = (torch.sigmoid(X @ w + b) - Y) / len(X)
        return w - lr * X.T @ error, b - lr * error  # forgot .sum(0)

    rejected(ex.check_bce_step(step), "error.sum(0)", "sum its gradient over the points")


def test_an_unfilled_template_and_a_crash_get_a_message():
    def template(X, w, b):
        raise NotImplementedError

    rejected(ex.check_perceptron_forward(template), "빈칸", "not written yet")
    rejected(ex.check_perceptron_forward(lambda X, w, b: X @ w.T), "오류", "raised RuntimeError")
    rejected(
        ex.check_perceptron_forward(ex.perceptron_forward(torch.zeros(1, 2), torch.zeros(2, 1), 0)),
        "함수",
        "pass the function",
    )


@pytest.mark.parametrize(
    ("w", "b", "ko", "en"),
    [
        (torch.tensor([[2.0], [2.0]]), torch.tensor([-3.0]), "AND", "compute AND"),
        (torch.tensor([[-1.0], [-1.0]]), torch.tensor([0.5]), "(0,1): p=0.378", "(0,1): p=0.378"),
        (torch.tensor([0.0, 0.0]), torch.tensor([1.0]), "(2, 1)", "shape (2, 1)"),
        (torch.tensor([[0.0], [0.0]]), torch.tensor([0.0]), "(1,1): p=0.500", "wrong points"),
        ("w", torch.tensor([1.0]), "숫자 텐서", "tensor of numbers"),
    ],
)
def test_nand_mistakes_are_named(w, b, ko, en):
    rejected(ex.check_nand_weights(w, b), ko, en)


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="sigmoid is missing"):
        ex.check_perceptron_forward(lambda X, w, b: X @ w + b)
    assert ex.check_perceptron_forward(ex.perceptron_forward)
