"""Exercises of the optimizer lab (``docs/labs/optimizers.py``): one SGD-with-momentum step, one Adam step.

Each checker runs the learner's update for a few steps on fresh random parameters and gradients,
feeding back the state it returns, and compares every step with ``torch.optim`` doing the same. Everything
is float64, so results are compared within :data:`~dnn_guide.exercises.FLOAT64`.
"""

from __future__ import annotations

import torch

from . import FLOAT64, AnswerError, Say, Tolerance, call, checker, expect_close, hard_coded, matches, unpack

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
    """``got`` is ``want`` (a known mistake's result) within :data:`FLOAT64` (FLOAT32 for a float32 answer)."""
    return matches(got, want, FLOAT64)


def _fresh(seed: int, scales: tuple[float, ...] = (1.0, 1.0, 1.0)):
    """θ and four gradients of shape (4, 3); column j of each gradient scaled by ``scales[j]``."""
    g = torch.Generator().manual_seed(seed)
    theta = torch.randn(SHAPE, generator=g, dtype=torch.float64)
    scale = torch.tensor(scales, dtype=torch.float64)
    grads = [torch.randn(SHAPE, generator=g, dtype=torch.float64) * scale for _ in range(4)]
    return theta, grads


#: (lr, momentum) of each SGD step: both change between steps (as a scheduler would change them), which tells
#: PyTorch's form apart from the lr inside the buffer, and a value typed into the function from the argument.
SGD_STEPS = ((0.1, 0.8), (0.05, 0.5), (0.03, 0.9))  # step 1 dampening, lr·(1 − μ) = 0.02, is no lr typed in
SGD_DEFAULTS = {"lr": (0.1, 0.01), "momentum": (0.9,)}  # values a learner may type in: the first step's, common ones


