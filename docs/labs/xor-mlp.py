# ---
# jupyter:
#   dnn_guide:
#     order: 20
#     number: "8-2·8-3"
#     title:
#       ko: "다층 퍼셉트론으로 XOR 풀기"
#       en: "Solving XOR with a multi-layer perceptron"
#     summary:
#       ko: "은닉층이 XOR을 선형 분리 가능하게 바꾸는 모습, 넓고 깊은 신경망, 시드별 실패율"
#       en: "How a hidden layer makes XOR linearly separable, wide and deep nets, failure rate over seeds"
#     originals: ["lab-08_2_xor_nn.ipynb", "lab-08_3_xor_nn_wide_deep.ipynb"]
#     experiments: ["08_2", "08_3"]
#     timed: false
#     exercises: "xor_mlp"
#     lecture: "Lab-08-2 Multi Layer Perceptron"
# ---

# %% [markdown] lang="ko"
# [앞 실습](perceptron.md)에서 퍼셉트론 하나는 XOR을 배우지 못했습니다. 이번에는 입력과 출력 사이에
# 은닉층(hidden layer)을 하나 넣은 다층 퍼셉트론(multi-layer perceptron, MLP)으로 같은 문제를 풉니다.
# 설정은 원래 실습(lab-08_2_xor_nn, lab-08_3_xor_nn_wide_deep)과 같습니다: 시드 777, SGD 학습률 1,
# BCE 손실, 10,001 스텝(네 점을 한 번에 쓰는 전체 배치 경사 하강법).
#
# !!! info "원본"
#     원래 노트북: [lab-08_2_xor_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_2_xor_nn.ipynb),
#     [lab-08_3_xor_nn_wide_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_3_xor_nn_wide_deep.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="8838ecf44a"
# In [the previous lab](perceptron.md) one perceptron could not learn XOR. Here a multi-layer perceptron
# (MLP), with one hidden layer between the input and the output, solves the same problem. The settings
# are those of the original labs (lab-08_2_xor_nn, lab-08_3_xor_nn_wide_deep): seed 777, SGD with
# learning rate 1, BCE loss, 10,001 steps (full-batch gradient descent on all four points).
#
# !!! info "Sources"
#     Original notebooks: [lab-08_2_xor_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_2_xor_nn.ipynb),
#     [lab-08_3_xor_nn_wide_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_3_xor_nn_wide_deep.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="ko"
# !!! abstract "이 실습에서 배우는 것"
#     - 은닉층이 있는 2-2-1 신경망을 `nn.Sequential`로 만들고, 퍼셉트론 때와 같은 학습 루프로 XOR을 학습시킵니다.
#     - 은닉층이 네 점을 새 좌표로 옮겨 XOR을 직선 하나로 나눌 수 있게 바꾸는 모습을 그림으로 확인합니다.
#     - 더 넓고 깊은 신경망(2-10-10-10-1)과 손실 곡선을 비교하고, 같은 신경망도 초기 가중치(시드)에 따라 학습에
#       실패할 수 있음을 여러 시드로 측정합니다.
#
# !!! info "먼저 알아 둘 것"
#     [퍼셉트론 실습](perceptron.md)의 내용(`nn.Linear`, 시그모이드, BCE 손실, 전체 배치 학습 루프, 결정 경계)과,
#     1부의 텐서·행렬 곱, 자동 미분(autograd), 로지스틱 회귀, `nn.Sequential`로 모델을 쌓는 법을 안다고 가정합니다.

# %% [markdown] lang="en" ko="180d545fb3"
# !!! abstract "What you will learn"
#     - Build a 2-2-1 network with a hidden layer as an `nn.Sequential` and train it on XOR with the
#       perceptron's training loop.
#     - See in a figure how the hidden layer moves the four points to new coordinates where one line splits
#       XOR.
#     - Compare the loss curve with a wider and deeper network (2-10-10-10-1), and measure over many seeds
#       that the same network can fail to learn, depending on its initial weights (the seed).
#
# !!! info "Prerequisites"
#     [The perceptron lab](perceptron.md) (`nn.Linear`, the sigmoid, the BCE loss, the full-batch training
#     loop, decision boundaries), and from Part 1: tensors and matrix products, automatic differentiation
#     (autograd), logistic regression, and stacking a model with `nn.Sequential`.

# %%
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide
from dnn_guide.xor import XOR_X, XOR_Y, train_xor, train_xor_seeds

device = dnn_guide.get_device()
X, Y = XOR_X.to(device), XOR_Y.to(device)

# %% [markdown] lang="ko"
# ## 2-2-1 신경망
#
# 입력 2개 → 은닉 유닛 2개 → 출력 1개입니다. 층마다 시그모이드를 붙입니다. 아래 그림에서 연결선 하나하나가
# 가중치 하나이고, 은닉 유닛과 출력 유닛은 각자 편향을 하나씩 가집니다. 학습 루프는 퍼셉트론 때와 똑같고,
# 모델만 바뀌었습니다.

# %% [markdown] lang="en" ko="fcf94ba4ca"
# ## The 2-2-1 network
#
# Two inputs → two hidden units → one output, with a sigmoid after each layer. In the figure each line is
# one weight, and each hidden and output unit has a bias of its own. The training loop is the
# perceptron's; only the model changed.

# %%
from dnn_guide.diagrams import draw_network

draw_network((2, 2, 1))
plt.show()

# %%
torch.manual_seed(777)
model = nn.Sequential(
    nn.Linear(2, 2),
    nn.Sigmoid(),  # hidden layer
    nn.Linear(2, 1),
    nn.Sigmoid(),  # output layer
).to(device)
loss_fn = nn.BCELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)

losses_221 = []  # every step's loss, for the comparison further down
for step in range(10_001):
    optimizer.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    optimizer.step()
    losses_221.append(loss.item())
    if step % 2000 == 0:
        print(f"step {step:5d}  loss {loss.item():.6f}")

