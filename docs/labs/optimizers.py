# ---
# jupyter:
#   dnn_guide:
#     order: 50
#     number: null  # no notebook of the original course
#     title:
#       ko: "옵티마이저 비교"
#       en: "Comparing optimizers"
#     summary:
#       ko: "열두 가지 `torch.optim`의 길과 애니메이션, SparseAdam과 LBFGS, MNIST 비교"
#       en: "Twelve `torch.optim` optimizers: paths, an animation, SparseAdam and LBFGS, MNIST"
#     originals: []
#     experiments: []
#     timed: false
#     exercises: "optimizers"
# ---

# %% [markdown] lang="ko"
# 옵티마이저(optimizer)는 기울기를 받아 매개변수를 얼마나, 어느 방향으로 옮길지 정합니다. `torch.optim`의
# 옵티마이저 열 가지(SGD, Adadelta, Adagrad, Adam, SparseAdam, Adamax, ASGD, LBFGS, RMSprop, Rprop)에
# 모멘텀(momentum)을 쓴 SGD와 AdamW를 더해 열두 가지를 같은 조건에서 비교합니다. 먼저 각 옵티마이저의 갱신 규칙을
# 식으로 정리하고, 2차원 테스트 함수에서의 최적화 경로를 그린 다음, 같은 모델과 같은 시드로 MNIST를 학습합니다.
#
# !!! info "원본"
#     원래 저장소([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))에는 이 주제의
#     노트북이 없어, 강의([부스트코스 "파이토치로 시작하는 딥러닝 기초"](https://www.boostcourse.org/ai214), edwith)의
#     옵티마이저 설명을 따릅니다. 최적화 경로 애니메이션은 Alec Radford가 공개한 옵티마이저 애니메이션에서 착안했습니다.
#     갱신 규칙의 식은 PyTorch 문서([torch.optim](https://docs.pytorch.org/docs/stable/optim.html)과 옵티마이저별
#     페이지)의 정의를 따릅니다.
#
# !!! abstract "이 실습에서 배우는 것"
#     - `torch.optim`의 옵티마이저가 매개변수를 갱신하는 규칙을 한 표로 읽고, SGD에서 모멘텀, 적응 학습률(Adagrad,
#       RMSprop), Adam으로 이어지는 계보를 이해합니다.
#     - 2차원 테스트 함수에서 옵티마이저마다 움직이는 길을 비교하고, 클로저(closure)가 필요한 LBFGS와 희소 기울기만
#       받는 SparseAdam을 다뤄 봅니다.
#     - 같은 모델과 시드로 MNIST를 학습하는 루프를 직접 쓰고, 옵티마이저마다 학습률 하나로 얻은 비교가 무엇을
#       말해 주지 않는지 이해합니다.
#     - 모멘텀 SGD 한 스텝과 Adam 한 스텝(편향 보정 포함)을 직접 구현해 `torch.optim`과 비교합니다.
#
# !!! info "먼저 알아 둘 것"
#     1부의 텐서와 자동 미분(`loss.backward()`, `.grad`), 경사 하강법과 `torch.optim.SGD`로 쓰는 학습 루프
#     (`zero_grad`, `backward`, `step`), 소프트맥스 회귀와 교차 엔트로피(`F.cross_entropy`)를 안다고 가정합니다.
#     이 파트의 [역전파](backprop.md)와 [활성화 함수](activations.md)를 먼저 보면 좋습니다.

# %% [markdown] lang="en" ko="fb7b8f20f7"
# An optimizer takes the gradients and decides how far, and in which direction, to move the parameters.
# Ten `torch.optim` optimizers (SGD, Adadelta, Adagrad, Adam, SparseAdam, Adamax, ASGD, LBFGS, RMSprop,
# Rprop), plus SGD with momentum and AdamW, are compared under the same conditions. First
# their update rules, as formulas; then their paths over 2-D test functions; then MNIST training with the
# same model and the same seed.
#
# !!! info "Sources"
#     The original repository ([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))
#     has no notebook on this topic; this page follows the optimizer part of the lecture
#     ([boostcourse "Deep Learning Basics with PyTorch" (in Korean)](https://www.boostcourse.org/ai214),
#     edwith). The animation of optimizer paths is inspired by Alec Radford's optimizer animations. The update
#     rules follow the definitions of the PyTorch documentation
#     ([torch.optim](https://docs.pytorch.org/docs/stable/optim.html) and each optimizer's page).
#
# !!! abstract "What you will learn"
#     - Read in one table the rule by which each `torch.optim` optimizer updates the parameters, and follow the
#       family line from SGD through momentum and adaptive learning rates (Adagrad, RMSprop) to Adam.
#     - Compare the paths the optimizers take over 2-D test functions, and handle LBFGS, which needs a
#       closure, and SparseAdam, which takes only sparse gradients.
#     - Write the loop that trains the same model from the same seed on MNIST with each optimizer, and
#       understand what a comparison with one learning rate per optimizer does not tell.
#     - Implement one step of SGD with momentum and one Adam step (with bias correction) and compare them
#       with `torch.optim`.
#
# !!! info "Prerequisites"
#     From Part 1: tensors and automatic differentiation (`loss.backward()`, `.grad`), gradient descent and the
#     training loop with `torch.optim.SGD` (`zero_grad`, `backward`, `step`), softmax regression and
#     cross-entropy (`F.cross_entropy`). From this part, [backpropagation](backprop.md) and
#     [activation functions](activations.md) help.

