# ---
# jupyter:
#   dnn_guide:
#     order: 80
#     number: "9-4·9-5"
#     title:
#       ko: "깊은 신경망과 드롭아웃"
#       en: "Deep networks and dropout"
#     summary:
#       ko: "9-4, 9-5 실습, `train()`과 `eval()`"
#       en: "Labs 9-4 and 9-5, `train()` and `eval()`"
#     originals: ["lab-09_4_mnist_nn_deep.ipynb", "lab-09_5_mnist_nn_dropout.ipynb"]
#     experiments: ["09_4", "09_5"]
#     timed: false
#     exercises: "dropout"
#     lecture: "Lab-09-3 Dropout"
# ---

# %% [markdown] lang="ko"
# 9-4 실습은 512개 유닛짜리 은닉층 네 개로 깊은 신경망을 만들고(Xavier 초기화), 9-5 실습은 같은 신경망에
# 드롭아웃(dropout, p=0.3)을 더합니다. 단, 원래 9-4 노트북의 모델은 만든 층을 다 쓰지 않습니다(아래 "원래 9-4가
# 실제로 만든 모델" 참고). 드롭아웃은 학습 중에 은닉 유닛을 무작위로 꺼서, 특정 유닛 몇 개에 기대는 과적합
# (overfitting)을 줄입니다. 이 페이지에서는 둘을 같은 조건에서 학습하고, `model.train()`과 `model.eval()`을
# 왜 구분해야 하는지 직접 확인합니다.
#
# !!! info "이 페이지가 실행된 조건"
#     문서 빌드는 패키지에 든 MNIST 표본(학습 6,000장)으로 10 에폭을 학습합니다. 학습 데이터가 적으면 모델이
#     학습 데이터에 더 쉽게 맞춰지므로, 아래 표의 학습·테스트 정확도 차이(gap)를 눈여겨보세요. 전체 데이터로 15 에폭을 학습한 결과는 이 페이지 끝에 있습니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_4_mnist_nn_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_4_mnist_nn_deep.ipynb),
#     [lab-09_5_mnist_nn_dropout.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_5_mnist_nn_dropout.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="1a82ab521b"
# Lab 9-4 builds a deep network with four hidden layers of 512 units (Xavier initialization); Lab 9-5
# adds dropout (p=0.3) to the same network. The original 9-4 notebook's model, though, does not use all
# the layers it builds (see "What the original 9-4 really built" below). Dropout switches hidden units off at random during training, which reduces
# overfitting that leans on a few particular units. This page trains both under the same conditions and
# shows why `model.train()` and `model.eval()` must be told apart.
#
# !!! info "How this page was run"
#     The docs build trains for 10 epochs on the MNIST sample shipped in the package (6,000 training
#     images). With little training data a model can fit its training set more closely, so watch the gap between
#     training and test accuracy below. Results after 15
#     epochs on the full data are at the end of this page.
#
# !!! info "Sources"
#     Original notebooks: [lab-09_4_mnist_nn_deep.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_4_mnist_nn_deep.ipynb),
#     [lab-09_5_mnist_nn_dropout.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_5_mnist_nn_dropout.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="ko"
# !!! abstract "이 실습에서 배우는 것"
#     - `nn.Sequential`에 `nn.Linear`, `nn.ReLU`, `nn.Dropout(p)`를 직접 쌓아, 드롭아웃을 은닉층의 ReLU 뒤에
#       두고 출력층에는 두지 않는 구조를 만듭니다.
#     - 역 드롭아웃(inverted dropout)이 학습 모드에서 유닛을 확률 `p`로 끄고 남은 값을 `1/(1-p)`배 하며, 평가
#       모드에서는 아무것도 하지 않는다는 것을 식과 출력으로 확인하고, 직접 구현합니다(연습 문제).
#     - 학습 루프에서 에폭마다 `model.train()`, 평가 전에 `model.eval()`과 `torch.no_grad()`를 부르고,
#       `eval()`을 잊으면 무엇이 달라지는지 측정합니다.
#     - 원래 9-4 노트북이 실제로 만든 모델(출력 512개)을 확인합니다.
#
# !!! info "먼저 알아 둘 것"
#     1부의 자동 미분, 소프트맥스 회귀와 교차 엔트로피, 과적합과 학습·테스트 데이터 나누기
#     ([lab-07_1](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-07_1_tips.ipynb))를 안다고
#     가정합니다. 이 부에서는 학습 루프를 직접 쓴 [MNIST: 소프트맥스에서 다층 퍼셉트론으로](mnist-softmax-mlp.md)와,
#     이 페이지의 모델이 쓰는 Xavier 초기화를 다룬 [가중치 초기화](weight-init.md)를 먼저 보세요.

# %% [markdown] lang="en" ko="e227f977a1"
# !!! abstract "What you will learn"
#     - Stack `nn.Linear`, `nn.ReLU` and `nn.Dropout(p)` in an `nn.Sequential` by hand, with dropout after each
#       hidden layer's ReLU and none on the output layer.
#     - See from the formula and the outputs that inverted dropout, in training mode, switches units off
#       with probability `p` and scales the survivors by `1/(1-p)`, and does nothing in evaluation mode; then
#       write it yourself (exercises).
#     - Call `model.train()` every epoch of the training loop and `model.eval()` with `torch.no_grad()` before
#       evaluating, and measure what changes when `eval()` is forgotten.
#     - Check the model the original 9-4 notebook really built (512 outputs).
#
# !!! info "Prerequisites"
#     From Part 1: automatic differentiation, softmax regression with cross-entropy, overfitting and the
#     split into training and test data
#     ([lab-07_1](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-07_1_tips.ipynb)). From this
#     part, read [MNIST: from softmax to a multi-layer perceptron](mnist-softmax-mlp.md), which writes the
#     training loop out, and [Weight initialization](weight-init.md), for the Xavier initialization the
#     models here use.

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
# 정확도도 높게 나옵니다(이 페이지 끝 표의 원래 코드 재실행 값). 원래 노트북이 출력한 0.9819는 이 신경망의
# 값입니다. 아래 코드는 같은 모델을 만들고, 표본으로 한 에폭 학습하기 전과 후에 테스트 이미지의 argmax가 0–9
# 가운데에서 나오는 비율과 출력 점수(로짓)의 평균을 출력합니다.