@checker(
    Say(ko="옵티마이저 연습 1: 모멘텀 SGD 한 스텝", en="Optimizers, exercise 1: one step of SGD with momentum"),
    success=Say(
        ko="맞습니다. 학습률과 모멘텀이 스텝마다 바뀌어도 3스텝 내내 torch.optim.SGD와 같습니다.",
        en="correct: matches torch.optim.SGD at each of 3 steps, with lr and momentum changing between steps",
    ),
)
def check_sgd_momentum_step(sgd_momentum_step) -> None:
    """Check ``sgd_momentum_step(theta, grad, buf, lr, momentum) -> (theta, buf)`` against ``torch.optim.SGD``.

    The buffer starts as zeros; the learning rate and the momentum change between steps.
    """
    theta0, grads = _fresh(21)
    param = theta0.clone().requires_grad_(True)
    optimizer = torch.optim.SGD([param], lr=SGD_STEPS[0][0], momentum=SGD_STEPS[0][1])
    theta, buf = theta0.clone(), torch.zeros(SHAPE, dtype=torch.float64)
    for step, ((lr, mu), grad) in enumerate(zip(SGD_STEPS, grads), start=1):
        optimizer.param_groups[0].update(lr=lr, momentum=mu)
        param.grad = grad.clone()
        optimizer.step()
        want_theta, want_buf = param.detach(), optimizer.state[param]["momentum_buffer"]
        out = call(sgd_momentum_step, theta.clone(), grad.clone(), buf.clone(), lr, mu)
        got_theta, got_buf = unpack(out, ("theta", "buf"))
        at = Say(ko=f"{step}번째 스텝(lr={lr}, momentum={mu})", en=f"step {step} (lr={lr}, momentum={mu})")
        if not _same(got_theta, want_theta):
            given = {"lr": lr, "momentum": mu}
            for name, values in SGD_DEFAULTS.items():
                for used in values:
                    if used != given[name] and _same(
                        got_theta, sgd_momentum_step_reference(theta, grad, buf, **{**given, name: used})[0]
                    ):
                        raise AnswerError(
                            Say(
                                ko=f"{at.ko}: {hard_coded(name, used, given[name]).ko}",
                                en=f"{at.en}: {hard_coded(name, used, given[name]).en}",
                            )
                        )
        mistakes = [
            (
                theta - lr * (mu * buf + (1 - mu) * grad),
                Say(
                    ko=f"{at.ko}: 버퍼에 (1 − momentum) * grad를 더했습니다(dampening). 파이토치의 기본은 기울기를 "
                    "그대로 더합니다: buf = momentum * buf + grad.",
                    en=f"{at.en}: you added (1 − momentum) * grad to the buffer (dampening); PyTorch's default "
                    "adds the whole gradient: buf = momentum * buf + grad",
                ),
            ),
            (
                theta - lr * (grad + mu * (mu * buf + grad)),
                Say(
                    ko=f"{at.ko}: 네스테로프(Nesterov) 갱신입니다(nesterov=True). 보통 모멘텀은 θ − lr · buf입니다.",
                    en=f"{at.en}: that is the Nesterov update (nesterov=True); plain momentum is θ − lr · buf",
                ),
            ),
            (
                theta + lr * (mu * buf + grad),
                Say(
                    ko=f"{at.ko}: θ가 기울기 방향으로 움직였습니다. 빼야 합니다: θ − lr · buf.",
                    en=f"{at.en}: θ moved along the gradient: subtract, θ − lr · buf",
                ),
            ),
        ]
        if step > 1:
            mistakes.append(
                (
                    theta - lr * grad,
                    Say(
                        ko=f"{at.ko}: θ − lr · grad는 모멘텀이 없는 SGD입니다. 갱신에 버퍼를 쓰세요: θ − lr · buf.",
                        en=f"{at.en}: θ − lr · grad is SGD without momentum: step with the buffer, θ − lr · buf",
                    ),
                )
            )
        if _same(got_buf, lr * want_buf) and not _same(got_buf, want_buf):
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
        expect_close(got_theta, want_theta, Say(ko=f"{at.ko}의 θ", en=f"θ after {at.en}"), FLOAT64, mistakes)
        buf_mistakes = [
            (
                buf,
                Say(
                    ko=f"{at.ko}: 버퍼가 바뀌지 않았습니다. 새 버퍼(momentum * buf + grad)를 돌려주세요.",
                    en=f"{at.en}: the buffer did not change: return the new one, momentum * buf + grad",
                ),
            ),
            (
                theta - lr * want_buf,
                Say(
                    ko=f"{at.ko}: 버퍼 자리에 새 θ를 돌려줍니다. (θ, buf) 순서로 새 θ와 새 버퍼를 돌려주세요.",
                    en=f"{at.en}: you returned the new θ as the buffer: return (θ, buf), the new θ and the new buffer",
                ),
            ),
        ]
        expect_close(got_buf, want_buf, Say(ko=f"{at.ko}의 buf", en=f"buf after {at.en}"), FLOAT64, buf_mistakes)
        theta, buf = want_theta.clone(), want_buf.clone()


sgd_momentum_step_reference = sgd_momentum_step  # the checker's parameter shadows the reference's name
adam_step_reference = adam_step

#: Two runs of Adam: the first with torch's default betas and eps and small gradients in one column (where eps
#: matters), the second with other values of every hyper-parameter, so that each one the learner ignores or types
#: in shows. Each run: (lr per step, beta1, beta2, eps, the gradients' column scales).
ADAM_RUNS = (
    ((0.01, 0.01, 0.01), 0.9, 0.999, 1e-8, (1.0, 1.0, 1e-3)),
    ((0.05, 0.02, 0.1), 0.8, 0.99, 1e-3, (1.0, 1e-3, 10.0)),
)
ADAM_DEFAULTS = {"lr": (0.001, 0.01), "beta1": (0.9,), "beta2": (0.999,), "eps": (1e-8,)}  # torch's and the lab's


