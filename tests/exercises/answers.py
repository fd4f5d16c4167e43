"""Battery rows written as a learner's answers: ``right("name", answer)``, ``wrong("name", answer, ko, en)``,
made into the battery's cases (tests/exercises/conftest.py) of one checker by :func:`cases`."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tests.exercises import conftest


class Answer(NamedTuple):
    name: str
    answer: object
    ko: str | tuple[str, ...] = ()
    en: str | tuple[str, ...] = ()


def right(name: str, answer) -> Answer:
    """An answer the checker must accept."""
    return Answer(name, answer)


def wrong(name: str, answer, ko: str | tuple[str, ...] | list[str], en: str | tuple[str, ...] | list[str]) -> Answer:
    """An answer the checker must reject, with these words in its Korean and English messages."""
    return Answer(name, answer, ko, en)


def cases(check: Callable, answers: list[Answer]) -> list[conftest.Case]:
    """The battery's cases: ``check(answer)`` for each answer, prefixed with the checker's name."""
    name = check.__name__
    return [
        conftest.wrong(f"{name}: {a.name}", check, (a.answer,), a.ko, a.en)
        if a.ko or a.en
        else conftest.right(f"{name}: {a.name}", check, a.answer)
        for a in answers
    ]