# %% [markdown] lang="en" ko="9dc8ae3ea6"
# ## What the original 9-4 really built
#
# The original 9-4 notebook builds five Linear layers, `linear1` to `linear5`, and Xavier-initializes all
# five, but its model is `torch.nn.Sequential(linear1, relu, linear2, relu, linear3)`. `linear4` and
# `linear5` are never used, so the network is really 784-512-512-512, with **512 outputs** (logits) rather
# than 10. Nothing fails, because `nn.CrossEntropyLoss` only needs the labels (0–9) to be smaller than the
# number of outputs (512). The accuracy stays high too (see the original-code re-run at the end of this
# page): the 0.9819 the original notebook printed belongs to this network. The cell below builds the same
# model and prints, before and after one epoch of training on the sample, the share of test images whose
# arg-max lands on 0–9 and the mean output score (logit).


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


def logit_summary(model):
    """The share of test images whose arg-max is a digit (0-9), and the mean logit of outputs 0-9 and 10-511."""
    with torch.no_grad():
        logits = model(data.X_test)
    return {
        "argmax_0_9": (logits.argmax(1) < 10).float().mean().item(),
        "used": logits[:, :10].mean().item(),
        "unused": logits[:, 10:].mean().item(),
    }


before_training = logit_summary(original_9_4)
optimizer = torch.optim.Adam(original_9_4.parameters(), lr=1e-3)  # the original's optimizer and rate
for X, y in dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=dnn_guide.seed_everything(777)):
    optimizer.zero_grad()
    nn.CrossEntropyLoss()(original_9_4(X), y).backward()
    optimizer.step()
after_training = logit_summary(original_9_4)
for when, summary in (("before training", before_training), ("after one epoch", after_training)):
    print(
        f"{when}: arg-max in 0-9 for {summary['argmax_0_9']:.1%} of test images;"
        f" mean logit, outputs 0-9 {summary['used']:+.2f}, outputs 10-511 {summary['unused']:+.2f}"
    )

# %% [markdown] lang="ko"
# 교차 엔트로피의 기울기는 정답이 아닌 출력마다 그 출력의 확률만큼 점수를 낮추는 쪽을 가리킵니다. 한 번도 정답이
# 되지 않는 출력 502개는 학습하는 내내 낮아지므로, argmax는 0–9 가운데에서 나옵니다. 위 출력에서 argmax가 0–9인
# 테스트 이미지는 학습 전에 `{python} f"{before_training['argmax_0_9']:.1%}"`, 한 에폭 뒤에
# `{python} f"{after_training['argmax_0_9']:.1%}"`입니다. 한 에폭 뒤 로짓의 평균은 출력 0–9에서
# `{python} f"{after_training['used']:+.2f}"`, 출력 10–511에서 `{python} f"{after_training['unused']:+.2f}"`입니다.

# %% [markdown] lang="en" ko="68e66568c4"
# Cross-entropy's gradient lowers every non-target output's score in proportion to its probability; the 502
# outputs that are never a target keep falling throughout training, so the arg-max lands on 0–9. In the
# output above, the test images whose arg-max is in 0–9 are `{python} f"{before_training['argmax_0_9']:.1%}"`
# before training and `{python} f"{after_training['argmax_0_9']:.1%}"` after one epoch; after that epoch the
# mean logit of outputs 0–9 is `{python} f"{after_training['used']:+.2f}"` and that of outputs 10–511 is
# `{python} f"{after_training['unused']:+.2f}"`.

# %% [markdown] lang="ko"
# ## 드롭아웃이 하는 일
#
# 드롭아웃은 학습할 때 은닉 유닛의 출력 `h_j`를 무작위로 끕니다. PyTorch의 `nn.Dropout(p)`에서 `p`는 **끌** 확률입니다.
# 학습 모드에서는 유닛마다 따로 아래 첫 식을 계산합니다. 마지막 식은 그 기댓값입니다.
#
# $$\tilde h_j = \frac{m_j}{1-p}\,h_j, \qquad m_j \sim \mathrm{Bernoulli}(1-p), \qquad \mathbb{E}[\tilde h_j] = h_j$$
#
# `m_j`는 확률 `1-p`로 1(남김), 확률 `p`로 0(끔)입니다. 남은 값을 `1/(1-p)`배 하므로 기댓값은
# `h_j` 그대로이고, 그래서 평가 모드에서는 아무것도 하지 않고 `h_j`를 그대로 넘깁니다.
# 이 방식을 역 드롭아웃(inverted dropout)이라고 합니다. 드롭아웃을 처음 제안한 힌튼 외(Hinton et al., 2012)는
# 학습 때 은닉 유닛의 절반을 배율 없이 끄고, 테스트 때 그 유닛에서 나가는 가중치를 절반으로 줄였습니다. 스리바스타바
# 외(Srivastava et al., 2014)는 `p`를 **남길** 확률로 쓰고, 테스트 때 가중치에 `p`를 곱했습니다. 어느 쪽이든
# 기댓값을 맞춘다는 점은 같고, 배율을 학습과 테스트 중 어디에서 적용하느냐만 다릅니다. 같은 기호 `p`가 이 논문과
# PyTorch에서 반대 뜻이라는 점에 주의하세요.
#
# 아래 그림은 은닉층 두 개짜리 작은 신경망에 `p = 0.3`인 드롭아웃 마스크를 하나 뽑아 그린 것입니다. 왼쪽이 학습
# 모드, 오른쪽이 평가 모드입니다. 그 아래 코드는 1로 채운 텐서를 `nn.Dropout(0.3)`에 넣고, 두 모드의 결과를
# 출력합니다.

