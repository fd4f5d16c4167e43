# ---
# jupyter:
#   dnn_guide:
#     order: 40
#     number: null  # no notebook of the original course
#     title:
#       ko: "활성화 함수와 ReLU"
#       en: "Activation functions and ReLU"
#     summary:
#       ko: "함수와 도함수, 기울기 소실(vanishing gradient) 직접 측정하기, 죽은 ReLU"
#       en: "Functions and derivatives, the vanishing gradient measured, dead ReLUs"
#     originals: []
#     experiments: []
#     timed: false
#     exercises: "activations"
#     lecture: "Lab-09-1 ReLU"
# ---

# %% [markdown] lang="ko"
# 층을 아무리 쌓아도 활성화 함수(activation function)가 없으면 신경망은 선형 함수 하나와 같습니다. 이 페이지에서는
# 자주 쓰는 활성화 함수와 그 도함수(derivative)를 그려 보고, 시그모이드를 깊게 쌓을 때 입력 쪽 층의 기울기가
# 사라지는 기울기 소실(vanishing gradient)을 직접 측정합니다. 그리고 ReLU가 어떤 조건에서 이 문제를 덜 겪는지,
# 대신 어떤 문제(죽은 ReLU, dead ReLU)가 생기는지 확인합니다.
#
# !!! info "원본"
#     원래 저장소([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))에는 활성화 함수만
#     다루는 노트북이 없습니다. 강좌의 코드에서 ReLU는
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb)에
#     처음 나옵니다. 784-256-256-10 신경망의 `Linear` 층 사이에 `torch.nn.ReLU()`를 넣은 모델이고, 그 학습은
#     [9-1·9-2 MNIST](mnist-softmax-mlp.md) 페이지에서 다룹니다. 이 페이지는 강의([부스트코스 "파이토치로 시작하는 딥러닝
#     기초"](https://www.boostcourse.org/ai214), edwith)의 ReLU 설명을 따릅니다.
#
# !!! abstract "이 실습에서 배우는 것"
#     - 시그모이드, tanh, ReLU, leaky ReLU, ELU, SELU, GELU의 식과 도함수를 읽고, autograd로 그린 그래프와
#       맞춰 봅니다.
#     - 시그모이드 도함수의 최댓값이 0.25라는 사실로 기울기 소실을 설명하고, 깊은 신경망에서 층마다 기울기의 크기를
#       직접 측정합니다.
#     - ReLU가 기울기 소실을 피하려면 알맞은 가중치 초기화가 함께 있어야 한다는 것을 측정으로 확인합니다. 죽은
#       ReLU가 학습 전에도 있다는 것을 확인하고, 학습률에 따라 학습 중에 죽는 유닛이 몇 개인지 셉니다.
#     - 도함수와 leaky ReLU를 직접 구현하고 autograd·`torch.nn.functional`과 비교합니다.
#
# !!! info "먼저 알아 둘 것"
#     1부의 텐서, 자동 미분(autograd: `requires_grad`, `backward()`, `.grad`), 로지스틱 회귀의 시그모이드,
#     소프트맥스 회귀와 교차 엔트로피(cross-entropy, `F.cross_entropy`), `torch.optim.SGD`로 쓰는 학습 루프를
#     안다고 가정합니다. 이 파트의 [다층 퍼셉트론](xor-mlp.md)과 [역전파](backprop.md)(연쇄 법칙으로 기울기를 층마다
#     곱해 가는 계산)를 먼저 보면 좋습니다.

# %% [markdown] lang="en" ko="b59faea666"
# Without an activation function, any stack of layers is a single linear function. This page plots the
# common activation functions and their derivatives, then measures the vanishing gradient of a deep
# sigmoid network instead of just describing it. It checks under which condition ReLU suffers less from
# it, and which problem it brings instead (dead ReLUs).
#
# !!! info "Sources"
#     The original repository ([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))
#     has no notebook on activation functions alone. In the course's code ReLU first appears in
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb):
#     a 784-256-256-10 network with `torch.nn.ReLU()` between its `Linear` layers, trained on the
#     [9-1·9-2 MNIST](mnist-softmax-mlp.md) page. This page follows the ReLU part of the lecture
#     ([boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214), edwith).
#
# !!! abstract "What you will learn"
#     - Read the formulas of sigmoid, tanh, ReLU, leaky ReLU, ELU, SELU and GELU and of their derivatives, and
#       match them with the curves autograd draws.
#     - Explain the vanishing gradient from the sigmoid derivative's maximum of 0.25, and measure the size of
#       the gradient layer by layer in a deep network.
#     - Measure that ReLU avoids the vanishing gradient only with a suitable weight initialization. Count the
#       dead ReLUs that are there before training, and how many units die during training at each learning
#       rate.
#     - Implement the derivatives and leaky ReLU yourself and compare them with autograd and
#       `torch.nn.functional`.
#
# !!! info "Prerequisites"
#     From Part 1: tensors, automatic differentiation (autograd: `requires_grad`, `backward()`, `.grad`), the
#     sigmoid of logistic regression, softmax regression and cross-entropy (`F.cross_entropy`), and the
#     training loop with `torch.optim.SGD`. From this part, the [multi-layer perceptron](xor-mlp.md) and
#     [backpropagation](backprop.md) (the chain rule multiplying gradients layer by layer) help.

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.nn import functional as F

import dnn_guide

device = dnn_guide.get_device()

# %% [markdown] lang="ko"
# ## 함수와 도함수
#
# 파이토치에서 함수 이름은 `torch.sigmoid`, `torch.tanh`, `torch.relu`, `F.leaky_relu(x, 0.01)`, `F.elu`,
# `F.selu`, `F.gelu`입니다. 이 안내서가 바탕으로 삼은 강의 노트에는 `torch.nn.sigmoid(x)`라고 적혀 있지만 그런
# 함수는 없습니다(함수는 `torch.sigmoid`, 층은 `nn.Sigmoid()`이고, 원래 노트북에는 이 오타가 없습니다). 아래 그림의
# 도함수는 손으로 쓴 식이 아니라 autograd가 구한 값입니다.

# %% [markdown] lang="en" ko="c050e8ed48"
# ## The functions and their derivatives
#
# In PyTorch the functions are `torch.sigmoid`, `torch.tanh`, `torch.relu`, `F.leaky_relu(x, 0.01)`,
# `F.elu`, `F.selu` and `F.gelu`. The lecture notes this guide was made from write `torch.nn.sigmoid(x)`,
# but no such function exists (the function is `torch.sigmoid` and the layer `nn.Sigmoid()`; the original
# notebooks do not have this typo). The derivatives in the figure below come from autograd, not from
# hand-written formulas.

# %%
functions = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": torch.relu,
    "leaky ReLU (0.01)": lambda x: F.leaky_relu(x, 0.01),
    "ELU": F.elu,
    "SELU": F.selu,
    "GELU": F.gelu,
}
x = torch.linspace(-4, 4, 401, requires_grad=True)
fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 3.8))
for name, f in functions.items():
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    ax_f.plot(x.detach(), y.detach(), label=name)
    ax_d.plot(x.detach(), dy, label=name)
ax_f.set_title("f(x)")
ax_d.set_title("f'(x)  (autograd)")
for ax in (ax_f, ax_d):
    ax.grid(alpha=0.3)
    ax.set_xlabel("x")
ax_f.set_ylim(-2, 4)
ax_d.legend(fontsize=8)
plt.show()

