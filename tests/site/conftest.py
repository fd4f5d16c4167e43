"""Site tests: the whole site built once per session; the hooks' parts importable as MkDocs imports them; a
tiny fixture site for the lab hook's end-to-end tests; lab sources written for a test."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT
from tests.site.browser import CHROMIUM, assert_nothing_missing, serve, sync_api, watch

HOOKS = ROOT / "docs" / "_hooks"
if str(HOOKS) not in sys.path:  # MkDocs puts a hook's folder on sys.path while it loads it: `import sitecore`
    sys.path.insert(0, str(HOOKS))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once per test session (labs from .cache/labs when unchanged); or, with
    ``SITE_DIR=<folder>``, a site built before (``mkdocs build --site-dir <folder>``), to rerun browser tests."""
    if os.environ.get("SITE_DIR"):
        built = Path(os.environ["SITE_DIR"]).resolve()
        assert (built / "index.html").exists(), f"SITE_DIR={built} holds no built site: run mkdocs build first"
        return built
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return out


# ------------------------------------------------------------------------------------------------ the hooks


def load_hook(name: str) -> ModuleType:
    """``docs/_hooks/<name>.py`` loaded by path, as MkDocs loads a hook (its ``sitecore`` importable)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def labs_hook() -> ModuleType:
    """The MkDocs event layer ``docs/_hooks/labs.py`` (its ``Background`` runs labs for `mkdocs serve`)."""
    return load_hook("labs")


# ------------------------------------------------------------------------------------------- lab sources

LAB_HEADER = """# ---
# jupyter:
#   dnn_guide:
#     order: {order}
#     number: {number}
#     title:
#       ko: "{title_ko}"
#       en: "{title_en}"
#     summary:
#       ko: "{summary_ko}"
#       en: "{summary_en}"
#     originals: []
#     experiments: {experiments}
#     timed: {timed}
#     exercises: null{lecture}
# ---

"""

#: A lab that runs in a few seconds: two prints in one cell (a kernel may send them as two stream
#: messages), one small figure, and prose with inline values (a ``str.format`` template: ``{name}``).
TINY_LAB_BODY = """# %% [markdown] lang="ko"
# 아주 작은 실습입니다. 출력 두 줄과 그림 하나를 만듭니다.

# %% [markdown] lang="en" ko="0"
# A very small lab. It prints two lines and draws one figure.

# %%
print("hello from {name}")
print("second line")

# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(2, 1.5))
ax.plot([0, 1, 2], [0, 1, 4])
ax.set_title("squares")
plt.show()

# %% [markdown] lang="ko"
# 선 `{{python}} len(ax.lines)`개, 가장 큰 값 `{{python}} f"{{max(ax.lines[0].get_ydata()):.1f}}"`.

# %% [markdown] lang="en" ko="0"
# `{{python}} len(ax.lines)` line, largest value `{{python}} f"{{max(ax.lines[0].get_ydata()):.1f}}"`.
"""


def lab_source(body: str, **header) -> str:
    """A lab source: a valid header (``header`` overrides its fields), then ``body`` (the percent cells)."""
    fields = {
        "order": 10,
        "number": "null",
        "title_ko": "작은 실습",
        "title_en": "A small lab",
        "summary_ko": "작은 실습의 요약",
        "summary_en": "What the small lab shows",
        "experiments": "[]",
        "timed": "false",
        "lecture": "",
        **header,
    }
    if fields["lecture"]:  # optional: written only when given
        fields["lecture"] = f"\n#     lecture: {fields['lecture']}"
    return LAB_HEADER.format(**fields) + body


def write_lab(folder: Path, name: str, body: str, *, stamped: bool = True, **header) -> Path:
    """Write ``folder/<name>.py`` and, unless ``stamped=False``, stamp its English cells as up to date."""
    from sitecore import source

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(lab_source(body, **header), encoding="utf-8")
    if stamped:
        source.stamp(path)
    return path


# ------------------------------------------------------------------------------------------ the fixture site

#: The one tiny lab of the fixture site. It is named xor-mlp because results.md links that lab's page.
FIXTURE_LAB = "xor-mlp"


def _ignore(folder: str, names: list[str]) -> set[str]:
    """Leave out of the copy: caches, the course's lab sources (the fixture has its own) and the glossary pages
    (the glossary names every course lab; docs/_hooks/glossary.py adds nothing where its pages are absent)."""
    left_out = {name for name in names if name == "__pycache__"}
    if Path(folder) == ROOT / "docs" / "labs":
        left_out |= {name for name in names if name.endswith(".py")}
    if Path(folder) == ROOT / "docs":
        left_out |= {name for name in names if name.startswith("glossary.") and name.endswith(".md")}
    return left_out


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """A small copy of this project for the lab hook's end-to-end tests: the repository's ``docs/`` (hooks,
    overrides, pages) and ``mkdocs.yml``, with one tiny lab instead of the course's labs and without the
    glossary pages. ``dnn_guide`` is a link to the repository's package (the hooks read its version and hash
    its files). ``shared.ROOT`` comes from where ``sitecore`` lies, so a build here uses this copy's hooks and
    keeps its cache in this copy's ``.cache/``. Copy it before adding files: other tests share it."""
    project = tmp_path_factory.mktemp("tiny-site")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=_ignore)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - glossary.md\n" in config, "mkdocs.yml's nav changed: update tests/site/conftest.py"
    (project / "mkdocs.yml").write_text(config.replace("\n  - glossary.md\n", "\n"), encoding="utf-8")
    (project / "dnn_guide").symlink_to(ROOT / "dnn_guide", target_is_directory=True)
    write_lab(
        project / "docs" / "labs",
        FIXTURE_LAB,
        TINY_LAB_BODY.format(name=FIXTURE_LAB),
        order=20,
        number='"8-2"',
        title_ko="작은 다층 퍼셉트론",
        title_en="A small multi-layer perceptron",
    )
    return project


def build_site(project: Path, site_dir: Path, **env) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir`` (``dnn_guide`` imported from this checkout)."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join(paths), **env},
    )


# ------------------------------------------------------------------------------------------ the browser
# One server of the built site and one chromium per test session (tests/site/browser.py: the helpers).


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    with sync_api().sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watch(context.new_page(), server)
    yield page
    try:
        assert_nothing_missing(page)  # every test fails on a 404, whatever it checks itself
    finally:
        context.close()
