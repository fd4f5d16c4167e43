import math

import pytest
import torch
from torch import nn

from dnn_guide.models import INITS, activation_stats, init_weights, mlp


def test_layers_in_order():
    model = mlp([784, 32, 32, 10], batch_norm=True, dropout=0.3)
    names = [type(m).__name__ for m in model]
    assert names == ["Linear", "BatchNorm1d", "ReLU", "Dropout"] * 2 + ["Linear"]
    assert mlp([784, 10]).__len__() == 1  # softmax regression: one Linear
    assert isinstance(mlp([4, 8, 2], activation="selu", dropout=0.1)[2], nn.AlphaDropout)


@pytest.mark.parametrize(
    ("scheme", "expected_std"),
    [
        ("normal", lambda fan_in, fan_out: 1.0),
        ("xavier", lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
        ("xavier_normal", lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
        ("he", lambda fan_in, fan_out: math.sqrt(2 / fan_in)),
        ("lecun", lambda fan_in, fan_out: math.sqrt(1 / fan_in)),
    ],
)
def test_init_statistics_match_the_formulas(scheme, expected_std):
    torch.manual_seed(0)
    layer = nn.Linear(400, 300)
    init_weights(layer, scheme)
    assert layer.weight.std().item() == pytest.approx(expected_std(400, 300), rel=0.02)
    assert abs(layer.weight.mean().item()) < 0.01 * max(1.0, expected_std(400, 300) * 10)


def test_init_matches_torch_nn_init_with_the_same_seed():
    torch.manual_seed(3)
    ours = init_weights(nn.Linear(50, 20), "he").weight
    torch.manual_seed(3)
    reference = nn.Linear(50, 20).weight
    nn.init.kaiming_normal_(reference, nonlinearity="relu")
    assert torch.equal(ours, reference)


def test_default_init_leaves_pytorch_default():
    torch.manual_seed(1)
    a = mlp([10, 5, 2]).state_dict()
    torch.manual_seed(1)
    b = nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2)).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_dropout_differs_between_train_and_eval():
    torch.manual_seed(0)
    model = mlp([20, 64, 5], dropout=0.5)
    X = torch.randn(8, 20)
    model.train()
    assert not torch.equal(model(X), model(X))  # a new mask each call
    model.eval()
    assert torch.equal(model(X), model(X))
    h = model[:2](X)  # Linear, ReLU
    model.train()
    dropped = model[2](h)
    kept = dropped != 0
    assert torch.allclose(dropped[kept], h[kept] / 0.5)  # survivors scaled by 1 / (1 - p)


def test_batch_norm_uses_batch_statistics_in_train_and_running_ones_in_eval():
    torch.manual_seed(0)
    model = mlp([6, 16, 3], batch_norm=True)
    X = torch.randn(256, 6) * 3 + 2
    model.train()
    normalized = model[1](model[0](X))
    assert normalized.mean(0).abs().max() < 1e-5 and (normalized.std(0, unbiased=False) - 1).abs().max() < 1e-3
    bn = model[1]
    assert bn.num_batches_tracked.item() == 1
    model.eval()
    expected = (model[0](X) - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps)
    torch.testing.assert_close(bn(model[0](X)), expected * bn.weight + bn.bias)


def test_selu_with_lecun_init_keeps_mean_0_std_1_through_8_layers():
    torch.manual_seed(0)
    model = mlp([256] * 9 + [10], activation="selu", init="lecun")
    stats = activation_stats(model, torch.randn(4096, 256))
    assert len(stats) == 8
    for record in stats:
        assert abs(record["mean"]) < 0.1 and abs(record["std"] - 1) < 0.1, record


def test_relu_stats_count_zeros():
    torch.manual_seed(0)
    stats = activation_stats(mlp([50, 100, 100, 2], init="he"), torch.randn(512, 50))
    assert [r["layer"] for r in stats] == [1, 2]
    assert all(0.3 < r["zero_fraction"] < 0.7 for r in stats)


def test_the_course_inits_are_known():  # unknown names are cases of test_bad_inputs.py
    assert set(INITS) >= {"normal", "xavier", "he", "lecun"}


def test_layer_grad_norms_match_autograd():
    from dnn_guide import layer_grad_norms

    torch.manual_seed(0)
    model = mlp([10, 8, 8, 3])
    with pytest.raises(ValueError, match="backward"):
        layer_grad_norms(model)
    nn.functional.cross_entropy(model(torch.randn(16, 10)), torch.randint(0, 3, (16,))).backward()
    norms = layer_grad_norms(model)
    assert norms == [m.weight.grad.norm().item() for m in model if isinstance(m, nn.Linear)]
    assert len(norms) == 3
