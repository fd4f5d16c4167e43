# %% [markdown] lang="ko"
# # 다층 퍼셉트론으로 XOR 풀기
#
# [앞 실습](perceptron.md)에서 퍼셉트론 하나는 XOR을 배우지 못했습니다. 이번에는 입력과 출력 사이에
# 은닉층(hidden layer)을 하나 넣은 다층 퍼셉트론(multi-layer perceptron, MLP)으로 같은 문제를 풉니다.
# 설정은 원래 실습(lab-08_2_xor_nn, lab-08_3_xor_nn_wide_deep)과 같습니다: 시드 777, SGD 학습률 1,
# BCE 손실, 10,001 스텝(네 점을 한 번에 쓰는 전체 배치 경사 하강법).
#
# !!! info "원본"
#     원래 노트북: [lab-08_2_xor_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_2_xor_nn.ipynb),
#     [lab-08_3_xor_nn_wide_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_3_xor_nn_wide_deep.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="4a0d81ca58"
# # Solving XOR with a multi-layer perceptron
#
# In [the previous lab](perceptron.md) one perceptron could not learn XOR. Here a multi-layer perceptron
# (MLP), with one hidden layer between the input and the output, solves the same problem. The settings
# are those of the original labs (lab-08_2_xor_nn, lab-08_3_xor_nn_wide_deep): seed 777, SGD with
# learning rate 1, BCE loss, 10,001 steps (full-batch gradient descent on all four points).
#
# !!! info "Sources"
#     Original notebooks: [lab-08_2_xor_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_2_xor_nn.ipynb),
#     [lab-08_3_xor_nn_wide_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_3_xor_nn_wide_deep.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %%
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
# 입력 2개 → 은닉 유닛 2개 → 출력 1개입니다. 층마다 시그모이드를 붙입니다. 학습 루프는 퍼셉트론 때와
# 똑같고, 모델만 바뀌었습니다.

# %% [markdown] lang="en" ko="5675bbf455"
# ## The 2-2-1 network
#
# Two inputs → two hidden units → one output, with a sigmoid after each layer. The training loop is the
# perceptron's; only the model changed.

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

for step in range(10_001):
    optimizer.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    optimizer.step()
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
# 손실이 $10^{-3}$ 근처까지 내려가고 네 점을 모두 맞힙니다. 결정 영역(decision region)을 그려 보면 직선 하나가
# 아니라 두 직선 사이의 띠가 1로 분류됩니다.

# %% [markdown] lang="en" ko="c4830aa9ca"
# The loss falls to about $10^{-3}$ and all four points are right. Drawn as decision regions, class 1 is
# no longer one side of a line but a band between two lines.

# %%
dnn_guide.plot_decision_boundary(model, X, Y).axes[0].set_title("2-2-1 MLP")
plt.show()

# %% [markdown] lang="ko"
# ## 은닉층이 보는 세상
#
# 왜 풀릴까요? 은닉층의 두 유닛은 각 점을 새 좌표 $(h_1, h_2)$로 옮깁니다. 그 좌표에서 네 점을 다시 그려 보면,
# 출력층이라는 퍼셉트론 하나가 직선으로 나눌 수 있는 배치가 되어 있습니다. 은닉층이 문제를 선형 분리
# 가능(linearly separable)하게 바꾼 것입니다. 오른쪽 그림의 점선은 출력층의 결정 경계
# $w_1 h_1 + w_2 h_2 + b = 0$입니다.

# %% [markdown] lang="en" ko="40f2f3f53f"
# ## What the hidden layer sees
#
# Why does it work? The two hidden units move each point to new coordinates $(h_1, h_2)$. Plotted there,
# the four points are arranged so that one perceptron, the output layer, can split them with a line: the
# hidden layer made the problem linearly separable. The dashed line on the right is the output layer's
# decision boundary $w_1 h_1 + w_2 h_2 + b = 0$.

# %%
with torch.no_grad():
    H = model[1](model[0](X)).cpu()  # hidden activations, shape (4, 2)
w, b = model[2].weight.detach().cpu().squeeze(0), model[2].bias.item()

fig, (ax_in, ax_hidden) = plt.subplots(1, 2, figsize=(8, 3.6))
for ax, points, title in ((ax_in, X.cpu(), "input space $(x_1, x_2)$"), (ax_hidden, H, "hidden space $(h_1, h_2)$")):
    for (u, v), y, (a, c) in zip(points.tolist(), Y.squeeze(1).tolist(), X.cpu().int().tolist()):
        ax.scatter(u, v, marker="s" if y else "o", c="#a63603" if y else "#08519c", s=70, zorder=3)
        ax.annotate(f"({a},{c})", (u, v), textcoords="offset points", xytext=(6, 6))
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
# 함수입니다. 같은 시드와 스텝에서 손실이 어떻게 내려가는지 비교합니다.

