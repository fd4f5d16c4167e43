"""MkDocs hook: turn each lab source into a Korean and an English page.

A lab is one jupytext percent file, ``docs/labs/<name>.py``. Its markdown cells come in pairs, a
Korean cell (``lang="ko"``) then its English translation (``lang="en" ko="<hash>"``, where the
hash is that of the Korean text it translates: :func:`stamp` writes it). Code cells are shared.

At build time the lab is executed once (nbclient, errors fail the build) and cached under
``.cache/labs/`` by a key of the lab source, the ``dnn_guide`` package and the library versions.
Each language page (placeholders ``docs/labs/<name>.<lang>.md``) then shows the same code and the
same outputs, and links its own notebook (``<name>.<lang>.ipynb``) and script (``<name>.<lang>.py``).

Run ``python docs/_hooks/labs.py stamp docs/labs/<name>.py`` after checking a translation.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path

import jupytext
import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

log = get_plugin_logger("labs")

ROOT = Path(__file__).resolve().parents[2]
LAB_DIR = ROOT / "docs" / "labs"
CACHE_DIR = ROOT / ".cache" / "labs"
PACKAGE_DIR = ROOT / "dnn_guide"
LANGS = ("ko", "en")
DOWNLOAD_LABEL = {
    "ko": "이 실습 내려받기: [노트북 (.ipynb)]({nb}){{ download }} · [파이썬 스크립트 (.py)]({py}){{ download }}",
    "en": "Download this lab: [notebook (.ipynb)]({nb}){{ download }} · [Python script (.py)]({py}){{ download }}",
}
# Run before the lab, hidden from pages and downloads: sharper figures.
SETUP_CELL = '%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 120}'
# Run after the lab, hidden too: where and with what it ran, for the note at the end of each page.
RUN_INFO_CELL = """import datetime, json, torch, dnn_guide
from dnn_guide.device import device_name
print(json.dumps({"date": datetime.date.today().isoformat(), "torch": torch.__version__,
                  "device": device_name(dnn_guide.get_device()), "dnn_guide": dnn_guide.__version__}))"""
RUN_NOTE = {
    "ko": (
        '!!! info "이 페이지가 실행된 환경"\n    이 페이지의 출력과 그림은 사이트 빌드가 {date}에 {device}에서 torch {torch},'
        " dnn_guide {dnn_guide}로 코드를 실행해 얻은 것입니다. MNIST를 쓰는 부분은 패키지에 든 표본(학습 6,000장 /"
        " 테스트 1,000장)을 썼습니다. 전체 데이터로 원래 설정을 재현한 결과는 [결과 재현](../results.md)에 있습니다."
    ),
    "en": (
        '!!! info "Where this page ran"\n    The outputs and figures on this page come from the site build running its code'
        " on {date} on {device} with torch {torch} and dnn_guide {dnn_guide}. Where it uses MNIST, that is the sample"
        " shipped in the package (6,000 train / 1,000 test images). Full-data results at the original settings are"
        " on the [reproduction](../results.md) page."
    ),
}
KERNEL_ENV = {"TQDM_DISABLE": "1", "DNN_GUIDE_MNIST": "sample", "PYTHONHASHSEED": "0"}
TIMEOUT_S = 600


class LabError(PluginError):
    """A lab source is malformed, its translation is stale, or it failed to run."""


def text_hash(text: str) -> str:
    """Short hash of a markdown cell's text, ignoring surrounding blank space."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:10]


def read_lab(path: Path) -> nbformat.NotebookNode:
    """Read a lab source and check that its markdown cells pair up (ko, then en)."""
    nb = jupytext.read(path)
    markdown = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]
    for n, (i, cell) in enumerate(markdown):
        want = LANGS[n % 2]
        if cell.metadata.get("lang") != want:
            raise LabError(
                f"{path.name}: markdown cell {i} must be lang={want!r} (Korean and English cells "
                f"alternate, Korean first), but it has lang={cell.metadata.get('lang')!r}"
            )
        if want == "en" and markdown[n - 1][0] != i - 1:
            raise LabError(f"{path.name}: English cell {i} must follow its Korean cell directly")
    if len(markdown) % 2:
        raise LabError(f"{path.name}: the last Korean cell has no English translation after it")
    return nb


def stale_translations(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of English cells whose Korean source changed since they were stamped."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.metadata.get("lang") == "en" and cell.metadata.get("ko") != text_hash(nb.cells[i - 1].source)
    ]


def stamp(path: Path) -> None:
    """Mark every English cell of a lab as translating its Korean cell as it is now."""
    text = path.read_text(encoding="utf-8")
    nb = read_lab(path)
    headers = iter(re.finditer(r'^# %% \[markdown\] lang="en".*$', text, flags=re.M))
    out, last = [], 0
    for i in range(1, len(nb.cells)):
        if nb.cells[i].metadata.get("lang") == "en":
            match = next(headers)
            out += [
                text[last : match.start()],
                f'# %% [markdown] lang="en" ko="{text_hash(nb.cells[i - 1].source)}"',
            ]
            last = match.end()
    path.write_text("".join(out) + text[last:], encoding="utf-8")


def cache_key(path: Path) -> str:
    """Changes when the lab, the dnn_guide package, or a library it runs on changes."""
    h = hashlib.sha256(path.read_bytes())
    for file in sorted(PACKAGE_DIR.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            h.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + file.read_bytes())
    for name in ("torch", "numpy", "matplotlib"):
        h.update(f"{name}={metadata.version(name)}".encode())
    h.update((SETUP_CELL + RUN_INFO_CELL).encode() + json.dumps(KERNEL_ENV).encode() + sys.version.encode())
    return h.hexdigest()[:16]