# %%
with torch.no_grad():
    p = model(X).squeeze(1)
dnn_guide.Table(
    ["$x_1$", "$x_2$", "XOR", "p(y=1)", "prediction"],
    [
        [int(a), int(b), int(y), f"{q:.4f}", int(q >= 0.5)]
        for (a, b), y, q in zip(X.tolist(), Y.squeeze(1).tolist(), p.tolist())
    ],
)

# %%
print(f"accuracy: {dnn_guide.accuracy(p, Y.squeeze(1)):.2f}")

# %% [markdown] lang="ko"
# 10,000 스텝에서 손실은 `{python} f"{losses_221[-1]:.4f}"`이고, 점 4개 중 `{python} round(4 * dnn_guide.accuracy(p, Y.squeeze(1)))`개를
# 맞힙니다. 결정 영역(decision region)을 그려 보면 1로 분류되는 영역이 직선 한쪽이 아니라 두 직선 사이의 띠입니다.

# %% [markdown] lang="en" ko="b9f1b0cd41"
# At step 10,000 the loss is `{python} f"{losses_221[-1]:.4f}"`, and `{python} round(4 * dnn_guide.accuracy(p, Y.squeeze(1)))` of the
# 4 points are right. Drawn as decision regions, class 1 is no longer one side of a line but a band
# between two lines.

# %%
dnn_guide.plot_decision_boundary(model, X, Y).axes[0].set_title("2-2-1 MLP")
plt.show()

# %% [markdown] lang="ko"
# ## 은닉층이 보는 세상
#
# 왜 풀릴까요? 은닉층의 두 유닛은 각 점을 새 좌표 $(h_1, h_2)$로 옮깁니다. 그 좌표에서 네 점을 다시 그려 보면,
# 출력층이라는 퍼셉트론 하나가 직선으로 나눌 수 있게 놓여 있습니다. 은닉층이 문제를 선형 분리
# 가능(linearly separable)하게 바꾼 것입니다. 오른쪽 그림의 점선은 출력층의 결정 경계
# $w_1 h_1 + w_2 h_2 + b = 0$입니다. XOR이 1인 두 점 (0,1)과 (1,0)은 은닉 공간에서 거의 같은 점으로 옮겨져
# 그림에서 하나로 겹쳐 보입니다(그림 위에 출력한 좌표).

# %% [markdown] lang="en" ko="86c616fb4f"
# ## What the hidden layer sees
#
# Why does it work? The two hidden units move each point to new coordinates $(h_1, h_2)$. Plotted there,
# the four points are arranged so that one perceptron, the output layer, can split them with a line: the
# hidden layer made the problem linearly separable. The dashed line on the right is the output layer's
# decision boundary $w_1 h_1 + w_2 h_2 + b = 0$. The two points where XOR is 1, (0,1) and (1,0), land on
# nearly the same point in hidden space and overlap in the figure (the coordinates printed above it).

# %%
with torch.no_grad():
    H = model[1](model[0](X)).cpu()  # hidden activations, shape (4, 2)
w, b = model[2].weight.detach().cpu().squeeze(0), model[2].bias.item()
print("hidden (h1, h2) of (0,0), (0,1), (1,0), (1,1):", [[round(v, 3) for v in h] for h in H.tolist()])

fig, (ax_in, ax_hidden) = plt.subplots(1, 2, figsize=(8, 3.6))
for ax, points, title in ((ax_in, X.cpu(), "input space $(x_1, x_2)$"), (ax_hidden, H, "hidden space $(h_1, h_2)$")):
    for (u, v), y, (a, c) in zip(points.tolist(), Y.squeeze(1).tolist(), X.cpu().int().tolist()):
        ax.scatter(u, v, marker="s" if y else "o", c="#a63603" if y else "#08519c", s=70, zorder=3)
        below = ax is ax_hidden and (a, c) == (1, 0)  # in hidden space (1,0) lands on (0,1): label it below
        ax.annotate(f"({a},{c})", (u, v), textcoords="offset points", xytext=(6, -14) if below else (6, 6))
    ax.set_title(title)
    ax.set_xlim(-0.15, 1.25)
    ax.set_ylim(-0.15, 1.25)
h1 = torch.linspace(-0.15, 1.25, 50)
ax_hidden.plot(h1, -(w[0] * h1 + b) / w[1], "k--")
ax_hidden.set_xlabel("$h_1$")
ax_hidden.set_ylabel("$h_2$")
ax_in.set_xlabel("$x_1$")
ax_in.set_ylabel("$x_2$")
fig.tight_layout()
plt.show()

# %% [markdown] lang="ko"
# ## 더 넓고 깊게: 2-10-10-10-1
#
# 8-3 실습은 은닉층을 10개 유닛짜리 세 층으로 늘립니다. `train_xor`는 위의 학습 루프를 그대로 담은
# 함수입니다. 같은 시드와 스텝에서 손실이 어떻게 내려가는지 비교합니다. 2-2-1의 곡선은 위의 루프가 스텝마다
# 기록한 손실이고, 2-10-10-10-1은 `train_xor`로 학습합니다.

# %% [markdown] lang="en" ko="989a58624e"
# ## Wider and deeper: 2-10-10-10-1
#
# Lab 8-3 grows the hidden part to three layers of 10 units. `train_xor` is the training loop above,
# packaged as a function. Compare how the loss falls with the same seed and steps. The 2-2-1 curve is the
# loss the loop above recorded at every step; 2-10-10-10-1 is trained with `train_xor`.

# %%
dnn_guide.show_source(train_xor)

# %%
curves = {"2-2-1": losses_221}  # the loop above already trained 2-2-1 with seed 777
_, curves["2-10-10-10-1"] = train_xor([2, 10, 10, 10, 1], seed=777)

