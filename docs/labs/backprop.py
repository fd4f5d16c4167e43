# ---
# jupyter:
#   dnn_guide:
#     order: 30
#     number: "8-4"
#     title:
#       ko: "역전파를 손으로 계산하기"
#       en: "Backpropagation by hand"
#     summary:
#       ko: "연쇄 법칙으로 구한 기울기를 autograd와 비교하고 MNIST 학습하기"
#       en: "Chain-rule gradients checked against autograd, then trained on MNIST"
#     originals: ["lab-08_4_mnist_back_prop.ipynb"]
#     experiments: ["08_4"]
#     timed: false
#     exercises: "backprop"
#     lecture: "Lab-08-2 Multi Layer Perceptron"
# ---

# %% [markdown] lang="ko"
# 신경망은 손실(loss)을 각 가중치로 미분한 값, 즉 기울기(gradient)를 따라 가중치를 고치며 배웁니다.
# 역전파(backpropagation)는 이 기울기를 출력층에서 입력층 쪽으로 층마다 연쇄 법칙(chain rule)을 한 번씩 적용하며
# 구하는 방법입니다. 이 페이지에서는 파이토치의 자동 미분(autograd)을 쓰지 않고 기울기를 직접 계산한 뒤,
# autograd의 답과 같은지 확인하고, 그 코드로 MNIST를 학습합니다(원래 실습 lab-08_4_mnist_back_prop).
#
# !!! info "원본"
#     원래 노트북: [lab-08_4_mnist_back_prop.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_4_mnist_back_prop.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="107863d000"
# A network learns by changing its weights along the derivative of the loss with respect to each weight,
# the gradient. Backpropagation computes these gradients from the output layer back toward the input,
# applying the chain rule once per layer. This page computes the gradients without PyTorch's automatic
# differentiation (autograd), checks them against autograd's, and then trains MNIST with that code (the
# original lab, lab-08_4_mnist_back_prop).
#
# !!! info "Sources"
#     Original notebook: [lab-08_4_mnist_back_prop.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_4_mnist_back_prop.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="ko"
# !!! abstract "이 실습에서 배우는 것"
#     - 은닉층이 하나인 시그모이드 신경망의 기울기를 연쇄 법칙(chain rule)으로 한 단계씩 유도하고 코드로 옮깁니다.
#     - 손으로 구한 기울기가 autograd의 기울기와 같은지 float64로 비교해 확인합니다.
#     - autograd 없이 손으로 구한 기울기만으로 MNIST를 학습시키고, 원래 실습 코드와 다른 점 중 테스트 이미지의
#       스케일이 결과에 주는 영향을 측정하고, 편향 갱신의 차이는 식으로 비교합니다(연습 3).
#
# !!! info "먼저 알아 둘 것"
#     미분과 연쇄 법칙, 행렬 곱과 전치(transpose), 1부의 자동 미분(`requires_grad_()`, `backward()`, `.grad`),
#     1부의 소프트맥스 회귀 실습에서 MNIST를 불러오고 정답을 원-핫(one-hot)으로 바꾸던 법, 그리고
#     [XOR 실습](xor-mlp.md)의 2-2-1 신경망을 안다고 가정합니다.

# %% [markdown] lang="en" ko="f805d8a7f7"
# !!! abstract "What you will learn"
#     - Derive the gradients of a one-hidden-layer sigmoid network step by step with the chain rule, and turn
#       them into code.
#     - Verify in float64 that the gradients computed by hand equal autograd's.
#     - Train MNIST with hand-computed gradients alone, without autograd; of the differences from the original
#       lab's code, measure how the test images' scale affects the result, and compare the bias updates by
#       their formulas (exercise 3).
#
# !!! info "Prerequisites"
#     Derivatives and the chain rule, matrix products and transposes, autograd from Part 1 (`requires_grad_()`,
#     `backward()`, `.grad`), loading MNIST and one-hot labels as in Part 1's softmax regression lab, and the
#     2-2-1 network of [the XOR lab](xor-mlp.md).

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
# 아래 계산 그래프(computational graph)가 이 식들을 그림으로 나타냅니다. 위 줄은 왼쪽에서 오른쪽으로 가는
# 순전파이고, 연결선마다 그 연결의 국소 미분(local derivative)이 적혀 있습니다. 아래 줄은 $L$에서 출발해
# 왼쪽으로 거꾸로 흐르는 기울기입니다. 각 기울기는 오른쪽 기울기에 연결선의 국소 미분을 곱한 값입니다.

