# ---
# jupyter:
#   dnn_guide:
#     order: 60
#     number: "9-1·9-2"
#     title:
#       ko: "MNIST: 소프트맥스에서 다층 퍼셉트론으로"
#       en: "MNIST: from softmax to a multi-layer perceptron"
#     summary:
#       ko: "9-1, 9-2 실습, 테스트 전처리 버그, 예측과 혼동 행렬"
#       en: "Labs 9-1 and 9-2, the test preprocessing bug, predictions and a confusion matrix"
#     originals: ["lab-09_1_mnist_softmax.ipynb", "lab-09_2_mnist_nn.ipynb"]
#     experiments: ["09_1", "09_2"]
#     timed: false
#     exercises: "mnist"
#     lecture: "Lab-09-1 ReLU"
# ---

# %% [markdown] lang="ko"
# 손글씨 숫자 데이터셋 MNIST로 두 모델을 학습합니다. 9-1 실습은 784개 픽셀을 바로 10개 클래스 점수로 바꾸는
# 소프트맥스 회귀(softmax regression), 9-2 실습은 은닉층 두 개(256, 256)와 ReLU를 넣은 다층 퍼셉트론입니다.
# 설정은 원래 실습과 같습니다: 가중치를 표준 정규분포로 초기화(`nn.init.normal_`), Adam(학습률 0.001), 배치 크기 100.
#
# !!! info "이 페이지가 실행된 조건"
#     문서 빌드는 패키지에 든 MNIST 표본(학습 6,000장 / 테스트 1,000장)으로 5 에폭만 학습합니다(원래 실습은
#     전체 데이터로 15 에폭). 전체 데이터와 원래 설정으로 시드 3개 이상(원래 코드는 13개) 측정한 결과는 이
#     페이지 끝과 [결과 재현](../results.md) 페이지에 있습니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_1_mnist_softmax.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_1_mnist_softmax.ipynb),
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="86153a054a"
# Two models on MNIST, the handwritten digits. Lab 9-1 is softmax regression, mapping the 784 pixels
# straight to 10 class scores; Lab 9-2 is a multi-layer perceptron with two hidden layers (256, 256) and
# ReLU. The settings are the original labs': weights drawn from the standard normal (`nn.init.normal_`),
# Adam with learning rate 0.001, batch size 100.
#
# !!! info "How this page was run"
#     The docs build trains for only 5 epochs on the MNIST sample shipped in the package (6,000 train /
#     1,000 test images); the original labs ran 15 epochs on the full set. Full-data results at the
#     original settings, over three or more seeds (13 for the original code), are at the end of this page and
#     on the [reproduction](../results.md) page.
#
# !!! info "Sources"
#     Original notebooks: [lab-09_1_mnist_softmax.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_1_mnist_softmax.ipynb),
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="ko"
# !!! abstract "이 실습에서 배우는 것"
#     - `nn.Linear(784, 10)` 하나로 소프트맥스 회귀를, `nn.Sequential`에 `nn.Linear`와 `nn.ReLU`를 쌓아 다층
#       퍼셉트론을 직접 만들고, 원래 실습처럼 `nn.init.normal_`로 가중치를 초기화합니다.
#     - 미니배치 학습 루프(`optimizer.zero_grad()` → 순전파 → 손실 → `loss.backward()` → `optimizer.step()`)를
#       직접 쓰고, `model.eval()`과 `torch.no_grad()` 아래에서 테스트 정확도를 잽니다.
#     - 소프트맥스 교차 엔트로피와 정확도를 로짓(logit)에서 직접 계산해 PyTorch와 맞춰 봅니다(연습 문제).
#     - 원래 실습의 테스트 전처리 버그가 정확도를 얼마나 바꾸는지 재고, 혼동 행렬로 모델이 헷갈리는 숫자를 읽습니다.
#
# !!! info "먼저 알아 둘 것"
#     1부의 텐서 다루기(`view`, `argmax`, 인덱싱), 자동 미분(`backward`), 소프트맥스 회귀와 교차 엔트로피
#     ([lab-06_1](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-06_1_softmax_classification.ipynb)),
#     미니배치와 `DataLoader`([lab-04_2](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-04_2_load_data.ipynb)),
#     MNIST 소개([lab-07_2](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-07_2_mnist_introduction.ipynb))를
#     안다고 가정합니다. 이 부에서는 [다층 퍼셉트론으로 XOR 풀기](xor-mlp.md), [활성화 함수와 ReLU](activations.md),
#     Adam이 나오는 [옵티마이저 비교](optimizers.md)를 먼저 보면 좋습니다.

# %% [markdown] lang="en" ko="6f8e278ab9"
# !!! abstract "What you will learn"
#     - Build softmax regression as one `nn.Linear(784, 10)` and a multi-layer perceptron by stacking
#       `nn.Linear` and `nn.ReLU` in an `nn.Sequential`, initialized with `nn.init.normal_` as in the original labs.
#     - Write the mini-batch training loop yourself (`optimizer.zero_grad()` → forward → loss →
#       `loss.backward()` → `optimizer.step()`), and measure the test accuracy under `model.eval()` and
#       `torch.no_grad()`.
#     - Compute the softmax cross-entropy and the accuracy from logits by hand and match them against PyTorch
#       (exercises).
#     - Measure how much the original labs' test-preprocessing bug changes the accuracy, and read from the
#       confusion matrix which digits the model mixes up.
#
# !!! info "Prerequisites"
#     From Part 1: tensor handling (`view`, `argmax`, indexing), automatic differentiation (`backward`),
#     softmax regression with cross-entropy
#     ([lab-06_1](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-06_1_softmax_classification.ipynb)),
#     mini-batches and `DataLoader` ([lab-04_2](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-04_2_load_data.ipynb)),
#     and the MNIST introduction
#     ([lab-07_2](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-07_2_mnist_introduction.ipynb)).
#     From this part, read [Solving XOR with a multi-layer perceptron](xor-mlp.md),
#     [Activation functions and ReLU](activations.md) and, for Adam, [Comparing optimizers](optimizers.md) first.

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide

device = dnn_guide.get_device()
EPOCHS = 5  # quick setting for the docs build; the original labs: 15

