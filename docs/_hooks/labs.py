"""MkDocs hook: turn each lab source into a Korean and an English page.

A lab is one jupytext percent file, ``docs/labs/<name>.py``. Its markdown cells come in pairs, a
Korean cell (``lang="ko"``) then its English translation (``lang="en" ko="<hash>"``, where the
hash is that of the Korean text it translates: :func:`stamp` writes it). Code cells are shared.

At build time the lab is executed once (nbclient, errors fail the build) and cached under
``.cache/labs/`` by a key of what can change its outputs: its code cells, the hidden setup cells, the
library versions, the kernel's thread count, and the files of the ``dnn_guide`` modules that the run
imported (recorded by the run, so that editing one module re-runs only the labs that use it). Prose is
not in the key: a translation edit or a re-stamp re-renders the pages from the cached outputs without
re-running the lab. The labs a build must run are run side by side (``WORKERS`` kernels with
``KERNEL_THREADS`` torch threads each); a lab that measures speed (``TIMED_LABS``) runs after them,
alone, with every CPU. The build log ends with a table of where the time went.

Exercises: a code cell marked ``exercise=true`` is the learner's template: shown, not run. A cell
marked ``solution=true`` runs, is shown in a collapsed block, and must show a passing check from
``dnn_guide.exercises`` (the kernel runs with strict checking, so a rejected solution fails the build).
Every cache file is written to a temporary file and renamed into place, so that two builds at once
(``mkdocs serve`` beside ``pytest``) never read a half-written notebook.

Each language page (placeholders ``docs/labs/<name>.<lang>.md``) then shows the same code and the
same outputs, and links its own notebook (``<name>.<lang>.ipynb``, which starts with a cell that
installs the matching ``dnn-guide`` where it is missing), its script (``<name>.<lang>.py``) and the
notebook in Colab (opened from the ``notebooks`` branch that the publishing workflow writes).

Run ``python docs/_hooks/labs.py stamp docs/labs/<name>.py`` after checking a translation.
"""

from __future__ import annotations

import ast
import base64
import copy
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

log = get_plugin_logger("labs")

ROOT = Path(__file__).resolve().parents[2]
LAB_DIR = ROOT / "docs" / "labs"
CACHE_DIR = ROOT / ".cache" / "labs"
CACHE_KEEP = 3  # entries kept per lab, so that e.g. builds with another thread count do not evict each other
PACKAGE_DIR = ROOT / "dnn_guide"
BENCH_DIR = ROOT / "docs" / "results" / "bench"
LANGS = ("ko", "en")
DOWNLOAD_LABEL = {
    "ko": "이 실습 내려받기: [노트북 (.ipynb)]({nb}){{ download }} · [파이썬 스크립트 (.py)]({py}){{ download }}",
    "en": "Download this lab: [notebook (.ipynb)]({nb}){{ download }} · [Python script (.py)]({py}){{ download }}",
}
COLAB_LABEL = {"ko": "[Colab에서 열기]({colab})", "en": "[Open in Colab]({colab})"}
# The publishing workflow (.github/workflows/pages.yml) pushes site/labs/*.ipynb to labs/ on this branch.
NOTEBOOK_BRANCH = "notebooks"
COLAB_URL = "https://colab.research.google.com/github/{repo}/blob/" + NOTEBOOK_BRANCH + "/labs/{notebook}"
# The first cell of every downloaded notebook: installs the dnn-guide the page ran with, where it is missing.
INSTALL_COMMENT = {
    "ko": "# 이 노트북에 맞는 dnn-guide {version}이 없으면 설치합니다 (이미 있으면 아무 일도 하지 않습니다).",
    "en": "# Installs dnn-guide {version}, which this notebook needs, unless it is already there (then it does nothing).",
}
INSTALL_CELL = """{comment}
import importlib.metadata as m
try:
    installed = m.version("dnn-guide")
except m.PackageNotFoundError:
    installed = None
if installed != "{version}":
    %pip install -q dnn-guide=={version}"""