# %% [markdown] lang="en" ko="d6f7e31708"
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
# The computational graph below draws these equations. The top row is the forward pass, left to right,
# and each edge carries its local derivative. The bottom row is the gradient flowing back from $L$ to the
# left: each gradient is the one to its right times the edge's local derivative.

# %%
import matplotlib.pyplot as plt

from dnn_guide.diagrams import draw_backprop_graph

draw_backprop_graph()
plt.show()

# %% [markdown] lang="ko"
# 같은 식이 `dnn_guide.backprop.backward`에 한 줄씩 들어 있습니다. 편향은 배치의 모든 샘플에 더해지므로, 편향의
# 기울기는 샘플마다의 기울기를 배치 방향으로 더한 값입니다(`.sum(0)`).

# %% [markdown] lang="en" ko="5e89dee2a1"
# The same equations, line by line, are `dnn_guide.backprop.backward`. A bias is added to every sample of
# the batch, so its gradient is the per-sample gradients summed over the batch (`.sum(0)`).

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
# 마지막 열의 차이는 가장 커도 `{python} f"{max((by_hand[n] - p.grad).abs().max().item() for n, p in leaves.items()):.1e}"`이며,
# float64의 반올림 오차 수준입니다. 이 비교는 패키지 테스트에서도 매번 실행됩니다.
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
#     (두 버그 포함) 전체 데이터로 다시 실행한 결과는 아래 '전체 데이터로 다시 실행한 결과'의 표에 있습니다.

# %% [markdown] lang="en" ko="d8a049a1ce"
# The differences in the last column, at most `{python} f"{max((by_hand[n] - p.grad).abs().max().item() for n, p in leaves.items()):.1e}"`, are at the level of float64 rounding. The package's tests run this
# comparison on every change.
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
#     is in the table under 'Full-data re-runs' below.

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
out, out_255 = backprop.forward(params, X_test), backprop.forward(params, X_test * 255)
pred, pred_255 = out["y_pred"].argmax(1), out_255["y_pred"].argmax(1)
acc, acc_255 = (pred == y_test).float().mean().item(), (pred_255 == y_test).float().mean().item()
dnn_guide.Table(
    ["test images", "accuracy after 10,000 steps"],
    [["scaled to 0–1, as in training", acc], ["0–255 (the original lab's test set)", acc_255]],
)

# %%
errors, errors_255 = int((pred != y_test).sum()), int((pred_255 != y_test).sum())
changed = int((pred != pred_255).sum())
print(f"wrong test images: {errors} (0–1), {errors_255} (0–255); predicted digit changed: {changed}")


def share(mask):
    """The share of True in a True/False tensor, as a percentage."""
    return f"{mask.float().mean().item():.1%}"


