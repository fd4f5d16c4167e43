"""MkDocs hook: the course's bilingual glossary, and what the site does with it.

:data:`TERMS` is the one list of the course's terms: the Korean and English term, a one-line definition in
each language, and the lab that introduces the term. From it this hook

- fills the glossary pages (``docs/glossary.<lang>.md`` hold a ``<!-- glossary -->`` marker): one entry
  per term, 가나다 / A-Z order, each with the anchor :func:`anchor` gives it (the same in both languages);
- links the first use of each term on every other page to its entry (never inside code, headings, links,
  math, table headers, admonition or collapsible titles, notebook outputs, or a reference list), the link's title its
  definition in the page's language, which Material's ``content.tooltips`` shows on hover and focus;
- writes ``javascripts/glossary-search.js``, which rewrites a query before Material's search runs it: a
  Korean particle after a glossary word goes (``역전파는`` -> ``역전파``), a Korean compound is split as
  the index is, and a term of the other language gets its translation into the site's language
  (``backpropagation`` on the Korean site also searches ``역전파``; ``역전파`` on the English site also
  searches ``backpropagation``); see :data:`PARTICLES` and ``docs/_hooks/glossary_search.js``;
- gives ``docs/_hooks/languages.py`` the Korean words (:func:`segmentation_words`) it splits the search index at.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from sitecore import source
from sitecore.shared import LAB_DIR, UI, SiteError, page_language

SEARCH_JS = Path(__file__).with_name("glossary_search.js")
SCRIPT = "javascripts/glossary-search.js"  # where the generated script lands (mkdocs.yml: extra_javascript)
MARKER = "<!-- glossary -->"


class Term(NamedTuple):
    ko: str
    en: str
    lab: str  # docs/labs/<lab>.py introduces it
    ko_def: str
    en_def: str


# fmt: off
TERMS = [
    # perceptron
    Term("퍼셉트론", "perceptron", "perceptron",
         "입력에 가중치를 곱해 더하고 편향을 더한 값을 활성화 함수에 통과시키는, 가장 단순한 인공 신경망.",
         "The simplest artificial neural network: a weighted sum of the inputs plus a bias, passed through an "
         "activation function."),
    Term("신경망", "neural network", "perceptron",
         "가중치로 연결된 유닛을 층으로 쌓아, 입력을 출력으로 바꾸는 함수를 데이터에서 배우는 모델.",
         "A model made of layers of units joined by weights, which learns from data a function from inputs to "
         "outputs."),
    Term("모델", "model", "perceptron",
         "입력을 받아 예측을 내는, 매개변수를 가진 함수. 파이토치에서는 `nn.Module`.",
         "A function with parameters that maps inputs to predictions; an `nn.Module` in PyTorch."),
    Term("가중치", "weight", "perceptron",
         "입력에 곱하는 값. 학습으로 정해지는 매개변수.",
         "A learned parameter that multiplies an input."),
    Term("편향", "bias", "perceptron",
         "가중치를 곱해 더한 값에 더하는 상수. 학습으로 정해지는 매개변수.",
         "A learned constant added to the weighted sum."),
    Term("매개변수", "parameter", "perceptron",
         "학습으로 값이 정해지는 모델의 숫자들(가중치와 편향).",
         "The numbers of a model that training sets: its weights and biases."),
    Term("층", "layer", "perceptron",
         "같은 입력을 받아 함께 계산되는 유닛의 묶음. 파이토치에서는 `nn.Linear` 같은 모듈.",
         "A group of units computed together from the same input; in PyTorch a module such as `nn.Linear`."),
    Term("활성화 함수", "activation function", "perceptron",
         "층의 출력에 적용하는 비선형 함수(시그모이드, ReLU 등). 없으면 층을 아무리 쌓아도 선형 함수 하나와 같다.",
         "The nonlinear function applied to a layer's output (sigmoid, ReLU, ...); without one, any stack of "
         "layers is a single linear function."),
    Term("시그모이드", "sigmoid", "perceptron",
         "실수를 0과 1 사이로 보내는 함수 σ(x) = 1 / (1 + e^(−x)). 도함수는 최대 0.25이다.",
         "The function σ(x) = 1 / (1 + e^(−x)), which maps any real number into (0, 1); its derivative is at "
         "most 0.25."),
    Term("손실", "loss", "perceptron",
         "모델의 예측이 정답과 얼마나 다른지 나타내는 숫자 하나. 학습은 이 값이 줄도록 가중치를 고친다.",
         "One number saying how far the model's predictions are from the labels; training changes the weights "
         "to make it smaller."),
    Term("이진 교차 엔트로피", "binary cross-entropy", "perceptron",
         "0/1 정답 y와 예측 확률 p 사이의 손실 −[y log p + (1 − y) log(1 − p)]. 파이토치의 `nn.BCELoss`.",
         "The loss −[y log p + (1 − y) log(1 − p)] between a 0/1 label y and a predicted probability p; "
         "`nn.BCELoss` in PyTorch."),
    Term("정답", "label", "perceptron",
         "입력마다 모델이 맞혀야 하는 값(목표값).",
         "The value the model should predict for an input (the target)."),
    Term("경사 하강법", "gradient descent", "perceptron",
         "기울기의 반대 방향으로 매개변수를 조금씩 옮기기를 되풀이해 손실을 줄이는 방법.",
         "Reducing the loss by moving the parameters a small step against the gradient, again and again."),
    Term("학습률", "learning rate", "perceptron",
         "경사 하강법이 한 번에 움직이는 크기를 정하는 값.",
         "The size of each gradient-descent step."),
    Term("학습 루프", "training loop", "perceptron",
         "예측, 손실 계산, 역전파, 매개변수 갱신을 되풀이하는 코드.",
         "The code that repeats: predict, compute the loss, backpropagate, update the parameters."),
    Term("결정 경계", "decision boundary", "perceptron",
         "입력 공간에서 모델의 예측이 한 클래스에서 다른 클래스로 바뀌는 경계.",
         "Where, in input space, the model's prediction switches from one class to another."),
    Term("시드", "seed", "perceptron",
         "난수 생성기의 시작값. 같은 코드를 같은 라이브러리 버전과 장치에서 실행하면, 시드가 같을 때 초기 가중치와 "
         "배치 순서도 같다.",
         "The starting value of a random number generator: with the same code, library version and device, the "
         "same seed gives the same initial weights and batch order."),
    # xor-mlp
    Term("은닉층", "hidden layer", "xor-mlp",
         "입력과 출력층 사이에 있는 층.",
         "A layer between the input and the output layer."),
    Term("출력층", "output layer", "xor-mlp",
         "모델의 마지막 층. 그 출력이 예측이다.",
         "The last layer of a model; its output is the prediction."),
    Term("다층 퍼셉트론", "multi-layer perceptron", "xor-mlp",
         "은닉층을 하나 이상 가진 완전 연결 신경망(MLP).",
         "A fully connected network with one or more hidden layers (MLP)."),
    Term("유닛", "unit", "xor-mlp",
         "층 안에서 값 하나를 계산하는 요소(뉴런).",
         "One element of a layer, which computes one value (a neuron)."),
    Term("결정 영역", "decision region", "xor-mlp",
         "모델이 같은 클래스로 예측하는 입력 공간의 영역.",
         "The part of input space that the model assigns to one class."),
    Term("선형 분리 가능", "linearly separable", "xor-mlp",
         "두 클래스를 직선(고차원에서는 초평면) 하나로 나눌 수 있는 상태. XOR의 네 점은 그렇지 않다.",
         "Two classes that one straight line (a hyperplane in more dimensions) can separate; XOR's four points "
         "are not."),
    Term("평평한 구간", "plateau", "xor-mlp",
         "기울기가 작아 손실이 거의 줄지 않는 학습 구간.",
         "A stretch of training where the loss barely moves because the gradients are small."),
    Term("국소 최솟값", "local minimum", "xor-mlp",
         "주변 어디보다 손실이 낮지만 전체에서 가장 낮지는 않은 점.",
         "A point whose loss is lower than anywhere around it, but not the lowest overall."),
    # backprop
    Term("역전파", "backpropagation", "backprop",
         "출력층에서 입력 쪽으로 층마다 연쇄 법칙을 적용해 모든 매개변수의 기울기를 구하는 방법.",
         "Computing the gradient of every parameter by applying the chain rule layer by layer, from the output "
         "layer back to the input."),
    Term("기울기", "gradient", "backprop",
         "손실을 각 매개변수로 미분한 값. 손실이 가장 빨리 커지는 방향을 가리킨다.",
         "The derivative of the loss with respect to each parameter; it points where the loss grows fastest."),
    Term("연쇄 법칙", "chain rule", "backprop",
         "합성 함수의 도함수는 각 함수의 도함수를 곱한 것이라는 미분 법칙.",
         "The rule that the derivative of a composition of functions is the product of their derivatives."),
    Term("자동 미분", "automatic differentiation", "backprop",
         "실행한 연산의 기록에서 기울기를 자동으로 계산하는 기능. 파이토치의 autograd(`loss.backward()`).",
         "Computing gradients from a record of the operations that ran; PyTorch's autograd "
         "(`loss.backward()`)."),
    Term("원-핫", "one-hot", "backprop",
         "클래스 번호를 그 자리만 1이고 나머지는 0인 벡터로 나타내는 방식.",
         "Writing a class index as a vector of zeros with a single 1 at that index."),
    Term("포화", "saturation", "backprop",
         "활성화 함수의 입력이 절댓값으로 커서 출력이 한쪽 끝 값에 붙어 있고 기울기가 거의 0인 상태. 시그모이드와 "
         "tanh는 양쪽에서, ELU와 SELU는 음수 쪽에서만 포화된다.",
         "An activation function's input so large in absolute value that the output sits near one of its end "
         "values and the gradient is almost 0; sigmoid and tanh saturate on both sides, ELU and SELU on the "
         "negative side only."),
    Term("배치 크기", "batch size", "backprop",
         "한 번의 갱신에 함께 쓰는 샘플 수.",
         "The number of samples used together for one update."),
    Term("정확도", "accuracy", "backprop",
         "예측이 정답과 같은 샘플의 비율.",
         "The fraction of samples whose prediction equals the label."),
    Term("학습 데이터", "training data", "backprop",
         "모델이 가중치를 고치는 데 쓰는 데이터.",
         "The data the model adjusts its weights on."),
    Term("테스트 데이터", "test data", "backprop",
         "학습에 쓰지 않고 모델이 새 데이터에서 얼마나 잘하는지 재는 데 쓰는 데이터.",
         "Data kept out of training and used to measure how well the model does on new data."),
    # activations
    Term("도함수", "derivative", "activations",
         "입력이 조금 변할 때 함수값이 얼마나 빨리 변하는지를 나타내는 함수.",
         "How fast a function's value changes as its input changes, itself a function."),
    Term("기울기 소실", "vanishing gradient", "activations",
         "역전파가 층을 지날 때마다 작은 값이 곱해져, 입력 쪽 층의 기울기가 거의 0이 되는 현상.",
         "Gradients that shrink toward 0 in the layers near the input, because backpropagation multiplies them "
         "by small factors layer after layer."),
    Term("죽은 ReLU", "dead ReLU", "activations",
         "입력이 모든 샘플에서 음수라서 출력도 기울기도 0인 ReLU 유닛. 그동안 이 유닛으로 들어오는 가중치와 편향의 "
         "기울기도 0이다. 첫 은닉층의 유닛은 입력 데이터가 바뀌지 않으므로 기울기로는 되살아나지 않지만, 더 깊은 층의 "
         "유닛은 앞 층의 가중치가 바뀌면 되살아날 수 있다.",
         "A ReLU unit whose input is negative for every sample, so its output and gradient are 0, and so are the "
         "gradients of the weights and bias feeding it; a first-layer unit, whose inputs are the fixed data, "
         "does not come back through its gradients, but a deeper unit can revive when the layers before it "
         "change."),
    # optimizers
    Term("옵티마이저", "optimizer", "optimizers",
         "기울기를 받아 매개변수를 얼마나, 어느 방향으로 바꿀지 정하는 알고리즘(SGD, Adam 등). `torch.optim`.",
         "The algorithm that turns gradients into parameter updates (SGD, Adam, ...); `torch.optim`."),
    Term("모멘텀", "momentum", "optimizers",
         "옵티마이저가 지난 갱신 방향을 일부 이어 가는 기법. 골짜기에서 진동을 줄이고 평평한 곳을 빨리 지난다. "
         "배치 정규화의 momentum과는 다른 뜻이다.",
         "An optimizer carrying part of the previous update into the next one, which damps oscillation in "
         "valleys and speeds across flat regions; not batch normalization's momentum."),
    Term("안장점", "saddle point", "optimizers",
         "기울기가 0이지만 어떤 방향으로는 올라가고 다른 방향으로는 내려가는 점.",
         "A point with zero gradient where the function rises in some directions and falls in others."),
    Term("로젠브록 함수", "Rosenbrock function", "optimizers",
         "최솟값 (1, 1)로 가는 길고 휘어진 골짜기가 있는 2차원 테스트 함수.",
         "A 2-D test function with a long, curved valley that leads to its minimum at (1, 1)."),
    Term("희소 기울기", "sparse gradient", "optimizers",
         "대부분이 0이어서 0이 아닌 값만 저장하는 기울기. `nn.Embedding(..., sparse=True)` 같은 층이 낸다.",
         "A gradient stored as its few nonzero entries, as layers like `nn.Embedding(..., sparse=True)` "
         "produce."),
    Term("클로저", "closure", "optimizers",
         "손실을 다시 계산해 돌려주는 함수. LBFGS의 `step`에 넘긴다.",
         "A function that recomputes and returns the loss; LBFGS's `step` needs one."),
    Term("편향 보정", "bias correction", "optimizers",
         "Adam이 0에서 시작하는 이동 평균 m과 v를 1 − βᵗ로 나눠, 처음 스텝들에서 0 쪽으로 치우친 값을 바로잡는 일.",
         "Adam's division of its moving averages m and v, which start at 0, by 1 − βᵗ, undoing their pull "
         "toward 0 in the first steps."),
    Term("에폭", "epoch", "optimizers",
         "학습 데이터 전체를 한 번 다 쓰는 학습 단위.",
         "One pass of training over the whole training data."),
    # mnist-softmax-mlp
    Term("소프트맥스", "softmax", "mnist-softmax-mlp",
         "점수 벡터를 합이 1인 확률 벡터로 바꾸는 함수 exp(z_i) / Σ_j exp(z_j).",
         "The function exp(z_i) / Σ_j exp(z_j), which turns a vector of scores into probabilities that sum "
         "to 1."),
    Term("소프트맥스 회귀", "softmax regression", "mnist-softmax-mlp",
         "선형 층 하나와 소프트맥스로 여러 클래스를 분류하는 모델.",
         "Classifying into several classes with one linear layer followed by softmax."),
    Term("로짓", "logit", "mnist-softmax-mlp",
         "소프트맥스를 적용하기 전의 클래스 점수.",
         "A class score before softmax."),
    Term("클래스", "class", "mnist-softmax-mlp",
         "분류에서 입력이 속할 수 있는 범주(MNIST에서는 숫자 0–9).",
         "One of the categories an input can belong to in classification (the digits 0–9 in MNIST)."),
    Term("음의 로그 가능도", "negative log-likelihood", "mnist-softmax-mlp",
         "모델이 정답 클래스에 준 확률 p의 −log p. 로그 소프트맥스와 합치면 교차 엔트로피 손실이다.",
         "The loss −log p of the probability p that the model gives the correct class; after a log-softmax it "
         "is the cross-entropy loss."),
    Term("혼동 행렬", "confusion matrix", "mnist-softmax-mlp",
         "i행 j열에 실제 클래스가 i인데 j로 예측한 샘플 수를 적은 표.",
         "A table whose row i, column j counts the samples of class i predicted as j."),
    Term("전처리", "preprocessing", "mnist-softmax-mlp",
         "데이터를 모델에 넣기 전에 바꾸는 일(예: 픽셀을 255로 나누기). 학습과 테스트 데이터에 똑같이 해야 한다.",
         "Changing data before it goes into the model (e.g. dividing pixels by 255); training and test data "
         "must get the same."),
    Term("표준 정규분포", "standard normal distribution", "mnist-softmax-mlp",
         "평균 0, 분산 1인 정규분포 N(0, 1).",
         "The normal distribution with mean 0 and variance 1, N(0, 1)."),
    # weight-init
    Term("가중치 초기화", "weight initialization", "weight-init",
         "학습을 시작하기 전에 가중치의 처음 값을 정하는 방법. "
         "층을 지나며 값이 폭발하거나 사라지지 않도록 분산을 고른다.",
         "How the weights get their first values before training; the variance is chosen so that values "
         "neither explode nor vanish from layer to layer."),
    Term("Xavier 초기화", "Xavier initialization", "weight-init",
         "가중치 분산을 2 / (n_in + n_out)으로 잡는 초기화(Glorot & Bengio, 2010). 0에서 기울기가 1인 대칭 활성화 "
         "함수(tanh 등)를 가정해 유도했고, 논문은 출력의 평균이 0이 아닌(0을 중심으로 대칭인 입력에서 0.5) "
         "로지스틱 시그모이드는 깊은 신경망에 맞지 않는다고 보았다.",
         "Initialization with weight variance 2 / (n_in + n_out) (Glorot & Bengio, 2010), derived for a "
         "symmetric activation with slope 1 at 0 (such as tanh); the paper finds the logistic sigmoid, whose "
         "output mean is not 0 (0.5 for inputs symmetric about 0), unsuited to deep networks."),
    Term("He 초기화", "He initialization", "weight-init",
         "가중치 분산을 2 / n_in으로 잡는 초기화(Kaiming). ReLU가 0으로 만드는 절반을 메운다.",
         "Initialization with weight variance 2 / n_in (Kaiming), which makes up for the half that ReLU sets "
         "to 0."),
    Term("활성값", "activation", "weight-init",
         "층이 활성화 함수를 거쳐 내놓는 값.",
         "The values a layer outputs after its activation function."),
    Term("분산", "variance", "weight-init",
         "값이 평균에서 얼마나 퍼져 있는지 나타내는 양(평균과의 차를 제곱한 값의 평균).",
         "How spread out values are around their mean: the mean of the squared differences from it."),
    Term("표준편차", "standard deviation", "weight-init",
         "분산의 제곱근.",
         "The square root of the variance."),
    # deep-dropout
    Term("깊은 신경망", "deep network", "deep-dropout",
         "은닉층을 여러 개 쌓은 신경망.",
         "A network with many hidden layers."),
    Term("드롭아웃", "dropout", "deep-dropout",
         "학습하는 동안 유닛을 확률 p로 무작위로 꺼서 과적합을 줄이는 기법. 평가할 때는 드롭아웃을 쓰지 않고 모든 "
         "유닛을 쓴다.",
         "Switching units off at random with probability p during training to reduce overfitting; in evaluation "
         "it is off and every unit is used."),
    Term("과적합", "overfitting", "deep-dropout",
         "모델이 학습 데이터에 지나치게 맞춰져 새 데이터에서 성능이 떨어지는 현상.",
         "A model fitting its training data so closely that it does worse on new data."),
    # batch-norm
    Term("배치 정규화", "batch normalization", "batch-norm",
         "학습 모드에서는 배치마다 각 유닛의 값을 평균 0, 분산 1로 맞추고(평가 모드에서는 이동 평균과 이동 분산을 "
         "씀), 그 뒤 학습 가능한 스케일 γ와 시프트 β를 적용하는 층.",
         "A layer that, in training mode, brings each unit to mean 0 and variance 1 over the batch (in "
         "evaluation mode it uses its running mean and variance), then applies a learned scale γ and shift β."),
    Term("이동 평균", "running mean", "batch-norm",
         "값이 들어올 때마다 (1 − m) · 이전 값 + m · 새 값으로 갱신하는 평균. 배치 정규화는 이것으로 평가 때 쓸 평균을 "
         "모으고, RMSprop과 Adam은 기울기와 그 제곱의 이동 평균을 쓴다.",
         "An average updated with each new value as (1 − m) · old + m · new; batch normalization collects the "
         "mean it uses in evaluation this way, and RMSprop and Adam keep such averages of the gradients and of "
         "their squares."),
    Term("이동 분산", "running variance", "batch-norm",
         "배치 정규화가 학습하는 동안 모아 두었다가 평가할 때 쓰는 분산.",
         "The variance that batch normalization collects during training and uses in evaluation."),
    Term("배치 정규화 모멘텀", "batch-norm momentum", "batch-norm",
         "배치 정규화가 이동 평균과 이동 분산을 갱신할 때 새 배치의 통계에 주는 가중치 m: "
         "새 값 = (1 − m) · 이전 값 + m · 배치의 값(PyTorch의 `momentum`). 옵티마이저의 모멘텀과는 "
         "다른 뜻이다.",
         "The weight m that batch normalization gives the new batch's statistics when it updates its running "
         "mean and variance: new = (1 − m) · old + m · batch value (PyTorch's `momentum`); "
         "not an optimizer's momentum."),
    Term("편향 분산", "biased variance", "batch-norm",
         "평균과의 차를 제곱해 더한 뒤 N으로 나눈 분산(`x.var(unbiased=False)`). 배치 정규화는 이것으로 정규화한다.",
         "The variance that divides the sum of squared differences from the mean by N "
         "(`x.var(unbiased=False)`); batch normalization normalizes with it."),
    Term("불편 분산", "unbiased variance", "batch-norm",
         "평균과의 차를 제곱해 더한 뒤 N − 1로 나눈 분산. 표본으로 모집단의 분산을 치우침 없이 추정한다"
         "(`x.var()`의 기본값). 배치 정규화의 이동 분산에 들어간다.",
         "The variance that divides the sum of squared differences from the mean by N − 1, which estimates the "
         "population's variance from a sample without bias (`x.var()`'s default); batch normalization's running "
         "variance takes it."),
    Term("학습 모드", "training mode", "batch-norm",
         "`model.train()` 상태. 드롭아웃이 켜지고 배치 정규화가 그 배치의 통계를 쓴다.",
         "The `model.train()` state: dropout is on and batch normalization uses the batch's statistics."),
    Term("평가 모드", "evaluation mode", "batch-norm",
         "`model.eval()` 상태. 드롭아웃이 꺼지고 배치 정규화가 이동 평균과 이동 분산을 쓴다.",
         "The `model.eval()` state: dropout is off and batch normalization uses its running mean and variance."),
    Term("검증", "validation", "batch-norm",
         "학습에 쓰지 않은 데이터로 학습 중인 모델을 평가하는 일.",
         "Evaluating a model during training on data it does not train on."),
    # selu
    Term("자기 정규화", "self-normalizing", "selu",
         "조건이 맞으면 층을 지나도 활성값이 평균 0, 분산 1 근처로 저절로 유지되는 성질(SELU).",
         "Keeping activations near mean 0 and variance 1 through the layers by itself, given the right "
         "conditions (SELU)."),
    Term("표준화", "standardization", "selu",
         "특성마다 평균을 빼고 표준편차로 나눠 평균 0, 분산 1로 맞추는 일.",
         "Subtracting each feature's mean and dividing by its standard deviation, which gives mean 0 and "
         "variance 1."),
    Term("아핀 변환", "affine transformation", "selu",
         "선형 변환 뒤에 평행 이동을 더한 변환 y = ax + b.",
         "A linear map followed by a shift, y = ax + b."),
    Term("LeCun 초기화", "LeCun initialization", "selu",
         "가중치 분산을 1 / n_in으로 잡는 초기화(LeCun 외, 1998). 이 강좌에서는 SELU와 함께 쓴다.",
         "Initialization with weight variance 1 / n_in (LeCun et al., 1998); in this course, used with SELU."),
    Term("역 드롭아웃", "inverted dropout", "deep-dropout",
         "학습할 때 남은 값을 1/(1 − p)배 해서 평가할 때는 아무것도 바꾸지 않아도 되게 한 드롭아웃. "
         "`nn.Dropout`이 그렇다.",
         "Dropout that scales the kept values by 1/(1 − p) during training, so that evaluation needs no change; "
         "`nn.Dropout` works this way."),
    Term("양의 동차", "positively homogeneous", "selu",
         "c > 0이면 f(cx) = c·f(x)인 성질. ReLU는 그렇고 SELU는 그렇지 않다.",
         "f(cx) = c·f(x) for every c > 0: true of ReLU, not of SELU."),
    # speed
    Term("데이터 파이프라인", "data pipeline", "speed",
         "저장된 데이터를 읽어 모델에 넣을 배치로 만드는 과정.",
         "The steps that turn stored data into batches ready for the model."),
    Term("워밍업", "warm-up", "speed",
         "측정하기 전에 몇 번 미리 실행해, 처음 실행에만 드는 비용을 측정에서 빼는 일.",
         "A few runs before measuring, so that the one-time costs of the first run are left out."),
    Term("부동소수점 연산", "floating-point operation", "speed",
         "실수의 덧셈이나 곱셈 한 번(FLOP). 계산량을 세는 단위.",
         "One addition or multiplication of real numbers (FLOP), the unit for counting work."),
    Term("원소별", "elementwise", "speed",
         "텐서의 원소마다 따로 적용하는 연산(예: 덧셈, 활성화 함수).",
         "Applied to each element of a tensor on its own (e.g. an addition, an activation function)."),
    Term("처리량", "throughput", "speed",
         "단위 시간에 해내는 일의 양(예: 초당 부동소수점 연산 수).",
         "Work done per unit of time (e.g. floating-point operations per second)."),
    Term("커널", "kernel", "speed",
         "GPU에서 실행되는 함수 하나. 파이토치 연산 하나가 커널을 하나 이상 실행한다.",
         "A function that runs on the GPU; one PyTorch operation launches one or more."),
    Term("CUDA 그래프", "CUDA graph", "speed",
         "한 스텝의 GPU 커널들을 한 번 기록해 두고 통째로 다시 실행하는 CUDA 기능. 커널마다 드는 실행 비용을 줄인다.",
         "A CUDA feature that records a step's GPU kernels once and replays them as a whole, saving the launch "
         "cost of each kernel."),
]
# fmt: on

#: Pages where a term's word means something else: (lab, English term) -> the English term of the entry that
#: word links to there, or None: no link on that page. A link to an entry of another meaning would say
#: something false (its tooltip shows it). Where a longer term holds the word ("bias correction"), give it
#: its own entry instead: the longest term wins.
SENSES = {
    ("batch-norm", "momentum"): "batch-norm momentum",  # batch norm's running-average weight, not an optimizer's
    ("optimizers", "unit"): None,  # "a step has the units of θ": units of measure, not neurons
}

#: Heading ids of the sections whose text is never linked: the papers' titles and venues in a reference list.
REFERENCE_SECTIONS = {"references", "참고-문헌"}

#: Korean particles and endings that a learner types after a term (역전파는, 초기화를, 드롭아웃이란).
PARTICLES = (
    "은 는 이 가 을 를 의 에 에서 에게 으로 로 와 과 도 만 란 이란 이라는 라는 이라고 라고 이다 다 입니다 이며 이고 "
    "에는 에서는 에서도 으로는 로는 과는 와는 이나 나 까지 부터 보다 처럼 이랑 랑 하고 이라 라"
).split()

_HANGUL = "가-힣"
_LATIN = "A-Za-z0-9_"
_PAREN = (
    r"(?:\s*\([^()]{1,40}\))?"  # an English term in parentheses may sit inside a Korean one: 로젠브록(Rosenbrock) 함수
)


def anchor(term: Term) -> str:
    """The entry's id on both glossary pages, from the English term: ``vanishing-gradient``."""
    return re.sub(r"[^a-z0-9]+", "-", term.en.lower()).strip("-")


