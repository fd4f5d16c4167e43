"""A build's labs, and `mkdocs serve`'s background runs: what the event layer (``docs/_hooks/labs.py``) drives.

:class:`Build` reads every lab, looks each up in the cache, runs the missing ones (``mkdocs build``) and renders
them per language. :class:`Background` runs labs on daemon threads while `mkdocs serve` answers; a run that
lands in the cache makes the server rebuild (it watches ``.cache/labs/``).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
import time

from . import render, source
from .cache import LabCache
from .execute import WORKERS, execute, run_all
from .shared import CACHE_DIR, LAB_DIR, PACKAGE_DIR, ROOT, write_atomic

REBUILD_TRIGGER = "rebuild-after-failure.txt"  # written in .cache/labs/ when a background run fails


def package_version() -> str:
    """dnn_guide's version, from the one place it is written (dnn_guide/__init__.py)."""
    text = (PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)[1]


class Build:
    """One build's labs: read, looked up in the cache, run where needed, rendered per language."""

    def __init__(self, repo: str | None, log=None, paths=None, site_url: str = "", fill_prose=None):
        self.repo, self.site_url, self.commit = repo, site_url, source_commit()
        self.fill_prose = fill_prose  # render.RenderedLab's: the results markers in the downloads
        self.log = log
        self.cache = LabCache(CACHE_DIR / "labs")
        paths = sorted(LAB_DIR.glob("*.py")) if paths is None else paths
        self.labs = {path.stem: source.read_lab(path) for path in paths}
        self.executed = {name: self.cache.lookup(lab) for name, lab in self.labs.items()}  # None: must run
        self.times: dict[str, float] = {}
        self._pages: dict[tuple[str, str], render.RenderedLab] = {}
        self.version = package_version()

    def missing(self) -> list[source.Lab]:
        """The labs without a current cache entry, the longest known first."""
        labs = [lab for name, lab in self.labs.items() if self.executed[name] is None]
        return sorted(labs, key=lambda lab: -(self.cache.seconds(lab.name) or 0.0))

    def execute_one(self, lab: source.Lab) -> None:
        """Execute one lab and store it in the cache."""
        if self.log:
            self.log.info(f"executing {lab.path.name}")
        run = execute(lab)
        self.cache.store(lab, run)
        self.executed[lab.name] = run
        self.times[lab.name] = run.metadata["dnn_guide_cost"]["seconds"]
        if self.log:
            self.log.info(f"executed {lab.path.name} in {self.times[lab.name]:.1f} s")

    def execute_missing(self) -> None:
        """Run every lab without a current cache entry (all failures reported together)."""
        todo = self.missing()
        if todo:
            run_all(todo, self.execute_one, cost=lambda lab: self.cache.seconds(lab.name))

    def rendered(self, name: str, lang: str) -> render.RenderedLab | None:
        """The lab's page, notebook and script in one language; None while it has not run."""
        if self.executed.get(name) is None:
            return None
        if (name, lang) not in self._pages:
            lab = self.labs[name]
            self._pages[(name, lang)] = render.RenderedLab(
                lab, self.executed[name], lang, self.version, self.repo, self.site_url, self.commit, self.fill_prose
            )
        return self._pages[(name, lang)]

    def headers(self) -> list[source.LabHeader]:
        return source.in_nav_order(lab.header for lab in self.labs.values())

    def labs_zip(self, lang: str) -> bytes:
        """Every executed lab's notebook and script in one language, as one zip."""
        files = {}
        for name in self.labs:
            rendered = self.rendered(name, lang)
            if rendered is not None:
                files.update(
                    {file: rendered.downloads()[file] for file in (f"{name}.{lang}.ipynb", f"{name}.{lang}.py")}
                )
        return render.labs_zip(files)


def source_commit() -> str:
    """The commit the site is built from: GitHub Actions' GITHUB_SHA, else the checkout's HEAD, else "unknown"."""
    if os.environ.get("GITHUB_SHA"):
        return os.environ["GITHUB_SHA"]
    try:
        found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return found.stdout.strip() if found.returncode == 0 else "unknown"


