"""The dropout lab's checkers: a battery of right and wrong answers (tests/exercises/battery.py), and the
properties the checkers stand on."""

from collections import OrderedDict

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises.dropout import check_dropout, check_dropout_mlp, dropout, dropout_mlp
from tests.exercises.answers import cases, right, wrong
from tests.exercises.conftest import assert_right, guard_cases


def masked(x, p, keep_if):
    return x * keep_if(torch.rand_like(x), p).float()


def inverted(keep_if, scale=lambda p: 1 / (1 - p)):
    """Inverted dropout with the mask ``keep_if(torch.rand_like(x), p)`` and kept values times ``scale(p)``."""
    return lambda x, p, training: masked(x, p, keep_if) * scale(p) if training else x


def in_place(x, p, training):
    if training:
        x[torch.rand_like(x) < p] = 0
        x /= 1 - p
    return x


def seeded(x, p, training):
    if not training:
        return x
    generator = torch.Generator().manual_seed(0)
    return x * (torch.rand(x.shape, generator=generator) >= p) / (1 - p)


def fixed_p(q):
    return lambda x, p, training: dropout(x, q, training)


def module_dropout(x, p, training):
    layer = nn.Dropout(p)
    layer.train(training)
    return layer(x)


def exact_count(x, p, training):
    """Keeps exactly round((1-p)·n) values, at random places: a right answer."""
    if not training:
        return x
    keep = torch.randperm(x.numel()) < round((1 - p) * x.numel())
    return x * keep.reshape(x.shape) / (1 - p)


def numpy_dropout(x, p, training):
    if not training:
        return x.numpy()
    return x.numpy() * (np.random.rand(*x.shape) >= p) / (1 - p)


def random_scale(x, p, training):
    return x * (torch.rand_like(x) >= p) * (2 * torch.rand_like(x) / (1 - p)) if training else x


def meta_result(x, p, training):
    return torch.empty(x.shape, device="meta")


DROPOUT = [
    right("the reference", dropout),
    right("F.dropout", F.dropout),
    right("nn.Dropout inside, train(training)", module_dropout),
    right("torch.bernoulli", lambda x, p, t: x * torch.bernoulli(torch.full_like(x, 1 - p)) / (1 - p) if t else x),
    right("mask with >", inverted(torch.gt)),
    right(
        "torch.where, float64",
        lambda x, p, t: torch.where(torch.rand_like(x) >= p, x.double() / (1 - p), 0) if t else x,
    ),
    right("eval returns a copy", lambda x, p, t: dropout(x, p, True) if t else x.clone()),
    right("an exact count kept at random places", exact_count),
    right("numpy arrays", numpy_dropout),
    wrong("not scaled", inverted(torch.ge, lambda p: 1), ["그대로", "1/(1-p)"], ["unchanged", "1/(1-p)"]),
    wrong("keeps with probability p", inverted(torch.lt), ["끄는 확률", "1-p"], ["probability of dropping", "1-p"]),
    wrong("drops in eval too", lambda x, p, t: dropout(x, p, True), ["평가", "0으로"], ["eval", "set to 0"]),
    wrong(
        "eval multiplies by 1-p",
        lambda x, p, t: masked(x, p, torch.ge) if t else x * (1 - p),
        ["(1-p)를 곱했", "학습 때"],
        ["multiplied x by (1-p)", "while training"],
    ),
    wrong(
        "eval scales by 1/(1-p)", lambda x, p, t: x / (1 - p), ["평가", "1/(1-p)배"], ["eval", "scaled x by 1/(1-p)"]
    ),
    wrong("multiplies by 1-p", inverted(torch.ge, lambda p: 1 - p), ["나누세요"], ["divide by (1-p)"]),
    wrong("divides by p", inverted(torch.ge, lambda p: 1 / p), ["p로 나눴"], ["divided by p"]),
    wrong("nothing dropped", lambda x, p, t: x / (1 - p) if t else x, ["끄지 않았"], ["nothing was dropped"]),
    wrong("p fixed at 0.5", fixed_p(0.5), ["고정해(p = 0.5)", "인자 p"], ["p fixed at 0.5", "use the argument p"]),
    wrong("p fixed at 0.3, the lab's", fixed_p(0.3), ["고정해(p = 0.3)", "p = 0.6"], ["p fixed at 0.3", "p is 0.6"]),
    wrong(
        "scale fixed at 1/(1-0.3)",
        inverted(torch.ge, lambda p: 1 / 0.7),
        ["고정한(p = 0.3)", "1/(1-0.3)"],
        ["1/(1-0.3), p fixed at 0.3"],
    ),
    wrong("a random scale", random_scale, ["같은 배율", "가장 크게 다른"], ["same 1/(1-p)", "largest difference"]),
    wrong(
        "one mask per unit, shared by the samples",
        lambda x, p, t: x * (torch.rand(x.shape[1]) >= p) / (1 - p) if t else x,
        ["열(유닛) 300개 가운데 300개", "torch.rand_like(x)"],
        ["300 of 300 columns", "torch.rand_like(x)"],
    ),
    wrong(
        "one mask per sample (whole rows)",
        lambda x, p, t: x * (torch.rand(x.shape[0], 1) >= p) / (1 - p) if t else x,
        ["행(샘플) 100개 가운데 100개"],
        ["100 of 100 rows"],
    ),
    wrong("changes x in place", in_place, ["제자리"], ["in place"]),
    wrong("seeded inside", seeded, ["새 마스크", "시드"], ["new mask", "seed"]),
    wrong("wrong shape", lambda x, p, t: x[:, :10] if t else x, ["모양", "(100, 300)"], ["shape", "(100, 300)"]),
    wrong("a list", lambda x, p, t: x.tolist(), ["텐서", "list"], ["tensor", "list"]),
    wrong("no return", lambda x, p, t: None, ["None"], ["None"]),
    wrong("nan", lambda x, p, t: x / 0 * 0, ["nan"], ["nan"]),
    wrong("a meta tensor", meta_result, ["meta"], ["meta"]),
    wrong("the template", lambda x, p, t: (_ for _ in ()).throw(NotImplementedError), ["빈칸"], ["not written yet"]),
    wrong("two parameters", lambda x, p: x, ["인수 3개", "(x, p)"], ["3 arguments", "(x, p)"]),
    wrong("a module instead of the function", nn.Dropout(0.3), ["모델", "Dropout"], ["a model (Dropout)"]),
    wrong("the output instead of the function", dropout(torch.ones(3), 0.3, True), ["함수", "Tensor"], ["function"]),
]


