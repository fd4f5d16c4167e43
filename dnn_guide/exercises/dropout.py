"""Exercises of the deep-network and dropout lab (9-4, 9-5): inverted dropout by hand, and where it goes.

The dropout checker draws with torch's global generator seeded inside ``torch.random.fork_rng`` (the
same masks on every run; the caller's random state is left alone) and checks the statistics of the mask
within tolerances a right answer meets with a wide margin.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from . import AnswerError, Say, Tolerance, call, checker, expect_close

__all__ = ["check_dropout", "check_dropout_mlp", "dropout", "dropout_mlp"]

#: Eval mode returns x itself: no arithmetic on it, so only a dtype round trip may separate the two.
UNCHANGED = Tolerance(1e-6, 1e-6, "x returned as it is: no arithmetic")
KEEP_TOL = 0.02  # keep rate; with 100,000 units a right answer's keep rate is within about 0.005


def dropout(x: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """Reference, inverted dropout: in training keep each value with probability 1 - p and divide by 1 - p."""
    if not training:
        return x
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask / (1 - p)


def dropout_mlp(sizes: list[int], p: float) -> nn.Sequential:
    """Reference: ``Linear → ReLU → Dropout(p)`` per hidden layer, then the output ``Linear`` alone."""
    layers: list[nn.Module] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU(), nn.Dropout(p)]
    return nn.Sequential(*layers, nn.Linear(sizes[-2], sizes[-1]))


def _tensor_like(got, x: torch.Tensor, what: Say) -> torch.Tensor:
    if not isinstance(got, torch.Tensor):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 텐서를 돌려줘야 하는데 {type(got).__name__}입니다.",
                en=f"{what.en}: expected a tensor, got a {type(got).__name__}",
            )
        )
    if got.shape != x.shape:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 출력은 입력과 모양(shape)이 같아야 합니다({tuple(x.shape)}). "
                f"돌려준 모양은 {tuple(got.shape)}입니다.",
                en=f"{what.en}: the output must have the input's shape {tuple(x.shape)}, got {tuple(got.shape)}",
            )
        )
    return got.detach().to(device="cpu", dtype=torch.float64)


@checker(
    "9-5 inverted dropout",
    success=Say(
        ko="맞습니다. 학습 모드에서 1-p의 비율로 남기고 1/(1-p)배 하며, 평가 모드에서는 입력을 그대로 돌려줍니다.",
        en="correct: in training it keeps a fraction 1-p and scales by 1/(1-p); in eval it returns the input as is",
    ),
)
def check_dropout(dropout) -> None:
    """Check ``dropout(x, p, training)``: inverted dropout (train: mask and scale by 1/(1-p); eval: identity)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(95)
        x = torch.rand(200, 500) + 0.5  # positive: a 0 in the output can only be a dropped unit
        for p in (0.3, 0.6):
            _check_eval(dropout, x, p)
            _check_train(dropout, x, p)


def _check_eval(dropout, x: torch.Tensor, p: float) -> None:
    what = Say(ko=f"평가 모드(training=False, p={p})", en=f"eval mode (training=False, p={p})")
    got = _tensor_like(call(dropout, x.clone(), p, False), x, what)
    if bool((got == 0).any()):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값을 0으로 만들었습니다. 평가할 때는 드롭아웃을 끄고 x를 그대로 돌려줍니다.",
                en=f"{what.en}: some values were set to 0; dropout is off when evaluating: return x as it is",
            )
        )
    if torch.allclose(got, x.double() * (1 - p)):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: x에 (1-p)를 곱했습니다. 역 드롭아웃(inverted dropout)은 학습 때 1/(1-p)배를 하므로 "
                "평가 때는 x를 그대로 돌려줍니다.",
                en=f"{what.en}: you multiplied x by (1-p); inverted dropout scales by 1/(1-p) while training, "
                "so evaluation returns x unchanged",
            )
        )
    expect_close(got, x, what, UNCHANGED)


