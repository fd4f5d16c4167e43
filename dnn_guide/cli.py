"""The ``dnn-guide`` command (also ``python -m dnn_guide``)."""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import numpy as np

from . import __version__
from .data import FILES, SAMPLE_DIR, MNISTDataError, load_mnist, read_mnist_folder
from .device import DeviceError, get_device

__all__ = ["main", "make_sample"]


def stratified_indices(labels: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` indices whose class counts follow ``labels``' class proportions (largest remainder)."""
    classes, counts = np.unique(labels, return_counts=True)
    exact = counts * n / len(labels)
    take = np.floor(exact).astype(int)
    take[np.argsort(exact - take)[::-1][: n - take.sum()]] += 1
    chosen = [rng.choice(np.flatnonzero(labels == c), size=k, replace=False) for c, k in zip(classes, take)]
    return np.sort(np.concatenate(chosen))


def _write_idx(path: Path, array: np.ndarray) -> None:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def make_sample(source: Path, out: Path, n_train: int = 6000, n_test: int = 1000, seed: int = 0) -> None:
    """Write a stratified MNIST sample as IDX ``.gz`` files (what ships in the package)."""
    arrays = read_mnist_folder(source)
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("test", n_test)):
        keep = stratified_indices(arrays[f"{split}_labels"], n, rng)
        for kind in ("images", "labels"):
            _write_idx(out / f"{FILES[f'{split}_{kind}']}.gz", arrays[f"{split}_{kind}"][keep])


def _info(args: argparse.Namespace) -> int:
    import torch

    device = get_device(args.device)
    data = load_mnist(args.data, download=False)
    print(f"dnn_guide {__version__}, torch {torch.__version__}")
    print(f"device: {device} (threads: {torch.get_num_threads()})")
    print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test")
    return 0


def _make_sample(args: argparse.Namespace) -> int:
    make_sample(Path(args.source), Path(args.out), args.train, args.test, args.seed)
    print(f"wrote a {args.train}/{args.test} sample to {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dnn-guide", description="Tools of the dnn-guide course.")
    parser.add_argument("--version", action="version", version=f"dnn-guide {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    info = commands.add_parser("info", help="show the torch version, the device and the MNIST source")
    info.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    info.add_argument("--data", help="MNIST folder (default: $DNN_GUIDE_MNIST, else the sample)")
    info.set_defaults(run=_info)

    sample = commands.add_parser("make-sample", help="write the stratified MNIST sample the package ships")
    sample.add_argument("source", help="folder with the full MNIST IDX files")
    sample.add_argument("--out", default=str(SAMPLE_DIR), help="where to write (default: %(default)s)")
    sample.add_argument("--train", type=int, default=6000, help="train images (default: %(default)s)")
    sample.add_argument("--test", type=int, default=1000, help="test images (default: %(default)s)")
    sample.add_argument("--seed", type=int, default=0, help="seed of the draw (default: %(default)s)")
    sample.set_defaults(run=_make_sample)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (DeviceError, MNISTDataError, ValueError) as err:
        parser.exit(2, f"dnn-guide {args.command}: error: {err}\n")