# %% [markdown] lang="ko"
# ## 갱신 규칙 한눈에 보기
#
# 기호는 PyTorch 문서를 따릅니다. θ는 매개변수, g는 이번 스텝의 기울기(미니배치 손실의 기울기), γ는 학습률(`lr`),
# ε는 0으로 나누지 않으려고 더하는 작은 수(`eps`), t는 1부터 세는 스텝 번호이고, `←`는 "새 값으로 바꾼다"는
# 뜻입니다. 제곱, 나눗셈, 제곱근(√), max는 모두 원소별(elementwise) 연산이라서, 적응형 옵티마이저에서는
# 매개변수마다 걸음 크기가 따로 정해집니다. 괄호 안은 PyTorch의 기본값이거나 그 변형을 켜는 인자입니다. 이 페이지의
# 'SGD+momentum'은 μ = 0.9입니다. 표에서는 가중치 감쇠(weight decay) 인자 `weight_decay` λ를 AdamW에만 적었습니다. ASGD 행의 λ는 `weight_decay`가 아니라 ASGD 자체의 `lambd` 인자(기본값 1e-4)입니다. SGD, Adagrad,
# RMSprop, Adadelta, Adamax, ASGD는 `weight_decay`를 주면 갱신 전에 L2 페널티(L2 penalty)에 해당하는 `g ← g + λ·θ`를 합니다. Adam, NAdam,
# RAdam도 기본값으로는 같지만, `decoupled_weight_decay=True`를 주면 AdamW처럼 `θ ← θ − γ·λ·θ`를 따로 합니다
# (PyTorch 문서는 `Adam(decoupled_weight_decay=True)`가 AdamW와 같다고 설명합니다). 최근 `torch.optim`에는 이
# 페이지가 비교하지 않는 Adafactor와 Muon(행렬 모양의 매개변수 전용)도 있는데, 둘 다 감쇠를 AdamW처럼
# 매개변수에 직접 적용합니다. Rprop, LBFGS, SparseAdam에는 `weight_decay` 인자가 없습니다.
#
# | 옵티마이저 | 갱신 규칙 (PyTorch의 정의) | 직관 |
# |---|---|---|
# | SGD | `θ ← θ − γ·g` | 기울기의 반대 방향으로, 기울기에 비례해 한 걸음 갑니다. |
# | SGD + 모멘텀<br>(`momentum=μ`) | `b ← μ·b + g` (첫 스텝은 `b ← g`)<br>`θ ← θ − γ·b` | 지난 기울기를 누적한 속도 b로 움직입니다. 같은 방향이 이어지면 빨라지고, 진동하는 방향은 서로 상쇄됩니다. |
# | 네스테로프<br>(`nesterov=True`) | `b ← μ·b + g`<br>`θ ← θ − γ·(g + μ·b)` | 모멘텀이 데려갈 방향을 한 번 더 반영해, 미리 내다본 곳의 방향으로 갑니다. |
# | Adagrad | `s ← s + g²`<br>`θ ← θ − γ·g / (√s + ε)` | 매개변수마다 학습률이 따로 정해집니다. 기울기가 자주 컸던 매개변수는 조금, 드물게 기울기를 받는 매개변수는 많이 갑니다. s는 계속 커지므로 매개변수마다의 학습률 γ/(√s + ε)는 줄기만 합니다. 걸음은 이 학습률에 g를 곱한 것이라, g가 커지면 걸음도 커질 수 있습니다. |
# | RMSprop<br>(`alpha=0.99`) | `v ← α·v + (1 − α)·g²`<br>`θ ← θ − γ·g / (√v + ε)` | Adagrad의 합 대신 이동 평균을 써서 오래된 기울기를 잊습니다. 그래서 매개변수마다의 학습률이 0으로 줄어들지 않습니다. |
# | Adadelta<br>(`rho=0.9`, `lr=1.0`) | `v ← ρ·v + (1 − ρ)·g²`<br>`Δ = √(u + ε) / √(v + ε) · g`<br>`u ← ρ·u + (1 − ρ)·Δ²`<br>`θ ← θ − γ·Δ` | RMSprop처럼 기울기 제곱의 이동 평균으로 나누고, 지난 걸음 제곱의 이동 평균 u를 곱해 걸음의 단위를 θ에 맞춥니다. 논문에는 학습률이 없고, PyTorch는 곱하는 γ(기본 1)를 둡니다. |
# | Adam<br>(`betas=(0.9, 0.999)`) | `m ← β₁·m + (1 − β₁)·g`<br>`v ← β₂·v + (1 − β₂)·g²`<br>`m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`<br>`θ ← θ − γ·m̂ / (√v̂ + ε)` | 모멘텀(기울기의 이동 평균 m)과 RMSprop(기울기 제곱의 이동 평균 v)을 합칩니다. m과 v는 0에서 시작해 처음에는 0 쪽으로 치우치므로 `1 − βᵗ`로 나눠 보정합니다(편향 보정). |
# | AdamW<br>(`weight_decay=λ=0.01`) | `θ ← θ − γ·λ·θ`<br>이어서 Adam과 같은 갱신(m과 v는 λθ가 섞이지 않은 g로 계산) | 가중치 감쇠를 기울기에 섞지 않고 매개변수에 직접 적용합니다(decoupled). `Adam(weight_decay=λ)`은 λθ를 g에 더하므로 감쇠도 √v̂로 나뉘어, 기울기가 큰 매개변수일수록 덜 감쇠됩니다. |
# | Adamax<br>(`lr=0.002`) | m은 Adam과 같음<br>`u ← max(β₂·u, |g| + ε)`<br>`θ ← θ − γ·m / ((1 − β₁ᵗ)·u)` | 기울기 제곱 평균의 제곱근 대신, 지난 \|g\|의 (조금씩 감쇠하는) 최댓값으로 나눕니다(무한대 노름). |
# | NAdam<br>(`momentum_decay=ψ=0.004`) | `μₜ = β₁·(1 − 0.5·0.96^(t·ψ))`<br>`m̂ = μₜ₊₁·m / (1 − μ₁⋯μₜ₊₁) + (1 − μₜ)·g / (1 − μ₁⋯μₜ)`<br>`θ ← θ − γ·m̂ / (√v̂ + ε)` (m, v, v̂는 Adam과 같음) | Adam에 네스테로프 모멘텀을 넣었습니다. 다음 스텝의 모멘텀 계수 μₜ₊₁로 미리 내다봅니다. |
# | RAdam | `ρ∞ = 2 / (1 − β₂) − 1`, `ρₜ = ρ∞ − 2t·β₂ᵗ / (1 − β₂ᵗ)`<br>`ρₜ > 5`이면 `θ ← θ − γ·m̂·rₜ·√(1 − β₂ᵗ) / (√v + ε)`,<br>`rₜ = √((ρₜ − 4)(ρₜ − 2)·ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)·ρₜ))`<br>아니면 `θ ← θ − γ·m̂` | 처음 몇 스텝의 v는 기울기 몇 개로만 추정해 믿을 수 없으므로, 그동안은 모멘텀 SGD처럼 가고 적응 학습률은 rₜ로 서서히 켭니다(워밍업이 내장된 Adam). |
# | ASGD<br>(`lambd=λ=1e-4`, `alpha=0.75`, `t0=1e6`) | `θ ← (1 − λ·η)·θ − η·g`<br>이어서 `η ← γ / (1 + λ·γ·t)^α` (η는 γ에서 시작)<br>θ̄: t0 스텝 뒤부터 θ들의 평균 (옵티마이저 상태 `ax`) | 걸음이 천천히 줄어드는 SGD에, 지나온 θ들의 평균을 따로 둡니다(Polyak–Juditsky 평균). 평균은 옵티마이저 상태에만 있고 모델의 매개변수는 θ이며, 기본값 t0 = 10⁶이면 짧은 학습에서는 평균이 시작되지 않습니다. |
# | Rprop<br>(`etas=(0.5, 1.2)`, `step_sizes=(1e-6, 50)`) | 원소마다 지난 스텝의 기울기와 부호를 비교해서<br>같으면 `η ← min(1.2·η, 50)`, 다르면 `η ← max(0.5·η, 1e-6)`이고 `g ← 0`<br>`θ ← θ − η·sign(g)` (η는 γ에서 시작) | 기울기의 크기는 버리고 부호만 씁니다. 부호가 그대로면 걸음을 키우고, 바뀌면(최솟값을 지나쳤으면) 줄입니다. 미니배치의 잡음은 부호를 자주 바꾸므로 원래 전체 배치(full batch)용입니다. |
# | LBFGS<br>(`max_iter=20`, `history_size=100`) | `θ ← θ − γ·H·g`<br>H: 최근 `history_size`개의 (θ의 변화, g의 변화) 쌍으로 근사한 헤세 행렬(Hessian)의 역행렬<br>`step` 한 번에 클로저로 손실을 다시 계산하며 최대 `max_iter`번 반복 | 곡률(2차 미분) 정보로 방향과 보폭을 정하는 준뉴턴(quasi-Newton) 방법입니다. 잡음이 없는 전체 배치 문제에 맞습니다. |
# | SparseAdam | Adam의 규칙을 희소 기울기에 들어 있는 원소에만 적용 | 임베딩처럼 한 스텝에 일부 행만 기울기를 받는 층에 씁니다. 나머지 행의 m, v는 그대로 둡니다. |
#
# PyTorch의 모멘텀은 학습률을 버퍼 밖에 둡니다. Sutskever 등(2013)과 다른 프레임워크는 `v ← μ·v + γ·g`,
# `θ ← θ − v`로 씁니다. 학습률이 일정하면 두 형태는 같은 길을 가지만, 학습 중에 학습률을 바꾸면(스케줄러)
# 달라집니다(연습 1).
#
# 계보로 보면 다음과 같습니다. Adam은 두 갈래를 합친 것입니다.
#
# ```text
# SGD (Robbins & Monro 1951)
# ├── 모멘텀 (Polyak 1964)
# │   └── 네스테로프 (Nesterov 1983; Sutskever 등 2013)
# └── Adagrad (Duchi 등 2011)
#     ├── Adadelta (Zeiler 2012)
#     └── RMSprop (Tieleman & Hinton 2012)
#         └── Adam (Kingma & Ba 2015)  ◀── + 모멘텀 (기울기의 이동 평균 m)
#             ├── AdamW (Loshchilov & Hutter 2019)
#             ├── Adamax (Kingma & Ba 2015)
#             ├── NAdam (Dozat 2016)
#             └── RAdam (Liu 등 2020)
#
# 다른 갈래: ASGD (SGD + 평균, Polyak & Juditsky 1992) · Rprop (부호만, Riedmiller & Braun 1993)
#            · LBFGS (곡률, Liu & Nocedal 1989)
# ```