l1, l1_255 = out["l1"], out_255["l1"]  # hidden pre-activations, (1000, 30)
saturated, saturated_255 = l1.abs() > 5, l1_255.abs() > 5  # |l1| > 5: the sigmoid is flat, its output about 0 or 1
flipped = l1.sign() != l1_255.sign()
print(f"hidden pre-activations with |l1| > 5 (sigmoid saturated), 0–1 inputs: {share(saturated)}")
print(f"the same, 0–255 inputs: {share(saturated_255)}")
print(
    f"saturated on 0–1 inputs and flipping sign with 0–255 inputs: {share(flipped & saturated)}"
    f" ({int((flipped & saturated).sum())} of {flipped.numel():,})"
)
print(f"not saturated on 0–1 inputs and flipping sign with 0–255 inputs: {share(flipped & ~saturated)}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.4))
ax.plot([h["step"] for h in history], [h["test_accuracy"] for h in history], marker="o")
ax.set_xlabel("step")
ax.set_ylabel("test accuracy (1,000 images)")
ax.grid(alpha=0.3)
plt.show()

# %% [markdown] lang="ko"
# 손으로 계산한 기울기만으로 정확도가 스텝을 거듭하며 올라갑니다. 테스트 이미지를 원래 실습처럼 0–255로 넣으면
# 어떨까요? 정확도는 0–1 입력에서 `{python} f"{acc:.4f}"`, 0–255 입력에서 `{python} f"{acc_255:.4f}"`입니다(위의 두 줄짜리
# 표). 틀린 이미지는 1,000장 중 `{python} errors`장에서 `{python} errors_255`장이 되어 `{python} f"{errors_255 / errors:.2f}"`배가 됩니다.
#
# 어디서 달라지는지는 위에 출력한 비율이 보여 줍니다. 가중치를 $N(0, 1)$로 초기화했기 때문에 0–1 입력에서도 은닉층
# 사전 활성값(pre-activation) $l_1$의 `{python} share(saturated)`가 $|l_1| > 5$, 즉 시그모이드가 포화(saturation)된
# 영역에 있습니다. 포화된 시그모이드의 출력은 0이나 1에 붙어 있어서 사실상 $l_1$의 부호로 정해집니다. 입력을 255배
# 하면 $l_1 = X W_1 + b_1$에서 $X W_1$만 255배가 되고 편향 $b_1$은 그대로입니다. 이미 포화된 값은 부호가 바뀌지
# 않는 한 출력이 거의 그대로이고, 부호가 바뀌는 것은 전체 `{python} f"{flipped.numel():,}"`개 중 `{python} int((flipped & saturated).sum())`개입니다. 달라지는 것은 나머지
# `{python} share(~saturated)`입니다. 이 값들은 0–1 입력에서는 포화되지 않아 시그모이드 출력이 0과 1 사이에 있었지만,
# 0–255 입력에서는 포화 영역으로 밀려나(포화된 비율이 전체의 `{python} share(saturated_255)`) 출력이 0이나 1이 됩니다.
# 그중 전체의 `{python} share(flipped & ~saturated)`는 부호까지 바뀝니다. 은닉층의 출력이 바뀌니 예측도 바뀌어, 1,000장 중
# `{python} changed`장에서 예측한 숫자가 달라집니다. 테스트 데이터는 학습 데이터와 똑같이
# 전처리해야 합니다.
#
# 이 페이지는 문서 빌드에서 패키지에 들어 있는 MNIST 표본(학습 6,000장)으로 실행되었습니다. 전체 데이터로
# 돌리려면 [내 컴퓨터에서 실행하기](../run-locally.md#전체-mnist-쓰기)를 보세요.

# %% [markdown] lang="en" ko="8172df3f23"
# With gradients computed by hand alone, the accuracy rises over the steps. What if the test images go in at
# 0–255, as in the original lab? The accuracy is `{python} f"{acc:.4f}"` on 0–1 inputs and `{python} f"{acc_255:.4f}"` on
# 0–255 inputs (the two-row table above). Counted as wrong images out of 1,000, that is `{python} errors` and
# `{python} errors_255`: `{python} f"{errors_255 / errors:.2f}"` times as many.
#
# The fractions printed above show where the difference comes from. With weights drawn from $N(0, 1)$,
# `{python} share(saturated)` of the hidden pre-activations $l_1$ have $|l_1| > 5$ even on 0–1 inputs: the sigmoid is
# saturated there, its output sits near 0 or 1 and is set, in effect, by the sign of $l_1$. Scaling the input by
# 255 multiplies only $X W_1$ in $l_1 = X W_1 + b_1$, not the bias $b_1$. A pre-activation already saturated
# keeps its output unless it flips sign, and `{python} int((flipped & saturated).sum())` of all `{python} f"{flipped.numel():,}"` do. The change is in the other `{python} share(~saturated)`: on 0–1 inputs their outputs lie between 0 and 1, and on
# 0–255 inputs they are pushed into saturation (`{python} share(saturated_255)` of all are then saturated), so their
# outputs become 0 or 1; `{python} share(flipped & ~saturated)` of all even flip sign. The hidden outputs change,
# and so do the predictions: the predicted digit differs on `{python} changed` of the 1,000 images.
# Test data must be preprocessed exactly like the training data.
#
# This page ran in the docs build on the MNIST sample shipped in the package (6,000 training images). To
# run it on the full set, see [Run it locally](../run-locally.md#use-the-full-mnist).

# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값, 원래 코드를 그대로(편향의 배치 평균 갱신, 0–255 테스트 이미지 1,000장) 다시 실행한 값,
# 이 페이지처럼 고친 코드(테스트 이미지 10,000장)의 값입니다. 이 표는 `dnn-guide reproduce`가 전체 MNIST로 고친 코드는 시드
# <!-- results:value:seeds("08_4") -->개, 원래 코드는 시드 <!-- results:value:seeds("08_4_as_written") -->개로 실행해 남긴 기록으로 사이트를 빌드할 때 만들어집니다.
#
# <!-- results:lab:08_4 -->
#
# '원래 코드 시드별' 열과 '고친 버전 시드별' 열을 보면 두 버전 모두 나머지 시드보다 0.1 넘게 낮은 시드가 하나씩
# 있고, 평균과 표준편차는 이 한 시드에 크게 좌우됩니다(그 시드를 빼면 표준편차가 3분의 1 아래로 줄어듭니다). 그래서
# 이 기록으로는 편향 갱신 방식이 정확도를 올리는지 내리는지 가려낼 수 없습니다. 두 갱신 방식의 차이는 연습 3에서 식으로
# 비교합니다.
# <!-- results:check:all(sorted(run(i)["accuracies"])[1] - min(run(i)["accuracies"]) > 0.1 and 3 * stdev(sorted(run(i)["accuracies"])[1:]) < stdev(run(i)["accuracies"]) for i in ("08_4_as_written", "08_4")) -->

# %% [markdown] lang="en" ko="d7e7d813ab"
# ## Full-data re-runs
#
# What the original notebook printed, the original code re-run as written (bias steps by the batch mean,
# 1,000 test images at 0–255), and the corrected code of this page (all 10,000 test images). Built from
# the records that `dnn-guide reproduce` wrote on the full MNIST, with <!-- results:value:seeds("08_4") --> seeds for the corrected code and
# <!-- results:value:seeds("08_4_as_written") --> for the original code.
#
# <!-- results:lab:08_4 -->
#
# In the columns 'Original code per seed' and 'Corrected per seed', each version has one seed more than 0.1
# below all the others, and that one seed weighs heavily on its mean and standard deviation (without it the
# standard deviation falls below a third). So these records cannot tell whether the bias update raises or
# lowers accuracy. Exercise 3 compares the two updates by their formulas.
# <!-- results:check:all(sorted(run(i)["accuracies"])[1] - min(run(i)["accuracies"]) > 0.1 and 3 * stdev(sorted(run(i)["accuracies"])[1:]) < stdev(run(i)["accuracies"]) for i in ("08_4_as_written", "08_4")) -->

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸 함수를 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 입력에서 autograd가 구한
# 값과 비교하고, 틀렸으면 무엇이 틀렸는지(모양, 빠진 항, 배치 합과 평균) 알려 줍니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: 시그모이드의 도함수"
#     $\sigma(x) = 1 / (1 + e^{-x})$를 미분하면 $\sigma'(x) = e^{-x} / (1 + e^{-x})^2$이고, 이것을
#     $\frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}$로 나눠 보면 $\sigma(x)(1 - \sigma(x))$입니다. 텐서 `x`를
#     받아 원소마다 $\sigma'(x)$를 돌려주는 `sigmoid_prime(x)`를 `torch.sigmoid`로 완성하세요.

# %% [markdown] lang="en" ko="64435ca11b"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker compares
# it with autograd on fresh random inputs and, when it is wrong, says what is wrong (a shape, a missing
# factor, a batch sum or mean). The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: the sigmoid's derivative"
#     Differentiating $\sigma(x) = 1 / (1 + e^{-x})$ gives $\sigma'(x) = e^{-x} / (1 + e^{-x})^2$, which,
#     split as $\frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}$, is $\sigma(x)(1 - \sigma(x))$. Complete
#     `sigmoid_prime(x)`, which returns $\sigma'(x)$ element-wise for a tensor `x`, with `torch.sigmoid`.

# %%
from dnn_guide.exercises.backprop import check_hidden_grads, check_sigmoid_prime


# %% exercise=true
def sigmoid_prime(x):
    # your code: sigma(x) * (1 - sigma(x)), with torch.sigmoid
    raise NotImplementedError


check_sigmoid_prime(sigmoid_prime)


# %% solution=true
def sigmoid_prime(x):
    s = torch.sigmoid(x)
    return s * (1 - s)


print("σ'(x) at x = 0, 2, 5:", sigmoid_prime(torch.tensor([0.0, 2.0, 5.0])))
check_sigmoid_prime(sigmoid_prime)

# %% [markdown] lang="ko"
# !!! question "연습 2: $W_1$과 $b_1$의 기울기"
#     위의 연쇄 법칙 식을 따라, 매개변수 딕셔너리 `params`(`"w1"`, `"b1"`, `"w2"`, `"b2"`: `backprop.init_params`가 만드는
#     것과 같은 모양), 입력 `X`(모양 `(n, 입력 수)`), 원-핫 정답 `Y`(모양 `(n, 출력 수)`)를 받아
#     $L = \tfrac{1}{2}\sum(\hat Y - Y)^2$의 기울기 `(d_w1, d_b1)`을 돌려주는 `hidden_grads(params, X, Y)`를
#     완성하세요. `backprop.forward(params, X)`가 돌려주는 딕셔너리에 `"l1"`, `"a1"`, `"l2"`, `"y_pred"`가 모두 들어 있고,
#     `backprop.sigmoid_prime`을 써도 됩니다. `d_b1`의 모양은 `b1`과 같은 `(은닉 유닛 수,)`입니다.

# %% [markdown] lang="en" ko="91e09f5f63"
# !!! question "Exercise 2: the gradients of $W_1$ and $b_1$"
#     Following the chain-rule equations above, complete `hidden_grads(params, X, Y)`: given the parameter
#     dictionary `params` (`"w1"`, `"b1"`, `"w2"`, `"b2"`, shaped as `backprop.init_params` makes them), the inputs
#     `X` (shape `(n, inputs)`) and the one-hot targets `Y` (shape `(n, outputs)`), it returns the gradients
#     `(d_w1, d_b1)` of $L = \tfrac{1}{2}\sum(\hat Y - Y)^2$. The dictionary `backprop.forward(params, X)` returns
#     holds `"l1"`, `"a1"`, `"l2"` and `"y_pred"`, and you may use `backprop.sigmoid_prime`. `d_b1` has the shape
#     of `b1`, `(hidden units,)`.


# %% exercise=true
def hidden_grads(params, X, Y):
    # your code: cache = backprop.forward(params, X), then d_l2, d_a1, d_l1, and finally d_w1 and d_b1
    raise NotImplementedError


check_hidden_grads(hidden_grads)


# %% solution=true
def hidden_grads(params, X, Y):
    cache = backprop.forward(params, X)
    d_l2 = (cache["y_pred"] - Y) * backprop.sigmoid_prime(cache["l2"])
    d_a1 = d_l2 @ params["w2"].T
    d_l1 = d_a1 * backprop.sigmoid_prime(cache["l1"])
    return X.T @ d_l1, d_l1.sum(0)  # b1 is added to every sample: sum over the batch


check_hidden_grads(hidden_grads)

# %% [markdown] lang="ko"
# !!! question "연습 3: 원래 실습의 편향 갱신"
#     원래 노트북은 가중치를 `w1 - learning_rate * d_w1`로, 편향을 `b1 - learning_rate * torch.mean(d_b1, 0)`으로
#     갱신했습니다(`d_b1`은 샘플마다 한 행인 `d_l1`). 가중치의 갱신과 비교하면 편향은 어떤 학습률로 학습한 셈일까요?
#
# ??? success "답"
#     `d_w1 = X.T @ d_l1`은 배치의 샘플들에 대한 합입니다. 반면 `torch.mean(d_b1, 0)`은 같은 합을 배치 크기로
#     나눈 평균입니다. 그래서 손실 $L$(배치 합)의 기울기를 기준으로 보면, 가중치는 학습률 0.5로, 편향은
#     0.5를 배치 크기 10으로 나눈 0.05로 움직인 셈입니다. 이 페이지는 모든 매개변수에 합을 써서(연습 2의 `d_b1`)
#     같은 학습률로 갱신하고, `train_mnist(..., as_written=True)`가 원래 코드의 동작을 그대로 재현합니다.

# %% [markdown] lang="en" ko="4ae151d879"
# !!! question "Exercise 3: the original lab's bias update"
#     The original notebook updated the weights with `w1 - learning_rate * d_w1` and the biases with
#     `b1 - learning_rate * torch.mean(d_b1, 0)` (where `d_b1` is `d_l1`, one row per sample). Compared with the
#     weights, what learning rate did the biases effectively get?
#
# ??? success "Answer"
#     `d_w1 = X.T @ d_l1` is a sum over the samples of the batch, while `torch.mean(d_b1, 0)` is the same sum
#     divided by the batch size. Measured against the gradient of the loss $L$ (a batch sum), the weights move
#     with learning rate 0.5 and the biases with 0.5 divided by the batch size 10: 0.05. This page uses the sum
#     for every parameter (`d_b1` of exercise 2), so all share one learning rate; `train_mnist(...,
#     as_written=True)` reproduces what the original code does.

# %% [markdown] lang="ko"
# !!! question "연습 4: 포화된 시그모이드와 기울기"
#     위에 출력한 비율처럼 이 신경망에서는 0–1 입력에서도 은닉층 사전 활성값의 `{python} share(saturated)`가
#     $|l_1| > 5$인 포화 영역에 있습니다. 그런 은닉 유닛으로 들어가는 가중치의 기울기는 어떻게 될까요? 연습 1
#     풀이의 출력을 근거로 답하세요.
#
# ??? success "답"
#     $\partial L / \partial l_1 = \partial L / \partial a_1 \odot \sigma'(l_1)$이므로, 그 유닛으로 들어가는
#     $W_1$의 열과 $b_1$의 기울기에는 모두 $\sigma'(l_1)$이 곱해집니다. 연습 1 풀이의 출력처럼 $\sigma'$은
#     $x = 0$에서 가장 크고(1/4), $x = 5$에서는 `{python} f"{backprop.sigmoid_prime(torch.tensor(5.0)).item():.4f}"`, 곧 그 약 `{python} f"{(backprop.sigmoid_prime(torch.tensor(0.0)) / backprop.sigmoid_prime(torch.tensor(5.0))).item():.0f}"`분의 1입니다. $|l_1| > 5$인 유닛의 $\sigma'$은 그보다도 작으므로
#     그 유닛의 가중치는 거의 움직이지 않습니다. 또 $\sigma'$은 1/4을 넘지 않으므로, 기울기가 시그모이드를 하나
#     거꾸로 지날 때마다 1/4 이하의 값이 곱해집니다. 층을 깊게 쌓으면 이런 곱이 쌓여 앞쪽 층의 기울기가 아주 작아질 수
#     있습니다. 이것이 기울기 소실(vanishing gradient)이고, [활성화 함수 실습](activations.md)에서 ReLU로 이 문제를
#     다룹니다.

# %% [markdown] lang="en" ko="cdfd1413a2"
# !!! question "Exercise 4: saturated sigmoids and gradients"
#     As the fractions printed above show, `{python} share(saturated)` of this network's hidden pre-activations are in
#     the saturated region $|l_1| > 5$, even on 0–1 inputs. What happens to the gradients of the weights into such a hidden
#     unit? Answer from the output of exercise 1's solution.
#
# ??? success "Answer"
#     $\partial L / \partial l_1 = \partial L / \partial a_1 \odot \sigma'(l_1)$, so the gradients of that
#     unit's column of $W_1$ and of its bias are all multiplied by $\sigma'(l_1)$. As the output of exercise 1's
#     solution shows, $\sigma'$ is largest at $x = 0$ (1/4) and `{python} f"{backprop.sigmoid_prime(torch.tensor(5.0)).item():.4f}"` at $x = 5$, about 1/`{python} f"{(backprop.sigmoid_prime(torch.tensor(0.0)) / backprop.sigmoid_prime(torch.tensor(5.0))).item():.0f}"` of that; for a unit with
#     $|l_1| > 5$ it is smaller still, so that unit's weights barely move. And since $\sigma'$ never exceeds
#     1/4, each sigmoid the gradient passes back through multiplies it by 1/4 or less. Stack many layers and
#     these factors pile up until the early layers' gradients can become tiny: the vanishing gradient problem,
#     which the [activation functions lab](activations.md) takes up with ReLU.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: bias-sum
# section: 연쇄 법칙
# question: `backprop.backward`는 편향의 기울기를 샘플마다의 기울기를 배치 방향으로 더해(`.sum(0)`) 구합니다. 왜 더합니까?
# - [ ] 손실을 배치 크기로 나눈 평균으로 만들려고
#     더하기는 평균이 아닙니다. 이 페이지의 손실 $L$은 배치 전체의 합이고, 그 기울기도 합입니다.
# - [x] 같은 편향이 배치의 모든 샘플에 더해지므로, 샘플마다 받은 기울기가 모두 그 편향의 기울기에 보태지기 때문에
#     $l_1 = X W_1 + b_1$에서 $b_1$은 모든 행(샘플)에 더해집니다. 연쇄 법칙을 따르면 편향의 기울기는 샘플마다의 $\partial L / \partial l_1$을 더한 값입니다.
# - [ ] 편향이 샘플마다 하나씩 있어서 그 기울기를 한데 모으려고
#     편향은 샘플마다 따로 있지 않고 은닉 유닛마다 하나입니다(모양 `(은닉 유닛 수,)`). 그래서 배치 방향을 더해 그 모양으로 맞춥니다.
# ```
#
# ```quiz
# id: sigmoid-prime-max
# section: 연쇄 법칙
# question: $\sigma'(x) = \sigma(x)(1 - \sigma(x))$가 가질 수 있는 가장 큰 값은 얼마입니까? 소수로 답하세요.
# answer: `{python} backprop.sigmoid_prime(torch.tensor(0.0)).item()`
# tolerance: 0.001
# right: $x = 0$에서 $\sigma(0) = 0.5$이므로 $0.5 \times 0.5 = 0.25$입니다. 그래서 기울기가 시그모이드를 하나 거꾸로 지날 때마다 1/4 이하의 값이 곱해집니다(연습 1과 4).
# wrong: $\sigma(x)$는 0과 1 사이의 값이고, $s(1 - s)$는 $s = 0.5$일 때 가장 큽니다. 연습 1 풀이에서 $x = 0$일 때 출력한 값을 보세요.
# ```
#
# ```quiz
# id: test-scale
# section: MNIST 학습하기
# question: 같은 모델의 테스트 정확도가 0–1 입력에서 `{python} f"{acc:.4f}"`, 원래 실습처럼 0–255로 넣은 입력에서 `{python} f"{acc_255:.4f}"`입니다. 까닭은 무엇입니까?
# - [ ] 0–255 입력에서는 기울기가 사라져 학습이 멈췄기 때문에
#     두 정확도는 같은 매개변수로 잰 것입니다. 테스트할 때는 학습하지 않으므로 기울기와 상관이 없습니다.
# - [x] 입력을 255배 하면 $X W_1$만 커지고 편향은 그대로라서, 포화되지 않았던 은닉 사전 활성값이 포화 영역으로 밀려나거나 부호가 바뀌기 때문에
#     은닉층의 출력이 바뀌니 예측도 바뀝니다. 테스트 데이터는 학습 데이터와 똑같이 전처리해야 합니다.
# - [ ] 0–255 이미지는 숫자의 획이 더 굵어 보여서
#     이미지의 모양은 같고 값의 범위만 다릅니다. 신경망은 그 값을 그대로 곱하므로 범위가 바뀌면 은닉층이 다른 값을 받습니다.
# ```

# %% [markdown] lang="en" ko="9eb4b12bf9"
# ## Check yourself
#
# ```quiz
# id: bias-sum
# section: The chain rule
# question: `backprop.backward` sums the per-sample gradients over the batch (`.sum(0)`) to get a bias's gradient. Why a sum?
# - [ ] To turn the loss into a mean over the batch
#     A sum is not a mean. This page's loss $L$ is a sum over the batch, and so is its gradient.
# - [x] The same bias is added to every sample of the batch, so every sample's gradient adds to that bias's gradient
#     In $l_1 = X W_1 + b_1$, $b_1$ is added to every row (sample). By the chain rule the bias's gradient is the sum of the samples' $\partial L / \partial l_1$.
# - [ ] Each sample has its own bias, and their gradients are collected
#     There is one bias per hidden unit, not per sample (shape `(hidden units,)`). Summing over the batch gives that shape.
# ```
#
# ```quiz
# id: sigmoid-prime-max
# section: The chain rule
# question: What is the largest value $\sigma'(x) = \sigma(x)(1 - \sigma(x))$ can take? Answer as a decimal.
# answer: `{python} backprop.sigmoid_prime(torch.tensor(0.0)).item()`
# tolerance: 0.001
# right: At $x = 0$, $\sigma(0) = 0.5$, so $0.5 \times 0.5 = 0.25$. Each sigmoid a gradient passes back through multiplies it by 1/4 or less (exercises 1 and 4).
# wrong: $\sigma(x)$ lies between 0 and 1, and $s(1 - s)$ is largest at $s = 0.5$. Look at the value exercise 1's solution prints for $x = 0$.
# ```
#
# ```quiz
# id: test-scale
# section: Training on MNIST
# question: The same model scores `{python} f"{acc:.4f}"` on test images scaled to 0–1 and `{python} f"{acc_255:.4f}"` on images left at 0–255, as in the original lab. Why?
# - [ ] On 0–255 inputs the gradients vanish and training stops
#     Both accuracies are measured with the same parameters. Testing does not train, so gradients play no part.
# - [x] Scaling the input by 255 grows only $X W_1$, not the bias: hidden pre-activations that were not saturated are pushed into saturation or flip sign
#     The hidden outputs change, so the predictions change. Test data must be preprocessed exactly like the training data.
# - [ ] At 0–255 the digits' strokes look thicker
#     The images have the same shape; only the range of the values differs. The network multiplies those values as they are, so the hidden layer gets different inputs.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 역전파는 연쇄 법칙입니다. 손실에서 출발해 계산 그래프의 연결선마다 국소 미분을 곱해 가며 모든 매개변수의
#       기울기를 구하고, 편향의 기울기는 배치 방향으로 더합니다.
#     - 손으로 구한 기울기와 autograd의 기울기는 float64 반올림 오차 수준으로만 다릅니다(비교 표의 마지막 열).
#     - autograd 없이 손으로 구한 기울기만으로 784-30-10 신경망의 MNIST 테스트 정확도가 스텝을 거듭하며 올라갑니다
#       (학습 기록 표와 그래프).
#     - 테스트 이미지의 정확도는 0–1 입력에서 `{python} f"{acc:.4f}"`, 0–255로 남겨 둔 입력에서 `{python} f"{acc_255:.4f}"`이고,
#       틀린 이미지는 `{python} f"{errors_255 / errors:.2f}"`배가 됩니다(두 줄짜리 표). 입력을 255배 하면 0–1 입력에서
#       포화되지 않았던 `{python} share(~saturated)`의 은닉 사전 활성값이 포화 영역으로 밀려나거나 부호가 바뀌고(출력한
#       비율), 그 결과 1,000장 중 `{python} changed`장에서 예측한 숫자가 바뀝니다.
#       테스트 데이터는 학습 데이터와 똑같이 전처리해야 합니다.
#     - $\sigma'$은 1/4을 넘지 않고 포화 영역에서는 0에 가깝습니다(연습 1, 4). 기울기가 시그모이드를 지날 때마다
#       1/4 이하의 값이 곱해지는 이 성질이 다음 실습들이 다루는 기울기 소실의 뿌리입니다.
#
# ## 참고 문헌
#
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)
# - LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document
#   recognition. *Proceedings of the IEEE*, 86(11), 2278–2324. [doi:10.1109/5.726791](https://doi.org/10.1109/5.726791)
#   (MNIST 데이터셋을 소개한 논문)

