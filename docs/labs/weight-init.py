# %% [markdown] lang="ko"
# # 가중치 초기화: Xavier와 He
#
# 가중치 초기화(weight initialization)는 학습을 시작하기 전에 가중치를 정하는 방법입니다. 처음 가중치가 너무 크면 층을 지날수록 값이 폭발하거나 활성화 함수가 포화되고, 너무 작으면
# 신호가 사라집니다. 이 페이지에서는 세 가지 초기화, 즉 표준 정규분포 $N(0, 1)$(원래 9-1, 9-2 실습), Xavier(Glorot)
# 초기화, He(Kaiming) 초기화가 층마다 활성값의 분포를 어떻게 바꾸는지 측정하고, 9-3 실습처럼 MNIST 학습에서
# 비교합니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_3_mnist_nn_xavier.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_3_mnist_nn_xavier.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)
#
# | 초기화 | 가중치 분산 | 맞는 활성화 함수 |
# |---|---|---|
# | $N(0, 1)$ | $1$ | 없음 |
# | Xavier (Glorot, 2010) | $2 / (n_\text{in} + n_\text{out})$ | sigmoid, tanh |
# | He (Kaiming, 2015) | $2 / n_\text{in}$ | ReLU |

# %% [markdown] lang="en" ko="349c2636ad"
# # Weight initialization: Xavier and He
#
# Weight initialization is how the weights are set before training starts. If they are too large, values explode or the activations saturate layer
# after layer; too small, and the signal fades away. This page measures how three initializations change
# the distribution of activations layer by layer: the standard normal $N(0, 1)$ (the original Labs 9-1 and
# 9-2), Xavier (Glorot) initialization and He (Kaiming) initialization. Then it compares them on MNIST
# training, as Lab 9-3 does.
#
# !!! info "Sources"
#     Original notebook: [lab-09_3_mnist_nn_xavier.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_3_mnist_nn_xavier.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)
#
# | Initialization | Weight variance | Suits |
# |---|---|---|
# | $N(0, 1)$ | $1$ | nothing |
# | Xavier (Glorot, 2010) | $2 / (n_\text{in} + n_\text{out})$ | sigmoid, tanh |
# | He (Kaiming, 2015) | $2 / n_\text{in}$ | ReLU |

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide
from dnn_guide.models import ACTIVATIONS

device = dnn_guide.get_device()
data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test")

# %% [markdown] lang="ko"
# ## 층마다 활성값 측정하기
#
# 폭 256, 은닉층 10개인 신경망을 활성화 함수 3가지 × 초기화 3가지로 만들고, 학습 이미지 1,000장을 통과시켜
# 은닉층마다 활성값을 모읍니다. 편향은 0으로 두어 가중치의 효과만 봅니다. 초기화는 `dnn_guide.init_weights`가
# `torch.nn.init`의 함수로 하고, 그 표준편차가 식과 맞는지 먼저 확인합니다.

# %% [markdown] lang="en" ko="f5af6f8c81"
# ## Measuring activations layer by layer
#
# Build a network with 10 hidden layers of width 256 for each of 3 activation functions × 3
# initializations, pass 1,000 training images through it and collect each hidden layer's activations.
# Biases are set to 0 to see the weights' effect alone. `dnn_guide.init_weights` initializes with the
# functions of `torch.nn.init`; first check that their standard deviations match the formulas.

# %%
dnn_guide.show_source(dnn_guide.init_weights)

# %%
import math

formulas = {"normal": 1.0, "xavier": math.sqrt(2 / (784 + 256)), "he": math.sqrt(2 / 784)}
rows = []
for init, expected in formulas.items():
    torch.manual_seed(0)
    layer = dnn_guide.init_weights(nn.Linear(784, 256), init)
    rows.append([init, f"{expected:.4f}", f"{layer.weight.std().item():.4f}"])
dnn_guide.Table(["init", "std by the formula (784 → 256)", "std measured"], rows)

# %%


def hidden_activations(activation, init, X, depth=10, width=256):
    torch.manual_seed(0)
    model = dnn_guide.mlp([784] + [width] * depth + [10], activation=activation, init=init).to(X.device)
    outputs = []
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                layer.bias.zero_()
        h = X
        for layer in model:
            h = layer(h)
            if isinstance(layer, tuple(ACTIVATIONS.values())):
                outputs.append(h.flatten().cpu())
    return outputs


X = data.X_train[:1000]
activations, inits = ("sigmoid", "tanh", "relu"), ("normal", "xavier", "he")
results = {(a, i): hidden_activations(a, i, X) for a in activations for i in inits}

# %%
fig, axes = plt.subplots(3, 3, figsize=(12, 8.5))
for row, a in enumerate(activations):
    for col, i in enumerate(inits):
        ax = axes[row, col]
        for layer in (1, 4, 7, 10):
            values = results[a, i][layer - 1]
            ax.hist(
                values.clamp(-3, 3).numpy(),
                bins=60,
                range=(-3, 3) if a != "sigmoid" else (0, 1),
                histtype="step",
                density=True,
                label=f"layer {layer}",
            )
        ax.set_title(f"{a}, init={i}", fontsize=10)
        ax.set_yticks([])
axes[0, 0].legend(fontsize=8)
fig.suptitle("distribution of hidden activations (1,000 MNIST images)")
fig.tight_layout()
plt.show()


# %%
def saturated(activation, values):
    """Fraction of ReLU outputs at 0, or of sigmoid/tanh outputs within 1% of their limits."""
    if activation == "relu":
        return (values == 0).float().mean().item()
    low, high = (0.0, 1.0) if activation == "sigmoid" else (-1.0, 1.0)
    margin = 0.01 * (high - low)
    return ((values < low + margin) | (values > high - margin)).float().mean().item()


