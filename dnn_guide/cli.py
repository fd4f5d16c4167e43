"""The ``dnn-guide`` command (also ``python -m dnn_guide``)."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from . import __version__
from .data import FILES, SAMPLE_DIR, MNISTDataError, load_mnist, read_mnist_folder, write_idx
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


def make_sample(source: Path, out: Path, n_train: int = 6000, n_test: int = 1000, seed: int = 0) -> None:
    """Write a stratified MNIST sample as IDX ``.gz`` files (what ships in the package)."""
    arrays = read_mnist_folder(source)
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("test", n_test)):
        keep = stratified_indices(arrays[f"{split}_labels"], n, rng)
        for kind in ("images", "labels"):
            write_idx(out / f"{FILES[f'{split}_{kind}']}.gz", arrays[f"{split}_{kind}"][keep])


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


def _parse_list(text: str, allowed: list[str], what: str) -> list[str]:
    items = allowed if text == "all" else [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in items if t not in allowed]
    if unknown or not items:
        raise ValueError(
            f"unknown {what} {', '.join(unknown) or repr(text)}: choose from {', '.join(allowed)} or 'all'"
        )
    return items


def _parse_seeds(text: str) -> list[int]:
    try:
        seeds = [int(t) for t in text.split(",")]
    except ValueError:
        raise ValueError(f"--seeds takes comma-separated integers, e.g. 1,2,3; got {text!r}") from None
    if any(s < 0 for s in seeds):
        raise ValueError(f"seeds must be non-negative, got {text!r}")
    return seeds


def _mnist(args: argparse.Namespace):
    data = load_mnist(args.data, device=get_device(args.device))
    print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test, on {data.X_train.device}")
    return data


def _reproduce(args: argparse.Namespace) -> int:
    from .reproduce import ALL_LABS, git_commit, run_lab, write_record

    commit = git_commit()  # the code that runs is the code of now, whatever the checkout does meanwhile
    labs, seeds = _parse_list(args.labs, ALL_LABS, "lab"), _parse_seeds(args.seeds)
    get_device(args.device)  # a bad device fails before any work
    data = _mnist(args) if any(not lab.startswith(("08_1", "08_2", "08_3")) for lab in labs) else None
    for lab in labs:
        for seed in seeds:
            record = run_lab(lab, seed, data=data, epochs=args.epochs)
            path = write_record(record, Path(args.out), commit=commit)
            print(f"{lab} seed {seed}: test accuracy {record['test_accuracy']:.4f} -> {path}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    import json

    from .bench import bench_lab
    from .labs import AS_WRITTEN, LABS

    labs = _parse_list(args.labs, [lab for lab in LABS if not lab.endswith(AS_WRITTEN)], "lab")
    data = _mnist(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for lab in labs:
        record = bench_lab(lab, data, epochs=args.epochs)
        kind = "gpu" if data.X_train.device.type != "cpu" else "cpu"
        (out / f"{lab}-{kind}.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        speed = record["samples_per_s"]
        print(
            f"{lab}: original {speed['original']:.0f}/s, fit {speed['fit']:.0f}/s "
            f"({record['ratio']:.1f}x; {record['fit_vs_floor']:.2f} of the bare loop)"
        )
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

    repro = commands.add_parser("reproduce", help="re-run labs at their original settings, one JSON record per run")
    repro.add_argument("--labs", default="all", help="comma-separated lab ids (08_1 ... 09_7) or 'all'")
    repro.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default: %(default)s)")
    repro.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    repro.add_argument("--data", help="MNIST folder (default: $DNN_GUIDE_MNIST, a download, else the sample)")
    repro.add_argument("--epochs", type=int, help="override the labs' epochs (quick runs)")
    repro.add_argument("--out", default="docs/results/reproduce", help="folder for the records (default: %(default)s)")
    repro.set_defaults(run=_reproduce)

    bench = commands.add_parser("bench", help="samples/s of the original lab loop vs dnn_guide's trainer")
    bench.add_argument("--labs", default="all", help="comma-separated MNIST lab ids or 'all'")
    bench.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    bench.add_argument("--data", help="MNIST folder (default: $DNN_GUIDE_MNIST, a download, else the sample)")
    bench.add_argument("--epochs", type=int, default=1, help="timed epochs per loop (default: %(default)s)")
    bench.add_argument("--out", default="docs/results/bench", help="folder for the records (default: %(default)s)")
    bench.set_defaults(run=_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (DeviceError, MNISTDataError, ValueError) as err:
        parser.exit(2, f"dnn-guide {args.command}: error: {err}\n")
