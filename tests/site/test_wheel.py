"""The package as a reader gets it: built, checked as PyPI checks it, and installed alone in a fresh venv
outside the repository, where every lab's downloaded notebook and script runs.

The venv shares torch and the Jupyter tools with the test environment through a ``.pth`` file that lists
its site-packages as plain paths: the test environment's own ``.pth`` files, and with them the editable
install of ``dnn_guide``, are not run there, so ``import dnn_guide`` finds the wheel's copy or nothing (the
tests check ``dnn_guide.__file__``). ``DNN_GUIDE_WHEEL=dist/x.whl`` tests a given wheel instead of
building one (the release workflow tests the wheel it publishes); ``DNN_GUIDE_SITE=site`` takes the
downloads from a site already built instead of building it.

Both languages are covered without running every lab four times: the Korean notebooks run in a Jupyter
kernel, the English scripts in plain Python, and the other two downloads of each lab are checked to carry
the same code.
"""

import ast
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from email import message_from_bytes
from pathlib import Path

import nbformat
import pytest
import yaml
from sitecore import render

from tests.conftest import ROOT

LABS = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))
VERSION = re.search(r'^__version__ = "([^"]+)"', (ROOT / "dnn_guide" / "__init__.py").read_text(), re.M)[1]
NOTEBOOK_LANG, SCRIPT_LANG = "ko", "en"  # which download runs; the other language's is checked to match
RUN_ENV = {"DNN_GUIDE_MNIST": "sample", "MPLBACKEND": "Agg", "TQDM_DISABLE": "1"}
TIMEOUT_S = 900

# One notebook runs (its install cell is the same for every lab but the version); every lab's script runs.
NOTEBOOK_LAB = "backprop"

# Runs one downloaded notebook as it is, plus a last cell that reports what the install cell did and
# which dnn_guide and Python ran it. Executed by the fresh venv's Python, so its kernel is that Python too.
NOTEBOOK_DRIVER = """
import sys
import nbformat
from nbclient import NotebookClient
notebook, probe = sys.argv[1], sys.argv[2]
nb = nbformat.read(notebook, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(probe))
NotebookClient(nb, timeout=int(sys.argv[3]), kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, notebook + ".out")
"""
PROBE = """import json, sys, dnn_guide
print(json.dumps({"installed": installed, "file": dnn_guide.__file__, "prefix": sys.prefix}))"""


def _outside_repo(path: Path) -> Path:
    assert not path.resolve().is_relative_to(ROOT), f"{path} must lie outside the repository"
    return path


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The wheel and the sdist: built once from this checkout, or the wheel named by DNN_GUIDE_WHEEL."""
    given = os.environ.get("DNN_GUIDE_WHEEL")
    if given:
        wheel = Path(given).resolve()
        sdists = sorted(wheel.parent.glob(f"dnn_guide-{VERSION}.tar.gz"))
        return {"wheel": wheel, **({"sdist": sdists[0]} if sdists else {})}
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True, text=True
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


@pytest.fixture(scope="session")
def wheel_venv(dist, tmp_path_factory) -> dict:
    """A fresh venv whose dnn_guide is the wheel's; torch, nbclient and the rest come from the test environment."""
    venv = _outside_repo(tmp_path_factory.mktemp("venv"))
    subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*install, "--target", str(purelib), str(dist["wheel"])], check=True)
    shared = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (purelib / "zz_test_environment.pth").write_text("".join(f"{path}\n" for path in shared), encoding="utf-8")
    home = _outside_repo(tmp_path_factory.mktemp("home"))
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(
        RUN_ENV,
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        VIRTUAL_ENV=str(venv),
        PYTHONNOUSERSITE="1",
        PIP_NO_INDEX="1",  # had the install cell run pip, it would fail here rather than download
        JUPYTER_DATA_DIR=str(home / "jupyter"),
        IPYTHONDIR=str(home / "ipython"),
        MPLCONFIGDIR=str(home / "matplotlib"),
    )
    # The python3 kernel of this venv, found first (Jupyter looks in the active environment's prefix).
    subprocess.run([python, "-m", "ipykernel", "install", "--sys-prefix"], check=True, env=env, capture_output=True)
    return {"python": python, "purelib": purelib, "env": env}


@pytest.fixture(scope="session")
def downloads(request) -> Path:
    """The folder of the built site that holds every lab's downloads (<lab>.<lang>.ipynb and .py).

    The site is the session's build, or the folder DNN_GUIDE_SITE names (a site already built). Each
    test copies the files it runs out of it, into a temporary folder outside the repository.
    """
    given = os.environ.get("DNN_GUIDE_SITE")
    return (Path(given) if given else request.getfixturevalue("site")) / "labs"


def test_twine_check_passes_on_the_wheel_and_the_sdist(dist):
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.values())], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == len(dist)


