"""Executed labs kept between builds: ``.cache/labs/<name>-<key>-<modules>.ipynb``.

The key is what can change a lab's outputs apart from ``dnn_guide``'s modules: its code cells and the inline
expressions of its prose (with the number of cells run before each), the hidden
setup and run-info cells, the kernel environment (thread count included), the package's data files, the
bench records a lab may read, and the versions of Python and the libraries. The ``dnn_guide`` modules a run
imported are recorded by the run and checked when the entry is looked up, so that editing one module re-runs
only the labs that import it. The rest of the prose is not in the key: a translation edit re-renders pages
from the cache.

Each entry remembers how long its lab ran (``metadata.dnn_guide_cost``): the next build starts the longest
first. Entries are written atomically; an unreadable or truncated one counts as missing (the lab re-runs).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from importlib import metadata
from pathlib import Path

import nbformat

from .execute import RUN_INFO_CELL, SETUP_CELL, kernel_env
from .shared import CACHE_DIR, DOCS, PACKAGE_DIR, write_atomic
from .source import Lab, code_cells, inline_expressions, run_cells

LIBRARIES = ("torch", "torchvision", "numpy", "matplotlib", "ipython", "ipykernel")
KEEP = 3  # entries kept per lab, so that e.g. builds with another thread count do not evict each other


def modules_hash(modules: list[str], package_dir: Path = PACKAGE_DIR) -> str | None:
    """Hash of the dnn_guide module files a run imported, as they are now; None if one is gone."""
    h = hashlib.sha256()
    for name in modules:
        try:
            h.update(name.encode() + (package_dir / name).read_bytes())
        except FileNotFoundError:
            return None
    return h.hexdigest()[:16]


class LabCache:
    """Look up and store executed labs (one object per build: the environment is hashed once)."""

    def __init__(
        self, folder: Path = CACHE_DIR / "labs", package_dir: Path = PACKAGE_DIR, bench_dir: Path | None = None
    ):
        self.folder = folder
        self.package_dir = package_dir
        self.bench_dir = bench_dir if bench_dir is not None else DOCS / "results" / "bench"
        self._environment: bytes | None = None
        self._memory: dict[tuple[str, str], nbformat.NotebookNode] = {}
        self._seconds: dict[str, float | None] = {}

    def environment(self) -> bytes:
        """What every lab's key shares: the package's data files, the bench records, the library versions."""
        if self._environment is None:
            h = hashlib.sha256()
            for file in sorted(self.package_dir.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts and file.suffix not in (".py", ".pyc"):
                    h.update(file.relative_to(self.package_dir).as_posix().encode() + file.read_bytes())
            for file in sorted(self.bench_dir.glob("*.json")):  # the speed lab reads these records
                h.update(file.name.encode() + file.read_bytes())
            for name in LIBRARIES:
                try:
                    h.update(f"{name}={metadata.version(name)}".encode())
                except metadata.PackageNotFoundError:
                    h.update(f"{name}=none".encode())
            h.update((SETUP_CELL + RUN_INFO_CELL).encode() + sys.version.encode())
            self._environment = h.digest()
        return self._environment

    def key(self, lab: Lab) -> str:
        """Changes when something that can change the lab's outputs changes, apart from dnn_guide's modules."""
        inline = [(inline.after, inline.expr) for inline in inline_expressions(lab.notebook)]
        h = hashlib.sha256(json.dumps([[cell.source for cell in run_cells(lab.notebook)], inline]).encode())
        h.update(self.environment() + json.dumps(kernel_env(lab)).encode())
        return h.hexdigest()[:16]

    def entries(self, name: str) -> list[Path]:
        """A lab's cache entries, newest first (another process may be adding or removing some)."""
        pattern = re.compile(re.escape(name) + r"-[0-9a-f]{16}-[0-9a-f]{16}\.ipynb")

        def mtime(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except FileNotFoundError:
                return 0.0

        found = list(self.folder.glob(f"{name}-*.ipynb")) if self.folder.is_dir() else []
        return sorted((p for p in found if pattern.fullmatch(p.name)), key=mtime, reverse=True)

    def _current(self, run: nbformat.NotebookNode) -> bool:
        info = run.metadata.get("dnn_guide_run", {})
        return "modules" in info and modules_hash(info["modules"], self.package_dir) == info.get("modules_hash")

    @staticmethod
    def _read(entry: Path) -> nbformat.NotebookNode | None:
        try:  # no exists() first: another build may remove the entry between the listing and the read
            return nbformat.read(entry, as_version=4)
        except (FileNotFoundError, ValueError, KeyError, AttributeError, TypeError, nbformat.ValidationError):
            # gone, truncated or corrupt: the lab runs again
            return None

    def lookup(self, lab: Lab) -> nbformat.NotebookNode | None:
        """The executed run of exactly this lab's code with its modules unchanged, or None (it must run)."""
        key = self.key(lab)
        code = [cell.source for cell in run_cells(lab.notebook)]
        run = self._memory.get((lab.name, key))
        if run is None or not self._current(run):
            run = None
            for entry in self.entries(lab.name):
                if entry.name.startswith(f"{lab.name}-{key}-"):
                    candidate = self._read(entry)
                    if candidate is not None and self._current(candidate):
                        run = candidate
                        break
        if run is None or [cell.source for cell in code_cells(run)] != code:
            return None
        self._memory[(lab.name, key)] = run
        return run

    def store(self, lab: Lab, run: nbformat.NotebookNode, key: str | None = None) -> None:
        """Store an executed lab atomically (under ``key``, the one it was run for, else its key now), then
        evict all but its newest ``KEEP`` entries."""
        key = key or self.key(lab)
        info = run.metadata["dnn_guide_run"]
        info["modules_hash"] = modules_hash(info["modules"], self.package_dir)
        write_atomic(self.folder / f"{lab.name}-{key}-{info['modules_hash']}.ipynb", nbformat.writes(run))
        self._memory[(lab.name, key)] = run
        self._seconds[lab.name] = run.metadata.get("dnn_guide_cost", {}).get("seconds")
        for old in self.entries(lab.name)[KEEP:]:
            old.unlink(missing_ok=True)

    def seconds(self, name: str) -> float | None:
        """How long the lab's newest cached run took (None if it never ran here): the next build's order.
        Read once per lab and cache object (each read parses a whole executed notebook)."""
        if name not in self._seconds:
            runs = (self._read(entry) for entry in self.entries(name))
            run = next((run for run in runs if run is not None), None)
            self._seconds[name] = run.metadata.get("dnn_guide_cost", {}).get("seconds") if run else None
        return self._seconds[name]
