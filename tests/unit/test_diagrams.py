import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.text import Text
from torch import nn

from dnn_guide import backprop, diagrams
from dnn_guide.say import Say

HANGUL = re.compile("[\uac00-\ud7a3]")
ALL = {
    "perceptron": diagrams.draw_perceptron,
    "network": diagrams.draw_network,
    "backprop_graph": diagrams.draw_backprop_graph,
    "dropout_mask": diagrams.draw_dropout_mask,
    "batch_norm": diagrams.draw_batch_norm,
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def texts(fig: Figure) -> list[str]:
    """Every string drawn in the figure (figure texts, axes texts, titles)."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def joined(fig: Figure) -> str:
    return "\n".join(texts(fig))


def dropped_by_dropout(p: float, seed: int, sizes) -> list[list[int]]:
    """1-based indices of the units F.dropout drops in each hidden layer after torch.manual_seed(seed)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        masks = [F.dropout(torch.ones(n), p, training=True) for n in sizes[1:-1]]
    return [[j + 1 for j, v in enumerate(mask.tolist()) if v == 0] for mask in masks]


def drawn_dropped(ax) -> list[list[int]]:
    """1-based indices (from the top) of the crossed-out units of each hidden layer of the training panel."""
    train = [p for p in ax.patches if isinstance(p, Circle) and str(p.get_gid()).startswith("train-")]
    layers = sorted({round(p.center[0], 6) for p in train})
    dropped = []
    for x in layers[1:-1]:
        column = sorted((p for p in train if round(p.center[0], 6) == x), key=lambda p: -p.center[1])
        dropped.append([j + 1 for j, p in enumerate(column) if p.get_gid() == "train-dropped"])
    return dropped


@pytest.mark.parametrize("name", ALL)
def test_every_diagram_is_a_legible_figure_with_bilingual_alt_text(name):
    fig = ALL[name]()
    assert isinstance(fig, Figure)
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == "#ffffff"  # legible on the dark theme too
    alt = fig.dnn_guide_alt
    assert isinstance(alt, Say) and HANGUL.search(alt.ko) and not HANGUL.search(alt.en)
    assert not any(HANGUL.search(t) for t in texts(fig)), "figure text must be English or math (both pages)"
    fig.savefig(io.BytesIO(), format="png", dpi=120)  # every mathtext label parses
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    drawn = [t for t in fig.findobj(Text) if t.get_text()]
    shapes = fig.findobj(lambda a: isinstance(a, (Circle, FancyBboxPatch)))
    for artist in drawn + shapes:  # nothing cut off at the figure's edge
        extent = artist.get_window_extent(renderer)
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, artist
        assert box.y0 - 1 <= extent.y0 and extent.y1 <= box.y1 + 1, artist
    extents = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn]
    for i, (a, ea) in enumerate(extents):  # no text over another
        for b, eb in extents[i + 1 :]:
            assert not ea.overlaps(eb), (a, b)


def test_perceptron_uses_the_perceptron_lab_notation():
    fig = diagrams.draw_perceptron()
    for label in ("$x_1$", "$x_2$", "$w_1$", "$w_2$", "$b$", "$z = w_1x_1 + w_2x_2 + b$", "$\\sigma$", "$\\hat y$"):
        assert label in texts(fig), label
    assert "nn.Linear(2, 1)" in texts(fig) and "nn.Sigmoid()" in texts(fig)
    for lang in ("ko", "en"):
        alt = fig.dnn_guide_alt.in_language(lang)
        assert "x₁, x₂" in alt and "z = w₁x₁ + w₂x₂ + b" in alt