# %% [markdown] lang="en" ko="e6543a8740"
# ## The update rules at a glance
#
# The notation is PyTorch's: θ the parameters, g this step's gradient (of the mini-batch loss), γ the
# learning rate (`lr`), ε a small number added to avoid dividing by zero (`eps`), t the step number counted
# from 1, and `←` "replace with the new value". Squares, divisions, square roots (√) and max are
# elementwise, so an adaptive optimizer gives each parameter its own step size. In parentheses: PyTorch's
# defaults, or the argument that turns the variant on; this page's 'SGD+momentum' uses μ = 0.9. The table
# writes the `weight_decay` argument λ only for AdamW; the λ in the ASGD row is ASGD's own `lambd` argument (1e-4 by default), not `weight_decay`. Given a `weight_decay`, SGD, Adagrad, RMSprop, Adadelta, Adamax and
# ASGD first do `g ← g + λ·θ` (an L2 penalty). So do Adam, NAdam and RAdam by default, but with
# `decoupled_weight_decay=True` they do `θ ← θ − γ·λ·θ` on its own, as AdamW does (PyTorch's documentation says
# `Adam(decoupled_weight_decay=True)` is equivalent to AdamW). Recent versions of `torch.optim` also have
# Adafactor and Muon (for matrix-shaped parameters only), which this page does not compare; both apply the
# decay to the parameters directly, as AdamW does. Rprop, LBFGS and SparseAdam take no `weight_decay`.
#
# | Optimizer | Update rule (PyTorch's definition) | Intuition |
# |---|---|---|
# | SGD | `θ ← θ − γ·g` | One step against the gradient, in proportion to it. |
# | SGD + momentum<br>(`momentum=μ`) | `b ← μ·b + g` (first step: `b ← g`)<br>`θ ← θ − γ·b` | Moves with a velocity b that accumulates past gradients: it speeds up while the direction holds, and oscillating directions cancel out. |
# | Nesterov<br>(`nesterov=True`) | `b ← μ·b + g`<br>`θ ← θ − γ·(g + μ·b)` | Counts the direction momentum is about to take once more: it steps toward where it looks ahead to. |
# | Adagrad | `s ← s + g²`<br>`θ ← θ − γ·g / (√s + ε)` | A learning rate per parameter: parameters that often had large gradients move a little, rarely-touched ones move a lot. s only grows, so each parameter's rate γ/(√s + ε) only shrinks; the step is that rate times g, and can still grow when g does. |
# | RMSprop<br>(`alpha=0.99`) | `v ← α·v + (1 − α)·g²`<br>`θ ← θ − γ·g / (√v + ε)` | Adagrad with a moving average instead of the sum: old gradients are forgotten, so the per-parameter rates do not shrink to zero. |
# | Adadelta<br>(`rho=0.9`, `lr=1.0`) | `v ← ρ·v + (1 − ρ)·g²`<br>`Δ = √(u + ε) / √(v + ε) · g`<br>`u ← ρ·u + (1 − ρ)·Δ²`<br>`θ ← θ − γ·Δ` | Divides by a moving average of squared gradients like RMSprop, and multiplies by a moving average u of the squared past steps, so that a step has the units of θ. The paper has no learning rate; PyTorch keeps a factor γ (1 by default). |
# | Adam<br>(`betas=(0.9, 0.999)`) | `m ← β₁·m + (1 − β₁)·g`<br>`v ← β₂·v + (1 − β₂)·g²`<br>`m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`<br>`θ ← θ − γ·m̂ / (√v̂ + ε)` | Momentum (a moving average m of the gradients) plus RMSprop (a moving average v of their squares). m and v start at zero and are biased toward it early on; dividing by `1 − βᵗ` corrects that (bias correction). |
# | AdamW<br>(`weight_decay=λ=0.01`) | `θ ← θ − γ·λ·θ`<br>then Adam's update (m and v from g without λθ) | Weight decay applied to the parameters directly instead of mixed into the gradient (decoupled). `Adam(weight_decay=λ)` adds λθ to g, so the decay is divided by √v̂ too, and parameters with large gradients decay less. |
# | Adamax<br>(`lr=0.002`) | m as in Adam<br>`u ← max(β₂·u, |g| + ε)`<br>`θ ← θ − γ·m / ((1 − β₁ᵗ)·u)` | Divides by the (slowly decaying) maximum of past \|g\| instead of the root of the mean of the squares (the infinity norm). |
# | NAdam<br>(`momentum_decay=ψ=0.004`) | `μₜ = β₁·(1 − 0.5·0.96^(t·ψ))`<br>`m̂ = μₜ₊₁·m / (1 − μ₁⋯μₜ₊₁) + (1 − μₜ)·g / (1 − μ₁⋯μₜ)`<br>`θ ← θ − γ·m̂ / (√v̂ + ε)` (m, v, v̂ as in Adam) | Adam with Nesterov momentum: it looks ahead with the next step's momentum coefficient μₜ₊₁. |
# | RAdam | `ρ∞ = 2 / (1 − β₂) − 1`, `ρₜ = ρ∞ − 2t·β₂ᵗ / (1 − β₂ᵗ)`<br>if `ρₜ > 5`: `θ ← θ − γ·m̂·rₜ·√(1 − β₂ᵗ) / (√v + ε)`,<br>`rₜ = √((ρₜ − 4)(ρₜ − 2)·ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)·ρₜ))`<br>else: `θ ← θ − γ·m̂` | In the first steps v is estimated from a few gradients and cannot be trusted, so meanwhile it steps like SGD with momentum and turns the adaptive rate on gradually through rₜ (Adam with a built-in warm-up). |
# | ASGD<br>(`lambd=λ=1e-4`, `alpha=0.75`, `t0=1e6`) | `θ ← (1 − λ·η)·θ − η·g`<br>then `η ← γ / (1 + λ·γ·t)^α` (η starts at γ)<br>θ̄: the average of the θs after step t0 (optimizer state `ax`) | SGD with a slowly shrinking step, plus an average of the visited θs kept on the side (Polyak–Juditsky averaging). The average lives only in the optimizer's state, the model's parameters are θ, and with the default t0 = 10⁶ it does not start in a short training run. |
# | Rprop<br>(`etas=(0.5, 1.2)`, `step_sizes=(1e-6, 50)`) | per element, comparing the sign with the previous step's gradient:<br>same: `η ← min(1.2·η, 50)`; opposite: `η ← max(0.5·η, 1e-6)` and `g ← 0`<br>`θ ← θ − η·sign(g)` (η starts at γ) | Drops the gradient's size and keeps its sign: the step grows while the sign holds and shrinks when it flips (the minimum was passed). Mini-batch noise flips signs often, so it is meant for full batches. |
# | LBFGS<br>(`max_iter=20`, `history_size=100`) | `θ ← θ − γ·H·g`<br>H: an approximation of the inverse Hessian from the last `history_size` pairs (change of θ, change of g)<br>one `step` iterates up to `max_iter` times, re-computing the loss with the closure | A quasi-Newton method: curvature (second-derivative) information sets the direction and the step length. It suits noise-free, full-batch problems. |
# | SparseAdam | Adam's rule, applied only to the elements the sparse gradient holds | For layers where a step touches only some rows, such as embeddings; the other rows keep their m and v. |
#
# PyTorch's momentum keeps the learning rate outside the buffer. Sutskever et al. (2013) and other frameworks
# write `v ← μ·v + γ·g`, `θ ← θ − v`. With a constant learning rate the two forms take the same path; once the
# learning rate changes during training (a scheduler), they differ (Exercise 1).
#
# As a family tree (Adam joins two branches):
#
# ```text
# SGD (Robbins & Monro 1951)
# ├── momentum (Polyak 1964)
# │   └── Nesterov (Nesterov 1983; Sutskever et al. 2013)
# └── Adagrad (Duchi et al. 2011)
#     ├── Adadelta (Zeiler 2012)
#     └── RMSprop (Tieleman & Hinton 2012)
#         └── Adam (Kingma & Ba 2015)  ◀── + momentum (the moving average m of the gradients)
#             ├── AdamW (Loshchilov & Hutter 2019)
#             ├── Adamax (Kingma & Ba 2015)
#             ├── NAdam (Dozat 2016)
#             └── RAdam (Liu et al. 2020)
#
# Other branches: ASGD (SGD + averaging, Polyak & Juditsky 1992) · Rprop (signs only, Riedmiller & Braun 1993)
#                 · LBFGS (curvature, Liu & Nocedal 1989)
# ```