fig, ax = plt.subplots(figsize=(6, 3.4))
for name, losses in curves.items():
    ax.plot(losses, label=name)
ax.set_yscale("log")
ax.set_xlabel("step")
ax.set_ylabel("BCE loss")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
first_below_half = {name: next(i for i, v in enumerate(c) if v < 0.5) for name, c in curves.items()}
dnn_guide.Table(
    ["model", "loss at step 1,000", "first step with loss < 0.5", "loss at step 10,000"],
    [[n, f"{c[1000]:.6f}", f"{first_below_half[n]:,}", f"{c[10_000]:.6f}"] for n, c in curves.items()],
)

# %%
deep = curves["2-10-10-10-1"]
peak = max(range(1000, len(deep)), key=deep.__getitem__)  # past the first steps
print(f"2-10-10-10-1 after step 1,000: highest loss {deep[peak]:.4f} at step {peak:,} (ln 2 = {math.log(2):.4f})")
before, after = peak // 100 * 100, peak // 100 * 100 + 100
print(
    f"every 100 steps, as the original prints: step {before:,}: {deep[before]:.4f}, step {after:,}: {deep[after]:.4f}"
)

# %% [markdown] lang="ko"
# 표의 "loss at step 1,000" 열에서 보듯 두 신경망 모두 처음에는 손실이 ln 2(≈ 0.6931) 근처의 평평한 구간(plateau)에
# 머뭅니다. 손실이 처음으로 0.5 아래로 내려가는 스텝("first step with loss < 0.5" 열)은 2-2-1이
# `{python} f"{first_below_half['2-2-1']:,}"`, 2-10-10-10-1이 `{python} f"{first_below_half['2-10-10-10-1']:,}"`입니다.
# 10,000 스텝의 손실은 2-2-1이 `{python} f"{curves['2-2-1'][10_000]:.6f}"`, 2-10-10-10-1이
# `{python} f"{deep[10_000]:.6f}"`입니다.
#
# 2-10-10-10-1의 손실은 평평한 구간을 벗어나는 동안 스텝 `{python} f"{peak:,}"`에서 `{python} f"{deep[peak]:.4f}"`까지
# 올라갔다가 내려갑니다(위 출력의 첫 줄). 스텝 1,000 이후 가장 높은 값으로, 평평한 구간의 ln 2 = 0.6931보다
# `{python} "높습니다" if deep[peak] > math.log(2) else "낮습니다"`. 원래 노트북은 손실을 100 스텝마다만 출력하므로 이런 순간이
# 보이지 않습니다. 100 스텝 간격의 앞뒤 값은 스텝 `{python} f"{before:,}"`에서 `{python} f"{deep[before]:.4f}"`,
# 스텝 `{python} f"{after:,}"`에서 `{python} f"{deep[after]:.4f}"`입니다(둘째 줄).
#
# ## 2-2-1은 얼마나 자주 실패할까
#
# 시드 777에서는 2-2-1이 XOR을 풀었습니다. 하지만 초기 가중치에 따라서는 손실이 평평한 구간을 벗어나지 못한 채
# 10,001 스텝이 끝나기도 합니다. 시드를 바꿔 가며 같은 학습을 여러 번 돌려서 얼마나 자주 그런지 세어 봅니다.
# `train_xor_seeds`는 시드마다 `train_xor`와 똑같이 초기화한 신경망들을 한 텐서에 쌓아 한꺼번에 학습합니다
# (둘의 결과가 같은지는 패키지 테스트가 확인합니다).

# %% [markdown] lang="en" ko="d590ab5d9e"
# As the "loss at step 1,000" column shows, both networks start on a plateau near ln 2 (≈ 0.6931). The
# first step with a loss below 0.5 (the "first step with loss < 0.5" column) is
# `{python} f"{first_below_half['2-2-1']:,}"` for 2-2-1 and `{python} f"{first_below_half['2-10-10-10-1']:,}"` for
# 2-10-10-10-1. At step 10,000 the loss is `{python} f"{curves['2-2-1'][10_000]:.6f}"` for 2-2-1 and
# `{python} f"{deep[10_000]:.6f}"` for 2-10-10-10-1.
#
# While 2-10-10-10-1 leaves the plateau, its loss rises to `{python} f"{deep[peak]:.4f}"` at step
# `{python} f"{peak:,}"` and falls again (the first line printed above): its highest value after step 1,000,
# `{python} "above" if deep[peak] > math.log(2) else "below"` the plateau's ln 2 = 0.6931. The original notebook prints the loss
# only every 100 steps, which hides moments like this: the values 100 steps apart around it are
# `{python} f"{deep[before]:.4f}"` at step `{python} f"{before:,}"` and `{python} f"{deep[after]:.4f}"` at step
# `{python} f"{after:,}"` (the second line).
#
# ## How often does 2-2-1 fail?
#
# With seed 777 the 2-2-1 network solved XOR. With other initial weights, though, the loss can stay on a
# plateau until the 10,001 steps are over. Count how often: run the same training for many seeds.
# `train_xor_seeds` stacks networks initialized exactly as `train_xor` would for each seed into one tensor
# and trains them together (a test checks that they match).

# %%
runs = {
    "2-2-1": train_xor_seeds([2, 2, 1], range(500)),
    "2-10-10-10-1": train_xor_seeds([2, 10, 10, 10, 1], range(100)),
}
rows, solved_share = [], {}
for name, run in runs.items():
    solved = run["accuracy"] == 1.0
    solved_share[name] = solved.float().mean().item()
    rows.append(
        [
            name,
            len(solved),
            f"{solved_share[name]:.1%}",
            f"{run['final_loss'].median().item():.2e}",
            f"{run['final_loss'][~solved].min().item():.3f}" if (~solved).any() else "-",
        ]
    )
dnn_guide.Table(["model", "seeds", "solved (4/4 right)", "median final loss", "lowest loss of a failure"], rows)

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for name, run in runs.items():
    ax.hist(run["final_loss"].log10().numpy(), bins=40, alpha=0.6, label=name)