data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, train {tuple(data.X_train.shape)}, test {tuple(data.X_test.shape)}, on {device}")
print(
    f"pixel range: train {data.X_train.min():.0f}-{data.X_train.max():.0f}, test {data.X_test.min():.0f}-{data.X_test.max():.0f}"
)

# %% [markdown] lang="ko"
# ## 데이터 전처리: 원래 실습의 버그
#
# 원래 노트북은 학습 데이터를 `dsets.MNIST(..., transform=transforms.ToTensor())`로 읽어 픽셀을 0–1로 바꿨지만,
# 테스트 데이터는 `mnist_test.test_data.view(-1, 28 * 28).float()`로 0–255 그대로 모델에 넣었습니다. 게다가
# `test_data`와 `test_labels`는 지금은 사용이 권장되지 않는(deprecated) 이름입니다. 아직 동작하지만 경고를 내며,
# 새 이름은 `data`와 `targets`입니다. `dnn_guide.load_mnist`는 학습과 테스트 데이터를 똑같이 255로 나눈 텐서로
# 돌려줍니다. 위 출력처럼 두 데이터의 범위가 같습니다. 이 버그가 정확도를 얼마나 바꾸는지는 아래에서 측정합니다.
#
# ## 9-1: 소프트맥스 회귀
#
# 모델은 `nn.Linear(784, 10)` 하나입니다. 이미지 한 장(784개 픽셀 $x$)을 10개 클래스의 점수, 곧 로짓
# $z = Wx + b$로 바꿉니다. 소프트맥스와 교차 엔트로피 손실(cross-entropy loss)은 다음과 같습니다. $y^{(i)}$는
# $i$번째 이미지의 정답 숫자이고, $N$은 배치 크기입니다.
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=0}^{9} e^{z_j}}, \qquad
# L = -\frac{1}{N}\sum_{i=1}^{N} \log \mathrm{softmax}\big(z^{(i)}\big)_{y^{(i)}}$$
#
# 소프트맥스는 모델 안에 없습니다. `nn.CrossEntropyLoss`가 로짓에 로그 소프트맥스를 적용하고 음의 로그
# 가능도를 계산하기 때문입니다. 가중치는 원래 실습처럼 `nn.init.normal_`로 표준 정규분포 $N(0, 1)$에서 뽑고,
# 편향은 `nn.Linear`의 기본값을 둡니다.
#
# 학습 루프는 한 에폭(epoch)마다 학습 데이터를 섞어 100장씩 나눈 미니배치를 돌면서 다섯 단계를 되풀이합니다.
# 원래 실습의 `DataLoader(shuffle=True, drop_last=True)` 대신, 메모리에 올려 둔 텐서를 같은 방식으로 섞어
# 자르는 `dnn_guide.iterate_batches`를 씁니다. 섞는 순서는 `generator`가 정합니다.

# %% [markdown] lang="en" ko="f2e50c3c48"
# ## Preprocessing: the original labs' bug
#
# The original notebooks read the training set through `dsets.MNIST(..., transform=transforms.ToTensor())`,
# which scales pixels to 0–1, but fed the test set as `mnist_test.test_data.view(-1, 28 * 28).float()`, at
# 0–255. `test_data` and `test_labels` are also deprecated names now: they still work, with a warning,
# and the new names are `data` and `targets`. `dnn_guide.load_mnist` returns training and test tensors
# both divided by 255: the ranges printed above match. How much the bug changes the accuracy is measured below.
#
# ## 9-1: softmax regression
#
# The model is a single `nn.Linear(784, 10)`. It turns one image (784 pixels $x$) into 10 class scores,
# the logits $z = Wx + b$. The softmax and the cross-entropy loss are, with $y^{(i)}$ the right digit of
# image $i$ and $N$ the batch size:
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=0}^{9} e^{z_j}}, \qquad
# L = -\frac{1}{N}\sum_{i=1}^{N} \log \mathrm{softmax}\big(z^{(i)}\big)_{y^{(i)}}$$
#
# There is no softmax in the model: `nn.CrossEntropyLoss` applies log-softmax to the logits and computes
# the negative log-likelihood. As in the original lab, `nn.init.normal_` draws the weights from the
# standard normal $N(0, 1)$; the biases keep `nn.Linear`'s default.
#
# The training loop runs over mini-batches of 100 images, reshuffled every epoch, and repeats five steps
# for each. In place of the original's `DataLoader(shuffle=True, drop_last=True)`, `dnn_guide.iterate_batches`
# shuffles and slices the tensors already in memory the same way; `generator` fixes the order.

# %%
generator = dnn_guide.seed_everything(777)
softmax = nn.Linear(784, 10).to(device)
nn.init.normal_(softmax.weight)  # as the original lab: N(0, 1)

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(softmax.parameters(), lr=1e-3)

for epoch in range(1, EPOCHS + 1):
    total = 0.0
    for X, y in dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator, drop_last=True):
        optimizer.zero_grad()  # 1. clear the gradients of the previous step
        loss = loss_fn(softmax(X), y)  # 2. forward pass and loss
        loss.backward()  # 3. gradients of the loss for every parameter
        optimizer.step()  # 4. update the parameters (Adam)
        total += loss.item()  # 5. record (a Python float: no graph kept)
    print(f"epoch {epoch}: mean loss {total / (len(data.X_train) // 100):.4f}")

# %% [markdown] lang="ko"
# 이제 테스트 정확도를 측정하고, 원래 실습처럼 0–255 입력을 넣었을 때와 비교합니다. 평가할 때는
# `torch.no_grad()`로 기울기 계산을 끕니다. 역전파를 하지 않으니 계산 그래프를 만들 필요가 없습니다. 예측 클래스는
# 로짓이 가장 큰 위치(`argmax(1)`)이고, 소프트맥스는 순서를 바꾸지 않으므로 확률로 바꿀 필요가 없습니다.

# %% [markdown] lang="en" ko="d5b27dc569"
# Now measure the test accuracy, and compare it with feeding 0–255 inputs as the original lab did.
# Evaluation turns gradient tracking off with `torch.no_grad()`: there is no backward pass, so no graph
# needs to be built. The predicted class is the position of the largest logit (`argmax(1)`); the softmax
# does not change the order, so there is no need to turn logits into probabilities.

