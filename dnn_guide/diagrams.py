"""Diagrams for the lab pages, drawn by matplotlib in the build: same image for both languages.

Each function returns a matplotlib ``Figure`` whose text is English or math only. Each figure carries
``fig.dnn_guide_alt = Say(ko=..., en=...)``, a description generated from the function's arguments,
which :mod:`dnn_guide.alt_text` uses as the image's alt text. Import this module where it is used
(``from dnn_guide import diagrams``); the package's ``__init__`` does not, so only those labs depend on it.

The axes of every diagram use inches as data units (one axes filling the figure), so circles stay
round and sizes in the code are the sizes on the page.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import torch
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from .checks import check_layer_sizes, check_seed
from .errors import InputError
from .say import Say

__all__ = ["draw_backprop_graph", "draw_batch_norm", "draw_dropout_mask", "draw_network", "draw_perceptron"]

MAX_UNITS = 12  # per layer: more would not be legible at page width
MAX_LAYERS = 8

INK = "#222222"
GREY = "#8c8c8c"
BACKWARD = "#c0392b"
COLORS = {  # (fill, edge) per kind of node
    "input": ("#dbe8f6", "#2b5d8a"),
    "hidden": ("#dcefd9", "#3f7f3a"),
    "output": ("#fde3c4", "#b36200"),
    "param": ("#fff4c2", "#9a7b00"),
    "data": ("#eeeeee", "#6b6b6b"),
    "op": ("#f3f3f3", "#555555"),
    "dropped": ("#f2f2f2", "#b5b5b5"),
}
LABEL_BOX = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"}
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


# --- drawing helpers -------------------------------------------------------------------------------


def _canvas(width: float, height: float) -> tuple[Figure, plt.Axes]:
    """A white figure of ``width`` x ``height`` inches, one axes over all of it in inch units."""
    fig = plt.figure(figsize=(width, height), facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    return fig, ax


def _node(ax, xy, label: str = "", kind: str = "hidden", r: float = 0.22, size: float = 11, gid: str | None = None):
    """A circle with ``label`` in it; returns the circle (arrows clip at it)."""
    fill, edge = COLORS[kind]
    circle = Circle(xy, r, facecolor=fill, edgecolor=edge, linewidth=1.4, zorder=3, gid=gid)
    ax.add_artist(circle)  # add_artist, not add_patch: the limits are fixed, and this is much faster
    if label:
        ax.text(*xy, label, ha="center", va="center", fontsize=size, color=INK, zorder=4)
    return circle


def _box(ax, xy, width: float, height: float, text: str, kind: str = "op", size: float = 10, style: str = "-"):
    """A rounded box centered at ``xy`` with ``text`` in it; returns the box."""
    fill, edge = COLORS[kind]
    x, y = xy
    box = FancyBboxPatch(
        (x - width / 2, y - height / 2),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=0.08",
        facecolor=fill,
        edgecolor=edge,
        linewidth=1.3,
        linestyle=style,
        zorder=3,
    )
    ax.add_artist(box)
    title, _, body = text.partition("\n")
    if not body:
        ax.text(x, y, title, ha="center", va="center", fontsize=size, color=INK, zorder=4)
        return box
    # The title near the top, the body centered below it (a tall fraction gets its own room).
    ax.text(x, y + height / 2 - 0.1, title, ha="center", va="top", fontsize=size, color=INK, zorder=4)
    ax.text(x, y - 0.12, body, ha="center", va="center", fontsize=size, color=INK, zorder=4, linespacing=1.5)
    return box


def _arrow(ax, start, end, patch_a=None, patch_b=None, color=INK, style="-|>", lw=1.3, ls="-", rad=0.0):
    """An arrow from ``start`` to ``end``, clipped at the patches it joins."""
    arrow = FancyArrowPatch(
        start,
        end,
        patchA=patch_a,
        patchB=patch_b,
        arrowstyle=style,
        mutation_scale=12,
        color=color,
        linewidth=lw,
        linestyle=ls,
        shrinkA=2,
        shrinkB=2,
        connectionstyle=f"arc3,rad={rad}",
        zorder=2,
    )
    ax.add_artist(arrow)
    return arrow


def _label(ax, xy, text: str, size: float = 10, color=INK, **kwargs):
    """Text centered at ``xy`` on a white background (so it stays legible over lines)."""
    kwargs = {"ha": "center", "va": "center", "bbox": LABEL_BOX, "zorder": 5, **kwargs}
    return ax.text(*xy, text, fontsize=size, color=color, **kwargs)


def _count(n: int, noun: str) -> str:
    """``"1 input"``, ``"2 inputs"``: English plural by count."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _sub(text: str) -> str:
    """Digits as Unicode subscripts, for alt text: ``"W1"`` -> ``"W₁"``."""
    return text.translate(SUBSCRIPTS)