ax.set_xlabel("log10(final BCE loss) after 10,001 steps")
ax.set_ylabel("seeds")
ax.legend()
plt.show()

# %% [markdown] lang="ko"
# 실패한 2-2-1 시드는 어떤 손실에서 멈췄을까요? 손실 값을 반올림해 묶어 봅니다.

# %% [markdown] lang="en" ko="becf9f7c17"
# Where did the failed 2-2-1 seeds stop? Group their final losses, rounded:

# %%
failed = runs["2-2-1"]["final_loss"][runs["2-2-1"]["accuracy"] < 1]
values, counts = failed.round(decimals=2).unique(return_counts=True)
print(f"ln(2) / 2 = {math.log(2) / 2:.4f}    ln(2) = {math.log(2):.4f}")
dnn_guide.Table(
    ["final loss (rounded)", "failed seeds"], [[f"{v:.2f}", c] for v, c in zip(values.tolist(), counts.tolist())]
)

# %% [markdown] lang="ko"
# 한 점에 0.5를 예측하면 그 점의 BCE는 $\ln 2$입니다. 네 점의 평균이 $\ln 2 / 2$라면 두 점은 0.5로 남겨 둔
# 채 나머지 두 점만 맞힌 것이고, $\ln 2$라면 퍼셉트론처럼 모든 점에 0.5를 예측한 것입니다. 실패한 2-2-1 시드
# `{python} len(failed)`개 중 `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())`개가
# $\ln 2 / 2$ 근처에서 멈췄습니다. 그런 시드 하나를 `train_xor`로 다시 학습해, 네 점의 은닉 출력 $(h_1, h_2)$와
# 예측을 봅니다.

# %% [markdown] lang="en" ko="1b3fd22c95"
# Predicting 0.5 for a point costs $\ln 2$ of BCE. A mean of $\ln 2 / 2$ over the four points means two
# points were left at 0.5 while the other two are right; $\ln 2$ means 0.5 everywhere, like the
# perceptron. Of the `{python} len(failed)` failed 2-2-1 seeds,
# `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())` stopped near $\ln 2 / 2$. Train one of
# them again with `train_xor` and look at its hidden outputs $(h_1, h_2)$ and predictions at the four points.

# %%
failed_seeds = (runs["2-2-1"]["accuracy"] < 1).nonzero().squeeze(1)
stuck_seed = next(int(s) for s in failed_seeds if abs(runs["2-2-1"]["final_loss"][s] - math.log(2) / 2) < 0.01)
stuck_model, stuck_losses = train_xor([2, 2, 1], seed=stuck_seed)
with torch.no_grad():
    stuck_h = stuck_model[1](stuck_model[0](XOR_X))  # hidden outputs, (4, 2)
    stuck_p = stuck_model(XOR_X).squeeze(1)
near_half = [f"({a},{b})" for (a, b), q in zip(XOR_X.int().tolist(), stuck_p.tolist()) if abs(q - 0.5) < 0.05]
at_half = (stuck_p - 0.5).abs() < 0.05  # the points predicted near 0.5
from_0_or_1 = torch.minimum(stuck_h, 1 - stuck_h)[at_half].max().item()
stuck_slope = (stuck_h * (1 - stuck_h))[at_half].max().item()  # the hidden sigmoids' σ' = h(1 - h) there
print(f"seed {stuck_seed}: loss {stuck_losses[5000]:.6f} at step 5,000, {stuck_losses[10_000]:.6f} at step 10,000")
print(f"predicted near 0.5: {', '.join(near_half)}; their hidden outputs are within {from_0_or_1:.1e} of 0 or 1")
print(f"the hidden sigmoids' slope h(1 - h) at these points: at most {stuck_slope:.1e}")
dnn_guide.Table(
    ["$x_1$", "$x_2$", "XOR", "$h_1$", "$h_2$", "p(y=1)"],
    [
        [int(a), int(b), int(y), f"{h1:.4f}", f"{h2:.4f}", f"{q:.4f}"]
        for (a, b), y, (h1, h2), q in zip(XOR_X.tolist(), XOR_Y.squeeze(1).tolist(), stuck_h.tolist(), stuck_p.tolist())
    ],
)

# %% [markdown] lang="ko"
# 예측이 0.5 근처인 점은 `{python} ", ".join(near_half)`입니다. 이 점들에서는 은닉 유닛 두 개의 출력이 모두 0이나
# 1에서 `{python} f"{from_0_or_1:.1e}"` 이내에 있습니다(위 출력의 둘째 줄). 시그모이드가 포화(saturation)되어
# 이 점들이 은닉 공간의 거의 같은 자리에 놓인 것입니다. 정답이 다른 점들이 출력층에 같은 입력으로 들어가니,
# 출력층은 모두 0.5에 가깝게 예측할 수밖에 없습니다. 이 점들을 떼어 놓으려면 은닉층의 가중치가 바뀌어야 하는데,
# 포화된 시그모이드의 도함수 $\sigma' = h(1 - h)$는 이 점들에서 `{python} f"{stuck_slope:.1e}"` 이하이고(위 출력의 셋째 줄),
# 이 점들이 역전파로 은닉층 가중치에 보내는 기울기에는 이 값이 곱해집니다. 손실은 스텝 5,000에서
# `{python} f"{stuck_losses[5000]:.6f}"`, 스텝 10,000에서 `{python} f"{stuck_losses[10_000]:.6f}"`입니다. 0.5로 남은 두 점의
# 손실은 각각 $\ln 2$이고 네 점으로 평균하면 $\ln 2 / 2 \approx 0.3466$이므로, 은닉층이 이 두 점을 떼어 놓지 못하는
# 한 손실은 그 아래로 내려가지 않습니다.
#
# 이런 상태를 흔히 "국소 최솟값(local minimum)에 갇혔다"고 말합니다. 하지만 2-2-1 XOR 신경망의 손실 곡면을 제곱
# 오차(squared error) 손실로 분석한 연구에 따르면, 가중치가 유한한 어느 점에서 출발해도 손실이 계속 줄어들며 0에 이르는 경로가 있습니다(Hamey,
# 1998; Sprinkhuizen-Kuyper & Boers, 1999). 국소 최솟값처럼 보이는 곳은 은닉 유닛이 두 점 이상에서 포화된 평평한
# 영역이고, 손실이 정말로 더 줄지 않는 점은 가중치가 무한히 커지는 극한에만 있습니다. 이 페이지는 BCE로 학습하므로
# 이 증명이 그대로 적용되지는 않지만, 위에서 다시 학습한 시드도 같은 모습, 곧 은닉 유닛이 포화된 평평한 영역에
# 있습니다. 같은 알고리즘, 같은
# 데이터라도 초기화에 따라 이런 영역에 들어가는지가 갈리므로, 결과는 여러 시드로 측정해 비교해야 합니다.

