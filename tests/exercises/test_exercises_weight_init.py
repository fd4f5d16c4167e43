"""The weight-initialization lab's checkers: a battery of right and wrong answers (tests/exercises/battery.py),
and the properties the checkers stand on."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises.weight_init import check_he_normal, check_xavier_uniform, he_normal, xavier_uniform
from tests.exercises.answers import cases, right, wrong
from tests.exercises.conftest import assert_right, guard_cases


def he_std(std_of):
    """A normal draw of the weight's shape with std ``std_of(fan_in, fan_out)``."""
    return lambda w: torch.randn(w.shape) * std_of(w.shape[1], w.shape[0])


def uniform(bound_of):
    """A uniform draw in (−b, b) of the weight's shape, b = ``bound_of(fan_in, fan_out)``."""
    return lambda w: (torch.rand(w.shape) * 2 - 1) * bound_of(w.shape[1], w.shape[0])


def he_in_place(weight):
    with torch.no_grad():
        return weight.normal_(0, math.sqrt(2 / weight.shape[1]))


def xavier_bound(fan_in, fan_out):
    return math.sqrt(6 / (fan_in + fan_out))


HE = [
    right("the reference", he_normal),
    right("kaiming_normal_ for ReLU", lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")),
    right("kaiming_normal_ with its defaults", nn.init.kaiming_normal_),
    right("filled in place under no_grad", he_in_place),
    right("float64", lambda w: torch.randn(w.shape, dtype=torch.float64) * math.sqrt(2 / w.size(1))),
    right("numpy", lambda w: np.random.randn(*w.shape) * np.sqrt(2 / w.shape[1])),
    right("torch.normal", lambda w: torch.normal(0.0, math.sqrt(2 / w.shape[1]), size=tuple(w.shape))),
    wrong(
        "fan_out",
        he_std(lambda fan_in, fan_out: math.sqrt(2 / fan_out)),
        ["fan_out", "weight.shape[1]"],
        ["fan_out", "fan_in = weight.shape[1]"],
    ),
    wrong(
        "variance as std", he_std(lambda fan_in, fan_out: 2 / fan_in), ["분산", "제곱근"], ["variance", "square root"]
    ),
    wrong("LeCun's variance", he_std(lambda fan_in, fan_out: math.sqrt(1 / fan_in)), ["LeCun"], ["LeCun"]),
    wrong(
        "Xavier's variance",
        he_std(lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
        ["Xavier", "fan_in만"],
        ["Xavier", "fan_in only"],
    ),
    wrong(
        "fan_in fixed at 784",
        he_std(lambda fan_in, fan_out: math.sqrt(2 / 784)),
        ["고정한 값(fan_in = 784)", "fan_in은 256"],
        ["fixed at 784", "fan_in is 256"],
    ),
    wrong(
        "flipped shape",
        lambda w: torch.randn(w.shape[1], w.shape[0]) * math.sqrt(2 / w.shape[1]),
        ["(out_features, in_features)"],
        ["(out_features, in_features)"],
    ),
    wrong(
        "uniform with He's std",
        lambda w: nn.init.kaiming_uniform_(w, nonlinearity="relu"),
        ["균등분포", "첨도", "torch.randn"],
        ["uniform", "kurtosis", "torch.randn"],
    ),
    wrong(
        "off center",
        lambda w: torch.randn(w.shape) * math.sqrt(2 / w.shape[1]) + 0.05,
        ["평균이", "0을 중심"],
        ["the mean is", "centered at 0"],
    ),
    wrong("absolute values", lambda w: he_normal(w).abs(), ["모든 값이 0 이상", "torch.randn"], ["every value is ≥ 0"]),
    wrong("the weight as it came", lambda w: w, ["그대로", "새 값"], ["as nn.Linear made it", "new values"]),
    wrong(
        "one row repeated",
        lambda w: (torch.randn(w.shape[1]) * math.sqrt(2 / w.shape[1])).expand(w.shape),
        ["128개 행이 모두 같습니다", "torch.randn(weight.shape)"],
        ["all 128 rows are the same", "torch.randn(weight.shape)"],
    ),
    wrong(
        "one column repeated",
        lambda w: (torch.randn(w.shape[0], 1) * math.sqrt(2 / w.shape[1])).repeat(1, w.shape[1]),
        ["784개 열이 모두 같습니다"],
        ["all 784 columns are the same"],
    ),
    wrong(
        "a few values repeated",
        lambda w: (torch.randn(64) * math.sqrt(2 / w.shape[1])).repeat(w.numel() // 64 + 1)[: w.numel()].view(w.shape),
        ["서로 다른 값이 64개뿐"],
        ["only 64 distinct values"],
    ),
    wrong("a list", lambda w: he_normal(w).tolist(), ["텐서", "list"], ["tensor", "list"]),
    wrong("nan", lambda w: torch.full(w.shape, float("nan")), ["nan"], ["nan"]),
    wrong("complex", lambda w: torch.randn(w.shape, dtype=torch.cfloat), ["실수", "complex"], ["real numbers"]),
    wrong("no return", lambda w: None, ["None"], ["None"]),
    wrong("no parameter", lambda: 0, ["인수 1개"], ["1 argument"]),
    wrong("a layer instead of the function", nn.Linear(3, 2), ["모델", "Linear"], ["a model (Linear)"]),
]

XAVIER = [
    right("the reference", xavier_uniform),
    right("nn.init.xavier_uniform_", nn.init.xavier_uniform_),
    right(
        "torch.empty(...).uniform_",
        lambda w: torch.empty(w.shape).uniform_(-xavier_bound(*w.shape[::-1]), xavier_bound(*w.shape[::-1])),
    ),
    right("float64 numpy", lambda w: np.random.uniform(-1, 1, tuple(w.shape)) * xavier_bound(w.shape[1], w.shape[0])),
    wrong(
        "the std as the bound",
        uniform(lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
        ["표준편차 √(2/(fan_in+fan_out))를 경계로", "√3"],
        ["as the bound", "√3"],
    ),
    wrong("fan_in only", uniform(lambda fan_in, fan_out: math.sqrt(6 / fan_in)), ["√(6/fan_in)"], ["√(6/fan_in)"]),
    wrong("fan_out only", uniform(lambda fan_in, fan_out: math.sqrt(6 / fan_out)), ["√(6/fan_out)"], ["√(6/fan_out)"]),
    wrong(
        "rand - 0.5",
        lambda w: (torch.rand(w.shape) - 0.5) * xavier_bound(w.shape[1], w.shape[0]),
        ["절반", "(torch.rand(...) * 2 - 1) * a"],
        ["half of a", "(torch.rand(...) * 2 - 1) * a"],
    ),
    wrong(
        "not shifted",
        lambda w: torch.rand(w.shape) * xavier_bound(w.shape[1], w.shape[0]),
        ["모든 값이 0 이상", "torch.rand(...) * 2 - 1"],
        ["every value is ≥ 0", "torch.rand(...) * 2 - 1"],
    ),
    wrong(
        "normal with Xavier's std",
        lambda w: torch.randn(w.shape) * math.sqrt(2 / sum(w.shape)),
        ["경계", "torch.rand"],
        ["beyond the bound", "not torch.randn"],
    ),
    wrong("xavier_normal_", nn.init.xavier_normal_, ["정규분포처럼", "torch.rand"], ["normal distribution's"]),
    wrong(
        "clamped normal",
        lambda w: torch.randn(w.shape).clamp(-1, 1) * xavier_bound(w.shape[1], w.shape[0]),
        ["표준편차", "고르게"],
        ["std", "evenly"],
    ),
    wrong(
        "flipped shape",
        lambda w: (torch.rand(w.shape[::-1]) * 2 - 1) * xavier_bound(w.shape[1], w.shape[0]),
        ["(128, 784)", "weight.shape"],
        ["(128, 784)", "weight.shape"],
    ),
    wrong("the weight as it came", lambda w: w, ["그대로"], ["as nn.Linear made it"]),
    wrong(
        "bound fixed for 784 + 256",
        uniform(lambda fan_in, fan_out: math.sqrt(6 / (784 + 256))),
        ["가장 큰 |값|", "√(6/(fan_in+fan_out))"],
        ["largest |value|", "√(6/(fan_in+fan_out))"],
    ),
    wrong(
        "one row repeated",
        lambda w: xavier_uniform(w[:1]).expand(w.shape),
        ["행이 모두 같습니다"],
        ["rows are the same"],
    ),
    wrong("no return", lambda w: None, ["None"], ["None"]),
    wrong("the template", lambda w: (_ for _ in ()).throw(NotImplementedError), ["빈칸"], ["not written yet"]),
]

BATTERY = {
    "check_he_normal": [*cases(check_he_normal, HE), *guard_cases(check_he_normal, he_normal, 1)],
    "check_xavier_uniform": [
        *cases(check_xavier_uniform, XAVIER),
        *guard_cases(check_xavier_uniform, xavier_uniform, 1),
    ],
}


@pytest.mark.parametrize("case", [case for battery in BATTERY.values() for case in battery], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_has_at_least_15_answers():
    assert all(len(battery) >= 15 for battery in BATTERY.values())


def test_references_follow_the_formulas_on_a_fresh_seed():
    torch.manual_seed(123)
    weight = nn.Linear(300, 100).weight
    assert he_normal(weight).std().item() == pytest.approx(math.sqrt(2 / 300), rel=0.03)
    bound = math.sqrt(6 / 400)
    drawn = xavier_uniform(weight)
    assert drawn.abs().max().item() <= bound
    assert drawn.std().item() == pytest.approx(bound / math.sqrt(3), rel=0.03)


def test_checkers_leave_the_callers_random_state_alone():
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    check_he_normal(he_normal)
    check_xavier_uniform(xavier_uniform)
    assert torch.equal(torch.rand(3), expected)


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="fan_out"):
        check_he_normal(he_std(lambda fan_in, fan_out: math.sqrt(2 / fan_out)))
    with pytest.raises(ExerciseError, match="bound"):
        check_xavier_uniform(lambda w: torch.randn(w.shape) * math.sqrt(2 / sum(w.shape)))
    assert check_he_normal(he_normal)
