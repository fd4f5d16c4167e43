# ---
# jupyter:
#   dnn_guide:
#     order: 10
#     number: "8-1"
#     title:
#       ko: "퍼셉트론과 XOR 문제"
#       en: "The perceptron and the XOR problem"
#     summary:
#       ko: "퍼셉트론 하나가 AND·OR은 배우고 XOR은 못 배우는 이유"
#       en: "Why one perceptron learns AND and OR but not XOR"
#     originals: ["lab-08_1_xor.ipynb"]
#     experiments: ["08_1"]
#     timed: false
#     exercises: "perceptron"
#     lecture: "Lab-08-1 Perceptron"
# ---

# %% [markdown] lang="ko"
# 퍼셉트론(perceptron)은 1958년 프랭크 로젠블랫(Frank Rosenblatt)이 제안한 가장 단순한 인공신경망입니다.
# 입력 $x_1, x_2$에 가중치(weight)를 곱해 더하고 편향(bias)을 더한 뒤, 활성화 함수(activation function)를
# 거쳐 출력을 냅니다. 로젠블랫의 퍼셉트론은 계단 함수로 0 또는 1을 냈고, 이 강의는 시그모이드로 0과 1 사이의
# 값을 냅니다. 이 페이지에서는 퍼셉트론 하나가 AND와 OR은 배우지만 XOR은 끝내 배우지 못하는
# 모습을 직접 실행해서 확인합니다.
#
# 원래 강의 실습(lab-08_1_xor)과 같은 설정을 씁니다: 시드 777, `torch.optim.SGD` 학습률 1, 이진 교차
# 엔트로피(binary cross entropy, BCE) 손실, 10,001 스텝. 매 스텝 네 점을 모두 한 번에 쓰므로, 이름은 SGD지만
# 실제로는 확률적이지 않은 전체 배치 경사 하강법(full-batch gradient descent)입니다.
#
# !!! info "원본"
#     원래 노트북: [lab-08_1_xor.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_1_xor.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="378ca9e540"
# The perceptron, proposed by Frank Rosenblatt in 1958, is the simplest artificial neural network. It
# multiplies the inputs $x_1, x_2$ by weights, adds a bias, and passes the sum through an activation
# function: Rosenblatt's used a step function (0 or 1); this course uses the sigmoid, which gives a value
# between 0 and 1. On this page one perceptron learns AND and OR but never
# learns XOR, and you watch it happen in the executed output.
#
# The settings are those of the original course lab (lab-08_1_xor): seed 777, `torch.optim.SGD` with
# learning rate 1, binary cross-entropy (BCE) loss, 10,001 steps. Every step uses all four points at
# once, so despite the optimizer's name this is full-batch gradient descent, not stochastic.
#
# !!! info "Sources"
#     Original notebook: [lab-08_1_xor.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_1_xor.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="ko"
# !!! abstract "이 실습에서 배우는 것"
#     - 퍼셉트론의 순전파 $\hat y = \sigma(w_1 x_1 + w_2 x_2 + b)$를 식과 파이토치 코드(`nn.Linear`, `nn.Sigmoid`)로 씁니다.
#     - 다섯 줄짜리 학습 루프(기울기를 0으로 만들기, 예측, 손실, 역전파, 갱신)로 AND, OR, XOR 게이트를 학습시키고,
#       손실과 정확도를 보고 학습이 됐는지 판단합니다.
#     - 퍼셉트론의 결정 경계(decision boundary)는 직선이라서, 어떤 가중치로도 XOR을 풀 수 없다는 것을 그림과
#       식으로 확인합니다.
#
# !!! info "먼저 알아 둘 것"
#     1부에서 배운 텐서와 행렬 곱(`@`), 자동 미분(autograd: `loss.backward()`와 `.grad`), 로지스틱
#     회귀(logistic regression: 시그모이드와 이진 교차 엔트로피), `torch.optim.SGD`로 쓰는 학습 루프를 안다고
#     가정합니다.