# %% [markdown] lang="en" ko="9f2dcca440"
# The points predicted near 0.5 are `{python} ", ".join(near_half)`. At these points both hidden units output
# values within `{python} f"{from_0_or_1:.1e}"` of 0 or 1 (the second line printed above): the sigmoids
# saturate, and the points land on nearly the same spot in hidden space. Points with different labels reach
# the output layer as the same input, so it can only predict close to 0.5 for all of them. Separating them
# would take the hidden layer's weights changing, but a saturated sigmoid's slope $\sigma' = h(1 - h)$ is at
# most `{python} f"{stuck_slope:.1e}"` at these points (the third line printed above), and the gradient these
# points send back to the hidden weights is multiplied by it. The loss is `{python} f"{stuck_losses[5000]:.6f}"` at
# step 5,000 and `{python} f"{stuck_losses[10_000]:.6f}"` at step 10,000. The two points left at 0.5 cost $\ln 2$
# each, $\ln 2 / 2 \approx 0.3466$ averaged over the four points, so as long as the hidden layer does not separate
# them the loss does not go below that.
#
# This is often described as being "stuck in a local minimum". Analyses of the 2-2-1 XOR network's error
# surface for the squared-error loss, however, show that from every point with finite weights there is a path along which the loss keeps
# decreasing down to 0 (Hamey, 1998; Sprinkhuizen-Kuyper & Boers, 1999). What looks like a local minimum is a
# flat region where hidden units saturate for two or more of the points; points where the loss truly cannot
# decrease exist only in the limit of infinitely large weights. This page trains with BCE, so the proofs do not
# carry over as they stand, but the seed trained again above looks the same: its hidden units saturate on a
# flat region. With the same algorithm and the same data,
# the initialization decides whether training enters such a region, so results must be measured and
# compared over several seeds.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸을 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 무엇이 틀렸는지(모양, 빠진 시그모이드나
# 편향, 틀린 점) 알려 줍니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: 2-2-1 신경망의 순전파"
#     `nn.Linear`와 `nn.Sigmoid` 없이 텐서 연산만으로 2-2-1 신경망의 출력 확률을 계산하는 함수
#     `xor_forward(X, W1, b1, W2, b2)`를 완성하세요. 은닉층은 $h = \sigma(X W_1 + b_1)$, 출력은
#     $\hat y = \sigma(h W_2 + b_2)$입니다. 모양은 `X`가 `(n, 2)`, `W1`이 `(2, 2)`, `b1`이 `(2,)`, `W2`가 `(2, 1)`,
#     `b2`가 `(1,)`이고, 결과는 `(n, 1)`입니다. 위에서 학습한 모델로 말하면 `W1`은 `model[0].weight.T`,
#     `W2`는 `model[2].weight.T`입니다(`nn.Linear`는 가중치를 (출력, 입력) 모양으로 저장합니다).

# %% [markdown] lang="en" ko="185fa00a9b"
# ## Exercises
#
# A code exercise is a blank to fill in, checked by the `check_...` line under it. The checker says what is
# wrong (a shape, a missing sigmoid or bias, the points it gets wrong). The solutions are in the collapsed
# blocks.
#
# !!! question "Exercise 1: the 2-2-1 network's forward pass"
#     Without `nn.Linear` or `nn.Sigmoid`, with tensor operations only, complete `xor_forward(X, W1, b1, W2, b2)`,
#     which returns the 2-2-1 network's output probabilities. The hidden layer is $h = \sigma(X W_1 + b_1)$ and
#     the output $\hat y = \sigma(h W_2 + b_2)$. The shapes: `X` is `(n, 2)`, `W1` `(2, 2)`, `b1` `(2,)`, `W2`
#     `(2, 1)`, `b2` `(1,)`, and the result `(n, 1)`. In terms of the model trained above, `W1` is
#     `model[0].weight.T` and `W2` is `model[2].weight.T` (`nn.Linear` stores its weight as (out, in)).

# %%
from dnn_guide.exercises.xor_mlp import check_xor_forward, check_xor_weights


# %% exercise=true
def xor_forward(X, W1, b1, W2, b2):
    # your code: the hidden layer, then the output (use torch.sigmoid)
    raise NotImplementedError


check_xor_forward(xor_forward)


# %% solution=true
def xor_forward(X, W1, b1, W2, b2):
    hidden = torch.sigmoid(X @ W1 + b1)
    return torch.sigmoid(hidden @ W2 + b2)


with torch.no_grad():
    out = xor_forward(X, model[0].weight.T, model[0].bias, model[2].weight.T, model[2].bias)
    print(f"xor_forward with the trained weights gives the model's output: {torch.allclose(out, model(X))}")
check_xor_forward(xor_forward)

