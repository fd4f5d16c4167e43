"""Run records: one schema, :class:`RunRecord`, written by ``dnn-guide reproduce`` and ``bench`` and read back.

A record is one JSON file: where and with what an experiment ran (its id under the key ``lab``, seed,
data, device, threads, versions, commit, date) and what it measured, side by side at the top level.
:func:`write_record` writes one; :func:`read_records` reads a folder of them back as :class:`RunRecord`
objects, and :meth:`RunRecord.to_json` gives the flat object a file holds.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import torch

from . import __version__
from .errors import InputError, RecordError
from .files import write_atomic

__all__ = [
    "RECORD_KINDS",
    "RunRecord",
    "check_out_folder",
    "git_commit",
    "read_records",
    "write_record",
]

#: The two kinds of record and the file name each gets (``device`` is ``cpu`` or ``gpu``).
RECORD_KINDS = {
    "reproduce": "{lab}-seed{seed}-{data}-{device}.json",
    "bench": "{lab}-{data}-{device}.json",
}
#: The JSON keys of the context fields, in the order a file lists them (``lab`` holds :attr:`RunRecord.experiment`).
_CONTEXT_KEYS = ("lab", "seed", "title", "data", "n_train", "device", "threads")
_VERSION_KEYS = ("torch", "dnn_guide", "commit", "date")
_REQUIRED_KEYS = ("lab", "data", "n_train", "device")


def _today() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class RunRecord:
    """One run of one experiment: where and with what it ran, and what it measured.

    Attributes:
        experiment: the experiment id (see :data:`dnn_guide.experiments.EXPERIMENTS`); the JSON key is ``lab``.
        seed: the run's seed (0 when a file names none).
        data: ``"full"`` or ``"sample"`` (from :attr:`dnn_guide.MNIST.kind`, i.e. the data's source),
            or ``"xor"``.
        n_train: training rows.
        device: :func:`dnn_guide.device.device_name` of the device it ran on.
        threads: ``torch.get_num_threads()`` of the run (None: not recorded, as in the oldest files).
        results: what the run measured, written at the top level of the JSON beside the fields above:
            ``test_accuracy``, ``final_loss``, ``epochs``, ``seconds``, ... for ``reproduce``;
            ``samples_per_s``, ``ratio``, ``fit_vs_floor``, ... for ``bench``. The properties below
            read the ones the results page uses.
        title: the experiment's model in words.
        torch: torch's version (None: not recorded).
        dnn_guide: the package's version (None: not recorded).
        commit: :func:`git_commit` of the code that ran.
        date: the day the record was written, UTC (``YYYY-MM-DD``; None: not recorded).
    """

    experiment: str
    seed: int
    data: str
    n_train: int
    device: str
    threads: int | None
    results: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    torch: str | None = torch.__version__
    dnn_guide: str | None = __version__
    commit: str | None = "unknown"
    date: str | None = field(default_factory=_today)

    # --- what a reproduce record measured
    @property
    def test_accuracy(self) -> float:
        """Accuracy on the test set as the experiment's code feeds it."""
        return self.results["test_accuracy"]

    @property
    def final_loss(self) -> float:
        """The last epoch's (or step's) training loss."""
        return self.results["final_loss"]

    @property
    def original_accuracy(self) -> float | None:
        """What the original notebook printed (None: nothing printed, or a bench record)."""
        return self.results.get("original_accuracy")

    @property
    def test_rows(self) -> int | None:
        """Test images the accuracy counts (None: not recorded)."""
        return self.results.get("test_rows")

    @property
    def test_accuracy_scaled(self) -> float | None:
        """The same model on test images scaled to 0-1 (as-written runs that test at 0-255)."""
        return self.results.get("test_accuracy_scaled")

    @property
    def test_accuracy_unscaled(self) -> float | None:
        """The same model on test images left at 0-255 (corrected runs)."""
        return self.results.get("test_accuracy_unscaled")

    # --- what a bench record measured
    @property
    def samples_per_s(self) -> dict[str, float]:
        """Training speed of each loop (``original``, ``fit``, ``floor``, maybe ``graph``)."""
        return self.results["samples_per_s"]

    @property
    def ratio(self) -> float:
        """``fit`` over ``original`` samples per second."""
        return self.results["ratio"]

    @property
    def fit_vs_floor(self) -> float:
        """``fit`` over the bare loop's samples per second."""
        return self.results["fit_vs_floor"]

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> RunRecord:
        """A record from the flat object a JSON file holds; a field the file lacks stays None.

        Raises:
            RecordError: ``lab``, ``data``, ``n_train`` or ``device`` is missing.
        """
        missing = [key for key in _REQUIRED_KEYS if key not in record]
        if missing:
            raise RecordError(f"a run record needs {', '.join(missing)}; got the fields {', '.join(record)}")
        known = {"experiment": record["lab"], "seed": record.get("seed", 0), "title": record.get("title", "")}
        known.update({key: record[key] for key in ("data", "n_train", "device")})
        known.update({key: record.get(key) for key in ("threads", *_VERSION_KEYS)})
        results = {key: value for key, value in record.items() if key not in (*_CONTEXT_KEYS, *_VERSION_KEYS)}
        return cls(**known, results=results)

    @classmethod
    def from_run(cls, record: dict[str, Any]) -> RunRecord:
        """A record of a run made just now, from the flat dict it returned (e.g. :func:`dnn_guide.bench.bench_lab`'s):
        what the dict does not name (threads, torch, dnn_guide, date) is this process's.

        Raises:
            RecordError: ``lab``, ``data``, ``n_train`` or ``device`` is missing.
        """
        read = cls.from_json(record)
        now = cls(read.experiment, read.seed, read.data, read.n_train, read.device, torch.get_num_threads())
        filled = {key: getattr(now, key) for key in ("threads", *_VERSION_KEYS) if getattr(read, key) is None}
        return replace(read, **filled)

    def to_json(self) -> dict[str, Any]:
        """The flat JSON object: the fields above with ``results`` spread among them (None fields left out)."""
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        values["lab"] = values.pop("experiment")
        context = {key: values[key] for key in _CONTEXT_KEYS if values[key] is not None}
        version = {key: values[key] for key in _VERSION_KEYS if values[key] is not None}
        return {**context, **self.results, **version}

    def file_name(self, kind: str) -> str:
        """``<id>-seed<seed>-<data>-<cpu|gpu>.json`` (reproduce) or ``<id>-<data>-<cpu|gpu>.json`` (bench)."""
        if kind not in RECORD_KINDS:
            raise InputError(f"unknown record kind {kind!r}: choose from {', '.join(RECORD_KINDS)}")
        device = "cpu" if self.device.startswith("CPU") else "gpu"  # see device_name
        return RECORD_KINDS[kind].format(lab=self.experiment, seed=self.seed, data=self.data, device=device)


def read_records(folder: str | Path) -> list[RunRecord]:
    """Every ``*.json`` record in ``folder``, sorted by experiment then seed; ``[]`` when there is none.

    Raises:
        RecordError: a file is not valid JSON, or lacks a field every record has.
    """
    records = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            records.append(RunRecord.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except json.JSONDecodeError as err:
            raise RecordError(f"{path} is not valid JSON ({err}): rerun the command that wrote it") from err
        except RecordError as err:
            raise RecordError(f"{path}: {err}") from err
    return sorted(records, key=lambda r: (r.experiment, r.seed))


def _is_this_project(root: Path) -> bool:
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"""(?m)^\s*name\s*=\s*["']dnn-guide["']""", text) is not None


def git_commit(root: str | Path | None = None) -> str:
    """The commit of this project's checkout (``-dirty`` for uncommitted changes), or ``"unknown"``.

    Only a checkout of this project counts: its top level must be ``root`` (default: the folder
    above the installed package) and hold a ``pyproject.toml`` naming ``dnn-guide``. A copy of the
    package unpacked inside another repository, or installed without its checkout, gives ``"unknown"``.
    """
    root = Path(__file__).resolve().parents[1] if root is None else Path(root).resolve()
    if not _is_this_project(root):
        return "unknown"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # no GIT_DIR from a caller's hook

    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10, env=env)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() if out.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() != root:
        return "unknown"
    return git("describe", "--always", "--dirty", "--abbrev=10") or "unknown"


