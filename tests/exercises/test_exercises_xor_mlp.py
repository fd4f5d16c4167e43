"""The checkers of labs 8-2 and 8-3: a battery of right and wrong answers, each judged in both languages."""

import numpy as np
import pytest
import torch

from dnn_guide.exercises import xor_mlp as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

fwd, weights = ex.check_xor_forward, ex.check_xor_weights
sig = torch.sigmoid


def _numpy_forward(X, W1, b1, W2, b2):
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    return s(s(X.numpy() @ W1.numpy() + b1.numpy()) @ W2.numpy() + b2.numpy())


def _sequential_forward(X, W1, b1, W2, b2):
    """The lab's network as nested nn.Sequential blocks, loaded with the given weights."""
    model = torch.nn.Sequential(
        torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid()),
        torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.Sigmoid()),
    ).double()
    with torch.no_grad():
        model[0][0].weight.copy_(W1.T), model[0][0].bias.copy_(b1)
        model[1][0].weight.copy_(W2.T), model[1][0].bias.copy_(b2)
    return model(X)


FORWARD = [
    right("forward: the reference", fwd, ex.xor_forward),
    right("forward: float32", fwd, lambda X, W1, b1, W2, b2: ex.xor_forward(*(t.float() for t in (X, W1, b1, W2, b2)))),
    right("forward: numpy", fwd, _numpy_forward),
    right("forward: nested nn.Sequential", fwd, _sequential_forward),
    right("forward: requires grad", fwd, lambda *a: ex.xor_forward(*a).requires_grad_()),
    wrong(
        "forward: no hidden sigmoid",
        fwd,
        (lambda X, W1, b1, W2, b2: sig((X @ W1 + b1) @ W2 + b2),),
        "은닉층의 시그모이드",
        "hidden layer's sigmoid",
    ),
    wrong(
        "forward: no output sigmoid",
        fwd,
        (lambda X, W1, b1, W2, b2: sig(X @ W1 + b1) @ W2 + b2,),
        "출력층의 시그모이드",
        "output layer's sigmoid",
    ),
    wrong("forward: no b1", fwd, (lambda X, W1, b1, W2, b2: sig(sig(X @ W1) @ W2 + b2),), "b1", "hidden bias b1"),
    wrong("forward: no b2", fwd, (lambda X, W1, b1, W2, b2: sig(sig(X @ W1 + b1) @ W2),), "b2", "output bias b2"),
    wrong("forward: W1.T", fwd, (lambda X, W1, b1, W2, b2: sig(sig(X @ W1.T + b1) @ W2 + b2),), "W1.T", "W1.T"),
    wrong(
        "forward: ReLU hidden", fwd, (lambda X, W1, b1, W2, b2: sig(torch.relu(X @ W1 + b1) @ W2 + b2),), "ReLU", "ReLU"
    ),
    wrong(
        "forward: stops at the hidden layer",
        fwd,
        (lambda X, W1, b1, W2, b2: sig(X @ W1 + b1),),
        "은닉층의 출력",
        "stopped at the hidden layer",
    ),
    wrong(
        "forward: shape (n,)", fwd, (lambda *a: ex.xor_forward(*a).squeeze(1),), "모양(shape)", "shape should be (5, 1)"
    ),
    wrong(
        "forward: tanh hidden",
        fwd,
        (lambda X, W1, b1, W2, b2: sig(torch.tanh(X @ W1 + b1) @ W2 + b2),),
        ["값이 다릅니다", "5개 중"],
        ["values differ", "of 5)"],
    ),
    wrong(
        "forward: b2 doubled",
        fwd,
        (lambda X, W1, b1, W2, b2: ex.xor_forward(X, W1, b1, W2, 2 * b2),),
        "값이 다릅니다",
        "largest difference is at",
    ),
    wrong("forward: nan", fwd, (lambda *a: ex.xor_forward(*a) * float("nan"),), "nan", "nan"),
    *guard_cases(fwd, ex.xor_forward, 5),
]

SOLUTION = ([[20.0, -20.0], [20.0, -20.0]], [-10.0, 30.0], [[20.0], [20.0]], [-30.0])
W1, b1, W2, b2 = (torch.tensor(v) for v in SOLUTION)

WEIGHTS = [
    right("weights: the solution", weights, W1, b1, W2, b2),
    right("weights: lists", weights, *SOLUTION),
    right("weights: numpy", weights, *(np.array(v) for v in SOLUTION)),
    right("weights: W2 as a row, b2 a number", weights, W1, b1, W2.T, -30.0),
    right("weights: hidden units swapped", weights, W1.flip(1), b1.flip(0), W2.flip(0), b2),
    right("weights: float64", weights, W1.double(), b1.double(), W2.double(), b2.double()),
    wrong(
        "weights: zeros",
        weights,
        (torch.zeros(2, 2), torch.zeros(2), torch.zeros(2, 1), torch.zeros(1)),
        "틀린 점",
        "wrong points",
    ),
    wrong(
        "weights: XNOR", weights, (W1, b1, -W2, -b2), ["(0,0)", "XOR = AND(OR, NAND)"], ["(0,0)", "XOR = AND(OR, NAND)"]
    ),
    wrong(
        "weights: OR only",
        weights,
        (W1, b1, torch.tensor([[20.0], [0.0]]), torch.tensor([-10.0])),
        "(1,1)",
        "(1,1): p=1.000, 0",
    ),
    wrong(
        "weights: nn.Linear's layout",
        weights,
        (torch.tensor([[20.0, 20.0], [-10.0, -10.0]]), torch.tensor([-5.0, 15.0]), W2, b2),
        "W1.T",
        "pass W1.T",
    ),
    wrong("weights: W1 of 3 values", weights, (torch.zeros(3), b1, W2, b2), "W1", "W1 should have shape (2, 2)"),
    wrong("weights: W2 of 3 values", weights, (W1, b1, torch.zeros(3, 1), b2), "W2", "W2 should have shape (2, 1)"),
    wrong("weights: text", weights, (W1, "b1", W2, b2), "숫자 텐서", "tensor of numbers"),
    wrong("weights: inf", weights, (W1 * float("inf"), b1, W2, b2), "inf", "inf"),
    wrong("weights: three arguments", weights, (W1, b1, W2), "check_xor_weights(W1, b1, W2, b2)", "got 3 arguments"),
    wrong(
        "weights: the model", weights, (torch.nn.Sequential(torch.nn.Linear(2, 2)),), "check_xor_weights(", "call it as"
    ),
]

BATTERY = {"check_xor_forward": FORWARD, "check_xor_weights": WEIGHTS}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())
