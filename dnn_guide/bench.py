"""Time one epoch of a lab four ways: the original lab loop, ``fit``, a bare loop, and (on CUDA) a CUDA graph.

- original: ``torchvision.datasets.MNIST`` + ``transforms.ToTensor()`` + ``DataLoader``, the way the
  course notebooks feed the model, one image at a time through PIL;
- fit: :func:`dnn_guide.fit` on tensors already in memory (on the device);
- floor: the same steps on the same tensors with nothing else (no metrics): what the model costs when
  every operation is launched one by one;
- graph (CUDA only): the same step captured once as a CUDA graph and replayed
  (:mod:`dnn_guide.cuda_graph`); its first steps are checked against the eager loop's (:func:`step_losses`).

Each is timed in the same process, after a short warm-up, on the same model, data and batch size; with
``repeat`` > 1 each is timed that many times and the fastest run counts (runs slowed by other work drop out).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import torch
from torch import nn

from .checks import check_positive_int
from .cuda_graph import WARMUP_STEPS, capture_step, epoch_order, train_step
from .data import FILES, MNIST, iterate_batches, write_idx
from .device import device_name
from .errors import DeviceError, DnnGuideError, InputError
from .experiments import MNIST_EXPERIMENTS as LABS
from .experiments import ExperimentKind, build_model, get_experiment
from .seed import seed_everything
from .train import fit

__all__ = [
    "CHECK_STEPS",
    "LOSS_ATOL",
    "LOSS_RTOL",
    "GraphMismatchError",
    "bench_lab",
    "max_loss_difference",
    "step_losses",
    "write_torchvision_folder",
]

#: How close the graph's step losses must stay to the eager loop's: ``|a - b| <= LOSS_ATOL + LOSS_RTOL * |b|``.
#: Not bit-equal: Adam with ``capturable=True`` computes its bias correction on the GPU in float32.
LOSS_RTOL, LOSS_ATOL = 1e-4, 1e-5
#: Steps compared by the equivalence check (the first :data:`dnn_guide.cuda_graph.WARMUP_STEPS` run eagerly).
CHECK_STEPS = 8


class GraphMismatchError(DnnGuideError, RuntimeError):
    """Two runs that should train alike (the same seed, eager and graph-captured) gave different losses."""


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def write_torchvision_folder(data: MNIST, root: str | Path) -> None:
    """Write the data as torchvision's raw MNIST files under ``root``, so that
    ``torchvision.datasets.MNIST(root, download=False)`` (the original labs' loader) reads the same images."""
    raw = Path(root) / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for split, X, y in (("train", data.X_train, data.y_train), ("test", data.X_test, data.y_test)):
        images = (X.reshape(-1, 28, 28) * 255).round().to(torch.uint8).cpu().numpy()
        write_idx(raw / FILES[f"{split}_images"], images)
        write_idx(raw / FILES[f"{split}_labels"], y.to(torch.uint8).cpu().numpy())


def _setup(lab: str, device: torch.device, seed: int, capturable: bool = False):
    generator = seed_everything(seed)
    model = build_model(lab).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=LABS[lab].lr, capturable=capturable)
    return model, optimizer, nn.CrossEntropyLoss(), generator


def _require_cuda(device: torch.device, what: str) -> None:
    if device.type != "cuda":
        raise DeviceError(
            f"{what} needs the data on a CUDA GPU, but it is on {device}: CUDA graphs exist only there. "
            "Load it with load_mnist(device='cuda') (dnn-guide bench --device cuda), or leave the graph variant out."
        )


def _original(lab: str, root: Path, device: torch.device, epochs: int, seed: int) -> tuple[float, int]:
    from torch.utils.data import DataLoader
    from torchvision import datasets, transforms

    model, optimizer, loss_fn, _ = _setup(lab, device, seed)
    dataset = datasets.MNIST(str(root), train=True, transform=transforms.ToTensor(), download=False)
    loader = DataLoader(dataset, batch_size=LABS[lab].batch_size, shuffle=True, drop_last=True)

    def epoch(limit: int | None = None) -> int:  # the labs' loop, without their running `avg_cost += cost / ...`
        seen = 0
        for i, (X, y) in enumerate(loader):
            if limit is not None and i == limit:
                break
            X, y = X.view(-1, 28 * 28).to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(X), y)
            loss.backward()
            optimizer.step()
            seen += len(X)
        return seen

    epoch(limit=20)  # warm-up
    _sync(device)
    start = time.perf_counter()
    seen = sum(epoch() for _ in range(epochs))
    _sync(device)
    return time.perf_counter() - start, seen


