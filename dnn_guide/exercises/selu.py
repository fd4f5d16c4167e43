"""Exercises of the SELU lab (9-7): SELU by hand against ``F.selu``, and LeCun-normal initialization.

SELU's constants are read from torch itself (:data:`SELU_LAMBDA`, :data:`SELU_ALPHA`), never typed.
The initialization checker measures the standard deviation the learner's function gives and names
the usual slips: fan-out for fan-in, Xavier's or He's variance, ``nonlinearity="selu"`` (gain 3/4),
the variance used as the standard deviation, a uniform distribution, a weight not filled in place;
its statistical tolerance is the one of :func:`~dnn_guide.exercises.check_init`.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from . import FLOAT32, AnswerError, InitStats, Mistake, Say, call, check_init, checker, expect_close, name_the_mistake
from .weight_init import expect_independent

__all__ = ["SELU_ALPHA", "SELU_LAMBDA", "check_lecun_normal", "check_selu", "lecun_normal_", "selu"]

#: λ (PyTorch's ``scale``): SELU(1) = λ · 1.
SELU_LAMBDA = F.selu(torch.tensor(1.0, dtype=torch.float64)).item()
#: α: SELU(x) → −λα as x → −∞ (e^-50 is far below double precision next to 1).
SELU_ALPHA = -F.selu(torch.tensor(-50.0, dtype=torch.float64)).item() / SELU_LAMBDA


# --- the reference answers ------------------------------------------------------------------------


def selu(x: torch.Tensor) -> torch.Tensor:
    """SELU by its definition: λx for x > 0, λα(eˣ − 1) otherwise."""
    return SELU_LAMBDA * torch.where(x > 0, x, SELU_ALPHA * (torch.exp(x) - 1))


def lecun_normal_(weight: torch.Tensor) -> torch.Tensor:
    """Fill an ``nn.Linear`` weight (shape ``(out, in)``) from N(0, 1/fan_in) in place; return it."""
    fan_in = weight.shape[1]
    return nn.init.normal_(weight, mean=0.0, std=1 / math.sqrt(fan_in))


# --- SELU -----------------------------------------------------------------------------------------


@checker(
    Say(ko="9-7 SELU 직접 구현", en="9-7 SELU by hand"),
    success=Say(
        ko="맞습니다. −30부터 30까지의 입력(0 포함)에서 F.selu와 같습니다.",
        en="correct: matches F.selu on inputs from −30 to 30 (0 included)",
    ),
)
def check_selu(selu) -> None:
    """Check ``selu(x)`` against ``F.selu`` on a tensor of any shape (an activation module such as ``nn.SELU()``
    is a function of x too, and is checked as one)."""
    if isinstance(selu, nn.Module) and not any(True for _ in selu.parameters()):
        selu = selu.__call__  # nn.SELU(), nn.ELU() ...: checked as the function they are
    g = torch.Generator().manual_seed(7)
    x = torch.cat([torch.randn(200, generator=g) * 3, torch.tensor([-30.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 30.0])])
    x = x.reshape(-1, 9)
    try:
        got = call(selu, x.clone())
    except AnswerError as wrong:
        raise AnswerError(_one_number_at_a_time(wrong.say)) from None
    lam, alpha = SELU_LAMBDA, SELU_ALPHA
    negative = torch.exp(x) - 1
    slips = [
        (
            torch.where(x > 0, x, alpha * negative),
            "λ(scale)를 곱하지 않았습니다. 그것은 ELU입니다. 양수 쪽과 음수 쪽 모두에 λ를 곱하세요.",
            "you did not multiply by λ (scale): that is ELU; multiply both sides by λ",
        ),
        (
            torch.where(x > 0, lam * x, alpha * negative),
            "음수 쪽에 λ를 곱하지 않았습니다. 음수 쪽은 λα(eˣ − 1)입니다.",
            "the negative side lacks λ: it is λα(eˣ − 1)",
        ),
        (
            torch.where(x > 0, x, lam * alpha * negative),
            "양수 쪽에 λ를 곱하지 않았습니다. 양수 쪽은 x가 아니라 λx입니다.",
            "the positive side lacks λ: it is λx, not x",
        ),
        (
            lam * torch.where(x > 0, x, alpha * torch.exp(x)),
            "음수 쪽에서 1을 빼지 않았습니다. α eˣ가 아니라 α(eˣ − 1)이어야 x = 0에서 두 쪽이 이어집니다.",
            "the negative side must be α(eˣ − 1), not α eˣ: the − 1 makes both sides meet at x = 0",
        ),
        (
            alpha * torch.where(x > 0, x, lam * negative),
            "λ와 α가 뒤바뀌었습니다. λ ≈ 1.05는 전체에 곱하는 scale, α ≈ 1.67은 음수 쪽의 α입니다.",
            "λ and α are swapped: λ (about 1.05) scales everything, α (about 1.67) belongs to the negative side",
        ),
        (
            lam * torch.where(x > 0, x, alpha * (torch.exp(-x) - 1)),
            "음수 쪽에서 e^(−x)를 썼습니다. e^x입니다. x → −∞에서 λα(eˣ − 1)은 −λα로 포화됩니다.",
            "the negative side uses e^(−x); it is eˣ: λα(eˣ − 1) saturates at −λα as x → −∞",
        ),
    ]
    # float32 arithmetic on both sides: a slip is recognised within FLOAT32, as the answer is
    name_the_mistake(got, [Mistake(wrong, Say(ko=ko, en=en)) for wrong, ko, en in slips], FLOAT32)
    _constants_typed(got, x)
    expect_close(got, F.selu(x), Say(ko="SELU 출력", en="the SELU output"))


def _one_number_at_a_time(say: Say) -> Say:
    """A learner's error, with a hint where it is the one of code written for one number (``if x > 0``,
    ``math.exp``) given a tensor."""
    if "ambiguous" in say.en or "must be real number, not Tensor" in say.en or "only one element" in say.en:
        return Say(
            ko=f"{say.ko} 함수가 숫자 하나씩 계산하도록 쓰였습니다(if x > 0, math.exp). 체커는 텐서 전체를 넘깁니다: "
            "torch.where(x > 0, ..., ...)와 torch.exp를 쓰세요.",
            en=f"{say.en}. Your function is written for one number at a time (if x > 0, math.exp), and the checker "
            "passes a whole tensor: use torch.where(x > 0, ..., ...) and torch.exp",
        )
    return say


def _constants_typed(got, x: torch.Tensor) -> None:
    """λ or α typed with too few digits: the answer is λ'·x and λ'α'(eˣ − 1), with λ' or α' a little off."""
    if not isinstance(got, torch.Tensor) or got.shape != x.shape or not bool(torch.isfinite(got).all()):
        return
    got, x = got.detach().double(), x.double()
    positive, negative = x > 0.5, x < -0.5
    lam = (got[positive] / x[positive]).mean().item()
    lam_alpha = (got[negative] / (torch.exp(x[negative]) - 1)).mean().item()
    if not (
        FLOAT32.close(got[positive], lam * x[positive])
        and FLOAT32.close(got[negative], lam_alpha * (torch.exp(x[negative]) - 1))
    ):
        return  # not of SELU's form with other constants
    typed = [
        (name, value, true)
        for name, value, true in (("λ", lam, SELU_LAMBDA), ("α", lam_alpha / lam, SELU_ALPHA))
        if abs(value / true - 1) > FLOAT32.rtol and abs(value / true - 1) < 0.01
    ]
    if typed:
        said = ", ".join(f"{name} = {value:.6g}" for name, value, _ in typed)
        exact = ", ".join(f"{name} = {true!r}" for name, _, true in typed)
        raise AnswerError(
            Say(
                ko=f"식은 맞지만 상수가 조금 다릅니다: {said}. 파이토치의 값은 {exact}입니다. 더 많은 자릿수로 쓰거나 "
                "위에서처럼 파이토치에서 읽으세요.",
                en=f"the formula is right but a constant is a little off: {said}; torch's is {exact}: type more "
                "digits, or read it from torch as above",
            )
        )


