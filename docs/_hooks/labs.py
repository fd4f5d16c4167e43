"""MkDocs events for the labs: nav, pages, downloads, serve-time execution, the log.

The work is done by the parts in ``sitecore/`` (which do not import MkDocs): ``source`` reads a lab
(``docs/labs/<name>.py``: its header, its ko/en cell pairs and their stamps), ``cache`` keeps executed labs in
``.cache/labs/``, ``execute`` runs them in Jupyter kernels, ``render`` makes each language's page, notebook
and script. A lab is one file: its header gives the nav entry, the title, the index row and the run order.

``mkdocs build`` runs every lab that has no current cache entry before it renders a page (several at
once, the longest first; every failure is reported). ``mkdocs serve`` answers at once instead: a lab that
has not run yet shows a page saying it is running, the labs run in the background, and when a run lands in
the cache the server rebuilds and the browser reloads.

    python docs/_hooks/labs.py stamp docs/labs/<name>.py   # after checking a translation
    python docs/_hooks/labs.py run docs/labs/<name>.py     # execute one lab, pages in build/preview/
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from sitecore import render, source
from sitecore.cache import LabCache
from sitecore.execute import WORKERS, LabRunError, execute, run_all
from sitecore.shared import CACHE_DIR, LAB_DIR, LANGS, PACKAGE_DIR, ROOT, config_language, write_atomic

INDEX_MARKER = "<!-- labs:index -->"  # in docs/index.*.md: the table of labs, from their headers
NAV_SECTION = "실습"  # mkdocs.yml's nav section that the labs fill, in header order


def package_version() -> str:
    """dnn_guide's version, from the one place it is written (dnn_guide/__init__.py)."""
    import re

    text = (PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)[1]


class Build:
    """One build's labs: read, looked up in the cache, run where needed, rendered per language."""

    def __init__(self, repo: str | None, log=None):
        self.repo = repo
        self.log = log
        self.cache = LabCache(CACHE_DIR / "labs")
        self.labs = {path.stem: source.read_lab(path) for path in sorted(LAB_DIR.glob("*.py"))}
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


# --- MkDocs events -------------------------------------------------------------------------------------------

log = get_plugin_logger("labs")
_background: Background | None = None  # `mkdocs serve`: lives as long as the server process


def _build(config) -> Build:
    """This build's labs, kept on the config (mkdocs-static-i18n builds every language with the same one)."""
    if config.get("labs_build") is None:
        config["labs_build"] = Build(render.github_repo(config.repo_url), log)
    return config["labs_build"]


def on_startup(command, dirty):
    global _background
    if command == "serve":
        _background = Background(log)


@event_priority(100)  # before mkdocs-static-i18n reads the nav
def on_config(config):
    repo = render.github_repo(config.repo_url)
    if repo and config.repo_name in (None, "", "GitHub"):  # the header shows owner/name, not just "GitHub"
        config.repo_name = repo
    pages = [f"labs/{header.name}.md" for header in source.headers(LAB_DIR)]
    for item in config.nav or []:
        if isinstance(item, dict) and NAV_SECTION in item:
            item[NAV_SECTION] = pages  # titled by each page's front matter, in its language
    i18n = config.plugins.get("i18n")
    if not (i18n and i18n.building):  # a new build; the other languages' builds share its labs
        config["labs_build"] = None
    return config


def on_files(files, config):
    """Run the labs (or, serving, start them), then add each lab's page in both languages for i18n to lay out."""
    build = _build(config)
    if build.missing() and _background is None:
        count = len(build.missing())
        log.info(f"executing {count} lab{'s' if count > 1 else ''}, up to the CPUs' count at a time")
        build.run_missing()
    for lab in build.missing():
        if _background is not None:
            _background.submit(lab, build.cache.key(lab))
    for name in build.labs:
        for lang in LANGS:
            if not files.get_file_from_path(f"labs/{name}.{lang}.md"):
                files.append(
                    File(f"labs/{name}.{lang}.md", config.docs_dir, config.site_dir, config.use_directory_urls)
                )
    return files


@event_priority(-200)  # after mkdocs-static-i18n has laid out this language (it would rename x.ko.ipynb)
def on_nav(nav, config, files):
    """The downloads of this language's lab pages: notebook, script, figures."""
    build, lang = _build(config), config_language(config)
    for name in build.labs:
        page = build.rendered(name, lang)
        for file_name, content in (page.downloads(name, lang) if page else {}).items():
            files.append(
                File.generated(config, f"labs/{file_name}", content=content, inclusion=InclusionLevel.INCLUDED)
            )
    return nav


def _lab_page(page) -> tuple[str, str] | None:
    parts = Path(page.file.src_uri).name.split(".")
    if page.file.src_uri.startswith("labs/") and len(parts) == 3 and parts[1] in LANGS and parts[2] == "md":
        return parts[0], parts[1]
    return None


def on_page_read_source(page, config):
    """A lab page's Markdown, made from its source (or, serving, a page saying that it is still running)."""
    found = _lab_page(page)
    if found is None or found[0] not in _build(config).labs:
        return None
    (name, lang), build = found, _build(config)
    lab, rendered = build.labs[name], build.rendered(name, lang)
    if rendered is not None:
        return rendered.markdown
    error = _background.error(lab, build.cache.key(lab)) if _background else None
    return render.pending_page(lab, lang, error)


def on_page_markdown(markdown, page, config, files):
    found = _lab_page(page)
    if found and page.edit_url:  # "edit this page" opens the lab's source
        page.edit_url = page.edit_url.rsplit("/", 1)[0] + f"/{found[0]}.py"
    if INDEX_MARKER in markdown:
        markdown = markdown.replace(INDEX_MARKER, render.index_table(_build(config).headers(), config_language(config)))
    return markdown


def on_serve(server, config, builder):
    """A lab run landing in the cache rebuilds the site, and the browser reloads."""
    (CACHE_DIR / "labs").mkdir(parents=True, exist_ok=True)
    server.watch(str(CACHE_DIR / "labs"))
    return server


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    """Log where the build's time went: each lab this build executed (the rest came from the cache)."""
    i18n = config.plugins.get("i18n")
    build = config.get("labs_build")
    if (i18n and i18n.building) or build is None or not build.times:
        return
    rows = [f"  {name:<20} {seconds:6.1f} s" for name, seconds in sorted(build.times.items(), key=lambda kv: -kv[1])]
    log.info("lab execution times (this build):\n" + "\n".join(rows))


def preview(path: Path) -> None:
    """Execute one lab (or take it from the cache) and write its two pages to build/preview/."""
    build = Build(None)
    name = path.stem
    build.labs = {name: build.labs[name]}
    started = time.perf_counter()
    try:
        build.run_missing()
    except LabRunError as err:
        sys.exit(str(err))
    for lang in LANGS:
        write_atomic(ROOT / "build" / "preview" / f"{name}.{lang}.md", build.rendered(name, lang).markdown)
    took = f"executed in {time.perf_counter() - started:.1f} s" if name in build.times else "taken from the cache"
    print(f"{name}: {took}; pages in build/preview/{name}.{{ko,en}}.md")


USAGE = """usage: python docs/_hooks/labs.py stamp docs/labs/<name>.py [...]   (after checking a translation)
       python docs/_hooks/labs.py run docs/labs/<name>.py [...]     (execute, write build/preview/)"""

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("stamp", "run"):
        sys.exit(USAGE)
    for arg in sys.argv[2:]:
        if sys.argv[1] == "stamp":
            source.stamp(Path(arg))
            print(f"stamped {arg}")
        else:
            preview(Path(arg).resolve())
