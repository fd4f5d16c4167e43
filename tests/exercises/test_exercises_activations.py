"""The checkers of the activation-function lab: a battery of right and wrong answers, in both languages."""

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from dnn_guide.exercises import activations as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

relu, sigmoid, leaky = ex.check_relu_grad, ex.check_sigmoid_grad, ex.check_leaky_relu


def _autograd_relu(x):
    leaf = x.clone().requires_grad_()
    (grad,) = torch.autograd.grad(torch.relu(leaf).sum(), leaf)
    return grad


RELU = [
    right("relu': the reference", relu, ex.relu_grad),
    right("relu': .float() kept in the input's dtype", relu, lambda x: (x > 0).to(x.dtype)),
    right("relu': where", relu, lambda x: torch.where(x > 0, 1.0, 0.0).to(x.dtype)),
    right("relu': autograd", relu, _autograd_relu),
    right("relu': heaviside", relu, lambda x: torch.heaviside(x, torch.zeros_like(x))),
    right("relu': numpy", relu, lambda x: (x.numpy() > 0).astype(np.float32)),
    right("relu': float32 always", relu, lambda x: (x > 0).float()),
    wrong("relu': x >= 0", relu, (lambda x: (x >= 0).to(x.dtype),), "x = 0에서 1", "at x = 0 your derivative is 1"),
    wrong("relu': ReLU itself", relu, (lambda x: torch.relu(x),), "ReLU 자체", "ReLU itself"),
    wrong("relu': swapped", relu, (lambda x: (x < 0).to(x.dtype),), "바뀌었습니다", "swapped"),
    wrong("relu': ones", relu, (lambda x: torch.ones_like(x),), "모든 곳에서 1", "1 everywhere"),
    wrong("relu': bool", relu, (lambda x: x > 0,), "실수 텐서", "floating-point tensor"),
    wrong("relu': sign", relu, (lambda x: torch.sign(x),), ["값이 다릅니다", "24개 중"], ["values differ", "of 24)"]),
    wrong("relu': shape", relu, (lambda x: (x > 0).to(x.dtype).flatten(),), "모양(shape)", "shape should be (4, 6)"),
    wrong("relu': a list", relu, (lambda x: (x > 0).tolist(),), "list", "got a list"),
    *guard_cases(relu, ex.relu_grad, 1),
]

SIGMOID = [
    right("σ': the reference", sigmoid, ex.sigmoid_grad),
    right("σ': s(1 - s)", sigmoid, lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    right("σ': float32", sigmoid, lambda x: (s := torch.sigmoid(x.float())) * (1 - s)),
    right("σ': numpy", sigmoid, lambda x: (s := 1 / (1 + np.exp(-x.numpy()))) * (1 - s)),
    right("σ': cosh", sigmoid, lambda x: 1 / (4 * torch.cosh(x / 2) ** 2)),
    wrong("σ': x(1 - x)", sigmoid, (lambda x: x * (1 - x),), "x(1 - x)", "x(1 - x)"),
    wrong("σ': σ itself", sigmoid, (lambda x: torch.sigmoid(x),), "σ(x) 자체", "σ(x) itself"),
    wrong("σ': 0.25", sigmoid, (lambda x: torch.full_like(x, 0.25),), "0.25", "0.25"),
    wrong("σ': tanh'", sigmoid, (lambda x: 1 - torch.tanh(x) ** 2,), "값이 다릅니다", "values differ"),
    wrong(
        "σ': in the title",
        sigmoid,
        (lambda x: torch.sigmoid(x),),
        "활성화 함수 연습 2",
        "Activation functions, exercise 2",
    ),
    *guard_cases(sigmoid, ex.sigmoid_grad, 1),
]


def _leaky_numpy(x, slope):
    a = x.numpy()
    return np.where(a > 0, a, slope * a)


def _leaky_in_place(x, slope):
    x[x < 0] *= slope
    return x


LEAKY = [
    right("leaky: the reference", leaky, ex.leaky_relu),
    right("leaky: F.leaky_relu", leaky, lambda x, slope: F.leaky_relu(x, slope)),
    right("leaky: max form", leaky, lambda x, slope: torch.maximum(x, slope * x)),
    right("leaky: relu form", leaky, lambda x, slope: torch.relu(x) - slope * torch.relu(-x)),
    right("leaky: in place on its input", leaky, _leaky_in_place),
    right("leaky: numpy", leaky, _leaky_numpy),
    right("leaky: nn.LeakyReLU inside", leaky, lambda x, slope: torch.nn.Sequential(torch.nn.LeakyReLU(slope))(x)),
    wrong(
        "leaky: 0.01 typed in",
        leaky,
        (lambda x, slope: F.leaky_relu(x, 0.01),),
        ["slope=0.2", "slope=0.01"],
        ["called with slope=0.2", "slope=0.01", "use the argument slope"],
    ),
    wrong(
        "leaky: 0.2 typed in",
        leaky,
        (lambda x, slope: F.leaky_relu(x, 0.2),),
        "slope=0.05",
        ["called with slope=0.05", "the one for slope=0.2"],
    ),
    wrong(
        "leaky: nn.LeakyReLU()",
        leaky,
        (lambda x, slope: torch.nn.LeakyReLU()(x),),
        "slope=0.01",
        "the one for slope=0.01",
    ),
    wrong("leaky: ReLU", leaky, (lambda x, slope: torch.relu(x),), "보통 ReLU", "plain ReLU"),
    wrong(
        "leaky: constant slope",
        leaky,
        (lambda x, slope: torch.where(x > 0, x, torch.full_like(x, slope)),),
        "상수 slope",
        "constant slope",
    ),
    wrong("leaky: swapped", leaky, (lambda x, slope: torch.where(x > 0, slope * x, x),), "바뀌었습니다", "swapped"),
    wrong("leaky: sign", leaky, (lambda x, slope: torch.where(x > 0, x, -slope * x),), "부호", "wrong sign"),
    wrong(
        "leaky: divided", leaky, (lambda x, slope: torch.where(x > 0, x, x / slope),), "나눴습니다", "divided by slope"
    ),
    wrong("leaky: bool", leaky, (lambda x, slope: x > 0,), "실수 텐서", "floating-point"),
    wrong(
        "leaky: x >= 0 with an offset",
        leaky,
        (lambda x, slope: torch.where(x > 0, x + 0.1, slope * x),),
        ["값이 다릅니다", "slope=0.2"],
        ["values differ", "slope=0.2"],
    ),
    *guard_cases(leaky, ex.leaky_relu, 2),
]

BATTERY = {"check_relu_grad": RELU, "check_sigmoid_grad": SIGMOID, "check_leaky_relu": LEAKY}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())


def test_the_sigmoid_exercise_carries_this_labs_title_not_lab_8_4s():
    feedback = sigmoid(ex.sigmoid_grad)
    assert feedback.text("ko").startswith("✅ 활성화 함수 연습 2: 시그모이드의 도함수")
    assert feedback.text("en").startswith("✅ Activation functions, exercise 2: the sigmoid's derivative")
    assert "8-4" not in feedback.text("en") + feedback.text("ko")
