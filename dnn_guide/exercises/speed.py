"""Exercises of the speed lab (``docs/labs/speed.py``): the FLOPs of a training step, and samples per second.

The FLOP checker counts with PyTorch's own ``torch.utils.flop_counter.FlopCounterMode`` on small MLPs of
random layer sizes (one forward and backward pass); the throughput checker uses fresh random step times.
"""

from __future__ import annotations

import random

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from . import FLOAT64, AnswerError, Say, Tolerance, answer_number, call, checker, hard_coded, name_the_mistake

__all__ = ["check_samples_per_second", "check_train_step_flops", "samples_per_second", "train_step_flops"]


def train_step_flops(sizes, batch_size):
    """Reference: FLOPs of one training step (forward + backward matrix products) of an MLP with these sizes.

    Each ``nn.Linear(n_in, n_out)`` costs ``2 · n_in · n_out`` FLOPs per sample forward, the same again for
    its weight gradient, and the same again for its input's gradient, except the first layer, whose input
    (the data) needs no gradient. Biases, activations, the loss and the optimizer are not counted.
    """
    flops = 0
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        product = 2 * n_in * n_out * batch_size
        flops += 2 * product if i == 0 else 3 * product
    return flops


def samples_per_second(step_seconds, batch_size, warmup):
    """Reference: samples per second over the measured steps after the first ``warmup`` ones."""
    timed = step_seconds[warmup:]
    return batch_size * len(timed) / sum(timed)


def counted_flops(sizes, batch_size) -> int:
    """What ``FlopCounterMode`` counts for one forward and backward pass of a ReLU MLP with these sizes."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    model = nn.Sequential(*layers[:-1])
    X = torch.randn(batch_size, sizes[0])
    with FlopCounterMode(display=False) as counter:
        model(X).sum().backward()
    return counter.get_total_flops()


def _shown(got: float, want: float, decimals: int) -> tuple[str, str]:
    """``got`` and ``want`` with thousands separators and ``decimals`` decimals, more where they would print alike."""
    for d in range(decimals, decimals + 12):
        g, w = f"{got:,.{d}f}", f"{want:,.{d}f}"
        if g != w:
            return g, w
    return f"{got!r}", f"{want!r}"


def _in_case(case: Say, hints: list[tuple[float, Say]]) -> list[tuple[float, Say]]:
    """Each hint's message after the case it was found in."""
    return [(value, Say(ko=f"{case.ko}: {say.ko}", en=f"{case.en}: {say.en}")) for value, say in hints]


def _number(got, what: Say) -> tuple[float, Tolerance]:
    """The learner's number in any reasonable form, and the tolerance that fits its dtype: float64 arithmetic
    (an integer count is exact within it), widened to float32's where the answer is a float32 tensor or array."""
    tol = FLOAT64.fitting(got.dtype) if isinstance(got, torch.Tensor) else FLOAT64
    return answer_number(got, what).item(), tol


#: (layer sizes, batch size) the FLOP checker counts.
FLOP_CASES = (([20, 16, 5], 8), ([12, 30, 30, 4], 5), ([7, 3], 3))
#: Layer sizes and batch sizes a learner may type instead of the arguments: the lab's 9-2 network and batch
#: of 100, and the checker's other cases.
FIXED_SIZES = ([784, 256, 256, 10], [784, 10], *(sizes for sizes, _ in FLOP_CASES))
FIXED_BATCHES = (100, *(batch for _, batch in FLOP_CASES))


@checker(
    Say(ko="학습 스텝 하나의 FLOP", en="FLOPs of a training step"),
    success=Say(
        ko="맞습니다. 층 크기와 배치 크기가 다른 MLP 세 개에서 FlopCounterMode가 센 값과 같습니다.",
        en="correct: equals FlopCounterMode's count on three MLPs of different layer and batch sizes",
    ),
)
def check_train_step_flops(flops_fn) -> None:
    """Check ``flops_fn(sizes, batch_size)``: the FLOPs of one forward + backward pass, as FlopCounterMode counts."""
    for sizes, batch in FLOP_CASES:
        want = counted_flops(sizes, batch)
        case = Say(ko=f"sizes={sizes}, batch_size={batch}", en=f"sizes={sizes}, batch_size={batch}")
        got, tol = _number(call(flops_fn, list(sizes), batch), case)
        if tol.close(got, want):
            continue
        products = sum(2 * a * b for a, b in zip(sizes[:-1], sizes[1:])) * batch
        biases = sum(sizes[1:]) * batch
        hints = [
            (
                products,
                Say(
                    ko="순전파만 셌습니다. 역전파는 층마다 같은 크기의 행렬 곱을 두 번(가중치의 기울기, 층 입력의 "
                    "기울기) 더 합니다.",
                    en="you counted the forward pass only; the backward pass does two more products of the same "
                    "size per layer (the weight gradient and the input gradient)",
                ),
            ),
            (
                3 * products,
                Say(
                    ko="첫 층 입력의 기울기까지 셌습니다. 첫 층의 입력은 데이터라서 기울기를 구하지 않습니다.",
                    en="you counted the first layer's input gradient too; its input is the data, which needs no "
                    "gradient",
                ),
            ),
            (
                want / 2,
                Say(
                    ko="곱셈-덧셈(multiply-add) 횟수를 셌습니다. 곱셈-덧셈 하나는 FLOP 두 번입니다.",
                    en="you counted multiply-adds; each one is two FLOPs",
                ),
            ),
            (
                want / batch,
                Say(
                    ko="샘플 하나의 FLOP입니다. 배치 크기를 곱하세요.",
                    en="that is per sample: multiply by the batch size",
                ),
            ),
            *[
                (
                    want + k * biases,
                    Say(
                        ko="편향(bias)의 덧셈까지 셌습니다. FlopCounterMode는 행렬 곱만 셉니다.",
                        en="you counted the bias additions too; FlopCounterMode counts the matrix products only",
                    ),
                )
                for k in (1, 2)
            ],
            *[
                (train_step_flops(fixed, batch), hard_coded("sizes", fixed, sizes))
                for fixed in FIXED_SIZES
                if fixed != sizes
            ],
            *[
                (train_step_flops(sizes, fixed), hard_coded("batch_size", fixed, batch))
                for fixed in FIXED_BATCHES
                if fixed != batch
            ],
        ]
        name_the_mistake(got, _in_case(case, hints), tol)
        g, w = _shown(got, want, 0)
        raise AnswerError(
            Say(
                ko=f"{case.ko}: {w}이어야 하는데 {g}입니다. 층마다 2 · in · out · batch_size를 순전파, "
                "가중치의 기울기, (첫 층을 빼고) 입력의 기울기에서 한 번씩 더하세요.",
                en=f"{case.en}: expected {w}, got {g}. Per layer, add 2 · in · out · batch_size "
                "for the forward pass, for the weight gradient, and (except the first layer) for the input "
                "gradient",
            )
        )


