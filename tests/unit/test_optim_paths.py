import matplotlib

matplotlib.use("Agg")

import pytest
import torch

from dnn_guide.optim_paths import OPTIMIZERS, TEST_FUNCTIONS, animate_paths, make_optimizer, optimizer_path


def test_all_twelve_optimizers_walk_downhill_on_beale():
    f, start = TEST_FUNCTIONS["beale"][:2]
    start_value = f(torch.tensor(start)).item()
    lrs = {"SGD": 1e-3, "SGD+momentum": 1e-3, "ASGD": 1e-3, "Adadelta": 1.0, "LBFGS": 0.5}
    for name in OPTIMIZERS:
        path = optimizer_path(name, "beale", lr=lrs.get(name, 0.05), steps=100)
        assert path.shape == (101, 2)
        assert torch.equal(path[0], torch.tensor(start))
        assert f(path[-1]).item() < start_value, name


def test_lbfgs_with_a_closure_finds_the_rosenbrock_minimum():
    path = optimizer_path("LBFGS", "rosenbrock", lr=0.5, steps=300)
    torch.testing.assert_close(path[-1], torch.tensor([1.0, 1.0]), atol=1e-3, rtol=0)


def test_sparse_adam_on_an_embedding_follows_adam():
    dense = optimizer_path("Adam", "rosenbrock", lr=0.05, steps=50)
    sparse = optimizer_path("SparseAdam", "rosenbrock", lr=0.05, steps=50)
    torch.testing.assert_close(sparse, dense, atol=1e-4, rtol=0)


def test_unknown_names():
    with pytest.raises(ValueError, match="unknown optimizer 'Adamm'"):
        make_optimizer("Adamm", [torch.zeros(1, requires_grad=True)], lr=0.1)
    with pytest.raises(ValueError, match="unknown test function 'ackley'"):
        optimizer_path("Adam", "ackley", lr=0.1)


def test_animation_is_a_gif():
    paths = {"Adam": optimizer_path("Adam", "beale", lr=0.05, steps=20)}
    animation = animate_paths(paths, "beale", frames=3)
    assert animation.gif.startswith(b"GIF8")
    assert set(animation._repr_mimebundle_()) == {"image/gif", "text/plain"}