# %% [markdown] lang="ko"
# !!! question "연습 2: XOR을 푸는 가중치를 손으로"
#     학습 없이 2-2-1 신경망의 가중치를 직접 골라 XOR을 풀어 봅니다. 열쇠는 $\text{XOR}(x_1, x_2) =
#     \text{AND}(\text{OR}(x_1, x_2), \text{NAND}(x_1, x_2))$라는 사실입니다. 첫 번째 은닉 유닛(`W1`의 첫 열과
#     `b1[0]`)이 OR을, 두 번째 은닉 유닛(`W1`의 둘째 열과 `b1[1]`)이 NAND를 계산하게 하고([퍼셉트론 실습의 연습
#     3](perceptron.md#연습-문제)), 출력층이 두 은닉 유닛의 AND를 계산하게 하세요. 가중치를 10이나 20처럼 크게
#     잡으면 시그모이드의 출력이 0이나 1에 가까워져 다음 층에서 다루기 쉽습니다. 체커는 네 점 모두에서 $\hat y > 0.5$가
#     XOR의 정답과 맞는지 확인합니다.

# %% [markdown] lang="en" ko="bf70f66037"
# !!! question "Exercise 2: weights that solve XOR, by hand"
#     Solve XOR without training, by choosing the 2-2-1 network's weights yourself. The key is that
#     $\text{XOR}(x_1, x_2) = \text{AND}(\text{OR}(x_1, x_2), \text{NAND}(x_1, x_2))$. Make the first hidden unit
#     (`W1`'s first column and `b1[0]`) compute OR, the second (`W1`'s second column and `b1[1]`) compute NAND
#     ([exercise 3 of the perceptron lab](perceptron.md#exercises)), and the output layer the AND of the two.
#     Large weights such as 10 or 20 push the sigmoids' outputs close to 0 or 1, which makes them easy to use
#     in the next layer. The checker tests that $\hat y > 0.5$ matches XOR's label at all four points.

# %% exercise=true
W1 = torch.zeros(2, 2)  # column j holds the two weights into hidden unit j
b1 = torch.zeros(2)
W2 = torch.zeros(2, 1)
b2 = torch.zeros(1)
check_xor_weights(W1, b1, W2, b2)

# %% solution=true
W1 = torch.tensor([[20.0, -20.0], [20.0, -20.0]])  # hidden unit 1: OR, hidden unit 2: NAND
b1 = torch.tensor([-10.0, 30.0])
W2 = torch.tensor([[20.0], [20.0]])  # output: AND of the two hidden units
b2 = torch.tensor([-30.0])
print("p at (0,0), (0,1), (1,0), (1,1):", xor_forward(XOR_X, W1, b1, W2, b2).squeeze(1))
check_xor_weights(W1, b1, W2, b2)

# %% [markdown] lang="ko"
# !!! question "연습 3: 은닉층의 시그모이드를 빼면"
#     모델에서 은닉층 뒤의 `nn.Sigmoid()`를 빼고 `nn.Linear(2, 2)`와 `nn.Linear(2, 1)`을 바로 이으면, 이 신경망은
#     XOR을 풀 수 있을까요? 식으로 설명하세요.
#
# ??? success "답"
#     풀 수 없습니다. 두 선형층을 이으면 $(X W_1 + b_1) W_2 + b_2 = X (W_1 W_2) + (b_1 W_2 + b_2)$이고, 이것은
#     가중치 $W_1 W_2$와 편향 $b_1 W_2 + b_2$를 가진 선형층 하나와 같습니다. 출력 시그모이드를 씌워도 모델은
#     [퍼셉트론](perceptron.md)과 같고, 결정 경계는 여전히 직선이라 XOR을 나눌 수 없습니다. 층을 쌓는 의미는
#     층 사이의 비선형 활성화 함수(activation function)에서 나옵니다.

# %% [markdown] lang="en" ko="db76729c4f"
# !!! question "Exercise 3: without the hidden sigmoid"
#     If you remove the `nn.Sigmoid()` after the hidden layer and connect `nn.Linear(2, 2)` straight to
#     `nn.Linear(2, 1)`, can the network solve XOR? Explain with an equation.
#
# ??? success "Answer"
#     No. Two linear layers in a row compute $(X W_1 + b_1) W_2 + b_2 = X (W_1 W_2) + (b_1 W_2 + b_2)$: one
#     linear layer with weight $W_1 W_2$ and bias $b_1 W_2 + b_2$. With the output sigmoid the model is the
#     [perceptron](perceptron.md) again, its decision boundary is still a line, and no line splits XOR.
#     Stacking layers pays off only through the non-linear activation functions between them.

# %% [markdown] lang="ko"
# !!! question "연습 4: 시드 하나로 결론 내리기"
#     시드 777에서 2-2-1 신경망이 XOR을 풀었습니다. 이것만 보고 "2-2-1 신경망은 이 설정으로 XOR을 푼다"고 말해도
#     될까요? 이 페이지의 표를 근거로 답하세요.
#
# ??? success "답"
#     안 됩니다. 시드 777은 표본 하나일 뿐입니다. 여러 시드로 돌린 표의 "solved" 열을 보면 2-2-1은
#     `{python} f"{solved_share['2-2-1']:.1%}"`, 2-10-10-10-1은 `{python} f"{solved_share['2-10-10-10-1']:.1%}"`의 시드에서만
#     풀렸고, 나머지 시드는 같은 설정에서 실패했습니다. 실패한 2-2-1 시드 `{python} len(failed)`개 중
#     `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())`개는 $\ln 2 / 2$ 근처, 즉 두 점을 0.5로 남겨 둔
#     상태에서 멈췄습니다. 그래서 "시드 몇 개 중 몇 개가 풀었다"처럼 여러 시드의 비율로 말해야 합니다.