# %% [markdown] lang="en" ko="4e693b3d8d"
# ## What dropout does
#
# Dropout switches hidden units' outputs `h_j` off at random during training. In PyTorch's `nn.Dropout(p)`,
# `p` is the probability of **dropping**. Training mode computes the first expression below for each
# unit separately; the last one is its expected value.
#
# $$\tilde h_j = \frac{m_j}{1-p}\,h_j, \qquad m_j \sim \mathrm{Bernoulli}(1-p), \qquad \mathbb{E}[\tilde h_j] = h_j$$
#
# Here `m_j` is 1 (kept) with probability `1-p` and 0 (dropped) with probability `p`. Scaling the
# survivors by `1/(1-p)` keeps the expected value at `h_j`, so evaluation mode does
# nothing and passes `h_j` through. This is called inverted dropout. Hinton et al. (2012), who first
# proposed dropout, switched off half the hidden units without scaling during training and halved the
# weights going out of those units at test time; Srivastava et al. (2014) write `p` for the probability of
# **keeping** a unit and multiply the weights by `p` at test time. The expected values match either way;
# only whether the factor is applied in training or at test time differs. Mind that the same symbol `p`
# means opposite things in that paper and in PyTorch.
#
# The figure draws one dropout mask with `p = 0.3` on a small network with two hidden layers: training mode
# on the left, evaluation mode on the right. The code under it feeds a tensor of ones to `nn.Dropout(0.3)`
# and prints the output in both modes.

# %%
from dnn_guide.diagrams import draw_dropout_mask

draw_dropout_mask(p=0.3)
plt.show()

torch.manual_seed(0)
drop = nn.Dropout(p=0.3)
x = torch.ones(2, 8)
drop.train()
print(f"train mode:\n{drop(x)}")
drop.eval()
print(f"eval mode:\n{drop(x)}")

# %% [markdown] lang="ko"
# 학습 모드에서는 일부가 0이 되고, 남은 값은 `1/(1-0.3)` ≈ `{python} f"{1 / (1 - 0.3):.4f}"`배가 됩니다. 평가
# 모드에서는 입력이 그대로 나옵니다.
#
# ## 두 모델을 직접 만들고 학습하기
#
# 여기서는 노트북이 분명히 의도한 구조대로(`linear4`, `linear5`까지 만들고 초기화했고, 9-5는 다섯 층을 모두 씁니다) 다섯 층을 모두 쓰는 784-512×4-10 신경망을 씁니다. 9-5 노트북의 모델과 같은
# 구조에서 드롭아웃만 뺀 것이 9-4입니다. 두 모델을 `nn.Sequential`로 직접 만들고, 원래 노트북처럼 Linear 층마다
# `nn.init.xavier_uniform_`을 부릅니다. 드롭아웃 층은 각 은닉층의 ReLU 뒤에 오고, 마지막 출력층 뒤에는 없습니다.
# 출력층에 드롭아웃을 두면 클래스 점수(로짓) 자체가 무작위로 0이 되기 때문입니다.
#
# 학습 루프는 [MNIST 실습](mnist-softmax-mlp.md)의 루프와 같습니다. 달라지는 것은 모드입니다. 원래 9-5 노트북은
# 학습 전에 `model.train()`을 한 번, 테스트 셀에서 `model.eval()`을 한 번 불렀습니다. 여기서는 에폭마다 테스트
# 데이터로 평가하므로, 평가 전에 `model.eval()`로 드롭아웃을 끄고 다음 에폭을 시작할 때 `model.train()`으로 다시
# 켜야 합니다.

# %% [markdown] lang="en" ko="3aecc24527"
# In training mode some values become 0 and the rest are scaled by `1/(1-0.3)` ≈
# `{python} f"{1 / (1 - 0.3):.4f}"`; in evaluation mode the input comes out unchanged.
#
# ## Building and training the two models by hand
#
# Here we build the 784-512×4-10 network that uses all five layers, as the notebook evidently intended (it builds and initializes `linear4` and `linear5`, and 9-5 uses all five layers):
# 9-4 is the model of the 9-5 notebook without its dropout. Build both models by hand with `nn.Sequential`
# and, as the original notebooks did, call `nn.init.xavier_uniform_` on each Linear layer. The dropout
# layers come after each hidden layer's ReLU, and there is none after the output layer: there, dropout
# would set class scores (logits) themselves to 0 at random.
#
# The training loop is the [MNIST lab](mnist-softmax-mlp.md)'s loop; what changes is the mode. The original
# 9-5 notebook called `model.train()` once before training and `model.eval()` once in its test cell. Here
# the model is evaluated on the test data every epoch, so `model.eval()` must switch dropout off before
# evaluating, and `model.train()` must switch it back on when the next epoch starts.


# %%
def deep_net(p):
    layers = []
    for n_in, n_out in [(784, 512), (512, 512), (512, 512), (512, 512)]:
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
        if p > 0:
            layers.append(nn.Dropout(p))  # after each hidden ReLU
    model = nn.Sequential(*layers, nn.Linear(512, 10))  # the output layer: no dropout
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
    return model


def train(model, generator):
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    history = []
    for epoch in range(1, EPOCHS + 1):
        model.train()  # dropout on: every batch drops a new random set of units
        total_loss, correct, seen = 0.0, 0, 0
        for X, y in dnn_guide.iterate_batches(data.X_train, data.y_train, 100, generator=generator, drop_last=True):
            optimizer.zero_grad()
            logits = model(X)
            loss = loss_fn(logits, y)
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(X)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(X)

        model.eval()  # dropout off: every unit, no scaling
        with torch.no_grad():
            logits = model(data.X_test)
            val_loss = loss_fn(logits, data.y_test).item()
            val_accuracy = (logits.argmax(1) == data.y_test).float().mean().item()
        history.append(
            {
                "epoch": epoch,
                "loss": total_loss / seen,
                "accuracy": correct / seen,
                "val_loss": val_loss,
                "val_accuracy": val_accuracy,
            }
        )
    return history


