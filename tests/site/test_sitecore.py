"""The lab pipeline's parts (docs/_hooks/sitecore, no MkDocs): a lab source (header, ko/en pairs, stamps), the
cache, execution (every failing lab reported), rendering (Markdown, notebook, script, links), the atomic write,
and `mkdocs serve`'s background runner.

Real kernels run in two module fixtures only (four tiny labs): two broken labs through ``run_all``, and a
checked exercise lab plus a wrongly solved one through ``Background``; everything else uses runs made by hand.
(The end-to-end build in test_labs_hook.py runs two more.)
"""

import copy
import io
import json
import logging
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
from sitecore import build, cache, execute, render, shared, source
from sitecore.cache import KEEP, LabCache, modules_hash
from sitecore.execute import FEEDBACK_MIME, LabRunError
from sitecore.shared import SiteError
from sitecore.source import LabSourceError

from dnn_guide import files
from tests.conftest import ROOT
from tests.site.conftest import lab_source, write_lab

BODY = """# %% [markdown] lang="ko"
# 본문

# %% [markdown] lang="en" ko="0"
# Body

# %%
print(1 + 1)
"""
VERSION = "9.9.9"


def demo(tmp_path: Path, body: str = BODY, name: str = "demo", **header) -> source.Lab:
    """A stamped lab source in ``tmp_path``, read and checked."""
    return source.read_lab(write_lab(tmp_path, name, body, **header))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def fake_run(lab: source.Lab, text: str = "2\n", modules: list[str] | None = None, seconds: float = 1.0):
    """An executed lab as execute() returns it, without a kernel: each run cell printed ``text``."""
    run = copy.deepcopy(lab.notebook)
    run.cells = [cell for cell in run.cells if not cell.metadata.get("exercise")]
    for cell in source.code_cells(run):
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    info = {"date": "2026-01-02", "torch": "2.x", "device": "CPU", "dnn_guide": VERSION, "modules": modules or []}
    run.metadata["dnn_guide_run"] = info
    run.metadata["dnn_guide_cost"] = {"seconds": seconds}
    return run


@pytest.fixture
def package(tmp_path) -> Path:
    """A stand-in for dnn_guide: two modules and a data file."""
    folder = tmp_path / "pkg"
    (folder / "sub").mkdir(parents=True)
    (folder / "used.py").write_text("A = 1\n")
    (folder / "sub" / "other.py").write_text("B = 1\n")
    (folder / "sample.idx").write_bytes(b"1")
    return folder


def new_cache(tmp_path: Path, package: Path) -> LabCache:
    """A cache as one build makes it (the environment is hashed once per object)."""
    (tmp_path / "bench").mkdir(exist_ok=True)
    return LabCache(tmp_path / "cache", package_dir=package, bench_dir=tmp_path / "bench")


# ---------------------------------------------------------------------------------------------- the source


def test_stamp_then_fresh_then_stale(tmp_path):
    path = write_lab(tmp_path / "docs" / "labs", "demo", BODY, stamped=False)
    with pytest.raises(LabSourceError, match=r"demo\.py: English cell\(s\) \[1\] translate an older Korean text"):
        source.read_lab(path)
    source.stamp(path)
    source.read_lab(path)
    edit(path, "# 본문", "# 고친 본문")
    with pytest.raises(LabSourceError, match=r"\[1\].* run: python docs/_hooks/labs\.py stamp docs/labs/demo\.py$"):
        source.read_lab(path)
    source.stamp(path)
    assert source.read_lab(path).notebook.cells[1].metadata["ko"] == source.text_hash("고친 본문")


def test_a_stale_translation_outside_the_project_is_a_source_error_too(tmp_path):
    """A lab read from elsewhere (a test, a tool) gets the same message, not a ValueError from its making."""
    with pytest.raises(LabSourceError, match=r"\[1\] translate an older Korean text"):
        source.read_lab(write_lab(tmp_path, "demo", BODY, stamped=False))


def test_an_unpaired_or_missing_translation_names_the_cell(tmp_path):
    swapped = BODY.replace('lang="ko"', 'lang="xx"').replace('lang="en"', 'lang="ko"')
    with pytest.raises(LabSourceError, match=r"markdown cell 0 must be lang='ko'.*it has lang='xx'"):
        source.read_lab(write_lab(tmp_path, "demo", swapped, stamped=False))
    unmarked = BODY.replace(' lang="ko"', "")
    with pytest.raises(LabSourceError, match=r"markdown cell 0 must be lang='ko'.*lang=None"):
        source.read_lab(write_lab(tmp_path, "demo", unmarked, stamped=False))
    lonely = BODY.split('# %% [markdown] lang="en"')[0] + "# %%\nx = 1\n"
    with pytest.raises(LabSourceError, match=r"the last Korean cell \(cell 0\) has no English translation"):
        source.read_lab(write_lab(tmp_path, "demo", lonely, stamped=False))
    apart = BODY.replace('# %% [markdown] lang="en"', '# %%\nx = 1\n\n# %% [markdown] lang="en"')
    with pytest.raises(LabSourceError, match=r"English cell 2 must follow its Korean cell directly"):
        source.read_lab(write_lab(tmp_path, "demo", apart, stamped=False))


@pytest.mark.parametrize("key", sorted(source.HEADER_KEYS))
def test_a_header_without_a_key_names_it(tmp_path, key):
    text = lab_source(BODY)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"#     {key}:"))
    end = start + 1
    while lines[end].startswith("#       "):  # the key's nested lines (title, summary)
        end += 1
    (tmp_path / "demo.py").write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    with pytest.raises(LabSourceError, match=rf"docs/labs/demo\.py: header keys missing \['{key}'\], unknown \[\]"):
        source.read_lab(tmp_path / "demo.py")


def test_a_malformed_header_says_what_to_write(tmp_path):
    path = tmp_path / "demo.py"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(LabSourceError, match=r"demo\.py has no header.*dnn_guide:"):
        source.read_lab(path)
    path.write_text(lab_source(BODY).replace("#     timed: false", "#     timed: false\n#     colour: red"))
    with pytest.raises(LabSourceError, match=r"unknown \['colour'\]"):
        source.read_lab(path)
    path.write_text(lab_source(BODY).replace('#       en: "A small lab"\n', ""), encoding="utf-8")
    with pytest.raises(LabSourceError, match=r"header `title` needs a non-empty text for each of \['ko', 'en'\]"):
        source.read_lab(path)
    with pytest.raises(LabSourceError, match=r"header `order` must be a number"):
        source.read_lab(write_lab(tmp_path, "demo", BODY, order='"first"'))
    with pytest.raises(LabSourceError, match=r"header `experiments` must be a list of quoted strings"):
        source.read_lab(write_lab(tmp_path, "demo", BODY, experiments="[9_1]"))