# --- argument checks -------------------------------------------------------------------------------


def _check_sizes(sizes, where: str, min_layers: int, example: str) -> tuple[int, ...]:
    """``sizes`` as a tuple of ints that fit at page width, or an :class:`InputError` that names the fix."""
    sizes = check_layer_sizes(sizes, where, example, min_layers)
    if len(sizes) > MAX_LAYERS:
        raise InputError(f"{where}: at most {MAX_LAYERS} layers fit at page width, got {len(sizes)}: draw fewer layers")
    for n in sizes:
        if n > MAX_UNITS:
            raise InputError(
                f"{where}: a layer of {n} units is too many to draw legibly (at most {MAX_UNITS}): draw a smaller "
                f"stand-in, e.g. {MAX_UNITS} units for a layer of {n}"
            )
    return tuple(sizes)


def _check_p(p) -> float:
    """The dropout probability as a float in [0, 1), or an :class:`InputError`."""
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p):
        raise InputError(f"draw_dropout_mask: p must be a number in [0, 1), e.g. p=0.5, got {p!r}")
    if not 0 <= p < 1:
        raise InputError(
            f"draw_dropout_mask: p must be in [0, 1) (the probability of dropping a unit), got {p!r}: "
            "p=1 would drop every unit and the 1/(1-p) scaling is undefined; use e.g. p=0.5"
        )
    return float(p)


# --- perceptron ------------------------------------------------------------------------------------


def draw_perceptron() -> Figure:
    """One perceptron: inputs $x_1, x_2$, weights, bias $b$, sum $z$, sigmoid $\\sigma$, output $\\hat y$.

    The notation of the perceptron lab: ``nn.Linear(2, 1)`` computes $z = w_1x_1 + w_2x_2 + b$ and
    ``nn.Sigmoid()`` turns it into $\\hat y = \\sigma(z)$.
    """
    n_inputs = 2
    fig, ax = _canvas(7.2, 3.45)
    ys = [1.95 - 1.1 * i for i in range(n_inputs)]
    inputs = [_node(ax, (0.55, y), f"$x_{i + 1}$", "input", r=0.27, size=13) for i, y in enumerate(ys)]
    total = _node(ax, (3.0, 1.4), "$\\Sigma$", "op", r=0.34, size=15)
    act = _node(ax, (4.75, 1.4), "$\\sigma$", "op", r=0.34, size=15)
    out = _node(ax, (6.55, 1.4), "$\\hat y$", "output", r=0.27, size=13)
    bias = _node(ax, (3.0, 2.72), "$b$", "param", r=0.2, size=12)

    for i, (node, y) in enumerate(zip(inputs, ys)):
        _arrow(ax, node.center, total.center, node, total)
        _label(ax, ((0.55 + 3.0) / 2 + 0.1, (y + 1.4) / 2 + 0.2 * (1 if y > 1.4 else -1)), f"$w_{i + 1}$", 13)
    _arrow(ax, bias.center, total.center, bias, total)
    _arrow(ax, total.center, act.center, total, act)
    _arrow(ax, act.center, out.center, act, out)
    _label(ax, (3.875, 1.62), "$z$", 13)

    _label(ax, (3.0, 0.78), "$z = w_1x_1 + w_2x_2 + b$", 11)
    _label(ax, (4.75, 0.68), "$\\sigma(z) = \\dfrac{1}{1 + e^{-z}}$", 11)
    _label(ax, (6.55, 0.78), "$\\hat y = \\sigma(z)$", 11)
    for x, text in ((0.55, "inputs"), (3.0, "weighted sum"), (4.75, "activation"), (6.55, "output")):
        ax.text(x, 3.4, text, ha="center", va="top", fontsize=10, color=GREY)
    ax.text(1.77, 0.12, "nn.Linear(2, 1)", ha="center", fontsize=10, family="monospace", color=GREY)
    ax.text(4.75, 0.12, "nn.Sigmoid()", ha="center", fontsize=10, family="monospace", color=GREY)
    ax.plot([0.25, 3.35], [0.32, 0.32], color=GREY, lw=1)
    ax.plot([4.3, 5.2], [0.32, 0.32], color=GREY, lw=1)

    names_x = ", ".join(_sub(f"x{i + 1}") for i in range(n_inputs))
    names_w = ", ".join(_sub(f"w{i + 1}") for i in range(n_inputs))
    z = " + ".join(_sub(f"w{i + 1}x{i + 1}") for i in range(n_inputs)) + " + b"
    fig.dnn_guide_alt = Say(
        ko=f"퍼셉트론 하나의 구조입니다. 입력 {n_inputs}개({names_x})에 가중치({names_w})를 곱해 더하고 편향 b를 "
        f"더한 합 z = {z}가 시그모이드 σ를 지나 출력 ŷ = σ(z)가 됩니다.",
        en=f"One perceptron: its {n_inputs} inputs {names_x} are multiplied by the weights {names_w} and summed "
        f"with the bias b into z = {z}, and the sigmoid σ turns z into the output ŷ = σ(z).",
    )
    return fig