# %% [markdown] lang="en" ko="25197afa2f"
# ## Wider and deeper: 2-10-10-10-1
#
# Lab 8-3 grows the hidden part to three layers of 10 units. `train_xor` is the training loop above,
# packaged as a function. Compare how the loss falls with the same seed and steps.

# %%
dnn_guide.show_source(train_xor)

# %%
curves = {}
for sizes in ([2, 2, 1], [2, 10, 10, 10, 1]):
    _, curves["-".join(map(str, sizes))] = train_xor(sizes, seed=777)

fig, ax = plt.subplots(figsize=(6, 3.4))
for name, losses in curves.items():
    ax.plot(losses, label=name)
ax.set_yscale("log")
ax.set_xlabel("step")
ax.set_ylabel("BCE loss")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
dnn_guide.Table(
    ["model", "loss at step 1,000", "first step with loss < 0.5", "loss at step 10,000"],
    [[n, f"{c[1000]:.6f}", next(i for i, v in enumerate(c) if v < 0.5), f"{c[10_000]:.6f}"] for n, c in curves.items()],
)

# %% [markdown] lang="ko"
# 깊은 신경망은 한동안 손실이 ln 2 근처의 평평한 구간(plateau)에 머물다가 내려가지만(표의 가운데 열),
# 10,000 스텝에서는 2-2-1보다 낮은 손실에 이릅니다.
#
# ## 2-2-1은 얼마나 자주 실패할까
#
# 시드 777에서는 2-2-1이 XOR을 풀었습니다. 하지만 초기 가중치가 나쁘면 작은 신경망은 국소 최솟값(local
# minimum)이나 평평한 구간에 갇힐 수 있습니다. 시드를 바꿔 가며 같은 학습을 여러 번 돌려서 직접 세어 봅니다.
# `train_xor_seeds`는 시드마다 `train_xor`와 똑같이 초기화한 신경망들을 한 텐서에 쌓아 한꺼번에 학습합니다
# (같음은 테스트가 확인합니다).

# %% [markdown] lang="en" ko="6630bc7325"
# The deep network's loss sits on a plateau near ln 2 for a while before it falls (the middle column),
# and by step 10,000 it is lower than the 2-2-1 network's.
#
# ## How often does 2-2-1 fail?
#
# With seed 777 the 2-2-1 network solved XOR. With unlucky initial weights, though, a small network can
# get stuck in a local minimum or on a plateau. Count it: run the same training for many seeds.
# `train_xor_seeds` stacks networks initialized exactly as `train_xor` would for each seed into one tensor
# and trains them together (a test checks that they match).

# %%
runs = {
    "2-2-1": train_xor_seeds([2, 2, 1], range(500)),
    "2-10-10-10-1": train_xor_seeds([2, 10, 10, 10, 1], range(100)),
}
rows = []
for name, run in runs.items():
    solved = run["accuracy"] == 1.0
    rows.append(
        [
            name,
            len(solved),
            f"{solved.float().mean().item():.1%}",
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
import math

failed = runs["2-2-1"]["final_loss"][runs["2-2-1"]["accuracy"] < 1]
values, counts = failed.round(decimals=2).unique(return_counts=True)
print(f"ln(2) / 2 = {math.log(2) / 2:.4f}    ln(2) = {math.log(2):.4f}")
dnn_guide.Table(
    ["final loss (rounded)", "failed seeds"], [[f"{v:.2f}", c] for v, c in zip(values.tolist(), counts.tolist())]
)

# %% [markdown] lang="ko"
# 한 점에 0.5를 예측하면 그 점의 BCE는 $\ln 2$입니다. 네 점의 평균이 $\ln 2 / 2$라면 두 점을 0.5로 미뤄 둔
# 채 나머지 두 점만 맞힌 것이고, $\ln 2$라면 퍼셉트론처럼 모든 점에 0.5를 예측한 것입니다. 같은 알고리즘,
# 같은 데이터라도 초기화에 따라 결과가 갈리므로, 결과는 여러 시드로 측정해 비교해야 합니다. 다음 실습에서는 이
# 학습을 움직이는 역전파(backpropagation)를 손으로 계산해 봅니다.

# %% [markdown] lang="en" ko="9779d901ec"
# Predicting 0.5 for a point costs $\ln 2$ of BCE. A mean of $\ln 2 / 2$ over the four points means two
# points were left at 0.5 while the other two are right; $\ln 2$ means 0.5 everywhere, like the
# perceptron. With the same algorithm and the same data, the outcome depends on the initialization, so
# results must be measured and compared over several seeds. The next lab computes the backpropagation
# that drives this training by hand.
