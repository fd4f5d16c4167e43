"""Executing labs: each in a fresh Jupyter kernel, several side by side, every failure reported.

A lab runs top to bottom (nbclient) in a temporary working folder with the build's kernel environment: the
MNIST sample, strict exercise checks, a fixed hash seed, and its share of the CPUs (labs run ``WORKERS`` at
a time; a lab whose header says ``timed`` runs after them, alone, with every CPU). Kernels talk over IPC
sockets in that folder, not TCP, so nothing listens on the network and the log stays clean.

After each cell a hidden check (in_kernel.py) fails the lab if the cell made a table or a figure that it never
showed, and evaluates the prose's inline values that follow the cell (``{python} expr``, see source.py).
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import IPython  # noqa: F401  imported whole here: a lab thread importing it halfway broke matplotlib elsewhere
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

from dnn_guide.exercises import FEEDBACK_MIME  # the checkers' feedback output: one name for both sides

from .shared import SiteError
from .source import Inline, Lab, inline_expressions

# One kernel more than the CPUs share (at most 5): kernels start, wait on messages and write outputs, and the
# spare one fills those gaps while no run time is known yet (a fresh clone). Measured: see #18's closing note.
CORES = max(1, min(4, os.cpu_count() or 1))  # labs that share the CPUs, each with its share of threads
WORKERS = CORES + 1
KERNEL_THREADS = max(1, (os.cpu_count() or 1) // CORES)
TIMEOUT_S = 600  # one cell
KERNEL_ENV = {
    "TQDM_DISABLE": "1",
    "DNN_GUIDE_MNIST": "sample",
    "PYTHONHASHSEED": "0",
    "DNN_GUIDE_EXERCISES_STRICT": "1",  # a solution its checker rejects fails the build
}

# Run before the lab, hidden from pages and downloads: sharper figures, each shown with its alt text, and the
# check run after each cell (in_kernel.py: what the cell made but did not show, the prose's inline values).
IN_KERNEL = (Path(__file__).parent / "in_kernel.py").read_text(encoding="utf-8")
SETUP_CELL = (
    """%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 120}