def hidden_blocks(sizes, p, block):
    layers = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
        layers += [nn.Linear(n_in, n_out), *block(p)]
    return layers


def mlp_of(block, end=()):
    """An MLP whose hidden layers are ``Linear`` then ``block(p)``, ending with the output Linear and ``end``."""
    return lambda s, p: nn.Sequential(*hidden_blocks(s, p, block), nn.Linear(s[-2], s[-1]), *end)


def nested(sizes, p):
    blocks = [nn.Sequential(nn.Linear(a, b), nn.ReLU(), nn.Dropout(p)) for a, b in zip(sizes[:-2], sizes[1:-1])]
    return nn.Sequential(*blocks, nn.Linear(sizes[-2], sizes[-1]))


def named(sizes, p):
    layers = OrderedDict()
    for i, (a, b) in enumerate(zip(sizes[:-2], sizes[1:-1])):
        layers.update({f"fc{i}": nn.Linear(a, b), f"relu{i}": nn.ReLU(inplace=True), f"drop{i}": nn.Dropout(p)})
    layers["out"] = nn.Linear(sizes[-2], sizes[-1])
    return nn.Sequential(layers)


def added(sizes, p):
    model = nn.Sequential()
    for a, b in zip(sizes[:-2], sizes[1:-1]):
        model.append(nn.Linear(a, b)).append(nn.ReLU()).append(nn.Dropout(p, inplace=True))
    return model.append(nn.Linear(sizes[-2], sizes[-1]))


