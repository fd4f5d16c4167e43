"""MkDocs hook: turn the math that pymdownx.arithmatex marks into MathML at build time.

Browsers draw MathML themselves, so pages need no math JavaScript and nothing from another host. What
they need is a math font (one with an OpenType MATH table): without one, Chromium draws the brace of a
``cases`` formula and square roots one line tall (seen in screenshots; tests/test_browser_math.py
measures it). So the site serves Latin Modern Math itself (``docs/stylesheets/fonts/``, GUST Font
License) through ``docs/stylesheets/math.css``, which only pages with math link. Two spots where
latex2mathml's MathML draws badly in Chromium are rewritten: a prime as a superscript (drawn twice
raised) and the stretchy ``^`` of ``\\hat`` (drawn as a wide hat).

KaTeX was tried first (vendored, rendered at build time by Node.js): it draws well, but its HTML is
about 2 KB per formula (MathML here: 0.26 KB on average) plus a 23 KB stylesheet, which took 17 of the
22 lab pages over the 300 KB page-weight cap of tests/test_site.py.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert
from mkdocs.utils import get_relative_url

STYLESHEET = "stylesheets/math.css"
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[\(\[])(?P<tex>.*?)\\[\)\]]</(?P=tag)>', re.S)
PRIME = re.compile(r"<msup>(<mi>[^<]*</mi>)<mi>&#x02032;</mi></msup>")  # x' : the prime glyph is raised already
HAT = "<mo>&#x0005E;</mo></mover>"  # \hat{x}: a small, not a stretched, circumflex


def mathml(tex: str, display: bool) -> str:
    """``tex`` as MathML, with the fixes above."""
    out = convert(tex, display="block" if display else "inline")
    out = PRIME.sub(r'\1<mo lspace="0" rspace="0">&#x02032;</mo>', out)
    return out.replace(HAT, '<mo stretchy="false">&#x002C6;</mo></mover>')


def _replace(match: re.Match) -> str:
    tag = match["tag"]  # the arithmatex element stays: Material scrolls a wide formula inside it
    return f'<{tag} class="arithmatex">{mathml(html.unescape(match["tex"]).strip(), match["open"] == "[")}</{tag}>'


def on_page_content(content, page, config, files):
    content, count = MATH.subn(_replace, content)
    page.meta["math"] = count > 0
    return content


def on_post_page(output, page, config):
    if not page.meta.get("math"):
        return output
    href = get_relative_url(STYLESHEET, page.url)
    return output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
