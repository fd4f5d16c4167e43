# %% [markdown] lang="ko"
# # 옵티마이저 비교
#
# 옵티마이저(optimizer)는 기울기를 받아 매개변수를 얼마나, 어느 방향으로 옮길지 정합니다. 강의가 소개하는
# `torch.optim`의 열 가지(SGD, Adadelta, Adagrad, Adam, SparseAdam, Adamax, ASGD, LBFGS, RMSprop, Rprop)에
# 모멘텀(momentum)을 쓴 SGD와 AdamW를 더해 열두 가지를 같은 조건에서 비교합니다. 먼저 2차원 테스트 함수에서의
# 최적화 경로를 그리고, 그다음 같은 모델과 같은 시드로 MNIST를 학습합니다.
#
# !!! info "원본"
#     원래 저장소([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))에는 이 주제의
#     노트북이 없어, 강의([부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214), edwith)의
#     옵티마이저 설명을 따릅니다. 최적화 경로 애니메이션은 Alec Radford가 공개한 옵티마이저 애니메이션에서 착안했습니다.

# %% [markdown] lang="en" ko="0437b81c13"
# # Comparing optimizers
#
# An optimizer takes the gradients and decides how far, and in which direction, to move the parameters.
# The ten `torch.optim` optimizers the course lists (SGD, Adadelta, Adagrad, Adam, SparseAdam, Adamax, ASGD,
# LBFGS, RMSprop, Rprop), plus SGD with momentum and AdamW, are compared under the same conditions: first
# their paths over 2-D test functions, then MNIST training with the same model and the same seed.
#
# !!! info "Sources"
#     The original repository ([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))
#     has no notebook on this topic; this page follows the optimizer part of the lecture
#     ([boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214),
#     edwith). The animation of optimizer paths is inspired by Alec Radford's optimizer animations.

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

import dnn_guide
from dnn_guide.optim_paths import OPTIMIZERS, TEST_FUNCTIONS, animate_paths, contour_axes, optimizer_path

# %% [markdown] lang="ko"
# ## 2차원 테스트 함수에서의 최적화 경로
#
# 로젠브록(Rosenbrock) 함수는 최솟값 (1, 1)으로 가는 길고 휘어진 골짜기가 있고, 빌(Beale) 함수는 최솟값 (3, 0.5)
# 주변이 평평합니다. $x^2 - y^2$는 원점이 안장점(saddle point)입니다. 학습률은 옵티마이저마다 다르게 골라야
# 합니다. 아래 값은 이 페이지가 쓰는 값입니다. LBFGS는 다른 옵티마이저와 스텝 수를 맞추려고 `max_iter=1`(스텝마다
# 반복 한 번)로 설정합니다. `torch.optim.LBFGS`의 기본값은 `max_iter=20`입니다.

# %% [markdown] lang="en" ko="33b0226be2"
# ## Paths over 2-D test functions
#
# The Rosenbrock function has a long curved valley leading to its minimum at (1, 1); Beale's function is
# flat around its minimum at (3, 0.5); $x^2 - y^2$ has a saddle point at the origin. Each optimizer needs
# its own learning rate; these are the ones this page uses. LBFGS runs with `max_iter=1` (one iteration
# per step) so that every optimizer takes the same number of steps; `torch.optim.LBFGS` defaults to
# `max_iter=20`.

# %%
lrs = {
    "SGD": 1e-3,
    "SGD+momentum": 1e-3,
    "Adadelta": 1.0,
    "Adagrad": 0.5,
    "Adam": 0.05,
    "AdamW": 0.05,
    "SparseAdam": 0.05,
    "Adamax": 0.1,
    "ASGD": 1e-3,
    "LBFGS": 0.5,
    "RMSprop": 0.01,
    "Rprop": 0.01,
}
paths = {fn: {name: optimizer_path(name, fn, lr=lrs[name], steps=300) for name in OPTIMIZERS} for fn in TEST_FUNCTIONS}

fig, axes = plt.subplots(1, 3, figsize=(15, 4.4))
for ax, (fn, fn_paths) in zip(axes, paths.items()):
    contour_axes(fn, ax=ax)
    for name, path in fn_paths.items():
        ax.plot(path[:, 0], path[:, 1], lw=1.2, label=name)
    ax.set_title(fn)
