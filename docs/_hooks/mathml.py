"""MkDocs hook: typeset the math that pymdownx.arithmatex marks, at build time, with the site's own files.

The build renders every formula with the vendored KaTeX (``docs/_hooks/katex/``, run by Node.js): pages
get HTML that the KaTeX stylesheet and fonts served from this site draw (``docs/stylesheets/katex/``),
plus KaTeX's hidden MathML for screen readers. No math JavaScript runs in the browser and nothing is
fetched from another host. Only pages with math link the stylesheet.

Without Node.js the build falls back to latex2mathml's MathML, which browsers draw themselves but with
their own fonts: Chromium then leaves the brace of a ``cases`` formula and square roots unstretched
(seen in screenshots; tests/site/test_browser_math.py measures the brace). The build log says so at INFO level.

Measured against the alternative, MathML drawn with a math font that the site serves (Latin Modern
Math): that also drew the formulas right, once primes, hats and ``cases`` columns were patched, and kept
the HTML small (0.26 KB per formula against KaTeX's ~2 KB, which gzip shrinks about eightfold), but the
font is 734 KB (488 KB gzip-compressed) where the six math-heavy labs load 86 KB of KaTeX's woff2 fonts.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.utils import get_relative_url
from sitecore.shared import CACHE_DIR as CACHE_ROOT
from sitecore.shared import SiteError, write_atomic

log = logging.getLogger("mkdocs.hooks.mathml")

RENDER = Path(__file__).parent / "katex" / "render.js"
STYLESHEET = "stylesheets/katex/katex.min.css"
# KaTeX's MathML repeats the TeX source as an annotation: screen readers read the MathML itself, so it goes
# (a page then holds no TeX at all, and its search index no TeX source).
ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.S)
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[\(\[])(?P<tex>.*?)\\[\)\]]</(?P=tag)>', re.S)


CACHE_DIR = CACHE_ROOT / "katex"


def katex(formulas: list[tuple[str, bool]]) -> list[str]:
    """KaTeX's HTML for each ``(tex, display)``; a formula KaTeX rejects fails the build with its message.

    A page's result is kept in ``.cache/katex/``, keyed by its formulas and the KaTeX files, so that a
    rebuild starts no Node.js process for a page whose math did not change.
    """
    h = hashlib.sha256(json.dumps(formulas).encode())
    for file in sorted(RENDER.parent.glob("*.js")):
        h.update(file.name.encode() + file.read_bytes())
    entry = CACHE_DIR / f"{h.hexdigest()[:24]}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        pass
    run = subprocess.run(
        ["node", str(RENDER)], input=json.dumps(formulas), capture_output=True, text=True, encoding="utf-8"
    )
    if run.returncode != 0:
        raise SiteError(f"KaTeX could not render a formula: {run.stderr.strip()}")
    rendered = [ANNOTATION.sub("", out) for out in json.loads(run.stdout)]
    write_atomic(entry, json.dumps(rendered))
    return rendered


def mathml(tex: str, display: bool) -> str:
    from latex2mathml.converter import convert

    return convert(tex, display="block" if display else "inline")


def on_config(config):
    if shutil.which("node") is None:
        log.info("Node.js not found: math is rendered as MathML (install Node.js to typeset it with KaTeX)")


def on_page_content(content, page, config, files):
    matches = list(MATH.finditer(content))
    if not matches:
        return content
    formulas = [(html.unescape(m["tex"]).strip(), m["open"] == "[") for m in matches]
    if shutil.which("node") is None:
        rendered = [mathml(tex, display) for tex, display in formulas]
    else:
        rendered = katex(formulas)
        page.meta["katex"] = True
    pieces, end = [], 0
    for match, formula in zip(matches, rendered):
        tag = match["tag"]  # the arithmatex element stays: Material scrolls a wide formula inside it
        pieces += [content[end : match.start()], f'<{tag} class="arithmatex">{formula}</{tag}>']
        end = match.end()
    return "".join(pieces + [content[end:]])


def on_post_page(output, page, config):
    if not page.meta.get("katex"):
        return output
    href = get_relative_url(STYLESHEET, page.url)
    return output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