def test_network_default_is_the_xor_network():
    fig = diagrams.draw_network()
    found = texts(fig)
    for label in (
        "input (2)",
        "hidden (2)",
        "output (1)",
        "$W_{1},\\ b_{1}$",
        "$W_{2},\\ b_{2}$",
        "$x_{1}$",
        "$h_{2}$",
        "$\\hat y$",
    ):
        assert label in found, label
    (ax,) = fig.axes
    assert sum(isinstance(p, Circle) for p in ax.patches) == 5
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection) and len(c.get_segments())]
    assert len(edges.get_segments()) == 2 * 2 + 2 * 1
    assert "2-2-1" in fig.dnn_guide_alt.ko and "연결선 6개는 가중치(W₁의 4개, W₂의 2개)" in fig.dnn_guide_alt.ko
    assert "편향(b₁, b₂)은 층 사이에 이름으로만" in fig.dnn_guide_alt.ko  # the lines are weights, not biases
    assert "the 6 connections are the weights (4 in W₁, 2 in W₂)" in fig.dnn_guide_alt.en
    assert "the biases b₁, b₂ are only labelled" in fig.dnn_guide_alt.en


def test_network_of_other_sizes():
    sizes = (4, 12, 8, 3)
    fig = diagrams.draw_network(list(sizes))
    found = joined(fig)
    for label in ("input", "hidden 1", "hidden 2", "output", "$W_{3},\\ b_{3}$", "$h^{(2)}_{8}$", "$\\hat y_{3}$"):
        assert label in found, label
    assert sum(isinstance(p, Circle) for p in fig.axes[0].patches) == sum(sizes)
    n_edges = 4 * 12 + 12 * 8 + 8 * 3
    assert f"연결선 {n_edges}개" in fig.dnn_guide_alt.ko and "은닉층 2개(유닛 12, 8개)" in fig.dnn_guide_alt.ko
    assert f"{n_edges} connections" in fig.dnn_guide_alt.en and "2 hidden layers of 12, 8 units" in fig.dnn_guide_alt.en
    assert "(48 in W₁, 96 in W₂, 24 in W₃)" in fig.dnn_guide_alt.en
    single = diagrams.draw_network((1, 1)).dnn_guide_alt.en
    assert (
        "1 input," in single and "the 1 connection is the weight" in single and "the bias b₁ is" in single
    )  # singular


def test_backprop_graph_draws_the_labs_computation():
    fig = diagrams.draw_backprop_graph()
    found = texts(fig)
    forward = ["$l_1 = XW_1 + b_1$", "$a_1 = \\sigma(l_1)$", "$l_2 = a_1W_2 + b_2$", "$\\hat Y = \\sigma(l_2)$"]
    for label in [*forward, "$L = \\frac{1}{2}\\sum(\\hat Y - Y)^2$"]:
        assert label in found, label
    local = ["$\\sigma(l_1)(1-\\sigma(l_1))$", "$\\sigma(l_2)(1-\\sigma(l_2))$", "$W_2^\\top$", "$\\hat Y - Y$"]
    for label in [*local, "$X^\\top$", "$a_1^\\top$", "$\\partial a_1/\\partial l_1$"]:
        assert label in found, label
    assert "backward" in found and "$\\partial L/\\partial l_1$" in found
    for lang in ("ko", "en"):
        alt = fig.dnn_guide_alt.in_language(lang)
        assert "l₁ = XW₁ + b₁" in alt and "L = ½ Σ (Ŷ − Y)²" in alt
        assert "5" in fig.dnn_guide_alt.in_language(lang)  # forward steps, counted from the drawn list


def test_backprop_graph_local_derivatives_are_the_labs():
    """The drawn loss and local derivatives are those of dnn_guide.backprop (autograd as the reference)."""
    generator = torch.Generator().manual_seed(0)
    params = backprop.init_params(3, 4, 2, generator=generator, dtype=torch.float64)
    X, Y = torch.randn(5, 3, generator=generator, dtype=torch.float64), torch.rand(5, 2, dtype=torch.float64)
    cache = backprop.forward(params, X)
    y_pred = cache["y_pred"].clone().requires_grad_()
    backprop.squared_error(y_pred, Y).backward()
    torch.testing.assert_close(y_pred.grad, cache["y_pred"] - Y)  # dL/dY_hat = Y_hat - Y
    l1 = cache["l1"].clone().requires_grad_()
    backprop.sigmoid(l1).sum().backward()
    s = torch.sigmoid(cache["l1"])
    torch.testing.assert_close(l1.grad, s * (1 - s))  # da1/dl1 = sigma(l1)(1 - sigma(l1))