def test_wheel_carries_the_package_and_its_mnist_sample_only(dist):
    wheel = dist["wheel"]
    assert wheel.name == f"dnn_guide-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = message_from_bytes(archive.read(f"dnn_guide-{VERSION}.dist-info/METADATA"))
    info = f"dnn_guide-{VERSION}.dist-info/"
    assert all(name.startswith(("dnn_guide/", info)) for name in names), names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "/tests/" in n], names
    sample = {n.removeprefix("dnn_guide/mnist_sample/") for n in names if n.startswith("dnn_guide/mnist_sample/")}
    assert {
        f"{kind}-{part}-idx{dims}-ubyte.gz"
        for kind in ("train", "t10k")
        for part, dims in (("images", 3), ("labels", 1))
    } <= sample
    assert "dnn_guide/cli.py" in names and f"{info}entry_points.txt" in names
    assert meta["Version"] == VERSION and meta["License-Expression"] == "MIT AND CC-BY-SA-3.0"
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL"))
    assert urls["Repository"].startswith("https://github.com/")


def test_sdist_holds_what_builds_the_wheel_and_no_more(dist):
    if "sdist" not in dist:
        pytest.skip("DNN_GUIDE_WHEEL names a wheel without an sdist beside it")
    with tarfile.open(dist["sdist"]) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    assert {"pyproject.toml", "README.md", "dnn_guide/__init__.py", "dnn_guide/mnist_sample/README.md"} <= set(names)
    stray = [n for n in names if n.startswith(("tests", "docs", ".cache", "site", ".github")) or "__pycache__" in n]
    assert not stray, stray