# %%
import math
from functools import partial

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.nn import functional as F

import dnn_guide
from dnn_guide.optim_paths import OPTIMIZERS, TEST_FUNCTIONS, animate_paths, contour_axes, optimizer_path

# %% [markdown] lang="ko"
# ## 2차원 테스트 함수에서의 최적화 경로
#
# 로젠브록(Rosenbrock) 함수는 최솟값 (1, 1)으로 가는 길고 휘어진 골짜기가 있고, 빌(Beale) 함수는 최솟값 (3, 0.5)
# 주변이 평평합니다. x² − y²는 원점이 안장점(saddle point)입니다. 학습률은 옵티마이저마다 다르게 골라야
# 합니다. 아래 값은 이 페이지가 쓰는 값입니다. LBFGS는 다른 옵티마이저와 스텝 수를 맞추려고 `max_iter=1`(스텝마다
# 반복 한 번)로 설정합니다. `torch.optim.LBFGS`의 기본값은 `max_iter=20`입니다.

# %% [markdown] lang="en" ko="af0fec84a5"
# ## Paths over 2-D test functions
#
# The Rosenbrock function has a long curved valley leading to its minimum at (1, 1); Beale's function is
# flat around its minimum at (3, 0.5); x² − y² has a saddle point at the origin. Each optimizer needs
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
rows, final = [], {}
for name in OPTIMIZERS:
    row = [name, lrs[name]]
    for fn, (f, *_) in TEST_FUNCTIONS.items():
        final[fn, name] = f(paths[fn][name][-1]).item()
        row.append(f"{final[fn, name]:.2e}")
    rows.append(row)
dnn_guide.Table(["optimizer", "lr", *(f"f after 300 steps: {fn}" for fn in TEST_FUNCTIONS)], rows)

# %%
lowest_at = {}  # the optimizer with the lowest f after 300 steps, per function
for fn in TEST_FUNCTIONS:
    reached = {name: final[fn, name] for name in OPTIMIZERS if not math.isnan(final[fn, name])}
    lowest_at[fn] = min(reached, key=reached.get)
    print(
        f"{fn}: lowest f after 300 steps: {lowest_at[fn]} ({reached[lowest_at[fn]]:.2e}); "
        f"SGD {reached['SGD']:.2e}, SGD+momentum {reached['SGD+momentum']:.2e}"
    )
momentum_lower = [fn for fn in TEST_FUNCTIONS if final[fn, "SGD+momentum"] < final[fn, "SGD"]]
sparse_like_adam = all(
    f"{final[fn, 'SparseAdam']:.2e}" == f"{final[fn, 'Adam']:.2e}" for fn in TEST_FUNCTIONS
)  # as shown

# %% [markdown] lang="ko"
# 안장점 함수는 하한이 없으므로 값이 작을수록(음수로 클수록) 안장점에서 잘 빠져나간 것입니다. 이 함수에서
# LBFGS의 값은 `{python} f"{final['saddle', 'LBFGS']:.3g}"`입니다. 곡률 정보로 크게 뛰는 LBFGS는 하한이 없는
# 함수에서 발산할 수 있고, `nan`은 그렇게 발산한 결과입니다. 2차원 경로에서는 점 (x, y)를
# `nn.Embedding(1, 2, sparse=True)`의 가중치로 두어 SparseAdam을 돌립니다. 기울기가 모든 원소를 담으므로
# SparseAdam은 Adam과 같은 길을 가야 하고, 표에 보이는 자릿수까지 두 행은 `{python} "같습니다" if sparse_like_adam else "다릅니다"`.
# 로젠브록 함수 위의 움직임을 애니메이션으로 보면 차이가 더 잘 보입니다.

# %% [markdown] lang="en" ko="e86b7d698b"
# The saddle function has no lower bound, so a lower (more negative) value means the optimizer escaped the
# saddle point better. LBFGS ends at `{python} f"{final['saddle', 'LBFGS']:.3g}"` there: its curvature-based jumps
# can diverge on a function with no lower bound, and a `nan` is such a divergence. For the 2-D paths the point
# (x, y) is the weight of an `nn.Embedding(1, 2, sparse=True)`; its sparse gradient holds every element, so
# SparseAdam should follow Adam's path, and to the digits the table shows, their rows
# `{python} "are the same" if sparse_like_adam else "differ"`. An animation of the Rosenbrock paths shows the differences more clearly.

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
# 100이고, 문서 빌드는 패키지에 든 표본으로 3 에폭을 학습합니다. 학습 루프는 아래에 그대로 적었습니다. 에폭마다
# 순서를 섞고, 배치마다 기울기 초기화, 순전파와 손실, 역전파, `optimizer.step()`을 하고, 에폭이 끝나면 평가
# 모드(`model.eval()`)와 `torch.no_grad()`로 테스트 데이터의 손실과 정확도를 잽니다. LBFGS에는 위와 같은 클로저를
# 넘깁니다. 단, 이 표의 LBFGS는 위 예제(`max_iter=20`)와 달리 경로 비교와 같은 `max_iter=1`이라서, 배치마다 한
# 번만 반복합니다. SparseAdam은 밀집 기울기에 쓸 수 없으므로 뺍니다.

# %% [markdown] lang="en" ko="a770fb6d3e"
# ## Comparing on MNIST
#
# A 784-128-10 ReLU network is trained with each optimizer from the same seed (same initial weights, same
# batch order), batch size 100; the docs build runs 3 epochs on the package's sample. The training loop is
# written out below: a new order every epoch; for each batch, zero the gradients, the forward pass and the
# loss, backpropagation and `optimizer.step()`; after each epoch, the test loss and accuracy in eval mode
# (`model.eval()`) under `torch.no_grad()`. LBFGS gets a closure as above. Unlike the example above
# (`max_iter=20`), LBFGS in this table uses `max_iter=1`, as in the path comparison: one iteration per batch.
# SparseAdam is left out: it cannot take dense gradients.

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


def loss_and_gradients(model, optimizer, X, y):
    """The closure LBFGS calls: zero the gradients, compute the loss and its gradients."""
    optimizer.zero_grad()
    loss = F.cross_entropy(model(X), y)
    loss.backward()
    return loss


