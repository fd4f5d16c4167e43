"""The lab pipeline's parts: reading a bilingual source, stale translations, markdown output, the cache,
the downloads."""

import importlib.util
import json
import subprocess
import sys

import nbformat
import pytest
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("labs_hook", ROOT / "docs" / "_hooks" / "labs.py")
labs = importlib.util.module_from_spec(spec)
sys.modules["labs_hook"] = labs
spec.loader.exec_module(labs)


@pytest.fixture(autouse=True)
def _fresh_build():
    """Each test is a build of its own: nothing of another test's package digest is remembered."""
    labs.on_pre_build(None)
    yield
    labs.on_pre_build(None)


SOURCE = """# %% [markdown] lang="ko"
# # 제목
#
# 본문

# %% [markdown] lang="en" ko="{stamp}"
# # Title
#
# Body

# %%
print(1 + 1)
"""


def write(tmp_path, text):
    path = tmp_path / "demo.py"
    path.write_text(text, encoding="utf-8")
    return path


def test_stamp_then_fresh_then_stale(tmp_path):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    assert labs.stale_translations(labs.read_lab(path)) == [1]
    labs.stamp(path)
    assert labs.stale_translations(labs.read_lab(path)) == []
    path.write_text(path.read_text(encoding="utf-8").replace("본문", "고친 본문"), encoding="utf-8")
    assert labs.stale_translations(labs.read_lab(path)) == [1]


def test_cells_must_pair_korean_then_english(tmp_path):
    swapped = SOURCE.replace('lang="ko"', 'lang="xx"').replace('lang="en"', 'lang="ko"')
    with pytest.raises(labs.LabError, match="must be lang='ko'"):
        labs.read_lab(write(tmp_path, swapped))
    lonely = SOURCE.split('# %% [markdown] lang="en"')[0] + "# %%\nx = 1\n"
    with pytest.raises(labs.LabError, match="no English translation"):
        labs.read_lab(write(tmp_path, lonely))


def test_language_split_keeps_code_and_outputs(tmp_path):
    nb = labs.read_lab(write(tmp_path, SOURCE.format(stamp="0")))
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    ko, en = labs.in_language(nb, "ko"), labs.in_language(nb, "en")
    assert [c.source for c in ko.cells] == ["# 제목\n\n본문", "print(1 + 1)"]
    assert [c.source for c in en.cells] == ["# Title\n\nBody", "print(1 + 1)"]
    assert ko.cells[1].outputs == en.cells[1].outputs
    assert "lang" not in en.cells[0].metadata


def test_markdown_of_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="hello\n"),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        nbformat.v4.new_output("execute_result", data={"text/markdown": "| a |\n|---|\n| 1 |", "text/plain": "t"}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    markdown, images = labs.to_markdown(nb, "demo", "en")
    assert "```python\nshow()\n```" in markdown
    assert "``` { .text .nb-output }\nhello\n```" in markdown
    assert "![](demo-1.png){ .nb-figure }" in markdown and images["demo-1.png"].startswith(b"\x89PNG")
    assert "| a |\n|---|\n| 1 |" in markdown and "<Figure>" not in markdown


def test_script_runs_without_ipython(tmp_path):
    nb = labs.in_language(labs.read_lab(write(tmp_path, SOURCE.format(stamp="0"))), "en")
    script = labs.as_script(nb)
    assert "# # Title" in script and "print(1 + 1)" in script and "제목" not in script


def test_cache_key_follows_the_source_and_the_package_data(tmp_path, monkeypatch):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "sample.idx").write_bytes(b"1")
    (package / "mod.py").write_text("A = 1\n")
    monkeypatch.setattr(labs, "PACKAGE_DIR", package)
    labs.on_pre_build(None)
    key = labs.cache_key(path)
    assert labs.cache_key(path) == key
    (package / "sample.idx").write_bytes(b"2")
    labs.on_pre_build(None)  # a new build
    assert labs.cache_key(path) != key
    key = labs.cache_key(path)
    (package / "mod.py").write_text("A = 2\n")  # modules count only where a run imported them
    assert labs.cache_key(path) == key
    path.write_text(path.read_text() + "print(3)\n")
    assert labs.cache_key(path) != key


