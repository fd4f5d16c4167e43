"""Exercise-checker tests: the shared assertion on a rejected answer, and the battery of right and wrong answers.

A battery case calls a checker with one answer, right or wrong, and says what must come back: accepted, or
rejected with key words in each language. :func:`classify` sorts the outcome into one of
``right`` / ``wrongly accepted`` / ``wrongly rejected`` / ``escaped`` (an exception left the checker, or the
checker's last-resort "could not check" answer) / ``unclear`` (a message without its key words, in the wrong
language, or printing the same digits as got and expected). ``python -m tests.exercises.battery`` counts them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import NamedTuple

import torch


def rejected(feedback, ko: str | list[str], en: str | list[str]) -> None:
    """An exercise checker rejected the answer, and each language's message names it (contains the words)."""
    assert not feedback, feedback.text("en")
    for lang, words in (("ko", ko), ("en", en)):
        for word in [words] if isinstance(words, str) else words:
            assert word in feedback.text(lang), feedback.text(lang)


class Case(NamedTuple):
    """One answer for a checker: ``check(*args)`` (inside ``within()``, e.g. ``torch.no_grad``); accepted when
    ``ko`` and ``en`` are empty, else rejected with each of these words in that language's message."""

    name: str
    check: Callable
    args: tuple
    ko: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    within: Callable = contextlib.nullcontext


def right(name: str, check: Callable, *args, within: Callable = contextlib.nullcontext) -> Case:
    return Case(name, check, args, within=within)


def wrong(name: str, check: Callable, args: tuple, ko, en, within: Callable = contextlib.nullcontext) -> Case:
    as_tuple = lambda words: (words,) if isinstance(words, str) else tuple(words)  # noqa: E731
    return Case(name, check, args, as_tuple(ko), as_tuple(en), within)


HANGUL = re.compile("[\uac00-\ud7a3]")
SAME_DIGITS = [re.compile(r"got (\S+), expected (\S+?)[,.;:]?(?:\s|$)"), re.compile(r"(\S+)인데 (\S+?)여야")]
OUTCOMES = ("right", "wrongly accepted", "wrongly rejected", "escaped", "unclear")


def classify(case: Case) -> tuple[str, str]:
    """``(outcome, detail)`` of one battery case: the outcome is one of :data:`OUTCOMES`."""
    try:
        with case.within():
            feedback = case.check(*case.args)
    except BaseException as err:  # noqa: BLE001  (counting escapes is the point)
        return "escaped", f"{type(err).__name__}: {err}"
    ko, en = feedback.text("ko"), feedback.text("en")
    if "could not check" in en:
        return "escaped", en
    accepted = not case.ko and not case.en
    if accepted:
        return ("right", en) if feedback else ("wrongly rejected", en)
    if feedback:
        return "wrongly accepted", en
    missing = [w for w in case.ko if w not in ko] + [w for w in case.en if w not in en]
    if missing:
        return "unclear", f"lacks {missing}: {ko} | {en}"
    if not HANGUL.search(ko) or HANGUL.search(en):
        return "unclear", f"wrong language: {ko} | {en}"
    for pattern in SAME_DIGITS:
        for got, want in pattern.findall(ko + "\n" + en):
            if got == want:
                return "unclear", f"the same digits got and expected: {en}"
    return "right", en


def assert_right(case: Case) -> None:
    outcome, detail = classify(case)
    assert outcome == "right", f"{case.name}: {outcome}: {detail}"


def cuda_available() -> bool:
    return torch.cuda.is_available()


@contextlib.contextmanager
def time_limit(seconds: float):
    """Shorten the checkers' time limit for one case (a case that loops forever is stopped quickly)."""
    from dnn_guide import exercises

    before = exercises.TIME_LIMIT_S
    exercises.TIME_LIMIT_S = seconds
    try:
        yield
    finally:
        exercises.TIME_LIMIT_S = before


def forever(*args):
    """A learner's function that never returns."""
    while True:
        pass


def guard_cases(check: Callable, right_fn: Callable, n_args: int) -> list[Case]:
    """The answers every function checker must meet without a traceback: nothing, the wrong arguments, a model,
    a non-function, a function of the wrong arity, one that raises, returns None or never returns; and the right
    function called inside ``torch.no_grad()`` and ``torch.inference_mode()``."""
    name = check.__name__
    fewer = eval(f"lambda {', '.join(f'a{i}' for i in range(n_args - 1))}: 0")  # noqa: S307  (one argument short)
    return [
        wrong(f"{name}: no argument", check, (), f"{name}(", f"call it as {name}("),
        wrong(f"{name}: two arguments", check, (right_fn, right_fn), f"{name}(", "got 2 arguments"),
        wrong(f"{name}: the model", check, (torch.nn.Sequential(torch.nn.Linear(2, 1)),), "모델", "a model"),
        wrong(f"{name}: a number", check, (3.0,), "float", "not a float"),
        wrong(f"{name}: one argument short", check, (fewer,), "TypeError", "raises TypeError"),
        wrong(f"{name}: raises", check, (lambda *a: 1 / 0,), "ZeroDivisionError", "raised ZeroDivisionError"),
        wrong(f"{name}: returns None", check, (lambda *a: None,), "None", "returned None"),
        wrong(f"{name}: never returns", check, (forever,), "초 넘게", "ran longer than", lambda: time_limit(0.1)),
        right(f"{name}: right, inside no_grad", check, right_fn, within=torch.no_grad),
        right(f"{name}: right, inside inference_mode", check, right_fn, within=torch.inference_mode),
    ]