# --- layered networks ------------------------------------------------------------------------------


def _layer_name(i: int, n_layers: int) -> str:
    if i == 0:
        return "input"
    if i == n_layers - 1:
        return "output"
    return "hidden" if n_layers == 3 else f"hidden {i}"


def _unit_label(i: int, j: int, sizes: tuple[int, ...]) -> str:
    """The math name of unit ``j`` of layer ``i``: $x_j$, $h_j$ (or $h^{(i)}_j$), $\\hat y$ or $\\hat y_j$."""
    if i == 0:
        return f"$x_{{{j + 1}}}$"
    if i == len(sizes) - 1:
        return "$\\hat y$" if sizes[i] == 1 else f"$\\hat y_{{{j + 1}}}$"
    return f"$h_{{{j + 1}}}$" if len(sizes) == 3 else f"$h^{{({i})}}_{{{j + 1}}}$"


def _positions(sizes, x0: float, dx: float, y_mid: float, dy: float) -> list[list[tuple[float, float]]]:
    """Centers of every unit, layer by layer, each layer centered on ``y_mid``, first unit on top."""
    return [[(x0 + i * dx, y_mid + ((n - 1) / 2 - j) * dy) for j in range(n)] for i, n in enumerate(sizes)]


def _draw_layers(ax, positions, sizes, r, kept=None, labels=True, gid_prefix=""):
    """Units and the edges between kept units; ``kept[i][j]`` False draws unit j of layer i dropped."""
    n_layers = len(sizes)
    keep = kept or [[True] * n for n in sizes]
    edges = [
        (a, b)
        for i in range(n_layers - 1)
        for j, a in enumerate(positions[i])
        for k, b in enumerate(positions[i + 1])
        if keep[i][j] and keep[i + 1][k]
    ]
    ax.add_collection(LineCollection(edges, colors="#9aa5b1", linewidths=0.7, zorder=1), autolim=False)
    crosses = []
    for i, layer in enumerate(positions):
        kind = "input" if i == 0 else "output" if i == n_layers - 1 else "hidden"
        for j, xy in enumerate(layer):
            label = _unit_label(i, j, sizes) if labels else ""
            if keep[i][j]:
                _node(ax, xy, label, kind, r=r, size=10, gid=f"{gid_prefix}kept")
            else:
                _node(ax, xy, "", "dropped", r=r, gid=f"{gid_prefix}dropped")
                d = r * 0.75
                crosses += [((xy[0] - d, xy[1] - s * d), (xy[0] + d, xy[1] + s * d)) for s in (1, -1)]
    ax.add_collection(LineCollection(crosses, colors=BACKWARD, linewidths=1.6, zorder=4), autolim=False)


