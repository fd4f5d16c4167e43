"""The checkers of the MNIST lab (9-1, 9-2): a battery of right and wrong answers, in both languages."""

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from dnn_guide.exercises import mnist as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

ce, acc = ex.check_cross_entropy, ex.check_accuracy


def _naive_ce(logits, y):
    p = torch.softmax(logits, dim=1)
    return -torch.log(p[torch.arange(len(y)), y]).mean()


def _exp_ce(logits, y):
    e = torch.exp(logits)
    return -torch.log(e[torch.arange(len(y)), y] / e.sum(1)).mean()


CE = [
    right("ce: the reference", ce, ex.cross_entropy),
    right("ce: F.cross_entropy", ce, F.cross_entropy),
    right("ce: nll of log_softmax", ce, lambda z, y: F.nll_loss(F.log_softmax(z, 1), y)),
    right("ce: max subtracted", ce, lambda z, y: ex.cross_entropy(z - z.max(1, keepdim=True).values, y)),
    right("ce: a Python float", ce, lambda z, y: ex.cross_entropy(z, y).item()),
    right("ce: a numpy number", ce, lambda z, y: np.float32(ex.cross_entropy(z, y).item())),
    right("ce: a 0-d numpy array", ce, lambda z, y: np.array(ex.cross_entropy(z, y).item())),
    right("ce: shape (1,)", ce, lambda z, y: ex.cross_entropy(z, y).reshape(1)),
    right("ce: float64", ce, lambda z, y: ex.cross_entropy(z.double(), y)),
    wrong("ce: softmax then log", ce, (_naive_ce,), ["inf", "logsumexp"], ["inf", "logsumexp"]),
    wrong("ce: exp overflows", ce, (_exp_ce,), ["nan", "overflow"], ["nan", "exp overflows"]),
    wrong("ce: sign", ce, (lambda z, y: -ex.cross_entropy(z, y),), "부호", "sign is flipped"),
    wrong("ce: sum", ce, (lambda z, y: F.cross_entropy(z, y, reduction="sum"),), ".mean()", "summed the losses"),
    wrong(
        "ce: per sample",
        ce,
        (lambda z, y: F.cross_entropy(z, y, reduction="none"),),
        [".mean()", "(8,)"],
        ["shape (8,)", "batch mean"],
    ),
    wrong(
        "ce: batch of 8 typed in",
        ce,
        (lambda z, y: F.cross_entropy(z, y, reduction="sum") / 8,),
        "len(y)=13",
        ["called with len(y)=13", "the one for len(y)=8"],
    ),
    wrong(
        "ce: divided by the classes",
        ce,
        (lambda z, y: F.cross_entropy(z, y, reduction="sum") / 10,),
        "클래스 수(10)",
        "number of classes (10)",
    ),
    wrong("ce: [:, y]", ce, (lambda z, y: -F.log_softmax(z, 1)[:, y].mean(),), "[:, y]", "n×n"),
    wrong(
        "ce: softmax probability",
        ce,
        (lambda z, y: torch.softmax(z, 1)[torch.arange(len(y)), y].mean(),),
        ["값이 다릅니다"],
        ["values differ", "got", "expected"],
    ),
    wrong("ce: a string", ce, (lambda z, y: "2.3",), "str", "got a str"),
    *guard_cases(ce, ex.cross_entropy, 2),
]

ACC = [
    right("acc: the reference", acc, ex.accuracy),
    right("acc: a tensor", acc, lambda z, y: (z.argmax(1) == y).float().mean()),
    right("acc: sum / len", acc, lambda z, y: (z.argmax(1) == y).sum() / len(y)),
    right("acc: numpy", acc, lambda z, y: np.mean(z.numpy().argmax(1) == y.numpy())),
    right("acc: numpy float32", acc, lambda z, y: np.float32(np.mean(z.numpy().argmax(1) == y.numpy()))),
    right("acc: float64 shape (1,)", acc, lambda z, y: (z.argmax(1) == y).double().mean().reshape(1)),
    right("acc: softmax first", acc, lambda z, y: (torch.softmax(z, 1).argmax(1) == y).float().mean()),
    wrong("acc: count", acc, (lambda z, y: (z.argmax(1) == y).sum(),), "맞힌 개수", "number of right predictions"),
    wrong("acc: percent", acc, (lambda z, y: 100 * (z.argmax(1) == y).float().mean(),), "백분율", "percentage"),
    wrong("acc: dim 0", acc, (lambda z, y: (z.argmax(0) == y).float().mean(),), "dim=0", "over the samples (dim=0)"),
    wrong(
        "acc: divided by the classes",
        acc,
        (lambda z, y: (z.argmax(1) == y).sum() / z.shape[1],),
        "클래스 수(10)",
        "number of classes (10)",
    ),
    wrong(
        "acc: per sample",
        acc,
        (lambda z, y: (z.argmax(1) == y).float(),),
        [".float().mean()", "(10,)"],
        ["shape (10,)", ".float().mean()"],
    ),
    wrong(
        "acc: argmin",
        acc,
        (lambda z, y: (z.argmin(1) == y).float().mean(),),
        ["맞힌 행", "0.4000"],
        ["rows right", "expected 0.4000"],
    ),
    wrong("acc: error rate", acc, (lambda z, y: (z.argmax(1) != y).float().mean(),), "여야 합니다", "expected"),
    wrong("acc: bool", acc, (lambda z, y: bool((z.argmax(1) == y).all()),), "bool", "got a bool"),
    wrong("acc: a list", acc, (lambda z, y: (z.argmax(1) == y).tolist(),), "list", "got a list"),
    wrong(
        "acc: the first 10 rows",
        acc,
        (lambda z, y: (z[:10].argmax(1) == y[:10]).float().mean(),),
        "len(y)=37",
        "the one for len(y)=10",
    ),
    *guard_cases(acc, ex.accuracy, 2),
]

BATTERY = {"check_cross_entropy": CE, "check_accuracy": ACC}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())
