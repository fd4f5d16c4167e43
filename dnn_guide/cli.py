"""The ``dnn-guide`` command (also ``python -m dnn_guide``).

Arguments are checked as they are parsed (argparse ``type=`` callables): a wrong value prints the
usage line and exits with status 2. A folder to write into is checked before any data is loaded or
any experiment trained; an error of the package or of the system (``OSError``) ends in one line
``dnn-guide <command>: error: ...`` and status 2, never in a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__
from .checks import check_seed
from .data import SAMPLE_DIR, load_mnist
from .data import make_sample as make_sample  # moved to dnn_guide.data; still importable here
from .data import stratified_indices as stratified_indices
from .device import get_device
from .errors import DnnGuideError, InputError
from .experiments import EXPERIMENTS, MNIST_EXPERIMENTS

__all__ = ["build_parser", "main"]


def _int_at_least(minimum: int, kind: str):
    """An argparse ``type=``: an integer of at least ``minimum``, else the usage line and this message."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"must be a {kind} integer, got {text!r}")
        return value

    return parse


_positive_int = _int_at_least(1, "positive")
_non_negative_int = _int_at_least(0, "non-negative")


def _seeds(text: str) -> list[int]:
    try:
        seeds = [int(t) for t in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seeds takes comma-separated integers, e.g. 1,2,3; got {text!r}") from None
    for seed in seeds:
        try:
            check_seed(seed, name="each seed in --seeds")
        except InputError as err:
            raise argparse.ArgumentTypeError(str(err)) from None
    if len(set(seeds)) != len(seeds):
        raise argparse.ArgumentTypeError(f"a seed is listed twice in {text!r}: each seed runs once")
    return seeds


def _experiments(allowed: list[str]):
    """An argparse ``type=``: comma-separated experiment ids of ``allowed``, or ``all``."""

    def parse(text: str) -> list[str]:
        items = allowed if text == "all" else [t.strip() for t in text.split(",") if t.strip()]
        unknown = [t for t in items if t not in allowed]
        if unknown or not items:
            raise argparse.ArgumentTypeError(
                f"unknown experiment {', '.join(unknown) or repr(text)}: choose from {', '.join(allowed)} or 'all'"
            )
        return items

    return parse


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


def _mnist(args: argparse.Namespace):
    data = load_mnist(args.data, device=get_device(args.device))
    print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test, on {data.X_train.device}")
    return data


def _reproduce(args: argparse.Namespace) -> int:
    from .experiments import ExperimentKind, run_experiment
    from .records import check_out_folder, git_commit, write_record

    out = check_out_folder(args.out)  # a bad folder fails now, not after the training
    commit = git_commit()  # the code that runs is the code of now, whatever the checkout does meanwhile
    get_device(args.device)  # a bad device fails before any work
    needs_mnist = any(EXPERIMENTS[id].kind is not ExperimentKind.XOR for id in args.experiments)
    data = _mnist(args) if needs_mnist else None
    for id in args.experiments:
        for seed in args.seeds:
            record = run_experiment(id, seed, data=data, epochs=args.epochs)
            path = write_record(record, out, commit=commit)
            print(f"{id} seed {seed}: test accuracy {record.test_accuracy:.4f} -> {path}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import bench_lab
    from .records import RunRecord, check_out_folder, git_commit, write_record

    out = check_out_folder(args.out)
    commit = git_commit()
    data = _mnist(args)
    for lab in args.experiments:
        record = bench_lab(lab, data, epochs=args.epochs)
        write_record(RunRecord.from_run(record), out, commit=commit, kind="bench")
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
    sample.add_argument("--train", type=_positive_int, default=6000, help="train images (default: %(default)s)")
    sample.add_argument("--test", type=_positive_int, default=1000, help="test images (default: %(default)s)")
    sample.add_argument("--seed", type=_non_negative_int, default=0, help="seed of the draw (default: %(default)s)")
    sample.set_defaults(run=_make_sample)

    repro = commands.add_parser(
        "reproduce", help="re-run experiments at their original settings, one JSON record per run"
    )
    repro.add_argument(
        "--experiments",
        "--labs",
        dest="experiments",
        type=_experiments(list(EXPERIMENTS)),
        default="all",
        help="comma-separated experiment ids (08_1 ... 09_7_as_written) or 'all' (--labs: the same)",
    )
    repro.add_argument("--seeds", type=_seeds, default="1,2,3", help="comma-separated seeds (default: %(default)s)")
    repro.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    repro.add_argument("--data", help="MNIST folder (default: $DNN_GUIDE_MNIST, a download, else the sample)")
    repro.add_argument("--epochs", type=_positive_int, help="override the experiments' epochs (quick runs)")
    repro.add_argument("--out", default="docs/results/reproduce", help="folder for the records (default: %(default)s)")
    repro.set_defaults(run=_reproduce)

    bench = commands.add_parser("bench", help="samples/s of the original lab loop vs dnn_guide's trainer")
    corrected = [id for id, experiment in MNIST_EXPERIMENTS.items() if not experiment.as_written]
    bench.add_argument(
        "--experiments",
        "--labs",
        dest="experiments",
        type=_experiments(corrected),
        default="all",
        help="comma-separated MNIST experiment ids (09_1 ... 09_7) or 'all' (--labs: the same)",
    )
    bench.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    bench.add_argument("--data", help="MNIST folder (default: $DNN_GUIDE_MNIST, a download, else the sample)")
    bench.add_argument("--epochs", type=_positive_int, default=1, help="timed epochs per loop (default: %(default)s)")
    bench.add_argument("--out", default="docs/results/bench", help="folder for the records (default: %(default)s)")
    bench.set_defaults(run=_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``dnn-guide`` with ``argv`` (default: the command line); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (DnnGuideError, ValueError, OSError) as err:
        message = " ".join(str(err).split()) if not isinstance(err, OSError) or not err.strerror else _os_error(err)
        parser.exit(2, f"dnn-guide {args.command}: error: {message}\n")
    except KeyboardInterrupt:
        parser.exit(130, f"dnn-guide {args.command}: interrupted\n")


def _os_error(err: OSError) -> str:
    where = " ".join(str(f) for f in (err.filename, err.filename2) if f)
    return f"{err.strerror}{': ' + where if where else ''}"