# %% [markdown] lang="en" ko="8d262d7dbd"
# !!! question "Exercise 4: a conclusion from one seed"
#     With seed 777 the 2-2-1 network solved XOR. Does that alone let you say "the 2-2-1 network solves XOR
#     with these settings"? Answer from the tables on this page.
#
# ??? success "Answer"
#     No. Seed 777 is one sample. In the many-seed table the "solved" column reads
#     `{python} f"{solved_share['2-2-1']:.1%}"` for 2-2-1 and `{python} f"{solved_share['2-10-10-10-1']:.1%}"` for
#     2-10-10-10-1: the other seeds failed with the same settings. Of the `{python} len(failed)` failed 2-2-1 seeds,
#     `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())` stopped near $\ln 2 / 2$, with two points
#     left at 0.5. So say how many of how many seeds solved it: a rate over seeds.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: hidden-space
# section: 은닉층이 보는 세상
# question: 퍼셉트론 하나는 풀지 못한 XOR을 2-2-1 신경망이 푸는 까닭은 무엇입니까?
# - [ ] 파라미터가 많아져서 학습이 더 빨라졌기 때문에
#     학습 루프는 퍼셉트론 때와 같고 모델만 바뀌었습니다. 빨라진 것이 아니라, 출력층이 보는 좌표가 달라진 것입니다.
# - [x] 은닉층이 네 점을 새 좌표로 옮겨, 출력층이 직선 하나로 나눌 수 있게 되었기 때문에
#     은닉 공간 $(h_1, h_2)$에서 (0,1)과 (1,0)은 거의 한 점에 모이고, 출력층의 결정 경계(점선) 한쪽에 놓입니다.
# - [ ] 출력층에 시그모이드를 붙였기 때문에
#     퍼셉트론에도 출력 시그모이드가 있었습니다. 출력 시그모이드만으로는 결정 경계가 여전히 직선입니다.
# ```
#
# ```quiz
# id: parameters-221
# section: 2-2-1 신경망
# question: 2-2-1 신경망의 학습할 파라미터(가중치와 편향)는 모두 몇 개입니까?
# answer: `{python} sum(p.numel() for p in model.parameters())`
# right: 은닉층의 가중치 2×2개와 편향 2개, 출력층의 가중치 2개와 편향 1개입니다. 그림의 연결선이 가중치이고, 은닉 유닛과 출력 유닛이 편향을 하나씩 가집니다.
# wrong: 그림의 연결선 하나가 가중치 하나입니다. 여기에 은닉 유닛과 출력 유닛마다 편향 하나씩을 더해 보세요.
# ```
#
# ```quiz
# id: stuck-loss
# section: 2-2-1은 얼마나 자주 실패할까
# question: 실패한 2-2-1 시드 `{python} len(failed)`개 중 `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())`개는 손실 $\ln 2 / 2 \approx 0.35$ 근처에서 멈췄습니다. 이 손실은 무엇을 뜻합니까?
# - [ ] 네 점 모두에 0.5를 예측했다
#     모든 점에 0.5를 예측하면 점마다 BCE가 $\ln 2$라서 평균도 $\ln 2 \approx 0.69$입니다.
# - [x] 두 점은 0.5로 남겨 두고 나머지 두 점은 맞혔다
#     0.5를 예측한 점 하나의 BCE가 $\ln 2$이므로, 두 점이 $\ln 2$이고 두 점이 거의 0이면 네 점의 평균은 $\ln 2 / 2$입니다.
# - [ ] 가중치가 더 줄일 수 없는 국소 최솟값에 도달했다
#     다시 학습해 본 시드의 은닉 유닛은 0.5로 남은 두 점에서 포화되어, 그 점들이 보내는 기울기가 거의 0인 평평한 영역에 있습니다. 제곱 오차 손실로 분석한 연구에 따르면 2-2-1 XOR 신경망에는 가중치가 유한한 국소 최솟값이 없습니다.
# ```

