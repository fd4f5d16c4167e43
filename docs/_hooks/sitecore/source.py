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
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jupytext
import nbformat

from .shared import LANGS, SiteError, write_atomic

HEADER_KEYS = {"order", "number", "title", "summary", "originals", "experiments", "timed", "exercises"}


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

    def nav_title(self, lang: str) -> str:
        """The title in the nav and the browser tab: the original notebook's number first, where there is one."""
        return f"{self.number} {self.title[lang]}" if self.number else self.title[lang]


def text_hash(text: str) -> str:
    """Short hash of a markdown cell's text, ignoring surrounding blank space."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:10]


@cache
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
    missing, unknown = HEADER_KEYS - raw.keys(), raw.keys() - HEADER_KEYS
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
    return LabHeader(
        name=path.stem,
        order=raw["order"],
        number=None if raw["number"] is None else str(raw["number"]),
        title=dict(raw["title"]),
        summary=dict(raw["summary"]),
        originals=tuple(raw["originals"]),
        experiments=tuple(raw["experiments"]),
        timed=bool(raw["timed"]),
        exercises=raw["exercises"],
    )


def _check_pairs(path: Path, nb: nbformat.NotebookNode) -> None:
    """The markdown cells alternate Korean, English, each English cell right after its Korean one."""
    markdown = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]
    for n, (i, cell) in enumerate(markdown):
        want = LANGS[n % 2]
        if cell.metadata.get("lang") != want:
            raise LabSourceError(
                f"{path.name}: markdown cell {i} must be lang={want!r} (Korean and English cells "
                f"alternate, Korean first), but it has lang={cell.metadata.get('lang')!r}"
            )
        if want == "en" and markdown[n - 1][0] != i - 1:
            raise LabSourceError(f"{path.name}: English cell {i} must follow its Korean cell directly")
    if len(markdown) % 2:
        raise LabSourceError(f"{path.name}: the last Korean cell (cell {markdown[-1][0]}) has no English translation")


def _check_stamps(path: Path, nb: nbformat.NotebookNode) -> None:
    """Each English cell translates its Korean cell as it is now (its ``ko`` stamp matches)."""
    stale = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.metadata.get("lang") == "en" and cell.metadata.get("ko") != text_hash(nb.cells[i - 1].source)
    ]
    if stale:
        raise LabSourceError(
            f"{path.name}: English cell(s) {stale} translate an older Korean text. Update the "
            f"translation, then run: python docs/_hooks/labs.py stamp docs/labs/{path.name}"
        )


@dataclass
class Lab:
    """A lab source as read now: its path, header and cells (checked: header, pairs, stamps)."""

    path: Path
    header: LabHeader
    notebook: nbformat.NotebookNode

    @property
    def name(self) -> str:
        return self.path.stem


def read_lab(path: Path) -> Lab:
    """Read and check a lab source (a malformed one raises :class:`LabSourceError` naming the fix)."""
    nb = parse(path)
    header = _header(path, nb)
    _check_pairs(path, nb)
    _check_stamps(path, nb)
    _check_results_markers(path, nb, header)
    return Lab(path, header, nb)


def _check_results_markers(path: Path, nb: nbformat.NotebookNode, header: LabHeader) -> None:
    """A ``<!-- results:lab:ID -->`` marker names an experiment that the header lists."""
    for i, cell in enumerate(nb.cells):
        for experiment in re.findall(
            r"<!-- results:lab:(\w+) -->", cell.source if cell.cell_type == "markdown" else ""
        ):
            if experiment not in header.experiments:
                raise LabSourceError(
                    f"{path.name}: markdown cell {i} shows the records of experiment {experiment!r}, which the "
                    f"header's `experiments` {list(header.experiments)} does not list: add it there"
                )


def headers(lab_dir: Path) -> list[LabHeader]:
    """Every lab's header, in the order of the nav (``order``, then name)."""
    found = [_header(path, parse(path)) for path in sorted(lab_dir.glob("*.py"))]
    orders = {}
    for header in found:
        if header.order in orders:
            raise LabSourceError(f"{header.name}.py and {orders[header.order]}.py have the same header order")
        orders[header.order] = header.name
    return sorted(found, key=lambda header: (header.order, header.name))


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def run_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells the build runs: all but the learner's exercise templates."""
    return [cell for cell in code_cells(nb) if not cell.metadata.get("exercise")]


def stamp(path: Path) -> None:
    """Mark every English cell of a lab as translating its Korean cell as it is now."""
    text = path.read_text(encoding="utf-8")
    nb = parse(path)
    _check_pairs(path, nb)
    headers_ = iter(re.finditer(r'^# %% \[markdown\] lang="en".*$', text, flags=re.M))
    out, last = [], 0
    for i in range(1, len(nb.cells)):
        if nb.cells[i].metadata.get("lang") == "en":
            match = next(headers_)
            out += [text[last : match.start()], f'# %% [markdown] lang="en" ko="{text_hash(nb.cells[i - 1].source)}"']
            last = match.end()
    write_atomic(path, "".join(out) + text[last:])
