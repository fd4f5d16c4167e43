"""Exercises of the optimizer lab (``docs/labs/optimizers.py``): one SGD-with-momentum step, one Adam step.

Each checker runs the learner's update for a few steps on fresh random parameters and gradients,
feeding back the state it returns, and compares every step with ``torch.optim`` doing the same. Everything
is float64, so results are compared within :data:`~dnn_guide.exercises.FLOAT64`.
"""

from __future__ import annotations

import torch

from . import FLOAT64, AnswerError, Say, Tolerance, call, checker, expect_close

__all__ = ["adam_step", "check_adam_step", "check_sgd_momentum_step", "sgd_momentum_step"]

SHAPE = (4, 3)


def sgd_momentum_step(theta, grad, buf, lr, momentum):
    """Reference: PyTorch's SGD with momentum, ``b = μ b + g``, ``θ = θ − lr · b``; returns ``(θ, b)``.

    ``buf`` starts as zeros, so the first step's buffer is the gradient, as in ``torch.optim.SGD``.
    """
    buf = momentum * buf + grad
    return theta - lr * buf, buf


def adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps):
    """Reference: one step of ``torch.optim.Adam`` (no weight decay); ``t`` counts from 1; returns ``(θ, m, v)``."""
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return theta - lr * m_hat / (v_hat.sqrt() + eps), m, v


#: Adam's second moment v is (1 − β2)·g² summed, about 1e-3·g²: FLOAT64's absolute floor (1e-9) would pass a
#: wrong v outright where g is small, so v is compared with FLOAT64's relative part and a floor below its values.
SECOND_MOMENT = Tolerance(1e-12, FLOAT64.rtol, "Adam's v, (1 - beta2)·g² in float64, far below 1")


def _same(got, want: torch.Tensor) -> bool:
    """``got`` is ``want`` (a known mistake's result) within :data:`FLOAT64`: float64 throughout."""
    return isinstance(got, torch.Tensor) and FLOAT64.close(got, want)


def _unpack(out, n: int, names: str):
    if not isinstance(out, (tuple, list)) or len(out) != n:
        kind = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"
        raise AnswerError(
            Say(
                ko=f"값 {n}개({names})를 튜플로 돌려줘야 하는데 {kind}를 돌려줍니다. 예: return {names}",
                en=f"return the {n} values ({names}) as a tuple, got {kind}: e.g. return {names}",
            )
        )
    return out


def _fresh(seed: int):
    g = torch.Generator().manual_seed(seed)
    theta = torch.randn(SHAPE, generator=g, dtype=torch.float64)
    grads = [torch.randn(SHAPE, generator=g, dtype=torch.float64) for _ in range(4)]
    return theta, grads


