"""MkDocs hook: the "check yourself" quizzes of a page (the ```quiz blocks that sitecore/quiz.py reads, checks
and renders; CONTRIBUTING.md shows the syntax). A lab's quizzes are checked in every language first; each
quiz's "read again" link is pointed at its heading once the page has its table of contents; the browser
answers them with docs/javascripts/quiz.js."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import markdown as markdown_lib
from mkdocs.plugins import event_priority
from sitecore.quiz import FENCE, Renderer, check_lab_source, link_sections, render_page, unlink_controls
from sitecore.shared import LAB_DIR, LANGS, page_language

# ---------------------------------------------------------------------------------------------------- hooks


def _where(page) -> tuple[str, Path | None]:
    """How errors name the page (a lab by its source file) and the lab source, if the page is a lab's."""
    uri, lang = PurePosixPath(page.file.src_uri), page_language(page) or LANGS[0]
    lab = LAB_DIR / f"{uri.name.split('.')[0]}.py"
    if uri.parent.name == "labs" and lab.exists():
        return f"labs/{lab.name} ({lang})", lab
    return f"{page.file.src_uri}", None


@event_priority(50)  # before the other hooks read the page's Markdown (glossary, results): the quiz is HTML then
def on_page_markdown(markdown, page, config, files):
    if not FENCE.search(markdown):
        return markdown
    where, lab = _where(page)
    if lab is not None:
        check_lab_source(lab)
    md = markdown_lib.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return render_page(markdown, page_language(page) or LANGS[0], Renderer(md), where)


@event_priority(-100)  # after the glossary has linked the terms' first uses
def on_page_content(content, page, config, files):
    if 'class="quiz__section" data-quiz-section' not in content:
        return content
    return unlink_controls(link_sections(content, page.toc, _where(page)[0]))