histories, models = {}, {}
for name, p in (("9-4: no dropout", 0.0), ("9-5: dropout 0.3", 0.3)):
    generator = dnn_guide.seed_everything(777)
    models[name] = deep_net(p).to(device)
    histories[name] = train(models[name], generator)
print(models["9-5: dropout 0.3"])

# %% [markdown] lang="ko"
# 출력된 구조에서 `Dropout(p=0.3)`이 네 은닉층의 `ReLU` 뒤마다 있고 마지막 `Linear(512, 10)` 뒤에는 없습니다. 이
# 루프는 `dnn_guide.fit(..., valid=(X_test, y_test))`이 하는 일과 같습니다. `fit`도 에폭마다 `model.train()`으로
# 학습하고, `valid`를 `model.eval()`과 `torch.no_grad()` 아래에서 평가합니다. 두 모델의 학습 곡선과 마지막 에폭의 값입니다.

# %% [markdown] lang="en" ko="1d066296ee"
# In the printed structure, `Dropout(p=0.3)` follows the `ReLU` of each of the four hidden layers, and
# nothing follows the last `Linear(512, 10)`. This loop is what `dnn_guide.fit(..., valid=(X_test, y_test))`
# does: `fit` too trains each epoch in `model.train()` and evaluates `valid` under `model.eval()` and
# `torch.no_grad()`. The learning curves of the two models, and their last epoch:

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
last = {name: history[-1] for name, history in histories.items()}  # the last epoch of each model
no_drop, drop = last["9-4: no dropout"], last["9-5: dropout 0.3"]
with torch.no_grad():  # the training data once more, after training, in eval() mode: dropout off for both
    for name, model in models.items():
        model.eval()
        last[name]["train_accuracy_eval"] = (model(data.X_train).argmax(1) == data.y_train).float().mean().item()
dnn_guide.Table(
    [
        "model",
        "train accuracy, epoch mean",
        "train accuracy, eval()",
        "test accuracy",
        "gap (eval())",
        "best test loss (epoch)",
        "last test loss",
    ],
    [
        [
            n,
            r["accuracy"],
            r["train_accuracy_eval"],
            r["val_accuracy"],
            f"{r['train_accuracy_eval'] - r['val_accuracy']:+.4f}",
            "{:.4f} ({})".format(*min((h["val_loss"], h["epoch"]) for h in histories[n])),
            f"{r['val_loss']:.4f}",
        ]
        for n, r in last.items()
    ],
)

# %% [markdown] lang="ko"
# 학습 정확도는 두 가지로 쟀습니다. "epoch mean"은 학습 루프가 마지막 에폭 동안 배치마다 잰 값의 평균이고,
# 9-5에서는 드롭아웃을 켠 채 잰 값입니다. "eval()"은 학습을 마친 뒤 평가 모드(드롭아웃 꺼짐)로 학습 데이터
# 전체를 다시 잰 값입니다. 9-5의 학습 정확도는 에폭 평균이 `{python} f"{drop['accuracy']:.4f}"`, 평가 모드가
# `{python} f"{drop['train_accuracy_eval']:.4f}"`입니다. 두 모델을 같은 잣대로 비교하도록, 표의 "gap"은 평가
# 모드의 학습 정확도에서 테스트 정확도를 뺀 값입니다. 마지막 두 열은 테스트 손실이 가장 낮았던 때와 마지막
# 에폭의 값입니다. 테스트 손실이 최저점을 지나 다시 오르면 모델이 학습 데이터에 과적합되고 있다는 신호입니다.
# 이 빌드(표본 `{python} f"{len(data.X_train):,}"`장, `{python} EPOCHS` 에폭)의 gap은 9-4가
# `{python} f"{no_drop['train_accuracy_eval'] - no_drop['val_accuracy']:+.4f}"`, 9-5(드롭아웃)가
# `{python} f"{drop['train_accuracy_eval'] - drop['val_accuracy']:+.4f}"`이고, 테스트 정확도는 9-4가
# `{python} f"{no_drop['val_accuracy']:.4f}"`, 9-5가 `{python} f"{drop['val_accuracy']:.4f}"`입니다. 표본 하나에
# 시드 하나로 얻은 값입니다. 데이터가 많고 에폭이 긴 전체 데이터 결과는 이 페이지 끝의 9-4, 9-5 표에 있습니다.
#
# ## `train()`과 `eval()`
#
# 드롭아웃은 학습할 때만 켜져야 합니다. `model.train()` 상태에서는 매번 다른 유닛이 꺼지고(남은 유닛의 출력은
# `1/(1-p)`배), `model.eval()` 상태에서는 모든 유닛을 그대로 씁니다. 평가 전에 `model.eval()`을 잊으면 어떻게
# 되는지 같은 모델로 측정합니다. `dnn_guide.evaluate`는 평가할 때 스스로 `eval()`로 바꿨다가 원래 상태로 돌려놓습니다.

