"""The bench's graph-captured variant: what can be checked on a CPU, and (with CUDA) the graph itself."""

import json
import math

import pytest
import torch
from torch import nn

import dnn_guide
from dnn_guide import bench
from dnn_guide.bench import GraphMismatchError, bench_lab, max_loss_difference, step_losses
from dnn_guide.cuda_graph import WARMUP_STEPS, epoch_order, gather_batch, train_step
from dnn_guide.experiments import MNIST_EXPERIMENTS as LABS
from dnn_guide.experiments import build_model
from dnn_guide.records import RunRecord, write_record

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA graphs need a CUDA GPU")


@pytest.fixture(scope="module")
def small(sample_mnist):
    """600/100 images of the shipped sample: six batches of the labs' 100."""
    data = sample_mnist
    return dnn_guide.MNIST(data.X_train[:600], data.y_train[:600], data.X_test[:100], data.y_test[:100], "sample")


# --- gathering the batch by indices --------------------------------------------------------------


def test_epoch_order_gives_the_batches_of_iterate_batches(small):
    X, y = small.X_train[:530], small.y_train[:530]  # 5 batches of 100 and 30 left over
    order = epoch_order(len(X), 100, dnn_guide.seed_everything(3))
    assert order.shape == (5, 100) and order.dtype == torch.long
    expected = list(dnn_guide.iterate_batches(X, y, 100, generator=dnn_guide.seed_everything(3), drop_last=True))
    assert len(expected) == len(order)
    step = torch.zeros(1, dtype=torch.long)
    for X_batch, y_batch in expected:
        got_X, got_y = gather_batch(X, y, order, step)
        assert torch.equal(got_X, X_batch) and torch.equal(got_y, y_batch)
        step.add_(1)


def test_gather_batch_wraps_around_and_needs_no_python_index(small):
    X, y = small.X_train, small.y_train
    order = torch.arange(600).view(6, 100)
    for step in (0, 5, 6, 13):  # 6 and 13: row 0 and row 1 again
        X_batch, y_batch = gather_batch(X, y, order, torch.tensor([step]))
        assert torch.equal(X_batch, X[order[step % 6]]) and torch.equal(y_batch, y[order[step % 6]])


def test_train_step_counts_and_returns_a_detached_loss(small):
    dnn_guide.seed_everything(0)
    model = build_model("09_1")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    order, step = epoch_order(600, 100), torch.zeros(1, dtype=torch.long)
    before = model[0].weight.detach().clone()
    loss = train_step(model, nn.CrossEntropyLoss(), optimizer, small.X_train, small.y_train, order, step)
    assert step.item() == 1 and loss.ndim == 0 and not loss.requires_grad and math.isfinite(loss.item())
    assert not torch.equal(before, model[0].weight)


# --- the equivalence check, exercised eager against eager ----------------------------------------


def test_eager_step_losses_are_the_plain_loop_s(small):
    """The reference the graph is checked against trains exactly like the bare loop over iterate_batches."""
    lab, seed, steps = "09_2", 5, 6
    generator = dnn_guide.seed_everything(seed)
    model = build_model(lab)
    loss_fn, optimizer = nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=LABS[lab].lr)
    plain = []
    for X_batch, y_batch in dnn_guide.iterate_batches(
        small.X_train, small.y_train, 100, generator=generator, drop_last=True
    ):
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch), y_batch)
        loss.backward()
        optimizer.step()
        plain.append(loss.item())
    assert step_losses(lab, small, steps=steps, seed=seed) == plain[:steps]


@pytest.mark.parametrize("lab", ["09_1", "09_6"])  # 09_6: batch norm, batches of 32
def test_same_seed_agrees_and_another_seed_does_not(small, lab):
    a, b = step_losses(lab, small, seed=1), step_losses(lab, small, seed=1)
    assert len(a) == bench.CHECK_STEPS and max_loss_difference(a, b) == 0.0
    with pytest.raises(GraphMismatchError, match="step 0"):
        max_loss_difference(step_losses(lab, small, seed=2), a)


def test_max_loss_difference_tolerance():
    assert max_loss_difference([2.0, 1.0], [2.0, 1.0 + 5e-5]) == pytest.approx(5e-5)  # within 1e-5 + 1e-4 * 1
    with pytest.raises(GraphMismatchError, match="step 1"):
        max_loss_difference([2.0, 1.0], [2.0, 1.0 + 2e-4])
    with pytest.raises(GraphMismatchError, match="step 0"):
        max_loss_difference([float("nan")], [1.0])
    with pytest.raises(GraphMismatchError, match="cannot compare 1 step losses with 2"):
        max_loss_difference([1.0], [1.0, 1.0])
    with pytest.raises(GraphMismatchError):
        max_loss_difference([], [])


