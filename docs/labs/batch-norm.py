# %% [markdown] lang="ko"
# # 배치 정규화
#
# 배치 정규화(batch normalization)는 한 배치 안에서 각 유닛의 값을 평균 0, 분산 1로 맞춘 뒤, 학습 가능한
# 스케일 $\gamma$와 시프트 $\beta$를 적용합니다. 9-6 실습처럼 784-32-32-10 신경망을 배치 정규화가 있을 때와
# 없을 때로 학습해 비교합니다: Adam(학습률 0.01), 배치 크기 32, 10 에폭. 문서 빌드는 패키지에 든 MNIST 표본을
# 씁니다.
#
# !!! info "원본"
#     원래 노트북: [lab-09_6_mnist_batchnorm.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_6_mnist_batchnorm.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)
#
# $$\hat{x} = \frac{x - \mu_\text{batch}}{\sqrt{\sigma^2_\text{batch} + \epsilon}},\qquad y = \gamma \hat{x} + \beta$$

# %% [markdown] lang="en" ko="3537c5a246"
# # Batch normalization
#
# Batch normalization shifts and scales each unit's values within a batch to mean 0 and variance 1, then
# applies a learned scale $\gamma$ and shift $\beta$. As in Lab 9-6, a 784-32-32-10 network is trained
# with and without batch normalization and compared: Adam (learning rate 0.01), batch size 32, 10 epochs.
# The docs build uses the MNIST sample shipped in the package.
#
# !!! info "Sources"
#     Original notebook: [lab-09_6_mnist_batchnorm.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_6_mnist_batchnorm.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)
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
# 첫 `BatchNorm1d` 층의 입력과 출력을 한 배치에서 측정합니다. 학습 모드(`train()`)에서는 그 배치의 평균과
# 분산으로 정규화하므로, $\gamma$와 $\beta$를 적용하기 전 값은 유닛마다 정확히 평균 0, 표준편차 1입니다. 평가
# 모드(`eval()`)에서는 학습하는 동안 모아 둔 이동 평균(running mean)과 이동 분산(running var)을 씁니다.
#
# 주의할 점이 있습니다. `train()` 모드의 `BatchNorm1d`는 입력이 지나갈 때마다 이동 평균과 이동 분산을 갱신하고,
# `torch.no_grad()`도 이 갱신을 막지 못합니다. 테스트 이미지를 `train()` 모드로 통과시키면 학습된 모델의 통계에
# 테스트 데이터가 섞입니다. 그래서 아래 실험은 `copy.deepcopy`로 만든 복사본(`demo`)으로 하고, 끝에서 원래
# 모델의 통계가 그대로인지 확인합니다.

# %% [markdown] lang="en" ko="225c236dfc"
# ## What batch normalization actually does
#
# Measure the first `BatchNorm1d` layer's input and output on one batch. In training mode (`train()`) it
# normalizes with that batch's own mean and variance, so before $\gamma$ and $\beta$ every unit has
# exactly mean 0 and standard deviation 1. In evaluation mode (`eval()`) it uses the running mean and
# running variance collected during training.
#
# One caution: in `train()` mode, `BatchNorm1d` updates its running mean and variance on every input
# that passes through it, and `torch.no_grad()` does not stop that. Trying `train()` mode on test images
# would mix test data into the trained model's statistics. So the experiments below run on a copy made
# with `copy.deepcopy` (`demo`), and the end checks that the original model's statistics are untouched.

# %%
import copy

bn_model.eval()
saved_statistics = {k: v.clone() for k, v in bn_model.state_dict().items() if "running" in k}
demo = copy.deepcopy(bn_model)  # train() below would update the running statistics: use a copy
bn = demo[1]
X = data.X_test[:256]
with torch.no_grad():
    before = demo[0](X)
    demo.eval()  # eval() first: the running statistics from training, untouched
    normalized_eval = (bn(before) - bn.bias) / bn.weight
    demo.train()
    normalized_train = (bn(before) - bn.bias) / bn.weight
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
# 또 `train()` 모드로 평가하면 테스트 데이터로 이동 평균까지 바뀌어 버립니다. 아래 출력의 마지막 줄들이 그것을
# 보여 줍니다. 실험한 복사본의 이동 평균은 움직였고, 복사본을 쓴 덕분에 원래 모델의 통계는 그대로입니다.

# %% [markdown] lang="en" ko="a8766df303"
# Because `train()` mode uses batch statistics, the same image gets a different output depending on the
# batch it comes with, and a single image cannot be normalized at all (no variance): it raises an error.
# Always switch to `eval()` to predict. Evaluating in `train()` mode would also update the running
# statistics with test data; the last lines printed below show it: the copy's running mean moved, and
# thanks to the copy the original model's statistics are untouched.

# %%
image = data.X_test[:1]
demo.train()
try:
    demo(image)
except ValueError as err:
    print("train(), one image:", err)
with torch.no_grad():
    alone = demo(data.X_test[:32])[0]
    other_batch = demo(torch.cat([data.X_test[:1], data.X_test[500:531]]))[0]
print(f"train(), same image in two batches: max output difference {(alone - other_batch).abs().max():.3f}")
with torch.no_grad():
    print(f"eval(), one image: predicted {bn_model(image).argmax().item()}, true {data.y_test[0].item()}")
    changed = (demo[1].running_mean - bn_model[1].running_mean).abs().max().item()
print(f"the copy's running mean moved by up to {changed:.3f} during these train() calls")
untouched = all(torch.equal(bn_model.state_dict()[k], v) for k, v in saved_statistics.items())
print(f"bn_model's running statistics untouched: {untouched}")
assert untouched, "a demo changed bn_model's running statistics"


# %% [markdown] lang="ko"
# ## 전체 데이터로 다시 실행한 결과
#
# 원래 노트북이 출력한 값(소수 둘째 자리까지), 원래 코드를 그대로 다시 실행한 값, 고친 코드의 값입니다. 9-6은
# 다른 MNIST 실습과 달리 테스트 이미지도 `ToTensor()`를 거치는 `test_loader`로 평가하므로 0–255 버그가 없습니다.
# 원래 코드는 배치 32, `drop_last=True`인 `test_loader`로 테스트 이미지 10,000장 중 9,984장만 평가합니다.
# 이 표는 `dnn-guide reproduce`가 전체 MNIST로 시드 3개씩 실행해 남긴 기록으로 사이트를 빌드할 때 만들어집니다.
#
# <!-- results:lab:09_6 -->
#
# <!-- results:lab:09_6_no_bn -->

# %% [markdown] lang="en" ko="0c0d353dd1"
# ## Full-data re-runs
#
# What the original notebook printed (to two decimals), the original code re-run as written, and the
# corrected code. Unlike the other MNIST labs, 9-6 evaluates through a `test_loader` whose images also go
# through `ToTensor()`, so it does not have the 0–255 bug. With batch size 32 and `drop_last=True`, that
# loader evaluates only 9,984 of the 10,000 test images. Built from the records that `dnn-guide reproduce`
# wrote on the full MNIST, three seeds each.
#
# <!-- results:lab:09_6 -->
#
# <!-- results:lab:09_6_no_bn -->