# %% [markdown] lang="en" ko="7c15c0cb70"
# The training accuracy is measured two ways. "epoch mean" is the average over the last epoch's batches, as
# the training loop measured it, and for 9-5 it is measured with dropout on. "eval()" measures the whole
# training set again after training, in evaluation mode (dropout off). For 9-5 the training accuracy is
# `{python} f"{drop['accuracy']:.4f}"` as the epoch mean and `{python} f"{drop['train_accuracy_eval']:.4f}"`
# in evaluation mode. To compare the two models on the same footing, the table's "gap" is the
# evaluation-mode training accuracy minus the test accuracy. The last two columns are the lowest test loss
# (and when it happened) and the last epoch's. A test loss that passes its minimum and rises again is a
# sign that the model is overfitting the training data. In this build (`{python} f"{len(data.X_train):,}"`
# sample images, `{python} EPOCHS` epochs) the gap is
# `{python} f"{no_drop['train_accuracy_eval'] - no_drop['val_accuracy']:+.4f}"` for 9-4 and
# `{python} f"{drop['train_accuracy_eval'] - drop['val_accuracy']:+.4f}"` for 9-5 (dropout), and the test
# accuracy `{python} f"{no_drop['val_accuracy']:.4f}"` for 9-4 and `{python} f"{drop['val_accuracy']:.4f}"`
# for 9-5: one sample and one seed. The full-data results, with more data and more epochs, are in the
# tables of Labs 9-4 and 9-5 at the end of this page.
#
# ## `train()` and `eval()`
#
# Dropout must be on only while training. In `model.train()` mode a different set of units is dropped on
# every call (the survivors' outputs are scaled by `1/(1-p)`); in `model.eval()` mode every unit is used
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
# `eval()` 상태에서 잰 세 값은 `{python} ", ".join(f"{a:.4f}" for a in evaluated)`입니다. 드롭아웃이 꺼져 있어
# 같은 입력에는 늘 같은 출력이 나옵니다. `train()` 상태에서 잰 세 값은
# `{python} ", ".join(f"{a:.4f}" for a in forgotten)`입니다. 실행할 때마다 다른 유닛이 꺼지므로 정확도가 매번
# 달라집니다. 학습 루프로 돌아갈 때는 다시 `model.train()`을 불러야 합니다.

# %% [markdown] lang="en" ko="3fa09434e9"
# In `eval()` mode the three runs give `{python} ", ".join(f"{a:.4f}" for a in evaluated)`: with dropout off,
# the same input always gives the same output. In `train()` mode they give
# `{python} ", ".join(f"{a:.4f}" for a in forgotten)`: different units are dropped on every run, so the
# accuracy changes each time. Going back to the training loop needs `model.train()` again.

# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값, 원래 코드를 그대로 다시 실행한 값, 고친 코드의 값입니다. 원래 코드는 테스트 이미지를
# 0–255로 넣고, 9-4는 위에서 본 512개 출력 신경망입니다. 고친 코드는 테스트 이미지를 255로 나누고, 9-4는
# 784-512×4-10입니다. 이 표는 `dnn-guide reproduce`가 전체 MNIST로 여러 시드를 실행해 남긴 기록에서 사이트를
# 빌드할 때 만들어집니다.
#
# <!-- results:lab:09_4 -->
#
# <!-- results:lab:09_5 -->

# %% [markdown] lang="en" ko="6eec024a14"
# ## Full-data re-runs
#
# What the original notebooks printed, the original code re-run as written, and the corrected code. The
# original code feeds its test images at 0–255, and its 9-4 is the 512-output network shown above; the
# corrected code divides the test images by 255, and its 9-4 is 784-512×4-10. Built from the records that
# `dnn-guide reproduce` wrote on the full MNIST, with several seeds.
#
# <!-- results:lab:09_4 -->
#
# <!-- results:lab:09_5 -->

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈 함수를 채우고 그 아래 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 입력으로 여러분의 함수를
# 불러, 남긴 비율, 배율, 모드, 층의 배치를 확인하고 무엇이 틀렸는지 알려 줍니다. 마스크가 무작위이므로 남긴 비율은
# 허용 오차 안에서 비교합니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: 역 드롭아웃 직접 구현하기"
#     텐서 `x`, 끌 확률 `p`, 학습 여부 `training`을 받는 `dropout(x, p, training)`을 완성하세요. `training`이
#     참이면 값마다 따로 확률 `1-p`로 남기고 남은 값을 `1/(1-p)`배 한 새 텐서를, 거짓이면 `x`를 그대로 돌려줍니다.
#     `torch.rand_like(x)`로 마스크를 만드세요. 체커는 `F.dropout(x, p, training)`과 같은 동작을 기대합니다.

# %% [markdown] lang="en" ko="9dd5d51079"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker calls
# your function on fresh random inputs, checks the fraction kept, the scaling, the mode and the placement
# of layers, and says what is wrong. The mask is random, so the fraction kept is compared within a
# tolerance. The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: inverted dropout by hand"
#     Complete `dropout(x, p, training)`, which takes a tensor `x`, the drop probability `p` and whether it
#     is training. When `training` is true, return a new tensor that keeps each value independently with
#     probability `1-p` and scales the kept values by `1/(1-p)`; when it is false, return `x` unchanged. Make
#     the mask with `torch.rand_like(x)`. The checker expects what `F.dropout(x, p, training)` does.

# %%
from dnn_guide.exercises.dropout import check_dropout, check_dropout_mlp


# %% exercise=true
def dropout(x, p, training):
    # your code: in eval mode return x; in training, a random mask that keeps 1 - p, then scale
    raise NotImplementedError


check_dropout(dropout)


# %% solution=true
def dropout(x, p, training):
    if not training:
        return x  # eval: dropout does nothing
    mask = (torch.rand_like(x) >= p).float()  # 1 with probability 1 - p
    return x * mask / (1 - p)


check_dropout(dropout)

# %% [markdown] lang="ko"
# !!! question "연습 2: 드롭아웃은 어디에"
#     층 크기 목록 `sizes`(예: `[784, 512, 512, 10]`)와 `p`를 받아, 은닉층마다 `nn.Linear` → `nn.ReLU()` →
#     `nn.Dropout(p)`를 두고 마지막에 출력층 `nn.Linear` 하나로 끝나는 `nn.Sequential`을 돌려주는 `dropout_mlp`를
#     완성하세요. 위의 `deep_net`을 일반화한 것입니다. 체커는 `p`를 바꿔 가며 두 번 불러 다음을 확인합니다.
#     Linear 층의 개수와 크기, 첫 Linear 앞과 마지막 Linear 뒤에 다른 층이 없는지, 은닉층마다 Linear 다음에
#     `nn.ReLU()`와 `nn.Dropout(p)`이 이 순서로 하나씩만 있는지, 드롭아웃 확률이 넘겨받은 `p`인지. `nn.Sequential`
#     안에 `nn.Sequential`을 넣어도 펼쳐서 봅니다. `nn.AlphaDropout`처럼 `nn.Dropout`이 아닌 드롭아웃 층은 틀린 답으로
#     봅니다(`nn.AlphaDropout`은 SELU용입니다).