# %%
with torch.no_grad():
    correct = (softmax(data.X_test).argmax(1) == data.y_test).float().mean().item()
    correct_0_255 = (softmax(data.X_test * 255).argmax(1) == data.y_test).float().mean().item()
dnn_guide.Table(
    ["test images", "9-1 test accuracy"],
    [["scaled to 0–1, like training", correct], ["0–255 (the original labs' test set)", correct_0_255]],
)

# %% [markdown] lang="ko"
# 이 빌드에서 9-1의 테스트 정확도는 0–1 이미지에서 `{python} f"{correct:.4f}"`, 원래 실습처럼 0–255 이미지를 넣으면
# `{python} f"{correct_0_255:.4f}"`입니다. 무엇이 바뀌는지는 식으로 볼 수 있습니다. 선형 모델에서 입력에 255를 곱하면 로짓은
# $255\,Wx + b = 255\,(Wx + b/255)$, 곧 편향을 255로 나눈 모델의 로짓에 255를 곱한 값이 됩니다. 양수를 곱해도
# argmax(가장 큰 점수의 클래스)는 그대로이므로, 예측이 바뀌는 것은 편향이 클래스를 가르던 이미지뿐입니다. 그런
# 이미지가 얼마나 되는지는 모델마다 다르므로 측정해야 합니다.
#
# 같은 논리는 ReLU 신경망에도 그대로 적용됩니다. ReLU는 양의 동차성(positive homogeneity)이 있어서 $c > 0$이면
# $\mathrm{ReLU}(cz) = c\,\mathrm{ReLU}(z)$입니다. 그래서 9-2에 0–255 입력을 넣는 것은, 모든 층의 편향을 255로 나눈
# 같은 신경망에 0–1 입력을 넣고 로짓에 255를 곱하는 것과 같습니다. 이 설명이 맞지 않는 것은
# [SELU](selu.md)처럼 음수 쪽에서 포화해 양의 동차성이 없는 활성화 함수입니다. [배치 정규화](batch-norm.md)는 평가할
# 때 학습 데이터(0–1)에서 잰 평균을 빼는데, 이 평균을 빼는 것도 편향이라서 다른 편향처럼 255로 나뉜 셈이 되고,
# 그러면 평균을 0에 맞추는 효과가 거의 사라집니다. 영향이 가장 큰 것은 SELU(원래 9-7에 이 버그가 있습니다)와
# 배치 정규화입니다. 원래 9-6은 테스트 데이터도 `ToTensor()`로 읽어 버그가 없고, 그 페이지는 버그가 있었다면
# 어땠을지 보이려고 일부러 0–255 이미지를 넣어 측정합니다(각 페이지 끝의 표). 이 페이지의 두 모델을 전체 데이터로 측정한 값은
# 이 페이지 끝의 표에 있습니다.
#
# ## 9-2: 다층 퍼셉트론
#
# 같은 데이터에 은닉층 두 개를 넣습니다. 원래 실습은 `linear1`, `linear2`, `linear3`과 `relu`를 따로 만들어
# `torch.nn.Sequential(linear1, relu, linear2, relu, linear3)`으로 묶었습니다. 여기서는 같은 층을
# `nn.Sequential` 안에서 바로 만들고, 가중치는 역시 Linear 층마다 `nn.init.normal_`로 표준 정규분포에서 뽑습니다.
# 학습하기 전에 출력(로짓)이 얼마나 큰지도 출력해 봅니다.

# %% [markdown] lang="en" ko="15f861eae0"
# In this build the 0–255 test images change 9-1's accuracy from `{python} f"{correct:.4f}"` to
# `{python} f"{correct_0_255:.4f}"`. What changes can be seen in the formula. In a linear model, multiplying the
# input by 255 makes the logits $255\,Wx + b = 255\,(Wx + b/255)$: 255 times the logits of the same model with its
# biases divided by 255. Multiplying by a positive number does not change the arg-max (the class with the
# highest score), so a prediction changes only for images whose class the biases decided. How many images
# that is depends on the model, and has to be measured.
#
# The same argument holds for ReLU networks. ReLU is positively homogeneous: $\mathrm{ReLU}(cz) = c\,\mathrm{ReLU}(z)$
# for $c > 0$. So feeding 9-2 inputs at 0–255 is the same as feeding 0–1 inputs to the same network with every
# layer's biases divided by 255, and multiplying its logits by 255. The argument fails for activations that are
# not positively homogeneous, such as [SELU](selu.md), which saturates on the negative side. In evaluation,
# [batch normalization](batch-norm.md) subtracts a mean measured on the 0–1 training data; that subtraction is
# a bias too, so like the other biases it is in effect divided by 255, and the centering all but vanishes.
# The effect is largest for SELU (the original 9-7 has this bug) and for batch normalization (the original 9-6
# reads its test set through `ToTensor()` and has no bug; its page feeds 0–255 images on purpose to show what
# the bug would do); see the tables at the end of each. This page's two models, measured on the full data, are in the tables at the end
# of this page.
#
# ## 9-2: a multi-layer perceptron
#
# Two hidden layers on the same data. The original lab built `linear1`, `linear2`, `linear3` and `relu`
# separately and chained them with `torch.nn.Sequential(linear1, relu, linear2, relu, linear3)`; here the
# same layers are built right inside `nn.Sequential`, and `nn.init.normal_` again draws each Linear
# layer's weights from the standard normal. Before training, print how large the outputs (logits) are.

# %%
generator = dnn_guide.seed_everything(777)
model = nn.Sequential(
    nn.Linear(784, 256),
    nn.ReLU(),
    nn.Linear(256, 256),
    nn.ReLU(),
    nn.Linear(256, 10),
).to(device)
for layer in model:
    if isinstance(layer, nn.Linear):
        nn.init.normal_(layer.weight)

with torch.no_grad():
    logits = model(data.X_train[:1000])
largest_logit, loss_before = logits.abs().max().item(), loss_fn(logits, data.y_train[:1000]).item()
print(f"before training: largest |logit| {largest_logit:.0f}, loss {loss_before:.1f}")
dnn_guide.Table(
    ["layer", "weight shape", "parameters (weights + biases)"],
    [
        [f"nn.Linear({m.in_features}, {m.out_features})", tuple(m.weight.shape), sum(p.numel() for p in m.parameters())]
        for m in model[::2]
    ]
    + [["total", "", sum(p.numel() for p in model.parameters())]],
)

