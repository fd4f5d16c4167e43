"""MNIST as tensors in memory, and seeded mini-batches drawn from them.

One preprocessing for train and test alike: pixels scaled from 0-255 to 0-1 (what
``torchvision.transforms.ToTensor`` does). The original labs scaled the training images but fed
the test images as ``test_data.float()`` (0-255); see the lab pages.

Where the data comes from, in order:

1. ``root`` when given, else the ``DNN_GUIDE_MNIST`` environment variable: a folder with the
   four IDX files (``.gz`` or not, or torchvision's ``MNIST/raw/`` layout). ``DNN_GUIDE_MNIST=sample``
   asks for the shipped sample.
2. torchvision's download into ``~/.cache/dnn_guide`` (skipped with ``download=False``).
3. A stratified sample shipped inside the package (6,000 train / 1,000 test images).
"""

from __future__ import annotations

import gzip
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .device import get_device

__all__ = [
    "FILES",
    "MNIST",
    "SAMPLE_DIR",
    "MNISTDataError",
    "iterate_batches",
    "load_mnist",
    "read_idx",
    "read_mnist_folder",
    "write_idx",
]

#: The four IDX files, under the names torchvision and the MNIST site use.
FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
#: The sample that ships inside the package (MNIST by LeCun, Cortes and Burges, CC BY-SA 3.0).
SAMPLE_DIR = Path(__file__).parent / "mnist_sample"
CACHE_DIR = Path.home() / ".cache" / "dnn_guide"
ENV_VAR = "DNN_GUIDE_MNIST"
HOW_TO_GET_FULL = f"for the full 60,000/10,000 set, set {ENV_VAR}=/path/to/mnist or pass root=..."


class MNISTDataError(RuntimeError):
    """An MNIST file is missing, truncated or not an IDX file."""


@dataclass(frozen=True)
class MNIST:
    """MNIST images and labels as tensors.

    Attributes:
        X_train: float32, shape ``(n, 784)`` (or ``(n, 1, 28, 28)``), values in 0-1.
        y_train: int64 labels 0-9, shape ``(n,)``.
        X_test: like ``X_train``, preprocessed the same way.
        y_test: like ``y_train``.
        source: ``"sample"``, ``"download"`` or the folder the files came from.
    """

    X_train: torch.Tensor
    y_train: torch.Tensor
    X_test: torch.Tensor
    y_test: torch.Tensor
    source: str

    @property
    def is_sample(self) -> bool:
        """True when these are the shipped 6,000/1,000 sample, not the full set."""
        return self.source == "sample"