def test_dnn_guide_comes_from_the_wheel_alone(wheel_venv, tmp_path):
    code = (
        "import json, sys, importlib.metadata as m, dnn_guide\n"
        "print(json.dumps({'file': dnn_guide.__file__, 'version': m.version('dnn-guide'), 'prefix': sys.prefix}))"
    )
    run = subprocess.run(
        [wheel_venv["python"], "-c", code],
        cwd=_outside_repo(tmp_path),
        capture_output=True,
        text=True,
        env=wheel_venv["env"],
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert Path(found["file"]).is_relative_to(wheel_venv["purelib"]), found  # not the editable copy in the repo
    assert not Path(found["file"]).resolve().is_relative_to(ROOT)
    assert found["version"] == VERSION


def test_install_cell_installs_the_pinned_version_only_when_needed(monkeypatch):
    """The notebooks' first cell, run with a fake IPython: %pip runs when dnn-guide is missing or another version."""
    from IPython.core.inputtransformer2 import TransformerManager

    for lang in ("ko", "en"):
        code = TransformerManager().transform_cell(render.install_cell(lang, VERSION))
        for installed, expect_pip in ((None, True), ("0.0.1", True), (VERSION, False)):
            calls = []

            class Shell:
                def run_line_magic(self, name, line, calls=calls):
                    calls.append((name, line))

            def version(name, installed=installed):
                assert name == "dnn-guide"
                if installed is None:
                    raise importlib.metadata.PackageNotFoundError(name)
                return installed

            monkeypatch.setattr(importlib.metadata, "version", version)
            exec(code, {"get_ipython": Shell})
            assert calls == ([("pip", f"install -q dnn-guide=={VERSION}")] if expect_pip else []), (lang, installed)
    monkeypatch.undo()
    assert render.install_cell("ko", VERSION).splitlines()[0].startswith("# ") and "설치" in render.install_cell(
        "ko", VERSION
    )


def _code(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _script_code(text: str) -> list[str]:
    """The code lines, but the one that picks the language of exercise feedback (it differs by design)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [line for line in lines if "DNN_GUIDE_LANG" not in line]


@pytest.mark.site
@pytest.mark.parametrize("lab", LABS)
def test_both_languages_download_the_same_code(downloads, lab):
    notebooks = {lang: nbformat.read(downloads / f"{lab}.{lang}.ipynb", as_version=4) for lang in ("ko", "en")}
    for lang, nb in notebooks.items():
        first = nb.cells[0]
        assert first.cell_type == "code" and first.source == render.install_cell(lang, VERSION), lang
    assert _code(notebooks["ko"])[1:] == _code(notebooks["en"])[1:]
    scripts = {lang: (downloads / f"{lab}.{lang}.py").read_text(encoding="utf-8") for lang in ("ko", "en")}
    for lang, script in scripts.items():
        assert f"pip install dnn-guide=={VERSION}" in script.split("\n\n")[0], lang
        ast.parse(script)
    assert _script_code(scripts["ko"]) == _script_code(scripts["en"])


@pytest.mark.site
@pytest.mark.parametrize("lab", [NOTEBOOK_LAB])
def test_downloaded_notebook_runs_outside_the_repo_on_the_wheel(downloads, wheel_venv, tmp_path, lab):
    folder = _outside_repo(tmp_path)
    notebook = folder / f"{lab}.{NOTEBOOK_LANG}.ipynb"
    shutil.copy(downloads / notebook.name, notebook)  # as a reader downloads it
    run = subprocess.run(
        [wheel_venv["python"], "-c", NOTEBOOK_DRIVER, str(notebook), PROBE, str(TIMEOUT_S)],
        cwd=folder,
        capture_output=True,
        text=True,
        env=wheel_venv["env"],
        timeout=TIMEOUT_S + 60,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    ran = nbformat.read(notebook.with_name(notebook.name + ".out"), as_version=4)
    assert ran.cells[0].source == render.install_cell(NOTEBOOK_LANG, VERSION)
    assert ran.cells[0].outputs == [], "the install cell ran pip although the right dnn-guide was there"
    probe = json.loads(ran.cells[-1].outputs[0].text)
    assert probe["installed"] == VERSION  # so the cell's `if` skipped %pip
    assert Path(probe["prefix"]) == Path(wheel_venv["python"]).parents[1]  # the kernel is the venv's Python
    assert Path(probe["file"]).is_relative_to(wheel_venv["purelib"])  # and imported the wheel's dnn_guide


@pytest.mark.site
@pytest.mark.parametrize("lab", LABS)
def test_downloaded_script_runs_outside_the_repo_on_the_wheel(downloads, wheel_venv, tmp_path, lab):
    """The script runs as plain Python (no Jupyter) and prints what the page shows, tables included."""
    folder = _outside_repo(tmp_path)
    script = folder / f"{lab}.{SCRIPT_LANG}.py"
    shutil.copy(downloads / script.name, script)
    run = subprocess.run(
        [wheel_venv["python"], script.name],
        cwd=folder,
        capture_output=True,
        text=True,
        env=wheel_venv["env"],
        timeout=TIMEOUT_S,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    page = json.loads((downloads / f"{lab}.{SCRIPT_LANG}.ipynb").read_text(encoding="utf-8"))
    shown = [
        "".join(output["data"]["text/plain"]).splitlines()[0]
        for cell in page["cells"]
        for output in cell.get("outputs", [])
        if output["output_type"] == "execute_result" and not any(k.startswith("image/") for k in output["data"])
    ]
    printed = " ".join(run.stdout.split())  # a text table pads its header to its rows: compare the words
    for first_line in shown:  # a table's header, a source's `def` line: what the page shows as a cell's value
        assert " ".join(first_line.split()) in printed, f"{lab}: the script does not print {first_line!r}"
    if lab == "perceptron":
        assert "ln 2 = 0.693147, final XOR loss = 0.693147" in run.stdout


def test_release_workflow_tests_the_wheel_before_publishing_it_with_trusted_publishing():
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as True
    jobs = workflow["jobs"]
    steps = {name: " ".join(json.dumps(step) for step in job["steps"]) for name, job in jobs.items()}
    assert "twine check" in steps["build"] and "python -m build" in steps["build"]
    assert "DNN_GUIDE_WHEEL" in steps["test"] and "pytest tests/site/test_wheel.py" in steps["test"]
    assert set(jobs["publish"]["needs"]) == {"build", "test"}
    assert "pypa/gh-action-pypi-publish" in steps["publish"]
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("id-token" not in job.get("permissions", {}) for name, job in jobs.items() if name != "publish")
    assert "password" not in text and "secrets." not in text  # trusted publishing: no token in the repository


def test_repository_url_is_the_same_in_pyproject_and_mkdocs():
    """pyproject.toml's project URLs and the site's repo_url default name one repository."""
    import tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^repo_url: !ENV \[REPO_URL, "([^"]+)"\]', mkdocs, re.M)[1]
    assert urls["Repository"] == default
    owner, name = render.github_repo(default).split("/")
    assert urls["Issues"] == f"{default}/issues"
    assert urls["Homepage"] == urls["Documentation"] == f"https://{owner}.github.io/{name}/"


def test_pages_workflow_publishes_the_notebooks_colab_opens_and_scopes_its_permissions():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            assert not {"id-token", "pages"} & {k for k, v in job.get("permissions", {}).items() if v == "write"}, name
    build = " ".join(json.dumps(step) for step in jobs["build"]["steps"])
    assert "REPO_URL" in build and '"path": "site/labs/*.ipynb"' in build
    push = " ".join(json.dumps(step) for step in jobs["notebooks"]["steps"])
    assert jobs["notebooks"]["permissions"] == {"contents": "write"}
    assert f"git init -q -b {render.NOTEBOOK_BRANCH}" in push and '"path": "labs"' in push
    assert render.COLAB_URL.endswith(f"/blob/{render.NOTEBOOK_BRANCH}/labs/{{notebook}}")