# %% [markdown] lang="en" ko="0260421d44"
# !!! question "Exercise 2: where dropout goes"
#     Complete `dropout_mlp`, which takes a list of layer sizes `sizes` (e.g. `[784, 512, 512, 10]`) and `p`,
#     and returns an `nn.Sequential` with `nn.Linear` → `nn.ReLU()` → `nn.Dropout(p)` for each hidden layer,
#     ending with the output layer, a single `nn.Linear`. It generalizes `deep_net` above. The checker calls it
#     twice, with different `p`, and checks: the number and sizes of the Linear layers; that nothing comes
#     before the first Linear or after the last; that each hidden layer's Linear is followed by exactly
#     `nn.ReLU()` and `nn.Dropout(p)`, in that order; and that the dropout probability is the `p` passed in.
#     Nested `nn.Sequential` blocks are opened. A dropout layer other than `nn.Dropout`, such as
#     `nn.AlphaDropout` (made for SELU), counts as wrong.


# %% exercise=true
def dropout_mlp(sizes, p):
    # your code: one Linear -> ReLU -> Dropout(p) block per hidden layer, then the output Linear
    raise NotImplementedError


check_dropout_mlp(dropout_mlp)


# %% solution=true
def dropout_mlp(sizes, p):
    layers = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):  # the hidden layers
        layers += [nn.Linear(n_in, n_out), nn.ReLU(), nn.Dropout(p)]
    return nn.Sequential(*layers, nn.Linear(sizes[-2], sizes[-1]))  # the output layer: no dropout


check_dropout_mlp(dropout_mlp)

# %% [markdown] lang="ko"
# !!! question "연습 3: 왜 `1/(1-p)`배인가"
#     역 드롭아웃은 왜 학습할 때 남은 값을 `1/(1-p)`배 할까요? 그렇게 하지 않고 끄기만 하면 평가 때 무엇이
#     어긋날까요?
#
# ??? success "답"
#     학습 때 유닛을 확률 `p`로 끄기만 하면 다음 층이 받는 값의 기댓값은 `(1-p)·h_j`입니다. 평가 때는 모든 유닛이
#     켜지므로 다음 층은 학습 때보다 평균 `1/(1-p)`배 큰 입력을 받게 됩니다. 학습 때 남은 값을 `1/(1-p)`배 하면
#     기댓값이 `h_j`로 평가 때와 같아지고, 평가 때는 아무것도 하지 않아도 됩니다. "드롭아웃이 하는 일"의 출력에서
#     학습 모드의 남은 값은 `1/(1-0.3)`으로 커져 있고, 평가 모드는 입력 그대로입니다. 원래 논문처럼 학습 때는
#     배율 없이 끄고 테스트 때 가중치에 남길 확률을 곱해도, 학습과 평가에서 다음 층이 받는 값의 기댓값이
#     같아진다는 점은 똑같습니다. 배율을 어느 쪽에서 적용하느냐만 다릅니다.

# %% [markdown] lang="en" ko="2d03929125"
# !!! question "Exercise 3: why `1/(1-p)`"
#     Why does inverted dropout scale the kept values by `1/(1-p)` during training? If it only switched units
#     off, what would go wrong at evaluation time?
#
# ??? success "Answer"
#     If training only switches units off with probability `p`, the next layer receives values whose
#     expected value is `(1-p)·h_j`. At evaluation every unit is on, so the next layer would get inputs
#     `1/(1-p)` times larger on average than in training. Scaling the kept values by `1/(1-p)` during training
#     makes the expected value `h_j`, the same as at evaluation, so evaluation needs to do nothing. In the
#     output of "What dropout does", the kept values in training mode are scaled up by `1/(1-0.3)`, and
#     evaluation mode returns the input unchanged. Switching units off without scaling in training and
#     multiplying the weights by the keep probability at test time, as in the original paper, matches the
#     expected input of the next layer between training and evaluation just the same; only where the factor
#     is applied differs.

# %% [markdown] lang="ko"
# !!! question "연습 4: 원래 9-5의 `train()`과 `eval()`"
#     원래 9-5 노트북은 학습 루프 앞에서 `model.train()`을 한 번, 테스트 셀에서 `model.eval()`을 한 번 부릅니다.
#     이 노트북의 학습 루프 안에 에폭마다 테스트 정확도를 출력하는 코드를 넣고, 모드를 바꾸는 코드는 그대로 두면
#     어떻게 될까요?
#
# ??? success "답"
#     `model.eval()`을 부르지 않고 평가하면 드롭아웃이 켜진 채로 평가됩니다. `train()`과 `eval()` 절의 표처럼
#     정확도가 실행할 때마다 달라집니다. 이 빌드에서 세 번의 평균은 `train()` 상태에서
#     `{python} f"{sum(forgotten) / len(forgotten):.4f}"`, `eval()` 상태에서 `{python} f"{evaluated[0]:.4f}"`입니다. 반대로 평가 전에 `model.eval()`을
#     부르고 다음 에폭에서 `model.train()`을 다시 부르지 않으면, 그 뒤로는 드롭아웃 없이 학습하게 됩니다. 이
#     페이지의 학습 루프처럼 에폭을 시작할 때마다 `model.train()`, 평가 전에 `model.eval()`을 부르면 둘 다
#     피할 수 있습니다.