def test_step_losses_bad_arguments(small):
    with pytest.raises(dnn_guide.InputError, match="unknown experiment '10_1'"):
        step_losses("10_1", small)
    with pytest.raises(dnn_guide.InputError, match="steps must be a positive int"):
        step_losses("09_1", small, steps=0)


# --- the graph variant on a CPU: refused when asked for, recorded as not run ---------------------


def test_graph_variant_on_a_cpu_is_a_device_error(small, monkeypatch):
    with pytest.raises(dnn_guide.DeviceError, match="needs the data on a CUDA GPU, but it is on cpu"):
        step_losses("09_1", small, graph=True)
    monkeypatch.setattr(bench, "_original", lambda *a: pytest.fail("timed before the device was checked"))
    with pytest.raises(dnn_guide.DeviceError, match=r"bench_lab\(graph=True\) needs the data on a CUDA GPU"):
        bench_lab("09_1", small, graph=True)


def test_cpu_record_says_the_graph_did_not_run(small, tmp_path):
    record = bench_lab("09_1", small)  # graph=None: on a CPU, not run
    assert list(record["samples_per_s"]) == ["original", "fit", "floor"]  # no speed for what did not run
    assert all(v > 0 for v in record["samples_per_s"].values())
    assert record["graph"] is None
    assert bench_lab("09_1", small, graph=False)["graph"] is None
    saved = json.loads(write_record(RunRecord.from_run(record), tmp_path, commit="abc", kind="bench").read_text())
    assert "graph" in saved and saved["graph"] is None and '"graph": null' in json.dumps(saved)


def test_repeat_keeps_the_fastest_run_of_each_variant(small, monkeypatch):
    calls = {}

    def timed(name, seconds):  # a variant whose runs take these seconds, in turn, for 600 samples each
        runs = iter(seconds)

        def run(*args):
            calls[name] = calls.get(name, 0) + 1
            return next(runs), 600

        return run

    monkeypatch.setattr(bench, "_original", timed("original", [3.0, 2.0, 4.0]))
    monkeypatch.setattr(bench, "_fit", timed("fit", [0.5, 0.6, 0.4]))
    monkeypatch.setattr(bench, "_floor", timed("floor", [0.2, 0.3, 0.3]))
    record = bench_lab("09_1", small, repeat=3)
    assert calls == {"original": 3, "fit": 3, "floor": 3} and record["repeat"] == 3
    assert record["samples_per_s"] == {"original": 300.0, "fit": 1500.0, "floor": 3000.0}
    assert record["ratio"] == 5.0 and record["fit_vs_floor"] == 0.5


def test_repeat_must_be_a_positive_int(small, monkeypatch):
    monkeypatch.setattr(bench, "_original", lambda *a: pytest.fail("timed before repeat was checked"))
    with pytest.raises(dnn_guide.InputError, match=r"bench_lab: repeat must be a positive int, got 0"):
        bench_lab("09_1", small, repeat=0)


def test_torchvision_folder_reads_back_the_same_images(small, tmp_path):
    from torchvision import datasets, transforms

    bench.write_torchvision_folder(small, tmp_path)
    dataset = datasets.MNIST(str(tmp_path), train=True, transform=transforms.ToTensor(), download=False)
    image, label = dataset[7]
    assert len(dataset) == 600 and label == small.y_train[7].item()
    assert torch.allclose(image.view(-1), small.X_train[7], atol=0.5 / 255)


# --- the graph itself (CUDA only) ----------------------------------------------------------------


@needs_cuda
@pytest.mark.parametrize("lab", ["09_1", "09_2", "09_6"])
def test_graph_trains_like_eager_on_cuda(lab):
    data = dnn_guide.load_mnist("sample", device="cuda")
    eager = step_losses(lab, data, seed=0)
    replayed = step_losses(lab, data, seed=0, graph=True)
    assert len(replayed) == bench.CHECK_STEPS > WARMUP_STEPS  # some steps really are replays
    assert max_loss_difference(replayed, eager) < 1e-3


@needs_cuda
def test_cuda_record_has_the_graph_speed():
    full = dnn_guide.load_mnist("sample", device="cuda")
    data = dnn_guide.MNIST(full.X_train[:2000], full.y_train[:2000], full.X_test, full.y_test, "sample")
    record = bench_lab("09_1", data)
    assert record["samples_per_s"]["graph"] > 0
    graph = record["graph"]
    assert graph["vs_floor"] > 0 and graph["vs_original"] > 0 and graph["checked_steps"] == bench.CHECK_STEPS
    assert graph["loss_diff"] is not None and graph["loss_diff"] < 1e-3
    assert bench_lab("09_5", data)["graph"]["checked_steps"] == 0  # dropout: not compared