@checker(
    Say(ko="옵티마이저 연습 2: Adam 한 스텝", en="Optimizers, exercise 2: one Adam step"),
    success=Say(
        ko="맞습니다. 하이퍼파라미터가 다른 두 실행(각 3스텝) 내내 θ, m, v가 torch.optim.Adam과 같습니다.",
        en="correct: θ, m and v match torch.optim.Adam at every step of two runs (3 steps each) with different "
        "hyper-parameters",
    ),
)
def check_adam_step(adam_step) -> None:
    """Check ``adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps) -> (theta, m, v)`` against ``torch.optim.Adam``.

    ``m`` and ``v`` start as zeros and ``t`` counts steps from 1; the checker compares θ and the two moments
    (``exp_avg``, ``exp_avg_sq`` in the optimizer's state) after every step of two runs whose lr, betas and eps
    all differ (the lr also between steps).
    """
    for run, (lrs, beta1, beta2, eps, scales) in enumerate(ADAM_RUNS, start=1):
        theta0, grads = _fresh(22 + run, scales)
        param = theta0.clone().requires_grad_(True)
        optimizer = torch.optim.Adam([param], lr=lrs[0], betas=(beta1, beta2), eps=eps)
        theta, m, v = theta0.clone(), torch.zeros(SHAPE, dtype=torch.float64), torch.zeros(SHAPE, dtype=torch.float64)
        for t, (lr, grad) in enumerate(zip(lrs, grads), start=1):
            optimizer.param_groups[0]["lr"] = lr
            param.grad = grad.clone()
            optimizer.step()
            state = optimizer.state[param]
            want = param.detach(), state["exp_avg"], state["exp_avg_sq"]
            given = {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps}
            args = theta.clone(), grad.clone(), m.clone(), v.clone(), t, lr, beta1, beta2, eps
            got_theta, got_m, got_v = unpack(call(adam_step, *args), ("theta", "m", "v"))
            at = Say(
                ko=f"{run}번째 실행의 {t}번째 스텝(lr={lr}, beta1={beta1}, beta2={beta2}, eps={eps})",
                en=f"step {t} of run {run} (lr={lr}, beta1={beta1}, beta2={beta2}, eps={eps})",
            )
            _adam_theta(got_theta, want[0], theta, grad, m, v, t, given, at)
            for got, name, key, index in ((got_m, "m", "beta1", 1), (got_v, "v", "beta2", 2)):
                new = adam_step_reference(theta, grad, m, v, t, **given)[index]
                corrected = new / (1 - given[key] ** t)
                mistakes = [
                    (
                        corrected,
                        Say(
                            ko=f"{at.ko}: {name}으로 보정한 값({name}_hat)을 돌려줍니다. 다음 스텝에 넘길 {name}은 "
                            f"보정 전의 이동 평균입니다(보정은 매 스텝 1 - {key} ** t로 새로 합니다).",
                            en=f"{at.en}: you returned the corrected {name}_hat as {name}; the {name} passed to the "
                            f"next step is the moving average before correction (each step corrects anew, by "
                            f"1 - {key} ** t)",
                        ),
                    ),
                ]
                for used in ADAM_DEFAULTS[key]:
                    if used != given[key]:
                        slip = adam_step_reference(theta, grad, m, v, t, **{**given, key: used})[index]
                        mistakes.append((slip, hard_coded(key, used, given[key])))
                tol = FLOAT64 if name == "m" else SECOND_MOMENT
                expect_close(got, want[index], Say(ko=f"{at.ko}의 {name}", en=f"{name} after {at.en}"), tol, mistakes)
            theta, m, v = (w.clone() for w in want)