# %% [markdown] lang="en" ko="bfbdfc16d4"
# !!! question "Exercise 4: the original 9-5's `train()` and `eval()`"
#     The original 9-5 notebook calls `model.train()` once before the training loop and `model.eval()` once in
#     its test cell. What happens if you add code inside its training loop that prints the test accuracy
#     every epoch, and leave the mode calls as they are?
#
# ??? success "Answer"
#     Evaluating without calling `model.eval()` evaluates with dropout on: as in the table of the `train()`
#     and `eval()` section, the accuracy changes from run to run. In this build the three runs average
#     `{python} f"{sum(forgotten) / len(forgotten):.4f}"` in `train()` mode against
#     `{python} f"{evaluated[0]:.4f}"` in `eval()` mode. Conversely, if you call `model.eval()` before evaluating but do not call `model.train()`
#     again in the next epoch, training continues without dropout from then on. Calling `model.train()` at the
#     start of every epoch and `model.eval()` before evaluating, as this page's training loop does, avoids
#     both.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: inverted-scale
# section: 드롭아웃이 하는 일
# question: 학습 모드의 `nn.Dropout(0.3)`은 끄지 않고 남긴 값에 몇을 곱합니까? 소수 넷째 자리까지 답하세요.
# answer: `{python} round(1 / (1 - 0.3), 4)`
# tolerance: 0.001
# right: 남긴 값을 $1/(1-p) = 1/0.7$배 하므로 기댓값이 $h_j$ 그대로이고, 평가 모드에서는 아무것도 하지 않아도 됩니다(역 드롭아웃).
# wrong: PyTorch의 `p`는 끌 확률입니다. 값은 확률 $1-p$로 남고, 기댓값을 맞추려면 남은 값을 $1/(1-p)$배 해야 합니다.
# ```
#
# ```quiz
# id: outputs-512
# section: 원래 9-4가 실제로 만든 모델
# question: 원래 9-4 노트북의 모델은 출력(로짓)이 10개가 아니라 512개입니다. 그런데도 학습이 오류 없이 되는 까닭은?
# - [ ] PyTorch가 남는 출력 502개를 알아서 버려서
#     출력 512개는 모두 손실 계산에 들어갑니다. 쓰이지 않는 출력의 점수가 학습하는 동안 낮아질 뿐입니다. 한 에폭 뒤 출력 10–511의 로짓 평균은 `{python} f"{after_training['unused']:+.2f}"`입니다.
# - [x] `nn.CrossEntropyLoss`는 정답 번호(0–9)가 출력 개수(512)보다 작기만 하면 계산되어서
#     그래서 모델이 의도와 다른데도 아무 경고 없이 학습되고, 정확도도 높게 나옵니다. 원래 노트북이 출력한 0.9819는 이 신경망의 값입니다.
# - [ ] Xavier 초기화가 쓰이지 않는 출력의 가중치를 0으로 두어서
#     원래 노트북의 `xavier_uniform_`은 모든 가중치를 균등분포에서 뽑습니다. 0으로 두는 가중치는 없습니다.
# ```
#
# ```quiz
# id: forgot-eval
# section: `train()`과 `eval()`
# question: 같은 모델의 테스트 정확도를 `eval()` 상태에서 세 번 재면 `{python} ", ".join(f"{a:.4f}" for a in evaluated)`, `train()` 상태에서 세 번 재면 `{python} ", ".join(f"{a:.4f}" for a in forgotten)`입니다. `train()` 상태의 값이 매번 다른 까닭은?
# - [x] 드롭아웃이 켜져 있어 실행할 때마다 다른 유닛이 꺼지기 때문에
#     평가 전에는 `model.eval()`로 드롭아웃을 끄고, 학습 루프로 돌아갈 때 `model.train()`으로 다시 켭니다.
# - [ ] 평가할 때마다 가중치가 조금씩 학습되기 때문에
#     평가는 `torch.no_grad()` 아래에서 하고 `optimizer.step()`을 부르지 않으므로 가중치는 그대로입니다.
# - [ ] 테스트 데이터를 매번 다른 순서로 섞기 때문에
#     이 페이지의 평가 코드는 테스트 데이터를 섞지 않습니다. 섞더라도 정확도는 맞힌 이미지의 비율이라 순서와 상관이 없습니다.
# ```

