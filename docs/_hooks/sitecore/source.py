"""A lab source: one jupytext percent file ``docs/labs/<name>.py``.

Its header (jupytext's YAML block, key ``dnn_guide``) says everything the site needs to know about the lab:

    # ---
    # jupyter:
    #   dnn_guide:
    #     order: 10                  # place in the nav and the index
    #     number: "8-1"              # the original notebook's number, or null
    #     title: {ko: ..., en: ...}
    #     summary: {ko: ..., en: ...} # the index table's third column
    #     originals: ["lab-08_1_xor.ipynb"]   # the original notebooks it follows
    #     experiments: ["08_1"]      # dnn_guide experiment ids whose records the page may show
    #     timed: false               # it times code: run alone, with every CPU
    #     exercises: "perceptron"    # its dnn_guide.exercises module, or null
    # ---

Markdown cells come in pairs, a Korean cell (``lang="ko"``) then its English translation
(``lang="en" ko="<hash>"``, the hash of the Korean text it translates, written by :func:`stamp`). Code cells
are shared by both languages. A code cell marked ``exercise=true`` is a learner's template (shown, not run);
one marked ``solution=true`` runs and is folded on the page.

Prose can show what the lab computed: ``{python} expr`` in backticks (Quarto's inline code) is replaced, on
the page and in the downloads, by the value of ``expr`` after the code cells above it ran (see execute.py).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jupytext
import nbformat

from .shared import LANGS, PACKAGE_DIR, UI, SiteError, write_atomic

HEADER_KEYS = {"order", "number", "title", "summary", "originals", "experiments", "timed", "exercises"}
OPTIONAL_KEYS = {"lecture"}
# Part 2's lectures as the original repository's README lists them (deeplearningzerotoall/PyTorch, "목차"); the
# README gives one link to all their slides and one to all their videos (render.py: LECTURE_SLIDES, _VIDEOS).
LECTURES = (
    "Lab-08-1 Perceptron",
    "Lab-08-2 Multi Layer Perceptron",
    "Lab-09-1 ReLU",
    "Lab-09-2 Weight initialization",
    "Lab-09-3 Dropout",
    "Lab-09-4 Batch Normalization",
)


class LabSourceError(SiteError):
    """A lab source is malformed: its header, its language pairs, or a stale translation."""


@dataclass(frozen=True)
class LabHeader:
    """What a lab's header says (see the module docstring)."""

    name: str
    order: float
    number: str | None
    title: dict[str, str]
    summary: dict[str, str]
    originals: tuple[str, ...]
    experiments: tuple[str, ...]
    timed: bool
    exercises: str | None
    lecture: str | None = None

    def nav_title(self, lang: str) -> str:
        """The title in the nav and the browser tab: the original notebook's number first, where there is one."""
        return f"{self.number} {self.title[lang]}" if self.number else self.title[lang]


def text_hash(text: str) -> str:
    """Short hash of a markdown cell's text, ignoring surrounding blank space."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:10]


@lru_cache(maxsize=64)  # a build asks for each lab many times; serve sees edits
def _parsed(text: str) -> nbformat.NotebookNode:
    return jupytext.reads(text, fmt="py:percent")


def parse(path: Path) -> nbformat.NotebookNode:
    """The lab source as a notebook, unchecked (parsed once per text: a build asks for each lab many times)."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))


