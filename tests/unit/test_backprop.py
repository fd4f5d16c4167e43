import pytest
import torch

from dnn_guide import backprop


def setup(dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    params = backprop.init_params(12, 5, 3, generator=g, dtype=dtype)
    X = torch.rand(8, 12, generator=g, dtype=dtype)
    Y = torch.nn.functional.one_hot(torch.randint(0, 3, (8,), generator=g), 3).to(dtype)
    return params, X, Y


def test_manual_gradients_equal_autograd():
    params, X, Y = setup()
    manual = backprop.backward(params, X, Y, backprop.forward(params, X))
    leaves = {name: p.clone().requires_grad_() for name, p in params.items()}
    backprop.squared_error(backprop.forward(leaves, X)["y_pred"], Y).backward()
    for name, leaf in leaves.items():
        assert manual[name].shape == leaf.shape
        torch.testing.assert_close(manual[name], leaf.grad, atol=1e-6, rtol=0)
        assert (manual[name] - leaf.grad).abs().max() < 1e-12  # float64: equal to rounding


def test_sigmoid_and_its_derivative_match_torch():
    x = torch.linspace(-8, 8, 101, dtype=torch.float64, requires_grad=True)
    torch.testing.assert_close(backprop.sigmoid(x), torch.sigmoid(x))
    (grad,) = torch.autograd.grad(torch.sigmoid(x).sum(), x)
    torch.testing.assert_close(backprop.sigmoid_prime(x), grad)


def test_sgd_steps_lower_the_loss():
    params, X, Y = setup()
    losses = []
    for _ in range(200):
        cache = backprop.forward(params, X)
        losses.append(backprop.squared_error(cache["y_pred"], Y).item())
        backprop.sgd_step(params, backprop.backward(params, X, Y, cache), lr=0.5)
    assert losses[-1] < 0.1 * losses[0]


def test_init_is_seeded_standard_normal():
    a = backprop.init_params(generator=torch.Generator().manual_seed(1))
    b = backprop.init_params(generator=torch.Generator().manual_seed(1))
    assert a["w1"].shape == (784, 30) and a["b2"].shape == (10,)
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert abs(a["w1"].mean().item()) < 0.02 and abs(a["w1"].std().item() - 1) < 0.02


def test_forward_shape_error():
    params, X, _ = setup()
    with pytest.raises(ValueError, match=r"X must have shape \(n, 12\), got \(8, 11\)"):
        backprop.forward(params, X[:, :11])


def test_train_mnist_learns_on_the_sample():
    import dnn_guide

    data = dnn_guide.load_mnist("sample")
    _, history = backprop.train_mnist(data, seed=777, steps=1500, eval_every=500)
    assert [h["step"] for h in history] == [500, 1000, 1500]
    assert history[-1]["test_accuracy"] > history[0]["test_accuracy"] > 0.3
    assert history[-1]["loss"] < history[0]["loss"]


def test_train_mnist_refuses_what_would_loop_forever():
    import dnn_guide

    data = dnn_guide.load_mnist("sample")
    few = dnn_guide.MNIST(data.X_train[:5], data.y_train[:5], data.X_test[:5], data.y_test[:5], "sample")
    with pytest.raises(dnn_guide.InputError, match="batch_size=10 is more than the 5 training images"):
        backprop.train_mnist(few, steps=3)
    for name in ("steps", "eval_every", "batch_size"):
        with pytest.raises(dnn_guide.InputError, match=f"{name} must be a positive int"):
            backprop.train_mnist(data, **{name: 0})
