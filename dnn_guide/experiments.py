"""Every experiment of the course at its original settings, runnable by id (pages, reproduce, bench).

An :class:`Experiment` is one network trained one way: the XOR networks of 08_1-08_3, the hand-written
backpropagation of 08_4, the MNIST networks of 09_1-09_7, and for 08_4 and each 09_x the original
notebook's code *as written* (id ``<id>_as_written``), bugs included. :data:`EXPERIMENTS` is the one
registry, in the course's order; :func:`run_experiment` runs any of them once and returns its
:class:`~dnn_guide.records.RunRecord`.

(A *lab* is a page of the site, which may show several experiments: lab 9-6's page shows 09_6 and
09_6_no_bn.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from enum import Enum

import torch
from torch import nn

from .backprop import forward, train_mnist
from .checks import check_positive_int, check_seed
from .data import MNIST
from .device import device_name
from .errors import InputError
from .models import mlp
from .records import RunRecord
from .seed import seed_everything
from .train import evaluate, fit
from .xor import XOR_X, XOR_Y, train_xor

__all__ = [
    "AS_WRITTEN",
    "EXPERIMENTS",
    "MNIST_EXPERIMENTS",
    "Experiment",
    "ExperimentKind",
    "build_model",
    "corrected_id",
    "get_experiment",
    "run_experiment",
    "test_set",
    "train_experiment",
]

#: Suffix of the experiment ids that run the original notebook's code as written, bugs included.
AS_WRITTEN = "_as_written"


class ExperimentKind(Enum):
    """What an experiment trains, which decides how it runs."""

    XOR = "xor"  #: a sigmoid network on the four XOR points (08_1-08_3), full batch, 10,001 SGD steps
    BACKPROP = "backprop"  #: 784-30-10 on MNIST with backpropagation written out by hand (08_4)
    MNIST = "mnist"  #: an :func:`~dnn_guide.mlp` on MNIST with Adam and cross-entropy (09_x)


@dataclass(frozen=True)
class Experiment:
    """One experiment of the original course: its model, its training settings and what it printed.

    Attributes:
        id: e.g. ``"08_2"``, ``"09_4"`` or ``"09_4_as_written"``.
        title: the model in words.
        kind: what it trains (:class:`ExperimentKind`).
        sizes: layer widths, input first.
        activation, init, dropout, batch_norm: the :func:`~dnn_guide.mlp` settings (MNIST experiments).
        lr, batch_size, epochs: the learning rate, rows per step and passes over the data (None: the XOR
            and backprop experiments count steps, 10,001 and 10,000).
        original_accuracy: what the original notebook printed at the end (None: nothing printed).
        original_cost: the mean training cost of the last epoch that the original notebook printed
            (``avg_cost``; None: not printed that way, as in 9-6 and the XOR and backprop labs).
        test_scale: 255 for the original's ``mnist_test.test_data.float()``, pixels left at 0-255.
        test_rows: evaluate on the first rows only (9-6's ``drop_last`` test loader; 8-4's first 1,000).
    """

    id: str
    title: str
    kind: ExperimentKind
    sizes: tuple[int, ...]
    activation: str = "relu"
    init: str = "default"
    dropout: float = 0.0
    batch_norm: bool = False
    lr: float = 1e-3
    batch_size: int = 100
    epochs: int | None = 15
    original_accuracy: float | None = None
    original_cost: float | None = None
    test_scale: int = 1
    test_rows: int | None = None

    @property
    def as_written(self) -> bool:
        """Whether this runs the original notebook's code as written."""
        return self.id.endswith(AS_WRITTEN)


def _mnist(id: str, title: str, sizes: tuple[int, ...], **settings) -> Experiment:
    return Experiment(id, title, ExperimentKind.MNIST, sizes, **settings)


def _as_written(experiment: Experiment, **changes) -> Experiment:
    return replace(experiment, id=experiment.id + AS_WRITTEN, **changes)


