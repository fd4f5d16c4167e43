# %% [markdown] lang="ko"
# # 깊은 신경망과 드롭아웃
#
# 9-4 실습은 512개 유닛짜리 은닉층 네 개로 깊은 신경망을 만들고(Xavier 초기화), 9-5 실습은 같은 신경망에
# 드롭아웃(dropout, p=0.3)을 더합니다. 단, 원래 9-4 노트북의 모델은 만든 층을 다 쓰지 않습니다(아래 "원래 9-4가
# 실제로 만든 모델" 참고). 드롭아웃은 학습 중에 은닉 유닛을 무작위로 꺼서, 특정 유닛 몇 개에 기대는 과적합
# (overfitting)을 줄입니다. 이 페이지에서는 둘을 같은 조건에서 학습하고, `model.train()`과 `model.eval()`을
# 왜 구분해야 하는지 직접 확인합니다.
#
# !!! info "이 페이지가 실행된 조건"
#     문서 빌드는 패키지에 든 MNIST 표본(학습 6,000장)으로 10 에폭을 학습합니다. 학습 데이터가 적어 과적합이
#     전체 데이터보다 잘 드러납니다. 전체 데이터로 15 에폭을 학습한 결과는 이 페이지 끝에 있습니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_4_mnist_nn_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_4_mnist_nn_deep.ipynb),
#     [lab-09_5_mnist_nn_dropout.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_5_mnist_nn_dropout.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="9ada7254af"
# # Deep networks and dropout
#
# Lab 9-4 builds a deep network with four hidden layers of 512 units (Xavier initialization); Lab 9-5
# adds dropout (p=0.3) to the same network. The original 9-4 notebook's model, though, does not use all
# the layers it builds (see "What the original 9-4 really built" below). Dropout switches hidden units off at random during training, which reduces
# overfitting that leans on a few particular units. This page trains both under the same conditions and
# shows why `model.train()` and `model.eval()` must be told apart.
#
# !!! info "How this page was run"
#     The docs build trains for 10 epochs on the MNIST sample shipped in the package (6,000 training
#     images). With little training data, overfitting shows more than on the full set. Results after 15
#     epochs on the full data are at the end of this page.
#
# !!! info "Sources"
#     Original notebooks: [lab-09_4_mnist_nn_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_4_mnist_nn_deep.ipynb),
#     [lab-09_5_mnist_nn_dropout.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_5_mnist_nn_dropout.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide

device = dnn_guide.get_device()
data = dnn_guide.load_mnist(device=device)
EPOCHS = 10  # docs build setting; the original labs: 15 epochs on the full set
print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test, {EPOCHS} epochs")

# %% [markdown] lang="ko"
# ## 원래 9-4가 실제로 만든 모델
#
# 원래 9-4 노트북은 `linear1`부터 `linear5`까지 Linear 층 다섯 개를 만들고 다섯 개 모두 Xavier로 초기화하지만,
# 모델은 `torch.nn.Sequential(linear1, relu, linear2, relu, linear3)`입니다. `linear4`와 `linear5`는 쓰이지
# 않으므로, 실제 신경망은 784-512-512-512이고 출력(로짓, logit)이 10개가 아니라 **512개**입니다. 그래도 오류는
# 나지 않습니다. `nn.CrossEntropyLoss`는 정답 번호(0–9)가 출력 개수(512)보다 작기만 하면 계산되기 때문입니다.
# 정확도도 높게 나오는데, 학습이 쓰이지 않는 502개 출력을 낮추어 argmax가 0–9 중에서 나오게 되기 때문입니다
# (이 페이지 끝 표의 원래 코드 재실행 값). 원래 노트북이 출력한 0.9819는 이 신경망의 값입니다.
# 아래에서 같은 모델을 만들어 확인합니다.

# %% [markdown] lang="en" ko="c65ec35a1a"
# ## What the original 9-4 really built
#
# The original 9-4 notebook builds five Linear layers, `linear1` to `linear5`, and Xavier-initializes all
# five, but its model is `torch.nn.Sequential(linear1, relu, linear2, relu, linear3)`. `linear4` and
# `linear5` are never used, so the network is really 784-512-512-512, with **512 outputs** (logits) rather
# than 10. Nothing fails, because `nn.CrossEntropyLoss` only needs the labels (0–9) to be smaller than the
# number of outputs (512). The accuracy stays high too: training pushes the 502 unused logits down, so the
# arg-max lands on 0–9 (see the original-code re-run at the end of this page). The 0.9819 the original
# notebook printed belongs to this network. The cell below builds it to check.


