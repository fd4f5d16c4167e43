"""Run records: written by reproduce and bench, read back unchanged (:mod:`dnn_guide.records`)."""

import json
from dataclasses import replace

import pytest
import torch

import dnn_guide
import dnn_guide.records
from dnn_guide.errors import RecordError
from dnn_guide.experiments import run_experiment
from dnn_guide.records import RunRecord, git_commit, read_records, write_record
from dnn_guide.results import load_records
from tests.conftest import ROOT

#: A record as run_experiment writes it, without the ten-thousand-step run behind it.
XOR_RECORD = RunRecord(
    experiment="08_2",
    seed=1,
    title="XOR 2-2-1",
    data="xor",
    n_train=4,
    device="CPU test (2 threads)",
    threads=torch.get_num_threads(),
    results={"test_accuracy": 1.0, "final_loss": 0.01, "steps": 10001, "epochs": None, "seconds": 1.5},
)


def test_committed_records_read_back_unchanged():
    """Every committed file, old or new, reads into a RunRecord and writes back as the same object."""
    for kind in ("reproduce", "bench"):
        paths = sorted((ROOT / "docs" / "results" / kind).glob("*.json"))
        assert paths
        for path in paths:
            saved = json.loads(path.read_text())
            assert RunRecord.from_json(saved).to_json() == saved, path.name
        records = read_records(ROOT / "docs" / "results" / kind)
        assert [r.to_json() for r in records] == load_records(ROOT / "docs" / "results" / kind)
        assert records == sorted(records, key=lambda r: (r.experiment, r.seed))


def test_a_record_written_is_the_record_read(tmp_path):
    write_record(XOR_RECORD, tmp_path, commit="abc")
    (read,) = read_records(tmp_path)
    assert read == replace(XOR_RECORD, commit="abc") and read.test_accuracy == 1.0 and read.test_rows is None


def test_a_run_just_made_gets_this_process_context():
    bench = {"lab": "09_1", "seed": 0, "data": "sample", "n_train": 600, "device": "CPU x (2 threads)", "ratio": 2.0}
    record = RunRecord.from_run(bench)
    assert record.threads == torch.get_num_threads() and record.torch == torch.__version__ and record.date
    assert record.ratio == 2.0 and RunRecord.from_json(bench).threads is None


def test_record_fields_and_file(small, tmp_path):
    record = run_experiment("09_6", 1, data=small, epochs=1)
    path = write_record(record, tmp_path)
    assert path.name == "09_6-seed1-sample-cpu.json"
    saved = json.loads(path.read_text())
    for field in (
        "lab",
        "seed",
        "test_accuracy",
        "final_loss",
        "epochs",
        "data",
        "n_train",
        "device",
        "seconds",
        "torch",
        "commit",
        "test_accuracy_unscaled",
        "original_accuracy",
    ):
        assert field in saved, field
    assert saved["data"] == "sample" and saved["n_train"] == 1200 and saved["original_accuracy"] == 0.97


def test_run_record_schema_and_file_names(small):
    record = replace(XOR_RECORD, commit="abc", date="2025-01-02")
    assert record.data == "xor" and record.n_train == 4 and record.threads == torch.get_num_threads()
    saved = record.to_json()
    assert list(saved)[:7] == ["lab", "seed", "title", "data", "n_train", "device", "threads"]
    assert list(saved)[-4:] == ["torch", "dnn_guide", "commit", "date"]
    assert RunRecord.from_json(saved) == record
    assert record.file_name("reproduce") == "08_2-seed1-xor-cpu.json"
    # the data kind comes from the data's source, whatever its size
    sixty = dnn_guide.MNIST(small.X_train, small.y_train, small.X_test, small.y_test, "/data/mnist")
    assert sixty.kind == "full" and small.kind == "sample"
    names = {
        RunRecord.from_json({**bench_like, "seed": 0}).file_name("bench")
        for bench_like in (
            {"lab": "09_1", "data": small.kind, "n_train": 1200, "device": "CPU x (2 threads)"},
            {"lab": "09_1", "data": sixty.kind, "n_train": 1200, "device": "CPU x (2 threads)"},
        )
    }
    assert names == {"09_1-sample-cpu.json", "09_1-full-cpu.json"}  # a sample bench never overwrites full data's
    with pytest.raises(RecordError, match="needs device"):
        RunRecord.from_json({"lab": "09_1", "data": "full", "n_train": 1})


def test_committed_bench_records_are_named_by_their_data():
    paths = sorted((ROOT / "docs" / "results" / "bench").glob("*.json"))
    assert paths
    for path in paths:
        record = json.loads(path.read_text())
        assert path.name == RunRecord.from_json(record).file_name("bench")
        assert record["data"] in ("full", "sample")


def test_write_record_never_leaves_half_a_record(tmp_path, monkeypatch):
    import dnn_guide.records

    record = run_experiment("08_1", 1)
    path = write_record(record, tmp_path, commit="old")
    before = path.read_text()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dnn_guide.records.os, "replace", fail)
    with pytest.raises(OSError):
        write_record(record, tmp_path, commit="new")
    assert path.read_text() == before and [p.name for p in tmp_path.iterdir()] == [path.name]


def _git(repo, *args):
    import subprocess

    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True)


def _commit_all(repo):
    import subprocess

    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    out = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_git_commit_of_this_project_only(tmp_path):
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "pyproject.toml").write_text('[project]\nname = "dnn-guide"\n')
    assert _commit_all(ours).startswith(git_commit(ours))
    # the package unpacked inside another project's repository: that repository's commit is not ours
    other = tmp_path / "other"
    (other / "vendor" / "dnn-guide").mkdir(parents=True)
    (other / "vendor" / "dnn-guide" / "pyproject.toml").write_text('name = "dnn-guide"\n')
    _commit_all(other)
    assert git_commit(other / "vendor" / "dnn-guide") == "unknown"
    # a repository of another project, or no repository at all
    assert git_commit(other) == "unknown"
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "pyproject.toml").write_text('name = "dnn-guide"\n')
    assert git_commit(tmp_path / "plain") == "unknown"
    if (ROOT / ".git").exists():
        assert git_commit() != "unknown"  # this checkout
