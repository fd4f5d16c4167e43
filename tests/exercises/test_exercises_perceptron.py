"""The checkers of lab 8-1: a battery of right and wrong answers, each judged in both languages."""

import numpy as np
import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import perceptron as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

fwd, step, nand = ex.check_perceptron_forward, ex.check_bce_step, ex.check_nand_weights
sig = torch.sigmoid


def _step_with(error_of, bias_of=lambda error: error.sum(0)):
    """A step whose dL/dz is error_of(p, Y, n) and whose bias gradient is bias_of(error)."""

    def bce_step(X, Y, w, b, lr):
        error = error_of(sig(X @ w + b), Y, len(X))
        return w - lr * X.T @ error, b - lr * bias_of(error)

    return bce_step


FORWARD = [
    right("forward: the reference", fwd, ex.perceptron_forward),
    right("forward: written out", fwd, lambda X, w, b: 1 / (1 + torch.exp(-(X @ w + b)))),
    right("forward: float32", fwd, lambda X, w, b: sig(X.float() @ w.float() + b.float())),
    right("forward: numpy", fwd, lambda X, w, b: 1 / (1 + np.exp(-(X.numpy() @ w.numpy() + b.numpy())))),
    right("forward: nn.Linear", fwd, lambda X, w, b: sig(torch.nn.functional.linear(X, w.T, b))),
    wrong("forward: no sigmoid", fwd, (lambda X, w, b: X @ w + b,), "시그모이드를 빠뜨렸습니다", "sigmoid is missing"),
    wrong("forward: no bias", fwd, (lambda X, w, b: sig(X @ w),), "편향 b를 빠뜨렸습니다", "bias b is missing"),
    wrong("forward: bias outside", fwd, (lambda X, w, b: sig(X @ w) + b,), "바깥에서", "outside the sigmoid"),
    wrong("forward: bias subtracted", fwd, (lambda X, w, b: sig(X @ w - b),), "뺐습니다", "subtracted"),
    wrong("forward: thresholded", fwd, (lambda X, w, b: (sig(X @ w + b) > 0.5).double(),), "0.5 문턱", "threshold"),
    wrong("forward: ReLU", fwd, (lambda X, w, b: torch.relu(X @ w + b),), "ReLU", "ReLU"),
    wrong("forward: shape (n,)", fwd, (lambda X, w, b: sig(X @ w + b).squeeze(1),), "모양(shape)", "shape should be"),
    wrong(
        "forward: a hard-coded batch of 6",
        fwd,
        (lambda X, w, b: sig(X[:6] @ w + b).expand(6, 1)[: len(X)] if len(X) == 6 else sig(X[:1] @ w + b),),
        ["점 3개", "모양(shape)"],
        ["3 points", "shape should be (3, 1)"],
    ),
    wrong(
        "forward: tanh", fwd, (lambda X, w, b: torch.tanh(X @ w + b),), ["값이 다릅니다", "개 중"], ["values differ"]
    ),
    wrong("forward: a list", fwd, (lambda X, w, b: sig(X @ w + b).tolist(),), "list", "got a list"),
    *guard_cases(fwd, ex.perceptron_forward, 3),
]

STEP = [
    right("step: the reference", step, ex.bce_step),
    right("step: autograd", step, lambda X, Y, w, b, lr: _autograd_step(X, Y, w, b, lr)),
    right("step: float32", step, lambda X, Y, w, b, lr: tuple(t.float() for t in ex.bce_step(X, Y, w, b, lr))),
    right("step: a list of two", step, lambda X, Y, w, b, lr: list(ex.bce_step(X, Y, w, b, lr))),
    right(
        "step: a 0-d bias",
        step,
        lambda X, Y, w, b, lr: (ex.bce_step(X, Y, w, b, lr)[0], ex.bce_step(X, Y, w, b, lr)[1][0]),
    ),
    wrong("step: summed loss", step, (_step_with(lambda p, Y, n: p - Y),), "평균", "times too large"),
    wrong("step: ascent", step, (_step_with(lambda p, Y, n: (Y - p) / n),), "기울기를 빼야", "subtract it"),
    wrong(
        "step: MSE gradient",
        step,
        (_step_with(lambda p, Y, n: (p - Y) * p * (1 - p) / n),),
        "제곱 오차",
        "squared error",
    ),
    wrong("step: no lr", step, (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, 1.0),), "학습률", "learning rate"),
    wrong(
        "step: one value", step, (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, lr)[0],), "값 2개", "return 2 values"
    ),
    wrong(
        "step: three values",
        step,
        (lambda X, Y, w, b, lr: (*ex.bce_step(X, Y, w, b, lr), lr),),
        "값 3개",
        "got 3 values",
    ),
    wrong("step: swapped", step, (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, lr)[::-1],), "순서", "swapped"),
    wrong(
        "step: lr 0.5 typed in",
        step,
        (lambda X, Y, w, b, lr: ex.bce_step(X, Y, w, b, 0.5),),
        ["lr=0.5", "lr=0.1"],
        ["lr=0.1", "lr=0.5", "use the argument lr"],
    ),
    wrong(
        "step: n = 6 typed in",
        step,
        (_step_with(lambda p, Y, n: (p - Y) / 6),),
        ["n = len(X)=6"],
        ["n = len(X)=4", "for n = len(X)=6"],
    ),
    wrong(
        "step: the gradient returned",
        step,
        (lambda X, Y, w, b, lr: _grads(X, Y, w, b),),
        "기울기 dw를",
        "return the gradient dw",
    ),
    wrong(
        "step: bias by mean",
        step,
        (_step_with(lambda p, Y, n: (p - Y) / n, lambda e: e.mean(0)),),
        "6배 작습니다",
        "6 times too small",
    ),
    wrong(
        "step: bias ascent",
        step,
        (_step_with(lambda p, Y, n: (p - Y) / n, lambda e: -e.sum(0)),),
        "편향이 기울기 방향",
        "b moved along",
    ),
    wrong(
        "step: bias per point", step, (_step_with(lambda p, Y, n: (p - Y) / n, lambda e: e),), "(6, 1)", "shape (6, 1)"
    ),
    *guard_cases(step, ex.bce_step, 5),
]