# %% [markdown] lang="ko"
# 이번에는 에폭마다 학습 손실과 정확도, 그리고 테스트 손실과 정확도를 기록합니다. 에폭을 시작할 때
# `model.train()`, 평가하기 전에 `model.eval()`을 부릅니다. 이 모델에는 모드에 따라 달라지는 층이 없어서 결과는
# 같지만, 드롭아웃과 배치 정규화는 두 모드에서 다르게 동작합니다. 그 차이는
# [깊은 신경망과 드롭아웃](deep-dropout.md)에서 측정합니다.

# %% [markdown] lang="en" ko="971ccd8646"
# This time, record the training loss and accuracy and the test loss and accuracy every epoch. Each epoch
# starts with `model.train()`, and evaluation with `model.eval()`. This model has no layer that behaves
# differently in the two modes, so the results would be the same either way, but dropout and batch
# normalization do; [Deep networks and dropout](deep-dropout.md) measures the difference.

# %%
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
history = []
for epoch in range(1, EPOCHS + 1):
    model.train()  # training mode
    total_loss, correct_count, seen = 0.0, 0, 0
    for X, y in dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator, drop_last=True):
        optimizer.zero_grad()
        logits = model(X)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(X)
        correct_count += (logits.argmax(1) == y).sum().item()
        seen += len(X)

    model.eval()  # evaluation mode
    with torch.no_grad():
        logits = model(data.X_test)
        test_loss = loss_fn(logits, data.y_test).item()
        test_accuracy = (logits.argmax(1) == data.y_test).float().mean().item()
    history.append(
        {
            "epoch": epoch,
            "loss": total_loss / seen,
            "accuracy": correct_count / seen,
            "val_loss": test_loss,
            "val_accuracy": test_accuracy,
        }
    )

dnn_guide.Table(
    ["epoch", "train loss", "train accuracy", "test loss", "test accuracy"],
    [[r["epoch"], r["loss"], r["accuracy"], r["val_loss"], r["val_accuracy"]] for r in history],
)

# %% [markdown] lang="ko"
# 다음 실습부터는 이 루프를 `dnn_guide.fit`이 대신합니다.
# `fit(model, X, y, loss_fn=..., optimizer=..., epochs=..., valid=(X_test, y_test), generator=..., drop_last=True)`은
# 위와 같은 순서로 미니배치를 돌고, 에폭마다 `model.train()`으로 학습한 뒤 `valid`를 `model.eval()`과
# `torch.no_grad()` 아래에서 평가해 같은 키(`loss`, `accuracy`, `val_loss`, `val_accuracy`)의 기록을 돌려줍니다.
# 학습을 시작하기 전에 입력의 모양, 장치, 자료형을 확인해 잘못되면 고치는 방법을 알려 주는 일도 합니다.
#
# 학습 곡선을 그려 봅니다.

# %% [markdown] lang="en" ko="12dba087ed"
# From the next lab on, `dnn_guide.fit` stands in for this loop.
# `fit(model, X, y, loss_fn=..., optimizer=..., epochs=..., valid=(X_test, y_test), generator=..., drop_last=True)`
# runs the mini-batches in the same order, trains each epoch in `model.train()`, evaluates `valid` under
# `model.eval()` and `torch.no_grad()`, and returns records with the same keys (`loss`, `accuracy`,
# `val_loss`, `val_accuracy`). Before training it also checks the inputs' shapes, devices and dtypes, and
# says how to fix them when they are wrong.
#
# The learning curves:

# %%
dnn_guide.plot_history(history)
plt.show()
print(f"test accuracy after {EPOCHS} epochs: 9-1 {correct:.4f}, 9-2 {history[-1]['val_accuracy']:.4f}")

# %% [markdown] lang="ko"
# 표준 정규분포로 초기화하면 로짓이 커집니다(층마다 커지는 모습은 [가중치 초기화](weight-init.md)에서
# 측정합니다). 학습 전 출력에서 로짓의 절댓값은 최대
# `{python} f"{largest_logit:,.0f}"`, 손실은 `{python} f"{loss_before:,.1f}"`입니다. 10개 클래스에 같은 확률을 주는
# 모델의 손실이 $\ln 10 \approx 2.3$이니 얼마나 큰지 알 수 있습니다. 위 표의 첫 에폭 학습 손실
# `{python} f"{history[0]['loss']:,.1f}"`도 그래서 큽니다. 이 문제는 [가중치 초기화](weight-init.md) 실습에서 다룹니다.
#
# ## 예측 살펴보기
#
# 테스트 이미지 몇 장과 모델의 예측, 그리고 혼동 행렬(confusion matrix)입니다. 혼동 행렬의 $i$행 $j$열은
# 실제 숫자가 $i$인데 $j$로 예측한 개수입니다. 대각선 밖의 큰 값이 모델이 자주 헷갈리는 쌍입니다.

# %% [markdown] lang="en" ko="41e79d3c7e"
# With standard-normal weights the logits come out large (the layer-by-layer growth is measured in
# [Weight initialization](weight-init.md)). Before training, the largest logit
# magnitude was `{python} f"{largest_logit:,.0f}"` and the loss `{python} f"{loss_before:,.1f}"`, against
# $\ln 10 \approx 2.3$ for a model that gives the 10 classes equal probabilities. That is also why the first
# epoch's training loss in the table, `{python} f"{history[0]['loss']:,.1f}"`, is so large. The
# [weight initialization](weight-init.md) lab deals with that.
#
# ## Looking at predictions
#
# A few test images with the model's predictions, and the confusion matrix: row $i$, column $j$ counts
# test images of digit $i$ predicted as $j$. Large values off the diagonal are the pairs the model confuses.

# %%
predicted = dnn_guide.predict(model, data.X_test)
dnn_guide.plot_predictions(data.X_test, data.y_test, predicted, n=12)
plt.show()