axes[0].legend(fontsize=7, ncol=2, loc="lower left")
plt.show()

# %%
rows = []
for name in OPTIMIZERS:
    row = [name, lrs[name]]
    for fn, (f, *_) in TEST_FUNCTIONS.items():
        value = f(paths[fn][name][-1]).item()
        row.append(f"{value:.2e}")
    rows.append(row)
dnn_guide.Table(["optimizer", "lr", *(f"f after 300 steps: {fn}" for fn in TEST_FUNCTIONS)], rows)

# %% [markdown] lang="ko"
# 안장점 함수는 아래로 끝이 없으므로 값이 작을수록(음수로 클수록) 안장점에서 잘 빠져나간 것입니다. 이 함수에서
# LBFGS가 `nan`이 되는 것은 곡률 정보로 크게 뛰는 LBFGS가 아래로 끝없는 함수에서 발산하기 때문입니다.
# 로젠브록 함수 위의 움직임을 애니메이션으로 보면 차이가 더 잘 보입니다.

# %% [markdown] lang="en" ko="f781190dcf"
# The saddle function has no lower bound, so a lower (more negative) value means the optimizer escaped the
# saddle point better. LBFGS becomes `nan` there: its curvature-based jumps diverge on a function with no
# lower bound. An animation of the Rosenbrock paths shows the differences more clearly.

# %%
animate_paths(
    {name: paths["rosenbrock"][name] for name in ("SGD", "SGD+momentum", "Adam", "RMSprop", "LBFGS", "Rprop")},
    "rosenbrock",
    frames=40,
)

# %% [markdown] lang="ko"
# ## 주의가 필요한 두 옵티마이저
#
# **SparseAdam**은 희소(sparse) 기울기만 받습니다. `nn.Linear`의 기울기는 밀집(dense) 텐서라서 오류가 납니다.
# `nn.Embedding(..., sparse=True)`처럼 희소 기울기를 내는 층에 씁니다.

# %% [markdown] lang="en" ko="4d205db865"
# ## Two optimizers that need care
#
# **SparseAdam** accepts only sparse gradients. `nn.Linear`'s gradients are dense tensors, so it raises an
# error; use it with a layer that produces sparse gradients, such as `nn.Embedding(..., sparse=True)`.

# %%
linear = nn.Linear(4, 2)
try:
    optimizer = torch.optim.SparseAdam(linear.parameters(), lr=0.01)
    linear(torch.randn(3, 4)).sum().backward()
    optimizer.step()
except RuntimeError as err:
    print("SparseAdam on nn.Linear:", str(err).splitlines()[0])

torch.manual_seed(0)
embedding = nn.Embedding(100, 8, sparse=True)  # e.g. 100 word vectors
optimizer = torch.optim.SparseAdam(embedding.parameters(), lr=0.01)
words = torch.tensor([3, 14, 15])
before = embedding.weight.detach().clone()
embedding(words).pow(2).sum().backward()
print("gradient layout:", embedding.weight.grad.layout)
optimizer.step()
changed = (embedding.weight.detach() != before).any(dim=1).nonzero().flatten().tolist()
print("rows updated:", changed)

# %% [markdown] lang="ko"
# **LBFGS**는 한 스텝 안에서 손실을 여러 번 다시 계산하므로, 손실을 계산하는 함수(클로저, closure)를 `step`에
# 넘겨야 합니다.

# %% [markdown] lang="en" ko="7755393903"
# **LBFGS** re-computes the loss several times within one step, so `step` needs a function that computes
# the loss, a closure.

# %%
torch.manual_seed(0)
X = torch.randn(200, 2)
y = (X[:, 0] - X[:, 1] > 0).long()
model = nn.Linear(2, 2)
optimizer = torch.optim.LBFGS(model.parameters(), lr=1.0, max_iter=20)


def closure():
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    return loss


for step in range(3):
    loss = optimizer.step(closure)  # returns the loss of the first evaluation
    print(f"step {step}: loss {loss.item():.4f}")