def train_epoch(model, optimizer, generator, batch_size=100):
    """One epoch over the shuffled training set; returns the mean loss of its batches."""
    model.train()
    total = 0.0
    order = torch.randperm(len(data.X_train), generator=generator).to(data.X_train.device)
    for start in range(0, len(order), batch_size):
        index = order[start : start + batch_size]
        X, y = data.X_train[index], data.y_train[index]
        loss = F.cross_entropy(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        if isinstance(optimizer, torch.optim.LBFGS):  # it re-computes the loss itself, through the closure
            optimizer.step(partial(loss_and_gradients, model, optimizer, X, y))
        else:
            optimizer.step()
        total = total + loss.detach() * len(index)
    return float(total) / len(order)


@torch.no_grad()
def test_scores(model):
    """Loss and accuracy on the test set, in eval mode."""
    model.eval()
    output = model(data.X_test)
    return F.cross_entropy(output, data.y_test).item(), (output.argmax(1) == data.y_test).float().mean().item()


histories, rows = {}, []
for name, lr in mnist_lrs.items():
    generator = dnn_guide.seed_everything(777)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(data.X_train.device)
    cls, extra = OPTIMIZERS[name]  # e.g. (torch.optim.SGD, {"momentum": 0.9})
    optimizer = cls(model.parameters(), lr=lr, **extra)
    histories[name] = []
    for epoch in range(1, EPOCHS + 1):
        train_loss = train_epoch(model, optimizer, generator)
        test_loss, test_accuracy = test_scores(model)
        histories[name].append(
            {"epoch": epoch, "loss": train_loss, "val_loss": test_loss, "val_accuracy": test_accuracy}
        )
    label = "LBFGS (max_iter=1)" if name == "LBFGS" else name
    rows.append([label, lr, f"{train_loss:.4f}", f"{test_accuracy:.4f}"])
print(f"MNIST: {data.source}, {len(data.X_train)} train / {len(data.X_test)} test, {EPOCHS} epochs")
dnn_guide.Table(["optimizer", "lr", "train loss (last epoch)", "test accuracy"], rows)

# %%
accuracy = {name: history[-1]["val_accuracy"] for name, history in histories.items()}
best, worst = max(accuracy, key=accuracy.get), min(accuracy, key=accuracy.get)
print(f"test accuracy after {EPOCHS} epochs: from {accuracy[worst]:.4f} ({worst}) to {accuracy[best]:.4f} ({best})")
mu = OPTIMIZERS["SGD+momentum"][1]["momentum"]
momentum_reach = mnist_lrs["SGD+momentum"] / (1 - mu)  # the step γ·g/(1 − μ) of a persisting gradient, per g
reach_is_sgd_lr = math.isclose(momentum_reach, mnist_lrs["SGD"])
asgd_gap = max(abs(final[fn, "ASGD"] - final[fn, "SGD"]) for fn in TEST_FUNCTIONS)  # the 2-D table, same lr
print(
    f"SGD, lr {mnist_lrs['SGD']}: {accuracy['SGD']:.4f}; SGD+momentum, lr {mnist_lrs['SGD+momentum']}, μ = {mu} "
    f"(lr / (1 − μ) = {momentum_reach:.2f}): {accuracy['SGD+momentum']:.4f}"
)

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
# 표는 옵티마이저마다 학습률을 하나씩만 써서 얻은 결과입니다. "이 학습률에서" 어땠는지를 보여 줄 뿐, 어느
# 옵티마이저가 언제나 낫다는 뜻은 아닙니다. 위에 출력한 정확도의 범위도 다른 학습률에서 어떻게 비교될지는 말해 주지
# 않습니다. 학습률은 옵티마이저마다 뜻도 다릅니다. 모멘텀 SGD는 같은 기울기 g가 계속되면 버퍼 b가 g/(1 − μ)에
# 가까워져, 걸음이 g의 γ/(1 − μ)배까지, 곧 학습률이 γ/(1 − μ)인 SGD의 걸음만큼 커집니다. 이 표의 모멘텀 SGD는
# 학습률 γ = `{python} mnist_lrs['SGD+momentum']`, μ = `{python} mu`일 때 γ/(1 − μ) = `{python} f"{momentum_reach:.3g}"`이고,
# 이 값은 SGD의 학습률(`{python} mnist_lrs['SGD']`)과 `{python} "같습니다" if reach_is_sgd_lr else "다릅니다"`. 정확도는 SGD가
# `{python} f"{accuracy['SGD']:.4f}"`, 모멘텀 SGD가 `{python} f"{accuracy['SGD+momentum']:.4f}"`입니다(위에 출력한 SGD와
# SGD+momentum의 줄). 원래 강의의 7~9장 MNIST 실습
# 가운데 9-1~9-5와 9-7은 Adam(학습률 0.001), 9-6은 Adam(학습률 0.01)을 쓰고, 8-4는 손으로 짠 경사 하강법(학습률
# 0.5), 7-2는 SGD(학습률 0.1)입니다.

# %% [markdown] lang="en" ko="b15ce5caa3"
# The table gives one learning rate per optimizer. It shows how each did *at this learning rate*, not that
# one optimizer is always better, and the printed range of accuracies says nothing about how they would
# compare at other learning rates. A learning rate does not even mean the same thing for every optimizer:
# while the gradient g stays the same, the buffer b of SGD with momentum approaches g/(1 − μ), so its step
# grows to γ/(1 − μ) times g, the step of plain SGD with learning rate γ/(1 − μ). For the table's SGD with
# momentum (γ = `{python} mnist_lrs['SGD+momentum']`, μ = `{python} mu`), γ/(1 − μ) = `{python} f"{momentum_reach:.3g}"`,
# `{python} "the same as" if reach_is_sgd_lr else "not the same as"` SGD's learning rate (`{python} mnist_lrs['SGD']`);
# the accuracies are `{python} f"{accuracy['SGD']:.4f}"` for SGD and
# `{python} f"{accuracy['SGD+momentum']:.4f}"` for SGD with momentum (the SGD and SGD+momentum line printed above). Of the
# course's MNIST labs in chapters 7 to 9, Labs 9-1 to 9-5 and 9-7 use Adam with learning rate 0.001, Lab 9-6 uses Adam with 0.01,
# Lab 8-4 uses hand-written gradient descent (learning rate 0.5), and Lab 7-2 uses SGD with learning
# rate 0.1.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸 함수를 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 새 무작위 매개변수와 기울기로 몇
# 스텝을 돌려 `torch.optim`이 같은 스텝에서 낸 값과 비교하고, 틀렸으면 무엇이 틀렸는지 알려 줍니다. 풀이는 접힌
# 블록에 있습니다.
#
# !!! question "연습 1: 모멘텀 SGD 한 스텝"
#     PyTorch의 모멘텀 SGD 한 스텝을 계산하는 `sgd_momentum_step(theta, grad, buf, lr, momentum)`을 완성하세요.
#     위 표처럼 `b ← μ·b + g`, `θ ← θ − γ·b`이고, 새 `(theta, buf)`를
#     돌려줍니다. `buf`는 0에서 시작하므로 첫 스텝의 버퍼는 기울기 자체가 됩니다. 체커는 스텝마다 학습률과 모멘텀을
#     바꿔 가며(스케줄러처럼) `torch.optim.SGD`와 비교합니다. 인자 대신 값을 적어 넣으면 어느 인자인지 알려 줍니다.

# %% [markdown] lang="en" ko="6b30561678"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker runs it for a
# few steps on fresh random parameters and gradients, compares each step with what `torch.optim` computes, and
# when it is wrong says what is wrong. The solutions are in the collapsed blocks.
#
# !!! question "Exercise 1: one step of SGD with momentum"
#     Complete `sgd_momentum_step(theta, grad, buf, lr, momentum)`, which computes one step of PyTorch's SGD
#     with momentum: as in the table, `b ← μ·b + g` and `θ ← θ − γ·b`; it
#     returns the new `(theta, buf)`. `buf` starts at zero, so the first step's buffer is the gradient itself.
#     The checker compares it with `torch.optim.SGD`, changing the learning rate and the momentum between steps
#     (as a scheduler would); a value typed in instead of an argument is named.

# %%
from dnn_guide.exercises.optimizers import check_adam_step, check_sgd_momentum_step


# %% exercise=true
def sgd_momentum_step(theta, grad, buf, lr, momentum):
    # your code: the new buffer, then the step with it
    raise NotImplementedError


check_sgd_momentum_step(sgd_momentum_step)


# %% solution=true
def sgd_momentum_step(theta, grad, buf, lr, momentum):
    buf = momentum * buf + grad
    return theta - lr * buf, buf


check_sgd_momentum_step(sgd_momentum_step)

# %% [markdown] lang="ko"
# !!! question "연습 2: Adam 한 스텝"
#     위 표의 Adam 갱신 한 스텝을 계산하는 `adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps)`를 완성하세요.
#     `m`과 `v`는 0에서 시작하고, `t`는 1부터 세는 스텝 번호입니다. 새 `(theta, m, v)`를 돌려주는데, 다음 스텝에
#     넘길 `m`과 `v`는 편향 보정 전의 이동 평균입니다. 체커는 lr, betas, eps가 모두 다른 두 번의 실행에서
#     스텝마다 `torch.optim.Adam`과 θ, m, v를 비교합니다.

# %% [markdown] lang="en" ko="91493369b3"
# !!! question "Exercise 2: one Adam step"
#     Complete `adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps)`, which computes one step of the table's
#     Adam update. `m` and `v` start at zero and `t` is the step number, counted from 1. It returns the new
#     `(theta, m, v)`; the `m` and `v` passed on to the next step are the moving averages before bias
#     correction. The checker compares θ, m and v with `torch.optim.Adam` after every step of two runs whose lr,
#     betas and eps all differ.


# %% exercise=true
def adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps):
    # your code: update m and v, bias-correct them, then the step
    raise NotImplementedError


check_adam_step(adam_step)


# %% solution=true
def adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return theta - lr * m_hat / (v_hat.sqrt() + eps), m, v