def _autograd_step(X, Y, w, b, lr):
    w, b = w.clone().requires_grad_(), b.clone().requires_grad_()
    torch.nn.functional.binary_cross_entropy(sig(X @ w + b), Y).backward()
    return (w - lr * w.grad).detach(), (b - lr * b.grad).detach()


def _grads(X, Y, w, b):
    error = (sig(X @ w + b) - Y) / len(X)
    return X.T @ error, error.sum(0)


def _nand_linear():
    linear = torch.nn.Linear(2, 1)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor([[-2.0, -2.0]]))
        linear.bias.fill_(3.0)
    return linear.weight, linear.bias


NAND = [
    right("nand: the solution", nand, torch.tensor([[-2.0], [-2.0]]), torch.tensor([3.0])),
    right("nand: lists", nand, [[-20], [-20]], [30]),
    right("nand: a row and a number", nand, torch.tensor([-2.0, -2.0]), 3.0),
    right("nand: numpy", nand, np.array([[-1.0], [-1.0]]), np.array([1.5])),
    right("nand: large", nand, [[-100.0], [-100.0]], [150.0]),
    right("nand: nn.Linear's parameters", nand, *_nand_linear()),
    wrong("nand: zeros", nand, (torch.zeros(2, 1), torch.zeros(1)), "틀린 점", "wrong points"),
    wrong("nand: AND", nand, (torch.tensor([[2.0], [2.0]]), torch.tensor([-3.0])), "AND", "AND"),
    wrong(
        "nand: OR",
        nand,
        (torch.tensor([[2.0], [2.0]]), torch.tensor([-1.0])),
        ["(0,0)", "(1,1)"],
        ["wrong points", "(0,0)"],
    ),
    wrong(
        "nand: on the boundary",
        nand,
        (torch.tensor([[-1.0], [-1.0]]), torch.tensor([2.0])),
        "(1,1): p=0.500",
        "(1,1): p=0.500",
    ),
    wrong(
        "nand: just over", nand, (torch.tensor([[-1.0], [-1.0]]), torch.tensor([2.0002])), "p=0.5000500", "p=0.5000500"
    ),
    wrong("nand: w of 3 values", nand, (torch.zeros(3), torch.zeros(1)), "(2, 1)", "w should have shape (2, 1)"),
    wrong("nand: b of 2 values", nand, (torch.zeros(2, 1), torch.zeros(2)), "(1,)", "b should have shape (1,)"),
    wrong("nand: text", nand, ("-2, -2", torch.zeros(1)), "숫자 텐서", "tensor of numbers"),
    wrong("nand: nan", nand, (torch.tensor([[float("nan")], [0.0]]), torch.zeros(1)), "nan", "nan"),
    wrong("nand: no argument", nand, (), "check_nand_weights(w, b)", "call it as check_nand_weights(w, b)"),
    wrong("nand: one argument", nand, (torch.zeros(2, 1),), "check_nand_weights(w, b)", "got 1 argument "),
]

BATTERY = {"check_perceptron_forward": FORWARD, "check_bce_step": STEP, "check_nand_weights": NAND}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())


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


def test_strict_mode_raises_with_both_languages(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="sigmoid is missing") as raised:
        fwd(lambda X, w, b: X @ w + b)
    assert "시그모이드를 빠뜨렸습니다" in str(raised.value)
    assert fwd(ex.perceptron_forward)
