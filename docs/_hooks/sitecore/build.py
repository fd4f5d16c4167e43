"""A build's labs, and `mkdocs serve`'s background runs: what the event layer (``docs/_hooks/labs.py``) drives.

:class:`Build` reads every lab, looks each up in the cache, runs the missing ones (``mkdocs build``) and renders
them per language. :class:`Background` runs labs on daemon threads while `mkdocs serve` answers; a run that
lands in the cache makes the server rebuild (it watches ``.cache/labs/``).
"""

from __future__ import annotations

import re
import threading
import time

from . import render, source
from .cache import LabCache
from .execute import WORKERS, execute, run_all
from .shared import CACHE_DIR, LAB_DIR, PACKAGE_DIR, write_atomic


def package_version() -> str:
    """dnn_guide's version, from the one place it is written (dnn_guide/__init__.py)."""
    text = (PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)[1]


class Build:
    """One build's labs: read, looked up in the cache, run where needed, rendered per language."""

    def __init__(self, repo: str | None, log=None, paths=None):
        self.repo = repo
        self.log = log
        self.cache = LabCache(CACHE_DIR / "labs")
        paths = sorted(LAB_DIR.glob("*.py")) if paths is None else paths
        self.labs = {path.stem: source.read_lab(path) for path in paths}
        self.runs = {name: self.cache.lookup(lab) for name, lab in self.labs.items()}
        self.times: dict[str, float] = {}
        self._pages: dict[tuple[str, str], render.RenderedLab] = {}
        self.version = package_version()

    def missing(self) -> list[source.Lab]:
        return [lab for name, lab in self.labs.items() if self.runs[name] is None]

    def run(self, lab: source.Lab) -> None:
        """Execute one lab and store it in the cache."""
        if self.log:
            self.log.info(f"executing {lab.path.name}")
        run = execute(lab)
        self.cache.store(lab, run)
        self.runs[lab.name] = run
        self.times[lab.name] = run.metadata["dnn_guide_cost"]["seconds"]
        if self.log:
            self.log.info(f"executed {lab.path.name} in {self.times[lab.name]:.1f} s")

    def run_missing(self) -> None:
        """Run every lab without a current cache entry (all failures reported together)."""
        todo = self.missing()
        if todo:
            run_all(todo, self.run, cost=lambda lab: self.cache.seconds(lab.name))

    def rendered(self, name: str, lang: str) -> render.RenderedLab | None:
        if self.runs.get(name) is None:
            return None
        if (name, lang) not in self._pages:
            self._pages[(name, lang)] = render.RenderedLab(
                self.labs[name], self.runs[name], lang, self.version, self.repo
            )
        return self._pages[(name, lang)]

    def headers(self) -> list[source.LabHeader]:
        return sorted((lab.header for lab in self.labs.values()), key=lambda header: (header.order, header.name))


class Background:
    """`mkdocs serve` only: runs labs on daemon threads while the site is served (one per process)."""

    def __init__(self, log):
        self.log = log
        self._lock = threading.Condition()
        self._queue: dict[str, tuple[str, source.Lab]] = {}  # name -> (cache key, lab)
        self._running: dict[str, tuple[str, bool]] = {}  # name -> (cache key, timed)
        self.failed: dict[str, tuple[str, str]] = {}  # name -> (cache key, message)
        self._threads: list[threading.Thread] = []

    def submit(self, lab: source.Lab, key: str) -> None:
        with self._lock:
            if self._running.get(lab.name, ("",))[0] == key or self.failed.get(lab.name, ("",))[0] == key:
                return
            self._queue[lab.name] = (key, lab)
            if not self._threads:
                for n in range(WORKERS):
                    thread = threading.Thread(target=self._work, name=f"lab-runner-{n}", daemon=True)
                    thread.start()
                    self._threads.append(thread)
            self._lock.notify_all()

    def error(self, lab: source.Lab, key: str) -> str | None:
        failed = self.failed.get(lab.name)
        return failed[1] if failed and failed[0] == key else None

    def _next(self) -> tuple[str, source.Lab]:
        """The next lab to run: untimed ones side by side; a timed one alone, once nothing else runs."""
        while True:
            if not any(timed for _, timed in self._running.values()):
                untimed = [name for name, (_, lab) in self._queue.items() if not lab.header.timed]
                name = untimed[0] if untimed else (next(iter(self._queue), None) if not self._running else None)
                if name is not None:
                    key, lab = self._queue.pop(name)
                    self._running[name] = (key, lab.header.timed)
                    return key, lab
            self._lock.wait()

    def _work(self) -> None:
        while True:
            with self._lock:
                key, lab = self._next()
            try:
                self.log.info(f"executing {lab.path.name} in the background")
                started = time.perf_counter()
                cache = LabCache(CACHE_DIR / "labs")
                run = execute(lab)
                cache.store(lab, run)  # the server watches the cache: this rebuilds and reloads the page
                self.log.info(f"executed {lab.path.name} in {time.perf_counter() - started:.1f} s")
            except Exception as err:  # shown on the lab's page; the server keeps serving
                self.log.error(str(err))
                with self._lock:
                    self.failed[lab.name] = (key, str(err))
                write_atomic(CACHE_DIR / "labs" / "last-failure.txt", str(err))  # rebuild: the page shows it
            finally:
                with self._lock:
                    self._running.pop(lab.name, None)
                    self._lock.notify_all()