def draw_network(sizes: Sequence[int] = (2, 2, 1)) -> Figure:
    """A fully connected layered network: units, edges, layer names and the parameters between layers.

    Args:
        sizes: units per layer, input first, e.g. ``(2, 2, 1)`` for the XOR network; at most 12 a layer.

    Raises:
        InputError: ``sizes`` empty or of one layer, a size that is not a positive int, or more than 12.
    """
    sizes = _check_sizes(sizes, "draw_network", 2, "(2, 2, 1)")
    n_layers, tallest = len(sizes), max(sizes)
    dx = min(1.7, 7.4 / (n_layers - 1))  # at most about 9 inches wide: legible at page width
    dy, r = (0.62, 0.24) if tallest <= 6 else (0.42, 0.18)
    height = (tallest - 1) * dy + 2 * r + (1.3 if dx >= 1.4 else 1.55)
    width = (n_layers - 1) * dx + 1.6
    fig, ax = _canvas(width, height)
    y_mid = 0.55 + ((tallest - 1) * dy) / 2 + r
    positions = _positions(sizes, 0.8, dx, y_mid, dy)
    _draw_layers(ax, positions, sizes, r)
    top, bottom = y_mid + (tallest - 1) * dy / 2 + r, y_mid - (tallest - 1) * dy / 2 - r
    for i, n in enumerate(sizes):
        name = f"{_layer_name(i, n_layers)}{' ' if dx >= 1.4 else chr(10)}({n})"
        ax.text(0.8 + i * dx, top + 0.2, name, ha="center", va="bottom", fontsize=10, linespacing=1.4)
    for i in range(n_layers - 1):
        x = 0.8 + (i + 0.5) * dx
        ax.text(x, bottom - 0.2, f"$W_{{{i + 1}}},\\ b_{{{i + 1}}}$", ha="center", va="top", fontsize=11)

    shape = "-".join(map(str, sizes))
    hidden = sizes[1:-1]
    per_layer = [a * b for a, b in zip(sizes, sizes[1:])]  # one line per weight
    n_edges = sum(per_layer)
    biases = ", ".join(_sub(f"b{i + 1}") for i in range(n_layers - 1))
    ko_weights = ", ".join(f"{_sub(f'W{i + 1}')}의 {n}개" for i, n in enumerate(per_layer))
    en_weights = ", ".join(f"{n} in {_sub(f'W{i + 1}')}" for i, n in enumerate(per_layer))
    en_edges = "the 1 connection is the weight" if n_edges == 1 else f"the {n_edges} connections are the weights"
    units = ", ".join(map(str, hidden))
    if hidden:
        ko_layers = f"입력 {sizes[0]}개, 은닉층 {len(hidden)}개(유닛 {units}개), 출력 {sizes[-1]}개로 된"
        en_layers = f"{_count(sizes[0], 'input')}, {_count(len(hidden), 'hidden layer')} of {units} units, "
    else:
        ko_layers = f"은닉층 없이 입력 {sizes[0]}개와 출력 {sizes[-1]}개로 된"
        en_layers = f"{_count(sizes[0], 'input')}, no hidden layer, "
    fig.dnn_guide_alt = Say(
        ko=f"{ko_layers} {shape} 완전 연결 신경망입니다. 연결선 {n_edges}개는 가중치({ko_weights})이고, "
        f"편향({biases})은 층 사이에 이름으로만 적혀 있습니다.",
        en=f"A fully connected {shape} network: {en_layers}{_count(sizes[-1], 'output')}; {en_edges} "
        f"({en_weights}); the {'bias' if n_layers == 2 else 'biases'} {biases} "
        f"{'is' if n_layers == 2 else 'are'} only labelled.",
    )
    return fig


# --- the backprop lab's computational graph --------------------------------------------------------

# The forward pass of dnn_guide.backprop.forward and its loss squared_error: (node, math, plain text).
BACKPROP_FORWARD = (
    ("l1", "$l_1 = XW_1 + b_1$", "l₁ = XW₁ + b₁"),
    ("a1", "$a_1 = \\sigma(l_1)$", "a₁ = σ(l₁)"),
    ("l2", "$l_2 = a_1W_2 + b_2$", "l₂ = a₁W₂ + b₂"),
    ("y_pred", "$\\hat Y = \\sigma(l_2)$", "Ŷ = σ(l₂)"),
    ("L", "$L = \\frac{1}{2}\\sum(\\hat Y - Y)^2$", "L = ½ Σ (Ŷ − Y)²"),
)


