"""The checkers of the optimizer lab: a battery of right and wrong answers, each judged in both languages."""

import pytest
import torch

from dnn_guide.exercises import optimizers as ex
from tests.exercises.conftest import assert_right, guard_cases, right, wrong

sgd, adam = ex.check_sgd_momentum_step, ex.check_adam_step


def _sgd_torch(theta, grad, buf, lr, momentum):
    """Through torch.optim.SGD itself, its buffer set from the argument."""
    param = theta.clone().requires_grad_()
    optimizer = torch.optim.SGD([param], lr=lr, momentum=momentum)
    param.grad = grad.clone()
    if buf.abs().sum() > 0:
        optimizer.state[param]["momentum_buffer"] = buf.clone()
    optimizer.step()
    return param.detach(), optimizer.state[param]["momentum_buffer"]


def _sgd(update):
    def sgd_momentum_step(theta, grad, buf, lr, momentum):
        return update(theta, grad, buf, lr, momentum)

    return sgd_momentum_step


SGD = [
    right("sgd: the reference", sgd, ex.sgd_momentum_step),
    right("sgd: torch.optim.SGD", sgd, _sgd_torch),
    right("sgd: float32", sgd, lambda *a: tuple(t.float() for t in ex.sgd_momentum_step(*a))),
    right("sgd: numpy", sgd, lambda th, g, b, lr, mu: ((nb := mu * b.numpy() + g.numpy()), th.numpy() - lr * nb)[::-1]),
    right("sgd: a list", sgd, lambda *a: list(ex.sgd_momentum_step(*a))),
    right("sgd: in place", sgd, lambda th, g, b, lr, mu: (th.sub_(lr * b.mul_(mu).add_(g)), b)),
    wrong(
        "sgd: dampening",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - lr * (mu * b + (1 - mu) * g), mu * b + (1 - mu) * g)),),
        "dampening",
        "dampening",
    ),
    wrong(
        "sgd: Nesterov",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - lr * (g + mu * (mu * b + g)), mu * b + g)),),
        "네스테로프",
        "Nesterov",
    ),
    wrong(
        "sgd: no momentum",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - lr * g, mu * b + g)),),
        "모멘텀이 없는",
        "without momentum",
    ),
    wrong(
        "sgd: lr in the buffer",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - (mu * b + lr * g), mu * b + lr * g)),),
        "Sutskever",
        "Sutskever",
    ),
    wrong(
        "sgd: ascent",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th + lr * (mu * b + g), mu * b + g)),),
        "기울기 방향",
        "moved along the gradient",
    ),
    wrong(
        "sgd: old buffer",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - lr * (mu * b + g), b)),),
        "버퍼가 바뀌지",
        "buffer did not change",
    ),
    wrong(
        "sgd: θ twice",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: (th - lr * (mu * b + g),) * 2),),
        "버퍼 자리에 새 θ",
        "new θ as the buffer",
    ),
    wrong(
        "sgd: momentum 0.9 typed in",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: ex.sgd_momentum_step(th, g, b, lr, 0.9)),),
        ["momentum=0.5", "momentum=0.9"],
        ["called with momentum=0.5", "the one for momentum=0.9"],
    ),
    wrong(
        "sgd: lr 0.1 typed in",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: ex.sgd_momentum_step(th, g, b, 0.1, mu)),),
        "lr=0.05",
        ["called with lr=0.05", "the one for lr=0.1"],
    ),
    wrong(
        "sgd: one value", sgd, (_sgd(lambda *a: ex.sgd_momentum_step(*a)[0]),), "값 2개", "return 2 values (theta, buf)"
    ),
    wrong(
        "sgd: buffer misshaped",
        sgd,
        (_sgd(lambda *a: (ex.sgd_momentum_step(*a)[0], ex.sgd_momentum_step(*a)[1].flatten())),),
        "모양(shape)",
        "shape should be (4, 3)",
    ),
    wrong(
        "sgd: μ² in the buffer",
        sgd,
        (_sgd(lambda th, g, b, lr, mu: ex.sgd_momentum_step(th, g, mu * b, lr, mu)),),
        ["2번째 스텝", "값이 다릅니다"],
        ["step 2", "values differ"],
    ),
    *guard_cases(sgd, ex.sgd_momentum_step, 5),
]