# %% [markdown] lang="en" ko="9eb74dff45"
# !!! abstract "What you will learn"
#     - Write the perceptron's forward pass $\hat y = \sigma(w_1 x_1 + w_2 x_2 + b)$ as an equation and as
#       PyTorch code (`nn.Linear`, `nn.Sigmoid`).
#     - Train it on the AND, OR and XOR gates with the five-line training loop (zero the gradients, predict,
#       loss, backpropagate, update), and judge from the loss and the accuracy whether it learned.
#     - See, in figures and in equations, that a perceptron's decision boundary is a straight line, so that
#       no choice of weights solves XOR.
#
# !!! info "Prerequisites"
#     From Part 1: tensors and matrix products (`@`), automatic differentiation (autograd: `loss.backward()`
#     and `.grad`), logistic regression (the sigmoid and binary cross-entropy), and the training loop with
#     `torch.optim.SGD`.

# %%
import torch
from torch import nn

import dnn_guide

device = dnn_guide.get_device()  # a GPU when there is one, else the CPU
print(f"torch {torch.__version__} on {device}")

# %% [markdown] lang="ko"
# ## 데이터: 네 점과 세 가지 논리 게이트
#
# 입력은 $(0,0), (0,1), (1,0), (1,1)$ 네 점뿐입니다. 정답(label)은 게이트마다 다릅니다.
# 원래 노트북은 `torch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]])`로 만듭니다. 여기서는 요즘 권장되는
# `torch.tensor`에 리스트의 리스트를 넘깁니다.

# %% [markdown] lang="en" ko="6dc9d92c99"
# ## The data: four points and three logic gates
#
# The inputs are just the four points $(0,0), (0,1), (1,0), (1,1)$. The labels differ per gate. The
# original notebook builds them with `torch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]])`; here the
# recommended `torch.tensor` gets a list of lists.

# %%
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device)
gates = {
    "AND": torch.tensor([[0.0], [0.0], [0.0], [1.0]], device=device),
    "OR": torch.tensor([[0.0], [1.0], [1.0], [1.0]], device=device),
    "XOR": torch.tensor([[0.0], [1.0], [1.0], [0.0]], device=device),
}
dnn_guide.Table(
    ["$x_1$", "$x_2$", *gates],
    [[int(a), int(b), *(int(Y[i].item()) for Y in gates.values())] for i, (a, b) in enumerate(X.tolist())],
)

# %% [markdown] lang="ko"
# ## 모델: `nn.Linear` 하나와 시그모이드
#
# 퍼셉트론은 `nn.Linear(2, 1)` 하나 뒤에 시그모이드(sigmoid)를 붙인 모델입니다. `nn.Linear(2, 1)`이 가중합
# $z = w_1 x_1 + w_2 x_2 + b$를 계산하고, 시그모이드 $\sigma(z) = 1 / (1 + e^{-z})$가 이 값을 0과 1 사이의
# 확률 $\hat y$로 바꿉니다. 아래 그림이 이 계산의 흐름입니다.

# %% [markdown] lang="en" ko="d634557778"
# ## The model: one `nn.Linear` and a sigmoid
#
# The perceptron is a single `nn.Linear(2, 1)` followed by a sigmoid. `nn.Linear(2, 1)` computes the
# weighted sum $z = w_1 x_1 + w_2 x_2 + b$, and the sigmoid $\sigma(z) = 1 / (1 + e^{-z})$ turns it into a
# probability $\hat y$ between 0 and 1. The figure shows how the computation flows.

# %%
import matplotlib.pyplot as plt

from dnn_guide.diagrams import draw_perceptron

draw_perceptron()
plt.show()

# %% [markdown] lang="ko"
# 학습 루프는 파이토치의 기본 다섯 줄입니다: 기울기를 0으로 만들기, 예측, 손실 계산, 역전파(backpropagation),
# 매개변수 갱신.

# %% [markdown] lang="en" ko="2eacd28687"
# The training loop is PyTorch's basic five lines: zero the gradients, predict, compute the loss,
# backpropagate, update the parameters.