@checker(
    "SGD + momentum step",
    success=Say(
        ko="맞습니다. 학습률이 스텝마다 바뀌어도 3스텝 내내 torch.optim.SGD(momentum=0.9)와 같습니다.",
        en="correct: matches torch.optim.SGD(momentum=0.9) at each of 3 steps, with the lr changing between steps",
    ),
)
def check_sgd_momentum_step(step_fn) -> None:
    """Check ``step_fn(theta, grad, buf, lr, momentum) -> (theta, buf)`` against ``torch.optim.SGD``.

    The buffer starts as zeros; the learning rate changes between steps (as a scheduler would change it),
    which tells PyTorch's form apart from the form with the learning rate inside the buffer.
    """
    theta0, grads = _fresh(21)
    mu, lrs = 0.9, (0.1, 0.05, 0.02)
    param = theta0.clone().requires_grad_(True)
    optimizer = torch.optim.SGD([param], lr=lrs[0], momentum=mu)
    theta, buf = theta0.clone(), torch.zeros(SHAPE, dtype=torch.float64)
    for step, (lr, grad) in enumerate(zip(lrs, grads), start=1):
        optimizer.param_groups[0]["lr"] = lr
        param.grad = grad.clone()
        optimizer.step()
        want_theta, want_buf = param.detach(), optimizer.state[param]["momentum_buffer"]
        got_theta, got_buf = _unpack(call(step_fn, theta.clone(), grad.clone(), buf.clone(), lr, mu), 2, "theta, buf")
        at = Say(ko=f"{step}번째 스텝(lr={lr})", en=f"step {step} (lr={lr})")
        if _same(got_theta, theta - lr * (mu * buf + (1 - mu) * grad)):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 버퍼에 (1 − momentum) * grad를 더했습니다(dampening). 파이토치의 기본은 기울기를 "
                    "그대로 더합니다: buf = momentum * buf + grad.",
                    en=f"{at.en}: you added (1 − momentum) * grad to the buffer (dampening); PyTorch's default "
                    "adds the whole gradient: buf = momentum * buf + grad",
                )
            )
        if _same(got_theta, theta - lr * (grad + mu * (mu * buf + grad))):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 네스테로프(Nesterov) 갱신입니다(nesterov=True). 보통 모멘텀은 θ − lr · buf입니다.",
                    en=f"{at.en}: that is the Nesterov update (nesterov=True); plain momentum is θ − lr · buf",
                )
            )
        if step > 1 and _same(got_theta, theta - lr * grad):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: θ − lr · grad는 모멘텀이 없는 SGD입니다. 갱신에 버퍼를 쓰세요: θ − lr · buf.",
                    en=f"{at.en}: θ − lr · grad is SGD without momentum: step with the buffer, θ − lr · buf",
                )
            )
        if isinstance(got_buf, torch.Tensor) and _same(got_buf, lr * want_buf):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 학습률을 버퍼 안에 넣었습니다(Sutskever 등의 형태: v = μv + lr·g, θ = θ − v). "
                    "학습률이 일정하면 같지만, 스케줄러가 학습률을 바꾸면 달라집니다. 파이토치는 학습률을 밖에 "
                    "둡니다: buf = momentum * buf + grad, θ = θ − lr * buf.",
                    en=f"{at.en}: you put the lr inside the buffer (Sutskever et al.'s form, v = μv + lr·g, "
                    "θ = θ − v). With a constant lr the two agree, but not once a scheduler changes it; PyTorch keeps "
                    "the lr outside: buf = momentum * buf + grad, θ = θ − lr * buf",
                )
            )
        expect_close(got_theta, want_theta, Say(ko=f"{at.ko}의 θ", en=f"θ after {at.en}"), FLOAT64)
        if _same(got_buf, buf):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 버퍼가 바뀌지 않았습니다. 새 버퍼(momentum * buf + grad)를 돌려주세요.",
                    en=f"{at.en}: the buffer did not change: return the new one, momentum * buf + grad",
                )
            )
        expect_close(got_buf, want_buf, Say(ko=f"{at.ko}의 buf", en=f"buf after {at.en}"), FLOAT64)
        theta, buf = want_theta.clone(), want_buf.clone()