# --- LeCun-normal initialization ------------------------------------------------------------------

#: Shapes (fan_in, fan_out) of the weights the LeCun checker fills: 32,000 and 30,000 values (one thread, fast).
LECUN_SHAPES = ((160, 200), (100, 300))
#: Numbers a learner may type for fan_in instead of reading it from ``weight.shape``: MNIST's 784 inputs, the
#: lab's 512, and the checker's other shapes.
FIXED_FANS = (784, 512, 160, 100)
#: Two slips whose standard deviations lie closer than this (relative) cannot be told apart by the statistics
#: of ~30,000 values (INIT_Z standard errors of the std are about 2 %): neither is named.
SLIP_SEPARATION = 0.05


def _std_slips(fan_in: int, fan_out: int) -> list[tuple[float, Say]]:
    """The standard deviation each usual slip gives for a weight of (fan_out, fan_in), and what it is told."""
    lecun = 1 / math.sqrt(fan_in)
    slips = [
        (
            0.75 * lecun,
            Say(
                ko='표준편차가 LeCun 값의 3/4입니다. kaiming_normal_(w, nonlinearity="selu")는 gain 3/4를 씁니다. '
                '자기 정규화에 맞는 LeCun 초기화는 nonlinearity="linear"(gain 1), 즉 std = 1/√fan_in입니다.',
                en='the std is 3/4 of LeCun\'s: kaiming_normal_(w, nonlinearity="selu") uses gain 3/4; LeCun init, '
                'the one self-normalization needs, is nonlinearity="linear" (gain 1), std = 1/√fan_in',
            ),
        ),
        (
            math.sqrt(2 / fan_in),
            Say(
                ko="표준편차가 √(2/fan_in)입니다. 그것은 ReLU용 He 초기화입니다. LeCun 초기화는 √(1/fan_in)입니다.",
                en="the std is √(2/fan_in): that is He init, for ReLU; LeCun init is √(1/fan_in)",
            ),
        ),
        (
            math.sqrt(2 / (fan_in + fan_out)),
            Say(
                ko="표준편차가 √(2/(fan_in + fan_out))입니다. 그것은 Xavier 초기화입니다. "
                "LeCun 초기화는 fan_in만 씁니다: √(1/fan_in).",
                en="the std is √(2/(fan_in + fan_out)): that is Xavier init; LeCun init uses fan_in only: √(1/fan_in)",
            ),
        ),
        (
            1 / math.sqrt(fan_out),
            Say(
                ko="fan_out(출력 수, weight.shape[0])으로 계산했습니다. nn.Linear의 weight 모양은 (출력, 입력)이므로 "
                "fan_in은 weight.shape[1]입니다.",
                en="you used fan_out (the outputs, weight.shape[0]); an nn.Linear weight is (out, in), "
                "so fan_in is weight.shape[1]",
            ),
        ),
        (
            1 / fan_in,
            Say(
                ko="분산 1/fan_in을 표준편차로 썼습니다. std는 그 제곱근, 1/√fan_in입니다.",
                en="you used the variance 1/fan_in as the std; the std is its square root, 1/√fan_in",
            ),
        ),
        (
            1.0,
            Say(
                ko="표준편차가 1입니다(nn.init.normal_의 기본값, 원래 9-1·9-2 실습의 초기화). "
                "std=1/√fan_in을 넘기세요.",
                en="the std is 1 (nn.init.normal_'s default, the init of the original Labs 9-1 and 9-2): pass "
                "std=1/√fan_in",
            ),
        ),
        (
            lecun / math.sqrt(3),
            Say(
                ko="nn.Linear의 기본 초기화(균등분포, std = 1/√(3·fan_in))와 같은 크기입니다. "
                "정규분포 N(0, 1/fan_in)으로 채우세요.",
                en="the std of nn.Linear's default init (uniform, std = 1/√(3·fan_in)): fill it from N(0, 1/fan_in) "
                "instead",
            ),
        ),
        *[
            (
                1 / math.sqrt(fixed),
                Say(
                    ko=f"fan_in을 weight.shape[1]에서 읽지 않고 숫자로 고정한 값(fan_in = {fixed})과 같습니다. "
                    f"이 weight의 fan_in은 {fan_in}입니다. fan_in = weight.shape[1]로 쓰세요.",
                    en=f"it matches fan_in fixed at {fixed} instead of read from weight.shape[1]; this weight's "
                    f"fan_in is {fan_in}: use fan_in = weight.shape[1]",
                ),
            )
            for fixed in FIXED_FANS
            if fixed not in (fan_in, fan_out)
        ],
    ]

    def apart(a: float, b: float) -> bool:
        return abs(a / b - 1) > SLIP_SEPARATION

    return [
        (std, say)
        for std, say in slips
        if apart(std, lecun) and all(apart(std, other) for other, said in slips if said is not say)
    ]


