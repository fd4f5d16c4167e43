"""The checkers of lab 9-7: a battery of right and wrong answers (tests/exercises/conftest.py), torch's
constants, and the slips the LeCun checker can tell apart."""

import math

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import selu as ex
from tests.exercises.answers import cases, right, wrong
from tests.exercises.conftest import assert_right, guard_cases

LAM, ALPHA = ex.SELU_LAMBDA, ex.SELU_ALPHA


def selu_with(lam, alpha):
    return lambda x: lam * torch.where(x > 0, x, alpha * (torch.exp(x) - 1))


def one_number_at_a_time(x):
    return LAM * x if x > 0 else LAM * ALPHA * (math.exp(x) - 1)


SELU = [
    right("the reference", ex.selu),
    right("F.selu", F.selu),
    right("nn.SELU()", nn.SELU()),
    right("torch's constants typed to 10 digits", selu_with(1.0507009874, 1.6732632424)),
    right("clamp and expm1", lambda x: LAM * (x.clamp(min=0) + ALPHA * torch.expm1(x.clamp(max=0)))),
    right("float64", lambda x: ex.selu(x.double())),
    right("numpy", lambda x: LAM * np.where(x.numpy() > 0, x.numpy(), ALPHA * (np.exp(x.numpy()) - 1))),
    right("x >= 0", lambda x: LAM * torch.where(x >= 0, x, ALPHA * (torch.exp(x) - 1))),
    wrong("ELU by hand", lambda x: torch.where(x > 0, x, ALPHA * (torch.exp(x) - 1)), "ELU", "that is ELU"),
    wrong("F.elu", lambda x: F.elu(x, alpha=ALPHA), "ELU", "that is ELU"),
    wrong("nn.ELU()", nn.ELU(alpha=ALPHA), "ELU", "that is ELU"),
    wrong(
        "λ missing on the negative side",
        lambda x: torch.where(x > 0, LAM * x, ALPHA * (torch.exp(x) - 1)),
        "음수 쪽에 λ",
        "negative side lacks λ",
    ),
    wrong(
        "λ missing on the positive side",
        lambda x: torch.where(x > 0, x, LAM * ALPHA * (torch.exp(x) - 1)),
        "양수 쪽에 λ",
        "positive side lacks λ",
    ),
    wrong("α eˣ without − 1", lambda x: LAM * torch.where(x > 0, x, ALPHA * torch.exp(x)), "1을 빼지", "α(eˣ − 1)"),
    wrong("λ and α swapped", selu_with(ALPHA, LAM), "뒤바뀌었습니다", "swapped"),
    wrong("e^(−x)", lambda x: LAM * torch.where(x > 0, x, ALPHA * (torch.exp(-x) - 1)), "e^(−x)", "e^(−x)"),
    wrong(
        "λ typed as 1.05",
        selu_with(1.05, ALPHA),
        ["λ = 1.05", "1.0507009873554805"],
        ["λ = 1.05", "torch's is λ = 1.0507009873554805"],
    ),
    wrong("α typed as 1.67", selu_with(LAM, 1.67), ["α = 1.67", "자릿수"], ["α = 1.67", "more digits"]),
    wrong(
        "ReLU times λ",
        lambda x: LAM * torch.relu(x),
        ["값이 다릅니다", "가장 크게 다른 곳"],
        ["values differ", "the largest difference is at"],
    ),
    wrong("flattened", lambda x: F.selu(x).flatten(), "모양(shape)", "shape should be"),
    wrong(
        "one number at a time",
        one_number_at_a_time,
        ["숫자 하나씩", "torch.where"],
        ["one number at a time", "torch.where"],
    ),
    wrong("math.exp", lambda x: LAM * torch.where(x > 0, x, ALPHA * (math.exp(x) - 1)), "torch.exp", "torch.exp"),
    wrong("a layer with weights", nn.Linear(9, 9), ["모델", "Linear"], ["a model (Linear)"]),
]


def normal(std_of):
    return lambda w: nn.init.normal_(w, 0.0, std_of(w.shape[1], w.shape[0]))


def lecun_no_grad(weight):
    with torch.no_grad():
        return weight.normal_(0, 1 / math.sqrt(weight.shape[1]))


def copied(weight):
    weight.data.copy_(torch.randn(weight.shape) * weight.shape[1] ** -0.5)
    return weight


def first_row_only(weight):
    with torch.no_grad():
        weight[0].normal_(0, 1 / math.sqrt(weight.shape[1]))
    return weight


def one_row_repeated(weight):
    with torch.no_grad():
        return weight.copy_(torch.randn(weight.shape[1]) / math.sqrt(weight.shape[1]))