# %% [markdown] lang="ko"
# 그림의 곡선을 식으로 쓰면 다음과 같습니다. 도함수 열은 그래프가 꺾이는 점 x = 0에서 파이토치 autograd가 쓰는
# 값까지 맞춘 것입니다(ReLU는 0, leaky ReLU는 a). tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)이고, Φ는 표준 정규분포의 누적분포함수, φ는 그 밀도
# 함수입니다. 파이토치의 기본값은 leaky ReLU의 a = 0.01, ELU의 α = 1이고, SELU의 λ와 α는
# 논문(Klambauer 등, 2017)이 정한 상수입니다. 그 값은 아래 코드가 `F.selu`에서 읽어 출력합니다.
#
# $$
# \begin{array}{lll}
#  & f(x) & f'(x) \\ \hline
# \text{sigmoid} & \sigma(x) = 1 / (1 + e^{-x}) & \sigma(x)\,\bigl(1 - \sigma(x)\bigr) \\[4pt]
# \text{tanh} & \tanh x & 1 - \tanh^2 x \\[4pt]
# \text{ReLU} & \max(0, x) & 1 \ (x > 0), \quad 0 \ (x \le 0) \\[4pt]
# \text{leaky ReLU} & x \ (x > 0), \quad a x \ (x \le 0) & 1 \ (x > 0), \quad a \ (x \le 0) \\[4pt]
# \text{ELU} & x \ (x > 0), \quad \alpha (e^{x} - 1) \ (x \le 0) & 1 \ (x > 0), \quad \alpha e^{x} \ (x \le 0) \\[4pt]
# \text{SELU} & \lambda x \ (x > 0), \quad \lambda \alpha (e^{x} - 1) \ (x \le 0) & \lambda \ (x > 0), \quad \lambda \alpha e^{x} \ (x \le 0) \\[4pt]
# \text{GELU} & x\,\Phi(x) & \Phi(x) + x\,\varphi(x)
# \end{array}
# $$

# %% [markdown] lang="en" ko="81f0f55fdc"
# The curves of the figure, as formulas. The derivative column matches what PyTorch's autograd uses even at
# the kink x = 0 (0 for ReLU, a for leaky ReLU). tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ); Φ is the cumulative distribution function of the
# standard normal distribution and φ its density. PyTorch's defaults are a = 0.01 for leaky ReLU
# and α = 1 for ELU; SELU's λ and α are constants fixed by its paper (Klambauer et al.,
# 2017), and the code below reads them off `F.selu` and prints them.
#
# $$
# \begin{array}{lll}
#  & f(x) & f'(x) \\ \hline
# \text{sigmoid} & \sigma(x) = 1 / (1 + e^{-x}) & \sigma(x)\,\bigl(1 - \sigma(x)\bigr) \\[4pt]
# \text{tanh} & \tanh x & 1 - \tanh^2 x \\[4pt]
# \text{ReLU} & \max(0, x) & 1 \ (x > 0), \quad 0 \ (x \le 0) \\[4pt]
# \text{leaky ReLU} & x \ (x > 0), \quad a x \ (x \le 0) & 1 \ (x > 0), \quad a \ (x \le 0) \\[4pt]
# \text{ELU} & x \ (x > 0), \quad \alpha (e^{x} - 1) \ (x \le 0) & 1 \ (x > 0), \quad \alpha e^{x} \ (x \le 0) \\[4pt]
# \text{SELU} & \lambda x \ (x > 0), \quad \lambda \alpha (e^{x} - 1) \ (x \le 0) & \lambda \ (x > 0), \quad \lambda \alpha e^{x} \ (x \le 0) \\[4pt]
# \text{GELU} & x\,\Phi(x) & \Phi(x) + x\,\varphi(x)
# \end{array}
# $$

# %%
selu_lambda = F.selu(torch.tensor(1.0)).item()  # f(1) = λ
selu_alpha = -F.selu(torch.tensor(-50.0)).item() / selu_lambda  # f(x) → -λα as x → -∞
print(f"SELU's constants: λ = {selu_lambda:.4f}, α = {selu_alpha:.4f}")

x0 = torch.tensor(0.0, requires_grad=True)
(d_sigmoid,) = torch.autograd.grad(torch.sigmoid(x0), x0)
print(f"largest slope of the sigmoid: {d_sigmoid.item():.2f} (at x = 0)")
print(f"that slope multiplied 10 times (10 sigmoid layers): {d_sigmoid.item() ** 10:.1e}")

# %% [markdown] lang="ko"
# ## 기울기 소실
#
# 역전파(backpropagation)는 연쇄 법칙(chain rule)으로 기울기를 출력층에서 입력층 쪽으로 한 층씩 곱해 갑니다. 층
# l의 출력이 `hₗ = σ(zₗ)`, `zₗ = Wₗ·hₗ₋₁ + bₗ`이면, 한 층을 거슬러 올라갈 때마다
#
#     ∂L/∂hₗ₋₁ = Wₗᵀ · (σ′(zₗ) ⊙ ∂L/∂hₗ)        (⊙: 원소별 곱)
#
# 처럼 활성화 함수의 도함수 σ′(zₗ)과 가중치 행렬 Wₗ이 한 번씩 곱해집니다. 위 출력처럼 시그모이드의
# 도함수는 아무리 커도 0.25이므로, 활성화 함수 부분만 보면 층 하나를 지날 때마다 기울기가 4분의 1 이하로 줄고,
# 시그모이드 층 10개를 지나면 0.25¹⁰(위에 출력한 `{python} f"{d_sigmoid.item() ** 10:.1e}"`)배 이하로 줄어듭니다.
# 그래서 깊은 시그모이드 신경망에서는 입력에 가까운 층의 기울기가 기하급수적으로 작아질 수 있습니다.
#
# ReLU의 도함수는 입력이 양수면 1, 음수면 0입니다. 기울기를 줄이지 않고 그대로 보내거나 아예 막습니다. 그런데
# 가중치가 0을 중심으로 대칭이면 유닛의 절반가량은 입력이 음수라서, 그 유닛들로는 기울기가 흐르지 않습니다.
# He 등(2015)은 ReLU 층마다 순전파에서는 활성값의 분산에, 역전파에서는 기울기의 분산에 평균적으로 ½이 곱해진다는
# 것을 보이고, 이 ½을 메우도록 가중치의 분산을 2 / fan_in(fan_in은 층의 입력 수)으로 잡는 초기화를 제안했습니다.
# 이것이 He 초기화입니다. 2 / fan_in은 순전파에서 얻은 조건이고, 역전파에서는 2 / fan_out(fan_out은 층의 출력 수)이
# 나오는데, 논문은 둘 중 하나만 맞춰도 된다고 보였습니다(`nn.init.kaiming_normal_`의 기본값은 fan_in). 파이토치의 `nn.Linear` 기본 초기화는 가중치를 U(−1/√fan_in, 1/√fan_in)에서 뽑으므로 분산이
# 1 / (3·fan_in), He 초기화의 6분의 1입니다. 역전파는 층마다 가중치 행렬도 곱하므로, 기울기가 크기를
# 유지하는지는 가중치 초기화(weight initialization)에도 달려 있습니다.
#
# ### 측정하기
#
# MNIST(문서 빌드에서는 패키지에 든 표본) 위에 은닉층 10개(폭 128)짜리 신경망을 세 가지로 만듭니다: 시그모이드,
# ReLU(파이토치 기본 초기화), ReLU + He 초기화(He 초기화는 [가중치 초기화](weight-init.md) 페이지에서 다룹니다).
# 신경망은 `nn.Linear`와 활성화 층을 번갈아 `nn.Sequential`에 넣어 만들고, He 초기화는 `nn.init.kaiming_normal_`로
# 가중치를 다시 채웁니다. 층마다 가중치 기울기의 크기(L2 노름)를 초기화 직후와, SGD(학습률 0.1)로 200 스텝 학습한
# 뒤에 측정하고, 나머지 조건은 같습니다. 학습 루프는 아래 `train`에 그대로 적었습니다. 에폭마다 순서를 섞고,
# 100장짜리 배치마다 순전파, 손실, 기울기 초기화, 역전파, 갱신을 합니다.