def test_a_results_marker_must_name_an_experiment_of_the_header(tmp_path):
    marked = BODY.replace("# 본문", "# 본문\n#\n# <!-- results:lab:09_7 -->").replace(
        "# Body", "# Body\n#\n# <!-- results:lab:09_7 -->"
    )
    with pytest.raises(LabSourceError, match=r"markdown cell 0 shows the records of experiment '09_7'.*\[\]"):
        demo(tmp_path, marked)
    assert demo(tmp_path, marked, experiments='["09_7"]').header.experiments == ("09_7",)


def test_headers_give_the_nav_order_and_titles(tmp_path):
    write_lab(tmp_path, "second", BODY, order=20, number='"8-2"', title_en="Second")
    write_lab(tmp_path, "first", BODY, order=5.5)
    first, second = source.headers(tmp_path)
    assert [first.name, second.name] == ["first", "second"]
    assert second.nav_title("en") == "8-2 Second" and first.nav_title("ko") == "작은 실습"  # no number
    write_lab(tmp_path, "third", BODY, order=20)
    with pytest.raises(LabSourceError, match="the same header order"):
        source.headers(tmp_path)


def test_every_lab_of_the_course_is_one_well_formed_translated_file():
    paths = sorted(shared.LAB_DIR.glob("*.py"))
    assert paths, "no lab sources found"
    for path in paths:
        lab = source.read_lab(path)  # header, pairs and stamps checked
        assert lab.header.name == path.stem and all(lab.header.title.values())
    headers = source.headers(shared.LAB_DIR)  # every lab once, in the order of the nav; no two in one place
    assert sorted(h.name for h in headers) == [p.stem for p in paths]
    assert [h.order for h in headers] == sorted({h.order for h in headers})
    assert not list(shared.LAB_DIR.glob("*.md")), "lab pages are generated from the source: no page files"


# ------------------------------------------------------------------------------------ the shared module


def test_interrupted_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "demo-0123456789abcdef.ipynb"
    shared.write_atomic(target, "old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        shared.write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_stamp_writes_atomically(tmp_path, monkeypatch):
    path = write_lab(tmp_path, "demo", BODY, stamped=False)
    before = path.read_text(encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("interrupted")))
    with pytest.raises(OSError):
        source.stamp(path)
    assert path.read_text(encoding="utf-8") == before and len(list(tmp_path.iterdir())) == 1


def test_a_page_language_comes_from_its_file_name():
    def page(uri):
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri))

    assert shared.page_language(page("labs/selu.en.md")) == "en"
    assert shared.page_language(page("index.ko.md")) == "ko"
    assert shared.page_language(page("index.md")) is None and shared.page_language(page("a.fr.md")) is None
    assert set(shared.UI) == set(shared.LANGS)
    assert all(shared.UI[lang].keys() == shared.UI["ko"].keys() for lang in shared.LANGS), "one string per language"


# ---------------------------------------------------------------------------------------------- the cache


def test_cache_key_ignores_prose_and_stamps_but_not_code_threads_or_timing(tmp_path, package, monkeypatch):
    store = new_cache(tmp_path, package)
    lab = demo(tmp_path)
    key = store.key(lab)
    assert store.key(lab) == key
    edit(lab.path, "# Body", "# A better body")
    assert store.key(source.read_lab(lab.path)) == key  # an English edit (its stamp still matches)
    edit(lab.path, "# 본문", "# 고친 본문")
    source.stamp(lab.path)
    assert store.key(source.read_lab(lab.path)) == key  # a Korean edit and a re-stamp
    edit(lab.path, "1 + 1", "1 + 2")
    changed = source.read_lab(lab.path)
    assert store.key(changed) != key  # code
    key = store.key(changed)
    monkeypatch.setattr(execute, "KERNEL_THREADS", 99)
    assert store.key(changed) != key  # the kernels' thread count
    assert store.key(demo(tmp_path, timed="true")) != store.key(demo(tmp_path))  # a timed lab gets every CPU


def test_cache_key_follows_the_package_data_and_bench_records_but_not_its_modules(tmp_path, package):
    lab = demo(tmp_path)
    key = new_cache(tmp_path, package).key(lab)
    (package / "used.py").write_text("A = 2\n")  # modules count only where a run imported them
    assert new_cache(tmp_path, package).key(lab) == key
    (package / "sample.idx").write_bytes(b"2")
    assert new_cache(tmp_path, package).key(lab) != key
    key = new_cache(tmp_path, package).key(lab)
    (tmp_path / "bench" / "09_1.json").write_text("{}")  # the speed lab reads the bench records
    assert new_cache(tmp_path, package).key(lab) != key


def test_a_module_edit_reruns_only_the_labs_that_imported_it(tmp_path, package):
    uses, other = demo(tmp_path, name="uses"), demo(tmp_path, name="other")
    store = new_cache(tmp_path, package)
    store.store(uses, fake_run(uses, modules=["used.py"]))
    store.store(other, fake_run(other, modules=["sub/other.py"]))
    assert new_cache(tmp_path, package).lookup(uses) and new_cache(tmp_path, package).lookup(other)
    (package / "used.py").write_text("A = 2\n")
    assert new_cache(tmp_path, package).lookup(uses) is None
    assert store.lookup(uses) is None, "an entry kept in memory must be checked too"
    assert new_cache(tmp_path, package).lookup(other) is not None
    (package / "sub" / "other.py").unlink()
    assert modules_hash(["sub/other.py"], package) is None and new_cache(tmp_path, package).lookup(other) is None


def test_a_translation_edit_renders_from_the_cache_and_a_code_edit_runs_again(tmp_path, package):
    lab = demo(tmp_path)
    new_cache(tmp_path, package).store(lab, fake_run(lab, text="ran once\n"))
    edit(lab.path, "# Body", "# A better body")
    edited = source.read_lab(lab.path)
    run = new_cache(tmp_path, package).lookup(edited)
    assert run is not None, "a translation edit must not run the lab again"
    page = render.RenderedLab(edited, run, "en", VERSION, None).markdown
    assert "A better body" in page and "ran once" in page  # the new prose, the old outputs
    edit(lab.path, "1 + 1", "1 + 2")
    assert new_cache(tmp_path, package).lookup(source.read_lab(lab.path)) is None


