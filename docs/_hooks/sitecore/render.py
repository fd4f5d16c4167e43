"""An executed lab in one language: its page Markdown, its notebook and script downloads, its links.

The page is Markdown that Material renders natively (code blocks with copy buttons, admonitions, folded
solutions); figures become image files beside the page, with their alt text in the page's language.
"""

from __future__ import annotations

import ast
import base64
import copy
import io
import json
import re
import zipfile
from collections.abc import Callable
from functools import partial
from urllib.parse import quote, urlencode, urlsplit

import jupytext
import nbformat

from . import quiz
from .execute import FEEDBACK_MIME
from .shared import LANGS, UI, SiteError
from .source import INLINE, Lab, code_cells, inline_expressions, run_cells

# The publishing workflow (.github/workflows/pages.yml) pushes site/labs/*.ipynb to labs/ on this branch.
NOTEBOOK_BRANCH = "notebooks"
COLAB_URL = "https://colab.research.google.com/github/{repo}/blob/" + NOTEBOOK_BRANCH + "/labs/{notebook}"
KAGGLE_URL = "https://kaggle.com/kernels/welcome?src="  # + the notebook's GitHub address, quoted
SAGEMAKER_URL = "https://studiolab.sagemaker.aws/import/github/"  # + owner/name/blob/<branch>/<path>
DISCUSSION_CATEGORY = "q-a"
# The original course's lecture slides and videos, as its repository's README gives them (one link each).
LECTURE_SLIDES, LECTURE_VIDEOS = "http://bit.ly/2VrZcWM", "http://bit.ly/2UVk3kn"
SOURCES_BOX = re.compile(
    r'^!!! info "(원본|Sources)"\n(?:    .*\n?|\n(?=    ))*', re.M
)  # the box and its lines  # the slug of GitHub Discussions' default "Q&A" category
INSTALL_CELL = """{comment}
import importlib.metadata as m
try:
    installed = m.version("dnn-guide")
except m.PackageNotFoundError:
    installed = None
if installed != "{version}":
    %pip install -q dnn-guide=={version}"""
LANGUAGE_CELL = 'import os\n\nos.environ.setdefault("DNN_GUIDE_LANG", "{lang}")  # exercise checks answer in {name}'


def with_outputs(lab: Lab, run: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The lab as its source is now (prose included, its inline values filled in), with the outputs of the
    run of its code."""
    nb = copy.deepcopy(lab.notebook)
    for cell, ran in zip(run_cells(nb), code_cells(run)):
        cell.outputs, cell.execution_count = merge_streams(ran.outputs), ran.execution_count
    values = run.metadata.get("dnn_guide_inline", {})
    for index, after in {inline.cell: inline.after for inline in inline_expressions(nb)}.items():
        nb.cells[index].source = INLINE.sub(
            partial(_value, lab, index, values.get(str(after), {})), nb.cells[index].source
        )
    nb.metadata["dnn_guide_run"] = copy.deepcopy(run.metadata["dnn_guide_run"])
    return nb


def _value(lab: Lab, cell: int, values: dict[str, str], match: re.Match) -> str:
    """The run's value of one inline expression (the cache key holds the expressions: a run has them all)."""
    if match[1] not in values:
        raise SiteError(f"{lab.where(cell)}: the run has no value of `{{python}} {match[1]}`: build again")
    return values[match[1]]


def merge_streams(outputs: list) -> list:
    """Consecutive outputs of the same stream joined into one, as Jupyter shows them (a kernel may flush one
    printed line in two messages: without this a page would split it into two blocks at random)."""
    merged = []
    for output in copy.deepcopy(outputs):
        last = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and last is not None
            and last.output_type == "stream"
            and last.name == output.name
        ):
            last.text += output.text
        else:
            merged.append(output)
    return merged


