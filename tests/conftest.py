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
    """Tests choose their data explicitly; a developer's DNN_GUIDE_MNIST must not leak in."""
    monkeypatch.delenv("DNN_GUIDE_MNIST", raising=False)
