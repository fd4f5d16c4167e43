"""The lab hook end to end (docs/_hooks/labs.py over sitecore): a new lab is one file.

A tiny copy of the project (``tiny_site`` in conftest.py: the repository's docs, hooks and mkdocs.yml, one
tiny lab) gets ONE new lab file and nothing else; ``mkdocs build --strict`` then lists it in both languages'
nav with its number and title, builds its pages with their downloads and Colab link, and adds it to the
index table. The parts themselves are tested in test_sitecore.py.
"""

import json
import re
import shutil
import zipfile
from html import unescape
from pathlib import Path

import nbformat
import pytest

from tests.site.conftest import FIXTURE_LAB, TINY_LAB_BODY, build_site, write_lab

NEW = "new-lab"
NUMBER = "10-1"
TITLE = {"ko": "새로 더한 실습", "en": "A lab just added"}
SUMMARY = {"ko": "파일 하나로 더한 실습", "en": "A lab added as one file"}
REPO = "example/tiny-course"  # REPO_URL of the build: the Colab links follow it
PREFIX = {"ko": "", "en": "en/"}


@pytest.fixture(scope="module")
def built(tiny_site, tmp_path_factory) -> Path:
    """The tiny site with one new lab file added, built strictly; the built site's folder."""
    project = tmp_path_factory.mktemp("new-lab-project")
    shutil.copytree(tiny_site, project, symlinks=True, dirs_exist_ok=True)
    mentions = [
        path
        for path in project.rglob("*")
        if path.is_file() and "dnn_guide" not in path.parts and NEW in path.read_text(encoding="utf-8", errors="ignore")
    ]
    assert not mentions, f"the project names the new lab before it is added: {mentions}"
    write_lab(
        project / "docs" / "labs",
        NEW,
        TINY_LAB_BODY.format(name=NEW),
        order=30,
        number=f'"{NUMBER}"',
        title_ko=TITLE["ko"],
        title_en=TITLE["en"],
        summary_ko=SUMMARY["ko"],
        summary_en=SUMMARY["en"],
    )
    out = tmp_path_factory.mktemp("new-lab-site")
    build = build_site(project, out, REPO_URL=f"https://github.com/{REPO}")
    assert build.returncode == 0, build.stdout + build.stderr
    assert f"executing {NEW}.py" in build.stderr, build.stderr  # it ran: no cache entry came with the copy
    noise = [line for line in build.stderr.splitlines() if line and not line.startswith(("INFO ", "  "))]
    assert not noise, f"the build log carries more than a reader needs: {noise}"
    # A second build of the same sources takes every lab from the project's own .cache/ and gives the same pages.
    again = tmp_path_factory.mktemp("new-lab-site-again")
    rebuild = build_site(project, again, REPO_URL=f"https://github.com/{REPO}")
    assert rebuild.returncode == 0 and "executing" not in rebuild.stderr, rebuild.stderr
    assert (project / ".cache" / "labs").is_dir()
    for lang in ("ko", "en"):
        page = Path(PREFIX[lang], "labs", NEW, "index.html")
        assert (out / page).read_bytes() == (again / page).read_bytes(), f"{page} changed between two builds"
    return out