def package_digest() -> str:
    """Hash of the package's Python files: a lab that failed runs again once the package changes."""
    h = hashlib.sha256()
    for file in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + file.read_bytes())
    return h.hexdigest()[:16]


class Background:
    """`mkdocs serve` only: runs labs on daemon threads while the site is served (one per process).

    A lab is queued under its cache key. Runners start once the server watches ``.cache/labs/`` (:meth:`start`):
    a run stored there (or :data:`REBUILD_TRIGGER`, written when one fails) makes the server rebuild, and the
    rebuilt page shows the outputs (or the failure). A failure is remembered with the package it ran against,
    so it runs again when the lab's code or the package changes.
    """

    def __init__(self, log):
        self.log = log
        self._changed = threading.Condition()
        self._queue: dict[str, tuple[str, source.Lab]] = {}  # name -> (cache key, lab)
        self._running: dict[str, tuple[str, bool]] = {}  # name -> (cache key, timed)
        self.failed: dict[str, tuple[tuple[str, str], str]] = {}  # name -> ((cache key, package), message)
        self._threads: list[threading.Thread] = []

    def submit(self, lab: source.Lab, key: str) -> None:
        """Queue a lab to run (unless this version of it is running, or failed against this package)."""
        with self._changed:
            running = self._running.get(lab.name)
            if (running and running[0] == key) or self.error(lab, key) is not None:
                return
            self._queue[lab.name] = (key, lab)
            self._changed.notify_all()

    def start(self) -> None:
        """Start the runners (once the server watches the cache: a run landing earlier would go unseen)."""
        with self._changed:
            if not self._threads:
                self._threads = [
                    threading.Thread(target=self._work, name=f"lab-runner-{n}", daemon=True) for n in range(WORKERS)
                ]
                for thread in self._threads:
                    thread.start()

    def error(self, lab: source.Lab, key: str) -> str | None:
        """Why this version of the lab failed against the package as it is now, or None."""
        failed = self.failed.get(lab.name)
        return failed[1] if failed and failed[0] == (key, package_digest()) else None

    def _next(self) -> tuple[str, source.Lab]:
        """The next lab to run: untimed ones side by side, a timed one alone; never two versions of one lab."""
        while True:
            waiting = [name for name in self._queue if name not in self._running]
            timed_running = any(timed for _, timed in self._running.values())
            untimed = [name for name in waiting if not self._queue[name][1].header.timed]
            if untimed and not timed_running:
                name = untimed[0]
            elif waiting and not self._running:
                name = waiting[0]
            else:
                self._changed.wait()
                continue
            key, lab = self._queue.pop(name)
            self._running[name] = (key, lab.header.timed)
            return key, lab

    def _work(self) -> None:
        while True:
            with self._changed:
                key, lab = self._next()
            package, cache = package_digest(), LabCache(CACHE_DIR / "labs")
            try:
                if cache.key(lab) == key and cache.lookup(lab) is not None:
                    continue  # it landed between a rebuild's look-up and its submit: nothing to run
                self.log.info(f"executing {lab.path.name} in the background")
                started = time.perf_counter()
                run = execute(lab)
                cache.store(lab, run, key)  # the server sees it: rebuild, reload
                self.log.info(f"executed {lab.path.name} in {time.perf_counter() - started:.1f} s")
            except Exception as err:  # shown on the lab's page; the server keeps serving
                # INFO, not ERROR: under `strict`, an error logged during a build would abort that build
                self.log.info(f"{lab.path.name} failed (its page shows why):\n{err}")
                with self._changed:
                    self.failed[lab.name] = ((key, package), str(err))
                try:
                    write_atomic(CACHE_DIR / "labs" / REBUILD_TRIGGER, str(err))
                except OSError:
                    pass  # no rebuild then; the next one shows the failure
            finally:
                with self._changed:
                    if self._running.get(lab.name, (None,))[0] == key:
                        del self._running[lab.name]
                    self._changed.notify_all()