def _adam_torch(theta, grad, m, v, t, lr, beta1, beta2, eps):
    param = theta.clone().requires_grad_()
    optimizer = torch.optim.Adam([param], lr=lr, betas=(beta1, beta2), eps=eps)
    param.grad = grad.clone()
    optimizer.step()  # a first step sets up the state; then the state is put back as given
    state = optimizer.state[param]
    param.data.copy_(theta)
    state["exp_avg"].copy_(m), state["exp_avg_sq"].copy_(v), state["step"].fill_(t - 1)
    optimizer.step()
    return param.detach(), state["exp_avg"], state["exp_avg_sq"]


def _adam(m_hat_of=None, v_hat_of=None, step_of=None):
    """Adam with one piece replaced: m_hat_of(m, beta1, t), v_hat_of(v, beta2, t), step_of(m_hat, v_hat, eps)."""
    m_hat_of = m_hat_of or (lambda m, b1, t: m / (1 - b1**t))
    v_hat_of = v_hat_of or (lambda v, b2, t: v / (1 - b2**t))
    step_of = step_of or (lambda m_hat, v_hat, eps: m_hat / (v_hat.sqrt() + eps))

    def adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        return theta - lr * step_of(m_hat_of(m, beta1, t), v_hat_of(v, beta2, t), eps), m, v

    return adam_step


def _typed_in(**values):
    return lambda theta, grad, m, v, t, lr, beta1, beta2, eps: ex.adam_step(
        theta, grad, m, v, t, **{**dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps), **values}
    )


