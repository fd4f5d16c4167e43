import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FULL_MNIST = ROOT.parent / "shared" / "data" / "mnist"


@pytest.fixture
def full_mnist() -> Path:
    """The full MNIST folder that developers and CI have beside the checkout."""
    if not FULL_MNIST.is_dir():
        pytest.skip(f"full MNIST not found at {FULL_MNIST}")
    return FULL_MNIST


@pytest.fixture(autouse=True)
def _no_mnist_env(monkeypatch):
    """Tests choose their data and modes explicitly: a developer's DNN_GUIDE_MNIST, strict exercise
    checking or feedback language must not leak in."""
    for name in ("DNN_GUIDE_MNIST", "DNN_GUIDE_EXERCISES_STRICT", "DNN_GUIDE_LANG"):
        monkeypatch.delenv(name, raising=False)


def rejected(feedback, ko: str | list[str], en: str | list[str]) -> None:
    """An exercise checker rejected the answer, and each language's message names it (contains the words)."""
    assert not feedback, feedback.text("en")
    for lang, words in (("ko", ko), ("en", en)):
        for word in [words] if isinstance(words, str) else words:
            assert word in feedback.text(lang), feedback.text(lang)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once per test session (labs from .cache/labs when unchanged)."""
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
