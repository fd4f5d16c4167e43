import json

import matplotlib

matplotlib.use("Agg")

import pytest

from dnn_guide.results import load_records, plot_reproduction, summarize_bench, summarize_reproduction


def write(folder, name, record):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(record))


def test_summary_over_seeds(tmp_path):
    for seed, accuracy in ((1, 0.90), (2, 0.92), (3, 0.94)):
        write(
            tmp_path,
            f"09_1-seed{seed}.json",
            {
                "lab": "09_1",
                "seed": seed,
                "test_accuracy": accuracy,
                "test_accuracy_unscaled": accuracy - 0.1,
                "final_loss": 0.3,
                "data": "full",
                "device": "cpu",
                "original_accuracy": 0.8944,
                "commit": "abc",
                "date": "2026-11-26",
                "title": "softmax",
            },
        )
    (row,) = summarize_reproduction(load_records(tmp_path))
    assert row["seeds"] == 3 and row["accuracies"] == [0.90, 0.92, 0.94]
    assert row["mean"] == pytest.approx(0.92) and row["std"] == pytest.approx(0.02)
    assert row["difference"] == pytest.approx(0.92 - 0.8944) and row["unscaled_mean"] == pytest.approx(0.82)
    assert len(plot_reproduction([row]).axes[0].patches) == 2


def test_bench_rows_and_bad_json(tmp_path):
    write(
        tmp_path,
        "09_1-cpu.json",
        {
            "lab": "09_1",
            "device": "cpu",
            "threads": 2,
            "ratio": 10.0,
            "fit_vs_floor": 0.9,
            "samples_per_s": {"original": 1, "fit": 10, "floor": 11},
        },
    )
    assert summarize_bench(load_records(tmp_path))[0]["fit"] == 10
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ValueError, match="broken.json is not valid JSON"):
        load_records(tmp_path)
    assert load_records(tmp_path / "missing") == []


def test_committed_records_cover_three_seeds_per_mnist_lab():
    from conftest import ROOT

    from dnn_guide.labs import LABS
    from dnn_guide.reproduce import BACKPROP_LABS

    rows = {r["lab"]: r for r in summarize_reproduction(load_records(ROOT / "docs" / "results" / "reproduce"))}
    for lab in [*LABS, *BACKPROP_LABS]:
        assert rows[lab]["data"] == "full" and rows[lab]["seeds"] >= 3, lab
