"""dnn_guide: the small, tested library behind the dnn-guide course pages (Part 2, DNN)."""

from .data import MNIST, MNISTDataError, iterate_batches, load_mnist
from .device import DeviceError, get_device
from .display import Table, show_source
from .plot import plot_decision_boundary, plot_history
from .seed import seed_everything
from .train import accuracy, evaluate, fit

__version__ = "0.1.0"

__all__ = [
    "MNIST",
    "DeviceError",
    "MNISTDataError",
    "Table",
    "accuracy",
    "evaluate",
    "fit",
    "get_device",
    "iterate_batches",
    "load_mnist",
    "plot_decision_boundary",
    "plot_history",
    "seed_everything",
    "show_source",
]