def _check_train(dropout, x: torch.Tensor, p: float) -> None:
    what = Say(ko=f"학습 모드(training=True, p={p})", en=f"training mode (training=True, p={p})")
    before = x.clone()
    first = call(dropout, x, p, True)
    if not torch.equal(x, before):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 입력 x를 제자리에서(in place) 바꿨습니다. 새 텐서를 돌려주세요(x * mask / (1 - p)).",
                en=f"{what.en}: your function changed its input x in place; return a new tensor (x * mask / (1 - p))",
            )
        )
    got = _tensor_like(first, x, what)
    kept = got != 0
    keep_rate = kept.double().mean().item()
    if abs(keep_rate - (1 - p)) > KEEP_TOL:
        if abs(keep_rate - p) < KEEP_TOL:
            hint = Say(
                ko="p는 끄는 확률입니다. 1-p의 확률로 남기세요(mask = torch.rand_like(x) >= p).",
                en="p is the probability of dropping: keep with probability 1-p (mask = torch.rand_like(x) >= p)",
            )
        elif keep_rate == 1.0:
            hint = Say(ko="아무 값도 끄지 않았습니다.", en="nothing was dropped")
        else:
            hint = Say(
                ko="값마다 따로 torch.rand_like(x) >= p로 남길지 정하세요.",
                en="decide for each value separately with torch.rand_like(x) >= p",
            )
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 남은 값의 비율이 {keep_rate:.3f}인데 1-p = {1 - p:.3f}여야 합니다. {hint.ko}",
                en=f"{what.en}: the fraction of values kept is {keep_rate:.3f}, expected 1-p = {1 - p:.3f}: {hint.en}",
            )
        )
    scale = (got[kept] / x.double()[kept]).mean().item()
    if not math.isclose(scale, 1 / (1 - p), rel_tol=1e-4):
        if math.isclose(scale, 1.0, rel_tol=1e-4):
            hint = Say(
                ko="남은 값을 그대로 두었습니다. 1/(1-p)배 해서 출력의 기댓값이 x와 같게 하세요(역 드롭아웃).",
                en="the kept values are unchanged: scale them by 1/(1-p) so that the output's expected value "
                "stays x (inverted dropout)",
            )
        elif math.isclose(scale, 1 - p, rel_tol=1e-4):
            hint = Say(ko="(1-p)를 곱했습니다. (1-p)로 나누세요.", en="you multiplied by (1-p): divide by (1-p)")
        elif math.isclose(scale, 1 / p, rel_tol=1e-4):
            hint = Say(
                ko="p로 나눴습니다. 남길 확률 1-p로 나누세요.", en="you divided by p: divide by 1-p, the keep rate"
            )
        else:
            hint = Say(ko="남은 값은 x / (1-p)입니다.", en="a kept value is x / (1-p)")
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 남은 값이 x의 {scale:.4f}배인데 1/(1-p) = {1 / (1 - p):.4f}배여야 합니다. {hint.ko}",
                en=f"{what.en}: kept values are {scale:.4f} times x, expected 1/(1-p) = {1 / (1 - p):.4f}: {hint.en}",
            )
        )
    again = _tensor_like(call(dropout, x.clone(), p, True), x, what)
    if torch.equal(again != 0, kept):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 두 번 불렀는데 같은 값이 꺼졌습니다. 부를 때마다 새 마스크를 뽑으세요"
                "(함수 안에서 시드를 고정하지 마세요).",
                en=f"{what.en}: two calls dropped the same values; draw a new mask on every call "
                "(do not seed inside the function)",
            )
        )


def _names(layers: list[nn.Module]) -> str:
    return ", ".join(type(layer).__name__ for layer in layers) or "-"


def _chain(block: list[nn.Module]) -> str:
    return " → ".join(["Linear", *(type(layer).__name__ for layer in block)])


@checker(
    "9-5 dropout placement",
    success=Say(
        ko="맞습니다. 은닉층마다 ReLU와 Dropout(p)이 있고, 출력층에는 드롭아웃이 없습니다.",
        en="correct: each hidden layer has a ReLU and a Dropout(p), and the output layer has no dropout",
    ),
)
def check_dropout_mlp(dropout_mlp) -> None:
    """Check ``dropout_mlp(sizes, p)``: ``Linear → ReLU → Dropout(p)`` per hidden layer, the last Linear alone."""
    for sizes, p in (([784, 64, 32, 10], 0.25), ([20, 16, 3], 0.5)):
        model = call(dropout_mlp, list(sizes), p)
        call_text = f"dropout_mlp({sizes}, {p})"
        if not isinstance(model, nn.Sequential):
            raise AnswerError(
                Say(
                    ko=f"{call_text}: nn.Sequential을 돌려줘야 하는데 {type(model).__name__}입니다.",
                    en=f"{call_text}: expected an nn.Sequential, got a {type(model).__name__}",
                )
            )
        _check_layers(call_text, list(model), sizes, p)