# %% [markdown] lang="en" ko="a0e4139d1e"
# !!! success "Key points"
#     - Backpropagation is the chain rule: start from the loss, multiply by the local derivative of each edge of
#       the computational graph to get every parameter's gradient, and sum a bias's gradient over the batch.
#     - The hand-computed gradients differ from autograd's only at the level of float64 rounding (the last
#       column of the comparison table).
#     - With hand-computed gradients alone, no autograd, the 784-30-10 network's MNIST test accuracy rises over
#       the steps (the training table and the plot).
#     - Test images left at 0–255 take the accuracy from `{python} f"{acc:.4f}"` to `{python} f"{acc_255:.4f}"`, with
#       `{python} f"{errors_255 / errors:.2f}"` times as many wrong images (the two-row table). Scaled by
#       255, the `{python} share(~saturated)` of hidden pre-activations not saturated on 0–1 inputs are pushed into
#       saturation or flip sign (the fractions printed), and the predicted digit changes on `{python} changed` of the
#       1,000 images. Test data must be preprocessed exactly like the training data.
#     - $\sigma'$ never exceeds 1/4 and is close to 0 where the sigmoid saturates (exercises 1 and 4). That
#       every sigmoid multiplies the gradient by 1/4 or less is the root of the vanishing gradients that the
#       next labs deal with.
#
# ## References
#
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)
# - LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document
#   recognition. *Proceedings of the IEEE*, 86(11), 2278–2324. [doi:10.1109/5.726791](https://doi.org/10.1109/5.726791)
#   (the paper that introduced the MNIST dataset)