def draw_backprop_graph() -> Figure:
    """The computational graph of the backprop lab (``dnn_guide.backprop``), local derivatives on its edges.

    Forward, left to right: $l_1 = XW_1 + b_1$, $a_1 = \\sigma(l_1)$, $l_2 = a_1W_2 + b_2$,
    $\\hat Y = \\sigma(l_2)$, $L = \\frac12\\sum(\\hat Y - Y)^2$. Each edge carries the local derivative
    of its head by its tail; the backward row multiplies them from $L$ back to every parameter, as
    ``dnn_guide.backprop.backward`` does.
    """
    fig, ax = _canvas(8.9, 4.4)
    y, step, x0 = 2.55, 1.55, 0.45
    names = ["$X$", "$l_1$", "$a_1$", "$l_2$", "$\\hat Y$", "$L$"]
    kinds = ["data", "op", "op", "op", "op", "output"]
    xs = [x0 + i * step for i in range(len(names))]
    main = [_node(ax, (x, y), name, kind, r=0.27, size=13) for x, name, kind in zip(xs, names, kinds)]

    # Forward values under the nodes, local derivatives on the edges between them.
    ax.text(xs[0], y - 0.42, "data", ha="center", va="top", fontsize=10, color=GREY)
    for x, (_, math_text, _) in zip(xs[1:], BACKPROP_FORWARD):
        ax.text(x, y - 0.42, math_text, ha="center", va="top", fontsize=10, color=INK)
    local = [None, "$\\sigma(l_1)(1-\\sigma(l_1))$", "$W_2^\\top$", "$\\sigma(l_2)(1-\\sigma(l_2))$", "$\\hat Y - Y$"]
    heads = ["l_1", "a_1", "l_2", "\\hat Y", "L"]
    tails = ["X", "l_1", "a_1", "l_2", "\\hat Y"]
    for i in range(len(names) - 1):
        data_edge = i == 0  # X is data: the lab needs no gradient for it
        _arrow(ax, main[i].center, main[i + 1].center, main[i], main[i + 1], color=GREY if data_edge else INK)
        if not data_edge:
            mid = (xs[i] + xs[i + 1]) / 2
            _label(ax, (mid, y + 0.42), f"$\\partial {heads[i]}/\\partial {tails[i]}$", 9, GREY)
            _label(ax, (mid, y + 0.17), local[i], 9.5)

    # Parameters (and the targets Y, data) feed in from above.
    params = [("$W_1$", 1, -0.45, "$X^\\top$"), ("$b_1$", 1, 0.45, "$1$"), ("$W_2$", 3, -0.45, "$a_1^\\top$")]
    params += [("$b_2$", 3, 0.45, "$1$"), ("$Y$", 5, -0.45, None)]
    for name, target, offset, derivative in params:
        kind = "data" if derivative is None else "param"
        node = _node(ax, (xs[target] + offset, 4.05), name, kind, r=0.23, size=12)
        _arrow(ax, node.center, main[target].center, node, main[target], color=GREY if derivative is None else INK)
        side = -1 if offset < 0 else 1
        where = (xs[target] + offset * 0.5 + side * 0.3, 3.45)
        if derivative:
            _label(ax, where, derivative, 10)
        else:
            _label(ax, where, "data", 10, GREY)

    # Backward: the gradient of L flows right to left, each step times the edge's local derivative.
    grads = ["l_1", "a_1", "l_2", "\\hat Y", "L"]
    by = 1.3
    for x, grad in zip(xs[1:], grads):
        _label(ax, (x, by), f"$\\partial L/\\partial {grad}$", 12, BACKWARD)
    for i in range(len(grads) - 1, 0, -1):
        _arrow(ax, (xs[i + 1] - 0.42, by), (xs[i] + 0.42, by), color=BACKWARD)
    ax.text(xs[0], by, "backward", ha="center", va="center", fontsize=11, color=BACKWARD, style="italic")
    _label(ax, (xs[5], by - 0.32), "$= 1$", 10, BACKWARD)
    ax.text(
        xs[0] - 0.3,
        0.45,
        "Each gradient is the one to its right times the edge's local derivative, e.g. "
        "$\\partial L/\\partial l_2 = \\partial L/\\partial \\hat Y \\odot \\sigma(l_2)(1-\\sigma(l_2))$;\n"
        "a parameter's gradient takes its edge's factor: "
        "$\\partial L/\\partial W_2 = a_1^\\top\\, \\partial L/\\partial l_2$,  "
        "$\\partial L/\\partial b_2 = \\sum_{\\mathrm{batch}} \\partial L/\\partial l_2$,  "
        "$\\partial L/\\partial W_1 = X^\\top\\, \\partial L/\\partial l_1$.",
        ha="left",
        va="center",
        fontsize=10,
        color=INK,
        linespacing=1.9,
    )

    forward = ", ".join(text for _, _, text in BACKPROP_FORWARD)
    fig.dnn_guide_alt = Say(
        ko=f"역전파 실습의 은닉층 하나짜리 시그모이드 신경망을 계산 그래프로 그린 그림입니다. 순전파는 왼쪽에서 "
        f"오른쪽으로 {forward} 순서로 {len(BACKPROP_FORWARD)}단계를 거치고, 각 연결선에 국소 미분이 적혀 있으며, "
        "아래 줄에서 기울기가 L에서 왼쪽으로 거꾸로 흘러 W₁, b₁, W₂, b₂의 기울기가 됩니다.",
        en=f"The computational graph of the backprop lab's one-hidden-layer sigmoid network: "
        f"{len(BACKPROP_FORWARD)} forward steps, left to right, {forward}; each edge carries its local "
        "derivative, and the row below carries the gradient from L back to the left, to W₁, b₁, W₂ and b₂.",
    )
    return fig


