"""The checkers of lab 9-6: a battery of right and wrong answers (tests/exercises/battery.py), and the
references checked against nn.BatchNorm1d."""

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import batch_norm as ex
from tests.exercises.answers import cases, right, wrong
from tests.exercises.conftest import assert_right, guard_cases


def normalized(x, var, eps):
    return (x - x.mean(0)) / torch.sqrt(var + eps)


def biased(x):
    return x.var(0, unbiased=False)


def by_hand_float64(x, gamma, beta, eps):
    x64 = x.double()
    mean = x64.sum(0) / len(x64)
    var = ((x64 - mean) ** 2).sum(0) / len(x64)
    return gamma.double() * (x64 - mean) / (var + eps).sqrt() + beta.double()


def with_layer(x, gamma, beta, eps):
    bn = nn.BatchNorm1d(x.shape[1], eps=eps)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    return bn.train()(x)


TRAIN = [
    right("the reference", ex.bn_train_forward),
    right("F.batch_norm", lambda x, g, b, eps: F.batch_norm(x, None, None, g, b, training=True, eps=eps)),
    right("float64 by hand", by_hand_float64),
    right("an nn.BatchNorm1d given gamma, beta and eps", with_layer),
    right(
        "keepdim and rsqrt", lambda x, g, b, eps: g * (x - x.mean(0, keepdim=True)) * torch.rsqrt(biased(x) + eps) + b
    ),
    wrong(
        "unbiased variance",
        lambda x, g, b, eps: g * normalized(x, x.var(0), eps) + b,
        "N−1로 나눴습니다",
        "divided the variance by N−1",
    ),
    wrong(
        "no eps",
        lambda x, g, b, eps: g * normalized(x, biased(x), 0) + b,
        ["eps", "0 나누기"],
        ["eps", "division by zero"],
    ),
    wrong(
        "eps fixed at 1e-5",
        lambda x, g, b, eps: g * normalized(x, biased(x), 1e-5) + b,
        ["eps=1e-05", "eps=0.001", "인수 eps"],
        ["eps=0.001", "eps=1e-05", "use the argument eps"],
    ),
    wrong(
        "eps outside the root",
        lambda x, g, b, eps: g * (x - x.mean(0)) / (biased(x).sqrt() + eps) + b,
        "제곱근 밖",
        "outside the square root",
    ),
    wrong("no gamma and beta", lambda x, g, b, eps: normalized(x, biased(x), eps), "γ와 β", "γ and β are missing"),
    wrong("gamma and beta swapped", lambda x, g, b, eps: b * normalized(x, biased(x), eps) + g, "뒤바뀌었", "swapped"),
    wrong(
        "variance, not std",
        lambda x, g, b, eps: g * (x - x.mean(0)) / (biased(x) + eps) + b,
        "분산으로 나눴습니다",
        "divided by the variance",
    ),
    wrong(
        "per row",
        lambda x, g, b, eps: g * (x - x.mean(1, True)) / torch.sqrt(x.var(1, unbiased=False, keepdim=True) + eps) + b,
        ["행(샘플)마다", "dim=0"],
        ["per row", "dim=0"],
    ),
    wrong(
        "one mean for the whole batch",
        lambda x, g, b, eps: g * (x - x.mean()) / torch.sqrt(x.var(unbiased=False) + eps) + b,
        ["배치 전체", "dim=0"],
        ["whole batch", "dim=0"],
    ),
    wrong("no division", lambda x, g, b, eps: g * (x - x.mean(0)) + b, "표준편차로 나누지", "did not divide"),
    wrong(
        "an nn.BatchNorm1d with its own γ, β",
        lambda x, g, b, eps: nn.BatchNorm1d(x.shape[1], eps=eps)(x),
        "γ와 β",
        "γ and β",
    ),
    wrong("the column means", lambda x, g, b, eps: x.mean(0), ["모양(shape)", "(8, 4)"], ["shape should be (8, 4)"]),
    wrong(
        "10 % off",
        lambda x, g, b, eps: 1.1 * ex.bn_train_forward(x, g, b, eps),
        ["값이 다릅니다(32개 중", "가장 크게 다른 곳"],
        ["values differ (32 of 32)", "the largest difference is at"],
    ),
    wrong(
        "a tuple", lambda x, g, b, eps: (ex.bn_train_forward(x, g, b, eps), x.mean(0)), "텐서여야", "expected a tensor"
    ),
    wrong("three parameters", lambda x, gamma, beta: x, ["인수 4개", "(x, gamma, beta)"], ["4 arguments"]),
    wrong("the template", lambda x, g, b, eps: (_ for _ in ()).throw(NotImplementedError), "빈칸", "not written yet"),
    wrong("no return", lambda x, g, b, eps: None, "return", "return"),
    wrong("the output instead of the function", ex.bn_train_forward(torch.ones(2, 2), 1, 0), "함수", "function itself"),
    wrong("a layer instead of the function", nn.BatchNorm1d(4), ["모델", "BatchNorm1d"], ["a model (BatchNorm1d)"]),
]


