"""The checkers of lab 8-4: a battery of right and wrong answers, each judged in both languages."""

import numpy as np
import pytest
import torch

from dnn_guide import backprop
from dnn_guide.exercises import backprop as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

prime, grads = ex.check_sigmoid_prime, ex.check_hidden_grads
sig = torch.sigmoid


def _autograd_prime(x):
    leaf = x.clone().requires_grad_()
    (grad,) = torch.autograd.grad(sig(leaf).sum(), leaf)
    return grad


PRIME = [
    right("σ': the reference", prime, backprop.sigmoid_prime),
    right("σ': s(1 - s)", prime, lambda x: sig(x) * (1 - sig(x))),
    right("σ': exp form", prime, lambda x: torch.exp(-x) / (1 + torch.exp(-x)) ** 2),
    right("σ': cosh form", prime, lambda x: 1 / (4 * torch.cosh(x / 2) ** 2)),
    right("σ': autograd", prime, _autograd_prime),
    right("σ': numpy", prime, lambda x: (s := 1 / (1 + np.exp(-x.numpy()))) * (1 - s)),
    right("σ': float32", prime, lambda x: (s := sig(x.float())) * (1 - s)),
    wrong("σ': x(1 - x)", prime, (lambda x: x * (1 - x),), "x(1 - x)", "x(1 - x)"),
    wrong("σ': σ(1 - x)", prime, (lambda x: sig(x) * (1 - x),), "σ(x)(1 - x)", "σ(x)(1 - x)"),
    wrong("σ': σ itself", prime, (lambda x: sig(x),), "σ(x) 자체", "σ(x) itself"),
    wrong("σ': σ(1 + σ)", prime, (lambda x: sig(x) * (1 + sig(x)),), "1 + σ(x)", "1 + σ(x)"),
    wrong("σ': 0.25", prime, (lambda x: torch.full_like(x, 0.25),), "0.25", "0.25"),
    wrong(
        "σ': right only near 0",
        prime,
        (lambda x: 0.25 - x**2 / 16,),
        ["값이 다릅니다", "개 중"],
        ["values differ", "got", "expected"],
    ),
    wrong("σ': a scalar", prime, (lambda x: (sig(x) * (1 - sig(x))).sum(),), "모양(shape)", "shape should be (3, 4)"),
    wrong(
        "σ': float64 only",
        prime,
        (lambda x: sig(x) * (1 - sig(x)) if x.dtype == torch.float64 else x,),
        "float32",
        "float32 inputs",
    ),
    wrong("σ': flattens", prime, (lambda x: (sig(x) * (1 - sig(x))).flatten(),), "(12,)", "got (12,)"),
    *guard_cases(prime, backprop.sigmoid_prime, 1),
]


def _grads_with(d_l1_of, d_w1_of=lambda X, d_l1: X.T @ d_l1, d_b1_of=lambda d_l1: d_l1.sum(0)):
    def hidden_grads(params, X, Y):
        c = backprop.forward(params, X)
        return d_w1_of(X, d_l1_of(params, Y, c)), d_b1_of(d_l1_of(params, Y, c))

    return hidden_grads


sp = backprop.sigmoid_prime
RIGHT_D_L1 = lambda p, Y, c: (((c["y_pred"] - Y) * sp(c["l2"])) @ p["w2"].T) * sp(c["l1"])  # noqa: E731


def _autograd_grads(params, X, Y):
    leaves = {k: v.clone().requires_grad_() for k, v in params.items()}
    backprop.squared_error(backprop.forward(leaves, X)["y_pred"], Y).backward()
    return leaves["w1"].grad, leaves["b1"].grad


GRADS = [
    right("grads: the reference", grads, ex.hidden_grads),
    right("grads: autograd", grads, _autograd_grads),
    right("grads: a list", grads, lambda p, X, Y: list(ex.hidden_grads(p, X, Y))),
    right("grads: float32", grads, lambda p, X, Y: tuple(t.float() for t in ex.hidden_grads(p, X, Y))),
    right(
        "grads: backprop.backward",
        grads,
        lambda p, X, Y: (lambda g: (g["w1"], g["b1"]))(backprop.backward(p, X, Y, backprop.forward(p, X))),
    ),
    wrong(
        "grads: no σ'(l1)",
        grads,
        (_grads_with(lambda p, Y, c: ((c["y_pred"] - Y) * sp(c["l2"])) @ p["w2"].T),),
        "σ'(l1)",
        "misses the factor σ'(l1)",
    ),
    wrong(
        "grads: σ'(a1)",
        grads,
        (_grads_with(lambda p, Y, c: (((c["y_pred"] - Y) * sp(c["l2"])) @ p["w2"].T) * sp(c["a1"])),),
        "a1에 적용",
        "applied to a1",
    ),
    wrong(
        "grads: no σ'(l2)",
        grads,
        (_grads_with(lambda p, Y, c: ((c["y_pred"] - Y) @ p["w2"].T) * sp(c["l1"])),),
        "σ'(l2)",
        "σ'(l2) is missing",
    ),
    wrong("grads: sign", grads, (_grads_with(lambda p, Y, c: -RIGHT_D_L1(p, Y, c)),), "부호", "sign is flipped"),
    wrong(
        "grads: d_w1 averaged",
        grads,
        (_grads_with(RIGHT_D_L1, lambda X, d: X.T @ d / len(X)),),
        "5배 작습니다",
        "5 times too small",
    ),
    wrong("grads: d_w1 transposed", grads, (_grads_with(RIGHT_D_L1, lambda X, d: d.T @ X),), "전치", "transposed"),
    wrong(
        "grads: d_b1 mean",
        grads,
        (_grads_with(RIGHT_D_L1, d_b1_of=lambda d: d.mean(0)),),
        ["5배 작습니다", "mean"],
        ["5 times too small", "batch mean"],
    ),
    wrong("grads: d_b1 per sample", grads, (_grads_with(RIGHT_D_L1, d_b1_of=lambda d: d),), "(5, 3)", "shape (5, 3)"),
    wrong("grads: swapped", grads, (lambda p, X, Y: ex.hidden_grads(p, X, Y)[::-1],), "순서", "swapped"),
    wrong(
        "grads: one value",
        grads,
        (lambda p, X, Y: ex.hidden_grads(p, X, Y)[0],),
        "값 2개",
        "return 2 values (d_w1, d_b1)",
    ),
    wrong(
        "grads: a dict", grads, (lambda p, X, Y: dict(zip(("w1", "b1"), ex.hidden_grads(p, X, Y))),), "dict", "one dict"
    ),
    wrong(
        "grads: sizes typed in",
        grads,
        (lambda p, X, Y: (torch.zeros(4, 3), torch.zeros(3)) if X.shape[1] == 3 else ex.hidden_grads(p, X, Y),),
        "(3, 5)",
        "shape should be (3, 5)",
    ),
    *guard_cases(grads, ex.hidden_grads, 3),
]

BATTERY = {"check_sigmoid_prime": PRIME, "check_hidden_grads": GRADS}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())


def test_titles_name_lab_8_4():
    assert prime(backprop.sigmoid_prime).text("ko").startswith("✅ 8-4 연습 1: 시그모이드의 도함수")