# %%
def train_perceptron(X, Y, steps=10_001, lr=1.0, seed=777):
    """Train one perceptron with full-batch SGD; return the model and the loss every 1,000 steps."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid()).to(X.device)
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = {}
    for step in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        if step % 1000 == 0:
            losses[step] = loss.item()
    return model, losses


models, losses = {}, {}
for gate, Y in gates.items():
    models[gate], losses[gate] = train_perceptron(X, Y)

dnn_guide.Table(["step", *gates], [[step, *(f"{losses[g][step]:.6f}" for g in gates)] for step in losses["AND"]])

# %% [markdown] lang="ko"
# AND와 OR의 손실은 0을 향해 계속 줄어듭니다. XOR의 손실은 금방 한 값에 멈춥니다.
# 그 값은 $\ln 2 \approx 0.6931$, 즉 모든 점에 0.5를 예측할 때의 BCE 손실입니다.

# %% [markdown] lang="en" ko="e2ef92591d"
# The AND and OR losses keep falling toward 0. The XOR loss soon stops at one value: $\ln 2 \approx
# 0.6931$, the BCE loss of predicting 0.5 for every point.

# %%
import math

with torch.no_grad():
    rows = []
    for gate, Y in gates.items():
        p = models[gate](X)
        rows.append([gate, *(f"{v:.4f}" for v in p.squeeze(1).tolist()), dnn_guide.accuracy(p, Y.squeeze(1))])
print(f"ln 2 = {math.log(2):.6f}, final XOR loss = {losses['XOR'][10_000]:.6f}")
dnn_guide.Table(["gate", "p(0,0)", "p(0,1)", "p(1,0)", "p(1,1)", "accuracy"], rows)

# %% [markdown] lang="ko"
# ## 결정 경계 그리기
#
# 퍼셉트론은 $w_1 x_1 + w_2 x_2 + b = 0$인 직선 한쪽을 1, 다른 쪽을 0으로 나눕니다. 아래 그림에서 주황색 영역이
# 1로 예측한 곳입니다. AND와 OR은 직선 하나로 나뉘지만, XOR은 대각선 두 점씩을 묶어야 하므로 어떤 직선으로도
# 나눌 수 없습니다. 그래서 가중치를 0 근처로 보내 모든 점에 0.5를 예측하는 것이 손실이 가장 작은 답이고,
# 학습은 그쪽으로 갑니다.

# %% [markdown] lang="en" ko="0911cd341a"
# ## Drawing the decision boundary
#
# A perceptron labels one side of the line $w_1 x_1 + w_2 x_2 + b = 0$ as 1 and the other as 0. In the
# figures the orange region is where it predicts 1. AND and OR are split by one line; XOR would need the
# two diagonal pairs on the same sides, which no line can do. So the lowest loss a perceptron can reach
# is to push its weights toward 0 and predict 0.5 everywhere.

# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
for ax, (gate, Y) in zip(axes, gates.items()):
    dnn_guide.plot_decision_boundary(models[gate], X, Y, ax=ax)
    ax.set_title(gate)
plt.show()

# %%
w, b = models["XOR"][0].weight.detach().squeeze(), models["XOR"][0].bias.item()
print(f"XOR perceptron: w = {w.tolist()}, b = {b:.2e}")
# z is linear, so p is farthest from 0.5 at a corner of the square the figure shows (margin 0.5)
corners = torch.tensor([[-0.5, -0.5], [-0.5, 1.5], [1.5, -0.5], [1.5, 1.5]], device=X.device)
with torch.no_grad():
    print(f"largest |p - 0.5| in the XOR figure: {(models['XOR'](corners) - 0.5).abs().max().item():.1e}")

# %% [markdown] lang="ko"
# XOR 그림의 경계선에는 의미가 없습니다. 위에 출력한 가중치와 편향이 $10^{-7}$ 정도라서 그림 전체에서 $p$와 0.5의
# 차이는 마지막 줄에 출력한 값을 넘지 않습니다. 그 값은 float32에서 0.5와 그다음 수 사이의 간격($2^{-24} \approx 6.0
# \times 10^{-8}$)입니다. 그래서 그림의 선은 모델의 직선 $w_1 x_1 + w_2 x_2 + b = 0$이 아니라, float32로 계산한
# 시그모이드 값이 0.5에서 그다음 수로 반올림되기 시작하는 곳에 그려질 뿐입니다.

# %% [markdown] lang="en" ko="1036523748"
# The line in the XOR panel means nothing: the weights and bias printed above are around $10^{-7}$, so
# nowhere in the figure does $p$ differ from 0.5 by more than the last value printed, the gap between 0.5 and
# the next float32 number ($2^{-24} \approx 6.0 \times 10^{-8}$). The line is therefore not the model's
# $w_1 x_1 + w_2 x_2 + b = 0$; it is only where the sigmoid, computed in float32, starts to round up from 0.5
# to the next number.

# %% [markdown] lang="ko"
# !!! note "역사: 로젠블랫의 퍼셉트론과 민스키·페퍼트"
#     로젠블랫(1958)의 퍼셉트론은 시그모이드가 아니라 계단 함수(step function)로 0 또는 1을 냈고, 틀린 점에서만
#     가중치를 고치는 퍼셉트론 학습 규칙으로 배웠습니다. 이 강의처럼 시그모이드와 BCE 손실을 경사 하강법으로
#     줄이면 모델은 사실상 로지스틱 회귀입니다. 두 경우 모두 결정 경계는 직선 $w_1 x_1 + w_2 x_2 + b = 0$이므로
#     할 수 있는 일과 할 수 없는 일이 같습니다. 민스키와 페퍼트(1969)는 책 《Perceptrons》에서 이런 단층 퍼셉트론이
#     계산할 수 없는 함수들을 수학적으로 분석했고, XOR은 그 한계를 보여 주는 가장 작은 예로 자주 쓰입니다.
#     이 한계는 은닉층이 있는 신경망을 학습시키는 방법, 곧 루멜하트·힌턴·윌리엄스(1986)의 논문으로 널리 알려진
#     역전파로 넘어서게 됩니다([역전파 실습](backprop.md)).

# %% [markdown] lang="en" ko="2fdaf63797"
# !!! note "History: Rosenblatt's perceptron, and Minsky and Papert"
#     Rosenblatt's perceptron (1958) output 0 or 1 through a step function, not a sigmoid, and learned with
#     the perceptron learning rule, which corrects the weights only on misclassified points. Minimizing BCE
#     with a sigmoid by gradient descent, as this course does, makes the model logistic regression in all
#     but name. Either way the decision boundary is the line $w_1 x_1 + w_2 x_2 + b = 0$, so both can and
#     cannot do the same things. Minsky and Papert (1969) analyzed mathematically, in their book
#     *Perceptrons*, which functions such single-layer perceptrons cannot compute; XOR is the smallest
#     example often used to show that limit. Backpropagation, the way to train networks with hidden
#     layers, became widely known with Rumelhart, Hinton and Williams (1986) and got past it
#     ([the backpropagation lab](backprop.md)).

# %% [markdown] lang="ko"
# !!! warning "강의 노트를 옮겨 적을 때 자주 보는 실수"
#     아래 오타들은 원래 노트북에는 없고, 이 안내서를 만들 때 참고한 강의 노트에 있던 것입니다. 옮겨 적은
#     코드가 실행되지 않으면 다음을 확인하세요.
#
#     - `torch.FloatTensor([0,0], [0,1], [1,0], [1,1]])`: 바깥 대괄호가 빠졌습니다. `torch.tensor([[0., 0.], ...])`로 씁니다.
#     - `torch.nn.sigmoid(x)`: 그런 함수는 없습니다. 함수는 `torch.sigmoid(x)`, 층(layer)은 `nn.Sigmoid()`입니다.
#     - `if stop % 100 == 0`: 정의되지 않은 이름입니다. 루프 변수 `step`을 씁니다.

# %% [markdown] lang="en" ko="7e244baf45"
# !!! warning "Common mistakes when copying from the lecture notes"
#     These typos are not in the original notebooks; they were in the lecture notes this guide was made from.
#     If copied code does not run, check these:
#
#     - `torch.FloatTensor([0,0], [0,1], [1,0], [1,1]])`: the outer bracket is missing. Write `torch.tensor([[0., 0.], ...])`.
#     - `torch.nn.sigmoid(x)`: no such function. The function is `torch.sigmoid(x)`, the layer `nn.Sigmoid()`.
#     - `if stop % 100 == 0`: an undefined name. Use the loop variable `step`.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸 함수를 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 입력으로 기준 구현과
# 비교하고, 틀렸으면 무엇이 틀렸는지(모양, 값, 빠진 항) 알려 줍니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: 퍼셉트론의 순전파"
#     `nn.Linear`와 `nn.Sigmoid` 없이 텐서 연산만으로 출력 확률 $\hat y = \sigma(X w + b)$를 계산하는 함수
#     `perceptron_forward(X, w, b)`를 완성하세요. `X`는 모양 `(n, 2)`(한 행에 한 점), `w`는 `(2, 1)`, `b`는
#     `(1,)`이고, 결과는 모양 `(n, 1)`이어야 합니다. 참고로 `nn.Linear(2, 1)`은 가중치를 모양 `(1, 2)`로
#     저장하고 `X @ weight.T + bias`를 계산하므로, 여기의 `w`가 그 `weight.T`입니다.

# %% [markdown] lang="en" ko="0ee0b751ea"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker compares
# it with the reference on fresh random inputs and, when it is wrong, says what is wrong (the shape, the
# values, a missing term). The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: the perceptron's forward pass"
#     Without `nn.Linear` or `nn.Sigmoid`, with tensor operations only, complete `perceptron_forward(X, w, b)`,
#     which returns the probabilities $\hat y = \sigma(X w + b)$. `X` has shape `(n, 2)` (one point a row),
#     `w` shape `(2, 1)` and `b` shape `(1,)`; the result must have shape `(n, 1)`. Note that `nn.Linear(2, 1)`
#     stores its weight with shape `(1, 2)` and computes `X @ weight.T + bias`: the `w` here is that `weight.T`.

# %%
from dnn_guide.exercises.perceptron import check_bce_step, check_nand_weights, check_perceptron_forward


# %% exercise=true
def perceptron_forward(X, w, b):
    # your code: the weighted sum X @ w + b, then the sigmoid (torch.sigmoid)
    raise NotImplementedError


check_perceptron_forward(perceptron_forward)


# %% solution=true
def perceptron_forward(X, w, b):
    return torch.sigmoid(X @ w + b)


linear = models["AND"][0]  # the trained AND perceptron's nn.Linear
same = torch.allclose(perceptron_forward(X, linear.weight.T, linear.bias), models["AND"](X))
print(f"perceptron_forward with the trained AND weights gives the model's output: {same}")
check_perceptron_forward(perceptron_forward)

# %% [markdown] lang="ko"
# !!! question "연습 2: 경사 하강법 한 스텝을 손으로"
#     `optimizer.step()`이 한 스텝에 하는 일을 직접 계산해 봅니다. $z_i = x_i w + b$, $\hat y_i = \sigma(z_i)$일 때
#     평균 BCE 손실 $L = -\frac{1}{n}\sum_i \left[y_i \ln \hat y_i + (1 - y_i)\ln(1 - \hat y_i)\right]$을 $z_i$로
#     미분하면, $\partial L / \partial \hat y_i = \frac{1}{n}\left(-\frac{y_i}{\hat y_i} + \frac{1 - y_i}{1 - \hat y_i}\right)$에
#     $\partial \hat y_i / \partial z_i = \hat y_i (1 - \hat y_i)$를 곱해 시그모이드의 도함수가 약분되고
#     $\partial L / \partial z_i = (\hat y_i - y_i) / n$만 남습니다. 따라서
#
#     $$\frac{\partial L}{\partial w} = X^\top \frac{\hat y - y}{n},\qquad \frac{\partial L}{\partial b} = \sum_i \frac{\hat y_i - y_i}{n}$$
#
#     이고, 학습률 $\eta$로 한 스텝 가면 $w \leftarrow w - \eta\, \partial L / \partial w$,
#     $b \leftarrow b - \eta\, \partial L / \partial b$입니다. 새 `(w, b)`를 돌려주는 `bce_step(X, Y, w, b, lr)`를
#     완성하세요(`Y`는 모양 `(n, 1)`). 체커는 autograd로 구한 기울기로 SGD가 한 스텝 간 결과와 비교합니다.

# %% [markdown] lang="en" ko="bd816b1758"
# !!! question "Exercise 2: one gradient-descent step by hand"
#     Compute what `optimizer.step()` does in one step. With $z_i = x_i w + b$ and $\hat y_i = \sigma(z_i)$,
#     differentiate the mean BCE loss $L = -\frac{1}{n}\sum_i \left[y_i \ln \hat y_i + (1 - y_i)\ln(1 - \hat y_i)\right]$
#     by $z_i$: $\partial L / \partial \hat y_i = \frac{1}{n}\left(-\frac{y_i}{\hat y_i} + \frac{1 - y_i}{1 - \hat y_i}\right)$
#     times $\partial \hat y_i / \partial z_i = \hat y_i (1 - \hat y_i)$; the sigmoid's derivative cancels and
#     $\partial L / \partial z_i = (\hat y_i - y_i) / n$ is left. So
#
#     $$\frac{\partial L}{\partial w} = X^\top \frac{\hat y - y}{n},\qquad \frac{\partial L}{\partial b} = \sum_i \frac{\hat y_i - y_i}{n}$$
#
#     and one step with learning rate $\eta$ is $w \leftarrow w - \eta\, \partial L / \partial w$,
#     $b \leftarrow b - \eta\, \partial L / \partial b$. Complete `bce_step(X, Y, w, b, lr)`, which returns the
#     new `(w, b)` (`Y` has shape `(n, 1)`). The checker compares it with one SGD step on autograd's gradient.


# %% exercise=true
def bce_step(X, Y, w, b, lr):
    # your code: p = sigmoid(X @ w + b), error = (p - Y) / n, then the two gradients and the step
    raise NotImplementedError


check_bce_step(bce_step)


# %% solution=true
def bce_step(X, Y, w, b, lr):
    error = (torch.sigmoid(X @ w + b) - Y) / len(X)  # dL/dz for each point
    return w - lr * X.T @ error, b - lr * error.sum(0)


check_bce_step(bce_step)

# %% [markdown] lang="ko"
# !!! question "연습 3: NAND 게이트를 손으로"
#     이번에는 학습 없이 가중치를 직접 고릅니다. NAND는 AND의 반대로, $(1,1)$에서만 0이고 나머지 세 점에서
#     1입니다. $\sigma(z) > 0.5$와 $z > 0$은 같은 조건이므로, 네 점에서 $z = w_1 x_1 + w_2 x_2 + b$의 부호만
#     맞추면 됩니다. `w`(모양 `(2, 1)`)와 `b`(모양 `(1,)`)를 정해 `check_nand_weights(w, b)`로 확인하세요.

# %% [markdown] lang="en" ko="8320c3e3f0"
# !!! question "Exercise 3: a NAND gate by hand"
#     This time pick the weights yourself, without training. NAND is the opposite of AND: 0 at $(1,1)$ only,
#     1 at the other three points. $\sigma(z) > 0.5$ is the same condition as $z > 0$, so only the sign of
#     $z = w_1 x_1 + w_2 x_2 + b$ at the four points matters. Choose `w` (shape `(2, 1)`) and `b` (shape
#     `(1,)`) and check them with `check_nand_weights(w, b)`.

# %% exercise=true
w = torch.tensor([[0.0], [0.0]])  # your w1, w2
b = torch.tensor([0.0])  # your b
check_nand_weights(w, b)

# %% solution=true
w = torch.tensor([[-2.0], [-2.0]])
b = torch.tensor([3.0])  # z = 3, 1, 1, -1 at (0,0), (0,1), (1,0), (1,1)
print("p at (0,0), (0,1), (1,0), (1,1):", torch.sigmoid(X.cpu() @ w + b).squeeze(1))
check_nand_weights(w, b)

# %% [markdown] lang="ko"
# !!! question "연습 4: XOR은 왜 안 될까"
#     위의 XOR 결과는 한 번의 학습이 실패한 것일 뿐입니다. *어떤* $w_1, w_2, b$로도 퍼셉트론이 XOR을 계산할 수
#     없음을, 네 점에서 $z$의 부호 조건을 부등식으로 써서 보이세요.
#
# ??? success "답"
#     1로 분류하는 조건을 $z > 0$이라 하면, XOR이 되려면 $(0,0)$에서 $b \le 0$, $(0,1)$에서 $w_2 + b > 0$,
#     $(1,0)$에서 $w_1 + b > 0$, $(1,1)$에서 $w_1 + w_2 + b \le 0$이어야 합니다. 가운데 두 부등식을 더하면
#     $w_1 + w_2 + 2b > 0$, 즉 $w_1 + w_2 + b > -b \ge 0$이므로 마지막 부등식과 모순입니다. 직선 하나로는 XOR의
#     네 점을 나눌 수 없습니다(선형 분리 불가능, linearly inseparable). 같은 논리로 XNOR도 안 되고, AND·OR·NAND·NOR를
#     비롯한 나머지 2입력 논리 함수는 모두 직선 하나로 나뉩니다. 그래서 XOR 학습은 더 오래 돌려도 풀리지 않고, 위
#     표처럼 모든 점에 0.5를 예측하는 데서 멈춥니다.

# %% [markdown] lang="en" ko="ff8a498d2f"
# !!! question "Exercise 4: why not XOR?"
#     The XOR result above is one training run that failed. Show that *no* $w_1, w_2, b$ let a perceptron
#     compute XOR: write the sign conditions on $z$ at the four points as inequalities.
#
# ??? success "Answer"
#     With "1 when $z > 0$", XOR needs $b \le 0$ at $(0,0)$, $w_2 + b > 0$ at $(0,1)$, $w_1 + b > 0$ at
#     $(1,0)$ and $w_1 + w_2 + b \le 0$ at $(1,1)$. Adding the middle two gives $w_1 + w_2 + 2b > 0$, that is
#     $w_1 + w_2 + b > -b \ge 0$, which contradicts the last one. No single line splits XOR's four points (they
#     are not linearly separable). The same argument rules out XNOR, while every other two-input logic
#     function, AND, OR, NAND and NOR among them, is split by one line. That is why training longer does not
#     help: XOR training stops at predicting 0.5 everywhere, as in the table above.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: xor-loss
# section: 모델: `nn.Linear` 하나와 시그모이드
# question: XOR을 학습한 퍼셉트론의 손실은 10,000 스텝에서 얼마입니까? 소수 넷째 자리까지 답하세요.
# answer: `{python} round(losses['XOR'][10_000], 4)`
# tolerance: 0.0001
# right: $\ln 2 \approx 0.6931$, 모든 점에 0.5를 예측할 때의 BCE 손실입니다. 학습은 가중치를 0 근처로 보내 그 값에서 멈춥니다.
# wrong: 손실 표의 XOR 열과 그 아래 출력을 보세요. 한 점에 0.5를 예측하면 BCE는 $-\ln 0.5 = \ln 2$입니다.
# ```
#
# ```quiz
# id: why-not-xor
# section: 결정 경계 그리기
# question: 퍼셉트론이 XOR을 배우지 못하는 까닭은 무엇입니까?
# - [ ] 학습 스텝이 모자라서, 더 오래 학습하면 풀린다
#     XOR의 손실은 금방 $\ln 2$에서 멈추고 그대로입니다. 스텝을 늘리거나 학습률을 바꿔도 풀리지 않습니다.
# - [x] 결정 경계가 직선 하나인데, XOR의 네 점은 어떤 직선으로도 나눌 수 없어서
#     XOR은 대각선의 두 점씩을 묶어야 합니다. 그래서 모든 점에 0.5를 예측하는 것이 손실이 가장 작은 답입니다.
# - [ ] 시그모이드가 포화되어 기울기가 0이 되어서
#     학습된 가중치와 편향은 0에 가까워, 시그모이드는 포화가 아니라 0 근처에서 0.5를 냅니다.
# ```
#
# ```quiz
# id: which-gate
# section: 연습 문제
# question: 다음 2입력 논리 게이트 가운데 퍼셉트론 하나로 계산할 수 없는 것은?
# - [ ] NAND
#     NAND는 $(1,1)$ 한 점만 0이라 직선 하나로 나뉩니다. 연습 3에서 가중치를 직접 골라 봅니다.
# - [ ] NOR
#     NOR는 $(0,0)$ 한 점만 1이라 직선 하나로 나뉩니다.
# - [x] XNOR
#     XNOR는 XOR의 반대로, 대각선 두 점씩을 묶어야 합니다. 연습 4와 같은 부등식의 모순이 생깁니다.
# ```

# %% [markdown] lang="en" ko="a49ef5e672"
# ## Check yourself
#
# ```quiz
# id: xor-loss
# section: The model: one `nn.Linear` and a sigmoid
# question: What is the loss of the perceptron trained on XOR at step 10,000? Answer to four decimal places.
# answer: `{python} round(losses['XOR'][10_000], 4)`
# tolerance: 0.0001
# right: $\ln 2 \approx 0.6931$, the BCE loss of predicting 0.5 at every point. Training sends the weights towards 0 and stops there.
# wrong: Look at the XOR column of the loss table and the line printed below it. Predicting 0.5 at a point costs a BCE of $-\ln 0.5 = \ln 2$.
# ```
#
# ```quiz
# id: why-not-xor
# section: Drawing the decision boundary
# question: Why can't a perceptron learn XOR?
# - [ ] It needs more steps: trained longer it would get there
#     The XOR loss soon stops at $\ln 2$ and stays. More steps or another learning rate do not solve it.
# - [x] Its decision boundary is one straight line, and no line splits XOR's four points
#     XOR groups the points two by two along the diagonals. So predicting 0.5 everywhere is the answer with the smallest loss.
# - [ ] The sigmoid saturates and the gradient becomes 0
#     The trained weights and bias are close to 0, so the sigmoid is not saturated: it outputs 0.5 around 0.
# ```
#
# ```quiz
# id: which-gate
# section: Exercises
# question: Which of these two-input logic gates can a single perceptron not compute?
# - [ ] NAND
#     NAND is 0 only at $(1,1)$, so one line splits it. Exercise 3 picks its weights by hand.
# - [ ] NOR
#     NOR is 1 only at $(0,0)$, so one line splits it.
# - [x] XNOR
#     XNOR, the opposite of XOR, groups the points two by two along the diagonals: the inequalities of exercise 4 contradict each other the same way.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 퍼셉트론은 가중합 $z = w_1 x_1 + w_2 x_2 + b$에 시그모이드를 씌운 모델이고, 파이토치로는 `nn.Linear(2, 1)`
#       뒤에 `nn.Sigmoid()`를 붙인 것입니다. 학습 루프는 기울기를 0으로 만들기, 예측, 손실, 역전파, 갱신의 다섯 줄입니다.
#     - 손실 표에서 AND와 OR의 손실은 1,000 스텝마다 계속 줄어들고, 확률 표에서 두 게이트 모두 네 점을 다 맞힙니다.
#     - XOR의 손실은 $\ln 2$에서 멈춥니다(위에 출력한 두 값이 같습니다). 네 점 모두에 0.5를 예측해 절반만 맞히고,
#       학습된 가중치와 편향은 0에 가깝습니다.
#     - 퍼셉트론의 결정 경계는 직선 하나이고, XOR의 네 점은 어떤 직선으로도 나눌 수 없습니다(연습 4). 그래서 이것은
#       학습을 더 오래 하거나 학습률을 바꿔서 풀리는 문제가 아닙니다.
#     - 다음 실습 [다층 퍼셉트론으로 XOR 풀기](xor-mlp.md)에서는 은닉층(hidden layer)을 하나 더해 XOR을 풉니다.
#
# ## 참고 문헌
#
# - Rosenblatt, F. (1958). The perceptron: A probabilistic model for information storage and organization in
#   the brain. *Psychological Review*, 65(6), 386–408. [doi:10.1037/h0042519](https://doi.org/10.1037/h0042519)
# - Minsky, M., & Papert, S. (1969). *Perceptrons: An Introduction to Computational Geometry*. MIT Press.
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)

# %% [markdown] lang="en" ko="3b6eb20902"
# !!! success "Key points"
#     - A perceptron is a sigmoid over the weighted sum $z = w_1 x_1 + w_2 x_2 + b$; in PyTorch, `nn.Linear(2, 1)`
#       followed by `nn.Sigmoid()`. The training loop is five lines: zero the gradients, predict, loss,
#       backpropagate, update.
#     - In the loss table, the AND and OR losses keep falling every 1,000 steps, and in the probability table
#       both gates get all four points right.
#     - The XOR loss stops at $\ln 2$ (the two values printed above are equal). It predicts 0.5 for all four
#       points, gets half of them right, and its trained weights and bias are close to 0.
#     - A perceptron's decision boundary is one line, and no line splits XOR's four points (exercise 4). So
#       this is not a problem that longer training or another learning rate would solve.
#     - The next lab, [Solving XOR with a multi-layer perceptron](xor-mlp.md), adds a hidden layer and solves XOR.
#
# ## References
#
# - Rosenblatt, F. (1958). The perceptron: A probabilistic model for information storage and organization in
#   the brain. *Psychological Review*, 65(6), 386–408. [doi:10.1037/h0042519](https://doi.org/10.1037/h0042519)
# - Minsky, M., & Papert, S. (1969). *Perceptrons: An Introduction to Computational Geometry*. MIT Press.
# - Rumelhart, D. E., Hinton, G. E., & Williams, R. J. (1986). Learning representations by back-propagating
#   errors. *Nature*, 323, 533–536. [doi:10.1038/323533a0](https://doi.org/10.1038/323533a0)
