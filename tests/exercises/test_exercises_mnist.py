"""The MNIST lab's exercise checkers: the reference passes, plausible mistakes get a message that names them."""

import pytest
import torch
from torch.nn import functional as F

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises.mnist import accuracy, check_accuracy, check_cross_entropy, cross_entropy
from tests.exercises.conftest import rejected


def test_reference_cross_entropy_matches_torch_and_passes():
    logits, y = torch.randn(6, 10) * 500, torch.randint(0, 10, (6,))
    torch.testing.assert_close(cross_entropy(logits, y), F.cross_entropy(logits, y))
    assert check_cross_entropy(cross_entropy)
    assert check_cross_entropy(F.cross_entropy)


def naive(logits, y):  # softmax by the formula: exp overflows for large logits
    probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
    return -probs[torch.arange(len(y)), y].log().mean()


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (naive, ["넘치", "logsumexp"], ["overflow", "logsumexp"]),
        (lambda z, y: -(z.softmax(1)[torch.arange(len(y)), y]).log().mean(), ["log(0)"], ["underflows"]),
        (lambda z, y: -cross_entropy(z, y), ["부호"], ["sign"]),
        (lambda z, y: cross_entropy(z, y) * len(y), ["더했", "평균"], ["summed", "mean"]),
        (lambda z, y: F.cross_entropy(z, y, reduction="none"), ["(8,)", ".mean()"], ["(8,)", ".mean()"]),
        (lambda z, y: F.cross_entropy(z, y) + 0.1, ["값이 다릅니다"], ["values differ"]),
    ],
)
def test_cross_entropy_mistakes_are_named(answer, ko, en):
    rejected(check_cross_entropy(answer), ko, en)


def test_reference_accuracy_passes():
    assert accuracy(torch.tensor([[0.0, 1.0], [2.0, 1.0]]), torch.tensor([1, 1])) == 0.5
    assert check_accuracy(accuracy)
    assert check_accuracy(lambda z, y: (z.softmax(1).argmax(1) == y).sum() / len(y))  # a tensor is fine


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (lambda z, y: (z.argmax(0) == y).float().mean(), ["dim=0", "argmax(dim=1)"], ["dim=0", "argmax(dim=1)"]),
        (lambda z, y: (z.argmax(1) == y).sum(), ["맞힌 개수", "나눠"], ["number of right", "divide"]),
        (lambda z, y: z.argmax(1) == y, ["모양", ".float().mean()"], ["shape", ".float().mean()"]),
        (lambda z, y: 1 - accuracy(z, y), ["정확도", "평균"], ["accuracy", "mean of"]),
        (lambda z, y: "0.5", ["str"], ["str"]),
    ],
)
def test_accuracy_mistakes_are_named(answer, ko, en):
    rejected(check_accuracy(answer), ko, en)


def test_call_failures_are_reported():
    def empty(logits, y):
        raise NotImplementedError

    rejected(check_cross_entropy(empty), ["빈칸"], ["not written yet"])
    rejected(check_accuracy(lambda z, y: None), ["None", "return"], ["None", "return"])
    rejected(check_accuracy(lambda z: z), ["오류"], ["TypeError"])
    rejected(check_accuracy(accuracy(torch.zeros(1, 2), torch.zeros(1).long())), ["함수"], ["function"])


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="sign"):
        check_cross_entropy(lambda z, y: -cross_entropy(z, y))
    with pytest.raises(ExerciseError, match="dim=0"):
        check_accuracy(lambda z, y: (z.argmax(0) == y).float().mean())
    assert check_accuracy(accuracy)