#: The corrected MNIST experiments, keyed by the original notebooks' numbering (Adam, cross-entropy).
#: They test on images scaled to 0-1 like the training images; 09_4 has the 10 outputs its five layers
#: were meant to give, and 09_7 is finished with LeCun init and AlphaDropout.
_CORRECTED = {
    experiment.id: experiment
    for experiment in [
        _mnist("09_1", "softmax 784-10", (784, 10), init="normal", original_accuracy=0.8944, original_cost=0.396514893),
        _mnist(
            "09_2",
            "MLP 784-256-256-10",
            (784, 256, 256, 10),
            init="normal",
            original_accuracy=0.9423,
            original_cost=0.751341939,
        ),
        _mnist(
            "09_3",
            "MLP + Xavier init",
            (784, 256, 256, 10),
            init="xavier",
            original_accuracy=0.9805,
            original_cost=0.006201488,
        ),
        _mnist(
            "09_4",
            "deep 784-512x4-10",
            (784, 512, 512, 512, 512, 10),
            init="xavier",
            original_accuracy=0.9819,
            original_cost=0.008151450,
        ),
        _mnist(
            "09_5",
            "deep + dropout 0.3",
            (784, 512, 512, 512, 512, 10),
            init="xavier",
            dropout=0.3,
            original_accuracy=0.9772,
            original_cost=0.044633854,
        ),
        _mnist(
            "09_6",
            "784-32-32-10 + batch norm",
            (784, 32, 32, 10),
            batch_norm=True,
            lr=0.01,
            batch_size=32,
            epochs=10,
            original_accuracy=0.97,
        ),
        _mnist(
            "09_6_no_bn",
            "784-32-32-10 without batch norm",
            (784, 32, 32, 10),
            lr=0.01,
            batch_size=32,
            epochs=10,
            original_accuracy=0.96,
        ),
        _mnist(
            "09_7",
            "deep SELU + LeCun init + AlphaDropout",
            (784, 512, 512, 512, 512, 10),
            activation="selu",
            init="lecun",
            dropout=0.1,
            original_accuracy=0.8196,
            original_cost=0.054599971,
        ),
    ]
}

#: The original notebooks' code as written (checked against deeplearningzerotoall/PyTorch): test
#: images at 0-255 in 09_1-09_5 and 09_7; 09_4's model is Sequential(linear1, relu, linear2, relu,
#: linear3), 512 outputs; 09_7 uses Xavier init and no dropout; 09_6 tests through a DataLoader with
#: ToTensor (scaled) and drop_last=True, so on the first 10,000 // 32 * 32 = 9,984 test images.
_AS_WRITTEN = [
    _as_written(_CORRECTED["09_1"], test_scale=255),
    _as_written(_CORRECTED["09_2"], test_scale=255),
    _as_written(_CORRECTED["09_3"], test_scale=255),
    _as_written(_CORRECTED["09_4"], title="784-512-512-512 (512 outputs)", sizes=(784, 512, 512, 512), test_scale=255),
    _as_written(_CORRECTED["09_5"], test_scale=255),
    _as_written(_CORRECTED["09_6"], test_rows=9984),
    _as_written(_CORRECTED["09_6_no_bn"], test_rows=9984),
    _as_written(
        _CORRECTED["09_7"], title="deep SELU + Xavier init, no dropout", init="xavier", dropout=0.0, test_scale=255
    ),
]
#: The MNIST experiments 09_x, corrected then as written (what ``dnn-guide bench`` and the pages build).
MNIST_EXPERIMENTS = {**_CORRECTED, **{experiment.id: experiment for experiment in _AS_WRITTEN}}


def _xor(id: str, sizes: tuple[int, ...], original_accuracy: float) -> Experiment:
    title = f"XOR {'-'.join(map(str, sizes))}"
    return Experiment(
        id, title, ExperimentKind.XOR, sizes, lr=1.0, batch_size=4, epochs=None, original_accuracy=original_accuracy
    )


#: 08_4, backpropagation by hand: corrected, and as written (bias step by the batch mean, test at 0-255
#: on the first 1,000 test images). The original printed 920 of those 1,000 correct.
_BACKPROP = Experiment(
    "08_4", "manual backprop 784-30-10", ExperimentKind.BACKPROP, (784, 30, 10), lr=0.5, batch_size=10, epochs=None,
    original_accuracy=0.92,
)  # fmt: skip