# %%
matrix = dnn_guide.confusion_matrix(data.y_test, predicted)
dnn_guide.plot_confusion_matrix(matrix)
plt.show()
off_diagonal = matrix - torch.diag(torch.diag(matrix))
true, pred = divmod(off_diagonal.argmax().item(), 10)
print(f"most frequent mistake: {true} predicted as {pred} ({off_diagonal.max().item()} times)")

# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값, 원래 코드를 그대로(0–255 테스트 이미지) 다시 실행한 값, 테스트 이미지를 바르게 전처리한
# 값입니다. 이 표는 `dnn-guide reproduce`가 전체 MNIST로 시드 3개 이상(원래 코드는 13개)씩 실행해 남긴 기록으로 사이트를 빌드할 때 만들어집니다. 9-1과
# 9-2에서 원래 코드와 고친 코드의 차이는 테스트 전처리뿐입니다.
#
# <!-- results:lab:09_1 -->
#
# <!-- results:lab:09_2 -->
#
# "원래 코드 재실행" 열과 "같은 모델, 테스트 이미지 0–1" 열은 같은 학습된 모델을 0–255 이미지(원래대로)와 0–1
# 이미지로 테스트한 정확도입니다. 시드 <!-- results:value:seeds("09_1_as_written") -->개의 평균 정확도는 9-1이 0–1 이미지에서 <!-- results:value:acc(run("09_1_as_written")["scaled_mean"]) -->,
# 0–255 이미지에서 <!-- results:value:acc(run("09_1_as_written")["mean"]) -->입니다(<!-- results:value:f"{(run('09_1_as_written')['scaled_mean'] - run('09_1_as_written')['mean']) * 100:.1f}" -->%p 차이). 9-2는 각각 <!-- results:value:acc(run("09_2_as_written")["scaled_mean"]) -->, <!-- results:value:acc(run("09_2_as_written")["mean"]) -->입니다.
# 0–255 테스트 이미지 때문에 9-1은 정확도를 잃고, 9-2는 거의 그대로입니다. 앞의 식대로 두 모델 모두 편향이 클래스를 가르던 이미지만 예측이 바뀌는데, 그런
# 이미지가 어느 모델에 더 많은지는 식이 아니라 이 측정이 알려 줍니다.
# <!-- results:check:run("09_1_as_written")["scaled_mean"] - run("09_1_as_written")["mean"] > 0.005 -->
# <!-- results:check:seeds("09_1_as_written") == seeds("09_2_as_written") -->
# <!-- results:check:abs(run("09_2_as_written")["scaled_mean"] - run("09_2_as_written")["mean"]) < 0.001 -->
# <!-- results:check:min(row(l)["corrected"]["mean"] - row(l)["corrected"]["unscaled_mean"] for l in ("09_6", "09_7")) > max(row(l)["corrected"]["mean"] - row(l)["corrected"]["unscaled_mean"] for l in ("08_4", "09_1", "09_2", "09_3", "09_4", "09_5", "09_6_no_bn")) -->

# %% [markdown] lang="en" ko="20a9141c4f"
# ## Full-data re-runs
#
# What the original notebooks printed, the original code re-run as written (test images at 0–255), and
# the same labs with the test images preprocessed correctly. Built from the records that
# `dnn-guide reproduce` wrote on the full MNIST, three or more seeds each (13 for the original code). In Labs 9-1 and 9-2 the original and
# the corrected code differ only in the test preprocessing.
#
# <!-- results:lab:09_1 -->
#
# <!-- results:lab:09_2 -->
#
# The "Original code re-run" and "Same models, test images 0–1" columns are the same trained models tested on
# 0–255 images (as written) and on 0–1 images. Over <!-- results:value:seeds("09_1_as_written") --> seeds, 9-1's mean accuracy falls from
# <!-- results:value:acc(run("09_1_as_written")["scaled_mean"]) --> on 0–1 images to <!-- results:value:acc(run("09_1_as_written")["mean"]) --> on 0–255 images (<!-- results:value:f"{(run('09_1_as_written')['scaled_mean'] - run('09_1_as_written')['mean']) * 100:.1f}" --> percentage points), while 9-2's
# stays at <!-- results:value:acc(run("09_2_as_written")["scaled_mean"]) --> and <!-- results:value:acc(run("09_2_as_written")["mean"]) -->. By the formulas
# above, in both models only the images whose class the biases decided change their prediction; which model
# has more of them is for this measurement to say, not the formulas.
# <!-- results:check:run("09_1_as_written")["scaled_mean"] - run("09_1_as_written")["mean"] > 0.005 -->
# <!-- results:check:seeds("09_1_as_written") == seeds("09_2_as_written") -->
# <!-- results:check:abs(run("09_2_as_written")["scaled_mean"] - run("09_2_as_written")["mean"]) < 0.001 -->
# <!-- results:check:min(row(l)["corrected"]["mean"] - row(l)["corrected"]["unscaled_mean"] for l in ("09_6", "09_7")) > max(row(l)["corrected"]["mean"] - row(l)["corrected"]["unscaled_mean"] for l in ("08_4", "09_1", "09_2", "09_3", "09_4", "09_5", "09_6_no_bn")) -->

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈 함수를 채우고 그 아래 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 로짓에서 여러분의 함수를
# PyTorch의 결과와 비교하고, 틀렸으면 무엇이 틀렸는지(모양, 부호, 합과 평균, 넘침, 축) 알려 줍니다. 풀이는 접힌
# 블록에 있습니다.
#
# !!! question "연습 1: 소프트맥스 교차 엔트로피 직접 계산하기"
#     로짓 `logits`(모양 `(N, 10)`)와 정답 `y`(모양 `(N,)`, 0–9의 정수)를 받아 위의 손실 $L$을 돌려주는
#     `cross_entropy`를 완성하세요. 결과는 `F.cross_entropy(logits, y)`처럼 값 하나짜리 텐서입니다. 체커는 절댓값이
#     수백인 로짓도 넣어 봅니다(9-2의 학습 전 로짓은 절댓값이 최대 `{python} f"{largest_logit:,.0f}"`). 그런 로짓에
#     `exp`를 그대로 쓰면 float32가 넘치므로(overflow) 로그 소프트맥스를 안정하게 계산하세요:
#     `log softmax(z)_k = z_k - log Σ_j exp(z_j)`이고, 행마다 `m = max_j z_j`를 빼면
#     `log Σ_j exp(z_j) = m + log Σ_j exp(z_j - m)`입니다. `torch.logsumexp`가 이 계산을 해 줍니다.