def words(text: str) -> list[str]:
    """A term's words as the search splits them (spaces and hyphens)."""
    return [w for w in re.split(r"[\s\-]+", text) if w]


def korean_words() -> list[str]:
    """Every Korean word of the glossary's Korean terms (기울기 소실 -> 기울기, 소실), in list order."""
    found = [w for t in TERMS for w in words(t.ko) if re.fullmatch(f"[{_HANGUL}]+", w)]
    return list(dict.fromkeys(found))


def segmentation_words() -> list[str]:
    """The Korean words (two syllables or more) that the search index and a typed query are split at,
    longest first: ``docs/_hooks/languages.py`` and the search script use this one list."""
    return sorted((w for w in korean_words() if len(w) >= 2), key=len, reverse=True)


def term_pattern(text: str, lang: str) -> str:
    """Regex for a term in running text: any spacing, an optional parenthesis between its words, and (in
    English) any case and a plural; a Korean term starts a word and may carry a particle after it."""
    if lang == "ko":
        parts = [re.escape(w) for w in re.split(r"\s+", text)]
        return rf"(?<![{_HANGUL}{_LATIN}])" + (_PAREN + r"\s+").join(parts)
    parts = [re.escape(w) for w in words(text)]
    return r"(?<![\w-])" + (_PAREN + r"[\s\-]+").join(parts) + r"(?:s|es)?(?![\w-])"