#: Every experiment, in the course's order: what ``dnn-guide reproduce --experiments all`` runs. The
#: XOR experiments: lab 08_1's perceptron, 08_2's 2-2-1 and 08_3's wide and deep net; the original
#: notebooks printed the accuracy on the four points.
EXPERIMENTS = {
    experiment.id: experiment
    for experiment in [
        _xor("08_1", (2, 1), 0.5),
        _xor("08_2", (2, 2, 1), 1.0),
        _xor("08_3", (2, 10, 10, 10, 1), 1.0),
        _BACKPROP,
        _as_written(_BACKPROP, title=_BACKPROP.title + ", bias step: batch mean", test_scale=255, test_rows=1000),
        *MNIST_EXPERIMENTS.values(),
    ]
}


def corrected_id(id: str) -> str:
    """The corrected experiment id of an as-written one (``"09_4_as_written"`` → ``"09_4"``); others unchanged."""
    return id.removesuffix(AS_WRITTEN)


def get_experiment(id: str, kinds: tuple[ExperimentKind, ...] = tuple(ExperimentKind)) -> Experiment:
    """The experiment ``id`` of :data:`EXPERIMENTS`, of one of ``kinds``.

    Raises:
        InputError: an unknown id, or one of another kind, naming the ids to choose from.
    """
    experiment = EXPERIMENTS.get(id)
    if experiment is None or experiment.kind not in kinds:
        choices = [key for key, known in EXPERIMENTS.items() if known.kind in kinds]
        raise InputError(f"unknown experiment {id!r}: choose one of {', '.join(choices)}")
    return experiment


def build_model(id: str) -> nn.Sequential:
    """The MNIST experiment's model, freshly initialised (seed first for a reproducible start)."""
    experiment = get_experiment(id, (ExperimentKind.MNIST,))
    return mlp(
        list(experiment.sizes),
        activation=experiment.activation,
        init=experiment.init,
        dropout=experiment.dropout,
        batch_norm=experiment.batch_norm,
    )


def test_set(id: str, data: MNIST) -> tuple[torch.Tensor, torch.Tensor]:
    """The test images and labels as the experiment's code feeds them (its ``test_scale`` and ``test_rows``)."""
    experiment = get_experiment(id, (ExperimentKind.MNIST,))
    rows = slice(None, experiment.test_rows)
    return data.X_test[rows] * experiment.test_scale, data.y_test[rows]


test_set.__test__ = False  # not a pytest test, though its name starts with "test"


def train_experiment(id: str, data: MNIST, *, seed: int = 1, epochs: int | None = None, progress: bool = False) -> dict:
    """Train one MNIST experiment from scratch on ``data`` and evaluate it on the test set as its code does.

    Returns:
        ``model``, ``history`` (per epoch, with test loss/accuracy as ``val_*``), ``test_accuracy``,
        ``final_loss`` (last epoch's training loss), ``epochs`` and ``seconds`` (training time).
    """
    experiment = get_experiment(id, (ExperimentKind.MNIST,))
    X_test, y_test = test_set(id, data)
    epochs = experiment.epochs if epochs is None else epochs
    generator = seed_everything(seed)
    model = build_model(id).to(data.X_train.device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=experiment.lr)
    start = time.perf_counter()
    history = fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=loss_fn,
        optimizer=optimizer,
        epochs=epochs,
        batch_size=experiment.batch_size,
        valid=(X_test, y_test),
        generator=generator,
        drop_last=True,
        progress=progress,
    )
    seconds = time.perf_counter() - start
    test = evaluate(model, X_test, y_test, loss_fn)
    return {
        "model": model,
        "history": history,
        "test_accuracy": test["accuracy"],
        "final_loss": history[-1]["loss"],
        "epochs": epochs,
        "seconds": seconds,
    }


def _run_xor(experiment: Experiment, seed: int, start: float) -> dict:
    model, losses = train_xor(list(experiment.sizes), seed=seed)
    with torch.no_grad():
        accuracy = ((model(XOR_X) >= 0.5).float() == XOR_Y).float().mean().item()
    return dict(
        test_accuracy=accuracy,
        final_loss=losses[-1],
        steps=len(losses),
        epochs=None,
        seconds=time.perf_counter() - start,
        original_accuracy=experiment.original_accuracy,
    )