def _fit(lab: str, data: MNIST, epochs: int, seed: int) -> tuple[float, int]:
    device = data.X_train.device
    model, optimizer, loss_fn, generator = _setup(lab, device, seed)
    kwargs = dict(
        loss_fn=loss_fn,
        optimizer=optimizer,
        batch_size=LABS[lab].batch_size,
        generator=generator,
        drop_last=True,
        progress=False,
    )
    fit(model, data.X_train[:2000], data.y_train[:2000], epochs=1, **kwargs)  # warm-up
    _sync(device)
    start = time.perf_counter()
    fit(model, data.X_train, data.y_train, epochs=epochs, **kwargs)
    _sync(device)
    batch = LABS[lab].batch_size
    return time.perf_counter() - start, epochs * (len(data.X_train) // batch) * batch


def _floor(lab: str, data: MNIST, epochs: int, seed: int) -> tuple[float, int]:
    device = data.X_train.device
    model, optimizer, loss_fn, generator = _setup(lab, device, seed)

    def epoch(X: torch.Tensor, y: torch.Tensor) -> int:
        seen = 0
        for X_batch, y_batch in iterate_batches(X, y, LABS[lab].batch_size, generator=generator, drop_last=True):
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
            seen += len(X_batch)
        return seen

    epoch(data.X_train[:2000], data.y_train[:2000])  # warm-up
    _sync(device)
    start = time.perf_counter()
    seen = sum(epoch(data.X_train, data.y_train) for _ in range(epochs))
    _sync(device)
    return time.perf_counter() - start, seen


def _graph(lab: str, data: MNIST, epochs: int, seed: int) -> tuple[float, int]:
    device = data.X_train.device
    _require_cuda(device, "the graph variant")
    model, optimizer, loss_fn, generator = _setup(lab, device, seed, capturable=True)
    n, batch = len(data.X_train), LABS[lab].batch_size
    order = epoch_order(n, batch, generator, device)  # captured: refilled with each epoch's shuffle
    step = torch.zeros(1, dtype=torch.long, device=device)
    graph, _, _ = capture_step(model, loss_fn, optimizer, data.X_train, data.y_train, order, step)
    for _ in range(20):  # warm-up, like the other loops' 20 batches
        graph.replay()
    _sync(device)
    start = time.perf_counter()
    for _ in range(epochs):
        order.copy_(epoch_order(n, batch, generator))
        step.zero_()
        for _ in range(len(order)):
            graph.replay()
    _sync(device)
    return time.perf_counter() - start, epochs * order.numel()


def step_losses(lab: str, data: MNIST, *, steps: int = CHECK_STEPS, seed: int = 0, graph: bool = False) -> list[float]:
    """The losses of a lab's first ``steps`` training steps, eager or (``graph=True``) replayed from a CUDA graph.

    Both start from the same seed: the same initial weights and the same shuffled batches as
    :func:`dnn_guide.fit` with ``drop_last=True``. The eager run uses Adam as the labs do; the graph run
    uses Adam with ``capturable=True``, runs its first :data:`~dnn_guide.cuda_graph.WARMUP_STEPS`
    steps eagerly (the warm-up) and replays the rest.

    Raises:
        DeviceError: ``graph=True`` with the data on another device than a CUDA GPU.
        InputError: an unknown lab, or ``steps`` not a positive int.
    """
    get_experiment(lab, (ExperimentKind.MNIST,))
    check_positive_int(steps, "steps", "step_losses")
    device = data.X_train.device
    if graph:
        _require_cuda(device, "step_losses(graph=True)")
    model, optimizer, loss_fn, generator = _setup(lab, device, seed, capturable=graph)
    order = epoch_order(len(data.X_train), LABS[lab].batch_size, generator, device)
    step = torch.zeros(1, dtype=torch.long, device=device)
    args = (model, loss_fn, optimizer, data.X_train, data.y_train, order, step)
    if not graph:
        return [float(train_step(*args)) for _ in range(steps)]
    captured, loss, losses = capture_step(*args, warmup=min(steps, WARMUP_STEPS))
    for _ in range(steps - len(losses)):
        captured.replay()
        losses.append(loss.clone())  # the replay overwrites loss in place
    return [float(value) for value in losses]


def max_loss_difference(a: list[float], b: list[float], *, rtol: float = LOSS_RTOL, atol: float = LOSS_ATOL) -> float:
    """The largest ``|a[i] - b[i]|`` of two runs' step losses (:func:`step_losses`).

    Raises:
        GraphMismatchError: the runs have different lengths, or a step differs by more than
            ``atol + rtol * |b[i]|``.
    """
    if len(a) != len(b) or not a:
        raise GraphMismatchError(f"cannot compare {len(a)} step losses with {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if not abs(x - y) <= atol + rtol * abs(y):  # `not <=`: a NaN fails too
            raise GraphMismatchError(
                f"step {i}: loss {x!r} vs {y!r} differ by more than {atol} + {rtol} * |{y!r}|: the two runs do not "
                "train alike"
            )
    return max(abs(x - y) for x, y in zip(a, b))


def bench_lab(
    lab: str, data: MNIST, *, epochs: int = 1, seed: int = 0, graph: bool | None = None, repeat: int = 1
) -> dict:
    """Samples per second of the original loop, of ``fit``, of the bare loop and of the CUDA graph, for one lab.

    Args:
        repeat: how many times each variant is timed (``epochs`` epochs each, after its warm-up); the fastest
            run counts, so that runs slowed by other work on the machine drop out.
        graph: time the CUDA-graph variant: ``None`` (default) when the data are on a CUDA GPU,
            ``True`` always (a :class:`~dnn_guide.DeviceError` elsewhere), ``False`` never.

    Returns:
        A record with ``lab``, ``seed``, ``device``, ``threads``, ``epochs``, ``repeat``, ``n_train``, ``data``
        (:attr:`dnn_guide.MNIST.kind`), ``samples_per_s`` (``original``, ``fit``, ``floor``, and
        ``graph`` when the graph variant ran), ``ratio`` (fit over original), ``fit_vs_floor`` and
        ``graph``: None when the graph variant did not run, else ``vs_original`` and ``vs_floor`` (its
        speed over theirs), ``loss_diff`` (the largest difference of the first ``checked_steps`` step
        losses between the eager and the graph run; None, with ``checked_steps`` 0, for a lab with
        dropout, whose random draws differ between the two). Write it with
        ``write_record(RunRecord.from_run(record), out, kind="bench")`` (:mod:`dnn_guide.records`).

    Raises:
        InputError: an unknown lab, ``epochs`` or ``repeat`` not a positive int, or fewer images than one batch.
        DeviceError: ``graph=True`` with the data elsewhere than on a CUDA GPU.
        GraphMismatchError: the graph run's first losses differ from the eager run's.
    """
    get_experiment(lab, (ExperimentKind.MNIST,))
    check_positive_int(epochs, "epochs", "bench_lab")
    check_positive_int(repeat, "repeat", "bench_lab")
    if not isinstance(data, MNIST):
        raise InputError(
            f"bench_lab: data must be a dnn_guide.MNIST (data = load_mnist(...)), got {type(data).__name__}"
        )
    if len(data.X_train) < LABS[lab].batch_size:
        raise InputError(
            f"bench_lab: {len(data.X_train)} training images are less than one batch of {LABS[lab].batch_size}"
        )
    device = data.X_train.device
    run_graph = device.type == "cuda" if graph is None else bool(graph)
    if run_graph:
        _require_cuda(device, "bench_lab(graph=True)")

    def fastest(run, *args) -> tuple[float, int]:  # (seconds, samples) of the fastest of `repeat` runs
        return min((run(*args) for _ in range(repeat)), key=lambda timed: timed[0])

    with tempfile.TemporaryDirectory() as tmp:
        write_torchvision_folder(data, tmp)
        original = fastest(_original, lab, Path(tmp), device, epochs, seed)
    runs = {
        "original": original,
        "fit": fastest(_fit, lab, data, epochs, seed),
        "floor": fastest(_floor, lab, data, epochs, seed),
    }
    if run_graph:
        runs["graph"] = fastest(_graph, lab, data, epochs, seed)
    speed = {name: seen / seconds for name, (seconds, seen) in runs.items()}
    return {
        "lab": lab,
        "seed": seed,
        "title": LABS[lab].title,
        "device": device_name(device),
        "threads": torch.get_num_threads(),
        "epochs": epochs,
        "repeat": repeat,
        "n_train": len(data.X_train),
        "batch_size": LABS[lab].batch_size,
        "data": data.kind,
        "samples_per_s": {k: round(v, 1) for k, v in speed.items()},
        "ratio": round(speed["fit"] / speed["original"], 3),
        "fit_vs_floor": round(speed["fit"] / speed["floor"], 3),
        "graph": _graph_summary(lab, data, seed, speed) if run_graph else None,  # None: not run (it needs CUDA)
    }


def _graph_summary(lab: str, data: MNIST, seed: int, speed: dict[str, float]) -> dict:
    """The graph's speed over the other loops', and its first step losses checked against the eager loop's."""
    checked = CHECK_STEPS if LABS[lab].dropout == 0 else 0  # with dropout the graph draws other random masks
    loss_diff = None
    if checked:
        replayed, eager = step_losses(lab, data, seed=seed, graph=True), step_losses(lab, data, seed=seed)
        loss_diff = max_loss_difference(replayed, eager)
    return {
        "vs_original": round(speed["graph"] / speed["original"], 3),
        "vs_floor": round(speed["graph"] / speed["floor"], 3),
        "loss_diff": loss_diff,
        "checked_steps": checked,
    }
