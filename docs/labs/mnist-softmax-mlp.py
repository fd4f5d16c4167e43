# %% [markdown] lang="ko"
# # MNIST: 소프트맥스에서 다층 퍼셉트론으로
#
# 손글씨 숫자 데이터셋 MNIST로 두 모델을 학습합니다. 9-1 실습은 784개 픽셀을 바로 10개 클래스 점수로 바꾸는
# 소프트맥스 회귀(softmax regression), 9-2 실습은 은닉층 두 개(256, 256)와 ReLU를 넣은 다층 퍼셉트론입니다.
# 설정은 원래 실습과 같습니다: 가중치를 표준 정규분포로 초기화(`nn.init.normal_`), Adam(학습률 0.001), 배치 크기 100.
#
# !!! info "이 페이지가 실행된 조건"
#     문서 빌드는 패키지에 든 MNIST 표본(학습 6,000장 / 테스트 1,000장)으로 5 에폭만 학습합니다(원래 실습은
#     전체 데이터로 15 에폭). 전체 데이터, 원래 설정, 시드 3개로 측정한 결과는 이 페이지 끝과
#     [결과 재현](../results.md) 페이지에 있습니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_1_mnist_softmax.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_1_mnist_softmax.ipynb),
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="10a61eee12"
# # MNIST: from softmax to a multi-layer perceptron
#
# Two models on MNIST, the handwritten digits. Lab 9-1 is softmax regression, mapping the 784 pixels
# straight to 10 class scores; Lab 9-2 is a multi-layer perceptron with two hidden layers (256, 256) and
# ReLU. The settings are the original labs': weights drawn from the standard normal (`nn.init.normal_`),
# Adam with learning rate 0.001, batch size 100.
#
# !!! info "How this page was run"
#     The docs build trains for only 5 epochs on the MNIST sample shipped in the package (6,000 train /
#     1,000 test images); the original labs ran 15 epochs on the full set. Full-data results at the
#     original settings, over three seeds, are at the end of this page and on the
#     [reproduction](../results.md) page.
#
# !!! info "Sources"
#     Original notebooks: [lab-09_1_mnist_softmax.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_1_mnist_softmax.ipynb),
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

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
# 모델은 `nn.Linear(784, 10)` 하나입니다. 소프트맥스는 모델 안에 없습니다. `nn.CrossEntropyLoss`가 로짓(logit)에
# 로그 소프트맥스를 적용하고 음의 로그 가능도를 계산하기 때문입니다.

# %% [markdown] lang="en" ko="26c9f49af7"
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
# The model is a single `nn.Linear(784, 10)`. There is no softmax in the model: `nn.CrossEntropyLoss`
# applies log-softmax to the logits and computes the negative log-likelihood.

# %%
generator = dnn_guide.seed_everything(777)
softmax = nn.Linear(784, 10).to(device)
nn.init.normal_(softmax.weight)  # as the original lab

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(softmax.parameters(), lr=1e-3)

for epoch in range(1, EPOCHS + 1):
    total = 0.0
    for X, y in dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator, drop_last=True):
        optimizer.zero_grad()
        loss = loss_fn(softmax(X), y)
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch}: mean loss {total / (len(data.X_train) // 100):.4f}")

# %% [markdown] lang="ko"
# 이 다섯 줄짜리 학습 루프는 `dnn_guide.fit`이 하는 일과 같습니다(에폭마다 정확도도 기록합니다). 이제 테스트
# 정확도를 측정하고, 원래 실습처럼 0–255 입력을 넣었을 때와 비교합니다. 평가할 때는 `torch.no_grad()`로 기울기 계산을 끕니다.

# %% [markdown] lang="en" ko="25f986aec6"
# This five-line training loop is what `dnn_guide.fit` does (it also records the accuracy per epoch). Now
# measure the test accuracy, and compare it with feeding 0–255 inputs as the original lab did. Evaluation
# turns gradient tracking off with `torch.no_grad()`.

# %%
with torch.no_grad():
    correct = (softmax(data.X_test).argmax(1) == data.y_test).float().mean().item()
    correct_0_255 = (softmax(data.X_test * 255).argmax(1) == data.y_test).float().mean().item()
dnn_guide.Table(
    ["test images", "9-1 test accuracy"],
    [["scaled to 0–1, like training", correct], ["0–255 (the original labs' test set)", correct_0_255]],
)

# %% [markdown] lang="ko"
# 선형 모델에서 입력에 255를 곱하면 $Wx$도 255배가 되고 편향 $b$만 그대로라서, 가장 큰 점수의 클래스(argmax)는
# 잘 바뀌지 않습니다. 그래서 이 모델에서는 버그의 영향이 작습니다. 편향과 비선형 함수가 여러 층 쌓인 모델에서
# 얼마나 달라지는지는 이 페이지 끝의 표에 전체 데이터로 측정한 값이 있습니다. 가장 크게 달라지는 것은
# [배치 정규화](batch-norm.md)와 [SELU](selu.md) 실습입니다(각 페이지 끝의 표).
#
# ## 9-2: 다층 퍼셉트론
#
# 같은 데이터에 은닉층 두 개를 넣습니다. 층을 `nn.Sequential`로 직접 쌓습니다. 가중치는 역시 표준 정규분포로
# 초기화합니다. 학습에는 위의 루프를 담은 `dnn_guide.fit`을 씁니다.

# %% [markdown] lang="en" ko="d9afe5c4b3"
# In a linear model, multiplying the input by 255 multiplies $Wx$ by 255 while the bias $b$ stays, so the
# class with the highest score (the arg-max) rarely changes: the bug costs little here. How much it changes
# models with several layers of biases and nonlinearities is measured on the full data in the tables at
# the end of this page. The largest effects are in the [batch normalization](batch-norm.md) and
# [SELU](selu.md) labs (tables at the end of each).
#
# ## 9-2: a multi-layer perceptron
#
# Two hidden layers on the same data, stacked by hand with `nn.Sequential`, weights again from the
# standard normal. Training uses `dnn_guide.fit`, the loop above packaged.

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

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
history = dnn_guide.fit(
    model,
    data.X_train,
    data.y_train,
    loss_fn=loss_fn,
    optimizer=optimizer,
    epochs=EPOCHS,
    valid=(data.X_test, data.y_test),
    generator=generator,
    drop_last=True,
    progress=False,
)
dnn_guide.Table(
    ["epoch", "train loss", "train accuracy", "test loss", "test accuracy"],
    [[r["epoch"], r["loss"], r["accuracy"], r["val_loss"], r["val_accuracy"]] for r in history],
)

# %%
dnn_guide.plot_history(history)
plt.show()

# %% [markdown] lang="ko"
# 표준 정규분포 초기화는 층이 깊어질수록 출력이 너무 커지게 만들어서, 손실이 처음에 매우 큽니다. 이 문제는
# [가중치 초기화](weight-init.md) 실습에서 다룹니다.
#
# ## 예측 살펴보기
#
# 테스트 이미지 몇 장과 모델의 예측, 그리고 혼동 행렬(confusion matrix)입니다. 혼동 행렬의 $i$행 $j$열은
# 실제 숫자가 $i$인데 $j$로 예측한 개수입니다. 대각선 밖의 큰 값이 모델이 자주 헷갈리는 쌍입니다.

# %% [markdown] lang="en" ko="cc06606caa"
# Standard-normal initialization makes the outputs grow with each layer, so the loss starts very large;
# the [weight initialization](weight-init.md) lab deals with that.
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

# %% [markdown] lang="en" ko="8ae7688376"
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