ADAM = [
    right("adam: the reference", adam, ex.adam_step),
    right("adam: torch.optim.Adam", adam, _adam_torch),
    right("adam: float32", adam, lambda *a: tuple(t.float() for t in ex.adam_step(*a))),
    right("adam: numpy", adam, lambda *a: tuple(t.numpy() for t in ex.adam_step(*a))),
    right("adam: lr folded into the correction", adam, _adam(step_of=lambda mh, vh, eps: mh / (vh.sqrt() + eps))),
    wrong(
        "adam: no bias correction",
        adam,
        (_adam(lambda m, b, t: m, lambda v, b, t: v),),
        "편향 보정",
        "bias correction is missing",
    ),
    wrong(
        "adam: no square root",
        adam,
        (_adam(step_of=lambda mh, vh, eps: mh / (vh + eps)),),
        "제곱근",
        "square root of v_hat",
    ),
    wrong(
        "adam: eps inside",
        adam,
        (_adam(step_of=lambda mh, vh, eps: mh / (vh + eps).sqrt()),),
        "제곱근 안에서",
        "inside the square root",
    ),
    wrong("adam: m corrected only", adam, (_adam(v_hat_of=lambda v, b, t: v),), "하나에만", "only one of m and v"),
    wrong(
        "adam: t + 1",
        adam,
        (_adam(lambda m, b, t: m / (1 - b ** (t + 1)), lambda v, b, t: v / (1 - b ** (t + 1))),),
        "t + 1",
        "uses t + 1",
    ),
    wrong(
        "adam: t - 1",
        adam,
        (_adam(lambda m, b, t: m / (1 - b ** (t - 1)), lambda v, b, t: v / (1 - b ** (t - 1))),),
        "nan",
        "nan or inf",
    ),
    wrong(
        "adam: ascent",
        adam,
        (lambda th, *a: (2 * th - ex.adam_step(th, *a)[0], *ex.adam_step(th, *a)[1:]),),
        "기울기 방향",
        "moved along",
    ),
    wrong(
        "adam: lr 0.01 typed in",
        adam,
        (_typed_in(lr=0.01),),
        ["lr=0.05", "lr=0.01"],
        ["called with lr=0.05", "the one for lr=0.01"],
    ),
    wrong(
        "adam: betas typed in",
        adam,
        (_typed_in(beta1=0.9, beta2=0.999),),
        "beta1=0.8",
        ["called with beta1=0.8", "beta1=0.9"],
    ),
    wrong(
        "adam: beta2 typed in", adam, (_typed_in(beta2=0.999),), "beta2=0.99", ["called with beta2=0.99", "beta2=0.999"]
    ),
    wrong(
        "adam: eps typed in",
        adam,
        (_typed_in(eps=1e-8),),
        "eps=0.001",
        ["called with eps=0.001", "the one for eps=1e-08"],
    ),
    wrong(
        "adam: m_hat returned",
        adam,
        (
            lambda th, g, m, v, t, lr, b1, b2, eps: (lambda r: (r[0], r[1] / (1 - b1**t), r[2]))(
                ex.adam_step(th, g, m, v, t, lr, b1, b2, eps)
            ),
        ),
        "m_hat",
        "corrected m_hat",
    ),
    wrong(
        "adam: v_hat returned",
        adam,
        (
            lambda th, g, m, v, t, lr, b1, b2, eps: (lambda r: (r[0], r[1], r[2] / (1 - b2**t)))(
                ex.adam_step(th, g, m, v, t, lr, b1, b2, eps)
            ),
        ),
        "v_hat",
        "corrected v_hat",
    ),
    wrong(
        "adam: v with |g|",
        adam,
        (
            lambda th, g, m, v, t, lr, b1, b2, eps: (
                ex.adam_step(th, g, m, v, t, lr, b1, b2, eps)[0],
                ex.adam_step(th, g, m, v, t, lr, b1, b2, eps)[1],
                b2 * v + (1 - b2) * g.abs(),
            ),
        ),
        ["의 v", "값이 다릅니다"],
        ["v after step 1", "values differ"],
    ),
    wrong(
        "adam: two values",
        adam,
        (lambda *a: ex.adam_step(*a)[:2],),
        "값 3개",
        "return 3 values (theta, m, v), got 2 values",
    ),
    *guard_cases(adam, ex.adam_step, 9),
]

BATTERY = {"check_sgd_momentum_step": SGD, "check_adam_step": ADAM}


@pytest.mark.parametrize("case", [case for cases in BATTERY.values() for case in cases], ids=lambda case: case.name)
def test_battery(case):
    assert_right(case)


def test_each_checker_meets_at_least_15_answers():
    assert all(len(cases) >= 15 for cases in BATTERY.values())


def test_the_references_follow_torch_optim_for_many_steps():
    torch.manual_seed(0)
    grads = [torch.randn(5, dtype=torch.float64) for _ in range(20)]
    sgd_param, adam_param = (torch.zeros(5, dtype=torch.float64, requires_grad=True) for _ in range(2))
    sgd_opt = torch.optim.SGD([sgd_param], lr=0.1, momentum=0.9)
    adam_opt = torch.optim.Adam([adam_param], lr=0.01)
    theta_s, buf = torch.zeros(5, dtype=torch.float64), torch.zeros(5, dtype=torch.float64)
    theta_a, m, v = (torch.zeros(5, dtype=torch.float64) for _ in range(3))
    for t, grad in enumerate(grads, start=1):
        for param, opt in ((sgd_param, sgd_opt), (adam_param, adam_opt)):
            param.grad = grad.clone()
            opt.step()
        theta_s, buf = ex.sgd_momentum_step(theta_s, grad, buf, 0.1, 0.9)
        theta_a, m, v = ex.adam_step(theta_a, grad, m, v, t, 0.01, 0.9, 0.999, 1e-8)
    torch.testing.assert_close(theta_s, sgd_param.detach())
    torch.testing.assert_close(theta_a, adam_param.detach())
