# %% [markdown] lang="ko"
# # 활성화 함수와 ReLU
#
# 층을 아무리 쌓아도 활성화 함수(activation function)가 없으면 신경망은 선형 함수 하나와 같습니다. 이 페이지에서는
# 자주 쓰는 활성화 함수와 그 도함수(derivative)를 그려 보고, 시그모이드를 깊게 쌓을 때 입력 쪽 층의 기울기가
# 사라지는 기울기 소실(vanishing gradient)을 직접 측정합니다. 그리고 ReLU가 어떤 조건에서 이 문제를 덜 겪는지,
# 대신 어떤 문제(죽은 ReLU)가 생기는지 확인합니다.
#
# !!! info "원본"
#     원래 저장소([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))에는 이 주제의
#     노트북이 없어, 강의([부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214), edwith)의
#     ReLU 설명을 따릅니다.

# %% [markdown] lang="en" ko="16e6c7c56f"
# # Activation functions and ReLU
#
# Without an activation function, any stack of layers is a single linear function. This page plots the
# common activation functions and their derivatives, then measures the vanishing gradient of a deep
# sigmoid network instead of just describing it. It checks under which condition ReLU suffers less from
# it, and which problem it brings instead (dead ReLUs).
#
# !!! info "Sources"
#     The original repository ([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))
#     has no notebook on this topic; this page follows the ReLU part of the lecture
#     ([boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214), edwith).

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.nn import functional as F

import dnn_guide

device = dnn_guide.get_device()

# %% [markdown] lang="ko"
# ## 함수와 도함수
#
# 파이토치에서 함수 이름은 `torch.sigmoid`, `torch.tanh`, `torch.relu`, `F.leaky_relu(x, 0.01)`, `F.elu`,
# `F.selu`, `F.gelu`입니다. 강의 노트에 옮겨 적힌 `torch.nn.sigmoid(x)`는 없는 함수입니다(층은 `nn.Sigmoid()`;
# 원래 노트북에는 이 오타가 없습니다).
# 도함수는 손으로 쓰지 않고 autograd로 구합니다.

# %% [markdown] lang="en" ko="e209125243"
# ## The functions and their derivatives
#
# In PyTorch the functions are `torch.sigmoid`, `torch.tanh`, `torch.relu`, `F.leaky_relu(x, 0.01)`,
# `F.elu`, `F.selu` and `F.gelu`. The `torch.nn.sigmoid(x)` written in the lecture notes does not
# exist (the layer is `nn.Sigmoid()`; the original notebooks do not have this typo). The derivatives come from autograd, not from hand-written formulas.

# %%
functions = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": torch.relu,
    "leaky ReLU (0.01)": lambda x: F.leaky_relu(x, 0.01),
    "ELU": F.elu,
    "SELU": F.selu,
    "GELU": F.gelu,
}
x = torch.linspace(-4, 4, 401, requires_grad=True)
fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 3.8))
for name, f in functions.items():
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    ax_f.plot(x.detach(), y.detach(), label=name)
    ax_d.plot(x.detach(), dy, label=name)
ax_f.set_title("f(x)")
ax_d.set_title("f'(x)  (autograd)")
for ax in (ax_f, ax_d):
    ax.grid(alpha=0.3)
    ax.set_xlabel("x")
ax_f.set_ylim(-2, 4)
ax_d.legend(fontsize=8)
plt.show()

# %%
x0 = torch.tensor(0.0, requires_grad=True)
(d_sigmoid,) = torch.autograd.grad(torch.sigmoid(x0), x0)
print(f"largest slope of the sigmoid: {d_sigmoid.item():.2f} (at x = 0)")

# %% [markdown] lang="ko"
# 시그모이드의 기울기는 아무리 커도 0.25입니다. 역전파(backpropagation)는 층마다 이 값을 곱하므로, 층이
# 깊어질수록 입력에 가까운 층의 기울기는 기하급수적으로 작아질 수 있습니다. ReLU의 기울기는 양수 구간에서 1이라
# 활성화 함수 때문에 기울기가 줄어들지는 않습니다. 하지만 역전파는 층마다 가중치 행렬도 곱하므로, 기울기가 유지되는지는
# 가중치의 크기, 곧 가중치 초기화(weight initialization)에도 달려 있습니다.
#
# ## 기울기 소실 측정하기
#
# MNIST(문서 빌드에서는 패키지에 든 표본) 위에 은닉층 10개(폭 128)짜리 신경망을 세 가지로 만듭니다: 시그모이드,
# ReLU(파이토치 기본 초기화), ReLU + He 초기화(He 초기화는 [가중치 초기화](weight-init.md) 페이지에서 다룹니다). 층마다 가중치 기울기의 크기(L2 노름)를 초기화
# 직후와, SGD(학습률 0.1)로 200 스텝 학습한 뒤에 측정하고, 나머지 조건은 같습니다.

# %% [markdown] lang="en" ko="3d3d60a3a4"
# The sigmoid's slope is at most 0.25. Backpropagation multiplies by it once per layer, so the gradients of
# layers near the input can shrink exponentially with depth. ReLU's slope is 1 for positive inputs, so the
# activation itself does not shrink the product. But backpropagation also multiplies by each layer's
# weight matrix, so whether the gradient keeps its size depends on the weights too, that is, on the
# weight initialization.
#
# ## Measuring the vanishing gradient
#
# On MNIST (the package's sample in the docs build), build a network of 10 hidden layers of width 128 three
# ways: sigmoid, ReLU (PyTorch's default initialization), and ReLU with He initialization (covered on the
# [weight initialization](weight-init.md) page). Measure the size (L2 norm) of each layer's weight gradient right after initialization and
# after 200 steps of SGD (learning rate 0.1), all else equal.

