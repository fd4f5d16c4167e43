import math

import pytest
import torch

from dnn_guide.xor import XOR_X, XOR_Y, sigmoid_mlp, train_xor, train_xor_seeds


def test_sigmoid_mlp_layers():
    model = sigmoid_mlp([2, 10, 1])
    assert [type(m).__name__ for m in model] == ["Linear", "Sigmoid", "Linear", "Sigmoid"]
    assert model(XOR_X).shape == (4, 1)


def test_perceptron_is_stuck_at_ln2():
    model, losses = train_xor([2, 1], steps=2001)
    assert losses[-1] == pytest.approx(math.log(2), abs=1e-4)
    assert torch.allclose(model(XOR_X), torch.full((4, 1), 0.5), atol=1e-3)


def test_two_layer_net_solves_xor_with_the_labs_seed():
    model, losses = train_xor([2, 2, 1], seed=777)
    assert losses[-1] < 2e-3
    assert torch.equal((model(XOR_X) >= 0.5).float(), XOR_Y)


def test_batched_seeds_train_like_one_at_a_time():
    seeds = [0, 1, 5, 777]
    batched = train_xor_seeds([2, 2, 1], seeds, steps=1500, dtype=torch.float64)
    for i, seed in enumerate(seeds):
        model, losses = train_xor([2, 2, 1], seed=seed, steps=1500, dtype=torch.float64)
        with torch.no_grad():
            final = torch.nn.functional.binary_cross_entropy(model(XOR_X.double()), XOR_Y.double()).item()
        assert batched["final_loss"][i].item() == pytest.approx(final, rel=1e-6, abs=1e-9)