def swapped(m, v, x, momentum):
    return momentum * m + (1 - momentum) * x.mean(0), momentum * v + (1 - momentum) * x.var(0)


def biased_update(m, v, x, momentum):
    return (1 - momentum) * m + momentum * x.mean(0), (1 - momentum) * v + momentum * biased(x)


def swapped_and_biased(m, v, x, momentum):
    return (1 - momentum) * m + momentum * x.mean(0), momentum * v + (1 - momentum) * biased(x)


def fixed_momentum(used):
    return lambda m, v, x, momentum: ex.update_running_stats(m, v, x, used)


def in_place(m, v, x, momentum):
    m.mul_(1 - momentum).add_(momentum * x.mean(0))
    v.mul_(1 - momentum).add_(momentum * x.var(0))
    return m, v


def with_layer_update(m, v, x, momentum):
    bn = nn.BatchNorm1d(x.shape[1], momentum=momentum)
    bn.running_mean.copy_(m)
    bn.running_var.copy_(v)
    bn.train()(x)
    return bn.running_mean, bn.running_var


RUNNING = [
    right("the reference", ex.update_running_stats),
    right("in place, returning the tensors", in_place),
    right("a list", lambda m, v, x, momentum: list(ex.update_running_stats(m, v, x, momentum))),
    right("stacked", lambda m, v, x, momentum: torch.stack(ex.update_running_stats(m, v, x, momentum))),
    right(
        "torch.lerp", lambda m, v, x, momentum: (torch.lerp(m, x.mean(0), momentum), torch.lerp(v, x.var(0), momentum))
    ),
    right("an nn.BatchNorm1d's own update", with_layer_update),
    wrong("momentum on the wrong side", swapped, "방향이 반대", "wrong side"),
    wrong("biased variance", biased_update, "편향 분산", "biased variance"),
    wrong("both", swapped_and_biased, ["방향이 반대", "불편 분산"], ["wrong side", "unbiased"]),
    wrong(
        "momentum fixed at the default 0.1",
        fixed_momentum(0.1),
        ["momentum=0.3", "momentum=0.1", "인수 momentum"],
        ["called with momentum=0.3", "momentum=0.1", "use the argument momentum"],
    ),
    wrong(
        "momentum fixed at 0.2",
        fixed_momentum(0.2),
        ["m = 0.2", "momentum은 0.1"],
        ["m = 0.2", "this call's momentum is 0.1"],
    ),
    wrong(
        "mean right, variance with momentum 0.1",
        lambda m, v, x, momentum: (ex.update_running_stats(m, v, x, momentum)[0], 0.9 * v + 0.1 * x.var(0)),
        ["momentum=0.3", "momentum=0.1"],
        ["momentum=0.3", "momentum=0.1"],
    ),
    wrong(
        "the order swapped",
        lambda m, v, x, momentum: ex.update_running_stats(m, v, x, momentum)[::-1],
        ["순서", "return new_mean, new_var"],
        ["wrong order", "return new_mean, new_var"],
    ),
    wrong(
        "one value",
        lambda m, v, x, momentum: ex.update_running_stats(m, v, x, momentum)[0],
        ["값 2개", "Tensor 하나"],
        ["return 2 values", "one Tensor"],
    ),
    wrong(
        "three values",
        lambda m, v, x, momentum: (*ex.update_running_stats(m, v, x, momentum), x),
        ["값 2개", "값 3개"],
        ["return 2 values", "got 3 values"],
    ),
    wrong(
        "the batch's own statistics",
        lambda m, v, x, momentum: (x.mean(0), x.var(0)),
        ["m = 1", "momentum은 0.1"],
        ["m = 1;", "this call's momentum is 0.1"],
    ),
    wrong(
        "a list of numbers",
        lambda m, v, x, momentum: [t.tolist() for t in ex.update_running_stats(m, v, x, momentum)],
        ["새 이동 평균", "list"],
        ["new running mean", "list"],
    ),
    wrong("three parameters", lambda m, v, x: (m, v), ["인수 4개"], ["4 arguments"]),
]


