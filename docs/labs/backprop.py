# %% [markdown] lang="ko"
# # 역전파를 손으로 계산하기
#
# 신경망은 손실(loss)을 각 가중치로 미분한 값, 즉 기울기(gradient)를 따라 가중치를 고치며 배웁니다.
# 역전파(backpropagation)는 이 기울기를 출력층에서 입력층 쪽으로 연쇄 법칙(chain rule)을 한 번씩 적용하며
# 구하는 방법입니다. 이 페이지에서는 파이토치의 자동 미분(autograd)을 쓰지 않고 기울기를 직접 계산한 뒤,
# autograd의 답과 같은지 확인하고, 그 코드로 MNIST를 학습합니다(원래 실습 lab-08_4_mnist_back_prop).
#
# !!! info "원본"
#     원래 노트북: [lab-08_4_mnist_back_prop.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_4_mnist_back_prop.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="f4bf4a4cfd"
# # Backpropagation by hand
#
# A network learns by changing its weights along the derivative of the loss with respect to each weight,
# the gradient. Backpropagation computes these gradients from the output layer back toward the input,
# applying the chain rule once per step. This page computes the gradients without PyTorch's automatic
# differentiation (autograd), checks them against autograd's, and then trains MNIST with that code (the
# original lab lab-08_4_mnist_back_prop).
#
# !!! info "Sources"
#     Original notebook: [lab-08_4_mnist_back_prop.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_4_mnist_back_prop.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %%
import torch

import dnn_guide
from dnn_guide import backprop

device = dnn_guide.get_device()

# %% [markdown] lang="ko"
# ## 연쇄 법칙
#
# 은닉층이 하나인 시그모이드 신경망을 식으로 쓰면 다음과 같습니다. $X$는 한 배치의 입력(행마다 한 샘플),
# $Y$는 원-핫(one-hot) 정답입니다.
#
# $$l_1 = X W_1 + b_1,\quad a_1 = \sigma(l_1),\quad l_2 = a_1 W_2 + b_2,\quad \hat{Y} = \sigma(l_2),\quad L = \tfrac{1}{2} \sum (\hat{Y} - Y)^2$$
#
# 뒤에서부터 한 단계씩 미분합니다. $\odot$는 원소별 곱이고 $\sigma'(x) = \sigma(x)(1 - \sigma(x))$입니다.
#
# $$\frac{\partial L}{\partial l_2} = (\hat{Y} - Y) \odot \sigma'(l_2),\qquad \frac{\partial L}{\partial W_2} = a_1^\top \frac{\partial L}{\partial l_2},\qquad \frac{\partial L}{\partial b_2} = \sum_{\text{batch}} \frac{\partial L}{\partial l_2}$$
#
# $$\frac{\partial L}{\partial a_1} = \frac{\partial L}{\partial l_2} W_2^\top,\qquad \frac{\partial L}{\partial l_1} = \frac{\partial L}{\partial a_1} \odot \sigma'(l_1),\qquad \frac{\partial L}{\partial W_1} = X^\top \frac{\partial L}{\partial l_1}$$
#
# 같은 식이 `dnn_guide.backprop.backward`에 한 줄씩 들어 있습니다.

# %% [markdown] lang="en" ko="a182bbcf9d"
# ## The chain rule
#
# A sigmoid network with one hidden layer, written as equations. $X$ is a batch of inputs (one sample a
# row) and $Y$ the one-hot targets.
#
# $$l_1 = X W_1 + b_1,\quad a_1 = \sigma(l_1),\quad l_2 = a_1 W_2 + b_2,\quad \hat{Y} = \sigma(l_2),\quad L = \tfrac{1}{2} \sum (\hat{Y} - Y)^2$$
#
# Differentiate one step at a time, from the back. $\odot$ is the element-wise product and
# $\sigma'(x) = \sigma(x)(1 - \sigma(x))$.
#
# $$\frac{\partial L}{\partial l_2} = (\hat{Y} - Y) \odot \sigma'(l_2),\qquad \frac{\partial L}{\partial W_2} = a_1^\top \frac{\partial L}{\partial l_2},\qquad \frac{\partial L}{\partial b_2} = \sum_{\text{batch}} \frac{\partial L}{\partial l_2}$$
#
# $$\frac{\partial L}{\partial a_1} = \frac{\partial L}{\partial l_2} W_2^\top,\qquad \frac{\partial L}{\partial l_1} = \frac{\partial L}{\partial a_1} \odot \sigma'(l_1),\qquad \frac{\partial L}{\partial W_1} = X^\top \frac{\partial L}{\partial l_1}$$
#
# The same equations, line by line, are `dnn_guide.backprop.backward`:

