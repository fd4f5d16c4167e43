"""Exercises a learner checks with one call: ``check_forward(my_forward)`` answers what is wrong.

Each lab has a module here (``dnn_guide.exercises.xor_mlp`` …) whose checkers are made with
:func:`checker`: a checker runs the learner's function on fresh random inputs, compares it with the
reference, and returns :class:`Feedback`, which says in Korean or English (``DNN_GUIDE_LANG``, or
:func:`set_language`) what is wrong: the shape, the values, a gradient, the mode. The site build sets
``DNN_GUIDE_EXERCISES_STRICT=1``, so that a solution a checker rejects fails the build.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np
import torch

from ..errors import ExerciseError, InputError
from ..say import LANGUAGES, Say

__all__ = [
    "BOUND_SHORTFALL",
    "FLOAT32",
    "FLOAT64",
    "INIT_Z",
    "MISTAKE",
    "TIME_LIMIT_S",
    "AnswerError",
    "Feedback",
    "InitMessage",
    "InitStats",
    "Mistake",
    "Say",
    "Tolerance",
    "answer_number",
    "answer_tensor",
    "call",
    "check_init",
    "checker",
    "expect_close",
    "hard_coded",
    "init_stats",
    "language",
    "matches",
    "name_the_mistake",
    "set_language",
    "unpack",
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

    def fitting(self, dtype: torch.dtype) -> Tolerance:
        """This tolerance, widened to :data:`FLOAT32` where ``got`` was computed in float32 (or a shorter
        float): a right answer in float32 against a float64 reference differs by float32's rounding."""
        if dtype.is_floating_point and torch.finfo(dtype).eps > 1e-10 and self.rtol < FLOAT32.rtol:
            return Tolerance(max(self.atol, FLOAT32.atol), FLOAT32.rtol, f"{self.reason}, computed in {dtype}")
        return self

    def close(self, got, want) -> bool:
        """``got`` (a tensor or a number) has ``want``'s shape and finite values within this tolerance
        (widened to fit ``got``'s dtype, :meth:`fitting`)."""
        if isinstance(got, (int, float, np.number)) and not isinstance(got, (bool, np.bool_)):
            got = torch.tensor(float(got), dtype=torch.float64)
        if not isinstance(got, torch.Tensor):
            return False
        want = want if isinstance(want, torch.Tensor) else torch.tensor(want, dtype=torch.float64)  # a number exactly
        if tuple(got.shape) != tuple(want.shape):
            return False
        tol = self.fitting(got.dtype)
        got = got.detach().to(device="cpu", dtype=torch.float64)
        want = want.detach().to(device="cpu", dtype=torch.float64)
        return bool(torch.isfinite(got).all()) and bool(tol.within(got, want).all())


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
    """A checker's answer: true when the answer is right; prints as one message in :func:`language`.

    ``exercise`` is the exercise's title: a :class:`Say` (one per language) or one string for both.
    """

    def __init__(self, exercise: str | Say, ok: bool, say: Say):
        self.exercise, self.ok, self.say = exercise, ok, say

    def __bool__(self) -> bool:
        return self.ok

    def title(self, lang: str) -> str:
        """The exercise's title in ``lang``."""
        return self.exercise.in_language(lang) if isinstance(self.exercise, Say) else self.exercise

    def text(self, lang: str) -> str:
        mark = "✅" if self.ok else "❌"
        return f"{mark} {self.title(lang)}: {self.say.in_language(lang)}"

    def __str__(self) -> str:
        return self.text(language())

    def __repr__(self) -> str:
        return str(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {lang: self.text(lang) for lang in LANGUAGES}
        return {"text/plain": str(self), FEEDBACK_MIME: {**data, "ok": self.ok}}


def _strict() -> bool:
    return os.environ.get("DNN_GUIDE_EXERCISES_STRICT", "") not in ("", "0")


def checker(name: str | Say, success: Say) -> Callable:
    """Make a checker: the decorated function raises :class:`AnswerError` for a wrong answer and returns otherwise.

    ``name`` titles the exercise in every message (a :class:`Say`, so that each language has its title);
    ``success`` is what a right answer is told. Under ``DNN_GUIDE_EXERCISES_STRICT=1`` a wrong answer raises
    :class:`~dnn_guide.errors.ExerciseError` instead.

    No exception escapes the checker: a call with missing or extra arguments is told what to pass; the check
    runs with autograd on (a learner inside ``torch.no_grad()`` or ``torch.inference_mode()`` is still checked);
    an exception the check did not expect becomes a :class:`Feedback` that names it (a checker's own bug:
    under strict checking it raises :class:`~dnn_guide.errors.ExerciseError` with the original as its cause).
    """

    def wrap(check: Callable) -> Callable[..., Feedback]:
        signature = inspect.signature(check)
        params = ", ".join(signature.parameters)

        def answer(ok: bool, say: Say, cause: BaseException | None = None) -> Feedback:
            feedback = Feedback(name, ok, say)
            if not ok and _strict():
                raise ExerciseError(f"{feedback.text('en')}\n{feedback.text('ko')}") from cause
            return feedback

        @functools.wraps(check)
        def run(*args, **kwargs) -> Feedback:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as err:
                return answer(
                    False,
                    Say(
                        ko=f"{check.__name__}({params})처럼 불러야 합니다. 넘긴 인수: {len(args) + len(kwargs)}개 "
                        f"({err}). 함수는 괄호 없이 이름만 넘기세요.",
                        en=f"call it as {check.__name__}({params}), got {len(args) + len(kwargs)} "
                        f"argument{'' if len(args) + len(kwargs) == 1 else 's'} "
                        f"({err}); pass a function by its name, without parentheses",
                    ),
                )
            try:
                with torch.inference_mode(False), torch.enable_grad():
                    check(*args, **kwargs)
            except AnswerError as wrong:
                return answer(False, wrong.say)
            except Exception as err:  # the checker did not expect this answer: say so, never a traceback
                return answer(
                    False,
                    Say(
                        ko=f"체커가 답을 확인하지 못했습니다({type(err).__name__}: {err}). {check.__name__}({params})"
                        "에 넘긴 값이 연습 문제가 요구하는 것인지 확인하세요.",
                        en=f"the checker could not check this answer ({type(err).__name__}: {err}): check that "
                        f"{check.__name__}({params}) gets what the exercise asks for",
                    ),
                    err,
                )
            return answer(True, success)

        return run

    return wrap


#: Longest time, in seconds, one call of a learner's function may run before the checker stops it (where the
#: platform allows: POSIX, on the main thread, as in a notebook's kernel). The checkers' inputs are small: a
#: right answer takes milliseconds; this catches a loop that never ends.
TIME_LIMIT_S = 20.0


class _TooSlow(BaseException):
    """Raised in the learner's function by the alarm (a BaseException: the learner's ``except Exception`` does
    not swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_TooSlow` inside the block after ``seconds`` where SIGALRM is available; else no limit."""
    usable = (
        seconds is not None and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _as_answer(value):
    """The learner's result as the checker reads it: tensors on the CPU (a CUDA result moved, not refused), numpy
    arrays and numpy numbers as tensors, tuples and lists element by element; anything else unchanged."""
    if isinstance(value, (tuple, list)):
        return type(value)(_as_answer(v) for v in value)
    if isinstance(value, (np.ndarray, np.number)) and not isinstance(value, np.bool_):
        try:
            return torch.as_tensor(np.asarray(value))
        except (TypeError, ValueError):  # an object array: leave it for the check to name
            return value
    if isinstance(value, torch.Tensor) and value.device.type != "cpu":
        try:
            return value.detach().cpu()
        except Exception:  # a device without data (meta) or one that failed: name it
            raise AnswerError(
                Say(
                    ko=f"결과 텐서가 {value.device} 장치에 있어 값을 읽을 수 없습니다. 입력과 같은 장치(CPU)에서 "
                    "계산해 돌려주세요.",
                    en=f"the result is a tensor on device {value.device}, whose values cannot be read: compute it "
                    "on the inputs' device (the CPU) and return that",
                )
            ) from None
    return value


def _parameters(fn: Callable) -> inspect.Signature | None:
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin without a readable signature: just call it
        return None


def call(fn: Callable, *args, **kwargs):
    """Call the learner's ``fn`` safely and return its result as the checker reads it.

    Each of these becomes an :class:`AnswerError` that says what to pass or fix: ``fn`` not callable; a model
    (an ``nn.Module``) passed where the function is asked for; a function that takes other arguments than the
    checker passes; ``NotImplementedError`` (the template not filled in); any other exception; a run longer than
    :data:`TIME_LIMIT_S`; a ``None`` result. The result comes back with tensors on the CPU and numpy values as
    tensors (:func:`_as_answer`).
    """
    if isinstance(fn, torch.nn.Module):
        raise AnswerError(
            Say(
                ko=f"함수 대신 모델({type(fn).__name__})을 넘겼습니다. 연습에서 정의한 함수(def로 만든 것)를 괄호 "
                "없이 이름만 넘기세요.",
                en=f"you passed a model ({type(fn).__name__}), not the function: pass the function you defined "
                "(with def) by its name, without parentheses",
            )
        )
    if not callable(fn):
        raise AnswerError(
            Say(
                ko=f"함수를 넘겨야 하는데 {type(fn).__name__} 값을 넘겼습니다. 괄호 없이 함수 이름만 넘기세요.",
                en=f"pass the function itself, not a {type(fn).__name__} (no parentheses after its name)",
            )
        )
    signature = _parameters(fn)
    if signature is not None:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as err:
            takes = ", ".join(signature.parameters)
            n = len(args) + len(kwargs)
            raise AnswerError(
                Say(
                    ko=f"함수를 인수 {n}개로 부르면 오류가 납니다(TypeError: {err}). 함수는 ({takes})를 받습니다. "
                    "연습에 적힌 인수를 모두 그 순서대로 받도록 정의하세요.",
                    en=f"calling your function with {n} argument{'s' if n != 1 else ''} raises TypeError ({err}): "
                    f"it takes ({takes}); define it with every argument the exercise names, in that order",
                )
            ) from None
    try:
        with _time_limit(TIME_LIMIT_S):
            out = fn(*args, **kwargs)
    except _TooSlow:
        raise AnswerError(
            Say(
                ko=f"함수가 {TIME_LIMIT_S:g}초 넘게 실행되어 멈췄습니다. 끝나지 않는 반복문이 없는지 보세요. 체커의 "
                "입력은 작아서 맞는 답은 순식간에 끝납니다.",
                en=f"your function ran longer than {TIME_LIMIT_S:g} s and was stopped: look for a loop that "
                "never ends (the checker's inputs are small, a right answer takes a moment)",
            )
        ) from None
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
    return _as_answer(out)


def unpack(out, names: tuple[str, ...]) -> tuple:
    """The learner's result as ``len(names)`` values (a tuple or a list of them), else an :class:`AnswerError`
    that counts the values returned against the ones expected."""
    listed = ", ".join(names)
    if isinstance(out, (tuple, list)) and len(out) == len(names):
        return tuple(out)
    if isinstance(out, (tuple, list)):
        ko_got, en_got = f"값 {len(out)}개", f"{len(out)} values"
    else:
        ko_got, en_got = f"{type(out).__name__} 하나", f"one {type(out).__name__}"
    raise AnswerError(
        Say(
            ko=f"값 {len(names)}개({listed})를 돌려줘야 하는데 {ko_got}를 돌려줍니다. 예: return {listed}",
            en=f"return {len(names)} values ({listed}), got {en_got}: e.g. return {listed}",
        )
    )


def answer_number(value, what: Say, fix: Say | None = None) -> torch.Tensor:
    """A number the learner returned, in any reasonable form (int, float, numpy number, 0-d or one-element tensor
    or array), as a 0-d float64 CPU tensor; else an :class:`AnswerError` saying one number is wanted (and ``fix``,
    for a result with several values)."""
    value = _as_answer(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return torch.tensor(float(value), dtype=torch.float64)
    if not isinstance(value, torch.Tensor) or value.dtype == torch.bool or value.is_complex():
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 숫자 하나를 돌려줘야 하는데 {type(value).__name__}입니다.",
                en=f"{what.en}: expected one number, got a {type(value).__name__}",
            )
        )
    if value.numel() != 1:
        extra = Say(ko=f" {fix.ko}", en=f": {fix.en}") if fix else Say(ko="", en="")
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값이 하나여야 하는데 모양(shape)이 {tuple(value.shape)}(값 {value.numel()}개)입니다."
                f"{extra.ko}",
                en=f"{what.en}: expected a single value, got shape {tuple(value.shape)} ({value.numel()} values)"
                f"{extra.en}",
            )
        )
    return value.detach().reshape(()).to(device="cpu", dtype=torch.float64)


