"""Unit tests share one load of the shipped MNIST sample, and one small slice of it."""

import pytest

import dnn_guide


@pytest.fixture(scope="session")
def sample_mnist() -> dnn_guide.MNIST:
    """The sample the package ships (6,000/1,000), loaded once per session: tests must not change it."""
    return dnn_guide.load_mnist("sample")


@pytest.fixture(scope="session")
def small(sample_mnist) -> dnn_guide.MNIST:
    """A 1,200/300 slice of the sample: enough to train for an epoch in a test."""
    data = sample_mnist
    return dnn_guide.MNIST(data.X_train[:1200], data.y_train[:1200], data.X_test[:300], data.y_test[:300], "sample")
