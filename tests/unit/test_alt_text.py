"""Alt text generated from a figure's data (dnn_guide.alt_text), in a kernel, and on the built pages."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
import torch
from nbclient import NotebookClient

import dnn_guide
from dnn_guide.alt_text import _ro, describe, install_alt_text, number, plain
from dnn_guide.errors import InputError
from dnn_guide.optim_paths import animate_paths, optimizer_path
from dnn_guide.say import Say
from tests.conftest import ROOT

HANGUL = re.compile("[가-힣]")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def assert_languages(alt):
    assert isinstance(alt, Say)
    assert HANGUL.search(alt.ko), alt.ko
    assert not HANGUL.search(alt.en), alt.en


def test_a_falling_loss_curve_is_described_by_its_numbers():
    steps = np.arange(10_001)
    fig, ax = plt.subplots()
    ax.plot(steps, np.geomspace(0.69, 0.02, len(steps)), label="Adam")
    ax.set_xlabel("step")
    ax.set_ylabel("BCE loss")
    ax.set_yscale("log")
    alt = describe(fig)
    assert_languages(alt)
    assert alt.en == "BCE loss (log scale) against step, from step 0 to 10,000: Adam falls from 0.69 to 0.02."
    assert alt.ko == ("step에 따른 BCE loss(로그 눈금), step 0부터 10,000까지: Adam 곡선은 0.69에서 0.02로 내려갑니다.")


def test_panels_are_named_by_title_and_a_peak_in_between_is_said():
    x = np.linspace(-4, 4, 401)
    fig, (left, right) = plt.subplots(1, 2)
    left.plot(x, np.tanh(x), label="tanh")
    right.plot(x, 1 / np.cosh(x) ** 2, label="tanh")
    left.set_title("f(x)")
    right.set_title("$f'(x)$")
    alt = describe(fig)
    assert_languages(alt)
    assert alt.en.startswith("2 panels. f(x): From x = -4 to 4: tanh rises from -0.999 to 0.999.")
    assert "f'(x): From x = -4 to 4: tanh is near 0.00134 at both ends and highest (1) at x = 0." in alt.en
    assert "tanh 곡선은 양 끝이 0.00134 근처이고 x = 0에서 가장 높은 1입니다" in alt.ko


def test_many_curves_are_listed_by_their_final_values():
    fig, ax = plt.subplots()
    for i, name in enumerate(["A", "B", "C", "D", "E"]):
        ax.plot([1, 2, 3], [1.0, 0.5, 0.1 * (5 - i)], label=name)
    alt = describe(fig)
    assert "5 curves, final values from lowest: E 0.1, D 0.2, C 0.3, B 0.4, A 0.5" in alt.en
    assert "곡선 5개, 끝 값(작은 순) E 0.1, D 0.2, C 0.3, B 0.4, A 0.5" in alt.ko


def test_histograms_bars_and_reference_lines():
    values = np.repeat([1.0, 3.0], 50)  # mean 2, std 1; bins 0.2 wide centered on 1.0, 1.2, ..., 3.0
    fig, (ax_hist, ax_step, ax_bar) = plt.subplots(1, 3)
    ax_hist.hist(values, bins=11, range=(0.9, 3.1), label="ReLU")
    ax_hist.set_xlabel("log10(loss)")
    ax_step.hist(values, bins=11, range=(0.9, 3.1), histtype="step", density=True, label="layer 1")
    ax_step.axhline(1, ls=":")
    ax_bar.barh([0, 1], [12.5, 3.1], label="original loop")
    ax_bar.set_yticks([0, 1], ["9-1 softmax", "9-2 MLP"])
    ax_bar.set_xlabel("seconds per epoch")
    alt = describe(fig)
    assert_languages(alt)
    assert "Histogram of log10(loss): ReLU mean 2, std 1." in alt.en
    assert "Histogram: layer 1 mean 2, std 1. A reference line at y = 1." in alt.en
    assert "Bars of seconds per epoch: original loop: 9-1 softmax = 12.5, 9-2 MLP = 3.1." in alt.en
    assert "log10(loss) 히스토그램: ReLU 평균 2, 표준편차 1" in alt.ko
    assert "막대그래프(seconds per epoch): original loop: 9-1 softmax = 12.5" in alt.ko


def test_shared_axes_many_histograms_and_many_bars_are_summed_up():
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True)
    for layer in (1, 4, 7, 10):
        values = np.repeat([1.0, 3.0], 50) / layer  # bins 0.1 wide, centered on 0.1, 0.2, ..., 4.0
        top.hist(values, bins=40, range=(0.05, 4.05), histtype="step", label=f"layer {layer}")
    bottom.bar(range(6), [3.0, 1.0, 4.0, 1.5, 5.0, 9.0], label="fit")
    bottom.set_xticks(range(6), ["a", "b", "c", "d", "e", "f"])
    bottom.set_xlabel("epoch")
    top.set_title("tanh")
    alt = describe(fig)
    assert "Histogram of epoch: 4 of them, layer 1 to layer 10: mean 2 to 0.2, std 1 to 0.1." in alt.en
    assert "epoch 히스토그램: 4개, layer 1부터 layer 10까지 평균 2에서 0.2로, 표준편차 1에서 0.1로" in alt.ko
    assert "Bars: fit: 6 bars from 1 (b) to 9 (f)." in alt.en
    assert "막대그래프: fit: 막대 6개, 가장 작은 값 1(b), 가장 큰 값 9(f)" in alt.ko


def test_paths_over_contours_and_their_marked_points():
    fig, ax = plt.subplots()
    grid = np.linspace(-2, 2, 20)
    ax.contour(grid, grid, np.add.outer(grid**2, grid**2), levels=[0.5, 1, 2])
    ax.plot([-1.5, 0.2, 1.0], [2.0, 0.5, 1.0], label="Adam")
    ax.plot([-1.5, -1.0, -1.2], [2.0, 1.5, 1.7], label="SGD")
    ax.plot(1, 1, "r*")
    alt = describe(fig)
    assert "3 contour lines from 0.5 to 2" in alt.en
    assert "2 paths from (-1.5, 2), ending at: Adam (1, 1), SGD (-1.2, 1.7)" in alt.en
    assert "marked points at (1, 1)" in alt.en.lower()
    assert "(-1.5, 2)에서 출발한 경로 2개의 끝점: Adam (1, 1), SGD (-1.2, 1.7)" in alt.ko


def test_a_path_that_diverges_ends_at_its_last_finite_point_and_says_where_it_broke_off():
    fig, ax = plt.subplots()
    grid = np.linspace(-2, 2, 20)
    ax.contour(grid, grid, np.subtract.outer(grid**2, grid**2), levels=[-1, 0, 1])
    ax.plot([-1.0, -0.5, 3e18, 4.85e36, np.inf, np.nan, np.nan], [0.001, 0.5, 2e18, 5.46e36, np.inf, np.nan, np.nan])
    ax.plot([-1.0, -0.6, -0.55], [0.001, 0.002, 0.0018], label="SGD")
    alt = describe(fig)
    assert "#1 (4.85e+36, 5.46e+36), then not finite (inf, nan) from step 4 on, SGD (-0.55, 0.0018)" in alt.en
    assert "#1 (4.85e+36, 5.46e+36), 스텝 4부터는 유한하지 않은 값(inf, nan), SGD (-0.55, 0.0018)" in alt.ko

    fig, ax = plt.subplots()
    ax.contour(grid, grid, np.subtract.outer(grid**2, grid**2), levels=[0])
    ax.plot([-1.0, 2.0, np.nan], [0.001, -1.0, np.nan], label="LBFGS")
    alt = describe(fig)
    assert "A path from (-1, 0.001) to (2, -1), then not finite (nan) from step 2 on" in alt.en
    assert "(-1, 0.001)에서 출발한 경로, 끝점 (2, -1), 스텝 2부터는 유한하지 않은 값(nan)" in alt.ko


def test_a_histogram_inside_one_bin_gives_bounds_not_a_zero_spread():
    fig, ax = plt.subplots()
    for layer, values in ((1, np.repeat([0.25, 0.65], 50)), (4, np.full(100, 0.31)), (7, np.full(100, 0.02))):
        ax.hist(values, bins=60, range=(-3, 3), histtype="step", label=f"layer {layer}")
    ax.hist(np.linspace(0.001, 0.009, 100, dtype=np.float32), bins=60, range=(-3, 3), histtype="step", label="layer 10")
    alt = describe(fig)
    assert "4 of them, layer 1 to layer 10: mean 0.45 to within 0–0.1, std 0.2 to at most 0.05" in alt.en
    assert "layer 1부터 layer 10까지 평균 0.45에서 0–0.1 사이로, 표준편차 0.2에서 0.05 이하로" in alt.ko

    fig, ax = plt.subplots()
    ax.hist(np.full(10, 0.31), bins=10, range=(0, 1), label="ReLU")
    alt = describe(fig)
    assert alt.en == "Histogram: ReLU mean within 0.3–0.4, std at most 0.05."
    assert alt.ko == "히스토그램: ReLU 평균 0.3–0.4 사이, 표준편차 0.05 이하."


def test_the_package_plots_are_described():
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = torch.tensor([0.0, 1.0, 1.0, 0.0])
    model = torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.Sigmoid())
    alt = describe(dnn_guide.plot_decision_boundary(model, X, Y))
    assert alt.en.startswith("Shaded regions split by a boundary line at 0.5. Points y=0 at (0, 0), (1, 1).")
    assert alt.ko.startswith("0.5 경계선으로 나뉜 색칠 영역. y=0 점 (0, 0), (1, 1).")
    assert "y=1 점 (0, 1), (1, 0)" in alt.ko

    matrix = torch.eye(10, dtype=torch.long) * 90
    matrix[3, 5] = 7
    alt = describe(dnn_guide.plot_confusion_matrix(matrix))
    assert alt.en == "A 10×10 grid of counts (true by predicted), 900 of 907 on the diagonal."

    labels = torch.arange(12) % 10
    predicted = labels.clone()
    predicted[3] = 5
    alt = describe(dnn_guide.plot_predictions(torch.rand(12, 784), labels, predicted, n=12))
    assert alt.en.startswith("12 images titled predicted (true): 0 (0), 1 (1), 2 (2), 5 (3), 4 (4)")
    assert alt.en.endswith("; 1 in red: 5 (3).")
    assert alt.ko.startswith("이미지 12장") and "빨간 제목 1개: 5 (3)" in alt.ko

    history = [{"epoch": e, "loss": 1 / e, "accuracy": 0.5 + e / 20} for e in (1, 2, 3, 4)]
    alt = describe(dnn_guide.plot_history(history))
    assert "Panel 1: loss against epoch, from epoch 1 to 4: train falls from 1 to 0.25." in alt.en
    assert "패널 2: epoch에 따른 accuracy, epoch 1부터 4까지: train 곡선은 0.55에서 0.7로 올라갑니다." in alt.ko


def test_a_diagram_s_own_alt_text_wins_and_a_malformed_one_is_refused():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    fig.dnn_guide_alt = Say(ko="퍼셉트론 그림 ", en="A perceptron")
    assert describe(fig) == Say(ko="퍼셉트론 그림", en="A perceptron")
    for malformed in ({"ko": "퍼셉트론 그림", "en": "A perceptron"}, Say(ko="", en="A perceptron")):
        fig.dnn_guide_alt = malformed
        with pytest.raises(InputError, match=r"must be a Say\(ko=..., en=...\) of two non-empty strings"):
            describe(fig)
    with pytest.raises(InputError, match="matplotlib Figure, got Axes"):
        describe(ax)


def test_numbers_particles_and_mathtext():
    assert [number(v) for v in (231_199_856, 10_000, 0.69, 1.0507, 0.0021, 3.2e-6, 123.4, -4.0)] == [
        "2.31e+08",
        "10,000",
        "0.69",
        "1.05",
        "0.0021",
        "3.2e-06",
        "123",
        "-4",
    ]
    assert [_ro(w) for w in ("0.02", "10", "3", "1", "7", "0.833", "거리", "값")] == [
        "로",
        "으로",
        "으로",
        "로",
        "로",
        "으로",
        "로",
        "으로",
    ]
    assert plain(r"$\sigma'(x_1)$ and $\hat{y}$ of val_loss") == "σ'(x1) and \u0177 of val_loss"


def test_an_animation_of_paths_says_where_each_optimizer_ends():
    paths = {name: optimizer_path(name, "rosenbrock", lr=0.05, steps=20) for name in ("Adam", "RMSprop")}
    end = paths["Adam"][-1]
    alt = animate_paths(paths, "rosenbrock", frames=3).dnn_guide_alt
    assert_languages(alt)
    where = f"({number(end[0].item())}, {number(end[1].item())})"
    distance = number(torch.dist(end, torch.tensor([1.0, 1.0])).item())
    assert "2 optimizers walk over the contour lines of rosenbrock from (-1.5, 2) for 20 steps" in alt.en
    assert f"Adam {where}, {distance};" in alt.en
    assert "옵티마이저 2개가 rosenbrock 함수의 등고선 위를 (-1.5, 2)에서 출발해 20스텝" in alt.ko


def test_install_alt_text_needs_a_kernel():
    with pytest.raises(InputError, match="IPython kernel"):
        install_alt_text()


def test_every_figure_a_kernel_shows_carries_its_alt_text():
    cells = [
        "from dnn_guide.alt_text import install_alt_text\ninstall_alt_text()\nimport matplotlib.pyplot as plt",
        "fig, ax = plt.subplots()\nax.plot([0, 10], [0.69, 0.02], label='loss')\nplt.show()",  # plt.show()
        "fig, ax = plt.subplots()\nax.plot([1, 2], [3, 4], label='a')",  # shown at the end of the cell
        "fig, ax = plt.subplots()\nax.plot([1, 2], [5, 6], label='b')\nplt.close(fig)\nfig",  # the cell's value
        "from dnn_guide.optim_paths import animate_paths, optimizer_path\n"
        "animate_paths({'SGD': optimizer_path('SGD', 'beale', lr=1e-3, steps=5)}, 'beale', frames=2)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    shown = [o for cell in nb.cells[1:] for o in cell.outputs if {"image/png", "image/gif"} & set(o.get("data", {}))]
    assert len(shown) == 4
    alts = [o.metadata["dnn_guide_alt"] for o in shown]
    for alt in alts:
        assert set(alt) == {"ko", "en"}  # the metadata the site build reads: a plain JSON object
        assert_languages(Say(**alt))
    assert "loss falls from 0.69 to 0.02" in alts[0]["en"]
    assert "a rises from 3 to 4" in alts[1]["en"]
    assert "b 곡선은 5에서 6으로 올라갑니다" in alts[2]["ko"]
    assert "SGD" in alts[3]["en"] and "beale" in alts[3]["ko"]