def hard_coded(argument: str, used, given) -> Say:
    """The message for a learner whose answer matches ``argument = used`` where the checker passed ``given``."""
    return Say(
        ko=f"인수 {argument}={given}로 불렀는데 결과는 {argument}={used}일 때의 값입니다. {used}를 코드에 직접 쓰지 "
        f"말고 넘겨받은 인수 {argument}를 쓰세요.",
        en=f"called with {argument}={given}, your answer is the one for {argument}={used}: use the argument "
        f"{argument} instead of writing {used} into the code",
    )


def _digits(got: float, want: float) -> tuple[str, str]:
    """``got`` and ``want`` printed with as few significant digits (6 or more) as tell them apart."""
    for digits in range(6, 18):
        g, w = f"{got:.{digits}g}", f"{want:.{digits}g}"
        if g != w:
            return g, w
    return g, w


def expect_close(got, want: torch.Tensor, what: Say, tol: Tolerance = FLOAT32, mistakes=()) -> None:
    """``got`` must be a tensor of ``want``'s shape with the same values, within ``tol`` (:data:`FLOAT32` unless
    the checker names another :class:`Tolerance`; widened to :data:`FLOAT32` for a float32 ``got``).

    A wrong answer is first compared with ``mistakes`` (:class:`Mistake` or ``(result, say)`` pairs: the first
    it matches names it; a right answer is never compared with them); otherwise it is told how many values
    differ, where the largest difference is, and the value got and expected there, printed with enough digits
    to differ."""
    got = _as_answer(got)
    if mistakes and not tol.close(got, want):
        name_the_mistake(got, list(mistakes))
    if isinstance(got, (int, float)) and not isinstance(got, bool) and want.numel() == 1:
        got = torch.tensor(float(got), dtype=torch.float64).reshape(want.shape)
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
    if got.is_complex() or got.dtype == torch.bool:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 실수 텐서여야 하는데 {got.dtype}입니다.",
                en=f"{what.en}: expected real numbers, got dtype {got.dtype}",
            )
        )
    tol = tol.fitting(got.dtype)
    got = got.detach().to(device="cpu", dtype=torch.float64)
    want = want.detach().to(device="cpu", dtype=torch.float64)
    if not torch.isfinite(got).all():
        bad = int((~torch.isfinite(got)).sum())
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값 {got.numel()}개 중 {bad}개가 nan이나 inf입니다.",
                en=f"{what.en}: {bad} of {got.numel()} values are nan or inf",
            )
        )
    off = ~tol.within(got, want)
    if bool(off.any()):
        error = (got - want).abs()
        index = tuple(int(i) for i in torch.unravel_index(error.argmax(), error.shape)) if error.ndim else ()
        g, w = _digits(got[index].item(), want[index].item())
        count, n = int(off.sum()), got.numel()
        ko_at = f"가장 크게 다른 곳 [{', '.join(map(str, index))}]에서 " if index else ""
        en_at = f"; the largest difference is at [{', '.join(map(str, index))}]" if index else ""
        ko_count = f"값이 다릅니다({n}개 중 {count}개). " if n > 1 else "값이 다릅니다. "
        en_count = f"values differ ({count} of {n})" if n > 1 else "values differ"
        raise AnswerError(
            Say(
                ko=f"{what.ko}: {ko_count}{ko_at}{g}인데 {w}여야 합니다.",
                en=f"{what.en}: {en_count}{en_at}: got {g}, expected {w}",
            )
        )