grads = torch.tensor([1e-3, 1.0, 1e3])  # three parameters, gradients of very different sizes
theta, m, v = adam_step(torch.zeros(3), grads, torch.zeros(3), torch.zeros(3), 1, 0.01, 0.9, 0.999, 1e-8)
print("first Adam step of each parameter, in units of lr:", [round(s, 4) for s in (-theta / 0.01).tolist()])
m_raw, v_raw = (1 - 0.9) * grads, (1 - 0.999) * grads**2  # m and v after the first step, not bias-corrected
print("the same step without bias correction:", [round(s, 4) for s in (m_raw / (v_raw.sqrt() + 1e-8)).tolist()])
check_adam_step(adam_step)

# %% [markdown] lang="ko"
# !!! question "연습 3: Adam의 첫 걸음"
#     연습 2 풀이의 첫째 출력은 기울기가 10⁻³, 1, 10³으로 천 배씩 다른 세 매개변수의 첫 걸음입니다. 왜 셋이 (학습률
#     단위로) 거의 같은 크기만큼 움직이나요? 편향 보정이 없다면 첫 걸음은 어떻게 달라지나요?
#
#     ??? success "답"
#         첫 스텝에서는 `m = (1 − β₁)·g`, `v = (1 − β₂)·g²`이라서 편향 보정을 하면 `m̂ = g`, `v̂ = g²`이 됩니다.
#         그러면 걸음은 `γ·g / (|g| + ε)`, 곧 기울기의 크기와 상관없이 거의 γ입니다(기울기가 ε만큼 작지 않다면).
#         Adam의 걸음은 기울기의 크기가 아니라, 기울기의 이동 평균과 기울기 제곱의 이동 평균의 제곱근 사이의 비율로
#         정해집니다. 편향 보정이 없으면 걸음은 `γ·(1 − β₁)·g / (√(1 − β₂)·|g| + ε)`이 되어, 기본값에서는 γ의
#         `(1 − β₁) / √(1 − β₂)` ≈ 3.16배로 커집니다(연습 2 풀이의 둘째 출력). 체커는 이 경우를 "편향 보정이
#         빠졌습니다"로 알려 줍니다.

# %% [markdown] lang="en" ko="3aa0126495"
# !!! question "Exercise 3: Adam's first step"
#     The first line Exercise 2's solution prints is the first step of three parameters whose gradients,
#     10⁻³, 1 and 10³, differ by factors of a thousand. Why do all three move by nearly the same amount (in units of the
#     learning rate)? How would the first step differ without the bias correction?
#
#     ??? success "Answer"
#         In the first step `m = (1 − β₁)·g` and `v = (1 − β₂)·g²`, so bias correction gives `m̂ = g` and
#         `v̂ = g²`. The step is then `γ·g / (|g| + ε)`: nearly γ whatever the gradient's size (unless the
#         gradient is as small as ε). Adam's step is set by the ratio of the gradients' moving average to the
#         root of their squares' moving average, not by the gradient's size. Without bias correction the step
#         would be `γ·(1 − β₁)·g / (√(1 − β₂)·|g| + ε)`, which at the defaults is `(1 − β₁) / √(1 − β₂)` ≈ 3.16
#         times γ, larger than with the correction (the second line Exercise 2's solution prints). The checker
#         names that case "the bias correction is missing".

# %% [markdown] lang="ko"
# !!! question "연습 4: Adam의 weight_decay와 AdamW"
#     `torch.optim.Adam(params, weight_decay=0.01)`과 `torch.optim.AdamW(params, weight_decay=0.01)`은 무엇이
#     다른가요? 기울기가 큰 매개변수와 작은 매개변수에서 감쇠가 어떻게 달라지는지 표의 식으로 설명하세요.
#
#     ??? success "답"
#         Adam은 λθ를 기울기에 더합니다(`g ← g + λ·θ`). 그래서 감쇠 항도 m과 v를 거쳐 √v̂로 나뉘고, 기울기가 커서
#         v̂가 큰 매개변수일수록 덜 감쇠됩니다. AdamW는 감쇠를 기울기와 떼어 내(decoupled) 매 스텝
#         `θ ← θ − γ·λ·θ`를 따로 하므로, 모든 매개변수가 기울기의 크기와 상관없이 같은 비율로 줄어듭니다.
#         Loshchilov & Hutter(2019)가 이 차이를 보이고 AdamW를 제안했습니다.

# %% [markdown] lang="en" ko="e875bf9f5a"
# !!! question "Exercise 4: Adam's weight_decay and AdamW"
#     What is the difference between `torch.optim.Adam(params, weight_decay=0.01)` and
#     `torch.optim.AdamW(params, weight_decay=0.01)`? Explain with the table's formulas how the decay differs
#     between parameters with large and with small gradients.
#
#     ??? success "Answer"
#         Adam adds λθ to the gradient (`g ← g + λ·θ`), so the decay term goes through m and v and is divided
#         by √v̂ too: a parameter with large gradients, hence a large v̂, decays less. AdamW decouples the decay
#         from the gradient and does `θ ← θ − γ·λ·θ` separately at every step, so all parameters shrink by the
#         same factor whatever their gradients. Loshchilov & Hutter (2019) showed this difference and proposed
#         AdamW.

# %% [markdown] lang="ko"
# !!! question "연습 5: ASGD는 왜 SGD와 같아 보이나"
#     위의 두 표에서 ASGD와 SGD의 행은 (같은 학습률에서) 거의 같습니다. 2차원 함수에서 두 값의 차이는 가장 커도
#     `{python} f"{asgd_gap:.2g}"`이고, MNIST의 테스트 정확도는 ASGD `{python} f"{accuracy['ASGD']:.4f}"`, SGD
#     `{python} f"{accuracy['SGD']:.4f}"`입니다. 표의 ASGD 식과 PyTorch의 기본값으로 이유를 설명하세요.
#
#     ??? success "답"
#         ASGD의 걸음 `η = γ / (1 + λ·γ·t)^α`는 λ = 10⁻⁴라서 이 페이지의 수백 스텝 동안 γ에서 거의 줄지 않고,
#         곱해지는 `1 − λ·η`도 1에 아주 가깝습니다. 그래서 매개변수의 갱신은 SGD와 거의 같습니다. ASGD의 특징인
#         평균 θ̄는 t0 = 10⁶ 스텝 뒤에야 시작되고, 그나마 옵티마이저 상태(`optimizer.state[p]["ax"]`)에만 있어서
#         모델의 출력에는 쓰이지 않습니다. 평균의 효과를 보려면 `t0`를 작게 주고, 평가 전에 그 평균을 모델의
#         매개변수로 복사해야 합니다.