@checker(
    "Adam step",
    success=Say(
        ko="맞습니다. 5스텝 내내 θ, m, v가 torch.optim.Adam과 같습니다.",
        en="correct: θ, m and v match torch.optim.Adam at each of 5 steps",
    ),
)
def check_adam_step(step_fn) -> None:
    """Check ``step_fn(theta, grad, m, v, t, lr, beta1, beta2, eps) -> (theta, m, v)`` against ``torch.optim.Adam``.

    ``m`` and ``v`` start as zeros and ``t`` counts steps from 1; the checker compares θ and the two moments
    (``exp_avg``, ``exp_avg_sq`` in the optimizer's state) after every step.
    """
    theta0, grads = _fresh(22)
    grads.append(torch.randn(SHAPE, generator=torch.Generator().manual_seed(23), dtype=torch.float64))
    lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
    param = theta0.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([param], lr=lr, betas=(beta1, beta2), eps=eps)
    theta, m, v = theta0.clone(), torch.zeros(SHAPE, dtype=torch.float64), torch.zeros(SHAPE, dtype=torch.float64)
    for t, grad in enumerate(grads, start=1):
        param.grad = grad.clone()
        optimizer.step()
        state = optimizer.state[param]
        want = param.detach(), state["exp_avg"], state["exp_avg_sq"]
        args = theta.clone(), grad.clone(), m.clone(), v.clone(), t, lr, beta1, beta2, eps
        got_theta, got_m, got_v = _unpack(call(step_fn, *args), 3, "theta, m, v")
        at = Say(ko=f"{t}번째 스텝", en=f"step {t}")
        new_m, new_v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad**2
        m_hat, v_hat = new_m / (1 - beta1**t), new_v / (1 - beta2**t)
        if isinstance(got_theta, torch.Tensor) and not bool(torch.isfinite(got_theta).all()):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: θ에 nan이나 inf가 있습니다. 편향 보정의 분모 1 − beta ** t는 t = 1부터 0이 아닙니다"
                    "(t를 그대로 쓰세요). eps는 제곱근 밖에서 더합니다: sqrt(v_hat) + eps.",
                    en=f"{at.en}: θ contains nan or inf. The bias correction's 1 − beta ** t is nonzero from t = 1 on "
                    "(use t as given), and eps is added outside the square root: sqrt(v_hat) + eps",
                )
            )
        if _same(got_theta, theta - lr * new_m / (new_v.sqrt() + eps)):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 편향 보정(bias correction)이 빠졌습니다. m과 v는 0에서 시작하므로 "
                    "처음 몇 스텝은 0 쪽으로 치우칩니다. "
                    "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t)로 갱신하세요.",
                    en=f"{at.en}: the bias correction is missing. m and v start at zero, so early on they are biased "
                    "toward 0: step with m_hat = m / (1 - beta1 ** t) and v_hat = v / (1 - beta2 ** t)",
                )
            )
        if _same(got_theta, theta - lr * m_hat / (v_hat + eps)):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 분모에 v_hat의 제곱근을 써야 합니다: sqrt(v_hat) + eps.",
                    en=f"{at.en}: the denominator takes the square root of v_hat: sqrt(v_hat) + eps",
                )
            )
        if _same(got_theta, theta - lr * m_hat / (new_v.sqrt() + eps)) or _same(
            got_theta, theta - lr * new_m / (v_hat.sqrt() + eps)
        ):
            raise AnswerError(
                Say(
                    ko=f"{at.ko}: 편향 보정을 m과 v 중 하나에만 했습니다. 둘 다 보정하세요: "
                    "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t).",
                    en=f"{at.en}: only one of m and v is bias-corrected; correct both: "
                    "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t)",
                )
            )
        expect_close(got_theta, want[0], Say(ko=f"{at.ko}의 θ", en=f"θ after {at.en}"), FLOAT64)
        for got, name, hat, key in ((got_m, "m", m_hat, "beta1"), (got_v, "v", v_hat, "beta2")):
            if _same(got, hat):
                raise AnswerError(
                    Say(
                        ko=f"{at.ko}: {name}으로 보정한 값({name}_hat)을 돌려줍니다. 다음 스텝에 넘길 {name}은 보정 "
                        f"전의 이동 평균입니다(보정은 매 스텝 1 - {key} ** t로 새로 합니다).",
                        en=f"{at.en}: you returned the corrected {name}_hat as {name}; the {name} passed to the next "
                        f"step is the moving average before correction (each step corrects anew, by 1 - {key} ** t)",
                    )
                )
        expect_close(got_m, want[1], Say(ko=f"{at.ko}의 m", en=f"m after {at.en}"), FLOAT64)
        expect_close(got_v, want[2], Say(ko=f"{at.ko}의 v", en=f"v after {at.en}"), SECOND_MOMENT)
        theta, m, v = (w.clone() for w in want)
