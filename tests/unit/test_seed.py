import random

import numpy as np
import torch

from dnn_guide import seed_everything


def draw():
    return random.random(), float(np.random.rand()), torch.rand(3).tolist()


def test_same_seed_same_numbers():
    seed_everything(777)
    first = draw()
    seed_everything(777)
    assert draw() == first
    seed_everything(778)
    assert draw() != first


def test_returns_a_seeded_generator():
    a = torch.randperm(10, generator=seed_everything(1))
    b = torch.randperm(10, generator=seed_everything(1))
    assert torch.equal(a, b)


def test_deterministic_mode(monkeypatch):
    monkeypatch.setattr(torch, "use_deterministic_algorithms", lambda flag: calls.append(flag))
    calls = []
    seed_everything(0, deterministic=True)
    assert calls == [True]