MLP = [
    right("the reference", dropout_mlp),
    right("nested Sequential blocks", nested),
    right("named layers (OrderedDict), inplace ReLU", named),
    right("append, inplace Dropout", added),
    wrong(
        "Dropout before ReLU",
        mlp_of(lambda p: [nn.Dropout(p), nn.ReLU()]),
        ["Linear → Dropout → ReLU", "ReLU 앞에", "Linear → ReLU → Dropout(p)"],
        ["Linear → Dropout → ReLU", "before the ReLU", "Linear → ReLU → Dropout(p)"],
    ),
    wrong(
        "AlphaDropout",
        mlp_of(lambda p: [nn.ReLU(), nn.AlphaDropout(p)]),
        ["AlphaDropout", "SELU", "nn.Dropout(p)"],
        ["AlphaDropout is the dropout for SELU", "nn.Dropout(p)"],
    ),
    wrong("Dropout1d", mlp_of(lambda p: [nn.ReLU(), nn.Dropout1d(p)]), ["채널 전체"], ["whole channels"]),
    wrong(
        "Tanh for ReLU", mlp_of(lambda p: [nn.Tanh(), nn.Dropout(p)]), ["ReLU 자리에 Tanh"], ["Tanh where nn.ReLU()"]
    ),
    wrong(
        "dropout after the output",
        lambda s, p: nn.Sequential(*dropout_mlp(s, p), nn.Dropout(p)),
        ["출력층", "드롭아웃을 넣지 않습니다"],
        ["output layer gets no dropout"],
    ),
    wrong("ReLU after the output", mlp_of(lambda p: [nn.ReLU(), nn.Dropout(p)], [nn.ReLU()]), ["음수"], ["negative"]),
    wrong("no dropout", mlp_of(lambda p: [nn.ReLU()]), ["Dropout이 없습니다"], ["has no Dropout"]),
    wrong("no ReLU", mlp_of(lambda p: [nn.Dropout(p)]), ["ReLU가 없습니다"], ["has no ReLU"]),
    wrong(
        "two dropouts",
        mlp_of(lambda p: [nn.ReLU(), nn.Dropout(p), nn.Dropout(p)]),
        ["층이 3개"],
        ["3 layers after its Linear"],
    ),
    wrong(
        "nn.Dropout()'s default p",
        mlp_of(lambda p: [nn.ReLU(), nn.Dropout()]),
        ["0.5", "p = 0.25", "기본값"],
        ["p=0.5", "this call's p=0.25", "default"],
    ),
    wrong("p fixed at the lab's 0.3", mlp_of(lambda p: [nn.ReLU(), nn.Dropout(0.3)]), ["0.3", "인자 p"], ["p=0.3"]),
    wrong(
        "dropout on the input",
        lambda s, p: nn.Sequential(nn.Dropout(p), *dropout_mlp(s, p)),
        ["첫 Linear 앞"],
        ["preceded by Dropout"],
    ),
    wrong(
        "the lab's sizes typed in",
        lambda s, p: dropout_mlp([784, 512, 512, 10], p),
        ["Linear 층이", "(64, 32)"],
        ["Linear layers should be", "(64, 32)"],
    ),
    wrong(
        "a list of layers", lambda s, p: list(dropout_mlp(s, p)), ["nn.Sequential(*layers)"], ["nn.Sequential(*layers)"]
    ),
    wrong(
        "an nn.ModuleList",
        lambda s, p: nn.ModuleList(dropout_mlp(s, p)),
        ["ModuleList", "nn.Sequential(*layers)"],
        ["ModuleList", "nn.Sequential(*layers)"],
    ),
    wrong("the built model", dropout_mlp([784, 512, 10], 0.3), ["모델", "Sequential"], ["a model (Sequential)"]),
    wrong("no return", lambda sizes, p: None, ["None"], ["None"]),
    wrong("one parameter", lambda sizes: None, ["인수 2개", "(sizes)"], ["2 arguments", "(sizes)"]),
]

BATTERY = {
    "check_dropout": [*cases(check_dropout, DROPOUT), *guard_cases(check_dropout, dropout, 3)],
    "check_dropout_mlp": [*cases(check_dropout_mlp, MLP), *guard_cases(check_dropout_mlp, dropout_mlp, 2)],
}


@pytest.mark.parametrize("case", [case for battery in BATTERY.values() for case in battery], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_has_at_least_15_answers():
    assert all(len(battery) >= 15 for battery in BATTERY.values())


def test_the_reference_keeps_1_minus_p_and_scales():
    x = torch.ones(1000, 100)
    assert torch.equal(dropout(x, 0.3, False), x)
    kept = dropout(x, 0.3, True)
    assert kept.unique().tolist() == [0.0, pytest.approx(1 / 0.7)]


def test_dropout_checker_leaves_the_callers_random_state_alone():
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    check_dropout(dropout)
    assert torch.equal(torch.rand(3), expected)


def test_checkers_work_inside_no_grad():
    with torch.no_grad():
        assert check_dropout(dropout) and check_dropout_mlp(dropout_mlp)
        assert not check_dropout(inverted(torch.lt))


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="1/\\(1-p\\)"):
        check_dropout(inverted(torch.ge, lambda p: 1))
    with pytest.raises(ExerciseError, match="before the ReLU"):
        check_dropout_mlp(mlp_of(lambda p: [nn.Dropout(p), nn.ReLU()]))
    assert check_dropout(dropout)
