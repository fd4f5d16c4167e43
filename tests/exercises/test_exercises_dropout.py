"""The dropout lab's checkers: right answers pass, plausible mistakes get a message naming them."""

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises.dropout import check_dropout, check_dropout_mlp, dropout, dropout_mlp
from tests.exercises.conftest import rejected


def test_reference_dropout_and_torch_pass():
    assert check_dropout(dropout)
    assert check_dropout(F.dropout)  # F.dropout(x, p, training) is the same inverted dropout
    x = torch.ones(1000, 100)
    assert torch.equal(dropout(x, 0.3, False), x)
    kept = dropout(x, 0.3, True)
    assert kept.unique().tolist() == [0.0, pytest.approx(1 / 0.7)]


def masked(x, p, keep_if):
    return x * keep_if(torch.rand_like(x), p).float()


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


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda x, p, t: masked(x, p, torch.ge) if t else x, ["그대로", "1/(1-p)"], ["unchanged", "1/(1-p)"]),
        (
            lambda x, p, t: masked(x, p, torch.lt) / (1 - p) if t else x,
            ["끄는 확률", "1-p"],
            ["probability of dropping", "1-p"],
        ),
        (lambda x, p, t: masked(x, p, torch.ge) / (1 - p), ["평가", "그대로"], ["eval", "as it is"]),
        (
            lambda x, p, t: masked(x, p, torch.ge) if t else x * (1 - p),
            ["(1-p)를 곱했", "학습 때"],
            ["multiplied x by (1-p)", "while training"],
        ),
        (lambda x, p, t: masked(x, p, torch.ge) * (1 - p) if t else x, ["나누세요"], ["divide by (1-p)"]),
        (lambda x, p, t: masked(x, p, torch.ge) / p if t else x, ["p로 나눴"], ["divided by p"]),
        (lambda x, p, t: x / (1 - p) if t else x, ["끄지 않았"], ["nothing was dropped"]),
        (in_place, ["제자리"], ["in place"]),
        (seeded, ["새 마스크", "시드"], ["new mask", "seed"]),
        (lambda x, p, t: x[:, :10] if t else x, ["모양"], ["shape"]),
    ],
)
def test_dropout_mistakes_are_named(answer, ko, en):
    rejected(check_dropout(answer), ko, en)


def test_dropout_checker_leaves_the_callers_random_state_alone():
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    check_dropout(dropout)
    assert torch.equal(torch.rand(3), expected)


def hidden_blocks(sizes, p, block):
    layers = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
        layers += [nn.Linear(n_in, n_out), *block(p)]
    return layers


def test_reference_placement_passes_and_dropout_before_relu_is_the_same_network():
    assert check_dropout_mlp(dropout_mlp)
    assert check_dropout_mlp(
        lambda s, p: nn.Sequential(*hidden_blocks(s, p, lambda p: [nn.Dropout(p), nn.ReLU()]), nn.Linear(s[-2], s[-1]))
    )


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (
            lambda s, p: nn.Sequential(*dropout_mlp(s, p), nn.Dropout(p)),
            ["출력층", "드롭아웃을 넣지 않습니다"],
            ["output layer gets no dropout"],
        ),
        (lambda s, p: nn.Sequential(*dropout_mlp(s, p), nn.ReLU()), ["ReLU", "음수"], ["ReLU", "negative"]),
        (
            lambda s, p: nn.Sequential(*hidden_blocks(s, p, lambda p: [nn.ReLU()]), nn.Linear(s[-2], s[-1])),
            ["Dropout이 없습니다"],
            ["has no Dropout"],
        ),
        (
            lambda s, p: nn.Sequential(*hidden_blocks(s, p, lambda p: [nn.Dropout(p)]), nn.Linear(s[-2], s[-1])),
            ["ReLU가 없습니다"],
            ["has no ReLU"],
        ),
        (
            lambda s, p: nn.Sequential(
                *hidden_blocks(s, p, lambda p: [nn.ReLU(), nn.Dropout()]), nn.Linear(s[-2], s[-1])
            ),
            ["0.5", "p = 0.25"],
            ["p=0.5", "expected p=0.25"],
        ),
        (lambda s, p: nn.Sequential(nn.Dropout(p), *dropout_mlp(s, p)), ["첫 Linear 앞"], ["preceded by Dropout"]),
        (lambda s, p: nn.Sequential(nn.Linear(s[0], s[-1])), ["Linear 층이"], ["Linear layers should be"]),
        (lambda s, p: list(dropout_mlp(s, p)), ["nn.Sequential", "list"], ["nn.Sequential", "list"]),
    ],
)
def test_placement_mistakes_are_named(answer, ko, en):
    rejected(check_dropout_mlp(answer), ko, en)


def test_call_failures_are_reported():
    def empty(x, p, training):
        raise NotImplementedError

    rejected(check_dropout(empty), ["빈칸"], ["not written yet"])
    rejected(check_dropout(lambda x, p, training: x.tolist()), ["텐서"], ["tensor"])
    rejected(check_dropout_mlp(lambda sizes, p: None), ["None"], ["None"])
    rejected(check_dropout_mlp(lambda sizes: None), ["오류"], ["TypeError"])


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="1/\\(1-p\\)"):
        check_dropout(lambda x, p, t: masked(x, p, torch.ge) if t else x)
    with pytest.raises(ExerciseError, match="output layer"):
        check_dropout_mlp(lambda s, p: nn.Sequential(*dropout_mlp(s, p), nn.Dropout(p)))
    assert check_dropout(dropout)
