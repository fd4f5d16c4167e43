"""Exercises a learner checks with one call: ``check_forward(my_forward)`` answers what is wrong.

Each lab has a module here (``dnn_guide.exercises.xor_mlp`` …) whose checkers are made with
:func:`checker`: a checker runs the learner's function on fresh random inputs, compares it with the
reference, and returns :class:`Feedback`, which says in Korean or English (``DNN_GUIDE_LANG``, or
:func:`set_language`) what is wrong: the shape, the values, a gradient, the mode. The site build sets
``DNN_GUIDE_EXERCISES_STRICT=1``, so that a solution a checker rejects fails the build.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable
from typing import NamedTuple

import torch

from ..errors import ExerciseError, InputError
from ..say import LANGUAGES, Say

__all__ = [
    "BOUND_SHORTFALL",
    "FLOAT32",
    "FLOAT64",
    "INIT_Z",
    "MISTAKE",
    "AnswerError",
    "Feedback",
    "InitStats",
    "Mistake",
    "Say",
    "Tolerance",
    "answer_tensor",
    "call",
    "check_init",
    "checker",
    "expect_close",
    "init_stats",
    "language",
    "matches",
    "name_the_mistake",
    "set_language",
]


class Tolerance(NamedTuple):
    """When two results count as the same: every element within ``atol + rtol * |want|``, compared in float64.

    This is the checkers' one tolerance policy. A checker picks a named :class:`Tolerance` (:data:`FLOAT32`,
    :data:`FLOAT64`, :data:`MISTAKE`, or one it names itself) whose ``reason`` says why those numbers fit
    the arithmetic being compared; no checker compares with bare ``atol``/``rtol`` numbers.
    """

    atol: float
    rtol: float
    reason: str

    def within(self, got: torch.Tensor, want: torch.Tensor) -> torch.Tensor:
        """Element by element: ``|got - want| <= atol + rtol * |want|`` (float64 tensors of one shape)."""
        return (got - want).abs() <= self.atol + self.rtol * want.abs()

    def close(self, got, want) -> bool:
        """``got`` (a tensor or a number) has ``want``'s shape and finite values within this tolerance."""
        if isinstance(got, (int, float)) and not isinstance(got, bool):
            got = torch.tensor(float(got), dtype=torch.float64)
        if not isinstance(got, torch.Tensor):
            return False
        want = torch.as_tensor(want)
        if tuple(got.shape) != tuple(want.shape):
            return False
        got = got.detach().to(device="cpu", dtype=torch.float64)
        want = want.detach().to(device="cpu", dtype=torch.float64)
        return bool(torch.isfinite(got).all()) and bool(self.within(got, want).all())


#: The learner's float32 arithmetic against torch's float32 result: the same formula, operations in another
#: order, float32 rounding (about 1e-7 relative per operation) accumulating over a few dozen operations.
FLOAT32 = Tolerance(1e-5, 1e-4, "float32 arithmetic in another order than the reference's")
#: Float64 inputs and float64 arithmetic on both sides (the optimizer steps): rounding near 1e-16 per operation.
FLOAT64 = Tolerance(1e-9, 1e-6, "float64 arithmetic on both sides")
#: Recognising a known mistake: the mistake is computed from the checker's own inputs the way a learner would.
MISTAKE = Tolerance(1e-6, 1e-5, "a known mistake, computed from the checker's inputs as the learner would")

FEEDBACK_MIME = "application/vnd.dnn-guide.feedback+json"  # the course pages show the page's language
_language: str | None = None


class AnswerError(Exception):
    """Raised inside a checker: the answer is wrong, and ``say`` tells the learner how."""

    def __init__(self, say: Say):
        super().__init__(say.en)
        self.say = say


def set_language(lang: str) -> None:
    """Answer in ``"ko"`` or ``"en"`` from now on (overrides ``DNN_GUIDE_LANG``)."""
    global _language
    if lang not in LANGUAGES:
        raise InputError(f"set_language: lang must be one of {LANGUAGES}, got {lang!r}")
    _language = lang