def in_language(nb: nbformat.NotebookNode, lab: Lab, lang: str) -> nbformat.NotebookNode:
    """The notebook with only the markdown cells of one language, its title heading first (code and outputs
    unchanged, the source's bookkeeping metadata removed, the same cell ids on every build)."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if c.cell_type != "markdown" or c.metadata.get("lang") == lang]
    first = next((cell for cell in out.cells if cell.cell_type == "markdown"), None)
    if first is not None:
        first.source = f"# {lab.header.title[lang]}\n\n{first.source}"
    _add_lecture(out, lab, lang)
    for i, cell in enumerate(out.cells):
        cell.metadata.pop("lang", None)
        cell.metadata.pop("ko", None)
        if cell.metadata.get("solution"):
            cell.metadata["jupyter"] = {"source_hidden": True}  # Jupyter shows it folded: try first
        for output in cell.get("outputs", []):
            feedback = output.get("data", {}).get(FEEDBACK_MIME)
            if feedback:
                output.data["text/plain"] = feedback[lang]
        if "id" in cell:
            cell.id = f"cell-{i}"  # the same ids on every build (jupytext makes random ones)
    for key in ("jupytext", "dnn_guide"):
        out.metadata.pop(key, None)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    return out


def _add_lecture(nb: nbformat.NotebookNode, lab: Lab, lang: str) -> None:
    """Add the original course's lecture slides and videos to the lab's Sources box (its first one; the course's
    labs all have one: tests/site/test_sitecore.py)."""
    words = UI[lang]
    line = words["lecture_links"].format(slides=LECTURE_SLIDES, videos=LECTURE_VIDEOS)
    if lab.header.lecture:
        line += words["lecture_title"].format(lecture=lab.header.lecture)
    for cell in nb.cells:
        box = SOURCES_BOX.search(cell.source) if cell.cell_type == "markdown" else None
        if box:
            after = cell.source[box.end() :].lstrip("\n")
            cell.source = cell.source[: box.start()] + box[0].rstrip("\n") + f"\n    · {line}"
            cell.source += f"\n\n{after}" if after else "\n"
            return


def install_cell(lang: str, version: str) -> str:
    """The code of a notebook's first cell: make the exercise checks answer in the notebook's language, and
    install dnn-guide==version unless that version is installed (the ``if`` comes last: the cell shows nothing)."""
    comment, install = INSTALL_CELL.format(
        comment=UI[lang]["install_comment"].format(version=version), version=version
    ).split("\n", 1)
    language = language_cell(lang).replace("\n\n", "\n")
    return f"{comment}\n{language}\n{install}"


def language_cell(lang: str) -> str:
    """Code that makes the exercise checks of a download answer in its language."""
    return LANGUAGE_CELL.format(lang=lang, name=UI[lang]["language_name"])


def as_notebook(nb: nbformat.NotebookNode, lang: str, version: str) -> str:
    """The downloadable notebook: the install cell, then the lab with its outputs."""
    out = copy.deepcopy(nb)
    cell = nbformat.v4.new_code_cell(install_cell(lang, version))
    cell.id = "install-dnn-guide"
    out.cells.insert(0, cell)
    return nbformat.writes(out)


def print_result(source: str) -> str:
    """A cell's code with its last line's bare expression printed, as a notebook would display it."""
    try:
        last = ast.parse(source).body[-1]
    except (SyntaxError, IndexError):
        return source
    if not isinstance(last, ast.Expr):
        return source
    lines = source.split("\n")
    first, end = last.lineno - 1, last.end_lineno - 1
    start, stop = lines[first].encode(), lines[end].encode()  # ast's offsets count UTF-8 bytes
    if first == end:
        lines[first] = (start[: last.col_offset] + b"print(" + start[last.col_offset : last.end_col_offset]).decode()
        lines[first] += (b")" + start[last.end_col_offset :]).decode()
    else:
        lines[first] = (start[: last.col_offset] + b"print(" + start[last.col_offset :]).decode()
        lines[end] = (stop[: last.end_col_offset] + b")" + stop[last.end_col_offset :]).decode()
    return "\n".join(lines)


def _shows_text_result(cell: nbformat.NotebookNode) -> bool:
    """The cell's value is shown as text or a table on the page (a figure's value is not printed)."""
    return any(
        output.output_type == "execute_result" and not any(k.startswith("image/") for k in output.get("data", {}))
        for output in cell.get("outputs", [])
    )


def as_script(nb: nbformat.NotebookNode, lab: Lab, lang: str, version: str) -> str:
    """The notebook as a runnable jupytext percent script (markdown as comments, no outputs).

    A header says how to install dnn-guide; a cell whose value the page shows as text or a table prints it.
    """
    bare = copy.deepcopy(nb)
    bare.cells.insert(0, nbformat.v4.new_code_cell(language_cell(lang)))
    for cell in bare.cells:
        if cell.cell_type == "code":
            if _shows_text_result(cell):
                cell.source = print_result(cell.source)
            cell.outputs, cell.execution_count = [], None
    bare.metadata["jupytext"] = {"notebook_metadata_filter": "-all"}
    header = UI[lang]["script_header"].format(title=lab.header.title[lang], version=version)
    return header + "\n\n" + jupytext.writes(bare, fmt="py:percent")


def _fence(text: str, info: str) -> str:
    ticks = "````" if "```" in text else "```"
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def _alt(output: nbformat.NotebookNode, lang: str) -> str:
    """A figure's alt text in ``lang`` (dnn_guide.alt_text describes each figure as it is shown)."""
    text = output.get("metadata", {}).get("dnn_guide_alt", {}).get(lang, "")
    return " ".join(text.split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _indent(text: str) -> str:
    return "\n".join("    " + line if line.strip() else "" for line in text.split("\n"))


def to_markdown(nb: nbformat.NotebookNode, name: str, lang: str) -> tuple[str, dict[str, bytes]]:
    """Markdown for one language's executed notebook, and the images it links (file name -> bytes)."""
    parts, images = [], {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        start = len(parts)
        parts.append(_fence(cell.source, "python"))
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                parts.append(_fence(output.text, " { .text .nb-output }"))
                continue
            data = output.get("data", {})
            kind = next((k for k in ("image/png", "image/gif") if k in data), None)
            if kind:
                image = f"{name}-{len(images) + 1}.{kind.split('/')[1]}"
                images[image] = base64.b64decode(data[kind])
                parts.append(f"![{_alt(output, lang)}]({image}){{ .nb-figure }}")
            elif FEEDBACK_MIME in data:
                parts.append(_fence(data[FEEDBACK_MIME][lang], " { .text .nb-output .nb-check }"))
            elif "text/markdown" in data:
                parts.append(data["text/markdown"])
            elif "text/html" in data:
                parts.append(f'<div class="nb-html" markdown="0">\n{data["text/html"]}\n</div>')
            elif "text/plain" in data:
                parts.append(_fence(data["text/plain"], " { .text .nb-output }"))
        if cell.metadata.get("solution"):
            parts[start:] = [f'??? success "{UI[lang]["solution"]}"\n' + _indent("\n\n".join(parts[start:]))]
    return "\n\n".join(parts) + "\n", images


def github_repo(repo_url: str | None) -> str | None:
    """``owner/name`` of a GitHub repository URL, or None for any other URL."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme == "https" and parts.netloc == "github.com" and len(path) == 2 and all(path):
        return "/".join(path)
    return None


def notebook_on_github(repo: str, name: str, lang: str) -> str:
    """The lab's executed notebook on the notebooks branch (Kaggle imports a notebook from this address)."""
    return f"https://github.com/{repo}/blob/{NOTEBOOK_BRANCH}/labs/{name}.{lang}.ipynb"


def colab_url(repo: str, name: str, lang: str) -> str:
    """Where Colab opens a lab's executed notebook: the notebooks branch of the repository."""
    return COLAB_URL.format(repo=repo, notebook=f"{name}.{lang}.ipynb")


def launch_urls(repo: str, name: str, lang: str) -> dict[str, str]:
    """Where the lab's notebook opens to run: Colab, Kaggle, SageMaker Studio Lab (each imports it from GitHub)."""
    return {
        "colab": colab_url(repo, name, lang),
        "kaggle": KAGGLE_URL + quote(notebook_on_github(repo, name, lang), safe=""),
        "sagemaker": f"{SAGEMAKER_URL}{repo}/blob/{NOTEBOOK_BRANCH}/labs/{name}.{lang}.ipynb",
    }


def page_url(site_url: str, name: str, lang: str) -> str:
    """The published address of a lab's page in one language."""
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    return f"{site_url.rstrip('/')}/{prefix}labs/{name}/"


def ask_url(repo: str, lab: Lab, lang: str, site_url: str) -> str:
    """A new GitHub Discussions post in the Q&A category, its title naming the lab."""
    words = UI[lang]
    query = {
        "category": DISCUSSION_CATEGORY,
        "title": f"[{lab.header.nav_title(lang)}] ",
        "body": words["ask_body"].format(page=page_url(site_url, lab.name, lang)),
    }
    return f"https://github.com/{repo}/discussions/new?{urlencode(query, quote_via=quote)}"


def report_url(repo: str, lab: Lab, lang: str, site_url: str, commit: str) -> str:
    """A new issue that names the page, its language and the commit the site was built from."""
    words = UI[lang]
    body = words["report_body"].format(
        page=page_url(site_url, lab.name, lang), language=words["language_name"], commit=commit
    )
    query = {"title": f"[{lab.header.nav_title(lang)}] ", "body": body}
    return f"https://github.com/{repo}/issues/new?{urlencode(query, quote_via=quote)}"


def links(name: str, lang: str, repo: str | None) -> str:
    """The line under a lab's title: its downloads (this lab, every lab as a zip) and, for a GitHub
    repository, where to run it."""
    words = UI[lang]
    line = words["downloads"].format(nb=f"{name}.{lang}.ipynb", py=f"{name}.{lang}.py", zip=zip_name(lang))
    if repo:
        line += "\n\n" + words["launch"].format(**launch_urls(repo, name, lang))
    return line


def zip_name(lang: str) -> str:
    """The download of every lab's notebook and script in one language."""
    return f"dnn-guide-labs.{lang}.zip"


def labs_zip(downloads: dict[str, str | bytes]) -> bytes:
    """A zip of the given files (name -> content), the same bytes for the same files on every build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(downloads):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            content = downloads[name]
            archive.writestr(info, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def front_matter(lab: Lab, lang: str) -> str:
    """The page's YAML front matter: its title in the nav and the browser tab."""
    return f"---\ntitle: {json.dumps(lab.header.nav_title(lang), ensure_ascii=False)}\n---\n\n"


def ask_and_report(repo: str | None, lab: Lab, lang: str, site_url: str, commit: str) -> str:
    """The line at the end of a lab's page: ask about the lab, report a problem with the page (GitHub only)."""
    if not repo:
        return ""
    ask, report = ask_url(repo, lab, lang, site_url), report_url(repo, lab, lang, site_url, commit)
    return UI[lang]["ask_report"].format(ask=ask, report=report) + "\n\n"


class RenderedLab:
    """One lab in one language: page Markdown (title, links, body, ask and report, run note), images,
    notebook, script. ``site_url`` and ``commit`` go into the report link: where the page is, what built it.
    ``fill_prose(markdown, lang)`` fills what other hooks fill on the page (the results markers) in the
    downloads' prose, so that a notebook reads as the page does."""

    def __init__(
        self,
        lab: Lab,
        run: nbformat.NotebookNode,
        lang: str,
        version: str,
        repo: str | None,
        site_url: str = "",
        commit: str = "unknown",
        fill_prose: Callable[[str, str], str] | None = None,
    ):
        self.name, self.lang = lab.name, lang
        nb = in_language(with_outputs(lab, run), lab, lang)
        body, self.images = to_markdown(nb, lab.name, lang)
        title, _, rest = body.partition("\n\n")
        note = UI[lang]["run_note"].format(**nb.metadata["dnn_guide_run"])
        ask = ask_and_report(repo, lab, lang, site_url, commit)
        self.markdown = f"{front_matter(lab, lang)}{title}\n\n{links(lab.name, lang, repo)}\n\n{rest}\n{ask}{note}\n"
        nb = copy.deepcopy(nb)  # the downloads' prose: what hooks fill or render on the page, filled in here
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = fill_prose(cell.source, lang) if fill_prose else cell.source
                cell.source = quiz.notebook_markdown(cell.source, lang, lab.where())  # no quiz script in Jupyter
        self.notebook = as_notebook(nb, lang, version)
        self.script = as_script(nb, lab, lang, version)

    def downloads(self) -> dict[str, str | bytes]:
        """The files beside the page: notebook, script and figures, by file name."""
        name, lang = self.name, self.lang
        return {f"{name}.{lang}.ipynb": self.notebook, f"{name}.{lang}.py": self.script, **self.images}


def pending_page(lab: Lab, lang: str, error: str | None = None) -> str:
    """The page of a lab that `mkdocs serve` is still running (or that failed): title, and what is going on."""
    state = UI[lang]["failed"].format(error=_indent(error).strip()) if error else UI[lang]["running"]
    return f"{front_matter(lab, lang)}# {lab.header.title[lang]}\n\n{state}\n"


def index_table(headers, lang: str) -> str:
    """The index page's table of labs, from the lab headers: number, linked title, summary."""
    rows = ["| " + " | ".join(UI[lang]["index_header"]) + " |", "|---|---|---|"]
    for header in headers:
        title = f"[{header.title[lang]}](labs/{header.name}.md)"
        rows.append(f"| {header.number or ' '} | {title} | {header.summary[lang]} |")
    return "\n".join(rows)