# %%
torch.manual_seed(777)
linear1, linear2, linear3 = nn.Linear(784, 512), nn.Linear(512, 512), nn.Linear(512, 512)
linear4, linear5 = nn.Linear(512, 512), nn.Linear(512, 10)  # built and initialized, never used
for layer in (linear1, linear2, linear3, linear4, linear5):
    nn.init.xavier_uniform_(layer.weight)
relu = nn.ReLU()
original_9_4 = nn.Sequential(linear1, relu, linear2, relu, linear3).to(device)  # the original's model
logits = original_9_4(data.X_test[:5])
print(f"output shape: {tuple(logits.shape)}")
print(f"cross-entropy with labels 0-9 runs: {nn.CrossEntropyLoss()(logits, data.y_test[:5]).item():.3f}")

# %% [markdown] lang="ko"
# 여기서는 노트북이 의도했을 구조대로 다섯 층을 모두 쓰는 784-512×4-10 신경망을 씁니다. 9-5 노트북의 모델과 같은 구조에서
# 드롭아웃만 뺀 것입니다. 두 모델을 `nn.Sequential`로 직접 만듭니다. 드롭아웃 층은 각 ReLU 뒤에 옵니다.

# %% [markdown] lang="en" ko="d8f514bbcc"
# Here we build the 784-512×4-10 network that uses all five layers, as the notebook evidently intended:
# the model of the 9-5 notebook without its dropout. Build both models by hand with `nn.Sequential`. The dropout layers come
# after each ReLU.


# %%
def deep_net(p):
    layers = []
    for n_in, n_out in [(784, 512), (512, 512), (512, 512), (512, 512)]:
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
        if p > 0:
            layers.append(nn.Dropout(p))
    model = nn.Sequential(*layers, nn.Linear(512, 10))
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
    return model


histories, models = {}, {}
for name, p in (("9-4: no dropout", 0.0), ("9-5: dropout 0.3", 0.3)):
    generator = dnn_guide.seed_everything(777)
    models[name] = deep_net(p).to(device)
    optimizer = torch.optim.Adam(models[name].parameters(), lr=1e-3)
    histories[name] = dnn_guide.fit(
        models[name],
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
print(models["9-5: dropout 0.3"])

# %%
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10.5, 3.6))
for (name, history), color in zip(histories.items(), ("#3182bd", "#e6550d")):
    epochs = [r["epoch"] for r in history]
    ax_loss.plot(epochs, [r["loss"] for r in history], color=color, label=f"{name}, train")
    ax_loss.plot(epochs, [r["val_loss"] for r in history], color=color, linestyle="--", label=f"{name}, test")
    ax_acc.plot(epochs, [r["accuracy"] for r in history], color=color, label=f"{name}, train")
    ax_acc.plot(epochs, [r["val_accuracy"] for r in history], color=color, linestyle="--", label=f"{name}, test")
ax_loss.set_ylabel("loss")
ax_loss.set_yscale("log")
ax_acc.set_ylabel("accuracy")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("epoch")
    ax.grid(alpha=0.3)
ax_acc.legend(fontsize=7)
plt.show()
dnn_guide.Table(
    ["model", "train accuracy", "test accuracy", "gap", "best test loss (epoch)", "last test loss"],
    [
        [
            n,
            h[-1]["accuracy"],
            h[-1]["val_accuracy"],
            f"{h[-1]['accuracy'] - h[-1]['val_accuracy']:+.4f}",
            "{:.4f} ({})".format(*min((r["val_loss"], r["epoch"]) for r in h)),
            f"{h[-1]['val_loss']:.4f}",
        ]
        for n, h in histories.items()
    ],
)