def test_a_run_is_current_while_the_modules_it_imported_are_unchanged(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "used.py").write_text("A = 1\n")
    (package / "sub" / "other.py").write_text("B = 1\n")
    monkeypatch.setattr(labs, "PACKAGE_DIR", package)
    run = nbformat.v4.new_notebook()
    run.metadata["dnn_guide_run"] = {"modules": ["used.py"], "modules_hash": labs.modules_hash(["used.py"])}
    assert labs.is_current(run)
    (package / "sub" / "other.py").write_text("B = 2\n")
    assert labs.is_current(run), "a module the run did not import made it stale"
    (package / "used.py").write_text("A = 2\n")
    assert not labs.is_current(run)
    (package / "used.py").unlink()
    assert labs.modules_hash(["used.py"]) is None and not labs.is_current(run)


def test_every_lab_source_is_well_formed_and_translated():
    sources = labs.lab_sources()
    assert sources, "no lab sources found"
    for path in sources:
        assert labs.stale_translations(labs.read_lab(path)) == [], f"{path.name}: stale English cells"
        for lang in labs.LANGS:
            assert (path.parent / f"{path.stem}.{lang}.md").exists()


def test_gif_outputs_become_files():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("animate()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/gif": "R0lGODlh", "text/plain": "<Anim>"})]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    markdown, images = labs.to_markdown(nb, "demo", "en")
    assert "![](demo-1.gif)" in markdown and images["demo-1.gif"].startswith(b"GIF89a")


def test_translation_edit_or_restamp_keeps_the_cache_key(tmp_path, monkeypatch):
    """Only what can change the outputs is in the key: prose and stamps are not, code and threads are."""
    path = write(tmp_path, SOURCE.format(stamp="0"))
    key = labs.cache_key(path)
    path.write_text(path.read_text(encoding="utf-8").replace("Body", "Better body"), encoding="utf-8")
    assert labs.cache_key(path) == key  # an English edit
    path.write_text(path.read_text(encoding="utf-8").replace("본문", "고친 본문"), encoding="utf-8")
    assert labs.cache_key(path) == key  # a Korean edit
    labs.stamp(path)
    assert labs.cache_key(path) == key  # a re-stamp
    path.write_text(path.read_text(encoding="utf-8").replace("1 + 1", "1 + 2"), encoding="utf-8")
    assert labs.cache_key(path) != key  # code
    key = labs.cache_key(path)
    monkeypatch.setattr(labs, "KERNEL_THREADS", 99)
    assert labs.cache_key(path) != key  # the kernels' thread count


def test_a_timed_lab_runs_alone_with_every_cpu_after_the_others(tmp_path, monkeypatch):
    order = []
    monkeypatch.setattr(labs, "cached_run", lambda path, nb: None)
    monkeypatch.setattr(labs, "checked_lab", lambda path: None)
    monkeypatch.setattr(labs, "executed", lambda path: order.append(path.stem))
    monkeypatch.setattr(labs, "TIMED_LABS", {"speed"})
    labs.execute_all([tmp_path / "speed.py", tmp_path / "a.py", tmp_path / "b.py"])
    assert sorted(order[:2]) == ["a", "b"] and order[2] == "speed"
    assert labs.kernel_env(tmp_path / "speed.py")["OMP_NUM_THREADS"] == str(labs.os.cpu_count())
    assert labs.kernel_env(tmp_path / "a.py")["OMP_NUM_THREADS"] == str(labs.KERNEL_THREADS)


def _fake_run(calls):
    def run_lab(path, nb):
        calls.append(path.name)
        run = labs.copy.deepcopy(nb)
        for cell in labs.code_cells(run):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"ran {len(calls)}\n")]
        info = {"date": "d", "torch": "t", "device": "cpu", "dnn_guide": "v", "modules": []}
        run.metadata["dnn_guide_run"] = {**info, "modules_hash": labs.modules_hash([])}
        return run

    return run_lab


