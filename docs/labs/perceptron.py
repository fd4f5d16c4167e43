# %% [markdown] lang="ko"
# # 퍼셉트론과 XOR 문제
#
# 퍼셉트론(perceptron)은 1958년 프랭크 로젠블랫(Frank Rosenblatt)이 제안한 가장 단순한 인공신경망입니다.
# 입력 $x_1, x_2$에 가중치(weight)를 곱해 더하고 편향(bias)을 더한 뒤, 활성화 함수(activation function)로
# 0과 1 사이의 값을 냅니다. 이 페이지에서는 퍼셉트론 하나가 AND와 OR은 배우지만 XOR은 끝내 배우지 못하는
# 모습을 직접 실행해서 확인합니다.
#
# 원래 강의 실습(lab-08_1_xor)과 같은 설정을 씁니다: 시드 777, `torch.optim.SGD` 학습률 1, 이진 교차
# 엔트로피(binary cross entropy, BCE) 손실, 10,001 스텝. 매 스텝 네 점을 모두 한 번에 쓰므로, 이름은 SGD지만
# 실제로는 확률적이지 않은 전체 배치 경사 하강법(full-batch gradient descent)입니다.
#
# !!! info "원본"
#     원래 노트북: [lab-08_1_xor.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_1_xor.ipynb)
#     · 강의: [부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214) (edwith)

# %% [markdown] lang="en" ko="377ddc8662"
# # The perceptron and the XOR problem
#
# The perceptron, proposed by Frank Rosenblatt in 1958, is the simplest artificial neural network. It
# multiplies the inputs $x_1, x_2$ by weights, adds a bias, and passes the sum through an activation
# function to get a value between 0 and 1. On this page one perceptron learns AND and OR but never
# learns XOR, and you watch it happen in the executed output.
#
# The settings are those of the original course lab (lab-08_1_xor): seed 777, `torch.optim.SGD` with
# learning rate 1, binary cross-entropy (BCE) loss, 10,001 steps. Every step uses all four points at
# once, so despite the optimizer's name this is full-batch gradient descent, not stochastic.
#
# !!! info "Sources"
#     Original notebook: [lab-08_1_xor.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-08_1_xor.ipynb)
#     · Lecture: [boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214) (edwith)

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
# 퍼셉트론은 `nn.Linear(2, 1)` 하나 뒤에 시그모이드(sigmoid)를 붙인 모델입니다. 학습 루프는 파이토치의 기본
# 다섯 줄입니다: 기울기 초기화, 예측, 손실 계산, 역전파(backpropagation), 매개변수 갱신.

# %% [markdown] lang="en" ko="d97e2b1d4b"
# ## The model: one `nn.Linear` and a sigmoid
#
# The perceptron is a single `nn.Linear(2, 1)` followed by a sigmoid. The training loop is PyTorch's
# basic five lines: zero the gradients, predict, compute the loss, backpropagate, update the parameters.


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
# 나눌 수 없습니다. 그래서 학습은 가중치를 0 근처로 보내고 모든 점에 0.5를 예측하는 쪽이 손실이 가장
# 작은 답이 됩니다.

# %% [markdown] lang="en" ko="f2c65473ca"
# ## Drawing the decision boundary
#
# A perceptron labels one side of the line $w_1 x_1 + w_2 x_2 + b = 0$ as 1 and the other as 0. In the
# figures the orange region is where it predicts 1. AND and OR are split by one line; XOR would need the
# two diagonal pairs on the same sides, which no line can do. So the lowest loss a perceptron can reach
# is to push its weights toward 0 and predict 0.5 everywhere.

# %%
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
for ax, (gate, Y) in zip(axes, gates.items()):
    dnn_guide.plot_decision_boundary(models[gate], X, Y, ax=ax)
    ax.set_title(gate)
plt.show()

# %%
w, b = models["XOR"][0].weight.detach().squeeze(), models["XOR"][0].bias.item()
print(f"XOR perceptron: w = {w.tolist()}, b = {b:.2e}")

# %% [markdown] lang="ko"
# !!! warning "강의 노트를 옮겨 적을 때 자주 보는 실수"
#     아래 오타들은 원래 노트북에는 없고, 강의 내용을 받아 적은 강의 노트에 있습니다. 옮겨 적은 코드가
#     실행되지 않으면 다음을 확인하세요.
#
#     - `torch.FloatTensor([0,0], [0,1], [1,0], [1,1]])`: 바깥 대괄호가 빠졌습니다. `torch.tensor([[0., 0.], ...])`로 씁니다.
#     - `torch.nn.sigmoid(x)`: 그런 함수는 없습니다. 함수는 `torch.sigmoid(x)`, 층(layer)은 `nn.Sigmoid()`입니다.
#     - `if stop % 100 == 0`: 정의되지 않은 이름입니다. 루프 변수 `step`을 씁니다.
#
# 다음 실습에서는 은닉층(hidden layer)을 하나 더해 XOR을 풉니다.

# %% [markdown] lang="en" ko="4c5cf61843"
# !!! warning "Common mistakes when copying from the lecture notes"
#     These typos are not in the original notebooks; they are in the lecture notes transcribed from the
#     course. If copied code does not run, check these:
#
#     - `torch.FloatTensor([0,0], [0,1], [1,0], [1,1]])`: the outer bracket is missing. Write `torch.tensor([[0., 0.], ...])`.
#     - `torch.nn.sigmoid(x)`: no such function. The function is `torch.sigmoid(x)`, the layer `nn.Sigmoid()`.
#     - `if stop % 100 == 0`: an undefined name. Use the loop variable `step`.
#
# The next lab adds a hidden layer and solves XOR.