# %% [markdown] lang="ko"
# 표의 "gap"은 학습 정확도와 테스트 정확도의 차이, 마지막 두 열은 테스트 손실이 가장 낮았던 때와 마지막
# 에폭의 값입니다. 테스트 손실이 최저점을 지나 다시 오르면 모델이 학습 데이터에 과적합되고 있다는 신호입니다.
# 드롭아웃이 테스트 정확도를 언제나 올려 주지는 않습니다. 두 행을 비교해 보고, 데이터가 많고 에폭이 긴 전체
# 데이터 결과(이 페이지 끝의 9-4, 9-5 표)와도 비교해 보세요.
#
# ## `train()`과 `eval()`
#
# 드롭아웃은 학습할 때만 켜져야 합니다. `model.train()` 상태에서는 매번 다른 유닛이 꺼지고(남은 유닛의 출력은
# $1/(1-p)$배), `model.eval()` 상태에서는 모든 유닛을 그대로 씁니다. 평가 전에 `model.eval()`을 잊으면 어떻게
# 되는지 같은 모델로 측정합니다. `dnn_guide.evaluate`는 평가할 때 스스로 `eval()`로 바꿨다가 원래 상태로 돌려놓습니다.

# %% [markdown] lang="en" ko="c66cd6f82a"
# "gap" is the training accuracy minus the test accuracy; the last two columns are the lowest test loss
# (and when it happened) and the last epoch's. A test loss that passes its minimum and rises again is a
# sign that the model is overfitting the training data. Dropout does not always raise the test accuracy:
# compare the two rows, and the full-data results of Labs 9-4 and 9-5 at the end of this page, with more
# data and more epochs.
#
# ## `train()` and `eval()`
#
# Dropout must be on only while training. In `model.train()` mode a different set of units is dropped on
# every call (the survivors' outputs are scaled by $1/(1-p)$); in `model.eval()` mode every unit is used
# as is. Measure, with the same model, what happens when `model.eval()` is forgotten before evaluating.
# `dnn_guide.evaluate` switches to `eval()` itself and restores the previous mode afterwards.

# %%
model = models["9-5: dropout 0.3"]


def test_accuracy(model):
    with torch.no_grad():
        return (model(data.X_test).argmax(1) == data.y_test).float().mean().item()


model.eval()
evaluated = [test_accuracy(model) for _ in range(3)]
model.train()
forgotten = [test_accuracy(model) for _ in range(3)]
dnn_guide.Table(
    ["mode during evaluation", "test accuracy, 3 runs"],
    [
        ["model.eval()", ", ".join(f"{a:.4f}" for a in evaluated)],
        ["model.train() (eval() forgotten)", ", ".join(f"{a:.4f}" for a in forgotten)],
    ],
)

# %% [markdown] lang="ko"
# `eval()` 상태에서는 세 번 모두 같은 값이 나옵니다. `train()` 상태에서는 실행할 때마다 다른 유닛이 꺼지므로
# 정확도가 매번 달라지고 대체로 낮아집니다. 학습 루프로 돌아갈 때는 다시 `model.train()`을 불러야 합니다.

# %% [markdown] lang="en" ko="82ad39f664"
# In `eval()` mode all three runs agree. In `train()` mode different units are dropped on every run, so
# the accuracy changes each time and is generally lower. Going back to the training loop needs
# `model.train()` again.

# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값, 원래 코드를 그대로 다시 실행한 값, 고친 코드의 값입니다. 원래 코드는 테스트 이미지를
# 0–255로 넣고, 9-4는 위에서 본 512개 출력 신경망입니다. 고친 코드는 테스트 이미지를 255로 나누고, 9-4는
# 784-512×4-10입니다. 이 표는 `dnn-guide reproduce`가 전체 MNIST로 시드 3개씩 실행해 남긴 기록으로 사이트를 빌드할 때 만들어집니다.
#
# <!-- results:lab:09_4 -->
#
# <!-- results:lab:09_5 -->

# %% [markdown] lang="en" ko="88b65974af"
# ## Full-data re-runs
#
# What the original notebooks printed, the original code re-run as written, and the corrected code. The
# original code feeds its test images at 0–255, and its 9-4 is the 512-output network shown above; the
# corrected code divides the test images by 255, and its 9-4 is 784-512×4-10. Built from the records that
# `dnn-guide reproduce` wrote on the full MNIST, three seeds each.
#
# <!-- results:lab:09_4 -->
#
# <!-- results:lab:09_5 -->