def test_translation_edit_renders_from_the_cache_without_running_the_lab(tmp_path, monkeypatch):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    labs.stamp(path)
    calls = []
    monkeypatch.setattr(labs, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(labs, "run_lab", _fake_run(calls))
    monkeypatch.setattr(labs, "_RUNS", {})
    first = labs.executed(path)
    assert calls == ["demo.py"] and labs.code_cells(first)[0].outputs[0].text == "ran 1\n"
    path.write_text(path.read_text(encoding="utf-8").replace("Body", "A better body"), encoding="utf-8")
    labs._RUNS.clear()  # a new build: from the file cache
    again = labs.executed(path)
    assert calls == ["demo.py"], "a translation edit re-ran the lab"
    assert "A better body" in labs.in_language(again, "en").cells[0].source  # the new prose, the old outputs
    assert labs.code_cells(again)[0].outputs[0].text == "ran 1\n"
    path.write_text(path.read_text(encoding="utf-8").replace("1 + 1", "1 + 2"), encoding="utf-8")
    labs.executed(path)
    assert calls == ["demo.py", "demo.py"]


def test_interrupted_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "demo-0123456789abcdef.ipynb"
    labs.write_atomic(target, "old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(labs.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        labs.write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_stamp_writes_atomically(tmp_path, monkeypatch):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    before = path.read_text(encoding="utf-8")
    monkeypatch.setattr(labs.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("interrupted")))
    with pytest.raises(OSError):
        labs.stamp(path)
    assert path.read_text(encoding="utf-8") == before and len(list(tmp_path.iterdir())) == 1


def test_unreadable_or_missing_cache_entry_is_a_miss(tmp_path, monkeypatch):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    monkeypatch.setattr(labs, "CACHE_DIR", tmp_path / "cache")
    assert labs.load_cached(path, "0123456789abcdef") is None
    (tmp_path / "cache").mkdir()
    entry = tmp_path / "cache" / f"demo-0123456789abcdef-{labs.modules_hash([])}.ipynb"
    entry.write_text('{"cells": [{"cell_type": "co')  # truncated
    assert labs.load_cached(path, "0123456789abcdef") is None


def test_eviction_keeps_the_newest_entries_of_this_lab_only(tmp_path, monkeypatch):
    monkeypatch.setattr(labs, "CACHE_DIR", tmp_path)
    nb = nbformat.v4.new_notebook()
    mods = labs.modules_hash([])
    nb.metadata["dnn_guide_run"] = {"modules": [], "modules_hash": mods}
    other = tmp_path / f"demo-more-0000000000000000-{mods}.ipynb"  # another lab whose name starts like this one's
    other.write_text(nbformat.writes(nb))
    for i in range(labs.CACHE_KEEP + 2):
        labs.store_cached(tmp_path / "demo.py", f"{i:016x}", nb)
        labs.os.utime(tmp_path / f"demo-{i:016x}-{mods}.ipynb", (i, i))
    labs.store_cached(tmp_path / "demo.py", f"{99:016x}", nb)
    kept = sorted(p.name for p in tmp_path.glob("demo-*.ipynb"))
    assert other.exists() and len(kept) == labs.CACHE_KEEP + 1
    assert f"demo-{99:016x}-{mods}.ipynb" in kept and f"demo-{0:016x}-{mods}.ipynb" not in kept
    assert not list(tmp_path.glob(".*.tmp"))


# Run by two processes at once: both find the cache empty, run the tiny lab and store it; then each
# rewrites, reads and evicts entries of that lab in a loop while the other does the same.
CONCURRENT_WORKER = r"""
import importlib.util, json, sys, time
from pathlib import Path
spec = importlib.util.spec_from_file_location("labs_hook", sys.argv[1])
labs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(labs)
labs.CACHE_DIR = Path(sys.argv[2])
info = {"date": "d", "torch": "t", "device": "cpu", "dnn_guide": "v", "modules": []}
labs.RUN_INFO_CELL = f"import json; print(json.dumps({info!r}))"
lab, worker = Path(sys.argv[3]), sys.argv[4]
nb = labs.executed(lab)
assert labs.code_cells(nb)[0].outputs[0].text == "2\n", nb
key = labs.cache_key(lab)
big = labs.copy.deepcopy(labs.load_cached(lab, key) or nb)
big.metadata["padding"] = "x" * 300_000  # a file large enough to be caught half-written
Path(sys.argv[2], "ready-" + worker).touch()  # start the loop together: wait for the other worker
deadline = time.monotonic() + 120
while len(list(Path(sys.argv[2]).glob("ready-*"))) < 2 and time.monotonic() < deadline:
    time.sleep(0.01)
hits, i, end = 0, 0, time.monotonic() + 3
while time.monotonic() < end:
    i += 1
    labs.store_cached(lab, key, big)
    try:  # the file as the other worker may be rewriting it: whole or absent (just evicted), never a part
        json.loads((labs.CACHE_DIR / f"demo-{key}-{labs.modules_hash([])}.ipynb").read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    got = labs.load_cached(lab, key)
    if got is not None:
        assert got.metadata["padding"] == big.metadata["padding"] and labs.code_cells(got)[0].outputs[0].text == "2\n"
        hits += 1
    labs.store_cached(lab, f"{worker}{i:015x}", big)
labs._RUNS.clear()
assert labs.code_cells(labs.executed(lab))[0].outputs[0].text == "2\n"
print(json.dumps({"hits": hits}))
"""


def test_two_builds_at_once_share_the_cache_safely(tmp_path):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    labs.stamp(path)
    cache_dir = tmp_path / "cache"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CONCURRENT_WORKER,
                str(ROOT / "docs" / "_hooks" / "labs.py"),
                str(cache_dir),
                str(path),
                w,
            ],
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
    assert not list(cache_dir.glob(".*.tmp")), "a temp file was left behind"
    assert len(list(cache_dir.glob("demo-*.ipynb"))) <= labs.CACHE_KEEP