# %%
dnn_guide.show_source(backprop.backward)

# %% [markdown] lang="ko"
# ## autograd와 비교하기: XOR의 2-2-1 신경망
#
# [앞 실습](xor-mlp.md)의 2-2-1 신경망 크기로 매개변수를 만들고, 네 XOR 점에서 손으로 구한 기울기와
# autograd가 구한 기울기를 비교합니다. 반올림 오차만 남도록 64비트 실수(float64)로 계산합니다.

# %% [markdown] lang="en" ko="2c744120ab"
# ## Checking against autograd: the 2-2-1 XOR network
#
# Make parameters of the 2-2-1 network from [the previous lab](xor-mlp.md) and compare, on the four XOR
# points, the gradients computed by hand with autograd's. Computing in float64 leaves only rounding error.

# %%
from dnn_guide.xor import XOR_X, XOR_Y

params = backprop.init_params(2, 2, 1, generator=torch.Generator().manual_seed(777), dtype=torch.float64)
X, Y = XOR_X.double(), XOR_Y.double()

by_hand = backprop.backward(params, X, Y, backprop.forward(params, X))

leaves = {name: p.clone().requires_grad_() for name, p in params.items()}
loss = backprop.squared_error(backprop.forward(leaves, X)["y_pred"], Y)
loss.backward()  # autograd

dnn_guide.Table(
    ["parameter", "shape", "dL/dp by hand (first entry)", "autograd (first entry)", "max abs difference"],
    [
        [
            name,
            tuple(p.shape),
            f"{by_hand[name].flatten()[0]:+.10f}",
            f"{p.grad.flatten()[0]:+.10f}",
            f"{(by_hand[name] - p.grad).abs().max():.1e}",
        ]
        for name, p in leaves.items()
    ],
)

# %% [markdown] lang="ko"
# 차이가 $10^{-16}$ 수준, 즉 float64의 반올림 오차뿐입니다. 이 비교는 패키지 테스트에서도 매번 실행됩니다.
#
# ## MNIST 학습하기
#
# 원래 실습의 설정 그대로입니다: 784-30-10 시그모이드 신경망, 가중치와 편향을 표준 정규분포 $N(0, 1)$로 초기화,
# 배치 크기 10, 학습률 0.5, 10,000 스텝, 1,000 스텝마다 테스트 이미지 1,000장으로 정확도를 측정합니다. 갱신은
# `backprop.sgd_step`이 $p \leftarrow p - \text{lr} \cdot \partial L / \partial p$로 합니다.
#
# !!! note "원래 실습과 다른 점"
#     원래 노트북은 학습 이미지를 `ToTensor()`로 0–1로 바꾸고, 테스트 이미지는 `test_data.float()`로 0–255 그대로
#     넣었습니다. 여기서는 `load_mnist`가 두 집합을 똑같이 255로 나눕니다. 또 원래 코드는 편향만 배치 평균
#     기울기로 갱신했는데, 여기서는 가중치와 똑같이 손실 $L$의 기울기(배치 합)를 씁니다. 원래 코드를 그대로
#     (두 버그 포함) 전체 데이터로 다시 실행한 결과는 이 페이지 끝의 표에 있습니다.

# %% [markdown] lang="en" ko="68f7f1e929"
# The differences are around $10^{-16}$: float64 rounding alone. The package's tests run this comparison
# on every change.
#
# ## Training on MNIST
#
# The original lab's settings: a 784-30-10 sigmoid network, weights and biases drawn from the standard
# normal $N(0, 1)$, batch size 10, learning rate 0.5, 10,000 steps, and test accuracy on 1,000 test
# images every 1,000 steps. `backprop.sgd_step` updates $p \leftarrow p - \text{lr} \cdot \partial L / \partial p$.
#
# !!! note "What differs from the original lab"
#     The original notebook scaled training images to 0–1 with `ToTensor()` but fed test images as
#     `test_data.float()`, at 0–255. Here `load_mnist` divides both sets by 255. The original code also
#     updated the biases with the batch-mean gradient; here every parameter follows the gradient of $L$
#     (summed over the batch). The original code re-run as written (both bugs included) on the full data
#     is in the table at the end of this page.

# %%
data = dnn_guide.load_mnist(device=device)
print(f"MNIST source: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test images")

dnn_guide.show_source(backprop.train_mnist)

# %%
params, history = backprop.train_mnist(data, seed=777, steps=10_000, lr=0.5, batch_size=10)
dnn_guide.Table(
    ["step", "mean loss L per image (last 1,000 steps)", "test accuracy (1,000 images)"],
    [[h["step"], h["loss"], h["test_accuracy"]] for h in history],
)

