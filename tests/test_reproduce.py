import json

import pytest
import torch

import dnn_guide
from dnn_guide.bench import bench_lab
from dnn_guide.cli import main
from dnn_guide.labs import AS_WRITTEN, LABS, build_model, corrected_lab, train_lab
from dnn_guide.reproduce import ALL_LABS, run_lab, write_record


@pytest.fixture(scope="module")
def small():
    """A 1,200/300 slice of the shipped sample: enough to train for an epoch in a test."""
    data = dnn_guide.load_mnist("sample")
    return dnn_guide.MNIST(data.X_train[:1200], data.y_train[:1200], data.X_test[:300], data.y_test[:300], "sample")


def test_every_lab_builds_and_trains(small):
    for lab in LABS:
        run = train_lab(lab, small, seed=0, epochs=1)
        assert 0.0 <= run["test_accuracy"] <= 1.0 and run["epochs"] == 1
        # 9-4 as written ends in linear3: 512 outputs (its linear4 and linear5 are never used)
        outputs = 512 if lab == "09_4_as_written" else 10
        assert build_model(lab)(small.X_test[:2]).shape == (2, outputs)


def test_as_written_labs_match_the_original_code():
    import torch.nn as nn

    for lab in LABS:
        if lab.endswith(AS_WRITTEN):
            assert corrected_lab(lab) in LABS and ALL_LABS.index(lab) > ALL_LABS.index(corrected_lab(lab))
    # 09_4: Sequential(linear1, relu, linear2, relu, linear3)
    assert [type(m) for m in build_model("09_4_as_written")] == [nn.Linear, nn.ReLU] * 2 + [nn.Linear]
    # 09_7: Xavier, no dropout (keep_prob is defined and never used); test images at 0-255
    spec = LABS["09_7_as_written"]
    assert spec.init == "xavier" and spec.dropout == 0.0 and spec.test_scale == 255
    assert not any(isinstance(m, (nn.Dropout, nn.AlphaDropout)) for m in build_model("09_7_as_written"))
    # 09_6 tests through a ToTensor DataLoader (scaled) with batch 32 and drop_last: 9,984 images
    assert LABS["09_6_as_written"].test_scale == 1 and LABS["09_6_as_written"].test_rows == 10_000 // 32 * 32
    for lab in ("09_1", "09_2", "09_3", "09_4", "09_5"):
        assert LABS[lab + AS_WRITTEN].test_scale == 255 and LABS[lab].test_scale == 1


def test_as_written_run_is_the_corrected_run_tested_on_0_255(small):
    """09_1 differs from its as-written code only in the test scaling: one seed, one trained model."""
    corrected = run_lab("09_1", 3, data=small, epochs=1)
    as_written = run_lab("09_1_as_written", 3, data=small, epochs=1)
    assert as_written["test_accuracy"] == corrected["test_accuracy_unscaled"]
    assert as_written["test_accuracy_scaled"] == corrected["test_accuracy"]


def test_backprop_as_written_steps_biases_by_the_batch_mean(small):
    from dnn_guide.backprop import train_mnist

    plain, _ = train_mnist(small, seed=4, steps=3, eval_every=3)
    written, history = train_mnist(small, seed=4, steps=3, eval_every=3, as_written=True)
    assert not torch.equal(plain["b1"], written["b1"]) and not torch.equal(plain["w1"], written["w1"])
    record = run_lab("08_4_as_written", 1, data=small, epochs=1)
    assert record["test_rows"] == 300 and "test_accuracy_scaled" in record and record["original_accuracy"] == 0.92


def test_seeded_lab_runs_repeat(small):
    a = train_lab("09_2", small, seed=5, epochs=1)["history"]
    b = train_lab("09_2", small, seed=5, epochs=1)["history"]
    assert a == b


def test_record_fields_and_file(small, tmp_path):
    record = run_lab("09_6", 1, data=small, epochs=1)
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


def test_xor_and_backprop_records(small):
    record = run_lab("08_1", 777)
    assert record["test_accuracy"] == 0.5 and abs(record["final_loss"] - 0.6931) < 1e-3 and record["seconds"] > 0
    record = run_lab("08_4", 1, data=small, epochs=1)
    assert record["steps"] == 120 and 0 < record["test_accuracy"] <= 1 and record["seconds"] > 0


def test_unknown_lab():
    with pytest.raises(ValueError, match="unknown lab '10_1'"):
        run_lab("10_1", 1)
    assert ALL_LABS[:4] == ["08_1", "08_2", "08_3", "08_4"]


def test_bench_record(small):
    record = bench_lab("09_1", small)
    assert set(record["samples_per_s"]) == {"original", "fit", "floor"}
    assert all(v > 0 for v in record["samples_per_s"].values())
    assert record["ratio"] == pytest.approx(
        record["samples_per_s"]["fit"] / record["samples_per_s"]["original"], rel=1e-2
    )


def test_cli_reproduce_and_bench_on_the_sample(tmp_path, capsys):
    assert (
        main(
            [
                "reproduce",
                "--labs",
                "08_1,09_1",
                "--seeds",
                "4",
                "--epochs",
                "1",
                "--data",
                "sample",
                "--device",
                "cpu",
                "--out",
                str(tmp_path / "r"),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [
        "08_1-seed4-xor-cpu.json",
        "09_1-seed4-sample-cpu.json",
    ]
    assert main(["bench", "--labs", "09_6", "--data", "sample", "--device", "cpu", "--out", str(tmp_path / "b")]) == 0
    assert json.loads((tmp_path / "b" / "09_6-cpu.json").read_text())["lab"] == "09_6"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["reproduce", "--labs", "09_9"], "unknown lab 09_9"),
        (["reproduce", "--seeds", "x"], "--seeds takes comma-separated integers"),
        (["reproduce", "--labs", "09_1", "--data", "/no/such/folder"], "does not exist"),
        (["bench", "--labs", "08_1"], "unknown lab 08_1"),
    ],
)
def test_cli_bad_arguments(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_cli_unavailable_device(monkeypatch, capsys):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(SystemExit):
        main(["bench", "--device", "cuda", "--data", "sample"])
    assert "CUDA is not available" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["reproduce", "bench"])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0 and "--labs" in capsys.readouterr().out
