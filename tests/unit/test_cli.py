import subprocess
import sys

import pytest
import torch

from dnn_guide.cli import main
from dnn_guide.data import FILES


def test_help_as_module():
    out = subprocess.run([sys.executable, "-m", "dnn_guide", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "info" in out.stdout and "make-sample" in out.stdout


def test_info_on_the_sample(capsys):
    assert main(["info", "--device", "cpu", "--data", "sample"]) == 0
    out = capsys.readouterr().out
    assert "device: cpu" in out and "MNIST: sample, 6000 train / 1000 test" in out


def test_unavailable_device_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(SystemExit) as exit_:
        main(["info", "--device", "cuda", "--data", "sample"])
    assert exit_.value.code == 2
    assert "error: device='cuda' was asked for, but CUDA is not available" in capsys.readouterr().err


def test_missing_data_path_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["info", "--data", str(tmp_path / "missing")])
    assert "does not exist" in capsys.readouterr().err


def test_make_sample(tmp_path, capsys):
    from dnn_guide.data import SAMPLE_DIR

    assert main(["make-sample", str(SAMPLE_DIR), "--out", str(tmp_path), "--train", "60", "--test", "10"]) == 0
    assert len(list(tmp_path.glob("*.gz"))) == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--train", "0"], "argument --train: must be a positive integer, got '0'"),
        (["--test", "-5"], "argument --test: must be a positive integer, got '-5'"),
        (["--seed", "-1"], "argument --seed: must be a non-negative integer, got '-1'"),
        (["--train", "ten"], "argument --train: must be a positive integer, got 'ten'"),
    ],
)
def test_make_sample_counts_are_checked_with_the_usage_line(argv, message, tmp_path, capsys):
    from dnn_guide.data import SAMPLE_DIR

    with pytest.raises(SystemExit) as exit_:
        main(["make-sample", str(SAMPLE_DIR), "--out", str(tmp_path / "out"), *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("usage: dnn-guide make-sample") and message in err
    assert not (tmp_path / "out").exists()


def test_make_sample_refuses_more_than_the_source_and_a_file_as_out(tmp_path, capsys):
    from dnn_guide.data import SAMPLE_DIR

    with pytest.raises(SystemExit):
        main(["make-sample", str(SAMPLE_DIR), "--out", str(tmp_path / "out"), "--train", "100000"])
    assert "asked for 100000 train images but" in capsys.readouterr().err
    (tmp_path / "file").write_text("")
    with pytest.raises(SystemExit):
        main(["make-sample", str(SAMPLE_DIR), "--out", str(tmp_path / "file"), "--train", "10", "--test", "10"])
    assert "is a file, not a folder" in capsys.readouterr().err


def test_make_sample_leaves_no_temporary_files(tmp_path):
    from dnn_guide.data import SAMPLE_DIR

    assert main(["make-sample", str(SAMPLE_DIR), "--out", str(tmp_path), "--train", "60", "--test", "10"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.gz" for name in FILES.values())


def test_info_on_a_file_instead_of_a_folder(capsys):
    from dnn_guide.data import SAMPLE_DIR

    with pytest.raises(SystemExit) as exit_:
        main(["info", "--data", str(SAMPLE_DIR / "t10k-labels-idx1-ubyte.gz")])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "is a file: pass the folder" in err and len(err.splitlines()) == 1