# %% [markdown] lang="en" ko="889511e0e3"
# !!! question "Exercise 5: why does ASGD look like SGD?"
#     In both tables above, the ASGD and SGD rows (at the same learning rate) are nearly the same: on the 2-D
#     functions their values differ by at most `{python} f"{asgd_gap:.2g}"`, and on MNIST their test accuracies are
#     `{python} f"{accuracy['ASGD']:.4f}"` (ASGD) and `{python} f"{accuracy['SGD']:.4f}"` (SGD). Explain why from the
#     table's ASGD formula and PyTorch's defaults.
#
#     ??? success "Answer"
#         ASGD's step `η = γ / (1 + λ·γ·t)^α`, with λ = 10⁻⁴, hardly shrinks from γ over this page's few hundred
#         steps, and the factor `1 − λ·η` is very close to 1, so the parameters are updated almost as SGD updates
#         them. ASGD's distinctive average θ̄ starts only after t0 = 10⁶ steps, and even then it lives in the
#         optimizer's state (`optimizer.state[p]["ax"]`), not in the model's output. To see the average's
#         effect, pass a small `t0` and copy the average into the model's parameters before evaluating.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: momentum-step
# section: MNIST에서 비교하기
# question: MNIST 표의 모멘텀 SGD는 학습률 $\gamma$ = `{python} mnist_lrs['SGD+momentum']`, $\mu$ = `{python} mu`입니다. 같은 기울기 g가 계속 이어지면 한 스텝의 걸음은 g의 몇 배까지 커집니까?
# answer: `{python} round(mnist_lrs['SGD+momentum'] / (1 - mu), 6)`
# tolerance: 0.0001
# right: 버퍼 $b \leftarrow \mu b + g$는 $g / (1 - \mu)$에 가까워지므로 걸음 $\gamma b$는 $\gamma / (1 - \mu)$배, 곧 표의 SGD 학습률과 같은 크기가 됩니다.
# wrong: 같은 g가 이어지면 버퍼 $b$는 $g + \mu g + \mu^2 g + \dots = g / (1 - \mu)$에 가까워집니다. 여기에 학습률 $\gamma$를 곱해 보세요.
# ```
#
# ```quiz
# id: adam-vs-adamw
# section: 갱신 규칙 한눈에 보기
# question: `Adam(params, weight_decay=0.01)`과 `AdamW(params, weight_decay=0.01)`은 무엇이 다릅니까?
# - [ ] 이름만 다르고 같은 갱신을 한다
#     PyTorch 문서가 AdamW와 같다고 하는 것은 `Adam(decoupled_weight_decay=True)`입니다. 기본 `Adam`의 `weight_decay`는 다르게 동작합니다.
# - [x] Adam은 λθ를 기울기에 더해 감쇠도 $\sqrt{\hat v}$로 나뉘고, AdamW는 $\theta \leftarrow \theta - \gamma \lambda \theta$를 따로 한다
#     그래서 Adam에서는 기울기가 커서 $\hat v$가 큰 매개변수일수록 덜 감쇠되고, AdamW에서는 모든 매개변수가 같은 비율로 줄어듭니다(연습 4).
# - [ ] AdamW는 편향 보정을 하지 않는다
#     AdamW는 감쇠를 한 뒤 Adam과 같은 갱신(편향 보정 포함)을 합니다. 다른 것은 가중치 감쇠를 적용하는 자리입니다.
# ```
#
# ```quiz
# id: lbfgs-closure
# section: 주의가 필요한 두 옵티마이저
# question: `torch.optim.LBFGS`의 `step`에는 손실을 계산하는 함수(클로저)를 넘겨야 합니다. 왜 그렇습니까?
# - [ ] 클로저가 모멘텀 버퍼를 저장하기 때문에
#     LBFGS의 상태(최근의 θ 변화와 기울기 변화)는 옵티마이저가 가집니다. 클로저는 손실만 계산해 돌려줍니다.
# - [x] 한 스텝 안에서 손실과 기울기를 여러 번 다시 계산하기 때문에
#     LBFGS는 `step` 한 번에 최대 `max_iter`번 반복하며, 반복할 때마다 클로저로 손실을 다시 계산하고 역전파합니다.
# - [ ] LBFGS는 기울기를 쓰지 않고 손실 값만 쓰기 때문에
#     LBFGS는 기울기와 그 변화로 헤세 행렬의 역행렬을 근사하는 준뉴턴 방법입니다. 클로저 안에서 `backward()`를 부릅니다.
# ```

# %% [markdown] lang="en" ko="4b70ec9699"
# ## Check yourself
#
# ```quiz
# id: momentum-step
# section: Comparing on MNIST
# question: Momentum SGD in the MNIST table uses learning rate $\gamma$ = `{python} mnist_lrs['SGD+momentum']` and $\mu$ = `{python} mu`. When the same gradient g keeps coming, up to how many times g does one step grow?
# answer: `{python} round(mnist_lrs['SGD+momentum'] / (1 - mu), 6)`
# tolerance: 0.0001
# right: The buffer $b \leftarrow \mu b + g$ approaches $g / (1 - \mu)$, so the step $\gamma b$ grows to $\gamma / (1 - \mu)$ times g: the same size as SGD's learning rate in the table.
# wrong: With the same g every step, the buffer $b$ approaches $g + \mu g + \mu^2 g + \dots = g / (1 - \mu)$. Multiply by the learning rate $\gamma$.
# ```
#
# ```quiz
# id: adam-vs-adamw
# section: The update rules at a glance
# question: How do `Adam(params, weight_decay=0.01)` and `AdamW(params, weight_decay=0.01)` differ?
# - [ ] Only in name: they make the same update
#     What PyTorch's documentation calls equal to AdamW is `Adam(decoupled_weight_decay=True)`. Plain `Adam`'s `weight_decay` works differently.
# - [x] Adam adds λθ to the gradient, so the decay is divided by $\sqrt{\hat v}$ too; AdamW does $\theta \leftarrow \theta - \gamma \lambda \theta$ on its own
#     So with Adam a parameter with large gradients (large $\hat v$) decays less; with AdamW every parameter shrinks by the same fraction (exercise 4).
# - [ ] AdamW has no bias correction
#     After the decay AdamW makes Adam's update, bias correction included. What differs is where the weight decay is applied.
# ```
#
# ```quiz
# id: lbfgs-closure
# section: Two optimizers that need care
# question: `torch.optim.LBFGS`'s `step` needs a function that computes the loss (a closure). Why?
# - [ ] The closure keeps the momentum buffer
#     LBFGS's state (the recent changes of θ and of the gradient) lives in the optimizer. The closure only computes and returns the loss.
# - [x] It re-computes the loss and the gradients several times within one step
#     One `step` iterates up to `max_iter` times, and each iteration calls the closure to compute the loss again and backpropagate.
# - [ ] LBFGS uses only the loss, not the gradients
#     LBFGS is a quasi-Newton method that approximates the inverse Hessian from gradients and their changes. The closure calls `backward()`.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - `torch.optim`의 옵티마이저는 모두 "기울기로 방향을 정하고 한 걸음"의 변형입니다. 모멘텀은 지난 기울기를
#       누적하고, Adagrad·RMSprop·Adadelta는 매개변수마다 기울기 제곱의 합이나 평균의 제곱근으로 걸음을 나누며,
#       Adam은 둘을 합치고 편향 보정을 합니다. AdamW는 가중치 감쇠를 기울기와 떼어 냅니다.
#     - 2차원 함수 표와 그 아래 출력에서, SGD와 같은 학습률(`{python} lrs['SGD+momentum']`)의 모멘텀 SGD는
#       `{python} f"{len(TEST_FUNCTIONS)}개 함수 모두에서" if len(momentum_lower) == len(TEST_FUNCTIONS) else f"{len(TEST_FUNCTIONS)}개 함수 중 {len(momentum_lower)}개에서"`
#       SGD보다 낮은 값에 도달했습니다. 학습률이 같으면 모멘텀 SGD의 걸음은 SGD의 최대 1/(1 − μ) = `{python} f"{1 / (1 - mu):.3g}"`배까지
#       커지므로, 이 비교만으로 모멘텀 덕분이라고 할 수는 없습니다. γ/(1 − μ)를 SGD의 학습률에 맞춘 MNIST에서는 테스트
#       정확도가 SGD `{python} f"{accuracy['SGD']:.4f}"`, 모멘텀 SGD `{python} f"{accuracy['SGD+momentum']:.4f}"`입니다. 로젠브록 함수에서 가장 낮은 값에 이른 것은 `{python} lowest_at['rosenbrock']`이고,
#       하한이 없는 안장점 함수에서 곡률을 쓰는 LBFGS의 마지막 값은 `{python} f"{final['saddle', 'LBFGS']:.3g}"`입니다.
#     - MNIST 표는 옵티마이저마다 학습률 하나로 얻은 결과입니다. 정확도의 차이(`{python} f"{accuracy[worst]:.4f}"`에서
#       `{python} f"{accuracy[best]:.4f}"`까지)는 "이 학습률에서"의 차이이며, 학습률을 바꾸면 순위가 달라질 수 있습니다.
#     - 모멘텀과 Adam의 한 스텝은 몇 줄의 텐서 연산이고, PyTorch의 정의(학습률은 버퍼 밖, t는 1부터, 편향 보정)를
#       따르면 `torch.optim`과 같은 값을 냅니다(연습 1, 2의 체커). 편향 보정 덕분에 Adam의 첫 걸음은 기울기의
#       크기와 상관없이 학습률 정도입니다(연습 2 풀이의 첫째 출력).