# %%
data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, {len(data.X_train)} training images")
sizes = [784] + [128] * 10 + [10]


def batches(generator):
    """Endless shuffled mini-batches of 100, epoch after epoch."""
    while True:
        yield from dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator)


def gradient_norms(activation, init, steps):
    generator = dnn_guide.seed_everything(0)
    model = dnn_guide.mlp(sizes, activation=activation, init=init).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    stream = batches(generator)
    for _ in range(steps):
        X, y = next(stream)
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    optimizer.zero_grad()
    F.cross_entropy(model(data.X_train[:1000]), data.y_train[:1000]).backward()
    return model, dnn_guide.layer_grad_norms(model)


setups = {"sigmoid": ("sigmoid", "default"), "ReLU": ("relu", "default"), "ReLU + He": ("relu", "he")}
norms = {(name, steps): gradient_norms(*setups[name], steps)[1] for name in setups for steps in (0, 200)}
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for (act, steps), values in norms.items():
    ax.plot(
        range(1, len(values) + 1),
        values,
        marker="o",
        linestyle="-" if steps == 0 else "--",
        label=f"{act}, {'at init' if steps == 0 else f'after {steps} steps'}",
    )
ax.set_yscale("log")
ax.set_xlabel("layer (1 = next to the input)")
ax.set_ylabel("||dL/dW||")
ax.legend(fontsize=8)
ax.grid(alpha=0.3)
plt.show()
dnn_guide.Table(
    ["network", "layer 1", "layer 11 (output)", "layer 1 ÷ layer 11"],
    [[f"{a}, {s} steps", f"{v[0]:.2e}", f"{v[-1]:.2e}", f"{v[0] / v[-1]:.1e}"] for (a, s), v in norms.items()],
)

# %% [markdown] lang="ko"
# 표의 마지막 열이 입력 쪽 층과 출력 쪽 층의 기울기 비율입니다. 시그모이드 신경망은 입력에 가까울수록 기울기가
# 몇 자릿수씩 작아져서, 앞쪽 층은 거의 배우지 못합니다. 기본 초기화의 ReLU 신경망은 그보다 훨씬 덜하지만 여전히
# 입력 쪽으로 갈수록 기울기가 줄어듭니다. 같은 ReLU 신경망도 He 초기화를 쓰면 초기화 직후 비율이 1이고, 200
# 스텝 뒤에도 입력 쪽 기울기가 줄지 않습니다. ReLU는 알맞은 초기화와 함께 쓸 때 기울기 소실을 피합니다
# ([가중치 초기화](weight-init.md) 실습).
#
# ## 죽은 ReLU
#
# ReLU는 입력이 음수면 출력도 기울기도 0입니다. 어떤 유닛이 모든 입력에 대해 음수만 받으면 다시는 갱신되지
# 않는 "죽은" 유닛이 됩니다. 학습률을 크게 잡으면 이런 유닛이 늘어납니다. 학습 데이터 1,000장에 대해 한 번도
# 0보다 큰 값을 내지 않은 유닛의 비율을 세어 봅니다.

# %% [markdown] lang="en" ko="effeff2fe3"
# The last column is the ratio between the gradients of the layer next to the input and of the output
# layer. In the sigmoid network the gradient shrinks by orders of magnitude toward the input, so the first
# layers barely learn. In the ReLU network with the default initialization the gradient shrinks far
# less, but still shrinks toward the input. With He initialization the same ReLU network has a ratio of 1
# right after initialization, and the input side still does not shrink after 200 steps: ReLU avoids the
# vanishing gradient only together with a suitable initialization (the
# [weight initialization](weight-init.md) lab).
#
# ## Dead ReLUs
#
# For a negative input ReLU outputs 0 and passes a gradient of 0. A unit that gets only negative inputs
# for every sample is never updated again: it is "dead". A large learning rate creates more of them. Count
# the units that never output a positive value on 1,000 training images.


# %%
def dead_fraction(model, X):
    dead = []
    h = X
    with torch.no_grad():
        for layer in model:
            h = layer(h)
            if isinstance(layer, nn.ReLU):
                dead.append((h.amax(0) == 0).float().mean().item())
    return dead


rows = []
for lr in (0.01, 0.1, 1.0):
    generator = dnn_guide.seed_everything(0)
    model = dnn_guide.mlp([784, 128, 128, 128, 10], activation="relu").to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    dnn_guide.fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        epochs=2,
        generator=generator,
        progress=False,
    )
    accuracy = dnn_guide.evaluate(model, data.X_test, data.y_test, nn.CrossEntropyLoss())["accuracy"]
    rows.append([lr, *(f"{d:.1%}" for d in dead_fraction(model, data.X_train[:1000])), accuracy])
dnn_guide.Table(["SGD lr", "dead units, layer 1", "layer 2", "layer 3", "test accuracy"], rows)

# %% [markdown] lang="ko"
# 학습률에 따라 죽은 유닛의 비율과 정확도가 어떻게 달라지는지 표에서 확인하세요. 죽은 ReLU를 피하려고 음수
# 구간에도 작은 기울기를 주는 leaky ReLU와 ELU 같은 변형이 나왔습니다. 9-7 실습의 SELU는 목적이 다릅니다. 층을
# 지나도 활성값의 평균 0, 분산 1이 유지되게 하는 자기 정규화(self-normalizing)를 위해 만들어졌습니다.

# %% [markdown] lang="en" ko="bc08964016"
# Read off the table how the fraction of dead units and the accuracy change with the learning rate. Leaky
# ReLU and ELU keep a small slope for negative inputs, which avoids dead units. SELU (Lab 9-7) has a
# different aim: it was designed for self-normalization, keeping activations near mean 0 and variance 1
# from layer to layer.
