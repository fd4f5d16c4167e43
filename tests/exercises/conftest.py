"""Exercise-checker tests: the shared assertion on a rejected answer."""


def rejected(feedback, ko: str | list[str], en: str | list[str]) -> None:
    """An exercise checker rejected the answer, and each language's message names it (contains the words)."""
    assert not feedback, feedback.text("en")
    for lang, words in (("ko", ko), ("en", en)):
        for word in [words] if isinstance(words, str) else words:
            assert word in feedback.text(lang), feedback.text(lang)
