"""The lab pipeline's parts: reading a bilingual source, stale translations, markdown output."""

import importlib.util
import sys

import nbformat
import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("labs_hook", ROOT / "docs" / "_hooks" / "labs.py")
labs = importlib.util.module_from_spec(spec)
sys.modules["labs_hook"] = labs
spec.loader.exec_module(labs)

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
    markdown, images = labs.to_markdown(nb, "demo")
    assert "```python\nshow()\n```" in markdown
    assert "``` { .text .nb-output }\nhello\n```" in markdown
    assert "![](demo-1.png){ .nb-figure }" in markdown and images["demo-1.png"].startswith(b"\x89PNG")
    assert "| a |\n|---|\n| 1 |" in markdown and "<Figure>" not in markdown


def test_script_runs_without_ipython(tmp_path):
    nb = labs.in_language(labs.read_lab(write(tmp_path, SOURCE.format(stamp="0"))), "en")
    script = labs.as_script(nb)
    assert "# # Title" in script and "print(1 + 1)" in script and "제목" not in script


def test_cache_key_follows_the_source_and_the_package(tmp_path, monkeypatch):
    path = write(tmp_path, SOURCE.format(stamp="0"))
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text("A = 1\n")
    monkeypatch.setattr(labs, "PACKAGE_DIR", package)
    key = labs.cache_key(path)
    assert labs.cache_key(path) == key
    (package / "mod.py").write_text("A = 2\n")
    assert labs.cache_key(path) != key
    key = labs.cache_key(path)
    path.write_text(path.read_text() + "print(3)\n")
    assert labs.cache_key(path) != key


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
    markdown, images = labs.to_markdown(nb, "demo")
    assert "![](demo-1.gif)" in markdown and images["demo-1.gif"].startswith(b"GIF89a")