# %% [markdown] lang="en" ko="85cb8114d7"
# ## The vanishing gradient
#
# Backpropagation multiplies the gradient layer by layer, from the output back to the input, by the chain
# rule. With layer l's output `hₗ = σ(zₗ)`, `zₗ = Wₗ·hₗ₋₁ + bₗ`, each layer on the way back multiplies in the
# activation's derivative σ′(zₗ) and the weight matrix Wₗ once:
#
#     ∂L/∂hₗ₋₁ = Wₗᵀ · (σ′(zₗ) ⊙ ∂L/∂hₗ)        (⊙: elementwise product)
#
# As printed above, the sigmoid's derivative is at most 0.25, so as far as the activations go the gradient
# shrinks to a quarter or less at every layer, and after 10 sigmoid layers to at most 0.25¹⁰
# (`{python} f"{d_sigmoid.item() ** 10:.1e}"`, printed above) of its size. In a deep sigmoid network the
# gradients of the layers near the input can therefore shrink exponentially.
#
# ReLU's derivative is 1 for a positive input and 0 for a negative one: it passes the gradient unchanged or
# blocks it. With weights symmetric around 0, though, about half the units get a negative input, and no
# gradient flows through them. He et al. (2015) showed that at every ReLU layer the variance is multiplied by
# ½ on average, that of the activations going forward and that of the gradient going back, and proposed
# drawing the weights with variance 2 / fan_in (fan_in: the layer's number of inputs) to make up for that ½:
# He initialization. 2 / fan_in comes from the forward pass; the backward pass gives 2 / fan_out (fan_out: the
# layer's number of outputs), and the paper shows that either one is enough (`nn.init.kaiming_normal_` uses
# fan_in by default). PyTorch's
# default for `nn.Linear` draws weights from U(−1/√fan_in, 1/√fan_in), a variance of 1 / (3·fan_in), a sixth of
# He's. Since backpropagation also multiplies by each layer's weight matrix, whether the gradient keeps its
# size depends on the weight initialization too.
#
# ### Measuring it
#
# On MNIST (the package's sample in the docs build), build a network of 10 hidden layers of width 128 three
# ways: sigmoid, ReLU (PyTorch's default initialization), and ReLU with He initialization (covered on the
# [weight initialization](weight-init.md) page). The networks are `nn.Linear` and activation layers taking
# turns in an `nn.Sequential`; He initialization refills the weights with `nn.init.kaiming_normal_`. Measure
# the size (L2 norm) of each layer's weight gradient right after initialization and after 200 steps of SGD
# (learning rate 0.1), all else equal. The training loop is written out in `train` below: a new order every
# epoch, then for each batch of 100 the forward pass, the loss, zeroing the gradients, backpropagation and
# the update.

# %%
data = dnn_guide.load_mnist(device=device)
print(f"MNIST: {data.source}, {len(data.X_train)} training images")