# %% [markdown] lang="ko"
# ## MNIST에서 비교하기
#
# 784-128-10 ReLU 신경망을 옵티마이저마다 같은 시드(같은 초기 가중치, 같은 배치 순서)로 학습합니다. 배치 크기
# 100이고, 문서 빌드는 패키지에 든 표본으로 3 에폭을 학습합니다. `dnn_guide.fit`은 LBFGS에 위와 같은 클로저를
# 넘깁니다. 단, 이 표의 LBFGS는 위 예제(`max_iter=20`)와 달리 경로 비교와 같은 `max_iter=1`이라서, 배치마다 한
# 번만 반복합니다. SparseAdam은 밀집 기울기에 쓸 수 없으므로 뺍니다.

# %% [markdown] lang="en" ko="03be14f1ef"
# ## Comparing on MNIST
#
# A 784-128-10 ReLU network is trained with each optimizer from the same seed (same initial weights, same
# batch order), batch size 100; the docs build runs 3 epochs on the package's sample. `dnn_guide.fit`
# passes LBFGS a closure as above. Unlike the example above (`max_iter=20`), LBFGS in this table uses
# `max_iter=1`, as in the path comparison: one iteration per batch. SparseAdam is left out: it cannot take
# dense gradients.

# %%
data = dnn_guide.load_mnist(device=dnn_guide.get_device())
EPOCHS = 3
mnist_lrs = {
    "SGD": 0.1,
    "SGD+momentum": 0.01,
    "Adadelta": 1.0,
    "Adagrad": 0.01,
    "Adam": 1e-3,
    "AdamW": 1e-3,
    "Adamax": 2e-3,
    "ASGD": 0.1,
    "LBFGS": 0.5,
    "RMSprop": 1e-3,
    "Rprop": 1e-3,
}
histories, rows = {}, []
for name, lr in mnist_lrs.items():
    generator = dnn_guide.seed_everything(777)
    model = dnn_guide.mlp([784, 128, 10]).to(data.X_train.device)
    cls, extra = OPTIMIZERS[name]
    optimizer = cls(model.parameters(), lr=lr, **extra)
    histories[name] = dnn_guide.fit(
        model,
        data.X_train,
        data.y_train,
        loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        epochs=EPOCHS,
        valid=(data.X_test, data.y_test),
        generator=generator,
        progress=False,
    )
    last = histories[name][-1]
    label = "LBFGS (max_iter=1)" if name == "LBFGS" else name
    rows.append([label, lr, f"{last['loss']:.4f}", f"{last['val_accuracy']:.4f}"])
print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test, {EPOCHS} epochs")
dnn_guide.Table(["optimizer", "lr", "train loss (last epoch)", "test accuracy"], rows)

# %%
fig, ax = plt.subplots(figsize=(6.5, 3.8))
for name, history in histories.items():
    ax.plot(
        [r["epoch"] for r in history],
        [r["val_loss"] for r in history],
        marker="o",
        label="LBFGS (max_iter=1)" if name == "LBFGS" else name,
    )
ax.set_xlabel("epoch")
ax.set_ylabel("test loss")
ax.set_yscale("log")
ax.legend(fontsize=7, ncol=2)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown] lang="ko"
# 결과는 학습률에 크게 좌우됩니다. 표는 "이 학습률에서" 어땠는지를 보여 줄 뿐, 어느 옵티마이저가 언제나 낫다는
# 뜻은 아닙니다. 원래 강의의 MNIST 실습은 9-1~9-5와 9-7 실습이 Adam(학습률 0.001), 9-6이 Adam(학습률 0.01)을 쓰고,
# 8-4는 손으로 짠 경사 하강법(학습률 0.5)입니다.

# %% [markdown] lang="en" ko="9259690120"
# The outcome depends heavily on the learning rate. The table shows how each did *at this learning rate*,
# not that one optimizer is always better. Of the course's MNIST labs, Labs 9-1 to 9-5 and 9-7 use Adam
# with learning rate 0.001, Lab 9-6 uses Adam with 0.01, and Lab 8-4 uses hand-written gradient descent
# (learning rate 0.5).