def language() -> str:
    """The language feedback is printed in: :func:`set_language`, else ``DNN_GUIDE_LANG``, else English."""
    lang = _language or os.environ.get("DNN_GUIDE_LANG", "en")
    return lang if lang in LANGUAGES else "en"


class Feedback:
    """A checker's answer: true when the answer is right; prints as one message in :func:`language`."""

    def __init__(self, exercise: str, ok: bool, say: Say):
        self.exercise, self.ok, self.say = exercise, ok, say

    def __bool__(self) -> bool:
        return self.ok

    def text(self, lang: str) -> str:
        mark = "✅" if self.ok else "❌"
        return f"{mark} {self.exercise}: {self.say.in_language(lang)}"

    def __str__(self) -> str:
        return self.text(language())

    def __repr__(self) -> str:
        return str(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {lang: self.text(lang) for lang in LANGUAGES}
        return {"text/plain": str(self), FEEDBACK_MIME: {**data, "ok": self.ok}}


def _strict() -> bool:
    return os.environ.get("DNN_GUIDE_EXERCISES_STRICT", "") not in ("", "0")


def checker(name: str, success: Say) -> Callable:
    """Make a checker: the decorated function raises :class:`AnswerError` for a wrong answer and returns otherwise.

    ``name`` names the exercise in every message; ``success`` is what a right answer is told. Under
    ``DNN_GUIDE_EXERCISES_STRICT=1`` a wrong answer raises :class:`~dnn_guide.errors.ExerciseError` instead.
    """

    def wrap(check: Callable) -> Callable[..., Feedback]:
        @functools.wraps(check)
        def run(*args, **kwargs) -> Feedback:
            try:
                check(*args, **kwargs)
            except AnswerError as wrong:
                feedback = Feedback(name, False, wrong.say)
                if _strict():
                    raise ExerciseError(f"{feedback.text('en')}\n{feedback.text('ko')}") from None
                return feedback
            return Feedback(name, True, success)

        return run

    return wrap


def call(fn: Callable, *args, **kwargs):
    """Call the learner's ``fn``; its exceptions, or a ``None`` result, become a :class:`AnswerError`."""
    if not callable(fn):
        raise AnswerError(
            Say(
                ko=f"함수를 넘겨야 하는데 {type(fn).__name__} 값을 넘겼습니다. 괄호 없이 함수 이름만 넘기세요.",
                en=f"pass the function itself, not a {type(fn).__name__} (no parentheses after its name)",
            )
        )
    try:
        out = fn(*args, **kwargs)
    except NotImplementedError:
        raise AnswerError(
            Say(ko="아직 빈칸입니다. 함수 본문을 채우세요.", en="not written yet: fill in the function body")
        ) from None
    except Exception as err:  # the learner's code failed: report it, not a traceback
        raise AnswerError(
            Say(
                ko=f"함수를 실행하다 오류가 났습니다: {type(err).__name__}: {err}",
                en=f"your function raised {type(err).__name__}: {err}",
            )
        ) from None
    if out is None:
        raise AnswerError(
            Say(
                ko="함수가 None을 돌려줍니다. return 문을 빠뜨리지 않았는지 보세요.",
                en="your function returned None: did you forget `return`?",
            )
        )
    return out


def expect_close(got, want: torch.Tensor, what: Say, tol: Tolerance = FLOAT32) -> None:
    """``got`` must be a tensor of ``want``'s shape with the same values, within ``tol`` (:data:`FLOAT32` unless
    the checker names another :class:`Tolerance`)."""
    if not isinstance(got, torch.Tensor):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 텐서여야 하는데 {type(got).__name__}입니다.",
                en=f"{what.en}: expected a tensor, got a {type(got).__name__}",
            )
        )
    if tuple(got.shape) != tuple(want.shape):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 모양(shape)이 {tuple(want.shape)}여야 하는데 {tuple(got.shape)}입니다.",
                en=f"{what.en}: shape should be {tuple(want.shape)}, got {tuple(got.shape)}",
            )
        )
    got = got.detach().to(device="cpu", dtype=torch.float64)
    want = want.detach().to(device="cpu", dtype=torch.float64)
    if not torch.isfinite(got).all():
        raise AnswerError(Say(ko=f"{what.ko}: nan이나 inf가 들어 있습니다.", en=f"{what.en}: contains nan or inf"))
    error = (got - want).abs()
    if not bool(tol.within(got, want).all()):
        index = tuple(int(i) for i in torch.unravel_index(error.argmax(), error.shape)) if error.ndim else ()
        at = f"[{', '.join(map(str, index))}]" if index else ""
        g, w = got[index].item() if index else got.item(), want[index].item() if index else want.item()
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값이 다릅니다. 가장 크게 다른 곳 {at}에서 {g:.6g}인데 {w:.6g}여야 합니다.",
                en=f"{what.en}: values differ; the largest difference is at {at}: got {g:.6g}, expected {w:.6g}",
            )
        )