# %% [markdown] lang="en" ko="8d4438f032"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker compares
# your function with PyTorch on fresh random logits and, when it is wrong, says what is wrong (the shape,
# the sign, sum or mean, overflow, the axis). The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: softmax cross-entropy by hand"
#     Complete `cross_entropy`, which takes logits `logits` of shape `(N, 10)` and labels `y` of shape `(N,)`
#     (integers 0–9) and returns the loss $L$ above: a tensor holding one value, like
#     `F.cross_entropy(logits, y)`. The checker also tries logits in the hundreds (9-2's logits before training
#     reached `{python} f"{largest_logit:,.0f}"` in magnitude). Applying `exp` to those overflows float32, so
#     compute the log-softmax stably:
#     `log softmax(z)_k = z_k - log Σ_j exp(z_j)`, and subtracting each row's
#     `m = max_j z_j` gives `log Σ_j exp(z_j) = m + log Σ_j exp(z_j - m)`. `torch.logsumexp` does this.

# %%
from dnn_guide.exercises.mnist import check_accuracy, check_cross_entropy


# %% exercise=true
def cross_entropy(logits, y):
    # your code: the log-softmax of each row (stable), then the mean of -log p at the labels
    raise NotImplementedError


check_cross_entropy(cross_entropy)


# %% solution=true
def cross_entropy(logits, y):
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)  # log softmax, row by row
    return -log_probs[torch.arange(len(y)), y].mean()  # row i, column y[i]


check_cross_entropy(cross_entropy)

# %% [markdown] lang="ko"
# !!! question "연습 2: 로짓에서 정확도 구하기"
#     로짓 `logits`(모양 `(N, 10)`)와 정답 `y`를 받아 맞힌 비율(0과 1 사이의 숫자 하나)을 돌려주는 `accuracy`를
#     완성하세요. 위 평가 코드와 같은 계산입니다. 어느 축(dim)에서 `argmax`를 구해야 하는지 생각해 보세요. 체커는
#     `N = 10`인 정사각형 로짓도 넣어 봅니다.

# %% [markdown] lang="en" ko="78a961e7f5"
# !!! question "Exercise 2: accuracy from logits"
#     Complete `accuracy`, which takes logits `logits` of shape `(N, 10)` and labels `y` and returns the
#     fraction predicted right (one number between 0 and 1), the same computation as the evaluation code
#     above. Think about which dimension the `argmax` runs over; the checker also tries square logits, with
#     `N = 10`.


# %% exercise=true
def accuracy(logits, y):
    # your code: the predicted class of each row, compared with y, as a fraction
    raise NotImplementedError


check_accuracy(accuracy)


# %% solution=true
def accuracy(logits, y):
    predicted = logits.argmax(dim=1)  # for each row (image), the class with the largest score
    return (predicted == y).float().mean()


check_accuracy(accuracy)

# %% [markdown] lang="ko"
# !!! question "연습 3: 파라미터는 어디에 있나"
#     9-2 모델의 파라미터는 모두 몇 개이고, 그중 어느 층에 가장 많이 있나요? 첫 층의 개수를 손으로 계산해서 위의
#     표와 맞춰 보세요.
#
# ??? success "답"
#     `nn.Linear(n_in, n_out)`은 가중치 `n_out × n_in`개와 편향 `n_out`개를 가집니다.
#     첫 층은 `784 × 256 + 256 = 200,960`개로, 9-2 모델의 층별 파라미터 표에서 가장 많습니다. 전체 개수는
#     같은 표의 마지막 행(total)에 있고, 대부분이 784개 픽셀을 받는 첫 층에 있습니다.

# %% [markdown] lang="en" ko="9e26f4d0e6"
# !!! question "Exercise 3: where the parameters are"
#     How many parameters does the 9-2 model have, and which layer holds the most? Count the first layer's
#     by hand and compare with the table above.
#
# ??? success "Answer"
#     `nn.Linear(n_in, n_out)` holds `n_out × n_in` weights and `n_out` biases. The
#     first layer has `784 × 256 + 256 = 200,960`, the largest count in the 9-2 model's table of
#     parameters per layer. The total is in the same table's last row (total); most of it is in the first
#     layer, which takes the 784 pixels.

# %% [markdown] lang="ko"
# !!! question "연습 4: 모델 끝에 소프트맥스를 넣으면"
#     모델 끝에 `nn.Softmax(dim=1)`을 붙이고 그대로 `nn.CrossEntropyLoss`로 학습하면 어떻게 될까요?
#
# ??? success "답"
#     소프트맥스가 두 번 적용됩니다. `nn.CrossEntropyLoss`는 받은 값을 로짓으로 보고 다시 로그 소프트맥스를
#     적용하는데, 받은 값은 이미 0과 1 사이의 확률입니다. 그러면 모델이 정답에 확률 1을 주어도 손실이 0이 되지
#     않습니다. 10개 클래스라면 입력이 `(1, 0, …, 0)`일 때가 가장 좋고 그때 손실은 `log(e + 9) - 1`입니다.
#     또 확률이 한쪽으로 쏠릴수록 소프트맥스의 기울기가 작아져 학습이 느려질 수 있습니다. 확률이 필요하면 학습은 로짓으로
#     하고, 예측할 때만 `torch.softmax(logits, dim=1)`을 씁니다.

