"""The checkers of lab 9-7: the references pass, plausible mistakes are named in both languages."""

import math

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import selu as ex
from tests.exercises.conftest import rejected

LAM, ALPHA = ex.SELU_LAMBDA, ex.SELU_ALPHA


def test_the_constants_are_torchs():
    assert F.selu(torch.tensor([1.0], dtype=torch.float64)).item() == LAM
    assert LAM == pytest.approx(1.0507009873554805) and ALPHA == pytest.approx(1.6732632423543772)
    x = torch.linspace(-5, 5, 101, dtype=torch.float64)
    torch.testing.assert_close(ex.selu(x), F.selu(x))


def test_the_references_pass():
    assert ex.check_selu(ex.selu)
    assert ex.check_selu(F.selu)
    assert ex.check_lecun_normal(ex.lecun_normal_)
    assert ex.check_lecun_normal(lambda w: nn.init.kaiming_normal_(w, nonlinearity="linear"))


def test_the_lecun_check_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    want = torch.rand(3)
    torch.manual_seed(123)
    ex.check_lecun_normal(ex.lecun_normal_)
    assert torch.equal(torch.rand(3), want)


@pytest.mark.parametrize(
    ("fn", "ko", "en"),
    [
        (lambda x: torch.where(x > 0, x, ALPHA * (torch.exp(x) - 1)), "ELU", "that is ELU"),
        (lambda x: F.elu(x, alpha=ALPHA), "ELU", "that is ELU"),
        (lambda x: torch.where(x > 0, LAM * x, ALPHA * (torch.exp(x) - 1)), "음수 쪽에 λ", "negative side lacks λ"),
        (lambda x: torch.where(x > 0, x, LAM * ALPHA * (torch.exp(x) - 1)), "양수 쪽에 λ", "positive side lacks λ"),
        (lambda x: LAM * torch.where(x > 0, x, ALPHA * torch.exp(x)), "1을 빼지", "α(eˣ − 1)"),
        (lambda x: ALPHA * torch.where(x > 0, x, LAM * (torch.exp(x) - 1)), "뒤바뀌었습니다", "swapped"),
        (lambda x: LAM * torch.where(x > 0, x, ALPHA * (torch.exp(-x) - 1)), "e^(−x)", "e^(−x)"),
        (lambda x: LAM * torch.relu(x), "값이 다릅니다", "values differ"),
        (lambda x: F.selu(x).flatten(), "모양(shape)", "shape should be"),
    ],
)
def test_selu_mistakes_are_named(fn, ko, en):
    rejected(ex.check_selu(fn), ko, en)


def normal(std_of):
    return lambda w: nn.init.normal_(w, 0.0, std_of(w.shape[1], w.shape[0]))


@pytest.mark.parametrize(
    ("init", "ko", "en"),
    [
        (lambda w: nn.init.kaiming_normal_(w, nonlinearity="selu"), "gain 3/4", 'nonlinearity="linear"'),
        (lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"), "He 초기화", "He init"),
        (nn.init.xavier_normal_, "Xavier", "Xavier"),
        (nn.init.xavier_uniform_, "Xavier", "Xavier"),
        (normal(lambda fan_in, fan_out: 1 / math.sqrt(fan_out)), "fan_out", "fan_out"),
        (normal(lambda fan_in, fan_out: 1 / fan_in), "분산 1/fan_in을 표준편차로", "variance 1/fan_in as the std"),
        (nn.init.normal_, "표준편차가 1", "std is 1"),
        (normal(lambda fan_in, fan_out: 1 / math.sqrt(784)), "1/√160", "1/√160"),
        (lambda w: nn.init.normal_(w, 0.1, 1 / math.sqrt(w.shape[1])), "평균", "mean"),
        (
            lambda w: nn.init.uniform_(w, -math.sqrt(3 / w.shape[1]), math.sqrt(3 / w.shape[1])),
            "균등분포",
            "look uniform",
        ),
        (lambda w: torch.randn_like(w) / math.sqrt(w.shape[1]), "제자리", "in place"),
        (lambda w: w.normal_(0, 1 / math.sqrt(w.shape[1])), "torch.no_grad", "torch.no_grad"),
        (lambda w: 1 / math.sqrt(w.shape[1]), "return weight", "return weight"),
    ],
)
def test_lecun_mistakes_are_named(init, ko, en):
    rejected(ex.check_lecun_normal(init), ko, en)


def test_an_unfilled_template_and_a_missing_return_get_a_message():
    def template(x):
        raise NotImplementedError

    rejected(ex.check_selu(template), "빈칸", "not written yet")
    rejected(ex.check_lecun_normal(lambda w: None), "return", "return")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="gain 3/4"):
        ex.check_lecun_normal(lambda w: nn.init.kaiming_normal_(w, nonlinearity="selu"))
    assert ex.check_selu(ex.selu)