class Mistake(NamedTuple):
    """A plausible wrong answer: what it computes on the checker's inputs, and what the learner is told."""

    result: torch.Tensor
    say: Say


def matches(got, want: torch.Tensor, tol: Tolerance = MISTAKE) -> bool:
    """``got`` is a finite tensor of ``want``'s shape with its values, within ``tol`` (the mistake tolerance)."""
    if not isinstance(got, torch.Tensor):
        return False
    return tol.close(got, want)


def name_the_mistake(got, mistakes: list[Mistake], tol: Tolerance = MISTAKE) -> None:
    """Raise :class:`AnswerError` with the message of the first :class:`Mistake` whose result ``got`` matches
    within ``tol`` (:data:`MISTAKE` unless the checker's arithmetic needs another, e.g. :data:`FLOAT32`)."""
    for result, say in mistakes:  # Mistake(result, say), or a plain (result, say) pair
        if matches(got, result, tol):
            raise AnswerError(say)


def answer_tensor(value, shape: tuple[int, ...], name: str) -> torch.Tensor:
    """Numbers the learner typed (weights by hand), as a float64 tensor of ``shape``; else an
    :class:`AnswerError` naming the shape wanted."""
    try:
        tensor = torch.as_tensor(value, dtype=torch.float64).detach().cpu()
    except (TypeError, ValueError, RuntimeError):
        raise AnswerError(
            Say(
                ko=f"{name}은(는) 숫자 텐서여야 합니다. 예: torch.tensor(...)로 만드세요 (받은 것: "
                f"{type(value).__name__}).",
                en=f"{name} must be a tensor of numbers, e.g. made with torch.tensor(...) (got a "
                f"{type(value).__name__})",
            )
        ) from None
    if tuple(tensor.shape) != shape:
        raise AnswerError(
            Say(
                ko=f"{name}의 모양(shape)이 {shape}여야 하는데 {tuple(tensor.shape)}입니다.",
                en=f"{name} should have shape {shape}, got {tuple(tensor.shape)}",
            )
        )
    if not torch.isfinite(tensor).all():
        raise AnswerError(Say(ko=f"{name}에 nan이나 inf가 들어 있습니다.", en=f"{name} contains nan or inf"))
    return tensor


# --- initialisers: statistics of the filled weights against the distribution they should follow ----------

#: Statistical tolerance of :func:`check_init`: a measured mean, standard deviation or kurtosis may lie this
#: many standard errors from the expected one (a right answer falls outside with a probability below 1e-6).
INIT_Z = 5.0
#: The largest ``|value|`` of ``n`` draws from U(−a, a) must come within this fraction of ``a``: a right answer
#: falls short with a probability of ``(1 − BOUND_SHORTFALL) ** n``, below 1e-50 for the 2,560 values or more
#: the checkers draw; a bound of the wrong formula (``a/√3``, say) falls far shorter.
BOUND_SHORTFALL = 0.05