def make_mlp(sizes, activation, he_init=False):
    """nn.Linear and activation layers taking turns; no activation after the output layer."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), activation()]
    model = nn.Sequential(*layers[:-1])
    if he_init:  # He et al. 2015: Var(W) = 2 / fan_in, for ReLU
        for layer in model:
            if isinstance(layer, nn.Linear):
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
    return model.to(device)


def train(model, optimizer, steps, generator, batch_size=100):
    """`steps` steps of mini-batch training, with a new shuffled order every epoch."""
    model.train()
    step = 0
    while step < steps:
        order = torch.randperm(len(data.X_train), generator=generator).to(device)
        for start in range(0, len(order), batch_size):
            index = order[start : start + batch_size]
            loss = F.cross_entropy(model(data.X_train[index]), data.y_train[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step == steps:
                return


def gradient_norms(activation, he_init, steps):
    """||dL/dW|| of each nn.Linear, input layer first, on 1,000 training images after `steps` steps."""
    generator = dnn_guide.seed_everything(0)
    model = make_mlp([784] + [128] * 10 + [10], activation, he_init)
    train(model, torch.optim.SGD(model.parameters(), lr=0.1), steps, generator)
    model.zero_grad()
    F.cross_entropy(model(data.X_train[:1000]), data.y_train[:1000]).backward()
    return [layer.weight.grad.norm().item() for layer in model if isinstance(layer, nn.Linear)]


setups = {"sigmoid": (nn.Sigmoid, False), "ReLU": (nn.ReLU, False), "ReLU + He": (nn.ReLU, True)}
norms = {(name, steps): gradient_norms(*setups[name], steps) for name in setups for steps in (0, 200)}
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for (act, steps), values in norms.items():
    ax.plot(
        range(1, len(values) + 1),
        values,
        marker="o",
        linestyle="-" if steps == 0 else "--",
        label=f"{act}, {'at init' if steps == 0 else f'after {steps} steps'}",
    )
ax.set_yscale("log")
ax.set_xlabel("layer (1 = next to the input)")
ax.set_ylabel("||dL/dW||")
ax.legend(fontsize=8)
ax.grid(alpha=0.3)
plt.show()
ratio = {setup: v[0] / v[-1] for setup, v in norms.items()}  # layer 1 ÷ layer 11
dnn_guide.Table(
    ["network", "layer 1", "layer 11 (output)", "layer 1 ÷ layer 11"],
    [[f"{a}, {s} steps", f"{v[0]:.2e}", f"{v[-1]:.2e}", f"{ratio[a, s]:.1e}"] for (a, s), v in norms.items()],
)

# %%
# The ReLU + He network at initialization: in each hidden layer, the share of units whose input is positive
# (ReLU's derivative 1), averaged over the first 1,000 training images
X_probe = data.X_train[:1000]  # also the images the dead units are counted on, further down
dnn_guide.seed_everything(0)
model = make_mlp([784] + [128] * 10 + [10], nn.ReLU, he_init=True)
h, positive = X_probe, []
with torch.no_grad():
    for layer in model:
        h = layer(h)
        if isinstance(layer, nn.ReLU):
            positive.append((h > 0).float().mean().item())
print(
    f"units with a positive input, averaged over {len(X_probe):,} images, hidden layers 1 to 10:",
    " ".join(f"{share:.0%}" for share in positive),
)

# %% [markdown] lang="ko"
# 표의 마지막 열은 입력 쪽 첫 층의 기울기를 출력층의 기울기로 나눈 비율입니다. 시그모이드 신경망에서는 이 비율이
# 초기화 직후 `{python} f"{ratio['sigmoid', 0]:.1e}"`, 200 스텝 뒤 `{python} f"{ratio['sigmoid', 200]:.1e}"`입니다.
# SGD는 가중치를 학습률 × 기울기만큼 옮기므로, 한 스텝에 첫 층의 가중치가 움직이는 크기를 출력층 가중치가 움직이는
# 크기로 나눈 값도 이 비율입니다. 기본 초기화의 ReLU 신경망에서는 초기화 직후 `{python} f"{ratio['ReLU', 0]:.1e}"`,
# 200 스텝 뒤 `{python} f"{ratio['ReLU', 200]:.1e}"`입니다. 같은 ReLU 신경망도 He 초기화를 쓰면 초기화 직후
# `{python} f"{ratio['ReLU + He', 0]:.1f}"`, 200 스텝 뒤 `{python} f"{ratio['ReLU + He', 200]:.1f}"`입니다. 표 아래 출력처럼 He 초기화 신경망에서 양수 입력을
# 받는 유닛의 비율은 이미지 `{python} f"{len(X_probe):,}"`장 평균으로 은닉층마다 `{python} f"{min(positive):.0%}"`에서
# `{python} f"{max(positive):.0%}" + ("로 절반가량" if 0.4 < min(positive) and max(positive) < 0.6 else "")`입니다. 나머지 유닛에서는
# ReLU의 도함수가 0이고, He 초기화는 바로 이 ½을 가중치의 분산으로 메웁니다. ReLU는 알맞은 초기화와 함께 쓸 때
# 기울기 소실을 피합니다([가중치 초기화](weight-init.md) 실습).
#
# ## 죽은 ReLU
#
# ReLU는 입력이 음수면 출력도 기울기도 0입니다. 어떤 유닛이 모든 입력에서 음수만 받으면, 그 유닛으로 들어오는
# 가중치와 편향의 기울기도 0이 되어 갱신되지 않습니다. 이런 유닛을 "죽은(dead)" 유닛이라고 합니다. 첫 번째
# 은닉층의 유닛은 입력이 고정된 이미지라서 한번 죽으면 되살아나지 않습니다. 더 깊은 층의 유닛은 앞 층의 가중치가
# 바뀌면 입력이 달라지므로 되살아날 수 있습니다(연습 5).
#
# `nn.Linear`와 `nn.ReLU()`를 번갈아 쌓은 784-128-128-128-10 신경망으로 직접 세어 봅니다. 층을 쌓는 방식은 원래
# 9-2 실습과 같지만, 9-2의 신경망은 784-256-256-10이고 가중치를 $N(0, 1)$로 초기화해 Adam으로 학습합니다. 여기서는
# 파이토치 기본 초기화와 SGD를 씁니다. 학습 이미지 `{python} f"{len(data.X_train):,}"`장 중 앞의 `{python} f"{len(X_probe):,}"`장에서 한 번도
# 0보다 큰 값을 내지 않은 유닛을 죽은 유닛으로 셉니다. 그러니 이 수는 이 `{python} f"{len(X_probe):,}"`장에서 죽어 있는 유닛의 수이고,
# 나머지 이미지에서는 그중 일부가 0보다 큰 값을 낼 수도 있습니다. 먼저 학습 전(시드 0의 초기 가중치)에 한 번
# 세고, 같은 초기 가중치에서 학습률 세 가지로 2 에폭씩 학습한 뒤에 다시 셉니다. 유닛마다 학습 전과 후를 비교하면
# 학습 중에 새로 죽은 유닛과 되살아난 유닛도 셀 수 있습니다. 정확도는 평가 모드(`model.eval()`)에서
# `torch.no_grad()`로 잽니다.

# %% [markdown] lang="en" ko="731b09e699"
# The last column is the first layer's gradient divided by the output layer's. In the sigmoid network this
# ratio is `{python} f"{ratio['sigmoid', 0]:.1e}"` right after initialization and `{python} f"{ratio['sigmoid', 200]:.1e}"`
# after 200 steps. SGD moves the weights by the learning rate times the gradient, so per step the first
# layer's weights move that fraction of the output layer's. In the ReLU network with the default initialization it
# is `{python} f"{ratio['ReLU', 0]:.1e}"` right after initialization and `{python} f"{ratio['ReLU', 200]:.1e}"` after
# 200 steps. With He initialization the same ReLU network has `{python} f"{ratio['ReLU + He', 0]:.1f}"` and
# `{python} f"{ratio['ReLU + He', 200]:.1f}"`. As printed
# under the table, in the He-initialized network, on average over the `{python} f"{len(X_probe):,}"` images, between
# `{python} f"{min(positive):.0%}"` and `{python} f"{max(positive):.0%}"` of each hidden layer's units get a positive
# input`{python} ": about half" if 0.4 < min(positive) and max(positive) < 0.6 else ""`. For the others ReLU's
# derivative is 0, and He initialization makes up for exactly this ½ with the weights' variance. ReLU avoids
# the vanishing gradient together with a suitable initialization (the [weight initialization](weight-init.md)
# lab).
#
# ## Dead ReLUs
#
# For a negative input ReLU outputs 0 and passes a gradient of 0. When a unit gets only negative inputs, for
# every sample, the gradients of the weights and the bias feeding it are 0 as well, and they are not
# updated: the unit is "dead". A unit of the first hidden layer, whose inputs are the fixed images, stays
# dead. A unit of a deeper layer can come back when the weights of the layers before it change its inputs
# (exercise 5).
#
# Count them in a 784-128-128-128-10 network of `nn.Linear` and `nn.ReLU()` layers taking turns. The layers
# are stacked as in the original Lab 9-2, but 9-2's network is 784-256-256-10 with weights drawn from
# $N(0, 1)$, trained with Adam; here it has PyTorch's default initialization and SGD. A unit counts as dead
# when it never outputs a positive value on the first `{python} f"{len(X_probe):,}"` of the `{python} f"{len(data.X_train):,}"` training
# images. So the count is of units dead on these `{python} f"{len(X_probe):,}"` images; some of them may output positive values on
# the other images. Count once before training (the initial weights of seed 0), and again after 2 epochs of
# training from the same initial weights at each of three learning rates. Comparing each unit before and
# after training also counts the units that died during training and those that came back. The accuracy is
# measured in eval mode (`model.eval()`) under `torch.no_grad()`.


# %%
def dead_units(model, X):
    """For each ReLU layer: a True/False tensor, True for the units that output 0 for every row of X."""
    dead = []
    h = X
    with torch.no_grad():
        for layer in model:
            h = layer(h)
            if isinstance(layer, nn.ReLU):
                dead.append(h.amax(0) == 0)
    return dead


def test_accuracy(model):
    model.eval()
    with torch.no_grad():
        return (model(data.X_test).argmax(1) == data.y_test).float().mean().item()


def table_row(label, dead, accuracy):
    return [label, *(f"{d.float().mean().item():.1%}" for d in dead), f"{accuracy:.4f}"]


dnn_guide.seed_everything(0)
model = make_mlp([784, 128, 128, 128, 10], nn.ReLU)  # the initial weights every run below starts from
dead_before, accuracy_before = dead_units(model, X_probe), test_accuracy(model)
rows = [table_row("before training", dead_before, accuracy_before)]
two_epochs = 2 * len(data.X_train) // 100  # 2 epochs, in steps of 100 images
dead_after, accuracies = {}, {}
for lr in (0.01, 0.1, 1.0):
    generator = dnn_guide.seed_everything(0)
    model = make_mlp([784, 128, 128, 128, 10], nn.ReLU)
    train(model, torch.optim.SGD(model.parameters(), lr=lr), two_epochs, generator)
    dead_after[lr], accuracies[lr] = dead_units(model, X_probe), test_accuracy(model)
    rows.append(table_row(f"SGD lr {lr}, 2 epochs", dead_after[lr], accuracies[lr]))
dnn_guide.Table(
    ["network", f"dead units on {len(X_probe):,} images, layer 1", "layer 2", "layer 3", "test accuracy"], rows
)

# %%
print(f"dead before training: {[int(d.sum()) for d in dead_before]} units (layers 1, 2, 3; 128 units each)")
died, revived = {}, {}
for lr, dead in dead_after.items():
    died[lr] = [int((after & ~before).sum()) for after, before in zip(dead, dead_before)]
    revived[lr] = [int((~after & before).sum()) for after, before in zip(dead, dead_before)]
    print(f"lr = {lr}: died during training {died[lr]}, dead ones that came back {revived[lr]}")
best = max(accuracies, key=accuracies.get)
print(f"best test accuracy: lr = {best} ({accuracies[best]:.4f})")

# %% [markdown] lang="ko"
# 학습 전에 죽어 있던 유닛은 층마다 128개 중 `{python} ", ".join(str(int(d.sum())) for d in dead_before)`개입니다
# (표의 첫 행과 위 출력의 첫 줄). 학습률 0.01에서 학습 중에 새로 죽은 유닛은 세 층을 합해 `{python} sum(died[0.01])`개,
# 되살아난 유닛은 `{python} sum(revived[0.01])`개입니다. 셋째 층의 죽은 유닛은 학습률 0.01에서
# `{python} int(dead_after[0.01][2].sum())`개, 0.1에서 `{python} int(dead_after[0.1][2].sum())`개입니다. 학습 전에 죽어 있던 셋째
# 층 유닛 `{python} int(dead_before[2].sum())`개 가운데 0.01에서는 `{python} revived[0.01][2]`개, 0.1에서는
# `{python} revived[0.1][2]`개가 되살아났습니다. 첫 번째 은닉층이 아닌 층의 유닛은 앞 층의 가중치가 바뀌면 입력이
# 달라지므로 이렇게 되살아날 수 있습니다(연습 5). 학습률 1.0에서는 학습 중에 `{python} sum(died[1.0])`개가 죽었고(0.01:
# `{python} sum(died[0.01])`개, 0.1: `{python} sum(died[0.1])`개), 테스트 정확도는 `{python} f"{accuracies[1.0]:.4f}"`입니다
# (0.1: `{python} f"{accuracies[0.1]:.4f}"`). 학습률 0.01에서는 2 에폭(`{python} two_epochs` 스텝) 뒤에도 정확도가
# `{python} f"{accuracies[0.01]:.4f}"`(학습 전 `{python} f"{accuracy_before:.4f}"`)입니다.
# `{python} "학습률 0.1에서는 학습 중에 죽은 유닛이 더 많았는데도 정확도가 더 높았으니, 0.01의 낮은 정확도는 죽은 유닛 때문이 아니라 학습률이 작아 같은 스텝 동안 덜 배운 탓입니다." if accuracies[0.1] > accuracies[0.01] and sum(died[0.1]) > sum(died[0.01]) else ""`
#
# 음수 입력에서도 기울기가 0이 되지 않는 변형도 있습니다. leaky ReLU는 음수 구간에 작은 기울기 a(기본 0.01)를 두어
# 유닛이 죽지 않게 합니다. ELU의 음수 구간 기울기 αeˣ는 x = 0에서 α(기본 1)이고 입력이 작아질수록 0에 가까워집니다.
# ELU 논문(Clevert 등, 2016)이 내세운 목표는 죽은 유닛이 아니라 평균이었습니다. 음수 출력으로 활성값의 평균을 0에
# 가깝게 만들어 학습을 빠르게 하는 것입니다. 9-7 실습의 SELU는 ELU의 α와 배율 λ를 정해진 상수로 둔 함수로, 층을 지나도 활성값의 평균 0,
# 분산 1이 유지되게 하는 자기 정규화(self-normalizing)를 위해 만들어졌습니다.

# %% [markdown] lang="en" ko="3e77a414e1"
# Before training, of the 128 units in each layer, `{python} ", ".join(str(int(d.sum())) for d in dead_before)` are
# dead (the table's first row and the first line printed under it). At learning rate 0.01,
# `{python} sum(died[0.01])` units in the three layers died during training and `{python} sum(revived[0.01])` came back.
# Layer 3 has `{python} int(dead_after[0.01][2].sum())` dead units after learning rate 0.01 and
# `{python} int(dead_after[0.1][2].sum())` after 0.1. Of the `{python} int(dead_before[2].sum())` layer-3 units dead
# before training, `{python} revived[0.01][2]` came back at 0.01 and `{python} revived[0.1][2]` at 0.1: a unit outside
# the first hidden layer can come back when the weights of the layers before it change its inputs (exercise 5).
# At learning rate 1.0, `{python} sum(died[1.0])` units died during training (0.01: `{python} sum(died[0.01])`, 0.1:
# `{python} sum(died[0.1])`), and the test accuracy is `{python} f"{accuracies[1.0]:.4f}"` (0.1:
# `{python} f"{accuracies[0.1]:.4f}"`). At learning rate 0.01 the accuracy after 2 epochs (`{python} two_epochs` steps) is
# `{python} f"{accuracies[0.01]:.4f}"` (before training: `{python} f"{accuracy_before:.4f}"`).
# `{python} "At 0.1 more units died during training and yet the accuracy is higher, so what holds 0.01 back is not dead units: so small a rate learns less in the same number of steps." if accuracies[0.1] > accuracies[0.01] and sum(died[0.1]) > sum(died[0.01]) else ""`
#
# Some variants never give a zero gradient for negative inputs. Leaky ReLU keeps a small slope a (0.01 by
# default) there, so its units cannot die. ELU's slope for negative inputs, αeˣ, is α (1 by default) at
# x = 0 and goes to 0 as the input decreases. Its paper (Clevert et al., 2016) aimed not at dead units but at
# the mean: ELU's negative outputs push the mean activation toward 0, which speeds up learning. SELU (Lab 9-7) is ELU with
# α and a scale λ fixed to particular constants, designed for self-normalization: keeping activations near
# mean 0 and variance 1 from layer to layer.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸 함수를 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 입력으로 autograd나
# `torch.nn.functional`과 비교하고, 틀렸으면 무엇이 틀렸는지 알려 줍니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: ReLU의 도함수"
#     텐서 `x`의 원소마다 ReLU의 도함수 값을 돌려주는 `relu_grad(x)`를 완성하세요. 위 표의 식을 따르되, 파이토치처럼
#     x = 0에서는 0을 돌려줍니다. 결과는 모양과 자료형(dtype)이 `x`와 같은 실수 텐서여야 합니다. 비교 결과
#     `x > 0`은 True/False 텐서이므로 `.to(x.dtype)`로 바꿉니다. 체커는 0이 섞인 무작위 입력에서 autograd가 구한
#     기울기와 비교합니다.

# %% [markdown] lang="en" ko="3fcb8f8ce8"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker compares
# it with autograd or `torch.nn.functional` on fresh random inputs and, when it is wrong, says what is wrong.
# The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: ReLU's derivative"
#     Complete `relu_grad(x)`, which returns ReLU's derivative at each element of the tensor `x`. Follow the
#     table's formula and, as PyTorch does, return 0 at x = 0. The result must be a floating-point tensor
#     with the shape and dtype of `x`; the comparison `x > 0` is a True/False tensor, so convert it with
#     `.to(x.dtype)`. The checker compares it with autograd's gradient on random inputs that include zeros.

# %%
from dnn_guide.exercises.activations import check_leaky_relu, check_relu_grad, check_sigmoid_grad


# %% exercise=true
def relu_grad(x):
    # your code: 1 where x > 0, 0 elsewhere, as a float tensor like x
    raise NotImplementedError


check_relu_grad(relu_grad)


# %% solution=true
def relu_grad(x):
    return (x > 0).to(x.dtype)


check_relu_grad(relu_grad)

# %% [markdown] lang="ko"
# !!! question "연습 2: 시그모이드의 도함수"
#     시그모이드의 도함수 `σ′(x) = σ(x)·(1 − σ(x))`를 계산하는 `sigmoid_grad(x)`를
#     완성하세요(`torch.sigmoid`는 써도 됩니다). 체커는 autograd가 구한 기울기와 비교합니다.

# %% [markdown] lang="en" ko="68dd92ae0a"
# !!! question "Exercise 2: the sigmoid's derivative"
#     Complete `sigmoid_grad(x)`, which computes the sigmoid's derivative
#     `σ′(x) = σ(x)·(1 − σ(x))` (`torch.sigmoid` is allowed). The checker compares it
#     with autograd's gradient.


# %% exercise=true
def sigmoid_grad(x):
    # your code: s = torch.sigmoid(x), then the derivative written with s
    raise NotImplementedError


check_sigmoid_grad(sigmoid_grad)


# %% solution=true
def sigmoid_grad(x):
    s = torch.sigmoid(x)
    return s * (1 - s)


print(f"sigmoid_grad at 0: {sigmoid_grad(torch.tensor(0.0)).item()}")
check_sigmoid_grad(sigmoid_grad)

# %% [markdown] lang="ko"
# !!! question "연습 3: leaky ReLU"
#     양수 입력은 그대로, 음수 입력은 `slope`를 곱해 돌려주는 `leaky_relu(x, slope)`를 `F.leaky_relu` 없이
#     완성하세요. `torch.where(조건, 참일 때 값, 거짓일 때 값)`이 원소마다 둘 중 하나를 고릅니다. 체커는 여러
#     `slope`에서 `F.leaky_relu`와 비교합니다.

# %% [markdown] lang="en" ko="ac42089b4b"
# !!! question "Exercise 3: leaky ReLU"
#     Without `F.leaky_relu`, complete `leaky_relu(x, slope)`, which returns positive inputs unchanged and
#     negative inputs multiplied by `slope`. `torch.where(condition, value_if_true, value_if_false)` picks one
#     of the two for each element. The checker compares it with `F.leaky_relu` for several slopes.


# %% exercise=true
def leaky_relu(x, slope):
    # your code: torch.where(x > 0, ..., ...)
    raise NotImplementedError


check_leaky_relu(leaky_relu)


# %% solution=true
def leaky_relu(x, slope):
    return torch.where(x > 0, x, slope * x)


check_leaky_relu(leaky_relu)

# %% [markdown] lang="ko"
# !!! question "연습 4: 10층이면 얼마나 줄어드나"
#     은닉층 10개짜리 시그모이드 신경망에서 활성화 함수의 도함수만 보면, 첫 층의 기울기는 출력층의 기울기의 최대
#     몇 배일 수 있나요(곧 적어도 얼마나 줄어드나요)? 위 측정 표의 시그모이드 비율은 그 값보다 큰가요, 작은가요?
#     왜 그럴까요?
#
#     ??? success "답"
#         역전파는 시그모이드 층마다 도함수를 한 번씩 곱하고 그 값은 0.25 이하이므로, 활성화 함수만 보면 첫 층의
#         기울기는 출력층의 기울기의 최대 0.25¹⁰배(위에 출력한 `{python} f"{d_sigmoid.item() ** 10:.1e}"`)입니다. 곧 적어도
#         백만 분의 1 정도로 줄어듭니다. 측정 표의 시그모이드 비율(초기화 직후 `{python} f"{ratio['sigmoid', 0]:.1e}"`)은
#         그보다 `{python} "작습니다. 0.25¹⁰은 도함수만, 그것도 최댓값으로 센 값이고, 층마다 곱해지는 가중치 행렬도 기울기를 줄이기 때문입니다. 폭이 같은 층 사이에서 기본 초기화의 분산 1 / (3·fan_in)이면 Wₗᵀ를 한 번 곱할 때마다 기울기의 크기가 평균 약 1/√3배가 됩니다" if ratio['sigmoid', 0] < d_sigmoid.item() ** 10 else "큽니다. 0.25¹⁰은 도함수만 센 값이고, 가중치 행렬과 층의 입력이 기울기를 키울 수 있기 때문입니다"`.
#         역전파에서 층마다 곱해지는 가중치 행렬 Wₗᵀ도 기울기의 크기를 바꾸므로, 활성화 함수의 도함수와 가중치 초기화를
#         함께 봐야 합니다. 가중치의 기울기
#         `∂L/∂Wₗ = δₗ·hₗ₋₁ᵀ`(δₗ은 층 l의 `∂L/∂zₗ`)에는 그 층의 입력 hₗ₋₁도 곱해지므로, 표의 비율은 층마다 다른 입력의
#         크기에도 달려 있습니다.

# %% [markdown] lang="en" ko="edd8c8ebf0"
# !!! question "Exercise 4: how much smaller after 10 layers?"
#     In the sigmoid network with 10 hidden layers, counting only the activations' derivatives, at most what
#     fraction of the output layer's gradient can the first layer's gradient be (that is, by at least how
#     much does it shrink)? Is the sigmoid ratio in the measured table above larger or smaller than that, and
#     why?
#
#     ??? success "Answer"
#         Backpropagation multiplies in the derivative once per sigmoid layer, and it is at most 0.25, so as
#         far as the activations go the first layer's gradient is at most 0.25¹⁰
#         (`{python} f"{d_sigmoid.item() ** 10:.1e}"`, printed above) times the output layer's: it shrinks to about a
#         millionth or less. The measured sigmoid ratio in the table (`{python} f"{ratio['sigmoid', 0]:.1e}"` right
#         after initialization) is `{python} "smaller still: 0.25¹⁰ counts only the derivatives, at their maximum, and the weight matrix multiplied in at every layer shrinks the gradient too: between layers of the same width, the default variance 1 / (3·fan_in) makes each Wₗᵀ scale it by about 1/√3 on average" if ratio['sigmoid', 0] < d_sigmoid.item() ** 10 else "larger: 0.25¹⁰ counts the derivatives only, and the weight matrices and the layers' inputs can make the gradient larger"`.
#         The weight matrices Wₗᵀ multiplied in at each layer change the gradient's size as well, so the
#         activation's derivative and the weight initialization have to be looked at together. The weight gradient `∂L/∂Wₗ = δₗ·hₗ₋₁ᵀ` (δₗ
#         being layer l's `∂L/∂zₗ`) also multiplies in the layer's input hₗ₋₁, so the table's ratio depends on
#         the size of each layer's input as well.

# %% [markdown] lang="ko"
# !!! question "연습 5: 첫 번째 은닉층의 죽은 유닛은 살아날 수 있나"
#     첫 번째 은닉층의 어떤 ReLU 유닛이 모든 학습 이미지에서 0을 낸다면, SGD로 더 학습해도 이 유닛이 다시 살아날 수
#     있나요? leaky ReLU였다면 무엇이 달라지나요?
#
#     ??? success "답"
#         살아나지 못합니다. 모든 입력에서 ReLU의 기울기가 0이므로 이 유닛으로 들어오는 가중치와 편향의 기울기도
#         0이 되어 SGD가 바꾸지 않습니다. 첫 층의 입력은 고정된 이미지라서 입력 쪽에서 바뀔 것도 없습니다(더 깊은
#         층의 유닛이라면 앞 층의 가중치가 바뀌면서 입력이 달라져 살아날 수도 있습니다). leaky ReLU는 음수 입력에서도
#         기울기가 `slope`(기본 0.01)이므로 그 유닛의 가중치가 계속 조금씩 갱신됩니다.

# %% [markdown] lang="en" ko="016ba7c429"
# !!! question "Exercise 5: can a dead unit of the first hidden layer come back?"
#     If a ReLU unit of the first hidden layer outputs 0 for every training image, can more SGD training bring
#     it back? What would be different with leaky ReLU?
#
#     ??? success "Answer"
#         It cannot come back. ReLU's gradient is 0 for all its inputs, so the gradients of the weights and the
#         bias feeding this unit are 0 too, and SGD does not change them. The first layer's inputs are the fixed
#         images, so nothing changes on the input side either (a unit of a deeper layer could come back when
#         the weights of the layers before it change its inputs). With leaky ReLU the gradient for negative
#         inputs is `slope` (0.01 by default), so the unit's weights keep getting small updates.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: default-init-variance
# section: 기울기 소실
# question: 입력이 784개인 층에서 He 초기화의 가중치 분산은 파이토치 `nn.Linear` 기본 초기화 분산의 몇 배입니까?
# answer: `{python} round((2 / 784) / (1 / (3 * 784)))`
# right: He 초기화는 $2 / \text{fan\_in}$, 기본 초기화 $U(-1/\sqrt{\text{fan\_in}}, 1/\sqrt{\text{fan\_in}})$는 $1 / (3 \cdot \text{fan\_in})$이므로 6배입니다. fan_in이 몇이든 같습니다.
# wrong: 균등분포 $U(-a, a)$의 분산은 $a^2 / 3$입니다. 기본 초기화의 분산 $1 / (3 \cdot \text{fan\_in})$과 He 초기화의 $2 / \text{fan\_in}$을 나눠 보세요.
# ```
#
# ```quiz
# id: relu-needs-init
# section: 기울기 소실
# question: 첫 층의 기울기를 출력층의 기울기로 나눈 비율이 초기화 직후 기본 초기화 ReLU 신경망에서 `{python} f"{ratio['ReLU', 0]:.1e}"`, He 초기화 ReLU 신경망에서 `{python} f"{ratio['ReLU + He', 0]:.1f}"`입니다. 이것이 말해 주는 것은?
# - [ ] ReLU는 기울기를 줄이지 않으므로 두 값의 차이는 우연이다
#     ReLU는 입력이 음수인 유닛에서 기울기를 막고, 역전파는 층마다 가중치 행렬도 곱합니다. 두 신경망은 같은 시드에서 초기화만 다릅니다.
# - [x] ReLU는 알맞은 가중치 초기화와 함께 쓸 때 기울기 소실을 피한다
#     유닛의 절반가량은 도함수가 0이라 기울기의 분산에 층마다 ½이 곱해집니다. He 초기화는 가중치의 분산을 $2 / \text{fan\_in}$으로 잡아 이 ½을 메웁니다.
# - [ ] He 초기화를 하면 모든 유닛의 입력이 양수가 된다
#     He 초기화 신경망에서도 이미지 `{python} f"{len(X_probe):,}"`장에 대한 평균으로, 입력이 양수인 유닛은 층마다 `{python} f"{min(positive):.0%}"`에서 `{python} f"{max(positive):.0%}"`입니다.
# ```
#
# ```quiz
# id: dead-first-layer
# section: 죽은 ReLU
# question: 첫 번째 은닉층의 죽은 ReLU 유닛이 학습 중에 되살아나지 않는 까닭은 무엇입니까?
# - [x] 그 유닛의 입력은 고정된 이미지이고, 그 유닛으로 들어오는 가중치와 편향의 기울기가 0이라 갱신되지 않기 때문에
#     입력도 가중치도 바뀌지 않으니 모든 이미지에서 계속 음수를 받습니다. 더 깊은 층의 유닛은 앞 층의 가중치가 바뀌면 입력이 달라져 되살아날 수 있습니다.
# - [ ] 학습률이 너무 작아서
#     죽은 유닛의 기울기는 0이므로 학습률이 얼마이든 갱신량은 0입니다. 이 페이지의 측정에서 학습 중에 죽은 유닛은 학습률 0.01에서 `{python} sum(died[0.01])`개, 1.0에서 `{python} sum(died[1.0])`개였습니다.
# - [ ] 첫 번째 층에는 편향이 없어서
#     `nn.Linear`에는 기본으로 편향이 있습니다. 편향도 기울기가 0이라 갱신되지 않을 뿐입니다.
# ```

# %% [markdown] lang="en" ko="28d7067435"
# ## Check yourself
#
# ```quiz
# id: default-init-variance
# section: The vanishing gradient
# question: For a layer with 784 inputs, how many times the variance of PyTorch's default `nn.Linear` initialization is He initialization's weight variance?
# answer: `{python} round((2 / 784) / (1 / (3 * 784)))`
# right: He initialization uses $2 / \text{fan\_in}$ and the default $U(-1/\sqrt{\text{fan\_in}}, 1/\sqrt{\text{fan\_in}})$ has $1 / (3 \cdot \text{fan\_in})$: 6 times, whatever fan_in is.
# wrong: A uniform $U(-a, a)$ has variance $a^2 / 3$. Divide He's $2 / \text{fan\_in}$ by the default's $1 / (3 \cdot \text{fan\_in})$.
# ```
#
# ```quiz
# id: relu-needs-init
# section: The vanishing gradient
# question: The first layer's gradient divided by the output layer's is `{python} f"{ratio['ReLU', 0]:.1e}"` at initialization for the ReLU network with the default initialization and `{python} f"{ratio['ReLU + He', 0]:.1f}"` with He initialization. What does that tell you?
# - [ ] ReLU never shrinks gradients, so the difference is chance
#     ReLU blocks the gradient at units whose input is negative, and backpropagation multiplies by each layer's weight matrix too. The two networks share a seed and differ only in their initialization.
# - [x] ReLU avoids vanishing gradients together with a suitable weight initialization
#     About half the units have derivative 0, which multiplies the gradient's variance by ½ at each layer. He initialization sets the weights' variance to $2 / \text{fan\_in}$ to make up for that ½.
# - [ ] He initialization makes every unit's input positive
#     Even with He initialization, on average over the `{python} f"{len(X_probe):,}"` images, between `{python} f"{min(positive):.0%}"` and `{python} f"{max(positive):.0%}"` of each layer's units get a positive input.
# ```
#
# ```quiz
# id: dead-first-layer
# section: Dead ReLUs
# question: Why does a dead ReLU unit of the first hidden layer never come back during training?
# - [x] Its inputs are fixed images, and the gradients of the weights and bias into it are 0, so they are never updated
#     Neither its inputs nor its weights change, so it keeps getting negative inputs on every image. A unit deeper in the network can come back when the weights of the layer before it change its inputs.
# - [ ] The learning rate is too small
#     A dead unit's gradient is 0, so its update is 0 at any learning rate. In this page's measurement, `{python} sum(died[0.01])` units died during training at learning rate 0.01 and `{python} sum(died[1.0])` at 1.0.
# - [ ] The first layer has no bias
#     `nn.Linear` has a bias by default. It just gets a zero gradient too, so it is not updated either.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 활성화 함수가 없으면 층을 쌓아도 선형 함수 하나입니다. 활성화 함수의 도함수는 역전파에서 층마다 곱해집니다.
#     - 시그모이드의 도함수는 최대 0.25(위 출력)라서 깊은 시그모이드 신경망은 입력 쪽 기울기가 사라집니다. 측정 표에서
#       시그모이드 신경망의 첫 층 기울기는 초기화 직후 출력층의 `{python} f"{ratio['sigmoid', 0]:.1e}"`배였습니다.
#     - ReLU의 도함수는 양수 구간에서 1, 음수 구간에서 0이고, 가중치가 대칭이면 유닛의 절반가량에서 0입니다(He 초기화
#       신경망에서 입력이 양수인 유닛이 이미지 `{python} f"{len(X_probe):,}"`장 평균으로 층마다
#       `{python} f"{min(positive):.0%}"`–`{python} f"{max(positive):.0%}"`). 초기화
#       직후 첫 층과 출력층의 기울기 비율은 기본 초기화의 ReLU 신경망에서 `{python} f"{ratio['ReLU', 0]:.1e}"`, 이 ½을
#       메우는 He 초기화에서 `{python} f"{ratio['ReLU + He', 0]:.1f}"`입니다. 기울기 소실은 활성화 함수와 초기화가 함께
#       정합니다.
#     - 학습 전에 죽어 있던 유닛은 층마다 `{python} ", ".join(str(int(d.sum())) for d in dead_before)`개였습니다(죽은
#       유닛 표의 첫 행, 학습 이미지 `{python} f"{len(X_probe):,}"`장에서 센 값). 학습 중에 죽은 유닛은
#       학습률 0.01, 0.1, 1.0에서 각각 `{python} sum(died[0.01])`개, `{python} sum(died[0.1])`개, `{python} sum(died[1.0])`개였고,
#       첫 번째 은닉층이 아닌 층에서는 죽었던 유닛이 되살아나기도 했습니다(표 아래 출력). leaky ReLU는 음수 구간에
#       작은 기울기를 남겨 유닛이 죽지 않게 하고, ELU는 음수 출력으로 활성값의 평균을 0에 가깝게 합니다.

# %% [markdown] lang="en" ko="bd1ec5c43f"
# !!! success "Key points"
#     - Without activation functions, stacked layers are one linear function. Backpropagation multiplies in the
#       activation's derivative at every layer.
#     - The sigmoid's derivative is at most 0.25 (printed above), so a deep sigmoid network loses the
#       gradients on its input side: in the measured table the sigmoid network's first-layer gradient was
#       `{python} f"{ratio['sigmoid', 0]:.1e}"` times the output layer's right after initialization.
#     - ReLU's derivative is 1 for positive inputs and 0 for negative ones, and with symmetric weights it is 0
#       for about half the units (`{python} f"{min(positive):.0%}"`–`{python} f"{max(positive):.0%}"` of each layer's units get
#       a positive input in the He-initialized network, on average over `{python} f"{len(X_probe):,}"` images). The ratio of the first layer's gradient to the output
#       layer's was `{python} f"{ratio['ReLU', 0]:.1e}"` in the ReLU network with the default initialization and
#       `{python} f"{ratio['ReLU + He', 0]:.1f}"` with He initialization, which makes up for that ½ (right after
#       initialization): the activation and the initialization decide the vanishing gradient together.
#     - Before training, `{python} ", ".join(str(int(d.sum())) for d in dead_before)` units of the three layers were
#       dead (the dead-unit table's first row, counted on `{python} f"{len(X_probe):,}"` training images). During training `{python} sum(died[0.01])`, `{python} sum(died[0.1])` and `{python} sum(died[1.0])` units
#       died at learning rates 0.01, 0.1 and 1.0, and outside the first hidden layer some dead units came back
#       (the lines printed under the table). Leaky ReLU keeps a small slope for negative inputs, so its units
#       cannot die; ELU's negative outputs push the mean activation toward 0.

# %% [markdown] lang="ko"
# ## 참고 문헌
#
# - Y. Bengio, P. Simard, P. Frasconi (1994). Learning long-term dependencies with gradient descent is difficult.
#   *IEEE Transactions on Neural Networks* 5(2). [doi:10.1109/72.279181](https://doi.org/10.1109/72.279181)
# - X. Glorot, Y. Bengio (2010). Understanding the difficulty of training deep feedforward neural networks.
#   *AISTATS*. [PMLR 9](https://proceedings.mlr.press/v9/glorot10a.html)
# - V. Nair, G. E. Hinton (2010). Rectified linear units improve restricted Boltzmann machines. *ICML*.
# - X. Glorot, A. Bordes, Y. Bengio (2011). Deep sparse rectifier neural networks. *AISTATS*.
#   [PMLR 15](https://proceedings.mlr.press/v15/glorot11a.html)
# - A. L. Maas, A. Y. Hannun, A. Y. Ng (2013). Rectifier nonlinearities improve neural network acoustic models.
#   *ICML Workshop on Deep Learning for Audio, Speech and Language Processing*.
# - K. He, X. Zhang, S. Ren, J. Sun (2015). Delving deep into rectifiers: surpassing human-level performance on
#   ImageNet classification. *ICCV*. [arXiv:1502.01852](https://arxiv.org/abs/1502.01852)
# - D.-A. Clevert, T. Unterthiner, S. Hochreiter (2016). Fast and accurate deep network learning by exponential
#   linear units (ELUs). *ICLR*. [arXiv:1511.07289](https://arxiv.org/abs/1511.07289)
# - D. Hendrycks, K. Gimpel (2016). Gaussian error linear units (GELUs).
#   [arXiv:1606.08415](https://arxiv.org/abs/1606.08415)
# - G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter (2017). Self-normalizing neural networks. *NeurIPS*.
#   [arXiv:1706.02515](https://arxiv.org/abs/1706.02515)

# %% [markdown] lang="en" ko="3257fd580c"
# ## References
#
# - Y. Bengio, P. Simard, P. Frasconi (1994). Learning long-term dependencies with gradient descent is difficult.
#   *IEEE Transactions on Neural Networks* 5(2). [doi:10.1109/72.279181](https://doi.org/10.1109/72.279181)
# - X. Glorot, Y. Bengio (2010). Understanding the difficulty of training deep feedforward neural networks.
#   *AISTATS*. [PMLR 9](https://proceedings.mlr.press/v9/glorot10a.html)
# - V. Nair, G. E. Hinton (2010). Rectified linear units improve restricted Boltzmann machines. *ICML*.
# - X. Glorot, A. Bordes, Y. Bengio (2011). Deep sparse rectifier neural networks. *AISTATS*.
#   [PMLR 15](https://proceedings.mlr.press/v15/glorot11a.html)
# - A. L. Maas, A. Y. Hannun, A. Y. Ng (2013). Rectifier nonlinearities improve neural network acoustic models.
#   *ICML Workshop on Deep Learning for Audio, Speech and Language Processing*.
# - K. He, X. Zhang, S. Ren, J. Sun (2015). Delving deep into rectifiers: surpassing human-level performance on
#   ImageNet classification. *ICCV*. [arXiv:1502.01852](https://arxiv.org/abs/1502.01852)
# - D.-A. Clevert, T. Unterthiner, S. Hochreiter (2016). Fast and accurate deep network learning by exponential
#   linear units (ELUs). *ICLR*. [arXiv:1511.07289](https://arxiv.org/abs/1511.07289)
# - D. Hendrycks, K. Gimpel (2016). Gaussian error linear units (GELUs).
#   [arXiv:1606.08415](https://arxiv.org/abs/1606.08415)
# - G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter (2017). Self-normalizing neural networks. *NeurIPS*.
#   [arXiv:1706.02515](https://arxiv.org/abs/1706.02515)