def _check_layers(call_text: str, layers: list[nn.Module], sizes: list[int], p: float) -> None:
    where = [i for i, layer in enumerate(layers) if isinstance(layer, nn.Linear)]
    linears = [(layers[i].in_features, layers[i].out_features) for i in where]
    want = list(zip(sizes[:-1], sizes[1:]))
    if linears != want:
        raise AnswerError(
            Say(
                ko=f"{call_text}: Linear 층이 {want}여야 하는데 {linears}입니다. sizes의 이웃한 두 수가 한 층입니다.",
                en=f"{call_text}: the Linear layers should be {want}, got {linears}: each pair of neighbours "
                "in sizes is one layer",
            )
        )
    before, after = layers[: where[0]], layers[where[-1] + 1 :]
    if after:
        if any(isinstance(layer, nn.Dropout) for layer in after):
            hint = Say(
                ko="출력층 뒤의 Dropout은 클래스 점수(로짓)를 무작위로 0으로 만듭니다. "
                "출력층에는 드롭아웃을 넣지 않습니다.",
                en="a Dropout after the output layer zeroes class scores (logits) at random: the output layer "
                "gets no dropout",
            )
        elif any(isinstance(layer, nn.ReLU) for layer in after):
            hint = Say(
                ko="출력층 뒤의 ReLU는 음수 점수를 없앱니다. "
                "nn.CrossEntropyLoss는 마지막 Linear의 출력을 그대로 받습니다.",
                en="a ReLU after the output layer removes negative scores: nn.CrossEntropyLoss takes the last "
                "Linear's outputs as they are",
            )
        else:
            hint = Say(ko="마지막 Linear에서 끝내세요.", en="end with the last Linear")
        raise AnswerError(
            Say(
                ko=f"{call_text}: 마지막 Linear 뒤에 다른 층({_names(after)})이 있습니다. {hint.ko}",
                en=f"{call_text}: the last Linear is followed by {_names(after)}: {hint.en}",
            )
        )
    if before:
        raise AnswerError(
            Say(
                ko=f"{call_text}: 첫 Linear 앞에 다른 층({_names(before)})이 있습니다. "
                "이 연습에서는 입력이 바로 첫 Linear로 들어가고, 드롭아웃은 은닉층 뒤에만 둡니다.",
                en=f"{call_text}: the first Linear is preceded by {_names(before)}: in this exercise the input goes "
                "straight into the first Linear, and dropout comes only after hidden layers",
            )
        )
    for k, (start, stop) in enumerate(zip(where[:-1], where[1:]), start=1):
        block = layers[start + 1 : stop]
        relus = [layer for layer in block if isinstance(layer, nn.ReLU)]
        drops = [layer for layer in block if isinstance(layer, nn.Dropout)]
        hidden = Say(ko=f"{k}번째 은닉층", en=f"hidden layer {k}")
        if not drops:
            missing = Say(
                ko="Dropout이 없습니다. ReLU 뒤에 nn.Dropout(p)을 넣으세요.",
                en="has no Dropout: put nn.Dropout(p) after its ReLU",
            )
        elif not relus:
            missing = Say(
                ko="ReLU가 없습니다. Linear 뒤에 nn.ReLU()를 넣으세요.",
                en="has no ReLU: put nn.ReLU() after its Linear",
            )
        elif len(block) != 2:
            missing = Say(ko="ReLU와 Dropout을 하나씩만 두세요.", en="should hold one ReLU and one Dropout only")
        if not drops or not relus or len(block) != 2:
            raise AnswerError(
                Say(
                    ko=f"{call_text}: {hidden.ko}의 구성이 {_chain(block)}입니다. {missing.ko}",
                    en=f"{call_text}: {hidden.en} is {_chain(block)}: it {missing.en}",
                )
            )
        if not math.isclose(drops[0].p, p):
            raise AnswerError(
                Say(
                    ko=f"{call_text}: {hidden.ko}의 드롭아웃 확률이 {drops[0].p}인데 p = {p}여야 합니다. "
                    "nn.Dropout(p)을 쓰세요.",
                    en=f"{call_text}: {hidden.en} drops with p={drops[0].p}, expected p={p}: use nn.Dropout(p)",
                )
            )