def test_downloaded_notebook_starts_with_the_install_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1")]
    for lang, comment in (("ko", "설치"), ("en", "Installs")):
        first = nbformat.reads(labs.as_notebook(nb, lang), as_version=4).cells[0]
        assert first.cell_type == "code" and first.source == labs.install_cell(lang)
        lines = first.source.splitlines()
        assert lines[0].startswith("# ") and comment in lines[0]
        assert lines[-1] == f"    %pip install -q dnn-guide=={labs.package_version()}"


def test_script_prints_what_the_page_shows_and_says_how_to_install(tmp_path):
    nb = labs.in_language(labs.read_lab(write(tmp_path, SOURCE.format(stamp="0"))), "en")
    table, figure, silent = (nbformat.v4.new_code_cell(code) for code in ("t = 1\nTable(\n    [t],\n)", "fig", "x = 1"))
    table.outputs = [nbformat.v4.new_output("execute_result", data={"text/markdown": "|t|", "text/plain": "t"})]
    figure.outputs = [nbformat.v4.new_output("execute_result", data={"image/png": "iVBORw0KGgo=", "text/plain": "F"})]
    nb.cells += [table, figure, silent]
    script = labs.as_script(nb, "en")
    assert script.startswith("# Title: a dnn-guide lab as a Python script.")
    assert f"# Install what it needs: pip install dnn-guide=={labs.package_version()}\n" in script
    assert "t = 1\nprint(Table(\n    [t],\n))" in script  # the value the page shows as a table
    assert "\nfig\n" in script and "print(fig)" not in script and "print(x = 1)" not in script
    assert "jupytext" not in script
    ko = labs.as_script(labs.in_language(labs.read_lab(write(tmp_path, SOURCE.format(stamp="0"))), "ko"), "ko")
    assert ko.startswith("# 제목: dnn-guide 실습을") and "pip install dnn-guide==" in ko.split("\n\n")[0]


def test_print_result_wraps_only_a_last_bare_expression():
    assert labs.print_result("x = 1\nx") == "x = 1\nprint(x)"
    assert labs.print_result('"한글" + s  # 주석') == 'print("한글" + s)  # 주석'
    assert labs.print_result("x = 1") == "x = 1"
    assert labs.print_result("for i in x:\n    i") == "for i in x:\n    i"
    assert labs.print_result("%config x\ny") == "%config x\ny"  # not Python: left alone