class InitStats(NamedTuple):
    """The statistics :func:`check_init` measures on the ``n`` values an initialiser drew."""

    n: int
    mean: float
    std: float
    kurtosis: float  # 3 for a normal distribution, 1.8 for a uniform one
    largest: float  # the largest |value|

    def mean_is(self, expected: float) -> bool:
        """The mean is ``expected`` within :data:`INIT_Z` standard errors (the values' own ``std / √n``)."""
        return abs(self.mean - expected) <= INIT_Z * self.std / math.sqrt(self.n)

    def std_is(self, expected: float) -> bool:
        """The standard deviation is ``expected`` within :data:`INIT_Z` standard errors (relative ``1/√(2(n−1))``,
        a normal sample's; a uniform sample's is smaller)."""
        return abs(self.std / expected - 1) <= INIT_Z / math.sqrt(2 * (self.n - 1))

    def kurtosis_is_normal(self) -> bool:
        """The kurtosis is a normal distribution's 3 within :data:`INIT_Z` standard errors (``√(24/n)``)."""
        return abs(self.kurtosis - 3) <= INIT_Z * math.sqrt(24 / self.n)

    def reaches(self, bound: float) -> bool:
        """The largest ``|value|`` comes within :data:`BOUND_SHORTFALL` of ``bound``."""
        return self.largest >= (1 - BOUND_SHORTFALL) * bound

    def within(self, bound: float) -> bool:
        """No ``|value|`` exceeds ``bound`` (beyond float32 rounding, :data:`FLOAT32`'s relative part)."""
        return self.largest <= bound * (1 + FLOAT32.rtol)


#: What :func:`check_init` tells the learner: a :class:`Say`, or a function of the measured statistics making one.
InitMessage = Say | Callable[[InitStats], Say]


def init_stats(values: torch.Tensor) -> InitStats:
    """Mean, standard deviation, kurtosis and largest ``|value|`` of ``values`` (any shape), in float64."""
    w = values.detach().to(device="cpu", dtype=torch.float64).flatten()
    mean, std = w.mean().item(), w.std().item()
    kurtosis = ((w - mean) / std).pow(4).mean().item() if std > 0 else float("nan")
    return InitStats(w.numel(), mean, std, kurtosis, w.abs().max().item())


def check_init(
    values: torch.Tensor,
    *,
    std: float,
    off_center: InitMessage,
    off_std: InitMessage,
    slips: list[tuple[float, InitMessage]] | tuple = (),
    bound: float | None = None,
    beyond_bound: InitMessage | None = None,
    short_of_bound: InitMessage | None = None,
    not_normal: InitMessage | None = None,
) -> InitStats:
    """Check the values an initialiser drew against the distribution they should follow; return their statistics.

    In this order, each within the one statistical tolerance (:data:`INIT_Z` standard errors for ``n`` values):
    the mean is 0 (else ``off_center``); with a ``bound`` (a uniform U(−bound, bound)), no value lies beyond it
    (``beyond_bound``) and the largest comes close to it (``short_of_bound``); the standard deviation is ``std``,
    else the message of the first slip ``(its std, Say)`` it matches, else ``off_std``; with ``not_normal``,
    the kurtosis is a normal distribution's. A message is a :class:`Say`, or a function making one from the
    measured :class:`InitStats`.
    """
    stats = init_stats(values)

    def wrong(message: InitMessage) -> AnswerError:
        return AnswerError(message if isinstance(message, Say) else message(stats))

    if not stats.mean_is(0.0):
        raise wrong(off_center)
    if bound is not None:
        if beyond_bound is not None and not stats.within(bound):
            raise wrong(beyond_bound)
        if short_of_bound is not None and not stats.reaches(bound):
            raise wrong(short_of_bound)
    if not stats.std_is(std):
        for slip_std, message in slips:
            if stats.std_is(slip_std):
                raise wrong(message)
        raise wrong(off_std)
    if not_normal is not None and not stats.kurtosis_is_normal():
        raise wrong(not_normal)
    return stats
