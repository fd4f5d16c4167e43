"""Record runs of the labs as JSON: one schema, :class:`RunRecord`, for ``reproduce`` and ``bench``.

The labs themselves, and :func:`dnn_guide.labs.run_lab` that runs one, live in :mod:`dnn_guide.labs` (the one lab
registry); they are importable from here too.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch

from . import __version__
from .errors import InputError

__all__ = ["RECORD_KINDS", "RunRecord", "check_out_folder", "git_commit", "write_record"]

#: The two kinds of record and the file name each gets (``device`` is ``cpu`` or ``gpu``).
RECORD_KINDS = {
    "reproduce": "{lab}-seed{seed}-{data}-{device}.json",
    "bench": "{lab}-{data}-{device}.json",
}
_CONTEXT = ("lab", "seed", "title", "data", "n_train", "device", "threads", "torch", "dnn_guide", "commit", "date")


def _today() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class RunRecord:
    """One run of one lab: where and with what it ran, and what it measured.

    Attributes:
        lab: the lab id (see :data:`dnn_guide.labs.ALL_LABS`).
        seed: the run's seed.
        data: ``"full"`` or ``"sample"`` (from :attr:`dnn_guide.MNIST.kind`, i.e. the data's source),
            or ``"xor"``.
        n_train: training rows.
        device: :func:`dnn_guide.device.device_name` of the device it ran on.
        threads: ``torch.get_num_threads()`` of the run.
        results: what the run measured, written at the top level of the JSON beside the fields above:
            ``test_accuracy``, ``final_loss``, ``epochs``, ``seconds``, ... for ``reproduce``;
            ``samples_per_s``, ``ratio``, ``fit_vs_floor``, ... for ``bench``.
        title: the lab's model in words.
        torch: torch's version.
        dnn_guide: the package's version.
        commit: :func:`git_commit` of the code that ran.
        date: the day the record was written, UTC (``YYYY-MM-DD``).
    """

    lab: str
    seed: int
    data: str
    n_train: int
    device: str
    threads: int
    results: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    torch: str = torch.__version__
    dnn_guide: str = __version__
    commit: str = "unknown"
    date: str = field(default_factory=_today)

    @classmethod
    def from_dict(cls, record: dict[str, Any], **context) -> RunRecord:
        """A record from the flat dict :func:`dnn_guide.labs.run_lab` or :func:`dnn_guide.bench.bench_lab` returns (or a
        JSON file holds); ``context`` fills or overrides fields such as ``commit``."""
        merged = {**record, **context}
        missing = [key for key in ("lab", "data", "n_train", "device") if key not in merged]
        if missing:
            raise InputError(f"a run record needs {', '.join(missing)}; got the fields {', '.join(record)}")
        known = {key: merged.pop(key) for key in _CONTEXT if key in merged}
        known.setdefault("seed", 0)
        known.setdefault("threads", torch.get_num_threads())
        return cls(**known, results=merged)

    def to_dict(self) -> dict[str, Any]:
        """The flat JSON object: the fields above with ``results`` spread among them."""
        fields = asdict(self)
        results = fields.pop("results")
        context = {key: fields[key] for key in ("lab", "seed", "title", "data", "n_train", "device", "threads")}
        version = {key: fields[key] for key in ("torch", "dnn_guide", "commit", "date")}
        return {**context, **results, **version}

    def file_name(self, kind: str) -> str:
        """``<lab>-seed<seed>-<data>-<cpu|gpu>.json`` (reproduce) or ``<lab>-<data>-<cpu|gpu>.json`` (bench)."""
        if kind not in RECORD_KINDS:
            raise InputError(f"unknown record kind {kind!r}: choose from {', '.join(RECORD_KINDS)}")
        device = "cpu" if self.device.startswith("CPU") else "gpu"  # see device_name
        return RECORD_KINDS[kind].format(lab=self.lab, seed=self.seed, data=self.data, device=device)


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


def write_record(
    record: dict[str, Any] | RunRecord, out: Path, *, commit: str | None = None, kind: str = "reproduce"
) -> Path:
    """Add the run's context (threads, torch, commit, date) and write it as JSON into ``out``.

    The file name is :meth:`RunRecord.file_name` of ``kind``; it is written to a temporary file and
    renamed into place, so a failed write never leaves half a record, nor spoils an older one.

    Args:
        record: what :func:`dnn_guide.labs.run_lab` (``kind="reproduce"``) or :func:`dnn_guide.bench.bench_lab`
            (``kind="bench"``) returned.
        commit: the commit whose code ran; pass the one read when the run started, since the
            checkout may change while a long run goes on (default: read it now).

    Raises:
        InputError: a measured value is NaN or inf, or ``out`` is not a folder that can be written.
    """
    if not isinstance(record, RunRecord):
        record = RunRecord.from_dict(record, commit=git_commit() if commit is None else commit)
    elif commit is not None:
        record = RunRecord.from_dict(record.to_dict(), commit=commit)
    data = record.to_dict()
    for key, value in _numbers(data):
        if not math.isfinite(value):
            raise InputError(f"{record.lab} seed {record.seed}: {key} is {value}; a record holds finite numbers")
    out = check_out_folder(out, "out")
    path = out / record.file_name(kind)
    descriptor, temporary = tempfile.mkstemp(dir=out, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
