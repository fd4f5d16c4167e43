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
import time
from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from sitecore import render, source
from sitecore.build import Background, Build
from sitecore.execute import KERNEL_THREADS, WORKERS, LabRunError
from sitecore.shared import CACHE_DIR, LAB_DIR, LANGS, ROOT, config_language, page_language, write_atomic

INDEX_MARKER = "<!-- labs:index -->"  # in docs/index.*.md: the table of labs, from their headers
NAV_SECTION = "실습"  # mkdocs.yml's nav section that the labs fill, in header order

log = get_plugin_logger("labs")
_background: Background | None = None  # `mkdocs serve`: lives as long as the server process


def _build(config) -> Build:
    """This build's labs, kept on the config (mkdocs-static-i18n builds every language with the same one)."""
    if config.get("labs_build") is None:
        config["labs_build"] = Build(
            render.github_repo(config.repo_url),
            log,
            site_url=config.site_url or "",
            fill_prose=config.get("results_fill_prose"),  # results.py's on_config: full-data tables in downloads
        )
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
    missing = build.missing()
    if _background is not None:
        for lab in missing:
            _background.submit(lab, build.cache.key(lab))
    elif missing:
        log.info(f"executing {len(missing)} lab(s), {WORKERS} at a time, {KERNEL_THREADS} torch thread(s) each")
        build.execute_missing()
    for name in build.labs:
        for lang in LANGS:
            if not files.get_file_from_path(f"labs/{name}.{lang}.md"):
                files.append(
                    File(f"labs/{name}.{lang}.md", config.docs_dir, config.site_dir, config.use_directory_urls)
                )
    return files


@event_priority(-200)  # after mkdocs-static-i18n has laid out this language (it would rename x.ko.ipynb)
def on_nav(nav, config, files):
    """The downloads of this language's lab pages: notebook, script, figures; every lab's notebook and script
    as one zip."""
    build, lang = _build(config), config_language(config)
    downloads = {render.zip_name(lang): build.labs_zip(lang)}
    for name in build.labs:
        rendered = build.rendered(name, lang)
        downloads.update(rendered.downloads() if rendered else {})
    for file_name, content in downloads.items():
        files.append(File.generated(config, f"labs/{file_name}", content=content, inclusion=InclusionLevel.INCLUDED))
    return nav


def _lab_page(page, config) -> tuple[str, str] | None:
    """(lab name, language) of a lab's page, else None."""
    uri, lang = PurePosixPath(page.file.src_uri), page_language(page)
    name = uri.name.split(".")[0]
    return (name, lang) if lang and uri.parent.name == "labs" and name in _build(config).labs else None


def on_page_read_source(page, config):
    """A lab page's Markdown, made from its source (or, serving, a page saying that it is still running)."""
    found = _lab_page(page, config)
    if found is None:
        return None
    (name, lang), build = found, _build(config)
    lab, rendered = build.labs[name], build.rendered(name, lang)
    if rendered is not None:
        return rendered.markdown
    error = _background.error(lab, build.cache.key(lab)) if _background else None
    return render.pending_page(lab, lang, error)


def on_page_markdown(markdown, page, config, files):
    found = _lab_page(page, config)
    if found and page.edit_url:  # "edit this page" opens the lab's source
        page.edit_url = page.edit_url.rsplit("/", 1)[0] + f"/{found[0]}.py"
    if INDEX_MARKER in markdown:
        markdown = markdown.replace(INDEX_MARKER, render.index_table(_build(config).headers(), config_language(config)))
    return markdown


def on_serve(server, config, builder):
    """A lab run landing in the cache rebuilds the site, and the browser reloads."""
    (CACHE_DIR / "labs").mkdir(parents=True, exist_ok=True)
    server.watch(str(CACHE_DIR / "labs"))
    if _background is not None:
        _background.start()
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
    build, name = Build(None, paths=[path]), path.stem
    started = time.perf_counter()
    try:
        build.execute_missing()
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