def nav_links(html: str) -> list[tuple[str, str]]:
    """(lab name, nav title) of every lab in a page's nav."""
    links = re.findall(
        r'<a href="labs/([\w-]+)/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', html
    )
    return [(name, unescape(title)) for name, title in links]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_new_lab_file_is_in_the_nav_in_header_order_with_its_number_and_title(built, lang):
    html = (built / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    names = [name for name, _ in nav_links(html)]
    assert names == [FIXTURE_LAB, NEW], names  # order 20, then 30
    assert dict(nav_links(html))[NEW] == f"{NUMBER} {TITLE[lang]}"
    page = (built / PREFIX[lang] / "labs" / NEW / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>{re.escape(NUMBER)} {re.escape(TITLE[lang])} - ", unescape(page)), "browser tab"
    assert "<h1 id=" in page and TITLE[lang] in unescape(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1])
    assert "hello from new-lab\nsecond line" in unescape(page), "the lab's output, one block"


def linked(page: Path, href: str) -> Path:
    """The file a relative link on a built page points to."""
    return (page.parent / href).resolve()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_new_lab_has_its_downloads_and_colab_link(built, lang):
    """Both languages' downloads lie in the site's labs/ (the publishing workflow pushes them from there to the
    notebooks branch, which Colab opens); each page links its own language's."""
    page_path = built / PREFIX[lang] / "labs" / NEW / "index.html"
    page = unescape(page_path.read_text(encoding="utf-8"))
    files = {}
    for download in (f"{NEW}.{lang}.ipynb", f"{NEW}.{lang}.py"):
        href = re.search(rf'href="([^"]*/{re.escape(download)})"', page)
        assert href, f"{download} is not linked"
        files[download] = linked(page_path, href[1])
        assert files[download] == (built / "labs" / download).resolve() and files[download].is_file(), download
    colab = f"https://colab.research.google.com/github/{REPO}/blob/notebooks/labs/{NEW}.{lang}.ipynb"
    assert f'href="{colab}"' in page
    assert f'href="https://studiolab.sagemaker.aws/import/github/{REPO}/blob/notebooks/labs/{NEW}.{lang}.ipynb"' in page
    assert f'href="https://github.com/{REPO}/discussions/new?category=q-a' in page
    assert f'href="https://github.com/{REPO}/issues/new?' in page
    zipped = re.search(rf'href="([^"]*/dnn-guide-labs\.{lang}\.zip)"', page)
    assert zipped, "every lab as one zip is linked"
    with zipfile.ZipFile(linked(page_path, zipped[1])) as archive:
        assert archive.namelist() == sorted(
            f"{name}.{lang}.{ext}" for name in (NEW, FIXTURE_LAB) for ext in ("ipynb", "py")
        )
    notebook = nbformat.read(files[f"{NEW}.{lang}.ipynb"], as_version=4)
    assert "pip install -q dnn-guide==" in notebook.cells[0].source  # the install cell
    assert notebook.cells[1].source.startswith(f"# {TITLE[lang]}\n")
    printed = [o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"]
    assert printed == ["hello from new-lab\nsecond line\n"]
    script = files[f"{NEW}.{lang}.py"].read_text(encoding="utf-8")
    assert script.startswith(f"# {TITLE[lang]}: ") and 'print("hello from new-lab")' in script
    prose = {"ko": "선 1개, 가장 큰 값 4.0.", "en": "1 line, largest value 4.0."}[lang]  # inline values, filled in
    assert prose in page and prose in notebook.cells[-1].source and prose in script
    assert "{python}" not in page + nbformat.writes(notebook) + script
    figure = re.search(r'<img alt="([^"]+)" class="nb-figure" src="([^"]+/new-lab-1\.png)"', page)
    assert figure and linked(page_path, figure[2]).is_file(), "the figure"
    assert bool(re.search("[가-힣]", figure[1])) == (lang == "ko"), f"alt text in the page's language: {figure[1]!r}"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_new_lab_is_in_the_index_table(built, lang):
    html = unescape((built / PREFIX[lang] / "index.html").read_text(encoding="utf-8"))
    rows = re.findall(
        r"<tr>\s*<td>([^<]*)</td>\s*<td><a href=\"labs/([\w-]+)/\">([^<]+)</a></td>\s*<td>([^<]*)</td>", html
    )
    assert [name for _, name, _, _ in rows] == [FIXTURE_LAB, NEW]
    assert rows[1] == (NUMBER, NEW, TITLE[lang], SUMMARY[lang])


def test_each_language_search_index_finds_the_new_lab(built):
    """The other hooks ran on the tiny site too: each language's own search index has the new lab's pages."""
    for lang in ("ko", "en"):
        index = json.loads((built / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert any(doc["location"].startswith(f"labs/{NEW}/") for doc in index["docs"]), lang
