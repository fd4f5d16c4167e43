"""MNIST as tensors in memory, and seeded mini-batches drawn from them.

One preprocessing for train and test alike: pixels scaled from 0-255 to 0-1 (what
``torchvision.transforms.ToTensor`` does). The original labs scaled the training images but fed
the test images as ``test_data.float()`` (0-255); see the lab pages.

Where the data comes from, in order:

1. ``root`` when given, else the ``DNN_GUIDE_MNIST`` environment variable: a folder with the
   four IDX files (``.gz`` or not, or torchvision's ``MNIST/raw/`` layout). ``DNN_GUIDE_MNIST=sample``
   asks for the shipped sample.
2. torchvision's download into ``~/.cache/dnn_guide`` (skipped with ``download=False``). A download
   lands in a temporary folder there and is checked before it replaces the cache, so an interrupted
   one leaves no half cache behind; a damaged cache (e.g. from an older version) is replaced by a new
   download, or, offline, skipped with a notice that names it.
3. A stratified sample shipped inside the package (6,000 train / 1,000 test images).
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import socket
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .checks import check_flag, check_generator, check_positive_int, check_seed, check_tensor
from .device import get_device
from .errors import InputError, MNISTDataError
from .files import write_atomic

__all__ = [
    "FILES",
    "MNIST",
    "SAMPLE_DIR",
    "MNISTDataError",
    "iterate_batches",
    "load_mnist",
    "make_sample",
    "read_idx",
    "read_mnist_folder",
    "stratified_indices",
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

    @property
    def kind(self) -> str:
        """``"sample"`` for the shipped sample (or a slice of it), else ``"full"``: the data kind that
        run records and their file names carry. It comes from :attr:`source`, not from a row count."""
        return "sample" if self.is_sample else "full"


def read_idx(path: str | Path) -> np.ndarray:
    """Read one IDX file (gzip-compressed or not) into a ``uint8`` array.

    Raises:
        MNISTDataError: the file is missing, truncated, or not an unsigned-byte IDX file.
    """
    path = Path(path)
    fix = f"delete {path} and download it again, or point {ENV_VAR} at a folder with intact files"
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise MNISTDataError(f"MNIST file not found: {path}") from err
    except PermissionError as err:
        raise MNISTDataError(
            f"cannot read MNIST file {path}: permission denied; give yourself read access "
            f"(chmod u+r {path}) or point {ENV_VAR} at a copy you can read"
        ) from err
    except IsADirectoryError as err:
        raise MNISTDataError(f"MNIST file {path} is a folder, not a file: pass the folder that holds it") from err
    except OSError as err:
        raise MNISTDataError(f"cannot read MNIST file {path} ({err})") from err
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as err:  # a bad header, a cut-off or a damaged stream
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
    """Write a ``uint8`` array as an IDX file, gzip-compressed when ``path`` ends in ``.gz``.

    The file is written beside ``path`` under a temporary name and then renamed into place, so a
    failed write (a full disk, an interrupt) never leaves a truncated file under ``path``.
    """
    path = Path(path)
    array = np.ascontiguousarray(array, dtype=np.uint8)
    raw = bytes([0, 0, 0x08, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape) + array.tobytes()
    if path.suffix == ".gz":  # the header names the final file, as writing it directly would
        buffer = io.BytesIO()
        with gzip.GzipFile(filename=str(path), fileobj=buffer, mode="wb", mtime=0) as gz:
            gz.write(raw)
        raw = buffer.getvalue()
    write_atomic(path, raw)


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
    """The four MNIST arrays of ``folder`` (see :data:`FILES`), checked: 28x28 images, as many labels
    as images, every label a digit 0-9.

    Raises:
        MNISTDataError: the folder or a file is missing, unreadable or damaged.
    """
    folder = Path(folder)
    if folder.is_file():
        raise MNISTDataError(
            f"MNIST folder {folder} is a file: pass the folder that holds the four IDX files "
            f"({', '.join(FILES.values())}, .gz or not)"
        )
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
        if len(labels) and labels.max() > 9:
            row = int(np.argmax(labels > 9))
            raise MNISTDataError(
                f"MNIST {split} labels in {folder} hold {labels[row]} at row {row}: MNIST labels are digits 0-9, "
                f"so the file is damaged or not an MNIST labels file: replace it with an intact copy"
            )
    return arrays


def stratified_indices(labels: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` indices whose class counts follow ``labels``' class proportions (largest remainder).

    Raises:
        InputError: ``n`` is not an int from 0 to ``len(labels)``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= len(labels):
        raise InputError(f"stratified_indices: n must be an int from 0 to {len(labels)} (the labels given), got {n!r}")
    classes, counts = np.unique(labels, return_counts=True)
    exact = counts * n / len(labels)
    take = np.floor(exact).astype(int)
    take[np.argsort(exact - take)[::-1][: n - take.sum()]] += 1
    chosen = [rng.choice(np.flatnonzero(labels == c), size=k, replace=False) for c, k in zip(classes, take)]
    return np.sort(np.concatenate(chosen))


def make_sample(source: Path, out: Path, n_train: int = 6000, n_test: int = 1000, seed: int = 0) -> None:
    """Write a stratified MNIST sample as IDX ``.gz`` files (what ships in the package).

    Each file is written under a temporary name and renamed into place (see :func:`write_idx`).

    Raises:
        InputError: a count that is not a positive int or exceeds the source's images, a negative
            seed, or an ``out`` that is a file.
        MNISTDataError: the source folder is missing files or holds damaged ones.
    """
    where = "make_sample"
    check_positive_int(n_train, "n_train", where)
    check_positive_int(n_test, "n_test", where)
    check_seed(seed, where)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{where}: out {out} is a file, not a folder: pass a folder to write the four files into")
    arrays = read_mnist_folder(Path(source))
    for split, n in (("train", n_train), ("test", n_test)):
        available = len(arrays[f"{split}_labels"])
        if n > available:
            raise InputError(
                f"{where}: asked for {n} {split} images but {source} has {available}: ask for {available} or fewer"
            )
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("test", n_test)):
        keep = stratified_indices(arrays[f"{split}_labels"], n, rng)
        for kind in ("images", "labels"):
            write_idx(out / f"{FILES[f'{split}_{kind}']}.gz", arrays[f"{split}_{kind}"][keep])


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


def _from_cache(download: bool) -> dict[str, np.ndarray] | None:
    """MNIST from the user cache, downloading it there first when it is missing or damaged; None
    when there is none to be had (offline, or ``download=False``)."""
    cached = CACHE_DIR / "MNIST"
    damage = None
    if (cached / "raw").is_dir():
        try:
            return read_mnist_folder(CACHE_DIR)
        except MNISTDataError as err:  # e.g. a download interrupted by an older version
            damage = err
    arrays = _download_into_cache() if download else None
    if arrays is None and damage is not None:
        print(
            f"dnn_guide: skipping the MNIST cache {cached}, which is incomplete or damaged ({damage}); "
            f"delete it (rm -r {cached}) to download again",
            file=sys.stderr,
        )
    return arrays


def _download_into_cache() -> dict[str, np.ndarray] | None:
    """Download into a temporary folder inside the cache, check the files, then swap them in."""
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".download-", dir=CACHE_DIR))
    except OSError:  # a read-only home: no cache, no download
        return None
    try:
        if _download(staging) is None:
            return None
        arrays = read_mnist_folder(staging)
        target = CACHE_DIR / "MNIST"
        if target.exists():  # damaged (an intact one would have been read)
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(staging / "MNIST", target)
        except OSError:  # another process put its download there meanwhile: use ours, keep theirs
            pass
        return arrays
    except MNISTDataError:
        return None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
        MNISTDataError: a given folder is missing files or holds damaged or unreadable ones. (A damaged
            download cache is no error: a new download replaces it, or, offline, it is skipped with a
            notice and the sample is used.)
        DeviceError: ``device`` is unknown or not available here.
    """
    if root is not None and not isinstance(root, (str, os.PathLike)):
        raise InputError(
            f"load_mnist: root must be a folder (a str or a Path) or 'sample', got {type(root).__name__} {root!r}"
        )
    check_flag(download, "download", "load_mnist")
    check_flag(flatten, "flatten", "load_mnist")
    device = get_device(device)
    root = root if root is not None else os.environ.get(ENV_VAR) or None
    if root is not None and str(root) != "sample":
        arrays, source = read_mnist_folder(Path(root).expanduser()), str(root)
    else:
        arrays = _from_cache(download) if root is None else None
        source = "download"
        if arrays is None:
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

    Raises:
        InputError: when called (not at the first batch): arguments that are wrong, or that would
            yield no batch at all (no rows, or ``drop_last=True`` with fewer rows than ``batch_size``).
    """
    where = "iterate_batches"
    X, y = check_tensor(X, "X", where), check_tensor(y, "y", where)
    for name, tensor in (("X", X), ("y", y)):
        if tensor.ndim == 0:
            raise InputError(f"{where}: {name} is a single number (shape ()): pass one row per sample, shape (N, ...)")
    if len(X) != len(y):
        raise InputError(f"{where}: X and y must have the same length, got {len(X)} and {len(y)}")
    if y.device != X.device:
        raise InputError(f"{where}: X is on {X.device} but y is on {y.device}: use y = y.to(X.device)")
    check_positive_int(batch_size, "batch_size", where)
    check_flag(shuffle, "shuffle", where)
    check_flag(drop_last, "drop_last", where)
    check_generator(generator, where)
    if len(X) == 0:
        raise InputError(f"{where}: X has no rows (shape {tuple(X.shape)}), so no batch: pass at least one sample")
    if drop_last and len(X) < batch_size:
        raise InputError(
            f"{where}: drop_last=True with batch_size={batch_size} leaves no batch of the {len(X)} rows: "
            f"use batch_size={len(X)} or less, or drop_last=False"
        )
    return _batches(X, y, batch_size, shuffle, generator, drop_last)


def _batches(X, y, batch_size: int, shuffle: bool, generator, drop_last: bool):
    """The batches of :func:`iterate_batches`, its arguments checked; the order is drawn at the first batch."""
    n = len(X)
    order = torch.randperm(n, generator=generator).to(X.device) if shuffle else None
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        if order is None:
            yield X[start : start + batch_size], y[start : start + batch_size]
        else:
            index = order[start : start + batch_size]
            yield X[index], y[index]
