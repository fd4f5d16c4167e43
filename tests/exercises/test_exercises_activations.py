"""The checkers of the activation-function lab: the references pass, plausible mistakes are named in both languages."""

import pytest
import torch
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import activations as ex
from tests.exercises.conftest import rejected


def test_the_references_pass():
    assert ex.check_relu_grad(ex.relu_grad)
    assert ex.check_sigmoid_grad(ex.sigmoid_grad)
    assert ex.check_leaky_relu(ex.leaky_relu)


def test_the_references_agree_with_autograd_and_torch():
    x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
    (relu_slope,) = torch.autograd.grad(torch.relu(x).sum(), x)
    (sigmoid_slope,) = torch.autograd.grad(torch.sigmoid(x).sum(), x)
    torch.testing.assert_close(ex.relu_grad(x.detach()), relu_slope)
    torch.testing.assert_close(ex.sigmoid_grad(x.detach()), sigmoid_slope)
    torch.testing.assert_close(ex.leaky_relu(x.detach(), 0.1), F.leaky_relu(x.detach(), 0.1))
    assert ex.sigmoid_grad(torch.tensor(0.0)).item() == 0.25


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda x: (x >= 0).float(), "x = 0에서 1", "at x = 0 your derivative is 1"),
        (lambda x: x > 0, "실수 텐서", "floating-point"),
        (torch.relu, "ReLU 자체", "ReLU itself"),
        (lambda x: (x > 0).float()[:2], "모양(shape)", "shape should be (4, 6)"),
        (lambda x: 2 * (x > 0).float(), "값이 다릅니다", "values differ"),
    ],
)
def test_relu_grad_mistakes_are_named(answer, ko, en):
    rejected(ex.check_relu_grad(answer), ko, en)


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda x: x * (1 - x), "x(1 - x)를 계산", "you computed x(1 - x)"),
        (torch.sigmoid, "σ(x) 자체", "σ(x) itself"),
        (lambda x: torch.sigmoid(x) * (1 + torch.sigmoid(x)), "값이 다릅니다", "values differ"),
    ],
)
def test_sigmoid_grad_mistakes_are_named(answer, ko, en):
    rejected(ex.check_sigmoid_grad(answer), ko, en)


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda x, slope: torch.relu(x), "보통 ReLU", "plain ReLU"),
        (lambda x, slope: torch.where(x > 0, x, torch.full_like(x, slope)), "상수 slope", "the constant slope"),
        (lambda x, slope: torch.where(x > 0, slope * x, x), "바뀌었습니다", "swapped"),
        (lambda x, slope: torch.where(x > 0, x, 0.01 * x), "slope=0.2", "slope=0.2"),
    ],
)
def test_leaky_relu_mistakes_are_named(answer, ko, en):
    rejected(ex.check_leaky_relu(answer), ko, en)


def test_an_unfilled_template_and_a_missing_return_get_a_message():
    def template(x):
        raise NotImplementedError

    rejected(ex.check_relu_grad(template), "빈칸", "not written yet")
    rejected(ex.check_sigmoid_grad(lambda x: None), "return", "return")
    rejected(ex.check_leaky_relu(lambda x: x), "TypeError", "TypeError")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="x = 0"):
        ex.check_relu_grad(lambda x: (x >= 0).float())
    assert ex.check_relu_grad(ex.relu_grad)
