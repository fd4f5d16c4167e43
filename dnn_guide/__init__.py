"""dnn_guide: the small, tested library behind the dnn-guide course pages (Part 2, DNN)."""

from .data import MNIST, iterate_batches, load_mnist
from .device import get_device
from .display import Table, show_source
from .errors import DeviceError, DnnGuideError, InputError, MNISTDataError, TrainingError
from .metrics import accuracy, confusion_matrix
from .models import activation_stats, eval_mode, init_weights, layer_grad_norms, mlp
from .plot import plot_confusion_matrix, plot_decision_boundary, plot_history, plot_predictions
from .seed import seed_everything
from .train import evaluate, fit, predict

__version__ = "0.1.0"

__all__ = [
    "MNIST",
    "DeviceError",
    "DnnGuideError",
    "InputError",
    "MNISTDataError",
    "Table",
    "TrainingError",
    "accuracy",
    "activation_stats",
    "confusion_matrix",
    "eval_mode",
    "evaluate",
    "fit",
    "get_device",
    "init_weights",
    "iterate_batches",
    "layer_grad_norms",
    "load_mnist",
    "mlp",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_history",
    "plot_predictions",
    "predict",
    "seed_everything",
    "show_source",
]
