"""The checkers of lab 9-6: the references pass, plausible mistakes are named in both languages."""

import pytest
import torch
from torch import nn

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import batch_norm as ex
from tests.exercises.conftest import rejected


def normalized(x, var, eps):
    return (x - x.mean(0)) / torch.sqrt(var + eps)


def test_the_references_pass():
    assert ex.check_bn_train_forward(ex.bn_train_forward)
    assert ex.check_running_stats_update(ex.update_running_stats)
    assert ex.check_bn_eval_forward(ex.bn_eval_forward)


def test_the_references_are_what_batchnorm1d_does():
    torch.manual_seed(0)
    x, bn = torch.randn(16, 3) * 2 + 1, nn.BatchNorm1d(3)
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.normal_()
        old_mean, old_var = bn.running_mean.clone(), bn.running_var.clone()
        torch.testing.assert_close(ex.bn_train_forward(x, bn.weight, bn.bias, bn.eps), bn.train()(x))
        new_mean, new_var = ex.update_running_stats(old_mean, old_var, x, bn.momentum)
        torch.testing.assert_close((new_mean, new_var), (bn.running_mean, bn.running_var))
        got = ex.bn_eval_forward(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, bn.eps)
        torch.testing.assert_close(got, bn.eval()(x))


@pytest.mark.parametrize(
    ("forward", "ko", "en"),
    [
        (lambda x, g, b, eps: g * normalized(x, x.var(0), eps) + b, "N−1로 나눴습니다", "divided the variance by N−1"),
        (lambda x, g, b, eps: g * normalized(x, x.var(0, unbiased=False), 0) + b, "eps", "eps"),
        (lambda x, g, b, eps: normalized(x, x.var(0, unbiased=False), eps), "γ와 β", "γ and β are missing"),
        (lambda x, g, b, eps: b * normalized(x, x.var(0, unbiased=False), eps) + g, "뒤바뀌었습니다", "swapped"),
        (
            lambda x, g, b, eps: g * (x - x.mean(0)) / (x.var(0, unbiased=False) + eps) + b,
            "분산으로 나눴습니다",
            "divided by the variance",
        ),
        (
            lambda x, g, b, eps: (
                g * (x - x.mean(1, True)) / torch.sqrt(x.var(1, unbiased=False, keepdim=True) + eps) + b
            ),
            "dim=0",
            "dim=0",
        ),
        (lambda x, g, b, eps: g * (x - x.mean(0)) + b, "표준편차로 나누지", "did not divide"),
        (lambda x, g, b, eps: x.mean(0), "모양(shape)", "shape should be"),
        (lambda x, g, b, eps: 1.1 * ex.bn_train_forward(x, g, b, eps), "값이 다릅니다", "values differ"),
    ],
)
def test_train_forward_mistakes_are_named(forward, ko, en):
    rejected(ex.check_bn_train_forward(forward), ko, en)


def swapped(m, v, x, momentum):
    return momentum * m + (1 - momentum) * x.mean(0), momentum * v + (1 - momentum) * x.var(0)


def biased(m, v, x, momentum):
    return (1 - momentum) * m + momentum * x.mean(0), (1 - momentum) * v + momentum * x.var(0, unbiased=False)


def swapped_and_biased(m, v, x, momentum):
    new_mean = (1 - momentum) * m + momentum * x.mean(0)
    return new_mean, momentum * v + (1 - momentum) * x.var(0, unbiased=False)


def fixed_momentum(m, v, x, momentum):
    return ex.update_running_stats(m, v, x, 0.1)


@pytest.mark.parametrize(
    ("update", "ko", "en"),
    [
        (swapped, "방향이 반대", "wrong side"),
        (biased, "편향 분산", "biased variance"),
        (swapped_and_biased, "불편 분산", "unbiased"),
        (fixed_momentum, "0.1로 고정", "instead of the momentum argument"),
        (lambda m, v, x, momentum: ex.update_running_stats(m, v, x, momentum)[0], "튜플", "tuple"),
        (lambda m, v, x, momentum: (x.mean(0), x.var(0)), "값이 다릅니다", "values differ"),
    ],
)
def test_running_statistics_mistakes_are_named(update, ko, en):
    rejected(ex.check_running_stats_update(update), ko, en)


def test_an_in_place_update_that_returns_the_tensors_passes():
    def in_place(m, v, x, momentum):
        m.mul_(1 - momentum).add_(momentum * x.mean(0))
        v.mul_(1 - momentum).add_(momentum * x.var(0))
        return m, v

    assert ex.check_running_stats_update(in_place)


@pytest.mark.parametrize(
    ("forward", "ko", "en"),
    [
        (lambda x, m, v, g, b, eps: ex.bn_train_forward(x, g, b, eps), "이동 평균", "running mean and variance"),
        (lambda x, m, v, g, b, eps: g * (x - m) / torch.sqrt(v) + b, "eps", "eps"),
        (lambda x, m, v, g, b, eps: (x - m) / torch.sqrt(v + eps), "γ와 β", "γ and β are missing"),
        (lambda x, m, v, g, b, eps: g * (x - m) / (v + eps) + b, "분산으로 나눴습니다", "divided by the variance"),
    ],
)
def test_eval_forward_mistakes_are_named(forward, ko, en):
    rejected(ex.check_bn_eval_forward(forward), ko, en)


def test_batch_statistics_on_one_sample_are_named():
    """Caught on the batch of one even when a learner's code special-cases bigger batches."""

    def batch_stats_for_one(x, m, v, g, b, eps):
        if len(x) == 1:
            return ex.bn_train_forward(x, g, b, eps)
        return ex.bn_eval_forward(x, m, v, g, b, eps)

    rejected(ex.check_bn_eval_forward(batch_stats_for_one), "이동 평균", "running mean")


def test_an_unfilled_template_a_missing_return_and_a_crash_get_a_message():
    def template(x, gamma, beta, eps):
        raise NotImplementedError

    rejected(ex.check_bn_train_forward(template), "빈칸", "not written yet")
    rejected(ex.check_bn_train_forward(lambda x, g, b, eps: None), "return", "return")
    rejected(ex.check_bn_eval_forward(lambda x, m, v, g, b, eps: x @ x), "오류", "raised RuntimeError")
    rejected(ex.check_bn_train_forward(ex.bn_train_forward(torch.ones(2, 2), 1, 0)), "함수", "function itself")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="wrong side"):
        ex.check_running_stats_update(swapped)
    assert ex.check_running_stats_update(ex.update_running_stats)
