"""The checkers of labs 8-2/8-3: the reference passes, plausible mistakes are named in both languages."""

import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import xor_mlp as ex
from tests.exercises.conftest import rejected

sig = torch.sigmoid
# XOR = AND(OR, NAND): the hand-made solution of the lab's exercise
SOLUTION = (
    torch.tensor([[20.0, -20.0], [20.0, -20.0]]),
    torch.tensor([-10.0, 30.0]),
    torch.tensor([[20.0], [20.0]]),
    torch.tensor([-30.0]),
)


def test_the_references_pass():
    assert ex.check_xor_forward(ex.xor_forward)
    assert ex.check_xor_weights(*SOLUTION)


def test_the_reference_forward_is_the_labs_model():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 1), torch.nn.Sigmoid())
    X = torch.rand(7, 2)
    got = ex.xor_forward(X, model[0].weight.T, model[0].bias, model[2].weight.T, model[2].bias)
    torch.testing.assert_close(got, model(X))


@pytest.mark.parametrize(
    ("forward", "ko", "en"),
    [
        (lambda X, W1, b1, W2, b2: sig((X @ W1 + b1) @ W2 + b2), "은닉층의 시그모이드", "hidden layer's sigmoid"),
        (lambda X, W1, b1, W2, b2: sig(X @ W1 + b1) @ W2 + b2, "출력층의 시그모이드", "output layer's sigmoid"),
        (lambda X, W1, b1, W2, b2: sig(sig(X @ W1) @ W2 + b2), "b1을 빠뜨렸습니다", "b1 is missing"),
        (lambda X, W1, b1, W2, b2: sig(sig(X @ W1 + b1) @ W2), "b2를 빠뜨렸습니다", "b2 is missing"),
        (lambda X, W1, b1, W2, b2: sig(sig(X @ W1.T + b1) @ W2 + b2), "W1.T", "W1.T"),
        (lambda X, W1, b1, W2, b2: sig(sig(X @ W1 + b1) @ W2 + b2).flatten(), "모양(shape)", "shape should be (5, 1)"),
        (lambda X, W1, b1, W2, b2: sig(sig(X @ W1 + b1) @ W2 + 2 * b2), "값이 다릅니다", "values differ"),
    ],
)
def test_forward_mistakes_are_named(forward, ko, en):
    rejected(ex.check_xor_forward(forward), ko, en)


def test_an_unfilled_template_and_a_missing_return_get_a_message():
    def template(X, W1, b1, W2, b2):
        raise NotImplementedError

    def no_return(X, W1, b1, W2, b2):
        sig(sig(X @ W1 + b1) @ W2 + b2)

    rejected(ex.check_xor_forward(template), "빈칸", "not written yet")
    rejected(ex.check_xor_forward(no_return), "return", "forget `return`")


def test_weights_that_miss_points_are_told_which_points_and_how():
    W1, b1, W2, b2 = SOLUTION
    rejected(ex.check_xor_weights(W1, b1, W2, -b2), "(0,0): p=1.000, 0", "wrong points")
    rejected(ex.check_xor_weights(W1, b1, W2, -b2), "AND(OR, NAND)", "AND(OR, NAND)")
    zeros = ex.check_xor_weights(torch.zeros(2, 2), torch.zeros(2), torch.zeros(2, 1), torch.zeros(1))
    rejected(zeros, "(1,1): p=0.500", "(1,1): p=0.500")  # the unfilled template: 0.5 is not a decision


@pytest.mark.parametrize(
    ("args", "ko", "en"),
    [
        ((SOLUTION[0].T[:1], *SOLUTION[1:]), "W1의 모양(shape)이 (2, 2)", "W1 should have shape (2, 2)"),
        ((*SOLUTION[:2], SOLUTION[2].flatten(), SOLUTION[3]), "W2의 모양", "W2 should have shape (2, 1)"),
        ((*SOLUTION[:3], torch.tensor([float("nan")])), "nan", "nan"),
    ],
)
def test_weights_of_the_wrong_shape_are_named(args, ko, en):
    rejected(ex.check_xor_weights(*args), ko, en)


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="wrong points"):
        ex.check_xor_weights(*SOLUTION[:3], -SOLUTION[3])
    assert ex.check_xor_weights(*SOLUTION)
