"""Time one epoch of a lab three ways: the original lab loop, ``fit``, and a bare loop (the floor).

- original: ``torchvision.datasets.MNIST`` + ``transforms.ToTensor()`` + ``DataLoader``, the way the
  course notebooks feed the model, one image at a time through PIL;
- fit: :func:`dnn_guide.fit` on tensors already in memory (on the device);
- floor: the same steps on the same tensors with nothing else (no metrics): what the model costs.

Each is timed in the same process, after a short warm-up, on the same model, data and batch size.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import torch
from torch import nn

from .data import FILES, MNIST, iterate_batches, write_idx
from .device import device_name
from .errors import InputError, check_positive_int
from .labs import LABS, build_model
from .seed import seed_everything
from .train import fit

__all__ = ["bench_lab"]


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _torchvision_folder(data: MNIST, root: Path) -> None:
    """Write the data as torchvision's raw MNIST files, so the original loop reads the same images."""
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for split, X, y in (("train", data.X_train, data.y_train), ("test", data.X_test, data.y_test)):
        images = (X.reshape(-1, 28, 28) * 255).round().to(torch.uint8).cpu().numpy()
        write_idx(raw / FILES[f"{split}_images"], images)
        write_idx(raw / FILES[f"{split}_labels"], y.to(torch.uint8).cpu().numpy())


def _setup(lab: str, device: torch.device, seed: int):
    generator = seed_everything(seed)
    model = build_model(lab).to(device)
    return model, torch.optim.Adam(model.parameters(), lr=LABS[lab].lr), nn.CrossEntropyLoss(), generator


def _original(lab: str, root: Path, device: torch.device, epochs: int, seed: int) -> tuple[float, int]:
    from torch.utils.data import DataLoader
    from torchvision import datasets, transforms

    model, optimizer, loss_fn, _ = _setup(lab, device, seed)
    dataset = datasets.MNIST(str(root), train=True, transform=transforms.ToTensor(), download=False)
    loader = DataLoader(dataset, batch_size=LABS[lab].batch_size, shuffle=True, drop_last=True)

    def epoch(limit: int | None = None) -> int:
        seen = 0
        for i, (X, y) in enumerate(loader):
            if limit is not None and i == limit:
                break
            X, y = X.view(-1, 28 * 28).to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(X), y)
            loss.backward()
            optimizer.step()
            seen += len(X)
        return seen

    epoch(limit=20)  # warm-up
    _sync(device)
    start = time.perf_counter()
    seen = sum(epoch() for _ in range(epochs))
    _sync(device)
    return time.perf_counter() - start, seen


def _fit(lab: str, data: MNIST, epochs: int, seed: int) -> tuple[float, int]:
    device = data.X_train.device
    model, optimizer, loss_fn, generator = _setup(lab, device, seed)
    kwargs = dict(
        loss_fn=loss_fn,
        optimizer=optimizer,
        batch_size=LABS[lab].batch_size,
        generator=generator,
        drop_last=True,
        progress=False,
    )
    fit(model, data.X_train[:2000], data.y_train[:2000], epochs=1, **kwargs)  # warm-up
    _sync(device)
    start = time.perf_counter()
    fit(model, data.X_train, data.y_train, epochs=epochs, **kwargs)
    _sync(device)
    batch = LABS[lab].batch_size
    return time.perf_counter() - start, epochs * (len(data.X_train) // batch) * batch


def _floor(lab: str, data: MNIST, epochs: int, seed: int) -> tuple[float, int]:
    device = data.X_train.device
    model, optimizer, loss_fn, generator = _setup(lab, device, seed)

    def epoch(X: torch.Tensor, y: torch.Tensor) -> int:
        seen = 0
        for X_batch, y_batch in iterate_batches(X, y, LABS[lab].batch_size, generator=generator, drop_last=True):
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
            seen += len(X_batch)
        return seen

    epoch(data.X_train[:2000], data.y_train[:2000])  # warm-up
    _sync(device)
    start = time.perf_counter()
    seen = sum(epoch(data.X_train, data.y_train) for _ in range(epochs))
    _sync(device)
    return time.perf_counter() - start, seen


def bench_lab(lab: str, data: MNIST, *, epochs: int = 1, seed: int = 0) -> dict:
    """Samples per second of the original loop, of ``fit`` and of the bare loop, for one lab.

    Returns:
        A record with ``lab``, ``seed``, ``device``, ``threads``, ``epochs``, ``n_train``, ``data``
        (:attr:`dnn_guide.MNIST.kind`), ``samples_per_s`` (``original``, ``fit``, ``floor``),
        ``ratio`` (fit over original) and ``fit_vs_floor``; write it with
        ``dnn_guide.reproduce.write_record(record, out, kind="bench")``.

    Raises:
        InputError: an unknown lab, ``epochs`` not a positive int, or fewer images than one batch.
    """
    if lab not in LABS:
        raise InputError(f"unknown lab {lab!r}: bench runs the MNIST labs {', '.join(LABS)}")
    check_positive_int(epochs, "epochs", "bench_lab")
    if not isinstance(data, MNIST):
        raise InputError(
            f"bench_lab: data must be a dnn_guide.MNIST (data = load_mnist(...)), got {type(data).__name__}"
        )
    if len(data.X_train) < LABS[lab].batch_size:
        raise InputError(
            f"bench_lab: {len(data.X_train)} training images are less than one batch of {LABS[lab].batch_size}"
        )
    device = data.X_train.device
    with tempfile.TemporaryDirectory() as tmp:
        _torchvision_folder(data, Path(tmp))
        original = _original(lab, Path(tmp), device, epochs, seed)
    fitted, floor = _fit(lab, data, epochs, seed), _floor(lab, data, epochs, seed)
    speed = {
        name: seen / seconds for name, (seconds, seen) in (("original", original), ("fit", fitted), ("floor", floor))
    }
    return {
        "lab": lab,
        "seed": seed,
        "title": LABS[lab].title,
        "device": device_name(device),
        "threads": torch.get_num_threads(),
        "epochs": epochs,
        "n_train": len(data.X_train),
        "batch_size": LABS[lab].batch_size,
        "data": data.kind,
        "samples_per_s": {k: round(v, 1) for k, v in speed.items()},
        "ratio": round(speed["fit"] / speed["original"], 3),
        "fit_vs_floor": round(speed["fit"] / speed["floor"], 3),
    }
