"""The mistakes a beginner makes, fed to every public function and CLI command of ``dnn_guide``.

Each case must end in one of the package's errors (or the CLI's exit status 2 with one line) whose
message names the problem and its fix, or, where a right answer exists, in that answer. None may pass
silently or hang: every case runs under a time limit.

``python tests/unit/test_bad_inputs.py`` runs the battery outside pytest and prints how each case ends:

- ``clear``: the expected error of ``dnn_guide`` naming the problem (or the right result);
- ``unhelpful``: an error raised by ``dnn_guide`` whose message misses the problem or its fix;
- ``deep``: an error from inside torch, numpy or the standard library, or a CLI traceback;
- ``silent``: no error, and a wrong result;
- ``hang``: still running at the time limit.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import io
import linecache
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

import dnn_guide
from dnn_guide import backprop, xor
from dnn_guide import data as data_module

PACKAGE = Path(dnn_guide.__file__).resolve().parent
ROOT = PACKAGE.parent


class HangError(Exception):
    """A case ran past its time limit."""


@dataclass
class Case:
    """One mistake: ``call`` makes it; ``expect`` is the error class's name in ``dnn_guide`` (or
    ``"exit2"`` for the CLI), and ``match`` a regex its message must contain; or ``expect="result"``
    and ``check`` says whether the returned value is right."""

    name: str
    call: Callable[[], object]
    expect: str
    match: str = ""
    check: Callable[[object], bool] | None = None
    timeout: int = 60


CASES: list[Case] = []


def case(name: str, expect: str, match: str = "", *, check=None, timeout: int = 60):
    def register(call):
        CASES.append(Case(name, call, expect, match, check, timeout))
        return call

    return register


# --- shared inputs -----------------------------------------------------------------------------

g = torch.Generator().manual_seed(0)
X = torch.rand(64, 784, generator=g)
y = torch.randint(0, 10, (64,), generator=g)
Xb = torch.rand(32, 2, generator=g)
yb = (Xb.sum(1) > 1).float().unsqueeze(1)  # binary targets, shaped like a sigmoid model's output


def net(outputs: int = 10) -> nn.Module:
    torch.manual_seed(0)
    return dnn_guide.mlp([784, 16, outputs])


def train(model=None, X_=None, y_=None, **kwargs):
    model = net() if model is None else model
    args = dict(loss_fn=nn.CrossEntropyLoss(), epochs=1, batch_size=16, progress=False)
    args.update(kwargs)
    if "optimizer" not in args:
        args["optimizer"] = torch.optim.SGD(model.parameters(), lr=0.1)
    return dnn_guide.fit(model, X if X_ is None else X_, y if y_ is None else y_, **args)


def binary_net(sigmoid: bool = True) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(2, 1), nn.Sigmoid()) if sigmoid else nn.Linear(2, 1)


def with_nan(tensor: torch.Tensor, value=float("nan")) -> torch.Tensor:
    tensor = tensor.clone()
    tensor[3, 5] = value
    return tensor


def one_hot(labels: torch.Tensor) -> torch.Tensor:
    return F.one_hot(labels, 10).float()


@functools.cache
def _sample() -> dnn_guide.MNIST:
    return dnn_guide.load_mnist("sample")


def small_mnist(rows: int = 100) -> dnn_guide.MNIST:
    full = _sample()
    return dnn_guide.MNIST(full.X_train[:rows], full.y_train[:rows], full.X_test[:50], full.y_test[:50], "sample")


def make_sample_fn():
    return getattr(data_module, "make_sample", None) or __import__("dnn_guide.cli").cli.make_sample


def stratified_fn():
    return getattr(data_module, "stratified_indices", None) or __import__("dnn_guide.cli").cli.stratified_indices


@contextlib.contextmanager
def sample_copy():
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "mnist"
        shutil.copytree(data_module.SAMPLE_DIR, folder)
        yield folder


def cli(*argv: str):
    """Run ``dnn-guide argv`` in this process; SystemExit and the printed error come back as they are."""
    from dnn_guide.cli import main

    err, out = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(list(argv))
    except SystemExit as exit_:
        exit_.stderr = err.getvalue()
        raise
    return code, out.getvalue(), err.getvalue()


# --- fit ---------------------------------------------------------------------------------------


@case("fit: images not flattened [N,28,28]", "InputError", r"X\.view\(-1, 784\)")
def _():
    return train(X_=X.view(-1, 28, 28))


@case("fit: images [N,1,28,28]", "InputError", r"X\.view\(-1, 784\)")
def _():
    return train(X_=X.view(-1, 1, 28, 28))


@case("fit: uint8 pixels", "InputError", r"uint8.*\.float\(\)")
def _():
    return train(X_=(X * 255).to(torch.uint8))


@case("fit: float64 pixels", "InputError", r"float64.*\.float\(\)")
def _():
    return train(X_=X.double())


@case("fit: numpy images", "InputError", r"numpy.*torch\.as_tensor")
def _():
    return train(X_=X.numpy())


@case("fit: numpy labels", "InputError", r"numpy.*torch\.as_tensor")
def _():
    return train(y_=y.numpy())


@case("fit: a list of labels", "InputError", r"list.*torch\.(as_)?tensor")
def _():
    return train(y_=y.tolist())


@case("fit: float labels", "InputError", r"float32.*\.long\(\)")
def _():
    return train(y_=y.float())


@case("fit: int32 labels", "InputError", r"int32.*\.long\(\)")
def _():
    return train(y_=y.int())


@case("fit: one-hot labels", "InputError", r"one-hot.*y\.argmax\(1\)")
def _():
    return train(y_=one_hot(y))


@case("fit: one-hot int64 labels", "InputError", r"one-hot.*y\.argmax\(1\)")
def _():
    return train(y_=F.one_hot(y, 10))


@case("fit: a label column [N,1]", "InputError", r"y\.squeeze\(1\)|y\.view\(-1\)")
def _():
    return train(y_=y.view(-1, 1))


@case("fit: label 10 for 10 outputs", "InputError", r"label 10.*10 outputs")
def _():
    return train(y_=torch.where(y == 3, 10, y))


@case("fit: negative label", "InputError", r"label -1")
def _():
    return train(y_=torch.where(y == 3, -1, y))


@case("fit: loss class, not an instance", "InputError", r"nn\.CrossEntropyLoss\(\)")
def _():
    return train(loss_fn=nn.CrossEntropyLoss)


@case("fit: loss given as a string", "InputError", r"loss_fn.*nn\.CrossEntropyLoss\(\)")
def _():
    return train(loss_fn="cross_entropy")


@case("fit: optimizer class, not an instance", "InputError", r"torch\.optim\.SGD\(model\.parameters\(\)")
def _():
    return train(optimizer=torch.optim.SGD)


@case("fit: optimizer built on another model", "InputError", r"optimizer.*model\.parameters\(\)")
def _():
    return train(model=net(), optimizer=torch.optim.SGD(net().parameters(), lr=0.1))


@case("fit: a NaN pixel", "InputError", r"X holds 1 NaN")
def _():
    return train(X_=with_nan(X))


@case("fit: an inf pixel", "InputError", r"X holds 1 .*inf")
def _():
    return train(X_=with_nan(X, float("inf")))


@case("fit: NaN in the validation images", "InputError", r"valid.*NaN")
def _():
    return train(valid=(with_nan(X), y))


@case("fit: one-hot validation labels", "InputError", r"valid.*y\.argmax\(1\)")
def _():
    return train(valid=(X, one_hot(y)))


@case("fit: valid is not an (X, y) pair", "InputError", r"valid.*\(X, y\)")
def _():
    return train(valid=X)


@case("fit: drop_last leaves no batch", "InputError", r"drop_last.*no batch")
def _():
    return train(batch_size=100, drop_last=True)


@case("fit: epochs=0", "InputError", r"epochs must be a positive int")
def _():
    return train(epochs=0)


@case("fit: epochs=-1", "InputError", r"epochs must be a positive int")
def _():
    return train(epochs=-1)


@case("fit: epochs=2.0", "InputError", r"epochs must be a positive int")
def _():
    return train(epochs=2.0)


@case("fit: batch_size=0", "InputError", r"batch_size must be a positive int")
def _():
    return train(batch_size=0)


@case("fit: batch_size=16.0", "InputError", r"batch_size must be a positive int")
def _():
    return train(batch_size=16.0)


@case("fit: model on another device", "InputError", r"device.*\.to\(")
def _():
    return train(model=net().to("meta"))


@case("fit: no rows", "InputError", r"no rows")
def _():
    return train(X_=X[:0], y_=y[:0])


@case("fit: X and y lengths differ", "InputError", r"X has 64 rows but y has 10")
def _():
    return train(y_=y[:10])


@case("fit: 100 features for a 784-input model", "InputError", r"100 features.*784")
def _():
    return train(X_=X[:, :100])


@case("fit: CrossEntropyLoss on a one-output model", "InputError", r"one output.*BCE")
def _():
    return train(model=net(1), y_=(y > 4).long())


@case("fit: BCELoss with int64 targets", "InputError", r"BCELoss.*\.float\(\)")
def _():
    model = binary_net()
    return train(model, Xb, yb.long(), loss_fn=nn.BCELoss(), optimizer=torch.optim.SGD(model.parameters(), lr=1))


@case("fit: BCELoss with targets [N] for outputs [N,1]", "InputError", r"y\.view\(-1, 1\)|y\.unsqueeze\(1\)")
def _():
    model = binary_net()
    return train(model, Xb, yb.squeeze(1), loss_fn=nn.BCELoss(), optimizer=torch.optim.SGD(model.parameters(), lr=1))


@case("fit: BCELoss on a model without a sigmoid", "InputError", r"nn\.Sigmoid\(\)|BCEWithLogitsLoss")
def _():
    model = binary_net(sigmoid=False)
    with torch.no_grad():
        model.bias.fill_(3.0)  # outputs above 1: not probabilities
    return train(model, Xb, yb, loss_fn=nn.BCELoss(), optimizer=torch.optim.SGD(model.parameters(), lr=1))


@case("fit: the model class, not an instance", "InputError", r"model.*instance")
def _():
    return train(model=nn.Linear, optimizer=torch.optim.SGD(net().parameters(), lr=0.1))


@case("fit: weights already NaN", "InputError", r"NaN.*weights|weights.*NaN")
def _():
    model = net()
    with torch.no_grad():
        model[0].weight.fill_(float("nan"))
    return train(model=model)


@case("fit: generator is a seed number", "InputError", r"generator.*torch\.Generator|seed_everything")
def _():
    return train(generator=0)


# --- evaluate, accuracy, predict, confusion_matrix ----------------------------------------------


def evaluate(X_=X, y_=y, loss_fn=None, **kwargs):
    return dnn_guide.evaluate(net(), X_, y_, nn.CrossEntropyLoss() if loss_fn is None else loss_fn, **kwargs)


@case("evaluate: images not flattened", "InputError", r"X\.view\(-1, 784\)")
def _():
    return evaluate(X.view(-1, 28, 28))


@case("evaluate: one-hot labels", "InputError", r"y\.argmax\(1\)")
def _():
    return evaluate(y_=one_hot(y))


@case("evaluate: a label column", "InputError", r"y\.squeeze\(1\)|y\.view\(-1\)")
def _():
    return evaluate(y_=y.view(-1, 1))


@case("evaluate: a NaN pixel", "InputError", r"X holds 1 NaN")
def _():
    return evaluate(with_nan(X))


@case("evaluate: a model whose weights are NaN", "InputError", r"NaN")
def _():
    model = net()
    with torch.no_grad():
        model[2].bias.fill_(float("nan"))
    return dnn_guide.evaluate(model, X, y, nn.CrossEntropyLoss())


@case("evaluate: loss class", "InputError", r"nn\.CrossEntropyLoss\(\)")
def _():
    return evaluate(loss_fn=nn.CrossEntropyLoss)


@case("evaluate: batch_size=0", "InputError", r"batch_size must be a positive int")
def _():
    return evaluate(batch_size=0)


@case("evaluate: numpy images", "InputError", r"torch\.as_tensor")
def _():
    return evaluate(X.numpy())


@case("evaluate: model on another device", "InputError", r"device.*\.to\(")
def _():
    return dnn_guide.evaluate(net().to("meta"), X, y, nn.CrossEntropyLoss())


@case("evaluate: label 12 of 10 outputs", "InputError", r"label 12")
def _():
    return evaluate(y_=torch.where(y == 3, 12, y))


@case("evaluate: float64 images", "InputError", r"\.float\(\)")
def _():
    return evaluate(X.double())


scores = torch.randn(64, 10, generator=g)


@case("accuracy: one-hot labels", "InputError", r"y\.argmax\(1\)")
def _():
    return dnn_guide.accuracy(scores, one_hot(y))


@case("accuracy: a label column", "InputError", r"y\.squeeze\(1\)|y\.view\(-1\)")
def _():
    return dnn_guide.accuracy(scores, y.view(-1, 1))


@case("accuracy: fewer labels than outputs", "InputError", r"64 rows.*32")
def _():
    return dnn_guide.accuracy(scores, y[:32])


@case("accuracy: no rows", "InputError", r"no rows")
def _():
    return dnn_guide.accuracy(scores[:0], y[:0])


@case("accuracy: logits of one output read as probabilities", "InputError", r"sigmoid")
def _():
    return dnn_guide.accuracy(torch.tensor([[-2.0], [3.0], [0.2]]), torch.tensor([0.0, 1.0, 1.0]))


@case("accuracy: NaN outputs", "InputError", r"NaN")
def _():
    return dnn_guide.accuracy(with_nan(scores), y)


@case("accuracy: label 10 of 10 classes", "InputError", r"label 10")
def _():
    return dnn_guide.accuracy(scores, torch.where(y == 3, 10, y))


@case("accuracy: numpy labels", "InputError", r"torch\.as_tensor")
def _():
    return dnn_guide.accuracy(scores, y.numpy())


@case("accuracy: outputs of shape [N,1,10]", "InputError", r"shape")
def _():
    return dnn_guide.accuracy(scores.unsqueeze(1), y)


@case("accuracy: binary labels other than 0/1", "InputError", r"0.*1")
def _():
    return dnn_guide.accuracy(torch.tensor([[0.9], [0.2]]), torch.tensor([2.0, 0.0]))


def _predicted_like(result) -> bool:
    predicted, expected = result
    return predicted.dtype == torch.int64 and predicted.tolist() == expected.tolist() and 0 < expected.sum() < 32


@case("predict: a one-output sigmoid model gives 0/1 classes", "result", check=_predicted_like)
def _():
    model = binary_net()
    with torch.no_grad():
        model[0].bias.fill_(-0.2)  # some points on each side of 0.5
        expected = (model(Xb) >= 0.5).long().reshape(-1)
    return dnn_guide.predict(model, Xb), expected


@case("predict: images not flattened", "InputError", r"X\.view\(-1, 784\)")
def _():
    return dnn_guide.predict(net(), X.view(-1, 28, 28))


@case("predict: numpy images", "InputError", r"torch\.as_tensor")
def _():
    return dnn_guide.predict(net(), X.numpy())


@case("predict: batch_size=0", "InputError", r"batch_size must be a positive int")
def _():
    return dnn_guide.predict(net(), X, batch_size=0)


@case("predict: uint8 images", "InputError", r"\.float\(\)")
def _():
    return dnn_guide.predict(net(), (X * 255).to(torch.uint8))


@case("predict: one-output model without a sigmoid", "InputError", r"sigmoid")
def _():
    model = binary_net(sigmoid=False)
    with torch.no_grad():
        model.bias.fill_(3.0)
    return dnn_guide.predict(model, Xb)


@case("predict: model on another device", "InputError", r"device.*\.to\(")
def _():
    return dnn_guide.predict(net().to("meta"), X)


@case("confusion_matrix: label 10 with num_classes=10", "InputError", r"10.*num_classes")
def _():
    return dnn_guide.confusion_matrix(torch.tensor([0, 10]), torch.tensor([0, 1]))


@case("confusion_matrix: a negative label", "InputError", r"-1")
def _():
    return dnn_guide.confusion_matrix(torch.tensor([0, -1]), torch.tensor([0, 1]))


@case("confusion_matrix: scores instead of predicted classes", "InputError", r"argmax\(1\)|predict")
def _():
    return dnn_guide.confusion_matrix(y, scores)


@case("confusion_matrix: fractional labels", "InputError", r"\.long\(\)|whole")
def _():
    return dnn_guide.confusion_matrix(torch.tensor([0.5, 1.0]), torch.tensor([0, 1]))


@case("confusion_matrix: num_classes=0", "InputError", r"num_classes")
def _():
    return dnn_guide.confusion_matrix(y, y, num_classes=0)


@case("confusion_matrix: numpy labels", "InputError", r"torch\.as_tensor")
def _():
    return dnn_guide.confusion_matrix(y.numpy(), y)


@case("iterate_batches: batch_size=0", "InputError", r"batch_size must be a positive int")
def _():
    return next(dnn_guide.iterate_batches(X, y, 0))


@case("iterate_batches: numpy arrays", "InputError", r"torch\.as_tensor")
def _():
    return next(dnn_guide.iterate_batches(X.numpy(), y.numpy(), 8))


@case("iterate_batches: lengths differ", "InputError", r"same length|rows")
def _():
    return next(dnn_guide.iterate_batches(X, y[:3], 8))


# --- data ---------------------------------------------------------------------------------------


@case("load_mnist: labels outside 0-9", "MNISTDataError", r"label.*0.9")
def _():
    with sample_copy() as folder:
        path = folder / "t10k-labels-idx1-ubyte.gz"
        labels = data_module.read_idx(path).copy()
        labels[7] = 11
        data_module.write_idx(path, labels)
        return dnn_guide.load_mnist(folder)


@case("load_mnist: a corrupt .gz (bad bytes inside)", "MNISTDataError", r"corrupt.*delete")
def _():
    with sample_copy() as folder:
        path = folder / "train-images-idx3-ubyte.gz"
        raw = bytearray(path.read_bytes())
        raw[2000:2400] = bytes(400)  # zeros in the middle of the deflate stream
        path.write_bytes(bytes(raw))
        return dnn_guide.load_mnist(folder)


@case("load_mnist: a file without read permission", "MNISTDataError", r"permission denied.*chmod")
def _():
    with sample_copy() as folder:
        path = folder / "train-labels-idx1-ubyte.gz"
        if os.geteuid() != 0:
            path.chmod(0)
            return dnn_guide.load_mnist(folder)
        read_bytes = Path.read_bytes

        def denied(self):
            if self.name == path.name:
                raise PermissionError(13, "Permission denied", str(self))
            return read_bytes(self)

        with mock.patch.object(Path, "read_bytes", denied):
            return dnn_guide.load_mnist(folder)


@case("load_mnist: a folder where a file should be", "MNISTDataError", r"is a folder, not a file")
def _():
    return data_module.read_idx(data_module.SAMPLE_DIR)


@case("load_mnist: root is a file", "MNISTDataError", r"is a file.*folder")
def _():
    return dnn_guide.load_mnist(data_module.SAMPLE_DIR / "t10k-labels-idx1-ubyte.gz")


def _partial_cache_falls_back(result) -> bool:
    data, notice = result
    return data.is_sample and "cache" in notice and "delete" in notice


@case("load_mnist: a partial download cache, offline", "result", check=_partial_cache_falls_back)
def _():
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        raw = cache / "MNIST" / "raw"
        raw.mkdir(parents=True)
        source = data_module.SAMPLE_DIR / "train-images-idx3-ubyte.gz"
        (raw / "train-images-idx3-ubyte.gz").write_bytes(source.read_bytes()[:3000])  # cut off mid-download
        err = io.StringIO()
        with (
            mock.patch.object(data_module, "CACHE_DIR", cache),
            mock.patch.object(data_module, "_download", lambda folder: None),
            contextlib.redirect_stderr(err),
        ):
            data = dnn_guide.load_mnist()
        return data, err.getvalue()


@case("load_mnist: device='gpu'", "DeviceError", r"unknown device 'gpu'")
def _():
    return dnn_guide.load_mnist("sample", device="gpu")


@case("make_sample: n_train=0", "InputError", r"n_train.*positive")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return make_sample_fn()(data_module.SAMPLE_DIR, Path(tmp) / "out", n_train=0, n_test=10)


@case("make_sample: more images than the source has", "InputError", r"7000.*6000")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return make_sample_fn()(data_module.SAMPLE_DIR, Path(tmp) / "out", n_train=7000, n_test=10)


@case("make_sample: out is a file", "InputError", r"not a folder|is a file")
def _():
    with tempfile.NamedTemporaryFile() as file:
        return make_sample_fn()(data_module.SAMPLE_DIR, Path(file.name), n_train=10, n_test=10)


@case("stratified_indices: n=-1", "InputError", r"n must be")
def _():
    return stratified_fn()(np.array([0, 1, 1]), -1, np.random.default_rng(0))


# --- backprop, xor, models ------------------------------------------------------------------------


@case("train_mnist: fewer rows than a batch", "InputError", r"batch", timeout=20)
def _():
    return backprop.train_mnist(small_mnist(5), steps=3, batch_size=10)


@case("train_mnist: steps=0", "InputError", r"steps must be a positive int")
def _():
    return backprop.train_mnist(small_mnist(), steps=0)


@case("train_mnist: eval_every=0", "InputError", r"eval_every must be a positive int")
def _():
    return backprop.train_mnist(small_mnist(), steps=3, eval_every=0)


@case("train_mnist: batch_size=0", "InputError", r"batch_size must be a positive int")
def _():
    return backprop.train_mnist(small_mnist(), steps=3, batch_size=0)


@case("train_mnist: unflattened images", "InputError", r"flatten")
def _():
    data = small_mnist()
    return backprop.train_mnist(
        dnn_guide.MNIST(data.X_train.view(-1, 1, 28, 28), data.y_train, data.X_test, data.y_test, "sample"), steps=3
    )


@case("train_xor: steps=0", "InputError", r"steps must be a positive int")
def _():
    return xor.train_xor([2, 1], steps=0)


@case("train_xor: 3 inputs for XOR's 2", "InputError", r"2 inputs")
def _():
    return xor.train_xor([3, 1], steps=2)


@case("train_xor_seeds: a seed that is not an int", "InputError", r"seed")
def _():
    return xor.train_xor_seeds([2, 1], [1.5], steps=2)


@case("mlp: a zero-width layer", "InputError", r"every layer size must be a positive int, got 0 at sizes\[1\]")
def _():
    return dnn_guide.mlp([784, 0, 10])


@case("mlp: unknown activation", "InputError", r"unknown activation 'Relu'")
def _():
    return dnn_guide.mlp([784, 10], activation="Relu")


@case("seed_everything: seed=-1", "InputError", r"non-negative int")
def _():
    return dnn_guide.seed_everything(-1)


@case("get_device: 'gpu'", "DeviceError", r"unknown device")
def _():
    return dnn_guide.get_device("gpu")


@case("plot_history: empty", "InputError", r"history is empty")
def _():
    return dnn_guide.plot_history([])


@case("plot_predictions: asks for more images than given", "InputError", r"asked for 12 images")
def _():
    return dnn_guide.plot_predictions(X[:3], y[:3], y[:3])


# --- experiments, records, bench ---------------------------------------------------------------


@case("run_experiment: unknown experiment", "InputError", r"unknown experiment '09_9'")
def _():
    from dnn_guide.experiments import run_experiment

    return run_experiment("09_9", 1)


@case("run_experiment: 08_4 without data", "InputError", r"needs MNIST")
def _():
    from dnn_guide.experiments import run_experiment

    return run_experiment("08_4", 1)


@case("run_experiment: 08_4 with epochs=0", "InputError", r"epochs must be a positive int")
def _():
    from dnn_guide.experiments import run_experiment

    return run_experiment("08_4", 1, data=small_mnist(), epochs=0)


@case("run_experiment: negative seed", "InputError", r"run_experiment: seed must be a non-negative int")
def _():
    from dnn_guide.experiments import run_experiment

    return run_experiment("08_1", -1)


@case("build_model: an XOR experiment", "InputError", r"unknown experiment '08_1': choose one of 09_1")
def _():
    from dnn_guide.experiments import build_model

    return build_model("08_1")


@case("bench_lab: unknown experiment", "InputError", r"unknown experiment '08_2'")
def _():
    from dnn_guide.bench import bench_lab

    return bench_lab("08_2", small_mnist(200))


@case("bench_lab: epochs=0", "InputError", r"epochs must be a positive int")
def _():
    from dnn_guide.bench import bench_lab

    return bench_lab("09_1", small_mnist(200), epochs=0)


@case("write_record: out is a file", "InputError", r"not a folder|is a file")
def _():
    from dnn_guide.records import RunRecord, write_record

    record = RunRecord("08_1", 1, "xor", 4, "CPU test", 2, {"test_accuracy": 0.5})
    with tempfile.NamedTemporaryFile() as file:
        return write_record(record, Path(file.name), commit="x")


@case(
    "git_commit: package unpacked inside another repository",
    "result",
    check=lambda out: out == "unknown",
    timeout=120,
)
def _():
    with tempfile.TemporaryDirectory() as tmp:
        outer = Path(tmp) / "other-project"
        (outer / "unpacked").mkdir(parents=True)
        git = ["git", "-C", str(outer), "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run([*git, "init", "-q"], check=True)
        (outer / "README").write_text("another project\n")
        subprocess.run([*git, "add", "README"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "other"], check=True)
        shutil.copytree(PACKAGE, outer / "unpacked" / "dnn_guide", ignore=shutil.ignore_patterns("__pycache__"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env["PYTHONPATH"] = str(outer / "unpacked")
        run = subprocess.run(
            [sys.executable, "-c", "from dnn_guide.records import git_commit; print(git_commit())"],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=100,
        )
        if run.returncode:
            raise RuntimeError(run.stderr[-2000:])
        return run.stdout.strip()


# --- the CLI ------------------------------------------------------------------------------------


@case("cli make-sample --train 0", "exit2", r"--train.*positive")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("make-sample", str(data_module.SAMPLE_DIR), "--out", tmp, "--train", "0")


@case("cli make-sample --test -5", "exit2", r"--test.*positive")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("make-sample", str(data_module.SAMPLE_DIR), "--out", tmp, "--test", "-5")


@case("cli make-sample --train 100000", "exit2", r"100000.*6000")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("make-sample", str(data_module.SAMPLE_DIR), "--out", tmp, "--train", "100000")


@case("cli make-sample --out a file", "exit2", r"not a folder|is a file")
def _():
    with tempfile.NamedTemporaryFile() as file:
        return cli("make-sample", str(data_module.SAMPLE_DIR), "--out", file.name, "--train", "10", "--test", "10")


@case("cli make-sample --seed -1", "exit2", r"--seed.*non-negative")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("make-sample", str(data_module.SAMPLE_DIR), "--out", tmp, "--seed", "-1")


@case("cli reproduce --epochs 0", "exit2", r"--epochs.*positive")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("reproduce", "--labs", "09_1", "--seeds", "1", "--epochs", "0", "--data", "sample", "--out", tmp)


@case("cli reproduce --epochs -1", "exit2", r"--epochs.*positive")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("reproduce", "--labs", "08_1", "--seeds", "1", "--epochs", "-1", "--out", tmp)


@case("cli reproduce --seeds 1,,2", "exit2", r"--seeds.*1,2,3")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("reproduce", "--labs", "08_1", "--seeds", "1,,2", "--out", tmp)


@case("cli reproduce --seeds -1", "exit2", r"non-negative")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("reproduce", "--labs", "08_1", "--seeds", "-1", "--out", tmp)


@case("cli reproduce --out a file, refused before training", "exit2", r"--out.*not a folder", timeout=120)
def _():
    with tempfile.NamedTemporaryFile() as file:
        return cli("reproduce", "--labs", "08_1", "--seeds", "1", "--out", file.name)


@case("cli reproduce --out where nothing can be written", "exit2", r"--out.*cannot write", timeout=120)
def _():
    if not Path("/sys/kernel").is_dir():
        pytest.skip("needs Linux's read-only /sys")
    return cli("reproduce", "--labs", "08_1", "--seeds", "1", "--out", "/sys/dnn_guide_records")


@case("cli reproduce --labs ''", "exit2", r"lab")
def _():
    return cli("reproduce", "--labs", "")


@case("cli bench --epochs 0", "exit2", r"--epochs.*positive", timeout=120)
def _():
    with tempfile.TemporaryDirectory() as tmp:
        return cli("bench", "--labs", "09_1", "--data", "sample", "--device", "cpu", "--epochs", "0", "--out", tmp)


@case("cli bench --out a file, refused before timing", "exit2", r"--out.*not a folder", timeout=180)
def _():
    with tempfile.NamedTemporaryFile() as file:
        return cli("bench", "--labs", "09_1", "--data", "sample", "--device", "cpu", "--out", file.name)


@case("cli info --data a file", "exit2", r"is a file")
def _():
    return cli("info", "--data", str(data_module.SAMPLE_DIR / "t10k-labels-idx1-ubyte.gz"))


@case("cli info --device gpu", "exit2", r"unknown device 'gpu'")
def _():
    return cli("info", "--device", "gpu", "--data", "sample")


# --- moved from the subject test files (train, xor, models, seed, plot, data, diagrams) ---------------


def blobs(n: int = 200):
    gen = torch.Generator().manual_seed(0)
    X_ = torch.randn(n, 2, generator=gen)
    return X_, (X_[:, 0] + X_[:, 1] > 0).long()


def fit_blobs(n: int = 200, *, y_rows=None, model=None, **kwargs):
    X_, y_ = blobs(n)
    model = nn.Linear(2, 2) if model is None else model
    args = dict(loss_fn=nn.CrossEntropyLoss(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=1)
    args.update(progress=False, **kwargs)
    return dnn_guide.fit(model, X_, y_ if y_rows is None else y_[:y_rows], **args)


case("fit: X and y of different lengths", "InputError", "X has 200 rows but y has 10")(lambda: fit_blobs(y_rows=10))
case("fit: epochs=0", "InputError", "epochs must be a positive int")(lambda: fit_blobs(epochs=0))
case("fit: valid labels shorter than its X", "InputError", r"fit\(valid=...\)")(
    lambda: fit_blobs(valid=(blobs()[0], blobs()[1][:3]))
)
case(
    "fit: drop_last leaves no batch", "InputError", "drop_last=True with batch_size=100 leaves no batch of the 50 rows"
)(lambda: fit_blobs(50, batch_size=100, drop_last=True))
case(
    "fit: the loss class, not an instance",
    "InputError",
    r"loss_fn is the class nn\.CrossEntropyLoss.*nn\.CrossEntropyLoss\(\)",
)(lambda: fit_blobs(50, loss_fn=nn.CrossEntropyLoss))
case("fit: another model's optimizer", "InputError", "optimizer holds none of this model's parameters")(
    lambda: fit_blobs(50, optimizer=torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=1))
)
_scores, _labels = torch.randn(64, 10, generator=g), torch.randint(0, 10, (64,), generator=g)
case("accuracy: labels as a column", "InputError", r"y\.squeeze\(1\)")(
    lambda: dnn_guide.accuracy(_scores, _labels.view(-1, 1))
)
case("accuracy: one-hot labels", "InputError", r"one-hot.*y\.argmax\(1\)")(
    lambda: dnn_guide.accuracy(_scores, F.one_hot(_labels, 10).float())
)
case("accuracy: one column of logits", "InputError", "torch.sigmoid")(
    lambda: dnn_guide.accuracy(torch.tensor([[-2.0], [3.0]]), torch.tensor([0.0, 1.0]))
)
case("confusion_matrix: shapes differ", "InputError", "same shape")(
    lambda: dnn_guide.confusion_matrix(torch.zeros(3), torch.zeros(4))
)
case(
    "confusion_matrix: label out of range",
    "InputError",
    "y_true has label 3, outside 0-2 for num_classes=3.*num_classes=4",
)(lambda: dnn_guide.confusion_matrix(torch.tensor([0, 3]), torch.tensor([0, 1]), num_classes=3))
case("confusion_matrix: scores as predictions", "InputError", r"y_pred has shape \(2, 3\).*argmax\(1\)")(
    lambda: dnn_guide.confusion_matrix(torch.tensor([0, 1]), torch.randn(2, 3), num_classes=3)
)
case("sigmoid_mlp: one layer size", "InputError", r"at least 2 layers.*sizes=\[2, 2, 1\]")(lambda: xor.sigmoid_mlp([2]))
case("train_xor_seeds: no seeds", "InputError", "seeds is empty")(lambda: xor.train_xor_seeds([2, 2, 1], []))
case("train_xor: steps=0", "InputError", "steps must be a positive int")(lambda: xor.train_xor([2, 1], steps=0))
case("train_xor: three inputs", "InputError", "XOR has 2 inputs and 1 output")(lambda: xor.train_xor([3, 1]))
case("train_xor_seeds: a float seed", "InputError", "seed must be a non-negative int")(
    lambda: xor.train_xor_seeds([2, 1], [1, 2.5])
)
case("mlp: unknown activation", "InputError", "unknown activation 'relu6'")(
    lambda: dnn_guide.mlp([4, 2, 1], activation="relu6")
)
case("mlp: unknown init", "InputError", "unknown init 'glorot'.*xavier")(lambda: dnn_guide.mlp([4, 2], init="glorot"))
case("mlp: dropout=1.0", "InputError", r"dropout must be in \[0, 1\)")(lambda: dnn_guide.mlp([4, 2, 1], dropout=1.0))
for _bad in (-1, 1.5, "7", True):
    case(f"seed_everything({_bad!r})", "InputError", "seed must be")(functools.partial(dnn_guide.seed_everything, _bad))
case("plot_history: empty history", "InputError", "history is empty")(lambda: dnn_guide.plot_history([]))
case("plot_history: unknown metric", "InputError", "unknown metric")(
    lambda: dnn_guide.plot_history([{"epoch": 1, "loss": 1.0}], metrics=("f1",))
)
case("plot_decision_boundary: three inputs", "InputError", r"shape \(n, 2\)")(
    lambda: dnn_guide.plot_decision_boundary(nn.Linear(3, 1), torch.zeros(4, 3), torch.zeros(4))
)
case("plot_confusion_matrix: not square", "InputError", "square")(
    lambda: dnn_guide.plot_confusion_matrix(torch.zeros(2, 3))
)
case("plot_predictions: more images than given", "InputError", "asked for 12 images")(
    lambda: dnn_guide.plot_predictions(*(torch.rand(4, 784),) * 3)
)
case("iterate_batches: X and y of different lengths", "InputError", "same length")(
    lambda: next(dnn_guide.iterate_batches(torch.zeros(3, 2), torch.zeros(4), 2))
)
case("iterate_batches: batch_size=0", "InputError", "batch_size must be a positive int")(
    lambda: next(dnn_guide.iterate_batches(torch.zeros(3, 2), torch.zeros(3), 0))
)


def _make_sample_into_tmp(**kwargs):
    """make_sample into a fresh folder; it must check its arguments before it writes anything."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        try:
            return make_sample_fn()(data_module.SAMPLE_DIR, out, **kwargs)
        finally:
            assert not out.exists(), "make_sample wrote before it checked its arguments"