fig, axes = plt.subplots(1, 3, figsize=(13, 3.4))
for ax, a in zip(axes, activations):
    for i in inits:
        ax.plot(range(1, 11), [v.std().item() for v in results[a, i]], marker="o", label=i)
    ax.set_title(a)
    ax.set_xlabel("hidden layer")
    ax.set_yscale("log")
axes[0].set_ylabel("std of activations")
axes[0].legend()
fig.tight_layout()
plt.show()
dnn_guide.Table(
    [
        "activation",
        "init",
        "std, layer 1",
        "std, layer 10",
        "mean, layer 10",
        "layer 10: zero (ReLU) or saturated (within 1% of a limit)",
    ],
    [
        [
            a,
            i,
            f"{results[a, i][0].std():.3f}",
            f"{results[a, i][-1].std():.3g}",
            f"{results[a, i][-1].mean():.3g}",
            f"{saturated(a, results[a, i][-1]):.1%}",
        ]
        for a in activations
        for i in inits
    ],
)

# %% [markdown] lang="ko"
# 그림과 표에서 읽을 것:
#
# - **$N(0, 1)$**: 입력 784개에 분산 1인 가중치를 곱해 더하면 값이 수십 배로 커집니다. sigmoid와 tanh는
#   대부분의 값이 양 끝(포화)에 몰리고, ReLU는 층마다 표준편차가 커집니다.
# - **Xavier**: tanh에서는 값이 포화되지도 사라지지도 않고, 표준편차가 층을 지나며 천천히 줄어듭니다. ReLU에서는
#   음수 절반이 0이 되므로 층마다 분산이 눈에 띄게 줄어듭니다.
# - **He**: 분산을 Xavier의 약 두 배로 잡아 ReLU가 버리는 절반을 메웁니다. ReLU에서 층을 지나도 표준편차가
#   거의 그대로입니다.
#
# ## 9-3: MNIST에서 비교하기
#
# 9-2 실습의 784-256-256-10 ReLU 신경망을 세 초기화로 학습합니다. 원래 9-3 실습은 Xavier 초기화입니다.
# 시드, 배치 순서, 옵티마이저(Adam, 0.001)는 같고, 문서 빌드는 표본으로 5 에폭을 학습합니다.

# %% [markdown] lang="en" ko="ba6d51e20c"
# What to read from the figures and the table:
#
# - **$N(0, 1)$**: summing 784 inputs times weights of variance 1 makes values tens of times larger.
#   With sigmoid and tanh most values sit at the two ends (saturated, last column); with ReLU the standard
#   deviation grows from layer to layer.
# - **Xavier**: with tanh the values neither saturate nor vanish; the standard deviation shrinks slowly
#   through the layers. With ReLU, the negative half becomes 0, so the variance visibly shrinks layer by
#   layer.
# - **He**: a variance about twice Xavier's makes up for the half that ReLU drops; with ReLU the standard
#   deviation stays nearly constant through the layers.
#
# ## 9-3: comparing on MNIST
#
# Train Lab 9-2's 784-256-256-10 ReLU network with each initialization (the original Lab 9-3 uses Xavier).
# Seed, batch order and optimizer (Adam, 0.001) are the same; the docs build runs 5 epochs on the sample.

# %%
EPOCHS = 5  # quick setting for the docs build; the original lab: 15
histories = {}
for init in inits:
    generator = dnn_guide.seed_everything(777)
    model = dnn_guide.mlp([784, 256, 256, 10], init=init).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    histories[init] = dnn_guide.fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        epochs=EPOCHS,
        valid=(data.X_test, data.y_test),
        generator=generator,
        drop_last=True,
        progress=False,
    )

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.4))
for init, history in histories.items():
    epochs = [r["epoch"] for r in history]
    ax_loss.plot(epochs, [r["loss"] for r in history], marker="o", label=init)
    ax_acc.plot(epochs, [r["val_accuracy"] for r in history], marker="o", label=init)
ax_loss.set_yscale("log")
ax_loss.set_ylabel("train loss")
ax_acc.set_ylabel("test accuracy")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("epoch")
    ax.legend()
    ax.grid(alpha=0.3)
plt.show()
dnn_guide.Table(
    ["init", "train loss, epoch 1", f"train loss, epoch {EPOCHS}", "test accuracy"],
    [[i, f"{h[0]['loss']:.4f}", f"{h[-1]['loss']:.4f}", h[-1]["val_accuracy"]] for i, h in histories.items()],
)

# %% [markdown] lang="ko"
# 같은 구조, 같은 데이터, 같은 옵티마이저인데 초기화만 바꿨습니다. 전체 데이터로 15 에폭을 학습한 9-3의 결과는
# 아래 표에 있습니다(9-2는 [MNIST 실습](mnist-softmax-mlp.md) 끝에 있습니다). 원래 9-3 노트북도 테스트
# 이미지를 0–255로 넣었으므로, 원래 코드를 그대로 다시 실행한 값과 고친 값을 함께 보여 줍니다.
#
# <!-- results:lab:09_3 -->

# %% [markdown] lang="en" ko="fe4dcce44b"
# Same architecture, same data, same optimizer: only the initialization changed. Lab 9-3's results after
# 15 epochs on the full data are in the table below (Lab 9-2's are at the end of the
# [MNIST lab](mnist-softmax-mlp.md)). The original 9-3 notebook also fed its test images at 0–255, so
# the table shows the original code re-run as written beside the corrected one.
#
# <!-- results:lab:09_3 -->