# --- dropout ---------------------------------------------------------------------------------------


def _dropout_keep(sizes: tuple[int, ...], p: float, seed: int) -> list[list[bool]]:
    """Which units each layer keeps: ``F.dropout``'s mask, hidden layers only, drawn layer by layer.

    ``F.dropout(x, p)`` keeps each unit with a Bernoulli(1 - p) draw from torch's generator. Drawing
    the same Bernoulli draws from a ``torch.Generator`` seeded with ``seed`` gives the mask that
    ``torch.manual_seed(seed)`` followed by ``F.dropout`` on each hidden layer gives (tests check
    it), without touching the global random state.
    """
    generator = torch.Generator().manual_seed(seed)
    keep = [[True] * sizes[0]]
    for n in sizes[1:-1]:
        keep.append((torch.empty(n).bernoulli_(1 - p, generator=generator) > 0).tolist())
    return [*keep, [True] * sizes[-1]]


def draw_dropout_mask(p: float = 0.5, seed: int = 0, sizes: Sequence[int] = (6, 8, 8, 4)) -> Figure:
    """A network in training mode with a real dropout mask, beside the same network in eval mode.

    The hidden units that ``torch.nn.functional.dropout`` drops with this ``p`` after
    ``torch.manual_seed(seed)`` (one mask per hidden layer, first hidden layer first) are crossed out with
    their edges removed; the kept units' outputs are scaled by $1/(1-p)$. Eval mode uses every unit.

    Args:
        p: the probability of dropping a unit, in [0, 1).
        seed: the seed of the mask.
        sizes: units per layer, input first; dropout acts on the hidden layers (at least one).

    Raises:
        InputError: ``p`` outside [0, 1), a seed that is not an int, or bad ``sizes``.
    """
    p = _check_p(p)
    check_seed(seed, "draw_dropout_mask")
    sizes = _check_sizes(sizes, "draw_dropout_mask", 3, "(6, 8, 8, 4)")
    keep = _dropout_keep(sizes, p, seed)

    n_layers, tallest = len(sizes), max(sizes)
    dx, dy, r = min(0.85, 3.6 / (n_layers - 1)), 0.36, 0.12  # two panels in about 9 inches
    panel = (n_layers - 1) * dx + 0.6
    gap = 0.9
    width, height = 2 * panel + gap + 0.2, (tallest - 1) * dy + 2 * r + 1.95
    fig, ax = _canvas(width, height)
    y_mid = 0.95 + (tallest - 1) * dy / 2 + r
    top = y_mid + (tallest - 1) * dy / 2 + r
    scale = 1 / (1 - p)
    total = sum(sizes[1:-1])
    dropped = sum(not kept for row in keep[1:-1] for kept in row)
    panels = (
        (
            "training: model.train()",
            keep,
            f"{dropped} of {total} hidden units dropped;\nkept outputs $\\times\\, 1/(1-p) = {scale:.3g}$",
            "train-",
        ),
        ("evaluation: model.eval()", None, f"all {total} hidden units kept,\nno scaling", "eval-"),
    )
    for k, (title, mask, note, prefix) in enumerate(panels):
        x0 = 0.4 + k * (panel + gap)
        positions = _positions(sizes, x0, dx, y_mid, dy)
        _draw_layers(ax, positions, sizes, r, kept=mask, labels=False, gid_prefix=prefix)
        centre = x0 + (n_layers - 1) * dx / 2
        ax.text(centre, height - 0.12, title, ha="center", va="top", fontsize=11, family="monospace")
        ax.text(centre, 0.35, note, ha="center", va="center", fontsize=10.5, color=INK, linespacing=1.6)
        text = f"dropout $p = {p:g}$ on the hidden layers" if mask is not None else "dropout off"
        ax.text(centre, top + 0.12, text, ha="center", va="bottom", fontsize=9.5, color=GREY)
    ax.plot([panel + gap / 2 + 0.3] * 2, [0.1, height - 0.1], color="#d0d0d0", lw=1)

    kept = total - dropped
    where_ko, where_en = [], []
    for i, row in enumerate(keep[1:-1], start=1):
        units = [str(j + 1) for j, unit_kept in enumerate(row) if not unit_kept]
        if units:
            where_ko.append(f"은닉층 {i}의 {'·'.join(units)}번")
            where_en.append(f"{'unit' if len(units) == 1 else 'units'} {', '.join(units)} of hidden layer {i}")
    shape = "-".join(map(str, sizes))
    if dropped:
        ko_train = (
            f"{dropped}개(위에서부터 세어 {', '.join(where_ko)})를 끄고 남은 {kept}개의 출력을 "
            f"1/(1−p) = {scale:.3g}배로 키웁니다."
        )
        en_train = (
            f"switches off {dropped} of the {total} hidden units (counted from the top, {'; '.join(where_en)}) "
            f"and scales the {'output' if kept == 1 else 'outputs'} of the {_count(kept, 'kept unit')} "
            f"by 1/(1−p) = {scale:.3g}."
        )
    else:
        ko_train = "하나도 끄지 않습니다."
        en_train = f"switches off none of the {total} hidden units."
    fig.dnn_guide_alt = Say(
        ko=f"왼쪽 학습 모드(train)에서는 드롭아웃(p={p:g}, 시드 {seed})이 {shape} 신경망의 은닉 유닛 {total}개 중 "
        f"{ko_train} 오른쪽 평가 모드(eval)에서는 유닛 {total}개를 모두 배율 없이 씁니다.",
        en=f"On the left, in training mode, dropout with p={p:g} (seed {seed}) on the {shape} network {en_train} "
        f"On the right, in evaluation mode, all {total} hidden units are used, unscaled.",
    )
    return fig