def check_out_folder(out: str | Path, what: str = "--out") -> Path:
    """``out`` as a folder that exists (it is created) and takes a new file; else :class:`InputError`.

    Call it before a long run, so that a bad folder fails in a second rather than after the training.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{what} {out} is a file, not a folder: pass a folder for the records")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as err:
        raise InputError(
            f"{what} {out}: cannot write there ({err.strerror or err}): pass a folder you can write to"
        ) from err
    return out


def _numbers(data: dict[str, Any], prefix: str = ""):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _numbers(value, f"{prefix}{key}.")
        elif isinstance(value, float):
            yield f"{prefix}{key}", value


def write_record(record: RunRecord, out: Path, *, commit: str | None = None, kind: str = "reproduce") -> Path:
    """Write ``record`` as JSON into ``out``, stamped with the commit whose code ran.

    The file name is :meth:`RunRecord.file_name` of ``kind``; it is written to a temporary file and
    renamed into place, so a failed write never leaves half a record, nor spoils an older one.

    Args:
        record: what :func:`dnn_guide.experiments.run_experiment` (``kind="reproduce"``) or
            :func:`dnn_guide.bench.bench_lab` (``kind="bench"``) returned.
        commit: the commit whose code ran; pass the one read when the run started, since the
            checkout may change while a long run goes on (default: read it now).

    Raises:
        InputError: ``record`` is not a :class:`RunRecord`, a measured value is NaN or inf, or ``out``
            is not a folder that can be written.
    """
    if not isinstance(record, RunRecord):
        raise InputError(f"write_record: record must be a RunRecord (run_experiment's), got {type(record).__name__}")
    record = replace(record, commit=git_commit() if commit is None else commit)
    data = record.to_json()
    for key, value in _numbers(data):
        if not math.isfinite(value):
            raise InputError(f"{record.experiment} seed {record.seed}: {key} is {value}; a record holds finite numbers")
    out = check_out_folder(out, "out")
    path = out / record.file_name(kind)
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