CORRUPT = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "not utf-8": lambda good: b"\xff\xfe\x00junk",
    "JSON, not a notebook": lambda good: b"[]",
    "a notebook without cells": lambda good: json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}}).encode(),
    "an empty object": lambda good: b"{}",
}


@pytest.mark.parametrize("damage", list(CORRUPT))
def test_a_corrupt_or_truncated_cache_entry_is_run_again_not_a_crash(tmp_path, package, damage):
    lab = demo(tmp_path)
    new_cache(tmp_path, package).store(lab, fake_run(lab, seconds=7.5))
    (entry,) = new_cache(tmp_path, package).entries("demo")
    entry.write_bytes(CORRUPT[damage](entry.read_bytes()))
    store = new_cache(tmp_path, package)
    assert store.lookup(lab) is None  # a miss: the build runs the lab again
    assert store.seconds("demo") is None
    store.store(lab, fake_run(lab, seconds=2.5))  # the new run replaces the damaged entry
    assert new_cache(tmp_path, package).lookup(lab) is not None and store.seconds("demo") == 2.5


def test_a_missing_cache_entry_is_a_miss(tmp_path, package):
    store = new_cache(tmp_path, package)
    lab = demo(tmp_path)
    assert store.entries("demo") == [] and store.lookup(lab) is None and store.seconds("demo") is None
    store.store(lab, fake_run(lab))
    for entry in store.entries("demo"):
        entry.unlink()
    assert new_cache(tmp_path, package).lookup(lab) is None


def test_eviction_keeps_the_newest_entries_of_this_lab_only(tmp_path, package):
    store = new_cache(tmp_path, package)
    lab = demo(tmp_path)
    store.folder.mkdir()
    mods = modules_hash([], package)
    other = store.folder / f"demo-more-{0:016x}-{mods}.ipynb"  # another lab whose name starts like this one's
    other.write_text(nbformat.writes(fake_run(lab)))
    for i in range(KEEP + 2):
        old = store.folder / f"demo-{i:016x}-{mods}.ipynb"
        old.write_text(nbformat.writes(fake_run(lab)))
        os.utime(old, (i + 1, i + 1))
    store.store(lab, fake_run(lab))
    kept = store.entries("demo")
    assert other.exists() and len(kept) == KEEP
    assert kept[0].name == f"demo-{store.key(lab)}-{mods}.ipynb"  # the new one, then the newest old ones
    assert [p.name for p in kept[1:]] == [f"demo-{i:016x}-{mods}.ipynb" for i in range(KEEP + 1, 0, -1)][: KEEP - 1]
    assert not list(store.folder.glob(".*.tmp"))


def test_an_entry_remembers_how_long_its_lab_ran(tmp_path, package):
    lab = demo(tmp_path)
    store = new_cache(tmp_path, package)
    store.store(lab, fake_run(lab, seconds=12.5))
    assert new_cache(tmp_path, package).seconds("demo") == 12.5 and store.seconds("absent") is None


# Run by two processes at once: each stores large entries of one lab under its own and a shared key, reads
# the shared entry while the other may be rewriting it (whole or absent, never a part), and evicts.
CONCURRENT_WORKER = r"""
import copy, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sitecore import source
from sitecore.cache import LabCache
folder, lab_path, worker, barrier = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
lab = source.read_lab(lab_path)
run = json.loads(sys.argv[6], object_hook=lambda d: __import__("nbformat").NotebookNode(d))
run.metadata["padding"] = "x" * 300_000  # a file large enough to be caught half-written
store = LabCache(folder, package_dir=Path(sys.argv[7]), bench_dir=Path(sys.argv[7]))
(barrier / worker).touch()
for _ in range(10_000):  # start together: wait (bounded) until the other worker is there
    if len(list(barrier.iterdir())) == 2:
        break
hits = 0
for i in range(150):
    store.store(lab, run)
    for entry in store.entries(lab.name):
        try:
            got = LabCache._read(entry)
        except Exception as err:
            sys.exit(f"reading {entry.name}: {err!r}")
        if got is not None:
            assert got.metadata["padding"] == run.metadata["padding"], "a half-written entry"
    got = LabCache(folder, package_dir=Path(sys.argv[7]), bench_dir=Path(sys.argv[7])).lookup(lab)
    hits += got is not None
    other = copy.deepcopy(lab)
    other.notebook.cells[-1].source = f"print({worker!r}, {i})"  # another key: entries to evict
    store.store(other, run)
print(json.dumps({"hits": hits}))
"""


def test_two_builds_at_once_share_the_cache_safely(tmp_path, package):
    lab = demo(tmp_path)
    (tmp_path / "barrier").mkdir()
    run = json.dumps(fake_run(lab))
    args = [str(shared.DOCS / "_hooks"), str(tmp_path / "cache"), str(lab.path)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WORKER, *args, w, str(tmp_path / "barrier"), run, str(package)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in ("a", "b")
    ]
    results = [worker.communicate(timeout=300) for worker in workers]
    for worker, (out, err) in zip(workers, results):
        assert worker.returncode == 0, err[-3000:]
        assert json.loads(out.strip().splitlines()[-1])["hits"] > 0
    entries = list((tmp_path / "cache").iterdir())
    assert not [p for p in entries if p.name.endswith(".tmp")], "a temp file was left behind"
    assert len(entries) <= KEEP


# ----------------------------------------------------------------------------------------------- execution


def test_run_all_runs_the_longest_first_then_the_timed_labs_and_reports_every_failure(tmp_path, monkeypatch):
    labs = {name: demo(tmp_path, name=name, order=i) for i, name in enumerate(("short", "long", "mid"))}
    labs["speed"] = demo(tmp_path, name="speed", order=9, timed="true")
    cost = {"short": 1.0, "long": 30.0, "mid": None, "speed": 99.0}
    order = []

    def run_one(lab):
        order.append(lab.name)
        if lab.name in ("mid", "speed"):
            raise LabRunError(f"docs/labs/{lab.name}.py, cell 2: ZeroDivisionError")

    monkeypatch.setattr(execute, "WORKERS", 1)  # one at a time: the order is the queue's
    with pytest.raises(LabRunError) as failed:
        execute.run_all(labs.values(), run_one, cost=lambda lab: cost[lab.name])
    assert order == ["long", "short", "mid", "speed"]  # unknown cost last of the side-by-side labs
    assert str(failed.value).startswith("2 labs failed to run:\n- ")
    assert "mid.py, cell 2" in str(failed.value) and "speed.py, cell 2" in str(failed.value)
    assert execute.kernel_env(labs["speed"])["OMP_NUM_THREADS"] == str(os.cpu_count())
    assert execute.kernel_env(labs["short"])["OMP_NUM_THREADS"] == str(execute.KERNEL_THREADS)