class Mistake(NamedTuple):
    """A plausible wrong answer: what it computes on the checker's inputs, and what the learner is told."""

    result: torch.Tensor
    say: Say


def matches(got, want: torch.Tensor, tol: Tolerance = MISTAKE) -> bool:
    """``got`` (a tensor, numpy value or number) has ``want``'s shape and finite values, within ``tol`` (the
    mistake tolerance, widened for a float32 ``got``)."""
    try:
        got = _as_answer(got)
    except AnswerError:
        return False
    return tol.close(got, want)


def name_the_mistake(got, mistakes: list[Mistake], tol: Tolerance = MISTAKE) -> None:
    """Raise :class:`AnswerError` with the message of the first :class:`Mistake` whose result ``got`` matches
    within ``tol`` (:data:`MISTAKE` unless the checker's arithmetic needs another, e.g. :data:`FLOAT32`)."""
    for result, say in mistakes:  # Mistake(result, say), or a plain (result, say) pair
        if matches(got, result, tol):
            raise AnswerError(say)


def _vector_like(shape: tuple[int, ...]) -> bool:
    """At most one dimension longer than 1: a number, a row or a column."""
    return sum(size > 1 for size in shape) <= 1


def answer_tensor(value, shape: tuple[int, ...], name: str) -> torch.Tensor:
    """Numbers the learner typed (weights by hand: a tensor, a list, a numpy array, a parameter), as a float64
    tensor of ``shape``; a row, a column or a number with the right count of values where ``shape`` is one of
    them is taken as it; anything else is an :class:`AnswerError` naming the shape wanted."""
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
    if tuple(tensor.shape) != shape and _vector_like(tuple(tensor.shape)) and _vector_like(shape):
        if tensor.numel() == math.prod(shape):  # a column typed as a row, a bias as a number: the same numbers
            tensor = tensor.reshape(shape)
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
