"""One message in both languages of the course: exercise feedback, alt text, diagram descriptions."""

from __future__ import annotations

from typing import NamedTuple

from .errors import InputError

__all__ = ["LANGUAGES", "Say"]

#: The course's languages, Korean first.
LANGUAGES = ("ko", "en")


class Say(NamedTuple):
    """One message in Korean and English: ``Say(ko="...", en="...")``."""

    ko: str
    en: str

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` (``"ko"`` or ``"en"``)."""
        if lang not in LANGUAGES:
            raise InputError(f"Say.in_language: lang must be one of {LANGUAGES}, got {lang!r}")
        return getattr(self, lang)

    def as_dict(self) -> dict[str, str]:
        """``{"ko": ..., "en": ...}``, as a notebook output's metadata carries it."""
        return self._asdict()