# %% [markdown] lang="en" ko="eaad546388"
# !!! success "Key points"
#     - Every `torch.optim` optimizer is a variation of "pick a direction from the gradient, take a step".
#       Momentum accumulates past gradients; Adagrad, RMSprop and Adadelta divide each parameter's step by the
#       square root of the sum or average of its squared gradients; Adam does both, with bias correction; AdamW
#       decouples the weight decay from the gradient.
#     - In the 2-D table and the lines under it, SGD with momentum at SGD's learning rate (`{python} lrs['SGD+momentum']`)
#       ended lower than SGD
#       `{python} f"on all {len(TEST_FUNCTIONS)} functions" if len(momentum_lower) == len(TEST_FUNCTIONS) else f"on {len(momentum_lower)} of the {len(TEST_FUNCTIONS)} functions"`.
#       At the same learning rate its steps can grow to 1/(1 − μ) = `{python} f"{1 / (1 - mu):.3g}"` times SGD's, so this does not
#       credit momentum alone; on MNIST, with γ/(1 − μ) matched to SGD's learning rate, the test accuracies are
#       `{python} f"{accuracy['SGD']:.4f}"` (SGD) and `{python} f"{accuracy['SGD+momentum']:.4f}"` (SGD with momentum). The lowest value on the Rosenbrock function is
#       `{python} lowest_at['rosenbrock']`'s, and LBFGS, using curvature, ended at
#       `{python} f"{final['saddle', 'LBFGS']:.3g}"` on the saddle function, which has no lower bound.
#     - The MNIST table gives one learning rate per optimizer. The spread of accuracies (from
#       `{python} f"{accuracy[worst]:.4f}"` to `{python} f"{accuracy[best]:.4f}"`) is a difference *at these learning
#       rates*; other learning rates can change the order.
#     - One step of momentum or of Adam is a few lines of tensor code, and following PyTorch's definitions (the
#       learning rate outside the buffer, t from 1, bias correction) gives exactly `torch.optim`'s values (the
#       checkers of Exercises 1 and 2). Thanks to bias correction, Adam's first step is about one learning rate
#       whatever the gradient's size (the first line Exercise 2's solution prints).

# %% [markdown] lang="ko"
# ## 참고 문헌
#
# - H. Robbins, S. Monro (1951). A stochastic approximation method. *The Annals of Mathematical Statistics* 22(3).
#   [doi:10.1214/aoms/1177729586](https://doi.org/10.1214/aoms/1177729586)
# - B. T. Polyak (1964). Some methods of speeding up the convergence of iteration methods. *USSR Computational
#   Mathematics and Mathematical Physics* 4(5). [doi:10.1016/0041-5553(64)90137-5](https://doi.org/10.1016/0041-5553(64)90137-5)
# - Y. Nesterov (1983). A method for solving the convex programming problem with convergence rate O(1/k²).
#   *Soviet Mathematics Doklady* 27.
# - D. C. Liu, J. Nocedal (1989). On the limited memory BFGS method for large scale optimization. *Mathematical
#   Programming* 45. [doi:10.1007/BF01589116](https://doi.org/10.1007/BF01589116)
# - B. T. Polyak, A. B. Juditsky (1992). Acceleration of stochastic approximation by averaging. *SIAM Journal on
#   Control and Optimization* 30(4). [doi:10.1137/0330046](https://doi.org/10.1137/0330046)
# - M. Riedmiller, H. Braun (1993). A direct adaptive method for faster backpropagation learning: the RPROP
#   algorithm. *IEEE International Conference on Neural Networks*.
# - J. Duchi, E. Hazan, Y. Singer (2011). Adaptive subgradient methods for online learning and stochastic
#   optimization. *Journal of Machine Learning Research* 12. [JMLR](https://jmlr.org/papers/v12/duchi11a.html)
# - T. Tieleman, G. Hinton (2012). Lecture 6.5 — rmsprop: divide the gradient by a running average of its recent
#   magnitude. *COURSERA: Neural Networks for Machine Learning*.
# - M. D. Zeiler (2012). ADADELTA: an adaptive learning rate method. [arXiv:1212.5701](https://arxiv.org/abs/1212.5701)
# - I. Sutskever, J. Martens, G. Dahl, G. Hinton (2013). On the importance of initialization and momentum in deep
#   learning. *ICML*. [PMLR 28](https://proceedings.mlr.press/v28/sutskever13.html)
# - D. P. Kingma, J. Ba (2015). Adam: a method for stochastic optimization. *ICLR*.
#   [arXiv:1412.6980](https://arxiv.org/abs/1412.6980) (Adam과 Adamax)
# - T. Dozat (2016). Incorporating Nesterov momentum into Adam. *ICLR Workshop*.
# - I. Loshchilov, F. Hutter (2019). Decoupled weight decay regularization. *ICLR*.
#   [arXiv:1711.05101](https://arxiv.org/abs/1711.05101)
# - L. Liu, H. Jiang, P. He, W. Chen, X. Liu, J. Gao, J. Han (2020). On the variance of the adaptive learning rate
#   and beyond. *ICLR*. [arXiv:1908.03265](https://arxiv.org/abs/1908.03265)
# - PyTorch 문서: [torch.optim](https://docs.pytorch.org/docs/stable/optim.html) (옵티마이저마다 알고리즘 식이 있는 페이지)

# %% [markdown] lang="en" ko="d3fc262ac9"
# ## References
#
# - H. Robbins, S. Monro (1951). A stochastic approximation method. *The Annals of Mathematical Statistics* 22(3).
#   [doi:10.1214/aoms/1177729586](https://doi.org/10.1214/aoms/1177729586)
# - B. T. Polyak (1964). Some methods of speeding up the convergence of iteration methods. *USSR Computational
#   Mathematics and Mathematical Physics* 4(5). [doi:10.1016/0041-5553(64)90137-5](https://doi.org/10.1016/0041-5553(64)90137-5)
# - Y. Nesterov (1983). A method for solving the convex programming problem with convergence rate O(1/k²).
#   *Soviet Mathematics Doklady* 27.
# - D. C. Liu, J. Nocedal (1989). On the limited memory BFGS method for large scale optimization. *Mathematical
#   Programming* 45. [doi:10.1007/BF01589116](https://doi.org/10.1007/BF01589116)
# - B. T. Polyak, A. B. Juditsky (1992). Acceleration of stochastic approximation by averaging. *SIAM Journal on
#   Control and Optimization* 30(4). [doi:10.1137/0330046](https://doi.org/10.1137/0330046)
# - M. Riedmiller, H. Braun (1993). A direct adaptive method for faster backpropagation learning: the RPROP
#   algorithm. *IEEE International Conference on Neural Networks*.
# - J. Duchi, E. Hazan, Y. Singer (2011). Adaptive subgradient methods for online learning and stochastic
#   optimization. *Journal of Machine Learning Research* 12. [JMLR](https://jmlr.org/papers/v12/duchi11a.html)
# - T. Tieleman, G. Hinton (2012). Lecture 6.5 — rmsprop: divide the gradient by a running average of its recent
#   magnitude. *COURSERA: Neural Networks for Machine Learning*.
# - M. D. Zeiler (2012). ADADELTA: an adaptive learning rate method. [arXiv:1212.5701](https://arxiv.org/abs/1212.5701)
# - I. Sutskever, J. Martens, G. Dahl, G. Hinton (2013). On the importance of initialization and momentum in deep
#   learning. *ICML*. [PMLR 28](https://proceedings.mlr.press/v28/sutskever13.html)
# - D. P. Kingma, J. Ba (2015). Adam: a method for stochastic optimization. *ICLR*.
#   [arXiv:1412.6980](https://arxiv.org/abs/1412.6980) (Adam and Adamax)
# - T. Dozat (2016). Incorporating Nesterov momentum into Adam. *ICLR Workshop*.
# - I. Loshchilov, F. Hutter (2019). Decoupled weight decay regularization. *ICLR*.
#   [arXiv:1711.05101](https://arxiv.org/abs/1711.05101)
# - L. Liu, H. Jiang, P. He, W. Chen, X. Liu, J. Gao, J. Han (2020). On the variance of the adaptive learning rate
#   and beyond. *ICLR*. [arXiv:1908.03265](https://arxiv.org/abs/1908.03265)
# - PyTorch documentation: [torch.optim](https://docs.pytorch.org/docs/stable/optim.html) (each optimizer's page
#   gives its algorithm)
