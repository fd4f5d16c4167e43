"""The checkers of the optimizer lab: the references pass, plausible mistakes are named in both languages."""

import pytest
import torch

from dnn_guide.errors import ExerciseError
from dnn_guide.exercises import optimizers as ex
from tests.exercises.conftest import rejected


def test_the_references_pass():
    assert ex.check_sgd_momentum_step(ex.sgd_momentum_step)
    assert ex.check_adam_step(ex.adam_step)


def test_the_references_follow_torch_optim_for_many_steps():
    torch.manual_seed(0)
    grads = [torch.randn(5, dtype=torch.float64) for _ in range(20)]
    sgd_param, adam_param = (torch.zeros(5, dtype=torch.float64, requires_grad=True) for _ in range(2))
    sgd = torch.optim.SGD([sgd_param], lr=0.1, momentum=0.9)
    adam = torch.optim.Adam([adam_param], lr=0.01)
    theta, buf, theta_adam, m, v = (torch.zeros(5, dtype=torch.float64) for _ in range(5))
    for t, g in enumerate(grads, start=1):
        sgd_param.grad, adam_param.grad = g.clone(), g.clone()
        sgd.step()
        adam.step()
        theta, buf = ex.sgd_momentum_step(theta, g, buf, 0.1, 0.9)
        theta_adam, m, v = ex.adam_step(theta_adam, g, m, v, t, 0.01, 0.9, 0.999, 1e-8)
    torch.testing.assert_close(theta, sgd_param.detach())
    torch.testing.assert_close(theta_adam, adam_param.detach())


def sutskever(theta, grad, buf, lr, momentum):
    velocity = momentum * buf + lr * grad
    return theta - velocity, velocity


def dampened(theta, grad, buf, lr, momentum):
    buf = momentum * buf + (1 - momentum) * grad
    return theta - lr * buf, buf


def nesterov(theta, grad, buf, lr, momentum):
    buf = momentum * buf + grad
    return theta - lr * (grad + momentum * buf), buf


def no_momentum(theta, grad, buf, lr, momentum):
    return theta - lr * grad, momentum * buf + grad


def stale_buffer(theta, grad, buf, lr, momentum):
    return theta - lr * (momentum * buf + grad), buf


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (sutskever, "학습률을 버퍼 안에", "lr inside the buffer"),
        (dampened, "(1 − momentum) * grad", "(1 − momentum) * grad"),
        (nesterov, "네스테로프", "Nesterov"),
        (no_momentum, "모멘텀이 없는 SGD", "without momentum"),
        (stale_buffer, "버퍼가 바뀌지 않았습니다", "the buffer did not change"),
        (lambda theta, grad, buf, lr, momentum: theta - lr * grad, "튜플", "as a tuple"),
        (lambda theta, grad, buf, lr, momentum: (theta.T, buf), "모양(shape)", "shape should be (4, 3)"),
    ],
)
def test_momentum_mistakes_are_named(answer, ko, en):
    rejected(ex.check_sgd_momentum_step(answer), ko, en)


def no_bias_correction(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m, v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad**2
    return theta - lr * m / (v.sqrt() + eps), m, v


def corrected_moments_returned(theta, grad, m, v, t, lr, beta1, beta2, eps):
    theta, m, v = ex.adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps)
    return theta, m, v / (1 - beta2**t)


def no_square_root(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m, v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad**2
    return theta - lr * (m / (1 - beta1**t)) / (v / (1 - beta2**t) + eps), m, v


def only_m_corrected(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m, v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad**2
    return theta - lr * (m / (1 - beta1**t)) / (v.sqrt() + eps), m, v


def counts_from_zero(theta, grad, m, v, t, lr, beta1, beta2, eps):
    return ex.adam_step(theta, grad, m, v, t - 1, lr, beta1, beta2, eps)


def gradient_not_squared(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m, v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad.abs()
    return theta - lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps), m, v


@pytest.mark.parametrize(
    ("answer", "ko", "en"),
    [
        (no_bias_correction, "편향 보정(bias correction)이 빠졌습니다", "bias correction is missing"),
        (corrected_moments_returned, "보정 전의 이동 평균", "before correction"),
        (no_square_root, "제곱근", "square root"),
        (only_m_corrected, "하나에만", "only one of m and v"),
        (counts_from_zero, "nan이나 inf", "nan or inf"),
        (gradient_not_squared, "값이 다릅니다", "values differ"),
        (lambda *args: ex.adam_step(*args)[:2], "튜플", "as a tuple"),
    ],
)
def test_adam_mistakes_are_named(answer, ko, en):
    rejected(ex.check_adam_step(answer), ko, en)


def test_an_unfilled_template_gets_a_message():
    def template(*args):
        raise NotImplementedError

    rejected(ex.check_sgd_momentum_step(template), "빈칸", "not written yet")
    rejected(ex.check_adam_step(template), "빈칸", "not written yet")


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("DNN_GUIDE_EXERCISES_STRICT", "1")
    with pytest.raises(ExerciseError, match="bias correction"):
        ex.check_adam_step(no_bias_correction)
    assert ex.check_adam_step(ex.adam_step)