LECUN = [
    right("the reference", ex.lecun_normal_),
    right('kaiming_normal_(nonlinearity="linear")', lambda w: nn.init.kaiming_normal_(w, nonlinearity="linear")),
    right("normal_ under no_grad", lecun_no_grad),
    right("copy_ of a randn into .data", copied),
    wrong(
        'kaiming_normal_("selu")',
        lambda w: nn.init.kaiming_normal_(w, nonlinearity="selu"),
        "gain 3/4",
        'nonlinearity="linear"',
    ),
    wrong('kaiming_normal_("relu")', lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"), "He 초기화", "He init"),
    wrong("xavier_normal_", nn.init.xavier_normal_, "Xavier", "Xavier"),
    wrong("xavier_uniform_", nn.init.xavier_uniform_, "Xavier", "Xavier"),
    wrong("fan_out", normal(lambda fan_in, fan_out: 1 / math.sqrt(fan_out)), "fan_out", "fan_out"),
    wrong(
        "variance as std",
        normal(lambda fan_in, fan_out: 1 / fan_in),
        "분산 1/fan_in을 표준편차로",
        "variance 1/fan_in as the std",
    ),
    wrong("normal_'s default std", nn.init.normal_, "표준편차가 1", "std is 1"),
    wrong(
        "fan_in fixed at 784",
        normal(lambda fan_in, fan_out: 1 / math.sqrt(784)),
        ["고정한 값(fan_in = 784)", "fan_in은 160"],
        ["fixed at 784", "fan_in is 160"],
    ),
    wrong(
        "fan_in fixed at the first shape's 160",
        normal(lambda fan_in, fan_out: 1 / math.sqrt(160)),
        ["고정한 값(fan_in = 160)", "fan_in은 100"],
        ["fixed at 160", "fan_in is 100"],
    ),
    wrong("off center", lambda w: nn.init.normal_(w, 0.1, 1 / math.sqrt(w.shape[1])), "평균", "mean"),
    wrong(
        "uniform with LeCun's std",
        lambda w: nn.init.uniform_(w, -math.sqrt(3 / w.shape[1]), math.sqrt(3 / w.shape[1])),
        ["정규분포가 아닙니다", "첨도"],
        ["not normal", "kurtosis"],
    ),
    wrong(
        "a new tensor, weight untouched", lambda w: torch.randn_like(w) / math.sqrt(w.shape[1]), "제자리", "in place"
    ),
    wrong("normal_ on a leaf", lambda w: w.normal_(0, 1 / math.sqrt(w.shape[1])), "torch.no_grad", "torch.no_grad"),
    wrong("the std returned", lambda w: 1 / math.sqrt(w.shape[1]), "return weight", "return weight"),
    wrong("one row filled", first_row_only, ["31,840", "0입니다"], ["31,840 of the 32,000", "still 0"]),
    wrong("one row repeated", one_row_repeated, ["200개 행이 모두 같습니다"], ["all 200 rows are the same"]),
]

BATTERY = {
    "check_selu": [*cases(ex.check_selu, SELU), *guard_cases(ex.check_selu, ex.selu, 1)],
    "check_lecun_normal": [
        *cases(ex.check_lecun_normal, LECUN),
        *guard_cases(ex.check_lecun_normal, ex.lecun_normal_, 1),
    ],
}


@pytest.mark.parametrize("case", [case for battery in BATTERY.values() for case in battery], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_has_at_least_15_answers():
    assert all(len(battery) >= 15 for battery in BATTERY.values())


def test_the_constants_are_torchs():
    assert F.selu(torch.tensor([1.0], dtype=torch.float64)).item() == LAM
    assert LAM == pytest.approx(1.0507009873554805) and ALPHA == pytest.approx(1.6732632423543772)
    x = torch.linspace(-5, 5, 101, dtype=torch.float64)
    torch.testing.assert_close(ex.selu(x), F.selu(x))


@pytest.mark.parametrize(("fan_in", "fan_out"), ex.LECUN_SHAPES)
def test_the_named_slips_lie_apart_from_lecun_and_from_each_other(fan_in, fan_out):
    """Each named slip's std is more than SLIP_SEPARATION from LeCun's and from every other named slip: the
    statistics of the checker's draws tell them apart, and no slip is named for another."""
    stds = [1 / math.sqrt(fan_in), *(std for std, _ in ex._std_slips(fan_in, fan_out))]
    for i, a in enumerate(stds):
        for b in stds[i + 1 :]:
            assert abs(a / b - 1) > ex.SLIP_SEPARATION


def test_the_lecun_check_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    want = torch.rand(3)
    torch.manual_seed(123)
    ex.check_lecun_normal(ex.lecun_normal_)
    assert torch.equal(torch.rand(3), want)


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="gain 3/4"):
        ex.check_lecun_normal(lambda w: nn.init.kaiming_normal_(w, nonlinearity="selu"))
    assert ex.check_selu(ex.selu)