@cache
def matcher(lang: str) -> re.Pattern:
    """One regex for every term of a language, longest first; group ``t<i>`` names the term ``TERMS[i]``."""
    order = sorted(range(len(TERMS)), key=lambda i: -len(getattr(TERMS[i], lang)))
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile("|".join(f"(?P<t{i}>{term_pattern(getattr(TERMS[i], lang), lang)})" for i in order), flags)


# ---------------------------------------------------------------------------------------------------- the page


def lab_titles() -> dict[str, dict[str, str]]:
    """Every lab's title in each language, from the lab headers."""
    return {header.name: header.title for header in source.headers(LAB_DIR)}


def lab_title(lab: str, lang: str, titles: dict[str, dict[str, str]] | None = None) -> str:
    """A lab's title in that language (``titles``: :func:`lab_titles`, read once by the caller)."""
    titles = lab_titles() if titles is None else titles
    if lab not in titles:
        raise SiteError(f"the glossary names a lab docs/labs/{lab}.py that does not exist")
    return titles[lab][lang]


_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}


def section(text: str) -> str:
    """The heading an entry is listed under: its initial consonant (ㄱ ... ㅎ) or its first letter (A-Z)."""
    first = text[0]
    if "가" <= first <= "힣":
        initial = _CHOSEONG[(ord(first) - ord("가")) // 588]
        return _PLAIN.get(initial, initial)
    return first.upper()


def sort_key(term: Term, lang: str) -> tuple:
    text = getattr(term, lang)
    return (lang == "ko" and not "가" <= text[0] <= "힣", text.lower())  # 가나다 first, then A-Z terms


def glossary_markdown(lang: str) -> str:
    """The entries of one language's glossary page, grouped under initial-letter headings."""
    other = "en" if lang == "ko" else "ko"
    lab_label, titles = UI[lang]["glossary_lab"], lab_titles()
    out, current = [], None
    for term in sorted(TERMS, key=lambda t: sort_key(t, lang)):
        name = getattr(term, lang)
        if section(name) != current:
            current = section(name)
            out.append(f"## {current}\n")
        translation = html.escape(getattr(term, other))
        out.append(
            f"### {name} {{ #{anchor(term)} }}\n\n"
            f'<span lang="{other}">{translation}</span> · {getattr(term, lang + "_def")}'
            f" {lab_label}: [{lab_title(term.lab, lang, titles)}](labs/{term.lab}.md)\n"
        )
    return "\n".join(out)


# ---------------------------------------------------------------------------------------- first-use links

#: Elements whose text is never linked.
SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "math", "svg", "button", "summary", "textarea"}
SKIP_TAGS |= {"cite"}  # a work's title
SKIP_TAGS |= {f"h{i}" for i in range(1, 7)} | {"autoref", "th"}
SKIP_CLASSES = {"admonition-title", "arithmatex", "katex", "katex-display", "nb-output", "nb-html", "headerlink"}
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)([^>]*)>", re.S | re.I)