from dnn_guide.alt_text import install_alt_text
install_alt_text()
"""
    + IN_KERNEL
)
AFTER_CELL = "_dnn_guide_after_cell({expressions!r})"
AFTER_CELL_MIME = "application/x-dnn-guide-after-cell+json"
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
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class LabRunError(SiteError):
    """One or more labs failed to run; the message names each lab, cell and line."""


def kernel_env(lab: Lab) -> dict[str, str]:
    """The environment a lab's kernel gets on top of the build's (a timed lab gets every CPU)."""
    threads = str(os.cpu_count() or 1) if lab.header.timed else str(KERNEL_THREADS)
    return {**KERNEL_ENV, "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}


def _cell_lines(lab: Lab) -> list[int]:
    """The line of the source where each cell starts (its ``# %%`` line), in cell order, in the text that was
    read (a file edited since does not shift them)."""
    lines = lab.text.split("\n")
    return [n + 1 for n, line in enumerate(lines) if line.startswith("# %%")]


def _failure(lab: Lab, cell_index: int, error) -> str:
    """Where a lab failed, for a person: file, cell, line in the file, and the error itself."""
    cell = lab.notebook.cells[cell_index]
    trace = getattr(error, "traceback", None) or str(error)  # nbclient: one string; else a list of lines
    trace = _ANSI.sub("", trace if isinstance(trace, str) else "\n".join(trace))
    within = re.search(r"Cell In\[\d+\], line (\d+)", trace)
    starts = _cell_lines(lab)
    line = starts[cell_index] + int(within[1]) if within and cell_index < len(starts) else None
    name = getattr(error, "ename", None) or type(error).__name__
    value = getattr(error, "evalue", None) or str(error).strip().split("\n")[-1]
    code = cell.source.split("\n")[int(within[1]) - 1].strip() if within else ""
    return f"{lab.where(cell_index, line)}: {name}: {value}" + (f"\n    {code}" if code else "")


def execute(lab: Lab) -> nbformat.NotebookNode:
    """Run a lab top to bottom in a fresh kernel and return the executed notebook (exercise templates left out).

    The run's facts go into ``metadata.dnn_guide_run`` (date, torch, device, dnn_guide, the modules it
    imported), the prose's inline values into ``metadata.dnn_guide_inline`` (the number of lab cells run
    before them -> expression -> text) and its duration into ``metadata.dnn_guide_cost``. A failing cell, one
    that runs past ``TIMEOUT_S`` or a kernel that dies raises :class:`LabRunError` naming the lab, the cell and
    the line; so do a cell that makes a table or figure it never shows and an inline expression that fails.
    """
    started = time.perf_counter()
    run = copy.deepcopy(lab.notebook)
    source_cells = [
        i for i, cell in enumerate(run.cells) if cell.cell_type == "code" and not cell.metadata.get("exercise")
    ]
    run.cells = [cell for cell in run.cells if not cell.metadata.get("exercise")]
    run.cells.insert(0, nbformat.v4.new_code_cell(SETUP_CELL))
    run.cells.append(nbformat.v4.new_code_cell(RUN_INFO_CELL))
    run_cells_ = [i for i, cell in enumerate(run.cells) if cell.cell_type == "code"][1:-1]
    source_index = dict(zip(run_cells_, source_cells))  # index in `run` -> index in the lab source
    inlines: dict[int, list[Inline]] = defaultdict(list)  # by the number of lab cells run before them
    for inline in inline_expressions(lab.notebook):
        inlines[inline.after].append(inline)
    values: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="dnn-guide-lab-") as workdir:
        config = Config()
        config.KernelManager.transport = "ipc"  # sockets in workdir: no TCP port, no plain-text warning
        config.KernelManager.ip = os.path.join(workdir, "kernel")
        client = NotebookClient(run, timeout=TIMEOUT_S, kernel_name="python3", allow_errors=False, config=config)
        client.reset_execution_trackers()
        with client.setup_kernel(env={**os.environ, **kernel_env(lab)}, cwd=workdir):
            after = 0  # how many of the lab's code cells have run
            for index, cell in enumerate(run.cells):
                try:
                    client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
                    if index not in source_index:
                        raise LabRunError(f"{lab.where()}: the build's own setup cell failed: {err}") from None
                    raise LabRunError(_failure(lab, source_index[index], err)) from None
                if cell.cell_type == "code" and index < len(run.cells) - 1:  # the setup cell, then each lab cell
                    after += index > 0
                    values[str(after)] = _after_cell(client, lab, index, source_index.get(index), inlines[after])
    run.cells.pop(0)
    info = json.loads(run.cells.pop().outputs[0].text)
    run.metadata["dnn_guide_run"] = info
    run.metadata["dnn_guide_inline"] = {after: found for after, found in values.items() if found}
    run.metadata["dnn_guide_cost"] = {"seconds": round(time.perf_counter() - started, 1)}
    _check_solutions(lab, run)
    return run


def _after_cell(client: NotebookClient, lab: Lab, index: int, source: int | None, inlines: list[Inline]) -> dict:
    """Check the cell just run (``source``: its index in the lab; None for the setup cell) in a hidden cell:
    everything it made is shown; then evaluate the inline values of the prose after it (expression -> text)."""
    expressions = sorted({inline.expr for inline in inlines})
    check = nbformat.v4.new_code_cell(AFTER_CELL.format(expressions=expressions))
    ran = client.nb.cells[index]
    try:
        client.execute_cell(check, index, store_history=False)
        report = next(out.data[AFTER_CELL_MIME] for out in check.outputs if AFTER_CELL_MIME in out.get("data", {}))
    except (CellExecutionError, CellTimeoutError, DeadKernelError, StopIteration) as err:
        raise LabRunError(f"{lab.where(source)}: the build's check after this cell failed: {err}") from None
    finally:  # leave no trace: nbclient puts the cell it ran at the index it is given, and counts it
        client.nb.cells[index] = ran
        client.code_cells_executed -= 1
    if report["unshown"]:
        made = " and ".join(report["unshown"])
        raise LabRunError(
            f"{lab.where(source)}: this cell makes {made} that it never shows (the prose may cite it): show it "
            "(make it the cell's last expression, or call display() / plt.show()), or do not make it"
        )
    for inline in inlines:
        error = report["values"][inline.expr].get("error")
        if error:
            raise LabRunError(f"{lab.where(inline.cell)}: inline value `{{python}} {inline.expr}`: {error}")
    return {expr: report["values"][expr]["value"] for expr in expressions}


def _check_solutions(lab: Lab, run: nbformat.NotebookNode) -> None:
    """Every solution cell must show a passing check (strict checking already fails a rejected one)."""
    kept = [i for i, cell in enumerate(lab.notebook.cells) if not cell.metadata.get("exercise")]  # run's cells
    for source_index, cell in zip(kept, run.cells):
        if cell.metadata.get("solution") and not any(
            output.get("data", {}).get(FEEDBACK_MIME, {}).get("ok") for output in cell.get("outputs", [])
        ):
            raise LabRunError(
                f"{lab.where(source_index)}: this solution cell shows no passing check: end it with its checker "
                "call, e.g. check_xor_forward(xor_forward)"
            )


def run_all(labs: Iterable[Lab], run_one: Callable[[Lab], object], cost: Callable[[Lab], float | None]) -> None:
    """Call ``run_one`` on every lab: ``WORKERS`` side by side, the longest (by ``cost``) first, then the
    timed labs one at a time. Every lab runs even when another fails; then one :class:`LabRunError` names
    every failure."""
    labs = list(labs)
    side_by_side = sorted((lab for lab in labs if not lab.header.timed), key=lambda lab: -(cost(lab) or 0.0))
    failures: dict[str, str] = {}

    def attempt(lab: Lab) -> None:
        try:
            run_one(lab)
        except LabRunError as err:
            failures[lab.name] = str(err)
        except Exception as err:  # anything else still leaves the other labs to run and be reported
            failures[lab.name] = f"{lab.where()}: {type(err).__name__}: {err}"

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(attempt, side_by_side))
    for lab in labs:
        if lab.header.timed:
            attempt(lab)
    if failures:  # in the order the labs were given, whichever finished first
        count = f"{len(failures)} labs failed" if len(failures) > 1 else "a lab failed"
        listed = [failures[lab.name] for lab in labs if lab.name in failures]
        raise LabRunError(f"{count} to run:\n" + "\n".join(f"- {failure}" for failure in listed))