# %% [markdown] lang="en" ko="83c056f8e6"
# !!! question "Exercise 4: a softmax at the end of the model"
#     What happens if you append `nn.Softmax(dim=1)` to the model and keep training with `nn.CrossEntropyLoss`?
#
# ??? success "Answer"
#     The softmax is applied twice. `nn.CrossEntropyLoss` treats what it gets as logits and applies
#     log-softmax again, but what it gets are already probabilities between 0 and 1. Then the loss cannot
#     reach 0 even when the model gives the right class probability 1: with 10 classes the best input is
#     `(1, 0, …, 0)`, whose loss is `log(e + 9) - 1`. And the more one-sided the probabilities, the
#     smaller the softmax's gradient, so learning can slow down. When probabilities are needed, train on the
#     logits and apply `torch.softmax(logits, dim=1)` only to predict.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: no-softmax-layer
# section: 9-1: 소프트맥스 회귀
# question: 9-1의 모델은 `nn.Linear(784, 10)` 하나뿐이고 소프트맥스 층이 없습니다. 그래도 소프트맥스 회귀인 까닭은?
# - [x] `nn.CrossEntropyLoss`가 로짓에 로그 소프트맥스를 적용하고 음의 로그 가능도를 계산하기 때문에
#     소프트맥스는 손실 함수 안에 들어 있습니다. 모델은 로짓 $z = Wx + b$만 내면 됩니다.
# - [ ] 예측할 때 소프트맥스를 거치면 가장 큰 클래스가 바뀌기 때문에
#     소프트맥스는 점수의 순서를 바꾸지 않습니다. 그래서 예측은 로짓의 `argmax(1)`로 바로 구합니다.
# - [ ] Adam 옵티마이저가 소프트맥스를 대신하기 때문에
#     옵티마이저는 기울기로 매개변수를 갱신할 뿐, 출력을 확률로 바꾸지 않습니다.
# ```
#
# ```quiz
# id: mlp-parameters
# section: 9-2: 다층 퍼셉트론
# question: 9-2의 784-256-256-10 신경망에는 학습할 파라미터(가중치와 편향)가 모두 몇 개 있습니까?
# answer: `{python} sum(p.numel() for p in model.parameters())`
# right: 층마다 (입력 수 × 출력 수)개의 가중치와 출력 수만큼의 편향이 있습니다. 층별 개수는 9-2 절의 표에 있습니다.
# wrong: `nn.Linear(a, b)`의 파라미터는 가중치 $a \times b$개와 편향 $b$개입니다. 세 층의 개수를 더해 보세요(9-2 절의 표).
# ```
#
# ```quiz
# id: scaled-test-images
# section: 9-1: 소프트맥스 회귀
# question: 9-1의 테스트 정확도는 0–1 이미지에서 `{python} f"{correct:.4f}"`, 0–255 이미지에서 `{python} f"{correct_0_255:.4f}"`입니다. 0–255 이미지에서 예측이 바뀌는 것은 어떤 이미지입니까?
# - [ ] 모든 이미지: 입력이 255배가 되면 예측이 무작위가 된다
#     로짓은 $255\,(Wx + b/255)$이고, 양수를 곱해도 argmax는 그대로입니다. 모든 예측이 흔들리는 것이 아닙니다.
# - [x] 편향이 클래스를 가르던 이미지만
#     입력에 255를 곱하는 것은 편향을 255로 나눈 모델의 로짓에 255를 곱하는 것과 같습니다. 편향이 거의 사라지므로, 편향이 클래스를 가르던 이미지만 예측이 바뀝니다.
# - [ ] 모델이 0–255 이미지로 학습한 이미지만
#     이 페이지의 모델은 0–1로 나눈 학습 이미지로만 학습했습니다. 원래 실습도 학습 이미지는 `ToTensor()`로 0–1이었습니다.
# ```

# %% [markdown] lang="en" ko="8635f9c3e9"
# ## Check yourself
#
# ```quiz
# id: no-softmax-layer
# section: 9-1: softmax regression
# question: The 9-1 model is a single `nn.Linear(784, 10)`, with no softmax layer. Why is it still softmax regression?
# - [x] `nn.CrossEntropyLoss` applies log-softmax to the logits and takes the negative log-likelihood
#     The softmax lives inside the loss. The model only has to output the logits $z = Wx + b$.
# - [ ] Because a softmax would change the largest class when predicting
#     Softmax keeps the order of the scores. That is why the prediction is the logits' `argmax(1)`.
# - [ ] Because the Adam optimizer does the softmax
#     An optimizer updates parameters from their gradients; it does not turn outputs into probabilities.
# ```
#
# ```quiz
# id: mlp-parameters
# section: 9-2: a multi-layer perceptron
# question: How many trainable parameters (weights and biases) does the 784-256-256-10 network of 9-2 have?
# answer: `{python} sum(p.numel() for p in model.parameters())`
# right: Each layer has (inputs × outputs) weights and one bias per output. The 9-2 section's table counts them layer by layer.
# wrong: `nn.Linear(a, b)` has $a \times b$ weights and $b$ biases. Add up the three layers (the 9-2 section's table).
# ```
#
# ```quiz
# id: scaled-test-images
# section: 9-1: softmax regression
# question: The 9-1 test accuracy is `{python} f"{correct:.4f}"` on 0–1 images and `{python} f"{correct_0_255:.4f}"` on 0–255 images. Which images get a different prediction at 0–255?
# - [ ] All of them: scaling the input by 255 makes the predictions random
#     The logits become $255\,(Wx + b/255)$, and multiplying by a positive number keeps the argmax. Not every prediction moves.
# - [x] Only the images whose class the bias decided
#     Multiplying the input by 255 is the same as dividing the bias by 255 and multiplying the logits by 255. Only the images whose prediction depended on the bias, now almost gone, change.
# - [ ] Only the images the model was trained on at 0–255
#     This page's model was trained only on training images divided to 0–1; the original labs' training images were 0–1 too (`ToTensor()`).
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 소프트맥스 회귀는 `nn.Linear(784, 10)` 하나이고, 소프트맥스는 손실 함수 `nn.CrossEntropyLoss` 안에
#       있습니다. 모델은 로짓을 내고, 예측 클래스는 로짓의 `argmax(1)`입니다(연습 1, 2).
#     - 학습 루프는 미니배치마다 `optimizer.zero_grad()` → 순전파 → 손실 → `loss.backward()` →
#       `optimizer.step()`을 되풀이하고, 평가는 `model.eval()`과 `torch.no_grad()` 아래에서 합니다.
#       `dnn_guide.fit`은 이 루프를 그대로 돌리며, 다음 실습부터 이 루프를 대신합니다.
#     - 같은 5 에폭, 같은 초기화에서 이 빌드의 테스트 정확도는 9-1이 `{python} f"{correct:.4f}"`, 은닉층 두 개와
#       ReLU를 넣은 9-2가 `{python} f"{history[-1]['val_accuracy']:.4f}"`입니다(학습 곡선 아래에 출력된 두 값). 둘 다 표본
#       `{python} f"{len(data.X_train):,}"`장으로 `{python} f"{EPOCHS * (len(data.X_train) // 100):,}"` 스텝만 학습한 값입니다.
#       전체 데이터로 15 에폭 학습한 고친 코드의 평균 정확도는 9-1 <!-- results:value:acc(run("09_1")["mean"]) -->, 9-2 <!-- results:value:acc(run("09_2")["mean"]) -->입니다(페이지 끝의 표).
#     - 표준 정규분포 초기화에서 9-2의 학습 전 손실(`{python} f"{loss_before:,.1f}"`)은 모든 클래스에 같은 확률을 주는
#       모델의 손실 $\ln 10 \approx 2.3$보다 훨씬 큽니다(학습 전 출력). 초기화가 왜 중요한지는 [가중치 초기화](weight-init.md)에서
#       봅니다.
#     - 0–255 테스트 이미지는 입력에 255를 곱하는 것이라, 선형 모델과 ReLU 신경망에서는 편향을 255로 나누는 것과
#       같습니다. 전체 데이터에서 원래 코드(0–255 테스트 이미지)의 평균 정확도는 9-1이 <!-- results:value:acc(run("09_1_as_written")["mean"]) -->(0–1 이미지에서는
#       <!-- results:value:acc(run("09_1_as_written")["scaled_mean"]) -->), 9-2가 <!-- results:value:acc(run("09_2_as_written")["mean"]) -->(<!-- results:value:acc(run("09_2_as_written")["scaled_mean"]) -->)입니다(이 페이지 끝의 표). 영향이 가장 큰 것은 양의 동차성이 없는
#       SELU(원래 9-7에 이 버그가 있음)와, 평균을 빼는 편향이 모든 층에서 중요한 배치 정규화입니다(원래 9-6은
#       버그가 없고, 그 페이지가 일부러 0–255 이미지로 측정한 값).
#
# ## 참고 문헌
#
# - LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document
#   recognition. *Proceedings of the IEEE*, 86(11), 2278–2324.
#   [doi:10.1109/5.726791](https://doi.org/10.1109/5.726791) (MNIST 데이터셋)
# - Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network outputs, with
#   relationships to statistical pattern recognition. In *Neurocomputing: Algorithms, Architectures and
#   Applications* (pp. 227–236). Springer. (신경망 출력에 소프트맥스를 쓰는 방법)
# - Kingma, D. P., & Ba, J. (2015). Adam: A method for stochastic optimization. *International Conference on
#   Learning Representations (ICLR)*. [arXiv:1412.6980](https://arxiv.org/abs/1412.6980)
# - PyTorch 문서: [`torch.nn.CrossEntropyLoss`](https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html),
#   [`torch.logsumexp`](https://docs.pytorch.org/docs/stable/generated/torch.logsumexp.html)