# --- batch normalization ---------------------------------------------------------------------------


def _batch_norm_defaults() -> tuple[float, float]:
    """``torch.nn.BatchNorm1d``'s default momentum and eps, read from its signature."""
    parameters = inspect.signature(torch.nn.BatchNorm1d).parameters
    return parameters["momentum"].default, parameters["eps"].default


def draw_batch_norm() -> Figure:
    """Batch normalization's data flow, ``train()`` above ``eval()``.

    Training normalizes with the batch's own mean $\\mu_B$ and variance $\\sigma_B^2$ and updates the
    running statistics as PyTorch defines momentum $m$: $\\hat\\mu \\leftarrow (1-m)\\hat\\mu + m\\,\\mu_B$
    (the variance likewise, with the unbiased batch variance). Evaluation normalizes with the running
    statistics and leaves them as they are. $m$ and $\\epsilon$ are ``BatchNorm1d``'s defaults.
    """
    m, eps = _batch_norm_defaults()
    fig = plt.figure(figsize=(8.6, 5.7), facecolor="white")
    for mode, bottom in (("train", 0.5), ("eval", 0.0)):  # two panels of 2.85 inches, in inch units
        ax = fig.add_axes((0, bottom, 1, 0.5))
        ax.set_xlim(0, 8.6)
        low = 0.0 if mode == "train" else 0.25  # the eval panel has no box below its row
        ax.set_ylim(low, low + 2.85)
        ax.axis("off")
        _batch_norm_panel(ax, mode, m, eps)
    fig.add_artist(plt.Line2D([0.02, 0.98], [0.5, 0.5], color="#d0d0d0", lw=1))

    fig.dnn_guide_alt = Say(
        ko="배치 정규화의 데이터 흐름으로, 위쪽 학습 모드(train)에서는 배치의 평균(μ_B)과 분산(σ_B²)으로 정규화하고 "
        f"γ, β를 적용한 뒤 이동 평균과 이동 분산을 모멘텀 m = {m:g}로 μ̂ ← (1−m)μ̂ + m·μ_B 식에 따라 갱신합니다. "
        "아래쪽 평가 모드(eval)에서는 학습 때 모아 둔 이동 평균과 이동 분산(μ̂, σ̂²)으로 정규화하고 갱신하지 않습니다.",
        en="Batch normalization's data flow: above, in training mode, it normalizes with the batch mean μ_B and "
        f"variance σ_B², applies γ and β, and updates the running statistics with momentum m = {m:g} as "
        "μ̂ ← (1−m)μ̂ + m·μ_B. Below, in evaluation mode, it normalizes with the running statistics μ̂, σ̂² "
        "collected in training and does not update them.",
    )
    return fig