def _skips(tag: str, attrs: str) -> bool:
    if tag.lower() in SKIP_TAGS:
        return True
    classes = re.search(r'class="([^"]*)"', attrs)
    return bool(classes and SKIP_CLASSES & set(classes[1].split()))


def sense(index: int, lab: str | None) -> int | None:
    """The entry that the word of ``TERMS[index]`` links to on the page of ``lab``: itself, or what
    :data:`SENSES` names for that page (None: no link)."""
    key = (lab, TERMS[index].en)
    if key not in SENSES:
        return index
    if SENSES[key] is None:
        return None
    found = [i for i, term in enumerate(TERMS) if term.en == SENSES[key]]
    if not found:
        raise SiteError(f"glossary SENSES: {key} names no term {SENSES[key]!r} (see TERMS)")
    return found[0]


def definition(term: Term, lang: str) -> str:
    """The term's definition in ``lang`` as plain text (a link's tooltip): `code` marks dropped."""
    return (term.ko_def if lang == "ko" else term.en_def).replace("`", "")


def link_first_uses(content: str, lang: str, href: str, lab: str | None = None) -> str:
    """Wrap the first use of each term in ``content`` (HTML) in a link to ``href#<anchor>`` whose title is
    the term's definition in ``lang`` (Material's ``content.tooltips`` shows it on hover and focus).

    On the page of ``lab`` a word that :data:`SENSES` gives another meaning links to that entry instead, or
    to none. Text inside :data:`SKIP_TAGS`, elements with a :data:`SKIP_CLASSES` class, and a section whose
    heading id is one of :data:`REFERENCE_SECTIONS` is left alone.
    """
    pattern, linked = matcher(lang), set()

    def link(match: re.Match) -> str:
        index = sense(int(match.lastgroup[1:]), lab)
        if index is None or index in linked:
            return match[0]
        linked.add(index)
        term = TERMS[index]
        title = html.escape(definition(term, lang), quote=True)  # shown on hover and focus (content.tooltips)
        return f'<a class="glossary-term" href="{href}#{anchor(term)}" title="{title}">{match[0]}</a>'

    out, stack, position = [], [], 0  # stack: (tag, skips) of the open elements
    references = False  # inside a reference list's section: from its h2 to the next h1 or h2
    for token in _TOKEN.finditer(content):
        text = content[position : token.start()]
        out.append(text if references or any(skip for _, skip in stack) else pattern.sub(link, text))
        out.append(token[0])
        position = token.end()
        closing, tag = token[2], (token[3] or "").lower()
        if tag in ("h1", "h2") and not closing:
            heading_id = re.search(r'\bid="([^"]*)"', token[4])
            references = bool(heading_id and heading_id[1] in REFERENCE_SECTIONS)
        if not tag or tag in VOID_TAGS or token[4].rstrip().endswith("/"):
            continue
        if closing:
            while stack:  # close up to the matching open tag (tolerates an unclosed inner element)
                if stack.pop()[0] == tag:
                    break
        else:
            stack.append((tag, _skips(tag, token[4])))
    tail = content[position:]
    out.append(tail if references or any(skip for _, skip in stack) else pattern.sub(link, tail))
    return "".join(out)


