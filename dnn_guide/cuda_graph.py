"""One training step captured as a CUDA graph and replayed: the "graph" variant of ``dnn-guide bench``.

On a GPU the step of a small model is launch-bound: the CPU takes longer to launch each kernel of the
step (every layer, activation, loss, backward and Adam update) than the GPU takes to run it. A CUDA
graph records the kernels of one whole step once; a replay then launches them all at once. This is the
"whole-network capture" of the PyTorch documentation (CUDA semantics, CUDA Graphs:
https://pytorch.org/docs/stable/notes/cuda.html#whole-network-capture):

1. warm up a few real steps on a side stream, so that lazy set-up (such as Adam's state) happens
   before the capture;
2. set the gradients to None, so that the captured backward allocates them from the graph's own memory;
3. capture forward, loss, backward and ``optimizer.step()`` inside ``torch.cuda.graph``; Adam needs
   ``capturable=True`` to keep its step count on the GPU;
4. replay. A replay reads and writes the same memory every time, so nothing may change shape.

Here the mini-batch is gathered inside the graph: the epoch's shuffled indices sit in one captured
tensor, ``order`` (one row per step), and a step counter on the GPU says which row the next replay
takes. A new epoch copies a new shuffle into ``order``. :func:`dnn_guide.fit` stays the plain loop
the lab pages teach; this module is only used to measure what the capture saves.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["WARMUP_STEPS", "capture_step", "epoch_order", "gather_batch", "train_step"]

#: Eager steps run on a side stream before the capture (the PyTorch docs' example runs 3).
WARMUP_STEPS = 3


def epoch_order(
    n: int, batch_size: int, generator: torch.Generator | None = None, device: torch.device | str | None = None
) -> torch.Tensor:
    """The shuffled sample indices of one epoch, one row of ``batch_size`` per step, shape ``(n // batch_size,
    batch_size)``: the batches :func:`dnn_guide.iterate_batches` draws with ``drop_last=True`` from the same
    generator."""
    steps = n // batch_size
    return torch.randperm(n, generator=generator)[: steps * batch_size].view(steps, batch_size).to(device)


def gather_batch(
    X: torch.Tensor, y: torch.Tensor, order: torch.Tensor, step: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows ``order[step % len(order)]`` of ``X`` and ``y``.

    ``step`` is a one-element int64 tensor on the data's device. Only tensor operations are used (no
    ``.item()``, no Python index), so that the gather can run inside a CUDA graph.
    """
    index = order.index_select(0, step.remainder(len(order))).view(-1)
    return X.index_select(0, index), y.index_select(0, index)


def train_step(
    model: nn.Module,
    loss_fn: nn.Module,
    optimizer: torch.optim.Optimizer,
    X: torch.Tensor,
    y: torch.Tensor,
    order: torch.Tensor,
    step: torch.Tensor,
) -> torch.Tensor:
    """One training step on the batch :func:`gather_batch` picks; adds 1 to ``step``; returns the loss."""
    X_batch, y_batch = gather_batch(X, y, order, step)
    optimizer.zero_grad(set_to_none=True)  # in a capture: backward allocates the gradients from the graph's pool
    loss = loss_fn(model(X_batch), y_batch)
    loss.backward()
    optimizer.step()
    step.add_(1)  # in place, on the device: the next step (or replay) takes the next row of order
    return loss.detach()


def capture_step(
    model: nn.Module,
    loss_fn: nn.Module,
    optimizer: torch.optim.Optimizer,
    X: torch.Tensor,
    y: torch.Tensor,
    order: torch.Tensor,
    step: torch.Tensor,
    warmup: int = WARMUP_STEPS,
) -> tuple[torch.cuda.CUDAGraph, torch.Tensor, list[torch.Tensor]]:
    """Run ``warmup`` real steps on a side stream, then capture one more :func:`train_step`.

    Everything must be on one CUDA device, and ``optimizer`` built with ``capturable=True``.
    Capturing runs nothing: after this, ``step`` equals ``warmup`` and the first ``graph.replay()``
    trains on that row of ``order``.

    Returns:
        ``(graph, loss, warmup_losses)``: ``loss`` is the captured step's loss tensor, which every replay
        overwrites (clone it to keep a value); ``warmup_losses`` are the losses of the warm-up steps.
    """
    side = torch.cuda.Stream(X.device)
    side.wait_stream(torch.cuda.current_stream(X.device))
    with torch.cuda.stream(side):  # warm-up on a side stream, as the docs require
        warmup_losses = [train_step(model, loss_fn, optimizer, X, y, order, step) for _ in range(warmup)]
    torch.cuda.current_stream(X.device).wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        loss = train_step(model, loss_fn, optimizer, X, y, order, step)
    return graph, loss, warmup_losses