def executed(path: Path) -> nbformat.NotebookNode:
    """The lab run top to bottom, from the cache when nothing it depends on changed."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = read_lab(path)
    stale = stale_translations(nb)
    if stale:
        raise LabError(
            f"{path.name}: English cell(s) {stale} translate an older Korean text. Update the "
            f"translation, then run: python docs/_hooks/labs.py stamp {path.relative_to(ROOT)}"
        )
    cached = CACHE_DIR / f"{path.stem}-{cache_key(path)}.ipynb"
    if cached.exists():
        return nbformat.read(cached, as_version=4)
    log.info(f"executing {path.name}")
    started = time.perf_counter()
    run = copy.deepcopy(nb)
    run.cells.insert(0, nbformat.v4.new_code_cell(SETUP_CELL))
    run.cells.append(nbformat.v4.new_code_cell(RUN_INFO_CELL))
    old_env = {key: os.environ.get(key) for key in KERNEL_ENV}
    os.environ.update(KERNEL_ENV)
    try:
        with tempfile.TemporaryDirectory() as workdir:
            client = NotebookClient(
                run,
                timeout=TIMEOUT_S,
                kernel_name="python3",
                allow_errors=False,
                resources={"metadata": {"path": workdir}},
            )
            client.execute()
    except CellExecutionError as err:
        raise LabError(f"{path.name} failed to run:\n{err}") from None
    finally:
        for key, value in old_env.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    run.cells.pop(0)
    run.metadata["dnn_guide_run"] = json.loads(run.cells.pop().outputs[0].text)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.glob(f"{path.stem}-*.ipynb"):
        old.unlink()
    nbformat.write(run, cached)
    log.info(f"executed {path.name} in {time.perf_counter() - started:.1f} s")
    return run


def in_language(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """The notebook with only the markdown cells of one language (code and outputs unchanged)."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if c.cell_type != "markdown" or c.metadata.get("lang") == lang]
    for cell in out.cells:
        cell.metadata.pop("lang", None)
        cell.metadata.pop("ko", None)
    out.metadata.pop("jupytext", None)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    return out


def as_script(nb: nbformat.NotebookNode) -> str:
    """The notebook as a runnable jupytext percent script (markdown as comments, no outputs)."""
    bare = copy.deepcopy(nb)
    for cell in bare.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return jupytext.writes(bare, fmt="py:percent")


def _fence(text: str, info: str) -> str:
    ticks = "````" if "```" in text else "```"
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def to_markdown(nb: nbformat.NotebookNode, name: str) -> tuple[str, dict[str, bytes]]:
    """Markdown for one language's executed notebook, and the images it links (name -> PNG)."""
    parts, images = [], {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
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
                parts.append(f"![]({image}){{ .nb-figure }}")
            elif "text/markdown" in data:
                parts.append(data["text/markdown"])
            elif "text/html" in data:
                parts.append(f'<div class="nb-html" markdown="0">\n{data["text/html"]}\n</div>')
            elif "text/plain" in data:
                parts.append(_fence(data["text/plain"], " { .text .nb-output }"))
    return "\n\n".join(parts) + "\n", images


def rendered(path: Path, lang: str) -> tuple[str, dict[str, bytes], str, str]:
    """Page markdown, images, notebook JSON and script of one lab in one language."""
    return _rendered(path, lang, cache_key(path))


@cache
def _rendered(path: Path, lang: str, key: str) -> tuple[str, dict[str, bytes], str, str]:
    run = executed(path)
    nb = in_language(run, lang)
    markdown, images = to_markdown(nb, path.stem)
    markdown += "\n" + RUN_NOTE[lang].format(**run.metadata["dnn_guide_run"]) + "\n"
    links = DOWNLOAD_LABEL[lang].format(nb=f"{path.stem}.{lang}.ipynb", py=f"{path.stem}.{lang}.py")
    title, _, body = markdown.partition("\n\n")
    return f"{title}\n\n{links}\n\n{body}", images, nbformat.writes(nb), as_script(nb)


def lab_sources() -> list[Path]:
    return sorted(LAB_DIR.glob("*.py"))


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else LANGS[0]


@event_priority(-200)  # after mkdocs-static-i18n has laid out this language's files
def on_files(files, config):
    lang = _language(config)
    for path in lab_sources():
        for lang_ in LANGS:
            if not (path.parent / f"{path.stem}.{lang_}.md").exists():
                raise LabError(f"{path.name} needs a page docs/labs/{path.stem}.{lang_}.md (copy another lab's)")
        _, images, notebook, script = rendered(path, lang)
        generated = {f"{path.stem}.{lang}.ipynb": notebook, f"{path.stem}.{lang}.py": script, **images}
        for name, content in generated.items():
            files.append(File.generated(config, f"labs/{name}", content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown, page, config, files):
    match = re.fullmatch(r"labs/([\w-]+)\.(\w+)\.md", page.file.src_uri)
    if match and (LAB_DIR / f"{match[1]}.py").exists():
        return rendered(LAB_DIR / f"{match[1]}.py", match[2])[0]
    return markdown


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "stamp":
        sys.exit("usage: python docs/_hooks/labs.py stamp docs/labs/<name>.py [...]")
    for arg in sys.argv[2:]:
        stamp(Path(arg))
        print(f"stamped {arg}")