def _header(path: Path, nb: nbformat.NotebookNode) -> LabHeader:
    raw = nb.metadata.get("dnn_guide")
    where = f"docs/labs/{path.name}"
    if not isinstance(raw, dict):
        raise LabSourceError(
            f"{where} has no header: start it with a jupytext header whose `jupyter:` key holds `dnn_guide:` "
            "(order, number, title, summary, originals, experiments, timed, exercises); copy another lab's"
        )
    missing, unknown = HEADER_KEYS - raw.keys(), raw.keys() - HEADER_KEYS - OPTIONAL_KEYS
    if missing or unknown:
        raise LabSourceError(f"{where}: header keys missing {sorted(missing)}, unknown {sorted(unknown)}")
    for key in ("title", "summary"):
        if not isinstance(raw[key], dict) or set(raw[key]) != set(LANGS) or not all(raw[key].values()):
            raise LabSourceError(f"{where}: header `{key}` needs a non-empty text for each of {list(LANGS)}")
    if isinstance(raw["order"], bool) or not isinstance(raw["order"], (int, float)):
        raise LabSourceError(f"{where}: header `order` must be a number (its place in the nav), got {raw['order']!r}")
    for key in ("originals", "experiments"):
        if not isinstance(raw[key], list) or not all(isinstance(item, str) for item in raw[key]):
            raise LabSourceError(f'{where}: header `{key}` must be a list of quoted strings, e.g. ["09_1"]')
    if not isinstance(raw["timed"], bool):
        raise LabSourceError(f"{where}: header `timed` must be true or false (unquoted), got {raw['timed']!r}")
    if raw["number"] is not None and not isinstance(raw["number"], str):
        raise LabSourceError(f'{where}: header `number` must be a quoted string such as "9-1", or null')
    exercises = raw["exercises"]
    if exercises is not None and not (PACKAGE_DIR / "exercises" / f"{exercises}.py").is_file():
        raise LabSourceError(f"{where}: header `exercises`: there is no dnn_guide/exercises/{exercises}.py")
    lecture = raw.get("lecture")
    if lecture is not None and lecture not in LECTURES:
        raise LabSourceError(
            f"{where}: header `lecture` must be one of the original course's {list(LECTURES)}, or null"
        )
    return LabHeader(
        name=path.stem,
        order=raw["order"],
        number=raw["number"],
        title=dict(raw["title"]),
        summary=dict(raw["summary"]),
        originals=tuple(raw["originals"]),
        experiments=tuple(raw["experiments"]),
        timed=raw["timed"],
        exercises=exercises,
        lecture=lecture,
    )


def _language(lang: str) -> str:
    return UI[lang]["language_name"]


def _check_pairs(path: Path, nb: nbformat.NotebookNode) -> None:
    """The lab starts with prose; its markdown cells come in groups, one per language in ``LANGS`` order
    (Korean first), each translation right after the cell before it."""
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        raise LabSourceError(f"docs/labs/{path.name}: a lab starts with its {_language(LANGS[0])} markdown cell")
    markdown = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]
    for n, (i, cell) in enumerate(markdown):
        want = LANGS[n % len(LANGS)]
        if cell.metadata.get("lang") != want:
            raise LabSourceError(
                f"{path.name}: markdown cell {i} must be lang={want!r} (the languages' cells come in turn, "
                f"{_language(LANGS[0])} first), but it has lang={cell.metadata.get('lang')!r}"
            )
        if n % len(LANGS) and markdown[n - 1][0] != i - 1:
            raise LabSourceError(
                f"{path.name}: {_language(want)} cell {i} must follow its {_language(LANGS[0])} cell directly"
            )
    if len(markdown) % len(LANGS):
        first = markdown[-(len(markdown) % len(LANGS))][0]
        missing = LANGS[len(markdown) % len(LANGS)]
        raise LabSourceError(
            f"{path.name}: the last {_language(LANGS[0])} cell (cell {first}) has no {_language(missing)} translation"
        )


def _originals(nb: nbformat.NotebookNode) -> dict[int, int]:
    """For each translated cell, the index of the first-language cell it translates."""
    found, original = {}, None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        if cell.metadata.get("lang") == LANGS[0]:
            original = i
        elif original is not None:
            found[i] = original
    return found


def _check_stamps(path: Path, nb: nbformat.NotebookNode) -> None:
    """Each translation translates its first-language cell as it is now (its stamp, e.g. ``ko="…"``, matches)."""
    stale = [
        i for i, o in _originals(nb).items() if nb.cells[i].metadata.get(LANGS[0]) != text_hash(nb.cells[o].source)
    ]
    if stale:
        langs = sorted({_language(nb.cells[i].metadata["lang"]) for i in stale})
        raise LabSourceError(
            f"{path.name}: {' and '.join(langs)} cell(s) {stale} translate an older {_language(LANGS[0])} text. "
            f"Update the translation, then run: python docs/_hooks/labs.py stamp docs/labs/{path.name}"
        )