# %% [markdown] lang="en" ko="708fde21b6"
# ## Check yourself
#
# ```quiz
# id: inverted-scale
# section: What dropout does
# question: In training mode, by what does `nn.Dropout(0.3)` multiply the values it keeps? Answer to four decimal places.
# answer: `{python} round(1 / (1 - 0.3), 4)`
# tolerance: 0.001
# right: Kept values are multiplied by $1/(1-p) = 1/0.7$, so the expected value stays $h_j$ and evaluation mode has nothing to do (inverted dropout).
# wrong: PyTorch's `p` is the probability of dropping. A value is kept with probability $1-p$; to keep the expected value, kept values are multiplied by $1/(1-p)$.
# ```
#
# ```quiz
# id: outputs-512
# section: What the original 9-4 really built
# question: The original 9-4 notebook's model has 512 outputs (logits), not 10. Why does it still train without an error?
# - [ ] PyTorch drops the 502 extra outputs by itself
#     All 512 outputs go into the loss. The unused outputs' scores just get lower during training: after one epoch, the mean logit of outputs 10–511 is `{python} f"{after_training['unused']:+.2f}"`.
# - [x] `nn.CrossEntropyLoss` works as long as the target labels (0–9) are smaller than the number of outputs (512)
#     So the model, not the one intended, trains without a warning and even scores well: the 0.9819 the original notebook printed belongs to this network.
# - [ ] Xavier initialization sets the unused outputs' weights to 0
#     The original's `xavier_uniform_` draws every weight from a uniform distribution; it sets none to 0.
# ```
#
# ```quiz
# id: forgot-eval
# section: `train()` and `eval()`
# question: Measured three times in `eval()` mode, the same model's test accuracy is `{python} ", ".join(f"{a:.4f}" for a in evaluated)`; in `train()` mode, `{python} ", ".join(f"{a:.4f}" for a in forgotten)`. Why do the `train()` values differ each time?
# - [x] Dropout is on, so each run drops different units
#     Call `model.eval()` to turn dropout off before evaluating, and `model.train()` to turn it on again before training.
# - [ ] The weights learn a little at each evaluation
#     Evaluation runs under `torch.no_grad()` and calls no `optimizer.step()`: the weights do not change.
# - [ ] The test data is shuffled differently each time
#     This page's evaluation never shuffles the test data; even shuffled, accuracy is the share of right images, whatever their order.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 드롭아웃은 `nn.Sequential` 안에서 은닉층의 `nn.ReLU()` 뒤마다 `nn.Dropout(p)`로 두고, 출력층 뒤에는 두지
#       않습니다(출력된 모델 구조, 연습 2).
#     - `nn.Dropout(p)`의 `p`는 끌 확률입니다. 학습 모드에서는 값을 무작위로 0으로 만들고 남은 값을 `1/(1-p)`배 하며,
#       평가 모드에서는 입력을 그대로 넘깁니다("드롭아웃이 하는 일"의 출력, 연습 1).
#     - 학습 루프는 에폭마다 `model.train()`, 평가 전에는 `model.eval()`과 `torch.no_grad()`를 부릅니다. `eval()`을
#       잊으면 같은 모델의 테스트 정확도가 실행할 때마다 달라집니다(`train()`과 `eval()` 표).
#     - 이 빌드(표본 `{python} f"{len(data.X_train):,}"`장, `{python} EPOCHS` 에폭)의 테스트 정확도는 9-4가
#       `{python} f"{no_drop['val_accuracy']:.4f}"`, 드롭아웃을 쓴 9-5가 `{python} f"{drop['val_accuracy']:.4f}"`입니다.
#       표본 하나에 시드 하나로 얻은 값이라 드롭아웃의 효과를 판단하기에는 부족합니다. 전체 데이터 결과는 페이지
#       끝의 9-4, 9-5 표에 있습니다.
#     - 원래 9-4 노트북의 모델은 `linear4`, `linear5`를 쓰지 않아 출력이 512개입니다(출력 모양). 원래 노트북이
#       출력한 9-4의 정확도는 그 신경망의 값입니다.
#
# ## 참고 문헌
#
# - Hinton, G. E., Srivastava, N., Krizhevsky, A., Sutskever, I., & Salakhutdinov, R. R. (2012). Improving
#   neural networks by preventing co-adaptation of feature detectors. [arXiv:1207.0580](https://arxiv.org/abs/1207.0580)
# - Srivastava, N., Hinton, G., Krizhevsky, A., Sutskever, I., & Salakhutdinov, R. (2014). Dropout: A simple
#   way to prevent neural networks from overfitting. *Journal of Machine Learning Research*, 15(56),
#   1929–1958. [JMLR](https://jmlr.org/papers/v15/srivastava14a.html)
# - Glorot, X., & Bengio, Y. (2010). Understanding the difficulty of training deep feedforward neural networks.
#   *AISTATS*, 249–256. [PMLR 9](https://proceedings.mlr.press/v9/glorot10a.html) (이 페이지 모델의 Xavier 초기화)
# - PyTorch 문서: [`torch.nn.Dropout`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html),
#   [`torch.nn.Module.train`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.train)

# %% [markdown] lang="en" ko="2614a97eb1"
# !!! success "Key points"
#     - Dropout goes into the `nn.Sequential` as an `nn.Dropout(p)` after each hidden layer's `nn.ReLU()`, and
#       not after the output layer (the printed model structure, exercise 2).
#     - The `p` of `nn.Dropout(p)` is the probability of dropping. Training mode sets values to 0 at random
#       and scales the rest by `1/(1-p)`; evaluation mode passes the input through (the output of "What
#       dropout does", exercise 1).
#     - The training loop calls `model.train()` every epoch, and `model.eval()` with `torch.no_grad()` before
#       evaluating. With `eval()` forgotten, the same model's test accuracy changes from run to run (the
#       `train()` and `eval()` table).
#     - In this build (`{python} f"{len(data.X_train):,}"` sample images, `{python} EPOCHS` epochs) the test
#       accuracy was `{python} f"{no_drop['val_accuracy']:.4f}"` for 9-4 and `{python} f"{drop['val_accuracy']:.4f}"`
#       for 9-5, with dropout: one sample and one seed, too little to judge dropout's effect. The full-data
#       results are in the 9-4 and 9-5 tables at the end of the page.
#     - The original 9-4 notebook's model leaves `linear4` and `linear5` unused and has 512 outputs (the
#       printed output shape); the accuracy the original notebook printed for 9-4 belongs to that network.
#
# ## References
#
# - Hinton, G. E., Srivastava, N., Krizhevsky, A., Sutskever, I., & Salakhutdinov, R. R. (2012). Improving
#   neural networks by preventing co-adaptation of feature detectors. [arXiv:1207.0580](https://arxiv.org/abs/1207.0580)
# - Srivastava, N., Hinton, G., Krizhevsky, A., Sutskever, I., & Salakhutdinov, R. (2014). Dropout: A simple
#   way to prevent neural networks from overfitting. *Journal of Machine Learning Research*, 15(56),
#   1929–1958. [JMLR](https://jmlr.org/papers/v15/srivastava14a.html)
# - Glorot, X., & Bengio, Y. (2010). Understanding the difficulty of training deep feedforward neural networks.
#   *AISTATS*, 249–256. [PMLR 9](https://proceedings.mlr.press/v9/glorot10a.html) (the Xavier initialization
#   of this page's models)
# - PyTorch documentation: [`torch.nn.Dropout`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html),
#   [`torch.nn.Module.train`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.train)
