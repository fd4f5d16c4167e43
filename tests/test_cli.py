import subprocess
import sys

import pytest
import torch

from dnn_guide.cli import main


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