case("make_sample: n_train=0", "InputError", "n_train must be a positive int, got 0")(
    lambda: _make_sample_into_tmp(n_train=0)
)
case("make_sample: more images than the source has", "InputError", "asked for 7000 train images but .* has 6000")(
    lambda: _make_sample_into_tmp(n_train=7000)
)

DRAW_NETWORK_SIZES = [
    ((), "at least 2 layers"),
    ((3,), "at least 2 layers"),
    ((2, 0, 1), "positive int"),
    ((2, -1), "positive int"),
    ((2, 2.5, 1), "positive int"),
    ((True, 2), "positive int"),
    ((2, 13, 1), "too many to draw.*at most 12"),
    ((2,) * 9, "at most 8 layers"),
    ("221", "sizes must be a list of units per layer.*the string '221'"),
    (221, "sizes must be a list of units per layer.*the number 221"),
]
for _sizes, _message in DRAW_NETWORK_SIZES:
    case(f"draw_network({_sizes!r})", "InputError", _message)(
        functools.partial(lambda sizes: __import__("dnn_guide.diagrams").diagrams.draw_network(sizes), _sizes)
    )
DRAW_DROPOUT_KWARGS = [
    ({"p": 1}, r"\[0, 1\).*1/\(1-p\)"),
    ({"p": 1.5}, r"\[0, 1\)"),
    ({"p": -0.1}, r"\[0, 1\)"),
    ({"p": math.nan}, "number in"),
    ({"p": "0.5"}, "number in"),
    ({"p": True}, "number in"),
    ({"seed": -1}, "seed must be a non-negative int"),
    ({"seed": 1.5}, "seed must be a non-negative int"),
    ({"sizes": (6, 4)}, "at least 3 layers"),
    ({"sizes": (6, 40, 4)}, "at most 12"),
]
for _kwargs, _message in DRAW_DROPOUT_KWARGS:
    case(f"draw_dropout_mask(**{_kwargs!r})", "InputError", _message)(
        functools.partial(lambda kw: __import__("dnn_guide.diagrams").diagrams.draw_dropout_mask(**kw), _kwargs)
    )


