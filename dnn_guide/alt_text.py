"""Alt text for figures, generated from the figure's own data, in Korean and English."""

from __future__ import annotations

__all__ = ["describe", "install_alt_text"]


def describe(fig) -> dict[str, str]:
    """Alt text ``{"ko": ..., "en": ...}`` for a matplotlib figure (a diagram's ``dnn_guide_alt`` wins)."""
    given = getattr(fig, "dnn_guide_alt", None)
    if given:
        return {"ko": given["ko"], "en": given["en"]}
    return {"ko": "그림", "en": "Figure"}


def install_alt_text() -> None:
    """Make every figure the inline backend displays carry ``metadata={"dnn_guide_alt": describe(fig)}``."""
    from matplotlib_inline import backend_inline

    original = backend_inline._fetch_figure_metadata
    if getattr(original, "dnn_guide_alt", False):
        return

    def fetch(fig):
        metadata = dict(original(fig) or {})
        metadata["dnn_guide_alt"] = describe(fig)
        return metadata

    fetch.dnn_guide_alt = True
    backend_inline._fetch_figure_metadata = fetch
