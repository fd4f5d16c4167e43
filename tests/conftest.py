"""What every test shares: the repository root, the full MNIST beside the checkout, a clean environment."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "_hooks"
if str(HOOKS) not in sys.path:  # the hooks' parts (sitecore), importable as MkDocs imports them
    sys.path.insert(0, str(HOOKS))
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
