"""Optimisers walking down 2-D test functions: their paths, and an animation of them."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import torch

from .checks import check_choice, check_positive_int, check_positive_number
from .errors import InputError
from .say import Say

__all__ = ["OPTIMIZERS", "TEST_FUNCTIONS", "Animation", "animate_paths", "make_optimizer", "optimizer_path"]


def rosenbrock(p: torch.Tensor) -> torch.Tensor:
    """Rosenbrock's banana valley; minimum 0 at (1, 1)."""
    x, y = p[..., 0], p[..., 1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def beale(p: torch.Tensor) -> torch.Tensor:
    """Beale's function; minimum 0 at (3, 0.5)."""
    x, y = p[..., 0], p[..., 1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def saddle(p: torch.Tensor) -> torch.Tensor:
    """x² - y²: a saddle point at (0, 0), unbounded below along y."""
    return p[..., 0] ** 2 - p[..., 1] ** 2


#: name -> (function, start point, (x range), (y range), minimum or None)
TEST_FUNCTIONS: dict[
    str, tuple[Callable, tuple[float, float], tuple[float, float], tuple[float, float], tuple | None]
] = {
    "rosenbrock": (rosenbrock, (-1.5, 2.0), (-2.0, 2.0), (-1.0, 3.0), (1.0, 1.0)),
    "beale": (beale, (1.0, 1.4), (-0.5, 4.0), (-1.5, 2.0), (3.0, 0.5)),
    "saddle": (saddle, (-1.0, 1e-3), (-1.5, 1.5), (-1.5, 1.5), None),
}

#: name -> (torch.optim class, extra keyword arguments)
OPTIMIZERS = {
    "SGD": (torch.optim.SGD, {}),
    "SGD+momentum": (torch.optim.SGD, {"momentum": 0.9}),
    "Adadelta": (torch.optim.Adadelta, {}),
    "Adagrad": (torch.optim.Adagrad, {}),
    "Adam": (torch.optim.Adam, {}),
    "AdamW": (torch.optim.AdamW, {}),
    "SparseAdam": (torch.optim.SparseAdam, {}),
    "Adamax": (torch.optim.Adamax, {}),
    "ASGD": (torch.optim.ASGD, {}),
    "LBFGS": (torch.optim.LBFGS, {"max_iter": 1}),
    "RMSprop": (torch.optim.RMSprop, {}),
    "Rprop": (torch.optim.Rprop, {}),
}


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    """``torch.optim`` optimiser by name (a key of :data:`OPTIMIZERS`)."""
    check_choice(name, OPTIMIZERS, "optimizer", "make_optimizer", "'Adam'")
    check_positive_number(lr, "lr", "make_optimizer")
    cls, extra = OPTIMIZERS[name]
    return cls(params, lr=lr, **extra)


def optimizer_path(name: str, function: str, *, lr: float, steps: int = 200) -> torch.Tensor:
    """Points visited by optimiser ``name`` from the function's start point, shape ``(steps + 1, 2)``.

    SparseAdam needs sparse gradients, so its point is stored in an ``nn.Embedding(sparse=True)``;
    LBFGS re-evaluates the function through a closure, as ``torch.optim.LBFGS.step`` requires.
    """
    where = "optimizer_path"
    check_choice(name, OPTIMIZERS, "optimizer", where, "'Adam'")
    check_choice(function, TEST_FUNCTIONS, "test function", where, "'rosenbrock'")
    check_positive_number(lr, "lr", where)
    check_positive_int(steps, "steps", where)
    f, start = TEST_FUNCTIONS[function][:2]
    if name == "SparseAdam":
        embedding = torch.nn.Embedding(1, 2, sparse=True)
        with torch.no_grad():
            embedding.weight.copy_(torch.tensor([start]))
        index = torch.tensor([0])

        def point() -> torch.Tensor:
            return embedding(index)[0]

        params = embedding.parameters()
    else:
        xy = torch.tensor(start, requires_grad=True)

        def point() -> torch.Tensor:
            return xy

        params = [xy]
    optimizer = make_optimizer(name, params, lr)

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = f(point())
        loss.backward()
        return loss

    path = [point().detach().clone()]
    for _ in range(steps):
        optimizer.step(closure)
        path.append(point().detach().clone())
    return torch.stack(path)


class Animation:
    """A GIF that a notebook shows as an image (``_repr_mimebundle_``) and a script can save.

    ``dnn_guide_alt`` is its alt text, a :class:`~dnn_guide.say.Say` (:func:`animate_paths` writes it from the
    paths; :func:`dnn_guide.alt_text.install_alt_text` attaches it to the notebook output).
    """

    def __init__(self, gif: bytes, alt: Say | None = None):
        self.gif = gif
        self.dnn_guide_alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/gif": base64.b64encode(self.gif).decode(), "text/plain": repr(self)}

    def save(self, path: str) -> None:
        with open(path, "wb") as file:
            file.write(self.gif)

    def __repr__(self) -> str:
        return f"<Animation: {len(self.gif):,} bytes of GIF; .save('paths.gif') writes it>"


def animate_paths(paths: dict[str, torch.Tensor], function: str, *, frames: int = 40, fps: int = 10) -> Animation:
    """Animate several optimisers' paths over a function's contour plot.

    Args:
        paths: optimiser name -> its points, shape ``(steps + 1, 2)`` (what :func:`optimizer_path` returns).
    """
    _check_paths(paths, function, frames, fps)
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation, PillowWriter

    fig, ax = contour_axes(function, figsize=(5, 4))
    lines = {name: ax.plot([], [], marker=".", markersize=3, lw=1.2, label=name)[0] for name in paths}
    ax.legend(loc="upper left", fontsize=7, ncol=2)
    steps = max(len(p) for p in paths.values())
    marks = torch.linspace(1, steps, frames).long().tolist()

    def draw(frame: int):
        for name, line in lines.items():
            shown = paths[name][: marks[frame]]
            line.set_data(shown[:, 0], shown[:, 1])
        ax.set_title(f"{function}: step {marks[frame] - 1}")
        return list(lines.values())

    animation = FuncAnimation(fig, draw, frames=frames, blit=False)
    with io.BytesIO() as buffer:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".gif") as tmp:
            animation.save(tmp.name, writer=PillowWriter(fps=fps), dpi=80)
            buffer.write(open(tmp.name, "rb").read())
        plt.close(fig)
        return Animation(buffer.getvalue(), _paths_alt_text(paths, function, frames=frames))


def _check_paths(paths, function: str, frames: int, fps: int) -> None:
    where = "animate_paths"
    if not isinstance(paths, dict) or not paths:
        raise InputError(
            f"{where}: paths must be a non-empty dict of name -> points, e.g. "
            f"{{'Adam': optimizer_path('Adam', 'beale', lr=0.1)}}, got {type(paths).__name__}"
            + (" (empty)" if isinstance(paths, dict) else "")
        )
    for name, path in paths.items():
        if not isinstance(path, torch.Tensor) or path.ndim != 2 or path.shape[1] != 2 or len(path) < 2:
            got = tuple(path.shape) if isinstance(path, torch.Tensor) else type(path).__name__
            raise InputError(
                f"{where}: paths[{name!r}] is {got}: each path is the points optimizer_path returns, shape "
                "(steps + 1, 2), at least 2 points"
            )
    check_choice(function, TEST_FUNCTIONS, "test function", where, "'rosenbrock'")
    check_positive_int(frames, "frames", where)
    check_positive_int(fps, "fps", where)


def _paths_alt_text(paths: dict[str, torch.Tensor], function: str, *, frames: int) -> Say:
    """Alt text of an animation of ``paths``: who walks where, from the paths' own points."""
    from .alt_text import number

    def point(p: torch.Tensor) -> str:
        return f"({number(p[0].item())}, {number(p[1].item())})"

    start, minimum = TEST_FUNCTIONS[function][1], TEST_FUNCTIONS[function][4]
    steps = max(len(p) for p in paths.values()) - 1
    ends_ko, ends_en = [], []
    for name, path in paths.items():
        end = path[-1]
        if not torch.isfinite(end).all():
            ends_ko.append(f"{name} 발산(nan)")
            ends_en.append(f"{name} diverges (nan)")
            continue
        gap = f", {number(torch.dist(end, torch.tensor(minimum, dtype=end.dtype)).item())}" if minimum else ""
        ends_ko.append(f"{name} {point(end)}{gap}")
        ends_en.append(f"{name} {point(end)}{gap}")
    where_ko = f"도착점(최솟값 {point(torch.tensor(minimum))}까지 거리)" if minimum else "도착점"
    where_en = (
        f"Where they end (distance to the minimum {point(torch.tensor(minimum))})" if minimum else "Where they end"
    )
    start_text = point(torch.tensor(start))
    walkers = f"{len(paths)} optimizers walk" if len(paths) > 1 else "1 optimizer walks"
    return Say(
        ko=f"애니메이션({frames}프레임): 옵티마이저 {len(paths)}개가 {function} 함수의 등고선 위를 {start_text}에서 "
        f"출발해 {steps}스텝 동안 움직입니다. {where_ko}: {'; '.join(ends_ko)}.",
        en=f"Animation in {frames} frames: {walkers} over the contour lines of {function} "
        f"from {start_text} for {steps} steps. {where_en}: {'; '.join(ends_en)}.",
    )


def contour_axes(function: str, *, ax=None, figsize=(4.5, 3.6)):
    """A log-scaled contour plot of a test function, with its minimum marked; returns (figure, axes)."""
    import matplotlib.pyplot as plt
    import numpy as np

    check_choice(function, TEST_FUNCTIONS, "test function", "contour_axes", "'rosenbrock'")
    f, start, xr, yr, minimum = TEST_FUNCTIONS[function]
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    X, Y = torch.meshgrid(torch.linspace(*xr, 200), torch.linspace(*yr, 200), indexing="xy")
    Z = f(torch.stack([X, Y], dim=-1))
    levels = np.logspace(-2, 4, 25) if Z.min() >= 0 else 25
    ax.contour(X.numpy(), Y.numpy(), Z.numpy(), levels=levels, colors="0.6", linewidths=0.6)
    ax.plot(*start, "ko", markersize=5)
    if minimum is not None:
        ax.plot(*minimum, "r*", markersize=12)
    ax.set_xlim(*xr)
    ax.set_ylim(*yr)
    return ax.figure, ax
