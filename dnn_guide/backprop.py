"""Backpropagation by hand for a one-hidden-layer sigmoid network (lab 08_4)."""

from __future__ import annotations

import torch

from .checks import check_float_dtype, check_generator, check_positive_int, check_positive_number, check_tensor
from .data import MNIST
from .errors import InputError

__all__ = [
    "PARAMS",
    "backward",
    "forward",
    "init_params",
    "sigmoid",
    "sigmoid_prime",
    "squared_error",
    "sgd_step",
    "train_mnist",
]

#: The parameters of the one-hidden-layer net, as :func:`init_params` names them.
PARAMS = ("w1", "b1", "w2", "b2")


def _check_params(where: str, params, name: str = "params") -> None:
    """``params`` is a dict of the four tensors :func:`init_params` makes, of one dtype and on one device."""
    if not isinstance(params, dict):
        raise InputError(
            f"{where}: {name} must be the dict of tensors init_params returns ({', '.join(PARAMS)}), "
            f"got {type(params).__name__}: params = backprop.init_params(784, 30, 10)"
        )
    missing = [key for key in PARAMS if key not in params]
    if missing:
        raise InputError(
            f"{where}: {name} lacks {', '.join(missing)}: it needs the four tensors {', '.join(PARAMS)} "
            "that init_params makes"
        )
    for key in PARAMS:
        check_tensor(params[key], f"{name}[{key!r}]", where)


def _check_data(where: str, params, X, name: str = "X") -> None:
    """``X`` as rows the first layer takes, in the weights' dtype, on their device."""
    check_tensor(X, name, where)
    n_in = params["w1"].shape[0]
    if X.ndim != 2 or X.shape[1] != n_in:
        fix = f"{name} = {name}.view(-1, {n_in})" if X.ndim and X[0].numel() == n_in else f"rows of {n_in} values"
        raise InputError(
            f"{where}: {name} must have shape (n, {n_in}), got {tuple(X.shape)}: one row per sample; use {fix}"
        )
    w1 = params["w1"]
    if X.dtype != w1.dtype:
        raise InputError(
            f"{where}: {name} has dtype {X.dtype} but the weights are {w1.dtype}: use {name} = {name}.to({w1.dtype})"
        )
    if X.device != w1.device:
        raise InputError(
            f"{where}: {name} is on {X.device} but the weights are on {w1.device}: "
            f"use {name} = {name}.to({str(w1.device)!r})"
        )


def _check_targets(where: str, Y, y_pred: torch.Tensor) -> None:
    """``Y`` as one-hot targets shaped like the predictions (class labels get the ``one_hot`` fix)."""
    check_tensor(Y, "Y", where)
    if Y.shape == y_pred.shape:
        if Y.dtype != y_pred.dtype:
            raise InputError(
                f"{where}: Y has dtype {Y.dtype} but the predictions are {y_pred.dtype}: use Y = Y.to({y_pred.dtype})"
            )
        return
    classes = y_pred.shape[-1]
    if classes == 1 and Y.numel() == y_pred.numel():
        raise InputError(
            f"{where}: Y has shape {tuple(Y.shape)} but the predictions have shape {tuple(y_pred.shape)}: "
            "use Y = Y.view(-1, 1)"
        )
    if Y.ndim == 1 or (Y.ndim == 2 and Y.shape[1] == 1):
        fix = f"Y = F.one_hot(y.view(-1), {classes}).to({y_pred.dtype}) (F is torch.nn.functional)"
        raise InputError(
            f"{where}: Y has shape {tuple(Y.shape)}, one class label per row, but the squared error compares "
            f"one-hot targets with the {classes} outputs, shape {tuple(y_pred.shape)}: use {fix}"
        )
    raise InputError(
        f"{where}: Y has shape {tuple(Y.shape)} but the predictions have shape {tuple(y_pred.shape)}: "
        "pass one one-hot row per sample"
    )


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """σ(x) = 1 / (1 + e^(-x))."""
    check_tensor(x, "x", "sigmoid")
    return 1 / (1 + torch.exp(-x))


def sigmoid_prime(x: torch.Tensor) -> torch.Tensor:
    """σ'(x) = σ(x) (1 - σ(x))."""
    check_tensor(x, "x", "sigmoid_prime")
    return sigmoid(x) * (1 - sigmoid(x))


