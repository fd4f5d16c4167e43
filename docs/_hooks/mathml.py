"""MkDocs hook: turn the math that pymdownx.arithmatex marks into MathML at build time.

Browsers draw MathML themselves, so pages need no MathJax or KaTeX from a CDN and work offline.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[\(\[])(?P<tex>.*?)\\[\)\]]</(?P=tag)>', re.S)


def _mathml(match: re.Match) -> str:
    display = "block" if match["open"] == "[" else "inline"
    return convert(html.unescape(match["tex"]).strip(), display=display)


def on_page_content(content, page, config, files):
    return MATH.sub(_mathml, content)