def test_colab_and_repository_links():
    assert labs.github_repo("https://github.com/dnn-guide/dnn-guide") == "dnn-guide/dnn-guide"
    assert labs.github_repo("https://github.com/a/b.git/") == "a/b"
    assert labs.github_repo("https://gitlab.com/a/b") is None and labs.github_repo(None) is None
    assert (
        labs.colab_url("a/b", "perceptron", "ko")
        == "https://colab.research.google.com/github/a/b/blob/notebooks/labs/perceptron.ko.ipynb"
    )
    line = labs.links("perceptron", "en", "a/b")
    assert (
        "[Open in Colab](https://colab.research.google.com/github/a/b/blob/notebooks/labs/perceptron.en.ipynb)" in line
    )
    assert "(perceptron.en.ipynb){ download }" in line and "Colab" not in labs.links("perceptron", "en", None)


EXERCISE_LAB = """# %% [markdown] lang="ko"
# # 연습

# %% [markdown] lang="en" ko="0"
# # Exercise

# %%
from dnn_guide.exercises import Say, call, checker, expect_close
import torch


@checker("double", Say("맞습니다", "correct"))
def check_double(f):
    x = torch.arange(3.0)
    expect_close(call(f, x), 2 * x, Say("출력", "the output"))

# %% exercise=true
def double(x):
    raise NotImplementedError


raise NotImplementedError("the build must not run a learner's template")

# %% solution=true
def double(x):
    return {answer}


check_double(double)
"""


def test_exercise_templates_do_not_run_and_a_solution_renders_folded_with_its_check(tmp_path, monkeypatch):
    path = write(tmp_path, EXERCISE_LAB.format(answer="2 * x"))
    labs.stamp(path)
    monkeypatch.setattr(labs, "CACHE_DIR", tmp_path / "cache")
    nb = labs.executed(path)
    solution = labs.code_cells(nb)[-1]
    assert labs.code_cells(nb)[1].outputs == []  # the template: shown, not run
    for lang, label, said in (("ko", "풀이", "✅ double: 맞습니다"), ("en", "Solution", "✅ double: correct")):
        markdown, _ = labs.to_markdown(labs.in_language(nb, lang), "demo", lang)
        folded = markdown[markdown.index("??? success") :]
        assert (
            folded.startswith(f'??? success "{label}')
            and f"    ``` {{ .text .nb-output .nb-check }}\n    {said}" in folded
        )
        assert "    def double(x):\n        return 2 * x" in folded and "raise NotImplementedError(" in markdown
        notebook = nbformat.reads(labs.as_notebook(labs.in_language(nb, lang), lang), as_version=4)
        assert f'os.environ.setdefault("DNN_GUIDE_LANG", "{lang}")' in notebook.cells[0].source
        assert notebook.cells[-1].metadata["jupyter"] == {"source_hidden": True}
        assert notebook.cells[-1].outputs[0].data["text/plain"] == said
    assert solution.outputs[0].data[labs.FEEDBACK_MIME]["ok"] is True


def test_a_solution_its_checker_rejects_fails_the_build(tmp_path, monkeypatch):
    path = write(tmp_path, EXERCISE_LAB.format(answer="3 * x"))
    labs.stamp(path)
    monkeypatch.setattr(labs, "CACHE_DIR", tmp_path / "cache")
    with pytest.raises(labs.LabError, match="ExerciseError.*values differ"):
        labs.executed(path)


def test_a_solution_without_a_passing_check_is_refused():
    run = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("def double(x):\n    return 2 * x", metadata={"solution": True})
    run.cells = [cell]
    with pytest.raises(labs.LabError, match="shows no passing check"):
        labs.check_solutions(labs.Path("demo.py"), run)
    cell.outputs = [nbformat.v4.new_output("display_data", data={labs.FEEDBACK_MIME: {"ok": True}})]
    labs.check_solutions(labs.Path("demo.py"), run)


def test_figures_get_the_alt_text_of_the_page_language():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plot()")
    alt = {"ko": "손실이 0.69에서 0.02로 [줄어듭니다]", "en": "loss falls\nfrom 0.69 to 0.02"}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0K"}, metadata={"dnn_guide_alt": alt})
    ]
    nb.cells = [cell]
    assert "![손실이 0.69에서 0.02로 \\[줄어듭니다\\]](demo-1.png)" in labs.to_markdown(nb, "demo", "ko")[0]
    assert "![loss falls from 0.69 to 0.02](demo-1.png)" in labs.to_markdown(nb, "demo", "en")[0]
