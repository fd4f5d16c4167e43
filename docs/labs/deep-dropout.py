# %% [markdown] lang="ko"
# # 깊은 신경망과 드롭아웃
#
# 9-4 실습은 은닉층을 512개 유닛짜리 네 층으로 깊게 쌓고(Xavier 초기화), 9-5 실습은 같은 신경망에 드롭아웃
# (dropout, p=0.3)을 더합니다. 드롭아웃은 학습 중에 은닉 유닛을 무작위로 꺼서, 특정 유닛 몇 개에 기대는 과적합
# (overfitting)을 줄입니다. 이 페이지에서는 둘을 같은 조건에서 학습하고, `model.train()`과 `model.eval()`을
# 왜 구분해야 하는지 직접 확인합니다.
#
# !!! info "이 페이지가 실행된 조건"
#     문서 빌드는 패키지에 든 MNIST 표본(학습 6,000장)으로 10 에폭을 학습합니다. 학습 데이터가 적어 과적합이
#     전체 데이터보다 잘 드러납니다. 전체 데이터로 15 에폭을 학습한 결과는 [결과 재현](../results.md) 페이지에 있습니다.

# %% [markdown] lang="en" ko="fb493da972"
# # Deep networks and dropout
#
# Lab 9-4 stacks four hidden layers of 512 units (Xavier initialization); lab 9-5 adds dropout (p=0.3) to
# the same network. Dropout switches hidden units off at random during training, which reduces
# overfitting that leans on a few particular units. This page trains both under the same conditions and
# shows why `model.train()` and `model.eval()` must be told apart.
#
# !!! info "How this page was run"
#     The docs build trains for 10 epochs on the MNIST sample shipped in the package (6,000 training
#     images). With little training data, overfitting shows more than on the full set. Results after 15
#     epochs on the full data are on the [reproduction](../results.md) page.

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
# 두 모델을 `nn.Sequential`로 직접 만듭니다. 드롭아웃 층은 각 ReLU 뒤에 옵니다.

# %% [markdown] lang="en" ko="d734cb3a75"
# Build both models by hand with `nn.Sequential`. The dropout layers come after each ReLU.


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
# 데이터 결과(9-4, 9-5)와도 비교해 보세요.
#
# ## `train()`과 `eval()`
#
# 드롭아웃은 학습할 때만 켜져야 합니다. `model.train()` 상태에서는 매번 다른 유닛이 꺼지고(남은 유닛의 출력은
# $1/(1-p)$배), `model.eval()` 상태에서는 모든 유닛을 그대로 씁니다. 평가 전에 `model.eval()`을 잊으면 어떻게
# 되는지 같은 모델로 잽니다. `dnn_guide.evaluate`는 평가할 때 스스로 `eval()`로 바꿨다가 원래 상태로 돌려놓습니다.

# %% [markdown] lang="en" ko="0b3e94c871"
# "gap" is the training accuracy minus the test accuracy; the last two columns are the lowest test loss
# (and when it happened) and the last epoch's. A test loss that passes its minimum and rises again is a
# sign that the model is overfitting the training data. Dropout does not always raise the test accuracy:
# compare the two rows, and the full-data results of labs 9-4 and 9-5, with more data and more epochs.
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