def batch_stats_for_one(x, m, v, g, b, eps):
    """Caught on the batch of one even when a learner's code special-cases bigger batches."""
    if len(x) == 1:
        return ex.bn_train_forward(x, g, b, eps)
    return ex.bn_eval_forward(x, m, v, g, b, eps)


EVAL = [
    right("the reference", ex.bn_eval_forward),
    right("F.batch_norm", lambda x, m, v, g, b, eps: F.batch_norm(x, m, v, g, b, training=False, eps=eps)),
    right("float64", lambda x, m, v, g, b, eps: ex.bn_eval_forward(x.double(), m.double(), v.double(), g, b, eps)),
    wrong(
        "batch statistics", lambda x, m, v, g, b, eps: ex.bn_train_forward(x, g, b, eps), "이동 평균", "running mean"
    ),
    wrong("batch statistics for one sample", batch_stats_for_one, "이동 평균", "running mean"),
    wrong("no eps", lambda x, m, v, g, b, eps: g * (x - m) / torch.sqrt(v) + b, "eps", "eps"),
    wrong(
        "eps fixed at 1e-5",
        lambda x, m, v, g, b, eps: ex.bn_eval_forward(x, m, v, g, b, 1e-5),
        ["eps=0.1", "eps=1e-05"],
        ["called with eps=0.1", "eps=1e-05"],
    ),
    wrong(
        "eps outside the root",
        lambda x, m, v, g, b, eps: g * (x - m) / (torch.sqrt(v) + eps) + b,
        "제곱근 밖",
        "outside the square root",
    ),
    wrong(
        "no gamma and beta", lambda x, m, v, g, b, eps: (x - m) / torch.sqrt(v + eps), "γ와 β", "γ and β are missing"
    ),
    wrong(
        "variance, not std",
        lambda x, m, v, g, b, eps: g * (x - m) / (v + eps) + b,
        "분산으로 나눴습니다",
        "divided by the variance",
    ),
    wrong(
        "the mean added",
        lambda x, m, v, g, b, eps: g * (x + m) / torch.sqrt(v + eps) + b,
        ["값이 다릅니다", "가장 크게 다른 곳"],
        ["values differ", "the largest difference is at"],
    ),
    wrong(
        "arguments in another order",
        lambda x, g, b, m, v, eps: ex.bn_eval_forward(x, m, v, g, b, eps),
        ["값 32개 중 8개가 nan"],
        ["8 of 32 values are nan"],
    ),
    wrong("a matrix product", lambda x, m, v, g, b, eps: x @ x, "오류", "raised RuntimeError"),
    wrong("five parameters", lambda x, m, v, g, b: x, ["인수 6개"], ["6 arguments"]),
]

BATTERY = {
    "check_bn_train_forward": [
        *cases(ex.check_bn_train_forward, TRAIN),
        *guard_cases(ex.check_bn_train_forward, ex.bn_train_forward, 4),
    ],
    "check_running_stats_update": [
        *cases(ex.check_running_stats_update, RUNNING),
        *guard_cases(ex.check_running_stats_update, ex.update_running_stats, 4),
    ],
    "check_bn_eval_forward": [
        *cases(ex.check_bn_eval_forward, EVAL),
        *guard_cases(ex.check_bn_eval_forward, ex.bn_eval_forward, 6),
    ],
}


@pytest.mark.parametrize("case", [case for battery in BATTERY.values() for case in battery], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_has_at_least_15_answers():
    assert all(len(battery) >= 15 for battery in BATTERY.values())


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


def test_eps_changes_the_answer_in_every_case_where_it_varies():
    """A learner who types eps = 1e-5 must fail: each other eps gives another output on the checker's batches."""
    for seed, rows, eps in ex.TRAIN_CASES[1:]:
        x = ex._batch(seed, rows, 4)
        gamma, beta = ex._affine(seed + 10, 4)
        assert not torch.allclose(ex.bn_train_forward(x, gamma, beta, eps), ex.bn_train_forward(x, gamma, beta, 1e-5))


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="wrong side"):
        ex.check_running_stats_update(swapped)
    assert ex.check_running_stats_update(ex.update_running_stats)
