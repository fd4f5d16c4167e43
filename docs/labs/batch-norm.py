# %% [markdown] lang="ko"
# # 배치 정규화
#
# 배치 정규화(batch normalization)는 한 배치 안에서 각 유닛의 값을 평균 0, 분산 1로 맞춘 뒤, 학습하는 크기
# $\gamma$와 이동 $\beta$를 적용합니다. 9-6 실습처럼 784-32-32-10 신경망을 배치 정규화가 있을 때와 없을 때로
# 학습해 비교합니다: Adam(학습률 0.01), 배치 크기 32, 10 에폭. 문서 빌드는 패키지에 든 MNIST 표본을 씁니다.
#
# $$\hat{x} = \frac{x - \mu_\text{batch}}{\sqrt{\sigma^2_\text{batch} + \epsilon}},\qquad y = \gamma \hat{x} + \beta$$

# %% [markdown] lang="en" ko="c0da078d6e"
# # Batch normalization
#
# Batch normalization shifts and scales each unit's values within a batch to mean 0 and variance 1, then
# applies a learned scale $\gamma$ and shift $\beta$. As in lab 9-6, a 784-32-32-10 network is trained
# with and without batch normalization and compared: Adam (learning rate 0.01), batch size 32, 10 epochs.
# The docs build uses the MNIST sample shipped in the package.
#
# $$\hat{x} = \frac{x - \mu_\text{batch}}{\sqrt{\sigma^2_\text{batch} + \epsilon}},\qquad y = \gamma \hat{x} + \beta$$

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide

device = dnn_guide.get_device()
data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test")

# %%
torch.manual_seed(777)
bn_model = nn.Sequential(
    nn.Linear(784, 32),
    nn.BatchNorm1d(32),
    nn.ReLU(),
    nn.Linear(32, 32),
    nn.BatchNorm1d(32),
    nn.ReLU(),
    nn.Linear(32, 10),
).to(device)
nn_model = nn.Sequential(
    nn.Linear(784, 32),
    nn.ReLU(),
    nn.Linear(32, 32),
    nn.ReLU(),
    nn.Linear(32, 10),
).to(device)

histories = {}
for name, model in (("batch norm", bn_model), ("no batch norm", nn_model)):
    generator = dnn_guide.seed_everything(777)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    histories[name] = dnn_guide.fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        epochs=10,
        batch_size=32,
        valid=(data.X_test, data.y_test),
        generator=generator,
        drop_last=True,
        progress=False,
    )

# %% [markdown] lang="ko"
# 원래 실습처럼 학습(train)과 검증(valid, 여기서는 테스트 데이터) 손실과 정확도를 에폭마다 그립니다.

# %% [markdown] lang="en" ko="c8d39331d0"
# As in the original lab, plot the train and validation (here: test) loss and accuracy per epoch.

# %%
fig, axes = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True)
for col, split in enumerate(("", "val_")):
    for row, metric in enumerate(("loss", "accuracy")):
        ax = axes[row, col]
        for name, history in histories.items():
            ax.plot([r["epoch"] for r in history], [r[split + metric] for r in history], marker="o", label=name)
        ax.set_title(f"{'train' if not split else 'valid'} {metric}")
        ax.grid(alpha=0.3)
axes[0, 0].legend()
for ax in axes[1]:
    ax.set_xlabel("epoch")
fig.tight_layout()
plt.show()
dnn_guide.Table(
    ["model", "train loss", "train accuracy", "valid loss", "valid accuracy"],
    [[n, h[-1]["loss"], h[-1]["accuracy"], h[-1]["val_loss"], h[-1]["val_accuracy"]] for n, h in histories.items()],
)

# %% [markdown] lang="ko"
# ## 배치 정규화가 실제로 하는 일
#
# 첫 `BatchNorm1d` 층의 입력과 출력을 한 배치에서 잽니다. 학습 모드(`train()`)에서는 그 배치의 평균과 분산으로
# 정규화하므로, $\gamma$와 $\beta$를 적용하기 전 값은 유닛마다 정확히 평균 0, 표준편차 1입니다. 평가 모드
# (`eval()`)에서는 학습하는 동안 모아 둔 이동 평균(running mean)과 이동 분산(running var)을 씁니다.

# %% [markdown] lang="en" ko="fbb4090834"
# ## What batch normalization actually does
#
# Measure the first `BatchNorm1d` layer's input and output on one batch. In training mode (`train()`) it
# normalizes with that batch's own mean and variance, so before $\gamma$ and $\beta$ every unit has
# exactly mean 0 and standard deviation 1. In evaluation mode (`eval()`) it uses the running mean and
# running variance collected during training.

# %%
bn = bn_model[1]
X = data.X_test[:256]
with torch.no_grad():
    before = bn_model[0](X)
    bn_model.train()
    normalized_train = (bn(before) - bn.bias) / bn.weight
    bn_model.eval()
    normalized_eval = (bn(before) - bn.bias) / bn.weight
dnn_guide.Table(
    ["", "mean over units", "std over units (mean)"],
    [
        ["input to BatchNorm1d", f"{before.mean():.3f}", f"{before.std(0).mean():.3f}"],
        [
            "normalized, train() (batch statistics)",
            f"{normalized_train.mean():.3f}",
            f"{normalized_train.std(0, unbiased=False).mean():.3f}",
        ],
        [
            "normalized, eval() (running statistics)",
            f"{normalized_eval.mean():.3f}",
            f"{normalized_eval.std(0).mean():.3f}",
        ],
    ],
)

# %% [markdown] lang="ko"
# `train()` 모드에서는 배치 통계를 쓰기 때문에, 같은 이미지라도 함께 들어간 배치에 따라 출력이 달라지고,
# 이미지 한 장만 넣으면 분산을 구할 수 없어 오류가 납니다. 예측할 때는 반드시 `eval()`로 바꿉니다.
# 또 `train()` 모드로 평가하면 테스트 데이터로 이동 평균까지 바뀌어 버립니다.

# %% [markdown] lang="en" ko="a243712729"
# Because `train()` mode uses batch statistics, the same image gets a different output depending on the
# batch it comes with, and a single image cannot be normalized at all (no variance): it raises an error.
# Always switch to `eval()` to predict. Evaluating in `train()` mode would also update the running
# statistics with test data.

# %%
image = data.X_test[:1]
bn_model.train()
try:
    bn_model(image)
except ValueError as err:
    print("train(), one image:", err)
with torch.no_grad():
    alone = bn_model(data.X_test[:32])[0]
    other_batch = bn_model(torch.cat([data.X_test[:1], data.X_test[500:531]]))[0]
print(f"train(), same image in two batches: max output difference {(alone - other_batch).abs().max():.3f}")
bn_model.eval()
with torch.no_grad():
    print(f"eval(), one image: predicted {bn_model(image).argmax().item()}, true {data.y_test[0].item()}")