# ------------------------------------------------------------------------------------------- the search script


def search_script() -> str:
    """The browser script: the glossary's data, then the transform in docs/_hooks/glossary_search.js."""
    data = {
        "pairs": [[t.ko, t.en] for t in TERMS],
        "koreanWords": sorted(set(korean_words()) | {t.ko for t in TERMS if " " not in t.ko}),
        "segmentWords": segmentation_words(),
        "particles": sorted(PARTICLES, key=len, reverse=True),
    }
    head = "// Generated by docs/_hooks/glossary.py from its term list and glossary_search.js: do not edit.\n"
    return (
        head
        + f"var GLOSSARY = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
        + (SEARCH_JS.read_text(encoding="utf-8"))
    )


# ---------------------------------------------------------------------------------------------------- hooks


@event_priority(-200)  # after mkdocs-static-i18n, which cannot handle generated files
def on_files(files, config):
    files.append(File.generated(config, SCRIPT, content=search_script(), inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown, page, config, files):
    if not re.fullmatch(r"glossary\.\w+\.md", page.file.src_uri):
        return markdown
    if MARKER not in markdown:
        raise SiteError(f"{page.file.src_uri} must hold the marker {MARKER} (docs/_hooks/glossary.py fills it)")
    return markdown.replace(MARKER, glossary_markdown(page_language(page)))


def on_page_content(content, page, config, files):
    lang = page_language(page)
    if lang is None or page.file.src_uri.startswith("glossary."):
        return content
    glossary = files.get_file_from_path(f"glossary.{lang}.md")
    if glossary is None:
        return content
    uri = page.file.src_uri  # a lab page: labs/<lab>.<lang>.md
    lab = uri.removeprefix("labs/").split(".")[0] if uri.startswith("labs/") else None
    return link_first_uses(content, lang, glossary.url_relative_to(page.file), lab)