SCRIPT_HEADER = {
    "ko": "# {title}: dnn-guide 실습을 파이썬 스크립트로 옮긴 것입니다. 페이지의 출력과 표를 찍습니다.\n"
    "# 필요한 패키지 설치: pip install dnn-guide=={version}",
    "en": "# {title}: a dnn-guide lab as a Python script. It prints the outputs and tables of the page.\n"
    "# Install what it needs: pip install dnn-guide=={version}",
}
# Run before the lab, hidden from pages and downloads: sharper figures, each shown with its alt text.
SETUP_CELL = """%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 120}
from dnn_guide.alt_text import install_alt_text
install_alt_text()"""
# Run after the lab, hidden too: where and with what it ran (for the note at the end of each page), and
# which files of dnn_guide it imported (for the cache key).
RUN_INFO_CELL = """import datetime, json, sys, torch, dnn_guide
from pathlib import Path
from dnn_guide.device import device_name
_root = Path(dnn_guide.__file__).parent
print(json.dumps({"date": datetime.date.today().isoformat(), "torch": torch.__version__,
                  "device": device_name(dnn_guide.get_device()), "dnn_guide": dnn_guide.__version__,
                  "modules": sorted(Path(m.__file__).relative_to(_root).as_posix() for n, m in list(sys.modules.items())
                                    if n.split(".")[0] == "dnn_guide" and getattr(m, "__file__", None))}))"""
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
# Labs run side by side, each kernel with its share of the CPUs (a 2-core machine: 2 kernels of 1 thread).
WORKERS = max(1, min(4, os.cpu_count() or 1))
KERNEL_THREADS = max(1, (os.cpu_count() or 1) // WORKERS)
TIMED_LABS = {"speed"}  # they time code: never beside another lab, and with all the CPUs
# Started first, so that no long lab is left running alone at the end (the slowest in the build log's
# time table, 2026-11-28: 17-22 s each, the others 6-11 s). Only the order changes, never the outputs.
SLOWEST_LABS = ("deep-dropout", "selu", "optimizers", "xor-mlp")
KERNEL_ENV = {
    "TQDM_DISABLE": "1",
    "DNN_GUIDE_MNIST": "sample",
    "PYTHONHASHSEED": "0",
    "DNN_GUIDE_EXERCISES_STRICT": "1",  # a solution its checker rejects fails the build
    "OMP_NUM_THREADS": str(KERNEL_THREADS),
    "MKL_NUM_THREADS": str(KERNEL_THREADS),
}


def kernel_env(path: Path) -> dict[str, str]:
    """The environment a lab's kernel gets on top of the build's (a timed lab gets every CPU)."""
    threads = str(os.cpu_count() or 1) if path.stem in TIMED_LABS else str(KERNEL_THREADS)
    return {**KERNEL_ENV, "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}


FEEDBACK_MIME = "application/vnd.dnn-guide.feedback+json"  # dnn_guide.exercises.Feedback: both languages
SOLUTION_LABEL = {"ko": "풀이 (빌드에서 실행해 확인한 답)", "en": "Solution (run and checked when the site was built)"}
LANGUAGE_CELL = 'import os\n\nos.environ.setdefault("DNN_GUIDE_LANG", "{lang}")  # exercise checks answer in {name}'
LANGUAGE_NAME = {"ko": "Korean", "en": "English"}
LIBRARIES = ("torch", "torchvision", "numpy", "matplotlib", "ipython", "ipykernel")  # versions in the cache key
TIMEOUT_S = 600


class LabError(PluginError):
    """A lab source is malformed, its translation is stale, or it failed to run."""


def text_hash(text: str) -> str:
    """Short hash of a markdown cell's text, ignoring surrounding blank space."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:10]


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old content or the new, never a part (temp file + os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def _parsed(text: str) -> nbformat.NotebookNode:
    return jupytext.reads(text, fmt="py")


def parse_lab(path: Path) -> nbformat.NotebookNode:
    """The lab source as a notebook (parsed once per text: a build asks for each lab many times)."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))


def read_lab(path: Path) -> nbformat.NotebookNode:
    """Read a lab source and check that its markdown cells pair up (ko, then en)."""
    nb = parse_lab(path)
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
    write_atomic(path, "".join(out) + text[last:])


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def run_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells the build runs: all but the learner's exercise templates."""
    return [cell for cell in code_cells(nb) if not cell.metadata.get("exercise")]


def cache_key(path: Path, nb: nbformat.NotebookNode | None = None) -> str:
    """Changes when something that can change the lab's outputs changes, apart from dnn_guide's modules.

    That is its code cells, the hidden setup and run-info cells, the kernel environment (thread count
    included), the package's data files, the bench records that a lab may read, and the versions of Python
    and the libraries. The modules a run imported are checked by :func:`modules_hash`. Markdown cells (the
    prose, in both languages, and their stamps) are not in it. ``nb``: the lab as already read.
    """
    nb = nb if nb is not None else parse_lab(path)
    h = hashlib.sha256(json.dumps([cell.source for cell in run_cells(nb)]).encode())
    h.update(environment_digest() + json.dumps(kernel_env(path)).encode())
    return h.hexdigest()[:16]


@cache
def environment_digest() -> bytes:
    """What every lab's key shares: the package's data files, the bench records, the library versions.

    Computed once per build (a build asks for each lab's key many times); ``on_pre_build`` forgets it.
    """
    h = hashlib.sha256()
    for file in sorted(PACKAGE_DIR.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts and file.suffix not in (".py", ".pyc"):
            h.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + file.read_bytes())
    for file in sorted(BENCH_DIR.glob("*.json")):  # the speed lab reads these records
        h.update(file.name.encode() + file.read_bytes())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    h.update((SETUP_CELL + RUN_INFO_CELL).encode() + sys.version.encode())
    return h.digest()


def modules_hash(modules: list[str]) -> str | None:
    """Hash of the dnn_guide module files a run imported, as they are now; None if one is gone."""
    h = hashlib.sha256()
    for name in modules:
        try:
            h.update(name.encode() + (PACKAGE_DIR / name).read_bytes())
        except FileNotFoundError:
            return None
    return h.hexdigest()[:16]


def _entries(stem: str) -> list[Path]:
    """This lab's cache entries, newest first (another process may be adding or removing some)."""
    pattern = re.compile(re.escape(stem) + r"-[0-9a-f]{16}-[0-9a-f]{16}\.ipynb")

    def mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    found = [p for p in CACHE_DIR.glob(f"{stem}-*.ipynb")] if CACHE_DIR.is_dir() else []
    return sorted((p for p in found if pattern.fullmatch(p.name)), key=mtime, reverse=True)


def is_current(run: nbformat.NotebookNode) -> bool:
    """The dnn_guide modules that ``run`` imported are unchanged since it ran."""
    info = run.metadata.get("dnn_guide_run", {})
    return "modules" in info and modules_hash(info["modules"]) == info.get("modules_hash")


def load_cached(path: Path, key: str) -> nbformat.NotebookNode | None:
    """The executed lab stored under ``key`` whose modules are unchanged, or None."""
    for entry in _entries(path.stem):
        if not entry.name.startswith(f"{path.stem}-{key}-"):
            continue
        try:  # no exists() first: another build may remove the entry between the listing and the read
            run = nbformat.read(entry, as_version=4)
        except FileNotFoundError:
            continue
        except (ValueError, KeyError) as err:  # e.g. truncated by a writer from before writes were atomic
            log.info(f"ignoring unreadable cache entry {entry.name}: {err}")
            continue
        if is_current(run):
            return run
    return None


def store_cached(path: Path, key: str, run: nbformat.NotebookNode) -> None:
    """Store an executed lab atomically, then evict all but this lab's newest CACHE_KEEP entries."""
    name = f"{path.stem}-{key}-{run.metadata['dnn_guide_run']['modules_hash']}.ipynb"
    write_atomic(CACHE_DIR / name, nbformat.writes(run))
    for old in _entries(path.stem)[CACHE_KEEP:]:
        old.unlink(missing_ok=True)


def run_lab(path: Path, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execute a lab top to bottom in a fresh kernel; the run info goes into its metadata."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    log.info(f"executing {path.name}")
    started = time.perf_counter()
    run = copy.deepcopy(nb)
    run.cells = [cell for cell in run.cells if not cell.metadata.get("exercise")]
    run.cells.insert(0, nbformat.v4.new_code_cell(SETUP_CELL))
    run.cells.append(nbformat.v4.new_code_cell(RUN_INFO_CELL))
    try:
        with tempfile.TemporaryDirectory() as workdir:
            client = NotebookClient(
                run,
                timeout=TIMEOUT_S,
                kernel_name="python3",
                allow_errors=False,
                resources={"metadata": {"path": workdir}},
            )
            client.execute(env={**os.environ, **kernel_env(path)})
    except CellExecutionError as err:
        raise LabError(f"{path.name} failed to run:\n{err}") from None
    run.cells.pop(0)
    info = json.loads(run.cells.pop().outputs[0].text)
    info["modules_hash"] = modules_hash(info["modules"])
    run.metadata["dnn_guide_run"] = info
    check_solutions(path, run)
    seconds = time.perf_counter() - started
    TIMES[path.stem] = seconds
    log.info(f"executed {path.name} in {seconds:.1f} s")
    return run


def check_solutions(path: Path, run: nbformat.NotebookNode) -> None:
    """Every solution cell must show a passing check (strict checking already fails a rejected one)."""
    for n, cell in enumerate(code_cells(run)):
        if cell.metadata.get("solution") and not any(
            output.get("data", {}).get(FEEDBACK_MIME, {}).get("ok") for output in cell.get("outputs", [])
        ):
            raise LabError(
                f"{path.name}: solution cell {n} (code cell {n} of the run) shows no passing check: end it "
                "with its checker call, e.g. check_xor_forward(xor_forward)"
            )


_RUNS: dict[tuple[Path, str], nbformat.NotebookNode] = {}  # executed labs of this process, by cache key
TIMES: dict[str, float] = {}  # seconds each lab this process executed took


def checked_lab(path: Path) -> nbformat.NotebookNode:
    """The lab source, read and refused if an English cell translates an older Korean text."""
    nb = read_lab(path)
    stale = stale_translations(nb)
    if stale:
        raise LabError(
            f"{path.name}: English cell(s) {stale} translate an older Korean text. Update the "
            f"translation, then run: python docs/_hooks/labs.py stamp {path.relative_to(ROOT)}"
        )
    return nb


def cached_run(path: Path, nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The executed run of exactly this code, with its modules unchanged, from this process or the cache."""
    key = cache_key(path, nb)  # of this very reading of the file: the code that runs is the code keyed
    code = [cell.source for cell in run_cells(nb)]
    run = _RUNS.get((path, key))
    if run is None or not is_current(run):
        run = load_cached(path, key)
    if run is None or [cell.source for cell in code_cells(run)] != code:
        return None
    _RUNS[(path, key)] = run
    return run


def executed(path: Path) -> nbformat.NotebookNode:
    """The lab as it is now (prose included), with the outputs of its code from the cache or a fresh run."""
    nb = checked_lab(path)
    run = cached_run(path, nb)
    if run is None:
        run, key = run_lab(path, nb), cache_key(path, nb)
        store_cached(path, key, run)
        _RUNS[(path, key)] = run
    for cell, ran in zip(run_cells(nb), code_cells(run)):
        cell.outputs, cell.execution_count = copy.deepcopy(ran.outputs), ran.execution_count
    nb.metadata["dnn_guide_run"] = run.metadata["dnn_guide_run"]
    return nb


def execute_all(paths: list[Path]) -> None:
    """Run the labs that have no current cached run, WORKERS at a time (each kernel is its own process)."""
    todo = [path for path in paths if cached_run(path, checked_lab(path)) is None]
    side_by_side = [path for path in todo if path.stem not in TIMED_LABS]
    side_by_side.sort(
        key=lambda path: SLOWEST_LABS.index(path.stem) if path.stem in SLOWEST_LABS else len(SLOWEST_LABS)
    )
    if len(side_by_side) > 1:
        log.info(f"executing {len(side_by_side)} labs, {WORKERS} at a time, {KERNEL_THREADS} torch thread(s) each")
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(executed, side_by_side))  # re-raises the first lab's error
    for path in todo:
        if path.stem in TIMED_LABS:
            executed(path)


def in_language(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """The notebook with only the markdown cells of one language (code and outputs unchanged)."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if c.cell_type != "markdown" or c.metadata.get("lang") == lang]
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
    out.metadata.pop("jupytext", None)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    return out


@cache
def package_version() -> str:
    """dnn_guide's version, from the one place it is written (dnn_guide/__init__.py)."""
    text = (PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)[1]


def install_cell(lang: str, version: str | None = None) -> str:
    """The code of a notebook's first cell: make the exercise checks answer in the notebook's language, and
    install dnn-guide==version unless that version is installed (the ``if`` comes last: the cell shows nothing)."""
    version = version or package_version()
    comment, install = INSTALL_CELL.format(
        comment=INSTALL_COMMENT[lang].format(version=version), version=version
    ).split("\n", 1)
    language = language_cell(lang).replace("\n\n", "\n")
    return f"{comment}\n{language}\n{install}"


def language_cell(lang: str) -> str:
    """Code that makes the exercise checks of a download answer in its language."""
    return LANGUAGE_CELL.format(lang=lang, name=LANGUAGE_NAME[lang])


def as_notebook(nb: nbformat.NotebookNode, lang: str) -> str:
    """The downloadable notebook: the install cell, then the lab with its outputs."""
    out = copy.deepcopy(nb)
    cell = nbformat.v4.new_code_cell(install_cell(lang))
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


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if heading:
                return heading[1].strip()
    return "dnn-guide"


def as_script(nb: nbformat.NotebookNode, lang: str = "en") -> str:
    """The notebook as a runnable jupytext percent script (markdown as comments, no outputs).

    A header says how to install dnn-guide; a cell whose value the page shows as text or a table
    prints it.
    """
    bare = copy.deepcopy(nb)
    bare.cells.insert(0, nbformat.v4.new_code_cell(language_cell(lang)))
    for cell in bare.cells:
        if cell.cell_type == "code":
            if _shows_text_result(cell):
                cell.source = print_result(cell.source)
            cell.outputs, cell.execution_count = [], None
    bare.metadata["jupytext"] = {"notebook_metadata_filter": "-all"}
    header = SCRIPT_HEADER[lang].format(title=_title(nb), version=package_version())
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
    """Markdown for one language's executed notebook, and the images it links (name -> PNG)."""
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
            parts[start:] = [f'??? success "{SOLUTION_LABEL[lang]}"\n' + _indent("\n\n".join(parts[start:]))]
    return "\n\n".join(parts) + "\n", images


def github_repo(repo_url: str | None) -> str | None:
    """``owner/name`` of a GitHub repository URL, or None for any other URL."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme == "https" and parts.netloc == "github.com" and len(path) == 2 and all(path):
        return "/".join(path)
    return None


def colab_url(repo: str, name: str, lang: str) -> str:
    """Where Colab opens a lab's executed notebook: the notebooks branch of the repository."""
    return COLAB_URL.format(repo=repo, notebook=f"{name}.{lang}.ipynb")


def links(name: str, lang: str, repo: str | None) -> str:
    """The line under a lab's title: its downloads and, for a GitHub repository, Colab."""
    line = DOWNLOAD_LABEL[lang].format(nb=f"{name}.{lang}.ipynb", py=f"{name}.{lang}.py")
    if repo:
        line += " · " + COLAB_LABEL[lang].format(colab=colab_url(repo, name, lang))
    return line


_PAGES: dict[tuple, tuple[str, dict[str, bytes], str, str]] = {}  # rendered labs of this process


def rendered(path: Path, lang: str) -> tuple[str, dict[str, bytes], str, str]:
    """Page markdown (without the links line), images, notebook JSON and script of one lab in one language."""
    nb = executed(path)
    source = hashlib.sha256(path.read_bytes()).digest()  # the prose too, which the cache key leaves out
    key = (path, lang, source, cache_key(path, nb), nb.metadata["dnn_guide_run"]["modules_hash"])
    if key not in _PAGES:
        nb = in_language(nb, lang)
        markdown, images = to_markdown(nb, path.stem, lang)
        markdown += "\n" + RUN_NOTE[lang].format(**nb.metadata["dnn_guide_run"]) + "\n"
        _PAGES[key] = markdown, images, as_notebook(nb, lang), as_script(nb, lang)
    return _PAGES[key]


def lab_sources() -> list[Path]:
    return sorted(LAB_DIR.glob("*.py"))


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else LANGS[0]


def on_config(config):
    repo = github_repo(config.repo_url)
    if repo and config.repo_name in (None, "", "GitHub"):  # the header shows owner/name, not just "GitHub"
        config.repo_name = repo
    return config


@event_priority(-200)  # after mkdocs-static-i18n has laid out this language's files
def on_files(files, config):
    lang = _language(config)
    for path in lab_sources():
        for lang_ in LANGS:
            if not (path.parent / f"{path.stem}.{lang_}.md").exists():
                raise LabError(f"{path.name} needs a page docs/labs/{path.stem}.{lang_}.md (copy another lab's)")
    execute_all(lab_sources())
    for path in lab_sources():
        _, images, notebook, script = rendered(path, lang)
        generated = {f"{path.stem}.{lang}.ipynb": notebook, f"{path.stem}.{lang}.py": script, **images}
        for name, content in generated.items():
            files.append(File.generated(config, f"labs/{name}", content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown, page, config, files):
    match = re.fullmatch(r"labs/([\w-]+)\.(\w+)\.md", page.file.src_uri)
    if not (match and (LAB_DIR / f"{match[1]}.py").exists()):
        return markdown
    name, lang = match[1], match[2]
    if page.edit_url:  # "edit this page" opens the lab's source, not its one-line placeholder
        page.edit_url = page.edit_url.rsplit("/", 1)[0] + f"/{name}.py"
    title, _, body = rendered(LAB_DIR / f"{name}.py", lang)[0].partition("\n\n")
    return f"{title}\n\n{links(name, lang, github_repo(config.repo_url))}\n\n{body}"


def on_pre_build(config):
    environment_digest.cache_clear()  # `mkdocs serve`: data files or bench records may have changed


def on_post_build(config):
    """Log where the build's time went: each lab this process executed (the rest came from the cache)."""
    if TIMES:
        rows = [f"  {name:<20} {seconds:6.1f} s" for name, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1])]
        log.info("lab execution times (this build):\n" + "\n".join(rows))
        TIMES.clear()


def preview(path: Path) -> None:
    """Execute one lab (or take it from the cache) and write its two pages to build/preview/."""
    for lang in LANGS:
        markdown = rendered(path, lang)[0]
        write_atomic(ROOT / "build" / "preview" / f"{path.stem}.{lang}.md", markdown)
    took = f"executed in {TIMES[path.stem]:.1f} s" if path.stem in TIMES else "taken from the cache"
    print(f"{path.stem}: {took}; pages in build/preview/{path.stem}.{{ko,en}}.md")


USAGE = """usage: python docs/_hooks/labs.py stamp docs/labs/<name>.py [...]   (after checking a translation)
       python docs/_hooks/labs.py run docs/labs/<name>.py [...]     (execute, write build/preview/)"""

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("stamp", "run"):
        sys.exit(USAGE)
    for arg in sys.argv[2:]:
        if sys.argv[1] == "stamp":
            stamp(Path(arg))
            print(f"stamped {arg}")
        else:
            preview(Path(arg).resolve())