@pytest.mark.parametrize(("p", "seed", "sizes"), [(0.5, 0, (6, 8, 8, 4)), (0.3, 7, (4, 10, 3)), (0.0, 1, (2, 3, 1))])
def test_dropout_mask_is_f_dropouts(p, seed, sizes):
    state = torch.random.get_rng_state()
    fig = diagrams.draw_dropout_mask(p=p, seed=seed, sizes=sizes)
    assert torch.equal(state, torch.random.get_rng_state()), "the global random state must be left alone"
    expected = dropped_by_dropout(p, seed, sizes)
    n_dropped, total = sum(map(len, expected)), sum(sizes[1:-1])
    (ax,) = fig.axes
    gids = [patch.get_gid() for patch in ax.patches if isinstance(patch, Circle)]
    assert gids.count("train-dropped") == n_dropped
    assert gids.count("train-kept") == sum(sizes) - n_dropped
    assert gids.count("eval-kept") == sum(sizes) and "eval-dropped" not in gids
    assert drawn_dropped(ax) == expected  # the same units, not only as many
    scale = f"{1 / (1 - p):.3g}"
    assert f"{n_dropped} of {total} hidden units dropped;\nkept outputs $\\times\\, 1/(1-p) = {scale}$" in texts(fig)
    assert "training: model.train()" in texts(fig) and "evaluation: model.eval()" in texts(fig)
    ko, en = fig.dnn_guide_alt.ko, fig.dnn_guide_alt.en
    assert f"p={p:g}" in ko and f"p={p:g}" in en and f"은닉 유닛 {total}개 중" in ko
    if n_dropped:
        assert f"{n_dropped}개" in ko and f"{n_dropped} of the {total} hidden units" in en and scale in ko + en
        for layer, units in enumerate(expected, start=1):
            if units:
                assert f"은닉층 {layer}의 {'·'.join(map(str, units))}번" in ko
                assert f"{', '.join(map(str, units))} of hidden layer {layer}" in en
    else:
        assert "하나도 끄지 않습니다" in ko and "none of the" in en


def test_batch_norm_panels_and_pytorchs_momentum():
    fig = diagrams.draw_batch_norm()
    assert len(fig.axes) == 2
    found = joined(fig)
    for label in (
        "training: model.train()",
        "evaluation: model.eval()",
        "\\mu_B,\\ \\sigma_B^2",
        "\\gamma \\hat x + \\beta",
    ):
        assert label in found, label
    assert "\\hat\\mu \\leftarrow (1-m)\\,\\hat\\mu + m\\,\\mu_B" in found and "not updated" in found
    momentum = nn.BatchNorm1d(3).momentum
    assert f"$m = {momentum:g}$" in found
    assert f"m = {momentum:g}" in fig.dnn_guide_alt.ko and f"m = {momentum:g}" in fig.dnn_guide_alt.en


def test_batch_norm_update_rule_as_drawn_is_pytorchs():
    """running <- (1 - m) running + m batch statistic (unbiased variance) in train(); nothing moves in eval()."""
    torch.manual_seed(0)
    bn, x = nn.BatchNorm1d(3), torch.randn(16, 3) * 2 + 1
    m = bn.momentum
    bn.train()
    bn(x)
    torch.testing.assert_close(bn.running_mean, (1 - m) * torch.zeros(3) + m * x.mean(0))
    torch.testing.assert_close(bn.running_var, (1 - m) * torch.ones(3) + m * x.var(0, correction=1))
    before = bn.running_mean.clone()
    bn.eval()
    bn(x + 5)
    assert torch.equal(bn.running_mean, before)