def test_a_solution_without_a_passing_check_is_refused(tmp_path):
    lab = demo(tmp_path)
    run = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("def double(x):\n    return 2 * x", metadata={"solution": True})
    run.cells = [cell]
    with pytest.raises(LabRunError, match="cell 0: this solution cell shows no passing check"):
        execute._check_solutions(lab, run)
    cell.outputs = [nbformat.v4.new_output("display_data", data={FEEDBACK_MIME: {"ok": False}})]
    with pytest.raises(LabRunError, match="shows no passing check"):
        execute._check_solutions(lab, run)
    cell.outputs = [nbformat.v4.new_output("display_data", data={FEEDBACK_MIME: {"ok": True}})]
    execute._check_solutions(lab, run)


BROKEN = {
    "broken-early": """# %% [markdown] lang="ko"
# 첫 셀에서 실패합니다.

# %% [markdown] lang="en" ko="0"
# Fails in its first code cell.

# %%
x = 1
x / 0

# %%
print("never reached")
""",
    "broken-late": """# %% [markdown] lang="ko"
# 마지막 셀에서 실패합니다.

# %% [markdown] lang="en" ko="0"
# Fails in its last code cell.

# %%
print("this cell runs")

# %%
y = 2
z = y + 1
z / (y - 2)
""",
    "broken-inline": """# %% [markdown] lang="ko"
# 산문의 값이 실패합니다.

# %% [markdown] lang="en" ko="0"
# An inline value fails.

# %%
accuracy = 0.9

# %% [markdown] lang="ko"
# 정확도는 `{python} f"{accuracy:.1%}"`, 손실은 `{python} loss`입니다.

# %% [markdown] lang="en" ko="0"
# Accuracy `{python} f"{accuracy:.1%}"`, loss `{python} loss`.
""",
    "unshown-table": """# %% [markdown] lang="ko"
# 표를 만들고 보여 주지 않습니다.

# %% [markdown] lang="en" ko="0"
# Makes a table and does not show it.

# %%
import dnn_guide

dnn_guide.Table(["a"], [[1]])  # shown: the cell's value

# %%
table = dnn_guide.Table(["loss"], [[0.5]])
print("the table above")
""",
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Labs that fail in different cells (two divide by zero, one inline value names nothing, one makes a table
    it does not show), run by run_all in real kernels: (labs, the error)."""
    folder = tmp_path_factory.mktemp("broken") / "labs"
    labs = [source.read_lab(write_lab(folder, name, body, order=i)) for i, (name, body) in enumerate(BROKEN.items())]
    with pytest.raises(LabRunError) as failed:
        execute.run_all(labs, execute.execute, cost=lambda lab: None)
    return labs, str(failed.value)


def line_of(path: Path, code: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(code) + 1


def test_every_failing_lab_is_reported_with_its_cell(broken):
    _, message = broken
    assert message.startswith("4 labs failed to run:\n")
    for name, cell in (("broken-early", 2), ("broken-late", 3)):
        where = rf"^- docs/labs/{name}\.py, cell {cell}, line \d+: ZeroDivisionError: division by zero$"
        assert re.search(where, message, re.M), (name, message)
    assert "never reached" not in message and "\x1b[" not in message, "no terminal colours in the message"


def test_a_failing_cell_is_reported_with_its_line_in_the_lab_file(broken):
    (early, late, *_), message = broken
    assert f"- docs/labs/broken-early.py, cell 2, line {line_of(early.path, 'x / 0')}: ZeroDivisionError" in message
    assert f"- docs/labs/broken-late.py, cell 3, line {line_of(late.path, 'z / (y - 2)')}: ZeroDivisionError" in message
    assert "division by zero\n    x / 0\n" in message and "division by zero\n    z / (y - 2)\n" in message


def test_the_one_lab_runner_names_the_lab_cell_and_line_of_a_failure(broken):
    (early, *_), _ = broken
    ran = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "_hooks" / "labs.py"), "run", str(early.path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode != 0
    line = line_of(early.path, "x / 0")
    assert f"docs/labs/broken-early.py, cell 2, line {line}: ZeroDivisionError: division by zero" in ran.stderr


def test_a_failing_inline_value_names_the_lab_the_cell_and_the_expression(broken):
    _, message = broken
    assert (
        "- docs/labs/broken-inline.py, cell 3: inline value `{python} loss`: NameError: name 'loss' is not defined"
        in (message)
    )


def test_a_table_made_and_never_shown_fails_the_lab_naming_its_cell(broken):
    _, message = broken
    assert "- docs/labs/unshown-table.py, cell 3: this cell makes a dnn_guide.Table that it never shows" in message
    assert "unshown-table.py, cell 2" not in message  # a table that is the cell's value is shown


INLINE_LAB = """# %% [markdown] lang="ko"
# 값을 산문에 넣습니다: 아직 없는 값은 `{python} 6 * 7`.

# %% [markdown] lang="en" ko="0"
# Values in the prose: one known before any cell, `{python} 6 * 7`.

# %%
import numpy as np
import matplotlib.pyplot as plt
import dnn_guide

accuracy = np.float32(0.875)
fig, ax = plt.subplots(figsize=(1, 1))
ax.plot([0, 1])
plt.show()
dnn_guide.Table(["accuracy"], [[float(accuracy)]])

# %% [markdown] lang="ko"
# 정확도는 `{python} f"{accuracy:.1%}"`로 `{python} "높습니다" if accuracy > 0.5 else "낮습니다"`.

# %% [markdown] lang="en" ko="0"
# Accuracy is `{python} f"{accuracy:.1%}"`, `{python} "high" if accuracy > 0.5 else "low"`; `{python} accuracy`.
"""


@pytest.fixture(scope="module")
def inline_run(tmp_path_factory):
    """A lab with inline values, run in a real kernel: (lab, run)."""
    lab = source.read_lab(write_lab(tmp_path_factory.mktemp("inline"), "inline", INLINE_LAB))
    return lab, execute.execute(lab)


def test_inline_values_come_from_the_kernel_in_both_languages_and_the_downloads(inline_run):
    lab, run = inline_run
    ko, en = (render.RenderedLab(lab, run, lang, VERSION, None) for lang in ("ko", "en"))
    assert "아직 없는 값은 42." in ko.markdown and "정확도는 87.5%로 높습니다." in ko.markdown
    assert "one known before any cell, 42." in en.markdown and "Accuracy is 87.5%, high; 0.875." in en.markdown
    code = source.code_cells(run)
    assert [cell.source for cell in code] == [cell.source for cell in source.run_cells(lab.notebook)]
    assert [cell.execution_count for cell in code] == [2]  # after the hidden setup cell; the checks count none
    assert "| accuracy |" in ko.markdown and ".png)" in en.markdown  # the cell's outputs are on the page
    for page in (ko, en):
        notebook, script = page.downloads()[f"inline.{page.lang}.ipynb"], page.downloads()[f"inline.{page.lang}.py"]
        assert "87.5%" in notebook and "87.5%" in script
        assert "{python}" not in page.markdown + notebook + script


def test_a_figure_closed_before_it_is_shown_fails_but_a_shown_one_passes(inline_run, tmp_path):
    _, run = inline_run  # its figure is shown: the lab ran
    assert run.metadata["dnn_guide_inline"]["1"]['f"{accuracy:.1%}"'] == "87.5%"
    closed = INLINE_LAB.replace("plt.show()", "plt.close(fig)")
    lab = source.read_lab(write_lab(tmp_path, "closed", closed))
    with pytest.raises(LabRunError, match=r"closed\.py, cell 2: this cell makes a matplotlib figure that it never"):
        execute.execute(lab)


def test_an_inline_value_that_is_not_text_or_a_number_says_how_to_format_it(tmp_path):
    body = INLINE_LAB.replace("`{python} accuracy`", "`{python} np.array([accuracy])`")
    lab = source.read_lab(write_lab(tmp_path, "array", body))
    with pytest.raises(
        LabRunError,
        match=r"array\.py, cell 4: inline value `\{python\} np\.array\(\[accuracy\]\)`: "
        r"the value is a ndarray; .*format it in the expression",
    ):
        execute.execute(lab)


def test_the_cache_key_follows_the_inline_expressions_not_the_prose_around_them(tmp_path, package):
    cache = new_cache(tmp_path, package)
    path = write_lab(tmp_path / "labs", "demo", INLINE_LAB)
    key = cache.key(source.read_lab(path))
    edit(path, "Values in the prose", "Values in the text")
    source.stamp(path)
    assert cache.key(source.read_lab(path)) == key
    edit(path, "`{python} 6 * 7`.\n\n# %%", "`{python} 6 * 8`.\n\n# %%")
    source.stamp(path)
    assert cache.key(source.read_lab(path)) != key


def test_a_run_without_an_inline_value_is_refused_not_rendered_with_the_template(tmp_path):
    lab = demo(tmp_path, INLINE_LAB)
    with pytest.raises(SiteError, match=r"demo\.py, cell 0: the run has no value of `\{python\} 6 \* 7`"):
        render.with_outputs(lab, fake_run(lab))


# ----------------------------------------------------------------------------------------------- rendering


def test_merge_streams_joins_consecutive_outputs_of_one_stream_only():
    out = [
        nbformat.v4.new_output("stream", name="stdout", text="hel"),
        nbformat.v4.new_output("stream", name="stdout", text="lo\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
    ]
    before = copy.deepcopy(out)
    merged = render.merge_streams(out)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "hello\n"),
        ("stream", "stderr", "warning\n"),
        ("stream", "stdout", "a\n"),
        ("display_data", None, None),
        ("stream", "stdout", "b\nc\n"),
    ]
    assert out == before, "the run's outputs are left as they were"
    assert render.merge_streams([]) == []


def test_a_line_printed_in_two_messages_is_one_block_on_the_page(tmp_path):
    lab = demo(tmp_path)
    run = fake_run(lab)
    source.code_cells(run)[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="2"),
        nbformat.v4.new_output("stream", name="stdout", text="\n"),
    ]
    markdown = render.RenderedLab(lab, run, "ko", VERSION, None).markdown
    assert markdown.count("``` { .text .nb-output }") == 1 and "``` { .text .nb-output }\n2\n```" in markdown


def test_language_split_keeps_code_and_outputs(tmp_path):
    lab = demo(tmp_path)
    nb = render.with_outputs(lab, fake_run(lab))
    ko, en = render.in_language(nb, lab, "ko"), render.in_language(nb, lab, "en")
    assert [c.source for c in ko.cells] == ["# 작은 실습\n\n본문", "print(1 + 1)"]
    assert [c.source for c in en.cells] == ["# A small lab\n\nBody", "print(1 + 1)"]
    assert ko.cells[1].outputs == en.cells[1].outputs and en.cells[1].outputs[0].text == "2\n"
    assert "lang" not in en.cells[0].metadata and "ko" not in en.cells[0].metadata
    assert [c.id for c in en.cells] == ["cell-0", "cell-1"]  # the same ids on every build
    assert "dnn_guide" not in en.metadata and en.metadata["kernelspec"]["name"] == "python3"


def test_markdown_of_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="hello\n"),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        nbformat.v4.new_output("execute_result", data={"text/markdown": "| a |\n|---|\n| 1 |", "text/plain": "t"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<b>x</b>", "text/plain": "x"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "```quoted```"}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    markdown, images = render.to_markdown(nb, "demo", "en")
    assert "```python\nshow()\n```" in markdown
    assert "``` { .text .nb-output }\nhello\n```" in markdown
    assert "![](demo-1.png){ .nb-figure }" in markdown and images["demo-1.png"].startswith(b"\x89PNG")
    assert "| a |\n|---|\n| 1 |" in markdown and "<Figure>" not in markdown
    assert '<div class="nb-html" markdown="0">\n<b>x</b>\n</div>' in markdown
    assert "```` { .text .nb-output }\n```quoted```\n````" in markdown  # a longer fence around backticks


def test_gif_outputs_become_files():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("animate()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/gif": "R0lGODlh", "text/plain": "<Anim>"})]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    markdown, images = render.to_markdown(nb, "demo", "en")
    assert "![](demo-1.gif)" in markdown and images["demo-1.gif"].startswith(b"GIF89a")


def test_figures_get_the_alt_text_of_the_page_language():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plot()")
    alt = {"ko": "손실이 0.69에서 0.02로 [줄어듭니다]", "en": "loss falls\nfrom 0.69 to 0.02"}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0K"}, metadata={"dnn_guide_alt": alt})
    ]
    nb.cells = [cell]
    assert "![손실이 0.69에서 0.02로 \\[줄어듭니다\\]](demo-1.png)" in render.to_markdown(nb, "demo", "ko")[0]
    assert "![loss falls from 0.69 to 0.02](demo-1.png)" in render.to_markdown(nb, "demo", "en")[0]


def test_script_prints_what_the_page_shows_and_says_how_to_install(tmp_path):
    lab = demo(tmp_path)
    nb = render.in_language(render.with_outputs(lab, fake_run(lab)), lab, "en")
    table, figure, silent = (nbformat.v4.new_code_cell(code) for code in ("t = 1\nTable(\n    [t],\n)", "fig", "x = 1"))
    table.outputs = [nbformat.v4.new_output("execute_result", data={"text/markdown": "|t|", "text/plain": "t"})]
    figure.outputs = [nbformat.v4.new_output("execute_result", data={"image/png": "iVBORw0KGgo=", "text/plain": "F"})]
    nb.cells += [table, figure, silent]
    script = render.as_script(nb, lab, "en", VERSION)
    assert script.startswith("# A small lab: a dnn-guide lab as a Python script.")
    assert f"# Install what it needs: pip install dnn-guide=={VERSION}\n" in script
    assert "# # A small lab" in script and "print(1 + 1)" in script and "작은" not in script.split("\n\n", 1)[1]
    assert 'os.environ.setdefault("DNN_GUIDE_LANG", "en")' in script
    assert "t = 1\nprint(Table(\n    [t],\n))" in script  # the value the page shows as a table
    assert "\nfig\n" in script and "print(fig)" not in script and "print(x = 1)" not in script
    assert "jupytext" not in script
    ko = render.as_script(render.in_language(render.with_outputs(lab, fake_run(lab)), lab, "ko"), lab, "ko", VERSION)
    assert ko.startswith("# 작은 실습: dnn-guide 실습을") and f"pip install dnn-guide=={VERSION}" in ko.split("\n\n")[0]


def test_print_result_wraps_only_a_last_bare_expression():
    assert render.print_result("x = 1\nx") == "x = 1\nprint(x)"
    assert render.print_result('"한글" + s  # 주석') == 'print("한글" + s)  # 주석'
    assert render.print_result("x = 1") == "x = 1"
    assert render.print_result("for i in x:\n    i") == "for i in x:\n    i"
    assert render.print_result("%config x\ny") == "%config x\ny"  # not Python: left alone
    assert render.print_result("f(\n    1,\n)") == "print(f(\n    1,\n))"
    assert render.print_result("") == ""


def test_downloaded_notebook_starts_with_the_install_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1")]
    for lang, comment in (("ko", "설치"), ("en", "Installs")):
        first = nbformat.reads(render.as_notebook(nb, lang, VERSION), as_version=4).cells[0]
        assert first.cell_type == "code" and first.source == render.install_cell(lang, VERSION)
        assert first.id == "install-dnn-guide"
        lines = first.source.splitlines()
        assert lines[0].startswith("# ") and comment in lines[0] and VERSION in lines[0]
        assert f'os.environ.setdefault("DNN_GUIDE_LANG", "{lang}")' in first.source
        assert lines[-1] == f"    %pip install -q dnn-guide=={VERSION}"


def test_colab_and_repository_links():
    assert render.github_repo("https://github.com/dnn-guide/dnn-guide") == "dnn-guide/dnn-guide"
    assert render.github_repo("https://github.com/a/b.git/") == "a/b"
    assert render.github_repo("https://gitlab.com/a/b") is None and render.github_repo(None) is None
    assert render.github_repo("https://github.com/a") is None and render.github_repo("http://github.com/a/b") is None
    assert (
        render.colab_url("a/b", "perceptron", "ko")
        == "https://colab.research.google.com/github/a/b/blob/notebooks/labs/perceptron.ko.ipynb"
    )
    line = render.links("perceptron", "en", "a/b")
    assert (
        "[Open in Colab](https://colab.research.google.com/github/a/b/blob/notebooks/labs/perceptron.en.ipynb)" in line
    )
    assert "(perceptron.en.ipynb){ download }" in line and "(perceptron.en.py){ download }" in line
    assert "Colab" not in render.links("perceptron", "en", None)
    assert "Colab에서 열기" in render.links("perceptron", "ko", "a/b")


def test_kaggle_and_sagemaker_import_the_notebook_colab_opens():
    urls = render.launch_urls("a/b", "perceptron", "en")
    github = "https://github.com/a/b/blob/notebooks/labs/perceptron.en.ipynb"
    kaggle = urlsplit(urls["kaggle"])
    assert (kaggle.scheme, kaggle.netloc, kaggle.path) == ("https", "kaggle.com", "/kernels/welcome")
    assert parse_qs(kaggle.query) == {"src": [github]}
    assert (
        urls["sagemaker"] == "https://studiolab.sagemaker.aws/import/github/a/b/blob/notebooks/labs/perceptron.en.ipynb"
    )
    assert urls["colab"] == render.colab_url("a/b", "perceptron", "en")
    for lang, words in (("ko", ["Colab에서", "Kaggle에서", "SageMaker Studio Lab에서"]), ("en", ["Open in Kaggle"])):
        line = render.links("perceptron", lang, "a/b")
        assert all(word in line for word in words)
        assert f"(dnn-guide-labs.{lang}.zip){{ download }}" in line  # every lab, one zip
    assert "Kaggle" not in render.links("perceptron", "en", None)


def test_ask_and_report_links_prefill_the_lab_the_page_the_language_and_the_commit(tmp_path):
    lab = demo(tmp_path, number='"8-2"')
    site = "https://example.org/course/"
    for lang, title, page, words in (
        ("ko", "[8-2 작은 실습] ", "https://example.org/course/labs/demo/", ["언어: Korean", "커밋: abc123"]),
        ("en", "[8-2 A small lab] ", "https://example.org/course/en/labs/demo/", ["Language: English", "from: abc123"]),
    ):
        ask = urlsplit(render.ask_url("a/b", lab, lang, site))
        assert ask.netloc == "github.com" and ask.path == "/a/b/discussions/new"
        query = parse_qs(ask.query)
        assert query["category"] == ["q-a"] and query["title"] == [title] and page in query["body"][0]
        report = urlsplit(render.report_url("a/b", lab, lang, site, "abc123"))
        assert report.path == "/a/b/issues/new"
        query = parse_qs(report.query)
        assert query["title"] == [title] and page in query["body"][0]
        assert all(word in query["body"][0] for word in words), query["body"]
        markdown = render.RenderedLab(lab, fake_run(lab), lang, VERSION, "a/b", site, "abc123").markdown
        assert render.ask_url("a/b", lab, lang, site) in markdown
        assert render.report_url("a/b", lab, lang, site, "abc123") in markdown
        assert "discussions" not in render.RenderedLab(lab, fake_run(lab), lang, VERSION, None).markdown


def test_downloads_fill_the_markers_the_page_hooks_fill(tmp_path):
    lab = demo(
        tmp_path,
        BODY.replace("# Body", "# Body <!-- results:value:n -->").replace("# 본문", "# 본문 <!-- results:value:n -->"),
    )
    fill = lambda text, lang: text.replace("<!-- results:value:n -->", f"13 ({lang})")  # noqa: E731
    for lang in ("ko", "en"):
        page = render.RenderedLab(lab, fake_run(lab), lang, VERSION, None, fill_prose=fill)
        assert "<!-- results:value:n -->" in page.markdown  # the page: the results hook fills it
        assert f"13 ({lang})" in page.notebook and f"13 ({lang})" in page.script
        assert "results:value" not in page.notebook + page.script


def test_the_labs_zip_holds_each_file_once_and_is_the_same_on_every_build():
    files = {"b.ko.py": "print(2)\n", "a.ko.ipynb": "{}", "a.ko.py": "print('한글')\n"}
    first, again = render.labs_zip(files), render.labs_zip(dict(reversed(files.items())))
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == sorted(files)
        assert archive.read("a.ko.py").decode() == "print('한글')\n"


SOURCES = """# %% [markdown] lang="ko"
# 들어가며.
#
# !!! info "원본"
#     원래 노트북: [a.ipynb](https://example.org/a.ipynb)
#
#     · 강의: 어딘가
#
# 본문.

# %% [markdown] lang="en" ko="0"
# Intro.
#
# !!! info "Sources"
#     Original notebook: [a.ipynb](https://example.org/a.ipynb)
#
# Body.
"""


def test_the_sources_box_links_the_original_lectures_as_the_readme_gives_them(tmp_path):
    lab = demo(tmp_path, SOURCES, lecture='"Lab-09-2 Weight initialization"')
    nb = render.with_outputs(lab, fake_run(lab))
    ko, en = (render.in_language(nb, lab, lang).cells[0].source for lang in ("ko", "en"))
    links = "(http://bit.ly/2VrZcWM)", "(http://bit.ly/2UVk3kn)"  # the README's slides and YouTube links
    assert "    · 강의: 어딘가\n    · 원래 강좌의 강의 자료" in ko and ko.endswith("Weight initialization\n\n본문.")
    assert "a.ipynb)\n    · The original course's lecture material" in en and "lecture: Lab-09-2 Weight" in en
    assert all(link in text for link in links for text in (ko, en))
    plain = demo(tmp_path / "plain", SOURCES)
    assert (
        "해당하는 강의"
        not in render.in_language(render.with_outputs(plain, fake_run(plain)), plain, "ko").cells[0].source
    )
    with pytest.raises(LabSourceError, match=r"header `lecture` must be one of the original course's \['Lab-08-1"):
        demo(tmp_path / "bad", SOURCES, lecture='"Lab-12 Something"')


def test_every_course_lab_has_a_sources_box_in_both_languages():
    for path in sorted(shared.LAB_DIR.glob("*.py")):
        lab = source.read_lab(path)
        boxes = [render.SOURCES_BOX.search(cell.source) for cell in lab.notebook.cells if cell.cell_type == "markdown"]
        assert sorted(box[1] for box in boxes if box) == ["Sources", "원본"], path.name


def test_a_rendered_page_has_its_title_links_body_and_run_note(tmp_path):
    lab = demo(tmp_path, number='"8-2"')
    for lang, title, note in (("ko", "8-2 작은 실습", "2026-01-02에 CPU에서"), ("en", "8-2 A small lab", "on CPU")):
        page = render.RenderedLab(lab, fake_run(lab), lang, VERSION, "a/b")
        assert page.markdown.startswith(f'---\ntitle: "{title}"\n---\n\n# {lab.header.title[lang]}\n\n')
        assert render.links("demo", lang, "a/b") in page.markdown and note in page.markdown
        assert sorted(page.downloads()) == [f"demo.{lang}.ipynb", f"demo.{lang}.py"]


def test_the_index_table_comes_from_the_headers(tmp_path):
    write_lab(tmp_path, "b", BODY, order=2, number='"9-1"', title_en="Bee", summary_en="B's summary")
    write_lab(tmp_path, "a", BODY, order=1, title_en="Ay", summary_en="A's summary")
    table = render.index_table(source.headers(tmp_path), "en")
    assert table.split("\n") == [
        "| No. | Lab | What it shows |",
        "|---|---|---|",
        "|   | [Ay](labs/a.md) | A's summary |",
        "| 9-1 | [Bee](labs/b.md) | B's summary |",
    ]
    assert render.index_table([], "ko").startswith("| 번호 | 실습 | 내용 |")


# ------------------------------------------------------------------------------------- `mkdocs serve`

EXERCISE_LAB = """# %% [markdown] lang="ko"
# # 연습

# %% [markdown] lang="en" ko="0"
# # Exercise

# %%
from dnn_guide.exercises import Say, call, checker, expect_close
import matplotlib.pyplot as plt
import torch


@checker("double", Say("맞습니다", "correct"))
def check_double(f):
    x = torch.arange(3.0)
    expect_close(call(f, x), 2 * x, Say("출력", "the output"))


print("checker", end=" ")
print("ready")
plt.plot([0, 1], [1, 0])
plt.show()

# %% exercise=true
def double(x):
    raise NotImplementedError


raise NotImplementedError("the build must not run a learner's template")

# %% solution=true
def double(x):
    return {answer}


check_double(double)
"""


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """`mkdocs serve`'s background runner given a lab with a right solution and one with a wrong solution, run
    in real kernels; waits (bounded) until the first is in the cache and the second has failed."""
    folder = tmp_path_factory.mktemp("serve")
    right = source.read_lab(write_lab(folder / "labs", "exercise-right", EXERCISE_LAB.format(answer="2 * x")))
    wrong = source.read_lab(write_lab(folder / "labs", "exercise-wrong", EXERCISE_LAB.format(answer="3 * x"), order=2))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "CACHE_DIR", folder / "cache")
        lab_cache = LabCache(folder / "cache" / "labs")
        background = build.Background(logging.getLogger("labs-test"))
        pending = {lang: render.pending_page(right, lang) for lang in shared.LANGS}  # what serve shows meanwhile
        keys = {lab.name: lab_cache.key(lab) for lab in (right, wrong)}
        background.submit(right, keys[right.name])
        background.submit(wrong, keys[wrong.name])
        background.start()  # as on_serve does, once the server watches the cache
        with background._changed:  # notified whenever a run ends
            done = background._changed.wait_for(
                lambda: (
                    LabCache(folder / "cache" / "labs").lookup(right) is not None
                    and background.error(wrong, keys[wrong.name]) is not None
                ),
                timeout=540,
            )
        assert done, f"the background runs did not end: failed={background.failed}"
        yield SimpleNamespace(
            background=background, right=right, wrong=wrong, keys=keys, pending=pending, folder=folder / "cache"
        )


def test_serve_shows_a_running_page_in_each_language(serve):
    for lang, said in (("ko", "실습을 실행하는 중입니다"), ("en", "This lab is running")):
        page = serve.pending[lang]
        title = serve.right.header.title[lang]
        assert page.startswith(f'---\ntitle: "{title}"\n---\n\n# {title}\n\n!!! note "{said}"\n')
        assert said in page and "mkdocs serve" in page


def test_serve_runs_a_submitted_lab_into_the_cache(serve):
    run = LabCache(serve.folder / "labs").lookup(serve.right)
    assert run is not None and run.metadata["dnn_guide_cost"]["seconds"] >= 0
    assert LabCache(serve.folder / "labs").seconds("exercise-right") == run.metadata["dnn_guide_cost"]["seconds"]
    assert serve.background.error(serve.right, serve.keys["exercise-right"]) is None
    assert "modules" in run.metadata["dnn_guide_run"] and run.metadata["dnn_guide_run"]["dnn_guide"]


def test_serve_keeps_a_failing_labs_error_and_shows_it(serve):
    error = serve.background.error(serve.wrong, serve.keys["exercise-wrong"])
    assert re.search(r"^docs/labs/exercise-wrong\.py, cell 4(, line \d+)?: ExerciseError: .*values differ", error)
    assert serve.background.error(serve.wrong, "another key") is None, "an edited lab is not shown the old error"
    assert (serve.folder / "labs" / build.REBUILD_TRIGGER).read_text(encoding="utf-8") == error  # the rebuild trigger
    for lang, said in (("ko", "실습을 실행하지 못했습니다"), ("en", "This lab failed to run")):
        page = render.pending_page(serve.wrong, lang, error)
        assert said in page and "values differ" in page
        assert "\n    docs/labs/exercise-wrong.py, cell" in page, "the error inside the admonition"
    with serve.background._changed:  # the same failing source is not run again on the next rebuild
        serve.background.submit(serve.wrong, serve.keys["exercise-wrong"])
        assert "exercise-wrong" not in serve.background._queue


def test_exercise_templates_do_not_run_and_a_solution_renders_folded_with_its_check(serve):
    run = LabCache(serve.folder / "labs").lookup(serve.right)
    assert [c.source.startswith("def double") for c in source.code_cells(run)] == [False, True], "template left out"
    solution = source.code_cells(run)[-1]
    assert solution.outputs[-1].data[FEEDBACK_MIME]["ok"] is True
    for lang, label, said in (("ko", "풀이", "✅ double: 맞습니다"), ("en", "Solution", "✅ double: correct")):
        page = render.RenderedLab(serve.right, run, lang, VERSION, "a/b")
        markdown = page.markdown
        folded = markdown[markdown.index("??? success") :]
        assert folded.startswith(f'??? success "{label}')
        assert f"    ``` {{ .text .nb-output .nb-check }}\n    {said}" in folded
        assert "    def double(x):\n        return 2 * x" in folded
        assert 'raise NotImplementedError("the build must not run' in markdown  # the template: shown, not run
        assert "``` { .text .nb-output }\nchecker ready\n```" in markdown  # two prints, one block
        assert re.search(r"!\[[^\]]+\]\(exercise-right-1\.png\)", markdown), "the figure with its alt text"
        notebook = nbformat.reads(page.notebook, as_version=4)
        assert f'os.environ.setdefault("DNN_GUIDE_LANG", "{lang}")' in notebook.cells[0].source
        template = next(c for c in notebook.cells if "the build must not run" in c.source)
        assert template.outputs == [] and template.execution_count is None
        assert notebook.cells[-1].metadata["jupyter"] == {"source_hidden": True}
        assert notebook.cells[-1].outputs[-1].data["text/plain"] == said


def test_serve_runs_a_timed_lab_alone_after_the_others(tmp_path, monkeypatch):
    """The order of `mkdocs serve`'s runs, with a stand-in for the kernel: untimed labs side by side first, a
    timed lab (it measures speed) only when nothing else runs."""
    labs = [demo(tmp_path, name=name, order=i) for i, name in enumerate(("a", "b"))]
    labs.insert(0, demo(tmp_path, name="speed", order=9, timed="true"))
    started, running, overlaps = [], set(), []
    guard = threading.Lock()

    def fake_execute(lab):
        with guard:
            started.append(lab.name)
            running.add(lab.name)
            overlaps.append(set(running))
        with guard:
            running.discard(lab.name)
        return fake_run(lab)

    monkeypatch.setattr(build, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(build, "execute", fake_execute)
    background = build.Background(logging.getLogger("labs-test"))
    store = LabCache(tmp_path / "cache" / "labs")
    with background._changed:  # all three queued before a worker picks one
        for lab in labs:
            background.submit(lab, store.key(lab))
        background.start()
        done = background._changed.wait_for(
            lambda: all(LabCache(tmp_path / "cache" / "labs").lookup(lab) for lab in labs), timeout=60
        )
    assert done, (started, background.failed)
    assert sorted(started[:2]) == ["a", "b"] and started[2] == "speed"
    assert all(seen == {"speed"} for seen in overlaps if "speed" in seen), overlaps


def test_the_hook_reads_the_course_labs_with_the_repository_paths():
    assert shared.ROOT == ROOT and shared.LAB_DIR == ROOT / "docs" / "labs" and shared.CACHE_DIR == ROOT / ".cache"
    assert cache.CACHE_DIR == shared.CACHE_DIR


def test_serve_does_not_run_again_a_lab_that_landed_while_it_waited(tmp_path, monkeypatch):
    """A rebuild looks a lab up, the lab's earlier run lands, then the rebuild submits it: the queued run is
    skipped, not executed a second time."""
    lab, started = demo(tmp_path, name="landed"), []
    monkeypatch.setattr(build, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(build, "execute", lambda lab: started.append(lab.name) or fake_run(lab))
    store = LabCache(tmp_path / "cache" / "labs")
    store.store(lab, fake_run(lab))  # the earlier run, landed
    background = build.Background(logging.getLogger("labs-test"))
    with background._changed:
        background.submit(lab, store.key(lab))
        background.start()
        done = background._changed.wait_for(lambda: not background._queue and not background._running, timeout=60)
    assert done and started == []