# --- the rest of the API (issue 20, point 2): plots, Table, models, seeds, batches, XOR, backprop ---------------


def sigmoid_net(outputs: int = 1, sigmoid: bool = True, dtype=torch.float32) -> nn.Module:
    torch.manual_seed(0)
    layers = [nn.Linear(2, outputs)] + ([nn.Sigmoid()] if sigmoid else [])
    return nn.Sequential(*layers).to(dtype)


XOR_POINTS = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_LABELS = torch.tensor([[0.0], [1.0], [1.0], [0.0]])


def _draws(fig) -> bool:
    """A figure came back (the right answer to a good input)."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    plt.close("all")
    return isinstance(fig, Figure)


API_CASES = [
    # plot_predictions: labels where labels belong
    (
        "plot_predictions: logits as y_pred",
        r"y_pred has shape \(20, 10\).*y_pred = y_pred\.argmax\(1\)",
        lambda: dnn_guide.plot_predictions(X[:20], y[:20], torch.randn(20, 10)),
    ),
    (
        "plot_predictions: one-hot y_true",
        r"y_true.*one-hot.*y_true = y_true\.argmax\(1\)",
        lambda: dnn_guide.plot_predictions(X[:20], one_hot(y[:20]), y[:20]),
    ),
    (
        "plot_predictions: float labels",
        r"y_pred has dtype torch\.float32.*y_pred\.long\(\)",
        lambda: dnn_guide.plot_predictions(X[:20], y[:20], y[:20].float()),
    ),
    (
        "plot_predictions: label 10 for MNIST's digits",
        r"y_pred has label 10, but MNIST's classes are 0-9",
        lambda: dnn_guide.plot_predictions(X[:20], y[:20], torch.full((20,), 10)),
    ),
    (
        "plot_predictions: fewer predictions than images",
        r"X has 20 images but y_pred has 5",
        lambda: dnn_guide.plot_predictions(X[:20], y[:20], y[:5], n=4),
    ),
    (
        "plot_predictions: n=0",
        r"n must be a positive int, got 0",
        lambda: dnn_guide.plot_predictions(X[:20], y[:20], y[:20], n=0),
    ),
    (
        "plot_predictions: rows of 2 features, not images",
        r"28x28",
        lambda: dnn_guide.plot_predictions(Xb, y[:32], y[:32]),
    ),
    (
        "plot_predictions: numpy images",
        r"numpy.*torch\.as_tensor",
        lambda: dnn_guide.plot_predictions(X[:20].numpy(), y[:20], y[:20]),
    ),
    # plot_decision_boundary: a binary classifier's probability, and 0/1 labels
    (
        "plot_decision_boundary: a model with 2 outputs",
        r"2 outputs per point.*nn\.Linear\(\.\.\., 1\) and nn\.Sigmoid\(\)",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(2, sigmoid=False), XOR_POINTS, XOR_LABELS),
    ),
    (
        "plot_decision_boundary: a model that gives logits",
        r"not probabilities.*logits.*nn\.Sigmoid\(\)",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(sigmoid=False), Xb * 10, yb),
    ),
    (
        "plot_decision_boundary: the model's outputs as y",
        r"y holds 0\.\d+.*model outputs.*>= 0\.5",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, sigmoid_net()(XOR_POINTS).detach()),
    ),
    (
        "plot_decision_boundary: logits as y",
        r"y holds -?\d.*model outputs",
        lambda: dnn_guide.plot_decision_boundary(
            sigmoid_net(), XOR_POINTS, sigmoid_net(sigmoid=False)(XOR_POINTS).detach() * 7
        ),
    ),
    (
        "plot_decision_boundary: three classes",
        r"y holds 2.*more than two classes",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, torch.tensor([0, 1, 2, 1])),
    ),
    (
        "plot_decision_boundary: one-hot labels",
        r"y has shape \(4, 2\).*y\.argmax\(1\)",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, F.one_hot(XOR_LABELS.long().view(-1), 2)),
    ),
    (
        "plot_decision_boundary: fewer labels than points",
        r"y has shape \(3,\) for 4 points",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, torch.tensor([0, 1, 1])),
    ),
    (
        "plot_decision_boundary: the model class",
        r"model is the class.*instance",
        lambda: dnn_guide.plot_decision_boundary(nn.Linear, XOR_POINTS, XOR_LABELS),
    ),
    (
        "plot_decision_boundary: a model for 784 inputs",
        r"first layer, nn\.Linear\(784, 16\), takes 784 inputs.*plane of 2 inputs",
        lambda: dnn_guide.plot_decision_boundary(net(1), XOR_POINTS, XOR_LABELS),
    ),
    (
        "plot_decision_boundary: resolution=1",
        r"resolution must be at least 2",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, XOR_LABELS, resolution=1),
    ),
    (
        "plot_decision_boundary: margin='0.5'",
        r"margin must be a number",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS, XOR_LABELS, margin="0.5"),
    ),
    (
        "plot_decision_boundary: points as a list",
        r"X is a list.*torch\.as_tensor",
        lambda: dnn_guide.plot_decision_boundary(sigmoid_net(), XOR_POINTS.tolist(), XOR_LABELS),
    ),
    # plot_confusion_matrix: counts
    (
        "plot_confusion_matrix: a normalised matrix",
        r"fractions such as 0\.\d+.*normalised.*confusion_matrix\(y_true, y_pred\)",
        lambda: dnn_guide.plot_confusion_matrix(
            (lambda m: m / m.sum(1, keepdim=True))(dnn_guide.confusion_matrix(y, y.roll(1)).float().clamp_min(1))
        ),
    ),
    (
        "plot_confusion_matrix: numpy counts",
        r"numpy.*torch\.as_tensor",
        lambda: dnn_guide.plot_confusion_matrix(dnn_guide.confusion_matrix(y, y).numpy()),
    ),
    (
        "plot_confusion_matrix: all zeros",
        r"all zeros",
        lambda: dnn_guide.plot_confusion_matrix(torch.zeros(10, 10, dtype=torch.long)),
    ),
    (
        "plot_confusion_matrix: negative counts",
        r"negative values such as -1",
        lambda: dnn_guide.plot_confusion_matrix(torch.eye(3, dtype=torch.long) - 2 * torch.eye(3, dtype=torch.long)),
    ),
    (
        "plot_confusion_matrix: a vector",
        r"square.*confusion_matrix\(y_true, y_pred\)",
        lambda: dnn_guide.plot_confusion_matrix(torch.ones(10)),
    ),
    # plot_history: fit's list of per-epoch records
    (
        "plot_history: evaluate's dict",
        r"one dict.*history = dnn_guide\.fit",
        lambda: dnn_guide.plot_history({"loss": 0.3, "accuracy": 0.9}),
    ),
    (
        "plot_history: a list of losses",
        r"history\[0\] is a float.*plt\.plot\(losses\)",
        lambda: dnn_guide.plot_history([0.7, 0.5, 0.3]),
    ),
    (
        "plot_history: train_xor's (model, losses) pair",
        r"history\[0\] is a Sequential",
        lambda: dnn_guide.plot_history(xor.train_xor([2, 1], steps=3)),
    ),
    (
        "plot_history: metrics as one string",
        r"metrics is the string 'loss'.*metrics=\('loss',\)",
        lambda: dnn_guide.plot_history([{"epoch": 1, "loss": 1.0}], metrics="loss"),
    ),
    (
        "plot_history: a metric missing from a later epoch",
        r"unknown metric 'accuracy' \(not in history\[1\]\)",
        lambda: dnn_guide.plot_history([{"epoch": 1, "loss": 1.0, "accuracy": 0.5}, {"epoch": 2, "loss": 0.5}]),
    ),
    # Table: a list of rows, a list of names
    (
        "Table: a single row given flat",
        r"rows holds 2 values, not rows of 2 values.*rows=\[\['AND', 0\.25\]\]",
        lambda: dnn_guide.Table(["gate", "p"], ["AND", 0.25]),
    ),
    (
        "Table: one column's values given flat",
        r"rows=\[\[value\] for value in rows\]",
        lambda: dnn_guide.Table(["gate"], ["AND", "OR", "XOR"]),
    ),
    (
        "Table: single values that are not one row",
        r"rows holds 3 values, not rows of 2 values.*each row is a list of 2 values",
        lambda: dnn_guide.Table(["x", "y"], [1, 2, 3]),
    ),
    (
        "Table: a header given as a string",
        r"header is the string 'x y'.*one column per letter.*list of column names",
        lambda: dnn_guide.Table("x y", [[1, 2]]),
    ),
    ("Table: an empty header", r"header is empty", lambda: dnn_guide.Table([], [])),
    (
        "Table: a column without a name",
        r"column 0 of the header \['', 'mean'\] has no name: name every column",
        lambda: dnn_guide.Table(["", "mean"], [["layer 1", 0.5]]),
    ),
    ("Table: rows=None", r"rows must be a list of rows", lambda: dnn_guide.Table(["x"], None)),
    (
        "Table: a dict as a row",
        r"row 0 is a dict.*header's order",
        lambda: dnn_guide.Table(["x", "y"], [{"x": 1, "y": 2}]),
    ),
    (
        "Table: a string among the rows",
        r"row 1 is 'OR', not a list of 2 values",
        lambda: dnn_guide.Table(["gate", "p"], [["AND", 0.25], "OR"]),
    ),
    # model builders: numbers where numbers belong, names where names belong
    (
        "mlp: a size given as a string",
        r"every layer size must be a positive int, got '784' at sizes\[0\].*without quotes, 784",
        lambda: dnn_guide.mlp(["784", 256, 10]),
    ),
    (
        "mlp: sizes as one number",
        r"sizes must be a list of units per layer.*the number 784",
        lambda: dnn_guide.mlp(784),
    ),
    (
        "mlp: sizes as a string",
        r"sizes must be a list of units per layer.*the string '784, 10'",
        lambda: dnn_guide.mlp("784, 10"),
    ),
    ("mlp: True as a layer size", r"positive int, got True", lambda: dnn_guide.mlp([784, True])),
    (
        "mlp: dropout given as a string",
        r"dropout must be a number in \[0, 1\), got '0\.5'.*dropout=0\.5",
        lambda: dnn_guide.mlp([784, 10], dropout="0.5"),
    ),
    (
        "mlp: the activation class instead of its name",
        r"activation is a name.*activation='relu'.*got ReLU",
        lambda: dnn_guide.mlp([784, 256, 10], activation=nn.ReLU),
    ),
    (
        "mlp: activation 'ReLU'",
        r"unknown activation 'ReLU' \(did you mean 'relu'\?\)",
        lambda: dnn_guide.mlp([784, 256, 10], activation="ReLU"),
    ),
    (
        "mlp: batch_norm='yes'",
        r"batch_norm must be True or False",
        lambda: dnn_guide.mlp([784, 256, 10], batch_norm="yes"),
    ),
    (
        "init_weights: nn.init's function instead of its name",
        r"scheme is a name.*scheme='xavier'.*got xavier_uniform_",
        lambda: dnn_guide.init_weights(nn.Linear(4, 2), nn.init.xavier_uniform_),
    ),
    (
        "init_weights: a model without nn.Linear",
        r"no nn\.Linear layer to initialise",
        lambda: dnn_guide.init_weights(nn.ReLU(), "xavier"),
    ),
    (
        "init_weights: the model class",
        r"model is the class nn\.Linear.*instance",
        lambda: dnn_guide.init_weights(nn.Linear, "he"),
    ),
    (
        "activation_stats: images not flattened",
        r"X\.view\(-1, 784\)",
        lambda: dnn_guide.activation_stats(net(), X.view(-1, 28, 28)),
    ),
    (
        "activation_stats: a model without activations",
        r"no activation layer.*nothing to measure",
        lambda: dnn_guide.activation_stats(nn.Sequential(nn.Linear(784, 10)), X),
    ),
    (
        "activation_stats: not an nn.Sequential",
        r"model must be an nn\.Sequential",
        lambda: dnn_guide.activation_stats(nn.Linear(784, 10), X),
    ),
    (
        "layer_grad_norms: before backward()",
        r"nn\.Linear layer 1 has no gradient: call loss\.backward\(\) first",
        lambda: dnn_guide.layer_grad_norms(net()),
    ),
    (
        "layer_grad_norms: a model without nn.Linear",
        r"no nn\.Linear layer to measure",
        lambda: dnn_guide.layer_grad_norms(nn.Sequential(nn.ReLU())),
    ),
    (
        "eval_mode: a tensor instead of a model",
        r"eval_mode: model must be an nn\.Module.*got Tensor",
        lambda: dnn_guide.eval_mode(X).__enter__(),
    ),
    # seeds: the range every generator takes
    (
        "seed_everything: 2**32",
        r"up to 2\*\*32 - 1.*got 4294967296.*use e\.g\. 0",
        lambda: dnn_guide.seed_everything(2**32),
    ),
    (
        "seed_everything: 2**64 (torch's limit too)",
        r"up to 2\*\*32 - 1.*got 18446744073709551616",
        lambda: dnn_guide.seed_everything(2**64),
    ),
    (
        "seed_everything: '777'",
        r"without quotes, e\.g\. 777",
        lambda: dnn_guide.seed_everything("777"),
    ),
    (
        "seed_everything: deterministic='no'",
        r"deterministic must be True or False",
        lambda: dnn_guide.seed_everything(0, deterministic="no"),
    ),
    (
        "train_xor: seed=2**40",
        r"train_xor: seed must be a non-negative int up to 2\*\*32 - 1",
        lambda: xor.train_xor([2, 1], seed=2**40, steps=2),
    ),
    (
        "draw_dropout_mask: seed=2**32",
        r"draw_dropout_mask: seed must be a non-negative int up to 2\*\*32 - 1",
        lambda: __import__("dnn_guide.diagrams").diagrams.draw_dropout_mask(seed=2**32),
    ),
    # batches: none would come out
    (
        "iterate_batches: drop_last leaves no batch (raised at the call)",
        r"drop_last=True with batch_size=100 leaves no batch of the 50 rows.*drop_last=False",
        lambda: dnn_guide.iterate_batches(X[:50], y[:50], 100, drop_last=True),
    ),
    (
        "iterate_batches: no rows",
        r"X has no rows.*at least one sample",
        lambda: dnn_guide.iterate_batches(X[:0], y[:0], 10),
    ),
    (
        "iterate_batches: 0-d tensors",
        r"X is a single number",
        lambda: dnn_guide.iterate_batches(torch.tensor(1.0), torch.tensor(1), 1),
    ),
    (
        "iterate_batches: y on another device",
        r"y is on meta.*y = y\.to\(X\.device\)",
        lambda: dnn_guide.iterate_batches(X, torch.zeros(64, device="meta"), 10),
    ),
    (
        "iterate_batches: a seed number as the generator",
        r"generator = dnn_guide\.seed_everything\(0\)",
        lambda: dnn_guide.iterate_batches(X, y, 10, generator=0),
    ),
    (
        "iterate_batches: drop_last='yes'",
        r"drop_last must be True or False",
        lambda: dnn_guide.iterate_batches(X, y, 10, drop_last="yes"),
    ),
    # batch norm: a last batch of one sample
    (
        "fit: batch-norm model, last batch of one sample",
        r"65 rows leave a last batch of 1 sample with batch_size=16.*drop_last=True, or batch_size=17",
        lambda: train(dnn_guide.mlp([784, 16, 10], batch_norm=True), torch.cat([X, X[:1]]), torch.cat([y, y[:1]])),
    ),
    (
        "fit: batch-norm model, batch_size=1",
        r"batch_size=1.*BatchNorm1d needs at least 2 samples",
        lambda: train(dnn_guide.mlp([784, 16, 10], batch_norm=True), X[:4], y[:4], batch_size=1),
    ),
    (
        "fit: drop_last='yes'",
        r"drop_last must be True or False",
        lambda: train(drop_last="yes"),
    ),
    # XOR helpers: lists where lists belong
    (
        "sigmoid_mlp: a number for sizes",
        r"sigmoid_mlp: sizes must be a list of units per layer.*sizes=\[2, 2, 1\].*the number 2",
        lambda: xor.sigmoid_mlp(2),
    ),
    (
        "train_xor: a number for sizes",
        r"train_xor: sizes must be a list of units per layer.*the number 2",
        lambda: xor.train_xor(2),
    ),
    (
        "train_xor: sizes as a string",
        r"the string '221'",
        lambda: xor.train_xor("221"),
    ),
    (
        "train_xor_seeds: a number for seeds",
        r"seeds must be a list of seeds.*the number 5.*seeds=\[5\]",
        lambda: xor.train_xor_seeds([2, 2, 1], 5),
    ),
    (
        "train_xor_seeds: seeds as a string",
        r"seeds must be a list of seeds.*the string '123'",
        lambda: xor.train_xor_seeds([2, 2, 1], "123"),
    ),
    (
        "train_xor_seeds: a number for sizes",
        r"train_xor_seeds: sizes must be a list",
        lambda: xor.train_xor_seeds(3, [1, 2]),
    ),
    (
        "train_xor: dtype as a string",
        r"dtype must be a floating torch dtype.*got 'float64'",
        lambda: xor.train_xor([2, 1], steps=2, dtype="float64"),
    ),
    # the hand-written backprop: one-hot targets where they belong
    (
        "backprop.backward: labels where one-hot targets belong",
        r"Y has shape \(8,\), one class label per row.*F\.one_hot\(y\.view\(-1\), 10\)",
        lambda: (lambda p, X_: backprop.backward(p, X_, y[:8], backprop.forward(p, X_)))(
            backprop.init_params(generator=torch.Generator().manual_seed(0)), X[:8]
        ),
    ),
    (
        "backprop.backward: a column of labels",
        r"Y has shape \(8, 1\), one class label per row.*F\.one_hot",
        lambda: (lambda p, X_: backprop.backward(p, X_, y[:8].view(-1, 1), backprop.forward(p, X_)))(
            backprop.init_params(generator=torch.Generator().manual_seed(0)), X[:8]
        ),
    ),
    (
        "backprop.backward: one-hot targets of another batch",
        r"Y has shape \(4, 10\) but the predictions have shape \(8, 10\)",
        lambda: (lambda p, X_: backprop.backward(p, X_, one_hot(y[:4]), backprop.forward(p, X_)))(
            backprop.init_params(generator=torch.Generator().manual_seed(0)), X[:8]
        ),
    ),
    (
        "backprop.backward: int64 one-hot targets",
        r"Y has dtype torch\.int64.*Y = Y\.to\(torch\.float32\)",
        lambda: (lambda p, X_: backprop.backward(p, X_, F.one_hot(y[:8], 10), backprop.forward(p, X_)))(
            backprop.init_params(generator=torch.Generator().manual_seed(0)), X[:8]
        ),
    ),
    (
        "backprop.backward: a cache of other rows",
        r"cache holds 4 rows but X has 8",
        lambda: (lambda p, X_: backprop.backward(p, X_, one_hot(y[:8]), backprop.forward(p, X_[:4])))(
            backprop.init_params(generator=torch.Generator().manual_seed(0)), X[:8]
        ),
    ),
    (
        "backprop.squared_error: labels where one-hot targets belong",
        r"squared_error: Y has shape \(8,\).*F\.one_hot",
        lambda: backprop.squared_error(torch.rand(8, 10), y[:8]),
    ),
    (
        "backprop.squared_error: targets [N] for one output [N,1]",
        r"Y = Y\.view\(-1, 1\)",
        lambda: backprop.squared_error(torch.rand(4, 1), XOR_LABELS.view(-1)),
    ),
    (
        "backprop.forward: float64 X for float32 weights",
        r"X has dtype torch\.float64 but the weights are torch\.float32.*X\.to\(torch\.float32\)",
        lambda: backprop.forward(backprop.init_params(), X.double()),
    ),
    (
        "backprop.forward: images not flattened",
        r"X = X\.view\(-1, 784\)",
        lambda: backprop.forward(backprop.init_params(), X.view(-1, 1, 28, 28)),
    ),
    (
        "backprop.forward: params as a list",
        r"params must be the dict of tensors init_params returns",
        lambda: backprop.forward(list(backprop.init_params().values()), X),
    ),
    (
        "backprop.forward: params without b2",
        r"params lacks b2",
        lambda: backprop.forward({k: v for k, v in backprop.init_params().items() if k != "b2"}, X),
    ),
    (
        "backprop.init_params: '784'",
        r"n_in must be a positive int, got '784': write the number without quotes, n_in=784",
        lambda: backprop.init_params("784"),
    ),
    (
        "backprop.init_params: a seed number as the generator",
        r"generator = dnn_guide\.seed_everything\(1\)",
        lambda: backprop.init_params(generator=1),
    ),
    (
        "backprop.sgd_step: lr=0",
        r"lr must be a positive number, got 0",
        lambda: backprop.sgd_step(backprop.init_params(), {}, 0),
    ),
    (
        "backprop.sgd_step: gradients of another shape",
        r"grads\['w1'\] is \(30, 784\), but the parameter is \(784, 30\)",
        lambda: backprop.sgd_step(backprop.init_params(), {"w1": torch.zeros(30, 784)}, 0.1),
    ),
    (
        "backprop.sigmoid: a number",
        r"x is a float, not a tensor.*torch\.as_tensor",
        lambda: backprop.sigmoid(0.5),
    ),
    # optimiser paths
    (
        "optimizer_path: lr=0",
        r"optimizer_path: lr must be a positive number",
        lambda: __import__("dnn_guide.optim_paths").optim_paths.optimizer_path("Adam", "beale", lr=0),
    ),
    (
        "optimizer_path: steps=0",
        r"steps must be a positive int",
        lambda: __import__("dnn_guide.optim_paths").optim_paths.optimizer_path("Adam", "beale", lr=0.1, steps=0),
    ),
    (
        "make_optimizer: the class instead of its name",
        r"optimizer is a name.*'Adam'.*got Adam",
        lambda: __import__("dnn_guide.optim_paths").optim_paths.make_optimizer(torch.optim.Adam, [], lr=0.1),
    ),
    (
        "animate_paths: one path instead of a dict",
        r"paths must be a non-empty dict",
        lambda: __import__("dnn_guide.optim_paths").optim_paths.animate_paths(torch.zeros(5, 2), "beale"),
    ),
    (
        "animate_paths: a path of 3-D points",
        r"paths\['Adam'\] is \(5, 3\)",
        lambda: __import__("dnn_guide.optim_paths").optim_paths.animate_paths({"Adam": torch.zeros(5, 3)}, "beale"),
    ),
]
API_CASES += [
    (
        "load_mnist: flatten='no'",
        r"flatten must be True or False",
        lambda: dnn_guide.load_mnist("sample", flatten="no"),
    ),
    ("load_mnist: a folder number", r"root must be a folder.*got int 7", lambda: dnn_guide.load_mnist(7)),
]
for _name, _match, _call in API_CASES:
    case(_name, "InputError", _match)(_call)

# Good inputs that the checks above must keep accepting.
case("plot_confusion_matrix: float counts draw", "result", check=_draws)(
    lambda: dnn_guide.plot_confusion_matrix(dnn_guide.confusion_matrix(y, y).float())
)
case("plot_decision_boundary: a float64 model with int labels draws", "result", check=_draws)(
    lambda: dnn_guide.plot_decision_boundary(sigmoid_net(dtype=torch.float64), XOR_POINTS, torch.tensor([0, 1, 1, 0]))
)
case("plot_predictions: images [N,1,28,28] draw", "result", check=_draws)(
    lambda: dnn_guide.plot_predictions(X[:20].view(-1, 1, 28, 28), y[:20], y[:20], n=4)
)
case("Table: rows from zip", "result", check=lambda t: str(t) == "x  y\n1  3\n2  4")(
    lambda: dnn_guide.Table(("x", "y"), zip([1, 2], [3, 4]))
)
case("mlp: numpy ints as sizes", "result", check=lambda m: m[0].in_features == 784)(
    lambda: dnn_guide.mlp(list(np.array([784, 10])))
)
case("seed_everything: 2**32 - 1 and a numpy int", "result", check=lambda g_: g_.initial_seed() == 7)(
    lambda: (dnn_guide.seed_everything(2**32 - 1), dnn_guide.seed_everything(np.int64(7)))[1]
)
case("train_xor_seeds: seeds as a range", "result", check=lambda r: r["accuracy"].shape == (3,))(
    lambda: xor.train_xor_seeds([2, 2, 1], range(3), steps=2)
)
case("fit: batch-norm model, last batch of one sample with drop_last=True", "result", check=lambda h: len(h) == 1)(
    lambda: train(
        dnn_guide.mlp([784, 16, 10], batch_norm=True), torch.cat([X, X[:1]]), torch.cat([y, y[:1]]), drop_last=True
    )
)
case(
    "iterate_batches: a last short batch without drop_last",
    "result",
    check=lambda b: [len(x) for x, _ in b] == [40, 24],
)(lambda: list(dnn_guide.iterate_batches(X, y, 40, shuffle=False)))

# --- running a case ---------------------------------------------------------------------------


def _expected(case_: Case) -> type | None:
    return getattr(dnn_guide, case_.expect, None) or getattr(builtins, case_.expect, None)


def _alarm(signum, frame):
    raise HangError()


def _raised_by_dnn_guide(err: BaseException) -> bool:
    """Whether a ``raise`` statement of the package raised ``err`` (not torch, numpy or Python under it)."""
    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    filename = tb.tb_frame.f_code.co_filename
    line = linecache.getline(filename, tb.tb_lineno).strip()
    return Path(filename).resolve().is_relative_to(PACKAGE) and line.startswith("raise ")


def run(case_: Case) -> tuple[str, object]:
    """Run one case under its time limit; return its outcome (see the module's docstring) and what it gave."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(case_.timeout)
    try:
        result = case_.call()
    except HangError as err:
        return "hang", err
    except SystemExit as exit_:
        text = getattr(exit_, "stderr", "")
        lines = [line for line in text.strip().splitlines() if not line.startswith(("usage:", " "))]
        if case_.expect == "exit2" and exit_.code == 2 and len(lines) == 1 and re.search(case_.match, text, re.S):
            return "clear", exit_
        return ("silent" if exit_.code in (0, None) else "unhelpful"), exit_
    except pytest.skip.Exception:
        raise
    except Exception as err:  # noqa: BLE001 - sorting every error is the point
        if case_.expect in ("result", "exit2"):  # an exception escaping the CLI is a traceback
            return ("unhelpful" if _raised_by_dnn_guide(err) and case_.expect == "result" else "deep"), err
        if not _raised_by_dnn_guide(err):
            return "deep", err
        return ("clear" if re.search(case_.match, str(err), re.S) else "unhelpful"), err
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    if case_.expect == "result" and case_.check is not None and case_.check(result):
        return "clear", result
    if case_.expect == "exit2" and isinstance(result, tuple) and result and result[0] == 2:
        return "clear", result
    return "silent", result


@pytest.mark.parametrize("case_", CASES, ids=[c.name for c in CASES])
def test_mistake_gets_a_clear_answer(case_):
    outcome, detail = run(case_)
    if isinstance(detail, BaseException) and not isinstance(detail, SystemExit):
        shown = "".join(traceback.format_exception(type(detail), detail, detail.__traceback__)[-3:])
    else:
        shown = getattr(detail, "stderr", None) or repr(detail)[:500]
    assert outcome == "clear", f"{outcome}: {shown}"
    if case_.expect not in ("result", "exit2"):
        assert isinstance(detail, _expected(case_)), type(detail)


def main() -> int:
    counts: dict[str, int] = {}
    for case_ in CASES:
        try:
            outcome, detail = run(case_)
        except pytest.skip.Exception:
            outcome, detail = "skipped", ""
        counts[outcome] = counts.get(outcome, 0) + 1
        if isinstance(detail, BaseException):
            what = f"{type(detail).__name__}: {str(getattr(detail, 'stderr', '') or detail).strip()}"
        else:
            what = repr(detail)
        print(f"{outcome:9} {case_.name}: {' '.join(what.split())[:160]}", flush=True)
    print(f"\n{len(CASES)} cases: " + ", ".join(f"{counts[k]} {k}" for k in sorted(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