def _adam_theta(got, want, theta, grad, m, v, t, given, at: Say) -> None:
    """θ after one Adam step: right, or a named slip (a hyper-parameter typed in, the bias correction, eps)."""
    if isinstance(got, torch.Tensor) and got.shape == want.shape and not bool(torch.isfinite(got).all()):
        raise AnswerError(
            Say(
                ko=f"{at.ko}: θ에 nan이나 inf가 있습니다. 편향 보정의 분모 1 − beta ** t는 t = 1부터 0이 아닙니다"
                "(t를 그대로 쓰세요). eps는 제곱근 밖에서 더합니다: sqrt(v_hat) + eps.",
                en=f"{at.en}: θ contains nan or inf. The bias correction's 1 − beta ** t is nonzero from t = 1 on "
                "(use t as given), and eps is added outside the square root: sqrt(v_hat) + eps",
            )
        )
    if _same(got, want):
        return
    for name, values in ADAM_DEFAULTS.items():
        for used in values:
            if used != given[name] and _same(
                got, adam_step_reference(theta, grad, m, v, t, **{**given, name: used})[0]
            ):
                raise AnswerError(
                    Say(
                        ko=f"{at.ko}: {hard_coded(name, used, given[name]).ko}",
                        en=f"{at.en}: {hard_coded(name, used, given[name]).en}",
                    )
                )
    lr, beta1, beta2, eps = given["lr"], given["beta1"], given["beta2"], given["eps"]
    new_m, new_v = beta1 * m + (1 - beta1) * grad, beta2 * v + (1 - beta2) * grad**2
    m_hat, v_hat = new_m / (1 - beta1**t), new_v / (1 - beta2**t)
    one_corrected = Say(
        ko=f"{at.ko}: 편향 보정을 m과 v 중 하나에만 했습니다. 둘 다 보정하세요: "
        "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t).",
        en=f"{at.en}: only one of m and v is bias-corrected; correct both: "
        "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t)",
    )
    mistakes = [
        (
            theta - lr * new_m / (new_v.sqrt() + eps),
            Say(
                ko=f"{at.ko}: 편향 보정(bias correction)이 빠졌습니다. m과 v는 0에서 시작하므로 "
                "처음 몇 스텝은 0 쪽으로 치우칩니다. "
                "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t)로 갱신하세요.",
                en=f"{at.en}: the bias correction is missing. m and v start at zero, so early on they are biased "
                "toward 0: step with m_hat = m / (1 - beta1 ** t) and v_hat = v / (1 - beta2 ** t)",
            ),
        ),
        (
            theta - lr * m_hat / (v_hat + eps),
            Say(
                ko=f"{at.ko}: 분모에 v_hat의 제곱근을 써야 합니다: sqrt(v_hat) + eps.",
                en=f"{at.en}: the denominator takes the square root of v_hat: sqrt(v_hat) + eps",
            ),
        ),
        (
            theta - lr * m_hat / (v_hat + eps).sqrt(),
            Say(
                ko=f"{at.ko}: eps를 제곱근 안에서 더했습니다. 파이토치는 밖에서 더합니다: sqrt(v_hat) + eps.",
                en=f"{at.en}: eps is added inside the square root; PyTorch adds it outside: sqrt(v_hat) + eps",
            ),
        ),
        (theta - lr * m_hat / (new_v.sqrt() + eps), one_corrected),
        (theta - lr * new_m / (v_hat.sqrt() + eps), one_corrected),
        (
            theta - lr * (new_m / (1 - beta1 ** (t + 1))) / ((new_v / (1 - beta2 ** (t + 1))).sqrt() + eps),
            Say(
                ko=f"{at.ko}: 편향 보정에 t + 1을 썼습니다. t는 이미 1부터 셉니다: 1 - beta ** t.",
                en=f"{at.en}: the bias correction uses t + 1; t already counts from 1: 1 - beta ** t",
            ),
        ),
        (
            theta + lr * m_hat / (v_hat.sqrt() + eps),
            Say(
                ko=f"{at.ko}: θ가 기울기 방향으로 움직였습니다. 빼야 합니다: θ − lr · m_hat / (sqrt(v_hat) + eps).",
                en=f"{at.en}: θ moved along the gradient: subtract, θ − lr · m_hat / (sqrt(v_hat) + eps)",
            ),
        ),
    ]
    expect_close(got, want, Say(ko=f"{at.ko}의 θ", en=f"θ after {at.en}"), FLOAT64, mistakes)