RESULTS_MARKER = re.compile(r"<!-- results:lab:(\w+) -->")  # filled by docs/_hooks/results.py


def _check_results_markers(path: Path, nb: nbformat.NotebookNode, header: LabHeader) -> None:
    """A ``<!-- results:lab:ID -->`` marker names an experiment that the header lists."""
    for i, cell in enumerate(nb.cells):
        for experiment in RESULTS_MARKER.findall(cell.source if cell.cell_type == "markdown" else ""):
            if experiment not in header.experiments:
                raise LabSourceError(
                    f"{path.name}: markdown cell {i} shows the records of experiment {experiment!r}, which the "
                    f"header's `experiments` {list(header.experiments)} does not list: add it there"
                )


@dataclass
class Lab:
    """A lab source as read: its path, the text read, its header and cells (checked: header, pairs, stamps)."""

    path: Path
    header: LabHeader
    notebook: nbformat.NotebookNode
    text: str = ""

    @property
    def name(self) -> str:
        return self.path.stem

    def where(self, cell: int | None = None, line: int | None = None) -> str:
        """How messages name a place in the lab: ``docs/labs/<name>.py, cell 3, line 120``."""
        place = f"docs/labs/{self.path.name}"
        place += f", cell {cell}" if cell is not None else ""
        return place + (f", line {line}" if line is not None else "")


def read_lab(path: Path) -> Lab:
    """Read and check a lab source (a malformed one raises :class:`LabSourceError` naming the fix)."""
    text = path.read_text(encoding="utf-8")
    nb = copy.deepcopy(_parsed(text))
    header = _header(path, nb)
    _check_pairs(path, nb)
    _check_stamps(path, nb)
    _check_results_markers(path, nb, header)
    return Lab(path, header, nb, text)


def in_nav_order(found) -> list[LabHeader]:
    """Headers in the order of the nav (``order``, then name); two labs with one order are refused."""
    found, orders = list(found), {}
    for header in found:
        if header.order in orders:
            raise LabSourceError(f"{header.name}.py and {orders[header.order]}.py have the same header order")
        orders[header.order] = header.name
    return sorted(found, key=lambda header: (header.order, header.name))


def headers(lab_dir: Path) -> list[LabHeader]:
    """Every lab's header, in the order of the nav."""
    read = ((path, _parsed(path.read_text(encoding="utf-8"))) for path in sorted(lab_dir.glob("*.py")))
    return in_nav_order(_header(path, nb) for path, nb in read)  # the header only reads: no copy needed


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def run_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells the build runs: all but the learner's exercise templates."""
    return [cell for cell in code_cells(nb) if not cell.metadata.get("exercise")]


INLINE = re.compile(r"`\{python\}\s+([^`]+?)\s*`")  # `{python} expr` in a markdown cell


@dataclass(frozen=True)
class Inline:
    """One inline expression of the prose: the markdown cell it is in, and the code cells run before it."""

    cell: int  # index of the markdown cell in the lab source
    after: int  # how many run cells come before it (0: before the first)
    expr: str


def inline_expressions(nb: nbformat.NotebookNode) -> list[Inline]:
    """Every ``{python} expr`` of the lab's markdown cells, in order."""
    found, after = [], 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and not cell.metadata.get("exercise"):
            after += 1
        elif cell.cell_type == "markdown":
            found += [Inline(index, after, match[1]) for match in INLINE.finditer(cell.source)]
    return found


def stamp(path: Path) -> None:
    """Mark every translated cell of a lab as translating its first-language cell as it is now."""
    text = path.read_text(encoding="utf-8")
    nb = parse(path)
    _check_pairs(path, nb)
    markers = iter(re.finditer(r'^# %% \[markdown\] lang="(\w+)".*$', text, flags=re.M))
    out, last, originals = [], 0, _originals(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        match = next(markers)
        if i in originals:
            stamped = f'# %% [markdown] lang="{match[1]}" {LANGS[0]}="{text_hash(nb.cells[originals[i]].source)}"'
            out += [text[last : match.start()], stamped]
            last = match.end()
    write_atomic(path, "".join(out) + text[last:])