def _run_backprop(experiment: Experiment, seed: int, data: MNIST, epochs: int | None, start: float) -> dict:
    steps = 10_000 if epochs is None else epochs * len(data.X_train) // experiment.batch_size
    if steps < 1:
        raise InputError(
            f"run_experiment: {experiment.id} with epochs={epochs} on {len(data.X_train)} training images is no "
            f"step of batch {experiment.batch_size}: pass more data or more epochs"
        )
    params, history = train_mnist(data, seed=seed, steps=steps, as_written=experiment.as_written)
    seconds = time.perf_counter() - start

    def accuracy(scale: int, rows: int) -> float:
        X, y = data.X_test[:rows] * scale, data.y_test[:rows]
        return (forward(params, X)["y_pred"].argmax(1) == y).float().mean().item()

    n_test = len(data.X_test)
    rows = min(experiment.test_rows or n_test, n_test)
    if experiment.as_written:  # its test rows at its test scale (1,000 at 0-255); and the same net tested correctly
        scores = {"test_accuracy": accuracy(experiment.test_scale, rows), "test_accuracy_scaled": accuracy(1, n_test)}
    else:  # every test image, scaled; and the same net on images left at 0-255
        scores = {"test_accuracy": accuracy(1, n_test), "test_accuracy_unscaled": accuracy(255, n_test)}
    return dict(
        **scores,
        test_rows=rows,
        final_loss=history[-1]["loss"],
        steps=steps,
        epochs=None,
        seconds=seconds,
        original_accuracy=experiment.original_accuracy,
    )


def _run_mnist(experiment: Experiment, seed: int, data: MNIST, epochs: int | None) -> dict:
    run = train_experiment(experiment.id, data, seed=seed, epochs=epochs)
    # The 0-255 bug, measured both ways on the same trained model.
    loss_fn, model = nn.CrossEntropyLoss(), run["model"]
    if experiment.test_scale == 255:  # as written: what a correctly scaled test set would have shown
        extra = {"test_accuracy_scaled": evaluate(model, data.X_test, data.y_test, loss_fn)["accuracy"]}
    elif not experiment.as_written:  # corrected: what the original's 0-255 test images would show
        extra = {"test_accuracy_unscaled": evaluate(model, data.X_test * 255, data.y_test, loss_fn)["accuracy"]}
    else:
        extra = {}
    return dict(
        test_accuracy=run["test_accuracy"],
        test_rows=len(data.y_test[: experiment.test_rows]),  # as test_set() feeds them
        **extra,
        final_loss=run["final_loss"],
        epochs=run["epochs"],
        batch_size=experiment.batch_size,
        lr=experiment.lr,
        seconds=run["seconds"],
        original_accuracy=experiment.original_accuracy,
    )


def run_experiment(id: str, seed: int, *, data: MNIST | None = None, epochs: int | None = None) -> RunRecord:
    """Run one experiment of :data:`EXPERIMENTS` once; return its record (the results page names the fields).

    Args:
        id: an experiment id, e.g. ``"08_2"``, ``"09_4"`` or ``"09_4_as_written"``.
        seed: the run's seed.
        data: MNIST for every experiment but the XOR ones (``load_mnist(...)``).
        epochs: override the experiment's epochs (quick runs; 08_4: ``epochs * n_train // 10`` steps;
            XOR: ignored).

    Raises:
        InputError: an unknown id, a missing ``data``, or a seed or epochs that are not valid.
    """
    experiment = get_experiment(id)
    check_seed(seed, "run_experiment")
    if epochs is not None:
        check_positive_int(epochs, "epochs", "run_experiment")
    start = time.perf_counter()
    context = dict(experiment=id, seed=seed, title=experiment.title, threads=torch.get_num_threads())
    if experiment.kind is ExperimentKind.XOR:
        results = _run_xor(experiment, seed, start)
        device = device_name(torch.device("cpu"))
        return RunRecord(**context, data="xor", n_train=len(XOR_X), device=device, results=results)
    if not isinstance(data, MNIST):
        raise InputError(f"experiment {id} needs MNIST: pass data=load_mnist(...)")
    if experiment.kind is ExperimentKind.BACKPROP:
        results = _run_backprop(experiment, seed, data, epochs, start)
    else:
        results = _run_mnist(experiment, seed, data, epochs)
    device = device_name(data.X_train.device)
    return RunRecord(**context, data=data.kind, n_train=len(data.X_train), device=device, results=results)