# %% [markdown] lang="en" ko="dda1a2e544"
# ## Check yourself
#
# ```quiz
# id: hidden-space
# section: What the hidden layer sees
# question: One perceptron could not learn XOR. Why can the 2-2-1 network?
# - [ ] It has more parameters, so it learns faster
#     The training loop is the perceptron's; only the model changed. Nothing got faster: the output layer sees different coordinates.
# - [x] The hidden layer moves the four points to new coordinates where the output layer can split them with one line
#     In hidden space $(h_1, h_2)$, (0,1) and (1,0) land on nearly one point, on one side of the output layer's decision boundary (the dashed line).
# - [ ] It has a sigmoid on the output layer
#     The perceptron had an output sigmoid too. With it alone the decision boundary is still a straight line.
# ```
#
# ```quiz
# id: parameters-221
# section: The 2-2-1 network
# question: How many trainable parameters (weights and biases) does the 2-2-1 network have?
# answer: `{python} sum(p.numel() for p in model.parameters())`
# right: 2×2 weights and 2 biases in the hidden layer, 2 weights and 1 bias in the output layer. Each connection in the figure is a weight; each hidden and output unit has a bias.
# wrong: Each connection in the figure is one weight. Add one bias for each hidden unit and for the output unit.
# ```
#
# ```quiz
# id: stuck-loss
# section: How often does 2-2-1 fail?
# question: Of the `{python} len(failed)` failed 2-2-1 seeds, `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())` stopped near a loss of $\ln 2 / 2 \approx 0.35$. What does that loss mean?
# - [ ] It predicts 0.5 at all four points
#     Predicting 0.5 costs $\ln 2$ of BCE at each point, so the mean would be $\ln 2 \approx 0.69$.
# - [x] Two points are left at 0.5 while the other two are right
#     One point at 0.5 costs $\ln 2$; two such points and two near 0 average to $\ln 2 / 2$.
# - [ ] The weights reached a local minimum where the loss cannot go lower
#     In the seed trained again on this page, the hidden units saturate at the two points left at 0.5: a flat region where those points send back a gradient of nearly 0. For the squared-error loss, analyses show that the 2-2-1 XOR network has no local minima at finite weights.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 은닉층 하나를 더한 2-2-1 신경망은 시드 777에서 네 점을 모두 맞힙니다(확률 표와 정확도 출력). 퍼셉트론과 같은
#       학습 루프에서 모델만 바꿨습니다.
#     - 은닉층은 네 점을 은닉 공간 $(h_1, h_2)$로 옮겨, 출력층이라는 퍼셉트론 하나가 직선(그림의 점선)으로 나눌 수
#       있게 만듭니다. 이렇게 되려면 층 사이에 시그모이드 같은 비선형 활성화 함수가 있어야 합니다(연습 3).
#     - 두 신경망 모두 손실이 $\ln 2$ 근처의 평평한 구간에서 출발합니다. 손실이 처음 0.5 아래로 내려간 스텝은 2-2-1이
#       `{python} f"{first_below_half['2-2-1']:,}"`, 2-10-10-10-1이 `{python} f"{first_below_half['2-10-10-10-1']:,}"`이고,
#       10,000 스텝의 손실은 각각 `{python} f"{curves['2-2-1'][10_000]:.6f}"`, `{python} f"{deep[10_000]:.6f}"`입니다(손실
#       비교 표).
#     - 학습의 성패는 초기 가중치에 달려 있습니다. 여러 시드로 잰 표에서 XOR을 푼 시드는 2-2-1이
#       `{python} f"{solved_share['2-2-1']:.1%}"`, 2-10-10-10-1이 `{python} f"{solved_share['2-10-10-10-1']:.1%}"`입니다. 실패한
#       2-2-1 시드 `{python} len(failed)`개 중 `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())`개는 $\ln 2 / 2$ 근처에서
#       멈췄고, 다시 학습해 본 시드 `{python} stuck_seed`에서는 0.5로 남은 두 점에서 은닉 유닛 두 개가 모두 포화되어
#       있었습니다. 국소 최솟값이 아니라 평평한 영역입니다(제곱 오차 손실로 분석한 연구에 따르면 이 신경망에는 가중치가
#       유한한 국소 최솟값이 없습니다). 결과는 시드 하나가 아니라 여러 시드로 재어 비교합니다.
#     - 다음 실습 [역전파를 손으로 계산하기](backprop.md)에서는 이 학습을 움직이는 기울기를 autograd 없이 직접
#       계산합니다.
#
# ## 참고 문헌
#
# - Minsky, M., & Papert, S. (1969). *Perceptrons: An Introduction to Computational Geometry*. MIT Press.
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning internal representations by error
#   propagation. In D. E. Rumelhart & J. L. McClelland (Eds.), *Parallel Distributed Processing*, Vol. 1
#   (pp. 318–362). MIT Press. (XOR을 은닉 유닛으로 푸는 예가 나옵니다.)
# - Hamey, L. G. C. (1998). XOR has no local minima: A case study in neural network error surface analysis.
#   *Neural Networks*, 11(4), 669–681.
# - Sprinkhuizen-Kuyper, I. G., & Boers, E. J. W. (1999). The local minima of the error surface of the 2-2-1 XOR
#   network. *Annals of Mathematics and Artificial Intelligence*, 25, 107–136.

# %% [markdown] lang="en" ko="b8872315b0"
# !!! success "Key points"
#     - With one hidden layer added, the 2-2-1 network gets all four points right with seed 777 (the
#       probability table and the printed accuracy). Only the model changed; the training loop is the
#       perceptron's.
#     - The hidden layer moves the four points into hidden space $(h_1, h_2)$, where one perceptron, the output
#       layer, splits them with a line (the dashed line in the figure). That takes a non-linear activation
#       function such as the sigmoid between the layers (exercise 3).
#     - Both networks' losses start on a plateau near $\ln 2$. The loss first falls below 0.5 at step
#       `{python} f"{first_below_half['2-2-1']:,}"` for 2-2-1 and `{python} f"{first_below_half['2-10-10-10-1']:,}"` for
#       2-10-10-10-1, and at step 10,000 it is `{python} f"{curves['2-2-1'][10_000]:.6f}"` and
#       `{python} f"{deep[10_000]:.6f}"` (the loss-comparison table).
#     - Whether training succeeds depends on the initial weights. In the many-seed table
#       `{python} f"{solved_share['2-2-1']:.1%}"` of the 2-2-1 seeds and `{python} f"{solved_share['2-10-10-10-1']:.1%}"` of
#       the 2-10-10-10-1 seeds solved XOR. Of the `{python} len(failed)` failed 2-2-1 seeds,
#       `{python} int(counts[(values - math.log(2) / 2).abs() < 0.01].sum())` stopped near $\ln 2 / 2$; in the one trained again here (seed
#       `{python} stuck_seed`) both hidden units saturate at the two points left at 0.5: a flat region, not a local
#       minimum (for the squared-error loss, analyses find no local minimum of this network at finite weights).
#       Measure results over many seeds, not one.
#     - The next lab, [Backpropagation by hand](backprop.md), computes the gradients that drive this training
#       without autograd.
#
# ## References
#
# - Minsky, M., & Papert, S. (1969). *Perceptrons: An Introduction to Computational Geometry*. MIT Press.
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning internal representations by error
#   propagation. In D. E. Rumelhart & J. L. McClelland (Eds.), *Parallel Distributed Processing*, Vol. 1
#   (pp. 318–362). MIT Press. (Its examples include XOR solved with hidden units.)
# - Hamey, L. G. C. (1998). XOR has no local minima: A case study in neural network error surface analysis.
#   *Neural Networks*, 11(4), 669–681.
# - Sprinkhuizen-Kuyper, I. G., & Boers, E. J. W. (1999). The local minima of the error surface of the 2-2-1 XOR
#   network. *Annals of Mathematics and Artificial Intelligence*, 25, 107–136.