#: (warmup, batch size) of the throughput checker; each set of times has 12 steps after the warm-up.
SPEED_CASES = ((1, 100), (3, 64))
#: Warm-up counts and batch sizes a learner may type instead of the arguments: the lab's 10 and 100, and the
#: checker's other case.
FIXED_WARMUPS = (10, *(warmup for warmup, _ in SPEED_CASES))
FIXED_SPEED_BATCHES = (100, *(batch for _, batch in SPEED_CASES))


@checker(
    Say(ko="초당 샘플 수", en="samples per second"),
    success=Say(
        ko="맞습니다. 워밍업 스텝 수와 배치 크기가 다른 무작위 측정 시간 두 벌에서 기준 구현과 같습니다.",
        en="correct: matches the reference on two sets of random step times, with different warm-up counts and "
        "batch sizes",
    ),
)
def check_samples_per_second(speed_fn) -> None:
    """Check ``speed_fn(step_seconds, batch_size, warmup)``: samples per second over the steps after the warm-up."""
    rng = random.Random(31)
    for warmup, batch in SPEED_CASES:
        times = [rng.uniform(0.05, 0.2) for _ in range(warmup)] + [rng.uniform(0.002, 0.004) for _ in range(12)]
        want = samples_per_second(times, batch, warmup)
        case = Say(ko=f"warmup={warmup}, batch_size={batch}", en=f"warmup={warmup}, batch_size={batch}")
        got, tol = _number(call(speed_fn, list(times), batch, warmup), case)
        if tol.close(got, want):
            continue
        timed = times[warmup:]
        hints = [
            (
                batch * len(times) / sum(times),
                Say(
                    ko="워밍업 스텝까지 셌습니다. 처음 warmup개 스텝은 빼고 나머지 스텝의 시간만 쓰세요.",
                    en="the warm-up steps are included: leave out the first `warmup` steps",
                ),
            ),
            (
                batch * len(times) / sum(timed),
                Say(
                    ko="시간은 워밍업 뒤의 스텝만 더했는데, 샘플 수는 모든 스텝으로 셌습니다.",
                    en="the time covers the steps after the warm-up, but the sample count covers all steps",
                ),
            ),
            (
                len(timed) / sum(timed),
                Say(
                    ko="초당 스텝 수입니다. 스텝마다 batch_size장을 처리하므로 곱하세요.",
                    en="that is steps per second: each step processes batch_size samples, multiply by it",
                ),
            ),
            (
                sum(timed) / (batch * len(timed)),
                Say(
                    ko="샘플 하나당 초(초/샘플)입니다. 뒤집어서 샘플 수를 시간으로 나누세요.",
                    en="that is seconds per sample: invert it, samples divided by seconds",
                ),
            ),
            (
                batch * len(timed) / (sum(timed) / len(timed)),
                Say(
                    ko="샘플 수를 스텝 시간의 평균으로 나눴습니다. 스텝 시간의 합으로 나누거나, batch_size를 평균 "
                    "시간으로 나누세요.",
                    en="you divided the sample count by the mean step time; divide it by the total time, or "
                    "batch_size by the mean time",
                ),
            ),
            *[
                (samples_per_second(times, batch, fixed), hard_coded("warmup", fixed, warmup))
                for fixed in FIXED_WARMUPS
                if fixed != warmup and fixed < len(times)
            ],
            *[
                (samples_per_second(times, fixed, warmup), hard_coded("batch_size", fixed, batch))
                for fixed in FIXED_SPEED_BATCHES
                if fixed != batch
            ],
        ]
        name_the_mistake(got, _in_case(case, hints), tol)
        g, w = _shown(got, want, 1)
        raise AnswerError(
            Say(
                ko=f"{case.ko}: {w}이어야 하는데 {g}입니다. (샘플 수) ÷ (워밍업 뒤 스텝 시간의 합)입니다.",
                en=f"{case.en}: expected {w}, got {g}: samples after the warm-up ÷ their total time",
            )
        )