def read_idx(path: str | Path) -> np.ndarray:
    """Read one IDX file (gzip-compressed or not) into a ``uint8`` array.

    Raises:
        MNISTDataError: the file is missing, truncated, or not an unsigned-byte IDX file.
    """
    path = Path(path)
    fix = f"delete {path} and download it again, or point {ENV_VAR} at a folder with intact files"
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except FileNotFoundError as err:
        raise MNISTDataError(f"MNIST file not found: {path}") from err
    except (OSError, EOFError) as err:  # gzip raises these for corrupt or cut-off files
        raise MNISTDataError(f"MNIST file {path} is corrupt ({err}): {fix}") from err
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08 or not 1 <= raw[3] <= 3:
        raise MNISTDataError(f"MNIST file {path} is not an unsigned-byte IDX file: {fix}")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise MNISTDataError(f"MNIST file {path} is truncated (its header is cut off): {fix}")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + int(np.prod(shape))
    if len(raw) != expected:
        raise MNISTDataError(
            f"MNIST file {path} has {len(raw)} bytes where its header promises {expected} (shape {shape}): {fix}"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write a ``uint8`` array as an IDX file, gzip-compressed when ``path`` ends in ``.gz``."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    raw = bytes([0, 0, 0x08, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape) + array.tobytes()
    if str(path).endswith(".gz"):
        with open(path, "wb") as file, gzip.GzipFile(fileobj=file, mode="wb", mtime=0) as gz:
            gz.write(raw)
    else:
        Path(path).write_bytes(raw)


def _find(folder: Path, name: str) -> Path:
    for candidate in (
        folder / name,
        folder / f"{name}.gz",
        folder / "MNIST" / "raw" / name,
        folder / "MNIST" / "raw" / f"{name}.gz",
    ):
        if candidate.is_file():
            return candidate
    raise MNISTDataError(
        f"MNIST file {name}(.gz) not found in {folder} (nor in {folder / 'MNIST' / 'raw'}): "
        f"that folder needs the four IDX files {', '.join(FILES.values())}"
    )


def read_mnist_folder(folder: Path) -> dict[str, np.ndarray]:
    if not folder.is_dir():
        raise MNISTDataError(f"MNIST folder {folder} does not exist: {HOW_TO_GET_FULL}")
    arrays = {key: read_idx(_find(folder, name)) for key, name in FILES.items()}
    for split in ("train", "test"):
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1:
            raise MNISTDataError(f"MNIST {split} files in {folder} do not hold 28x28 images and labels")
        if len(images) != len(labels):
            raise MNISTDataError(
                f"MNIST {split} files in {folder} disagree: {len(images)} images, {len(labels)} labels"
            )
    return arrays


def _download(folder: Path) -> Path | None:
    """Let torchvision download MNIST into ``folder``; None when that fails (offline)."""
    from torchvision.datasets import MNIST as TorchvisionMNIST

    old_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(15)
    try:
        TorchvisionMNIST(str(folder), train=True, download=True)
    except Exception:  # no network, a mirror down: fall back to the sample
        return None
    finally:
        socket.setdefaulttimeout(old_timeout)
    return folder


def load_mnist(
    root: str | Path | None = None,
    *,
    download: bool = True,
    flatten: bool = True,
    device: str | torch.device | None = "cpu",
) -> MNIST:
    """Load MNIST as tensors, train and test preprocessed alike (pixels / 255).

    Args:
        root: folder with the four IDX files; default: ``$DNN_GUIDE_MNIST``, then a download,
            then the shipped sample.
        download: try torchvision's download when no folder is given.
        flatten: images as ``(n, 784)`` rows (the labs' ``view(-1, 28 * 28)``); else ``(n, 1, 28, 28)``.
        device: where the tensors live (see :func:`dnn_guide.get_device`); ``None`` picks the GPU
            when there is one.

    Raises:
        MNISTDataError: a given folder is missing files or holds damaged ones.
    """
    device = get_device(device)
    root = root if root is not None else os.environ.get(ENV_VAR) or None
    if root is not None and str(root) != "sample":
        arrays, source = read_mnist_folder(Path(root).expanduser()), str(root)
    else:
        folder = None
        if root is None and (CACHE_DIR / "MNIST" / "raw").is_dir():
            folder = CACHE_DIR
        elif root is None and download:
            folder = _download(CACHE_DIR)
        if folder is not None:
            arrays, source = read_mnist_folder(folder), "download"
        else:
            arrays, source = read_mnist_folder(SAMPLE_DIR), "sample"
            if root is None:
                print(
                    f"dnn_guide: using the shipped MNIST sample (6,000/1,000); {HOW_TO_GET_FULL}",
                    file=sys.stderr,
                )

    def images(array: np.ndarray) -> torch.Tensor:
        X = torch.from_numpy(array.copy()).float().div_(255)
        return (X.reshape(len(X), -1) if flatten else X.unsqueeze(1)).to(device)

    def labels(array: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(array.astype(np.int64)).to(device)

    return MNIST(
        images(arrays["train_images"]),
        labels(arrays["train_labels"]),
        images(arrays["test_images"]),
        labels(arrays["test_labels"]),
        source,
    )


def iterate_batches(
    X: torch.Tensor,
    y: torch.Tensor,
    batch_size: int,
    *,
    shuffle: bool = True,
    generator: torch.Generator | None = None,
    drop_last: bool = False,
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield ``(X_batch, y_batch)`` slices of tensors already in memory (no ``DataLoader``).

    Args:
        X: inputs, first dimension the samples.
        y: targets, as many as ``X`` has rows.
        batch_size: rows per batch.
        shuffle: draw a new order each call, from ``generator`` (a CPU generator) when given.
        drop_last: skip a last batch smaller than ``batch_size`` (as the original labs did).
    """
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    n = len(X)
    order = torch.randperm(n, generator=generator).to(X.device) if shuffle else None
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        if order is None:
            yield X[start : start + batch_size], y[start : start + batch_size]
        else:
            index = order[start : start + batch_size]
            yield X[index], y[index]