@checker(
    Say(ko="9-7 LeCun 정규 초기화", en="9-7 LeCun normal init"),
    success=Say(
        ko="맞습니다. 두 모양의 weight에서 평균 0, 표준편차 1/√fan_in인 정규분포로 채워졌습니다.",
        en="correct: weights of two shapes filled from a normal distribution with mean 0 and std 1/√fan_in",
    ),
)
def check_lecun_normal(lecun_normal_) -> None:
    """Check ``lecun_normal_(weight)``: fills an ``nn.Linear`` weight from N(0, 1/fan_in) in place, returns it."""
    for n_in, n_out in LECUN_SHAPES:
        weight = nn.Parameter(torch.zeros(n_out, n_in))  # an nn.Linear(n_in, n_out).weight, still all zeros
        with torch.random.fork_rng(devices=[]):  # the learner's global random state stays as it was
            torch.manual_seed(0)
            try:
                got = call(lecun_normal_, weight)
            except AnswerError as wrong:
                if "leaf Variable" not in wrong.say.en:
                    raise
                raise AnswerError(
                    Say(
                        ko=f"{wrong.say.ko} nn.Linear의 weight는 기울기를 추적하므로 weight.normal_(...)처럼 직접 "
                        "제자리 연산을 하면 오류가 납니다. nn.init.normal_(weight, ...)을 쓰거나 with torch.no_grad(): "
                        "안에서 채우세요.",
                        en=f"{wrong.say.en}. An nn.Linear weight tracks gradients, so an in-place op such as "
                        "weight.normal_(...) fails: use nn.init.normal_(weight, ...), or fill it inside "
                        "with torch.no_grad():",
                    )
                ) from None
        if not isinstance(got, torch.Tensor) or got.shape != weight.shape:
            what = f"모양 {tuple(got.shape)}의 텐서" if isinstance(got, torch.Tensor) else type(got).__name__
            what_en = f"a tensor of shape {tuple(got.shape)}" if isinstance(got, torch.Tensor) else type(got).__name__
            raise AnswerError(
                Say(
                    ko=f"채운 weight(모양 {tuple(weight.shape)})를 돌려주세요(return weight). 돌려준 값: {what}",
                    en=f"return the filled weight (shape {tuple(weight.shape)}); got {what_en}: return weight",
                )
            )
        values = weight.detach()
        zeros = int((values == 0).sum())
        if zeros == values.numel():
            raise AnswerError(
                Say(
                    ko="넘겨받은 weight가 그대로입니다(제자리에서 채우지 않았습니다). nn.init.normal_(weight, ...)처럼 "
                    "weight 자체를 채우고 돌려주세요.",
                    en="the weight passed in is unchanged (not filled in place): fill weight itself, as "
                    "nn.init.normal_(weight, ...) does, and return it",
                )
            )
        if zeros > values.numel() // 100:
            raise AnswerError(
                Say(
                    ko=f"weight(모양 {tuple(weight.shape)})의 값 {values.numel():,}개 가운데 {zeros:,}개가 아직 "
                    "0입니다. weight 전체를 채우세요.",
                    en=f"{zeros:,} of the {values.numel():,} values of the weight (shape {tuple(weight.shape)}) are "
                    "still 0: fill the whole weight",
                )
            )
        if not bool(torch.isfinite(values).all()):
            raise AnswerError(Say(ko="weight에 nan이나 inf가 들어 있습니다.", en="the weight contains nan or inf"))
        expect_independent(
            values,
            Say(ko=f"weight(모양 {tuple(weight.shape)})", en=f"the weight (shape {tuple(weight.shape)})"),
            _DRAW_EACH,
        )
        want_std = 1 / math.sqrt(n_in)

        def off_std(stats: InitStats, n_in=n_in, want_std=want_std) -> Say:
            return Say(
                ko=f"fan_in = {n_in}인 weight의 표준편차가 {stats.std:.4g}인데 1/√{n_in} = {want_std:.4g}"
                "여야 합니다. fan_in은 weight.shape[1]입니다.",
                en=f"the std of a weight with fan_in = {n_in} is {stats.std:.4g}; it should be "
                f"1/√{n_in} = {want_std:.4g} (fan_in is weight.shape[1])",
            )

        check_init(
            values,
            std=want_std,
            off_center=lambda stats: Say(
                ko=f"평균이 {stats.mean:.3g}입니다. 평균 0(mean=0.0)인 분포에서 뽑으세요.",
                en=f"the mean is {stats.mean:.3g}: draw from a distribution with mean 0 (mean=0.0)",
            ),
            slips=_std_slips(n_in, n_out),
            off_std=off_std,
            not_normal=lambda stats: Say(
                ko=f"표준편차는 맞지만 정규분포가 아닙니다(첨도 {stats.kurtosis:.2f}, 정규분포는 3). LeCun 정규 "
                "초기화는 nn.init.normal_로 정규분포에서 뽑습니다.",
                en=f"the std is right but the values are not normal (kurtosis {stats.kurtosis:.2f}; a normal's is "
                "3): LeCun normal init draws from a normal distribution, nn.init.normal_",
            ),
        )


_DRAW_EACH = Say(
    ko="값마다 따로 뽑으세요: nn.init.normal_(weight, ...)은 weight 전체를 한 번에 채웁니다.",
    en="draw every value on its own: nn.init.normal_(weight, ...) fills the whole weight at once",
)
