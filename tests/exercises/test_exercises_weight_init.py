"""The weight-initialization lab's checkers: right inits pass, plausible mistakes get a message naming them."""

import math

import pytest
import torch
from torch import nn

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises.weight_init import check_he_normal, check_xavier_uniform, he_normal, xavier_uniform
from tests.exercises.conftest import rejected


def test_references_and_torch_init_pass():
    assert check_he_normal(he_normal)
    assert check_he_normal(lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"))
    assert check_xavier_uniform(xavier_uniform)
    assert check_xavier_uniform(nn.init.xavier_uniform_)


def test_references_follow_the_formulas_on_a_fresh_seed():
    torch.manual_seed(123)
    weight = nn.Linear(300, 100).weight
    assert he_normal(weight).std().item() == pytest.approx(math.sqrt(2 / 300), rel=0.03)
    bound = math.sqrt(6 / 400)
    drawn = xavier_uniform(weight)
    assert drawn.abs().max().item() <= bound
    assert drawn.std().item() == pytest.approx(bound / math.sqrt(3), rel=0.03)


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (
            lambda w: torch.randn(w.shape) * math.sqrt(2 / w.shape[0]),
            ["fan_out", "weight.shape[1]"],
            ["fan_out", "fan_in = weight.shape[1]"],
        ),
        (lambda w: torch.randn(w.shape) * (2 / w.shape[1]), ["분산", "제곱근"], ["variance", "square root"]),
        (lambda w: torch.randn(w.shape) * math.sqrt(1 / w.shape[1]), ["LeCun", "2/fan_in"], ["LeCun", "2/fan_in"]),
        (
            lambda w: torch.randn(w.shape[1], w.shape[0]) * math.sqrt(2 / w.shape[1]),
            ["(out_features, in_features)"],
            ["(out_features, in_features)"],
        ),
        (
            lambda w: nn.init.kaiming_uniform_(w, nonlinearity="relu"),
            ["균등분포", "torch.randn"],
            ["uniform", "torch.randn"],
        ),
        (
            lambda w: torch.randn(w.shape) * math.sqrt(2 / w.shape[1]) + 0.05,
            ["평균", "0을 중심"],
            ["mean", "centered at 0"],
        ),
        (lambda w: w, ["표준편차"], ["std"]),
    ],
)
def test_he_mistakes_are_named(answer, ko, en):
    rejected(check_he_normal(answer), ko, en)


def xavier_bound(w):
    return math.sqrt(6 / sum(w.shape))


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (
            lambda w: (torch.rand(w.shape) * 2 - 1) * math.sqrt(2 / sum(w.shape)),
            ["표준편차 √(2/(fan_in+fan_out))를 경계로", "√3"],
            ["as the bound", "√3"],
        ),
        (
            lambda w: torch.rand(w.shape) * xavier_bound(w),
            ["평균", "torch.rand(...) * 2 - 1"],
            ["centered", "torch.rand(...) * 2 - 1"],
        ),
        (
            lambda w: torch.randn(w.shape) * math.sqrt(2 / sum(w.shape)),
            ["경계", "torch.rand"],
            ["beyond the bound", "not torch.randn"],
        ),
        (lambda w: torch.randn(w.shape).clamp(-1, 1) * xavier_bound(w), ["표준편차", "고르게"], ["std", "evenly"]),
        (
            lambda w: (torch.rand(w.shape[::-1]) * 2 - 1) * xavier_bound(w),
            ["(256, 784)", "weight.shape"],
            ["(256, 784)", "weight.shape"],
        ),
    ],
)
def test_xavier_mistakes_are_named(answer, ko, en):
    rejected(check_xavier_uniform(answer), ko, en)


def test_call_failures_are_reported():
    rejected(check_he_normal(lambda w: w.tolist()), ["텐서", "list"], ["tensor", "list"])
    rejected(check_he_normal(lambda w: torch.full(w.shape, float("nan"))), ["nan"], ["nan"])
    rejected(check_xavier_uniform(lambda w: None), ["None"], ["None"])
    rejected(check_xavier_uniform(lambda: 0), ["오류"], ["TypeError"])


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
        check_he_normal(lambda w: torch.randn(w.shape) * math.sqrt(2 / w.shape[0]))
    with pytest.raises(ExerciseError, match="bound"):
        check_xavier_uniform(lambda w: torch.randn(w.shape) * math.sqrt(2 / sum(w.shape)))
    assert check_he_normal(he_normal)