def _row(ax, y, texts_and_widths, kinds, x0=0.25, gap=0.45, height=1.05):
    """Boxes left to right at height ``y``; returns the boxes and their centers."""
    boxes, centers, x = [], [], x0
    for (text, width), kind in zip(texts_and_widths, kinds):
        center = (x + width / 2, y)
        boxes.append(_box(ax, center, width, height, text, kind))
        centers.append(center)
        x += width + gap
    return boxes, centers


def _batch_norm_panel(ax, mode: str, m: float, eps: float) -> None:
    """One panel: the batch, its statistics (train) or the running ones (eval), normalize, scale and shift."""
    train = mode == "train"
    ax.text(0.25, 2.66, f"{'training: model.train()' if train else 'evaluation: model.eval()'}", fontsize=11,
            family="monospace", va="center")  # fmt: skip
    mu, var = ("\\mu_B", "\\sigma_B^2") if train else ("\\hat\\mu", "\\hat\\sigma^2")
    boxes, centers = _row(
        ax,
        1.75,
        [
            (f"batch $x$\n{'$N$ samples' if train else 'any size'}", 1.15),
            (f"{'batch' if train else 'running'} statistics\n${mu},\\ {var}${'' if train else ' from training'}", 1.75),
            (f"normalize\n$\\hat x = \\dfrac{{x - {mu}}}{{\\sqrt{{{var} + \\epsilon}}}}$", 1.95),
            ("scale, shift\n$y = \\gamma \\hat x + \\beta$", 1.55),
        ],
        ["input", "op" if train else "data", "op", "param"],
    )
    x, stats, norm, affine = boxes
    if train:
        _arrow(ax, centers[0], centers[1], x, stats)
    _arrow(ax, centers[0], centers[2], x, norm, rad=-0.35)
    _arrow(ax, centers[1], centers[2], stats, norm)
    _arrow(ax, centers[2], centers[3], norm, affine)
    below = (centers[1][0] + 1.55, 0.5)
    if train:
        ax.text(8.35, 2.66, f"$m = {m:g}$ (momentum), $\\epsilon = 10^{{{round(math.log10(eps))}}}$", fontsize=10,
                ha="right", va="center", color=GREY)  # fmt: skip
        text = (
            "running statistics, updated on every batch:\n$\\hat\\mu \\leftarrow (1-m)\\,\\hat\\mu + m\\,\\mu_B$,   "
            "$\\hat\\sigma^2 \\leftarrow (1-m)\\,\\hat\\sigma^2 + m\\,\\frac{N}{N-1}\\sigma_B^2$"
        )
        running = _box(ax, below, 4.6, 0.8, text, "data")
        _arrow(ax, centers[1], below, stats, running)
    else:
        text = (
            "running statistics: used as they are, not updated;\n"
            "each sample's $y$ does not depend on the rest of the batch"
        )
        ax.text(*below, text, ha="center", va="center", fontsize=10, color=INK, linespacing=1.6, style="italic")