# %% [markdown] lang="en" ko="bac49bbd4f"
# !!! success "Key points"
#     - Softmax regression is one `nn.Linear(784, 10)`; the softmax lives inside the loss,
#       `nn.CrossEntropyLoss`. The model outputs logits, and the predicted class is their `argmax(1)`
#       (exercises 1 and 2).
#     - The training loop repeats `optimizer.zero_grad()` → forward → loss → `loss.backward()` →
#       `optimizer.step()` for every mini-batch; evaluation runs under `model.eval()` and `torch.no_grad()`.
#       `dnn_guide.fit` runs this very loop, and stands in for it from the next lab on.
#     - With the same 5 epochs and the same initialization, this build's test accuracy is
#       `{python} f"{correct:.4f}"` for 9-1 and `{python} f"{history[-1]['val_accuracy']:.4f}"` for 9-2, with two
#       hidden layers and ReLU (the two values printed under the learning curves). Both come from only
#       `{python} f"{EPOCHS * (len(data.X_train) // 100):,}"` steps on the `{python} f"{len(data.X_train):,}"`-image sample; the corrected
#       code trained for 15 epochs on the full data reaches <!-- results:value:acc(run("09_1")["mean"]) --> (9-1) and <!-- results:value:acc(run("09_2")["mean"]) -->
#       (9-2) on average (the tables at the end of this page).
#     - With standard-normal initialization, 9-2's loss before training is `{python} f"{loss_before:,.1f}"`, against
#       $\ln 10 \approx 2.3$ for uniform guessing (the output before training). Why initialization matters is
#       the subject of [Weight initialization](weight-init.md).
#     - Testing at 0–255 multiplies the input by 255, which in a linear model or a ReLU network is the same as
#       dividing the biases by 255. On the full data the original code's mean accuracy (0–255 test images) is
#       <!-- results:value:acc(run("09_1_as_written")["mean"]) --> in 9-1 (<!-- results:value:acc(run("09_1_as_written")["scaled_mean"]) --> on 0–1 images) and <!-- results:value:acc(run("09_2_as_written")["mean"]) --> in 9-2 (<!-- results:value:acc(run("09_2_as_written")["scaled_mean"]) -->) (the tables at the
#       end of this page). The largest effects are in SELU, which is not
#       positively homogeneous (the original 9-7 has the bug), and in batch normalization, whose mean subtraction
#       is a bias that matters in every layer (the original 9-6 has no bug; its page measures 0–255 images on
#       purpose).
#
# ## References
#
# - LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document
#   recognition. *Proceedings of the IEEE*, 86(11), 2278–2324.
#   [doi:10.1109/5.726791](https://doi.org/10.1109/5.726791) (the MNIST dataset)
# - Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network outputs, with
#   relationships to statistical pattern recognition. In *Neurocomputing: Algorithms, Architectures and
#   Applications* (pp. 227–236). Springer. (the softmax on a network's outputs)
# - Kingma, D. P., & Ba, J. (2015). Adam: A method for stochastic optimization. *International Conference on
#   Learning Representations (ICLR)*. [arXiv:1412.6980](https://arxiv.org/abs/1412.6980)
# - PyTorch documentation: [`torch.nn.CrossEntropyLoss`](https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html),
#   [`torch.logsumexp`](https://docs.pytorch.org/docs/stable/generated/torch.logsumexp.html)