# %%
X_test, y_test = data.X_test[:1000], data.y_test[:1000]
rows = []
for name, X in (("scaled to 0–1, as in training", X_test), ("0–255 (the original lab's test set)", X_test * 255)):
    accuracy = (backprop.forward(params, X)["y_pred"].argmax(1) == y_test).float().mean().item()
    rows.append([name, accuracy])
dnn_guide.Table(["test images", "accuracy after 10,000 steps"], rows)

# %%
l1 = backprop.forward(params, X_test)["l1"]
l1_255 = backprop.forward(params, X_test * 255)["l1"]
print(f"hidden pre-activations |l1| > 5 (sigmoid saturated), 0–1 inputs: {(l1.abs() > 5).float().mean().item():.1%}")
print(f"the same, 0–255 inputs: {(l1_255.abs() > 5).float().mean().item():.1%}")
print(
    f"hidden pre-activations whose sign flips with 0–255 inputs: {(l1.sign() != l1_255.sign()).float().mean().item():.1%}"
)

# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3.4))
ax.plot([h["step"] for h in history], [h["test_accuracy"] for h in history], marker="o")
ax.set_xlabel("step")
ax.set_ylabel("test accuracy (1,000 images)")
ax.grid(alpha=0.3)
plt.show()

# %% [markdown] lang="ko"
# 손으로 계산한 기울기만으로 정확도가 스텝을 거듭하며 올라갑니다. 0–255 입력의 영향은 이 신경망에서는 작습니다.
# 가중치를 $N(0, 1)$로 초기화했기 때문에 0–1 입력에서도 은닉층 시그모이드 대부분이 이미 포화(saturation)되어
# 있습니다(위에 출력한 비율). 포화된 시그모이드의 출력은 사실상 $l_1$의 부호로 정해집니다. 입력을 255배 하면
# $l_1 = X W_1 + b_1$에서 $X W_1$만 255배가 되고 편향 $b_1$은 그대로라서 부호가 바뀌는 경우도 있지만, 위에
# 출력한 것처럼 은닉층 사전 활성값 중 그 비율은 작습니다. 0–255 입력에서는 거의 모든 은닉 유닛이 포화되어
# 출력이 사실상 부호만으로 정해지고(위 출력), 그래서 예측이 조금만 달라집니다. 그래도 학습 때와 다른 전처리는 언제든
# 결과를 바꿀 수 있으니, 테스트 데이터는 학습 데이터와 똑같이 전처리해야 합니다.
#
# 이 페이지는 문서 빌드에서 패키지에 들어 있는 MNIST 표본(학습 6,000장)으로 실행되었습니다. 전체 데이터로
# 돌리려면 [내 컴퓨터에서 실행하기](../run-locally.md#전체-mnist-쓰기)를 보세요.

# %% [markdown] lang="en" ko="28bcd239bc"
# With gradients computed by hand alone, the accuracy rises over the steps. The 0–255 inputs matter
# little for this network: with weights drawn from $N(0, 1)$, most hidden sigmoids are already saturated
# on 0–1 inputs (the fraction printed above), and a saturated sigmoid's output is set by the sign of
# $l_1$. Scaling the input by 255 multiplies only $X W_1$ in $l_1 = X W_1 + b_1$, not the bias $b_1$, so
# some pre-activations do flip sign, but, as printed above, only a small fraction of them. On 0–255 inputs
# almost every hidden unit saturates, so the output is set by the signs alone (printed above), and the
# predictions change only a little. Preprocessing that differs from training can still change any result, so test data must be
# preprocessed exactly like the training data.
#
# This page ran in the docs build on the MNIST sample shipped in the package (6,000 training images). To
# run it on the full set, see [Run it locally](../run-locally.md#use-the-full-mnist).

# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값, 원래 코드를 그대로(편향의 배치 평균 갱신, 0–255 테스트 이미지 1,000장) 다시 실행한 값,
# 이 페이지처럼 고친 코드(테스트 이미지 10,000장)의 값입니다. 이 표는 `dnn-guide reproduce`가 전체 MNIST로 시드 3개 이상(원래 코드는 13개)씩
# 실행해 남긴 기록으로 사이트를 빌드할 때 만들어집니다.
#
# <!-- results:lab:08_4 -->

# %% [markdown] lang="en" ko="c5d66abb8c"
# ## Full-data re-runs
#
# What the original notebook printed, the original code re-run as written (bias steps by the batch mean,
# 1,000 test images at 0–255), and the corrected code of this page (all 10,000 test images). Built from
# the records that `dnn-guide reproduce` wrote on the full MNIST, three or more seeds each (13 for the original code).
#
# <!-- results:lab:08_4 -->