def init_params(
    n_in: int = 784,
    n_hidden: int = 30,
    n_out: int = 10,
    *,
    generator: torch.Generator | None = None,
    dtype=torch.float32,
) -> dict[str, torch.Tensor]:
    """Weights and biases drawn from N(0, 1), as the original lab's ``nn.init.normal_``."""
    for name, value in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        check_positive_int(value, name, "init_params")
    check_generator(generator, "init_params")
    check_float_dtype(dtype, "init_params")
    shapes = {"w1": (n_in, n_hidden), "b1": (n_hidden,), "w2": (n_hidden, n_out), "b2": (n_out,)}
    return {name: torch.randn(shape, generator=generator, dtype=dtype) for name, shape in shapes.items()}


def forward(params: dict[str, torch.Tensor], X: torch.Tensor) -> dict[str, torch.Tensor]:
    """The forward pass; returns every intermediate value, which the backward pass needs."""
    _check_params("forward", params)
    _check_data("forward", params, X)
    l1 = X @ params["w1"] + params["b1"]
    a1 = sigmoid(l1)
    l2 = a1 @ params["w2"] + params["b2"]
    return {"l1": l1, "a1": a1, "l2": l2, "y_pred": sigmoid(l2)}


def squared_error(y_pred: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """L = ½ Σ (ŷ - y)², summed over the batch: the loss whose gradient the lab's ``diff`` is.

    ``Y`` holds one-hot targets shaped like ``y_pred`` (``F.one_hot(y, 10).float()`` from labels ``y``).
    """
    _check_targets("squared_error", Y, check_tensor(y_pred, "y_pred", "squared_error"))
    return 0.5 * ((y_pred - Y) ** 2).sum()


def backward(params: dict[str, torch.Tensor], X: torch.Tensor, Y: torch.Tensor, cache: dict[str, torch.Tensor]):
    """Gradients of :func:`squared_error` for every parameter, by the chain rule.

    ``Y`` holds one-hot targets, one row per sample; ``cache`` is what :func:`forward` returned for ``X``.
    """
    _check_backward(params, X, Y, cache)
    d_l2 = (cache["y_pred"] - Y) * sigmoid_prime(cache["l2"])  # dL/dl2 = dL/dŷ · dŷ/dl2
    d_w2 = cache["a1"].T @ d_l2  # dL/dw2 = a1ᵀ · dL/dl2
    d_b2 = d_l2.sum(0)
    d_a1 = d_l2 @ params["w2"].T  # dL/da1 = dL/dl2 · w2ᵀ
    d_l1 = d_a1 * sigmoid_prime(cache["l1"])  # dL/dl1 = dL/da1 · σ'(l1)
    d_w1 = X.T @ d_l1
    d_b1 = d_l1.sum(0)
    return {"w1": d_w1, "b1": d_b1, "w2": d_w2, "b2": d_b2}


def _check_backward(params, X, Y, cache) -> None:
    where = "backward"
    _check_params(where, params)
    _check_data(where, params, X)
    if not isinstance(cache, dict) or any(key not in cache for key in ("l1", "a1", "l2", "y_pred")):
        raise InputError(f"{where}: cache must be the dict forward returns: cache = forward(params, X)")
    if len(cache["y_pred"]) != len(X):
        raise InputError(
            f"{where}: cache holds {len(cache['y_pred'])} rows but X has {len(X)}: compute it from this X, "
            "cache = forward(params, X)"
        )
    _check_targets(where, Y, cache["y_pred"])


def sgd_step(params: dict[str, torch.Tensor], grads: dict[str, torch.Tensor], lr: float) -> None:
    """Plain gradient descent, in place: p ← p - lr · dL/dp."""
    where = "sgd_step"
    _check_params(where, params)
    check_positive_number(lr, "lr", where)
    if not isinstance(grads, dict):
        raise InputError(f"{where}: grads must be the dict backward returns, got {type(grads).__name__}")
    for name, grad in grads.items():
        if name not in params or not isinstance(grad, torch.Tensor) or grad.shape != params[name].shape:
            got = tuple(grad.shape) if isinstance(grad, torch.Tensor) else type(grad).__name__
            want = tuple(params[name].shape) if name in params else f"one of {', '.join(PARAMS)}"
            raise InputError(
                f"{where}: grads[{name!r}] is {got}, but the parameter is {want}: pass the dict backward returns, "
                "grads = backward(params, X, Y, cache)"
            )
    for name, grad in grads.items():
        params[name] -= lr * grad


def _check_train_mnist(data, steps, lr, batch_size, eval_every) -> None:
    """Every argument of :func:`train_mnist`, before any work (the loop below trusts them)."""
    where = "train_mnist"
    if not isinstance(data, MNIST):
        raise InputError(
            f"{where}: data must be a dnn_guide.MNIST, e.g. data = dnn_guide.load_mnist(), got {type(data).__name__}"
        )
    for name, value in (("steps", steps), ("batch_size", batch_size), ("eval_every", eval_every)):
        check_positive_int(value, name, where)
    check_positive_number(lr, "lr", where)
    for split, X, y in (("train", data.X_train, data.y_train), ("test", data.X_test, data.y_test)):
        if X.ndim != 2 or X.shape[1] != 784:
            raise InputError(
                f"{where}: the {split} images have shape {tuple(X.shape)}; the 784-30-10 net takes rows of 784 "
                "pixels: load them with load_mnist(flatten=True) (the default)"
            )
        if len(X) == 0 or y.dtype != torch.int64 or int(y.min()) < 0 or int(y.max()) > 9:
            raise InputError(f"{where}: the {split} labels must be int64 digits 0-9, one per image")
    if len(data.X_train) < batch_size:
        raise InputError(
            f"{where}: batch_size={batch_size} is more than the {len(data.X_train)} training images: the loop "
            f"drops a last short batch, so no step could ever run; use batch_size={len(data.X_train)} or less"
        )


def train_mnist(
    data: MNIST,
    *,
    seed: int = 777,
    steps: int = 10_000,
    lr: float = 0.5,
    batch_size: int = 10,
    eval_every: int = 1000,
    as_written: bool = False,
) -> tuple[dict[str, torch.Tensor], list[dict[str, float]]]:
    """Lab 08_4: train a 784-30-10 sigmoid net on MNIST with :func:`backward` and :func:`sgd_step`.

    Args:
        data: a :class:`dnn_guide.MNIST` (its tensors' device is used).
        eval_every: steps between test-accuracy measurements on the first 1,000 test images.
        as_written: do what the original notebook's code does: step the biases by the batch *mean*
            of their gradient (the weights by the sum), and test on images left at 0-255.

    Returns:
        The parameters and a history of ``step``, ``loss`` (mean of L per sample over the last
        ``eval_every`` steps) and ``test_accuracy``.

    Raises:
        InputError: a count that is not a positive int, images not flattened, or fewer training
            images than one batch.
    """
    from .data import iterate_batches
    from .seed import seed_everything

    _check_train_mnist(data, steps, lr, batch_size, eval_every)
    generator = seed_everything(seed)
    device = data.X_train.device
    params = {k: v.to(device) for k, v in init_params(784, 30, 10, generator=generator).items()}
    X_test, y_test = data.X_test[:1000] * (255 if as_written else 1), data.y_test[:1000]
    history, step, running, since = [], 0, 0.0, 0
    while step < steps:
        for X, y in iterate_batches(data.X_train, data.y_train, batch_size, generator=generator, drop_last=True):
            Y = torch.nn.functional.one_hot(y, 10).to(X.dtype)
            cache = forward(params, X)
            running = running + squared_error(cache["y_pred"], Y).detach()
            grads = backward(params, X, Y, cache)
            if as_written:  # the original: b1 - learning_rate * torch.mean(d_b1, 0)
                grads["b1"], grads["b2"] = grads["b1"] / len(X), grads["b2"] / len(X)
            sgd_step(params, grads, lr)
            step, since = step + 1, since + 1
            if step % eval_every == 0 or step == steps:
                correct = (forward(params, X_test)["y_pred"].argmax(1) == y_test).float().mean()
                loss = float(running) / (since * batch_size)
                history.append({"step": step, "loss": loss, "test_accuracy": correct.item()})
                running, since = 0.0, 0
            if step == steps:
                break
    return params, history
