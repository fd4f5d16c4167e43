import json

import pytest
import torch

import dnn_guide
from dnn_guide.bench import bench_lab
from dnn_guide.cli import main
from dnn_guide.experiments import (
    AS_WRITTEN,
    EXPERIMENTS,
    MNIST_EXPERIMENTS,
    build_model,
    corrected_id,
    run_experiment,
    train_experiment,
)

LABS = MNIST_EXPERIMENTS
ALL_LABS = list(EXPERIMENTS)


def test_every_mnist_experiment_builds_and_trains(small):
    tiny = dnn_guide.MNIST(small.X_train[:200], small.y_train[:200], small.X_test[:50], small.y_test[:50], "sample")
    for lab in LABS:
        run = train_experiment(lab, tiny, seed=0, epochs=1)
        assert 0.0 <= run["test_accuracy"] <= 1.0 and run["epochs"] == 1 and len(run["history"]) == 1
        # 9-4 as written ends in linear3: 512 outputs (its linear4 and linear5 are never used)
        outputs = 512 if lab == "09_4_as_written" else 10
        assert build_model(lab)(small.X_test[:2]).shape == (2, outputs)


def test_as_written_labs_match_the_original_code():
    import torch.nn as nn

    for lab in LABS:
        if lab.endswith(AS_WRITTEN):
            assert corrected_id(lab) in LABS and ALL_LABS.index(lab) > ALL_LABS.index(corrected_id(lab))
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
    corrected = run_experiment("09_1", 3, data=small, epochs=1)
    as_written = run_experiment("09_1_as_written", 3, data=small, epochs=1)
    assert as_written.test_accuracy == corrected.test_accuracy_unscaled
    assert as_written.test_accuracy_scaled == corrected.test_accuracy


def test_backprop_as_written_steps_biases_by_the_batch_mean(small):
    from dnn_guide.backprop import train_mnist

    plain, _ = train_mnist(small, seed=4, steps=3, eval_every=3)
    written, history = train_mnist(small, seed=4, steps=3, eval_every=3, as_written=True)
    assert not torch.equal(plain["b1"], written["b1"]) and not torch.equal(plain["w1"], written["w1"])
    record = run_experiment("08_4_as_written", 1, data=small, epochs=1)
    assert record.test_rows == 300 and record.test_accuracy_scaled is not None and record.original_accuracy == 0.92


def test_seeded_lab_runs_repeat(small):
    a = train_experiment("09_2", small, seed=5, epochs=1)["history"]
    b = train_experiment("09_2", small, seed=5, epochs=1)["history"]
    assert a == b


def test_xor_and_backprop_records(small):
    record = run_experiment("08_1", 777)
    assert record.test_accuracy == 0.5 and abs(record.final_loss - 0.6931) < 1e-3 and record.results["seconds"] > 0
    record = run_experiment("08_4", 1, data=small, epochs=1)
    assert record.results["steps"] == 120 and 0 < record.test_accuracy <= 1 and record.results["seconds"] > 0


def test_unknown_experiment():
    with pytest.raises(dnn_guide.InputError, match="unknown experiment '10_1'"):
        run_experiment("10_1", 1)
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
    bench = json.loads((tmp_path / "b" / "09_6-sample-cpu.json").read_text())  # never the full data's file
    assert bench["lab"] == "09_6" and bench["data"] == "sample" and bench["seed"] == 0
    for field in ("threads", "torch", "dnn_guide", "commit", "date", "samples_per_s", "ratio", "fit_vs_floor"):
        assert field in bench, field


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["reproduce", "--labs", "09_9"], "unknown experiment 09_9"),
        (["reproduce", "--experiments", "09_9"], "unknown experiment 09_9"),
        (["reproduce", "--seeds", "x"], "--seeds takes comma-separated integers"),
        (["reproduce", "--seeds", "1,1"], "listed twice"),
        (["reproduce", "--epochs", "0"], "argument --epochs: must be a positive integer"),
        (["reproduce", "--labs", "09_1", "--data", "/no/such/folder"], "does not exist"),
        (["bench", "--labs", "08_1"], "unknown experiment 08_1"),
        (["bench", "--epochs", "-1"], "argument --epochs: must be a positive integer"),
    ],
)
def test_cli_bad_arguments(argv, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--out", str(tmp_path)])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["reproduce", "bench"])
def test_cli_out_is_checked_before_any_work(command, tmp_path, capsys, monkeypatch):
    import dnn_guide.cli

    monkeypatch.setattr(dnn_guide.cli, "_mnist", lambda args: pytest.fail("data loaded before --out was checked"))
    a_file = tmp_path / "records.json"
    a_file.write_text("{}")
    with pytest.raises(SystemExit) as exit_:
        main([command, "--labs", "09_1", "--data", "sample", "--out", str(a_file)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "--out" in err and "is a file, not a folder" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_reports_an_os_error_in_one_line(tmp_path, capsys, monkeypatch):
    import errno

    import dnn_guide.records

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path))

    monkeypatch.setattr(dnn_guide.records.os, "replace", disk_full)
    with pytest.raises(SystemExit) as exit_:
        main(["reproduce", "--labs", "08_1", "--seeds", "1", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err == f"dnn-guide reproduce: error: No space left on device: {tmp_path}\n"
    assert list(tmp_path.iterdir()) == []  # no half-written record, no temporary file


def test_one_experiment_registry():
    import dnn_guide.labs

    assert ALL_LABS == [
        "08_1",
        "08_2",
        "08_3",
        "08_4",
        "08_4_as_written",
        *["09_1", "09_2", "09_3", "09_4", "09_5", "09_6", "09_6_no_bn", "09_7"],
        *[f"{lab}_as_written" for lab in ["09_1", "09_2", "09_3", "09_4", "09_5", "09_6", "09_6_no_bn", "09_7"]],
    ]
    assert dnn_guide.labs.LABS is MNIST_EXPERIMENTS  # the pages' name for the 09_x experiments, not a copy
    assert [e.id for e in EXPERIMENTS.values()] == ALL_LABS
    assert {id for id, e in EXPERIMENTS.items() if e.kind.value == "mnist"} == set(MNIST_EXPERIMENTS)


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
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and "--experiments" in out and "--labs" in out
