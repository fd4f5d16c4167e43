# %% [markdown] lang="ko"
# # 활성화 함수와 ReLU
#
# 층을 아무리 쌓아도 활성화 함수(activation function)가 없으면 신경망은 선형 함수 하나와 같습니다. 이 페이지에서는
# 자주 쓰는 활성화 함수와 그 도함수(derivative)를 그려 보고, 시그모이드를 깊게 쌓으면 기울기가 사라지는
# 현상(vanishing gradient)을 직접 재 봅니다. 그리고 ReLU가 왜 이 문제를 덜 겪는지, 대신 어떤 문제(죽은 ReLU)가
# 생기는지 확인합니다.

# %% [markdown] lang="en" ko="44d549d1f6"
# # Activation functions and ReLU
#
# Without an activation function, any stack of layers is a single linear function. This page plots the
# common activation functions and their derivatives, then measures the vanishing gradient of a deep
# sigmoid network instead of just describing it. It checks why ReLU suffers less from it, and which
# problem it brings instead (dead ReLUs).

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
# `F.selu`, `F.gelu`입니다. 원래 실습의 `torch.nn.sigmoid(x)`는 없는 함수입니다(층은 `nn.Sigmoid()`).
# 도함수는 손으로 쓰지 않고 autograd로 구합니다.

# %% [markdown] lang="en" ko="08bfd4bdce"
# ## The functions and their derivatives
#
# In PyTorch the functions are `torch.sigmoid`, `torch.tanh`, `torch.relu`, `F.leaky_relu(x, 0.01)`,
# `F.elu`, `F.selu` and `F.gelu`. The original lab's `torch.nn.sigmoid(x)` does not exist (the layer is
# `nn.Sigmoid()`). The derivatives come from autograd, not from hand-written formulas.

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
# 시그모이드의 기울기는 아무리 커도 0.25입니다. 역전파는 층마다 이 값을 곱하므로, 층이 깊어질수록 입력에 가까운
# 층의 기울기는 기하급수적으로 작아질 수 있습니다. ReLU의 기울기는 양수 구간에서 1이라 곱해도 줄지 않습니다.
#
# ## 기울기 소실 재기
#
# MNIST(문서 빌드에서는 패키지에 든 표본) 위에 은닉층 10개(폭 128)짜리 신경망을 시그모이드와 ReLU로 하나씩
# 만들고, 층마다 가중치 기울기의 크기(L2 노름)를 잽니다. 초기화 직후와, SGD(학습률 0.1)로 200 스텝 학습한 뒤에
# 재고, 나머지 조건은 같습니다.

# %% [markdown] lang="en" ko="b381796eb2"
# The sigmoid's slope is at most 0.25. Backpropagation multiplies by it once per layer, so the gradients of
# layers near the input can shrink exponentially with depth. ReLU's slope is 1 for positive inputs, so the
# product does not shrink.
#
# ## Measuring the vanishing gradient
#
# On MNIST (the package's sample in the docs build), build a network of 10 hidden layers of width 128 once
# with sigmoid and once with ReLU, and measure the size (L2 norm) of each layer's weight gradient, right
# after initialization and after 200 steps of SGD (learning rate 0.1), all else equal.

# %%
data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, {len(data.X_train)} training images")
sizes = [784] + [128] * 10 + [10]


def batches(generator):
    """Endless shuffled mini-batches of 100, epoch after epoch."""
    while True:
        yield from dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator)


def gradient_norms(activation, steps):
    generator = dnn_guide.seed_everything(0)
    model = dnn_guide.mlp(sizes, activation=activation).to(device)
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


norms = {(act, steps): gradient_norms(act, steps)[1] for act in ("sigmoid", "relu") for steps in (0, 200)}
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
# 몇 자릿수씩 작아져서, 앞쪽 층은 거의 배우지 못합니다. ReLU 신경망은 층 사이의 차이가 훨씬 작습니다.
#
# ## 죽은 ReLU
#
# ReLU는 입력이 음수면 출력도 기울기도 0입니다. 어떤 유닛이 모든 입력에 대해 음수만 받으면 다시는 갱신되지
# 않는 "죽은" 유닛이 됩니다. 학습률을 크게 잡으면 이런 유닛이 늘어납니다. 학습 데이터 1,000장에 대해 한 번도
# 0보다 큰 값을 내지 않은 유닛의 비율을 잽니다.

# %% [markdown] lang="en" ko="897965218a"
# The last column is the ratio between the gradients of the layer next to the input and of the output
# layer. In the sigmoid network the gradient shrinks by orders of magnitude toward the input, so the first
# layers barely learn. In the ReLU network the layers differ far less.
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
# 구간에도 작은 기울기를 주는 leaky ReLU, ELU, 그리고 스스로 정규화하는 SELU(9-7 실습) 같은 변형이 나왔습니다.

# %% [markdown] lang="en" ko="5d44a2a813"
# Read off the table how the fraction of dead units and the accuracy change with the learning rate. Leaky
# ReLU and ELU, which keep a small slope for negative inputs, and the self-normalizing SELU (lab 9-7) were
# designed with dead units in mind.
