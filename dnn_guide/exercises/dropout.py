"""Exercises of the deep-network and dropout lab (9-4, 9-5): inverted dropout by hand, and where it goes.

The dropout checker draws with torch's global generator seeded inside ``torch.random.fork_rng`` (the
same masks on every run; the caller's random state is left alone) and checks the statistics of the mask
within tolerances a right answer meets with a wide margin.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from . import FLOAT32, MISTAKE, AnswerError, Say, Tolerance, call, checker, expect_close, matches

__all__ = ["check_dropout", "check_dropout_mlp", "dropout", "dropout_mlp"]

#: Eval mode returns x itself: no arithmetic on it, so only a dtype round trip may separate the two.
UNCHANGED = Tolerance(1e-6, 1e-6, "x returned as it is: no arithmetic")
KEEP_TOL = 0.02  # keep rate; with 30,000 values a right answer's keep rate has a standard error below 0.003
#: The drop probabilities the checker calls with, on both sides of 0.5.
P_VALUES = (0.3, 0.6)
#: Values of p a learner may type instead of using the argument: nn.Dropout's default 0.5, the lab's 0.3, and
#: the checker's other p.
FIXED_P = (0.5, 0.3, 0.6, 0.2)
#: (sizes, p) the placement checker calls with: p = 0.5 is nn.Dropout's default, 0.25 is not.
MLP_CASES = (([784, 64, 32, 10], 0.25), ([20, 16, 3], 0.5))


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
    if got.is_complex():
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 실수 텐서여야 하는데 복소수입니다.", en=f"{what.en}: expected real numbers, got complex"
            )
        )
    got = got.detach().to(device="cpu", dtype=torch.float64)
    if not bool(torch.isfinite(got).all()):
        raise AnswerError(Say(ko=f"{what.ko}: nan이나 inf가 들어 있습니다.", en=f"{what.en}: contains nan or inf"))
    return got


def _inputs() -> torch.Tensor:
    """100 × 300 values of both signs, none near 0: a 0 in the output can only be a dropped value."""
    g = torch.Generator().manual_seed(95)
    magnitude = torch.rand(100, 300, generator=g) + 0.5
    sign = torch.where(torch.rand(100, 300, generator=g) < 0.5, -1.0, 1.0)
    return magnitude * sign


@checker(
    Say(ko="9-5 역 드롭아웃", en="9-5 inverted dropout"),
    success=Say(
        ko="맞습니다. 학습 모드에서 값마다 따로 1-p의 비율로 남기고 1/(1-p)배 하며, 평가 모드에서는 입력을 그대로 "
        "돌려줍니다.",
        en="correct: in training it keeps each value on its own with probability 1-p and scales it by 1/(1-p); "
        "in eval it returns the input as is",
    ),
)
def check_dropout(dropout) -> None:
    """Check ``dropout(x, p, training)``: inverted dropout (train: mask and scale by 1/(1-p); eval: identity)."""
    x = _inputs()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(95)
        for p in P_VALUES:
            _check_eval(dropout, x, p)
            _check_train(dropout, x, p)


def _check_eval(dropout, x: torch.Tensor, p: float) -> None:
    what = Say(ko=f"평가 모드(training=False, p={p})", en=f"eval mode (training=False, p={p})")
    got = _tensor_like(call(dropout, x.clone(), p, False), x, what)
    zeros = int((got == 0).sum())
    if zeros:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 값 {x.numel():,}개 가운데 {zeros:,}개를 0으로 만들었습니다. 평가할 때는 드롭아웃을 "
                "끄고 x를 그대로 돌려줍니다.",
                en=f"{what.en}: {zeros:,} of {x.numel():,} values were set to 0; dropout is off when evaluating: "
                "return x as it is",
            )
        )
    x64 = x.double()
    if matches(got, x64 * (1 - p), MISTAKE):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: x에 (1-p)를 곱했습니다. 역 드롭아웃(inverted dropout)은 학습 때 1/(1-p)배를 하므로 "
                "평가 때는 x를 그대로 돌려줍니다.",
                en=f"{what.en}: you multiplied x by (1-p); inverted dropout scales by 1/(1-p) while training, "
                "so evaluation returns x unchanged",
            )
        )
    if matches(got, x64 / (1 - p), MISTAKE):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: x를 1/(1-p)배 했습니다. 그 배율은 학습 모드에서 남은 값에만 씁니다. 평가 때는 x를 "
                "그대로 돌려줍니다.",
                en=f"{what.en}: you scaled x by 1/(1-p); that scaling belongs to the kept values in training mode: "
                "evaluation returns x unchanged",
            )
        )
    expect_close(got, x, what, UNCHANGED)


def _fixed_p(p: float) -> list[float]:
    return [q for q in FIXED_P if not math.isclose(q, p)]


def _check_train(dropout, x: torch.Tensor, p: float) -> None:
    what = Say(ko=f"학습 모드(training=True, p={p})", en=f"training mode (training=True, p={p})")
    before = x.clone()
    first = call(dropout, x, p, True)
    if isinstance(first, torch.Tensor) and first.shape == x.shape and not torch.equal(x, before):
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 입력 x를 제자리에서(in place) 바꿨습니다. 새 텐서를 돌려주세요(x * mask / (1 - p)).",
                en=f"{what.en}: your function changed its input x in place; return a new tensor (x * mask / (1 - p))",
            )
        )
    x.copy_(before)
    got = _tensor_like(first, x, what)
    kept = got != 0
    if bool(kept.any()) and not bool(kept.all()):  # all kept or all dropped: the keep rate says it best
        _check_mask_per_element(kept, what)
    _check_keep_rate(kept, p, what)
    _check_scale(got, x.double(), kept, p, what)
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


def _check_keep_rate(kept: torch.Tensor, p: float, what: Say) -> None:
    keep_rate = kept.double().mean().item()
    if abs(keep_rate - (1 - p)) <= KEEP_TOL:
        return
    fixed = [q for q in _fixed_p(p) if abs(keep_rate - (1 - q)) <= KEEP_TOL]
    if abs(keep_rate - p) <= KEEP_TOL:
        hint = Say(
            ko="p는 끄는 확률입니다. 1-p의 확률로 남기세요(mask = torch.rand_like(x) >= p).",
            en="p is the probability of dropping: keep with probability 1-p (mask = torch.rand_like(x) >= p)",
        )
    elif fixed:
        hint = Say(
            ko=f"p를 숫자로 고정해(p = {fixed[0]}) 뽑은 비율입니다. 인자 p를 쓰세요(이번 호출은 p = {p}).",
            en=f"that is the rate of p fixed at {fixed[0]}: use the argument p (this call's p is {p})",
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


def _check_mask_per_element(kept: torch.Tensor, what: Say) -> None:
    """A mask drawn per element: no column (unit) or row (sample) all kept or all dropped. Each of the 100 values
    of a column is kept on its own with probability 1-p, so a right answer has such a column with a probability
    below 300 · 0.7 ** 100, about 1e-13."""
    rows, columns = kept.shape
    same_in_column = int((kept == kept[:1]).all(dim=0).sum())
    same_in_row = int((kept == kept[:, :1]).all(dim=1).sum())
    draw_each = Say(
        ko="mask = torch.rand_like(x) >= p처럼 x와 같은 모양의 마스크로 값마다 따로 정하세요.",
        en="decide for each value on its own, with a mask of x's shape: mask = torch.rand_like(x) >= p",
    )
    if same_in_column > columns // 2:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 열(유닛) {columns}개 가운데 {same_in_column}개가 모든 샘플에서 함께 남거나 함께 "
                f"꺼졌습니다. 샘플마다 같은 유닛을 끄고 있습니다. {draw_each.ko}",
                en=f"{what.en}: {same_in_column} of {columns} columns (units) are kept or dropped for every sample "
                f"alike: the same units are dropped in every sample; {draw_each.en}",
            )
        )
    if same_in_row > rows // 2:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 행(샘플) {rows}개 가운데 {same_in_row}개가 통째로 남거나 꺼졌습니다. {draw_each.ko}",
                en=f"{what.en}: {same_in_row} of {rows} rows (samples) are kept or dropped whole; {draw_each.en}",
            )
        )
    if same_in_column or same_in_row:
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 모든 샘플에서 함께 남거나 꺼진 열이 {same_in_column}개, 통째로 남거나 꺼진 행이 "
                f"{same_in_row}개입니다. 값마다 따로 뽑은 마스크라면 거의 있을 수 없는 일입니다. {draw_each.ko}",
                en=f"{what.en}: {same_in_column} columns are kept or dropped in every sample alike and {same_in_row} "
                f"rows whole, which a mask drawn per value almost never does; {draw_each.en}",
            )
        )


def _check_scale(got: torch.Tensor, x: torch.Tensor, kept: torch.Tensor, p: float, what: Say) -> None:
    """Every kept value is x / (1-p): name a known factor where all kept values share it, else the worst value."""
    ratio = got[kept] / x[kept]
    want = 1 / (1 - p)
    if bool(FLOAT32.within(ratio, torch.full_like(ratio, want)).all()):
        return
    scale = ratio.mean().item()
    shared = bool(MISTAKE.within(ratio, torch.full_like(ratio, scale)).all())
    fixed = [q for q in _fixed_p(p) if math.isclose(scale, 1 / (1 - q), rel_tol=1e-4)]
    if not shared:
        index = int((ratio - want).abs().argmax())
        where = torch.nonzero(kept)[index].tolist()
        raise AnswerError(
            Say(
                ko=f"{what.ko}: 남은 값은 x / (1-p)여야 하는데, 가장 크게 다른 [{where[0]}, {where[1]}]에서 "
                f"{got[tuple(where)].item():.6g}이고 x / (1-p) = {x[tuple(where)].item() * want:.6g}입니다. "
                "남은 값마다 같은 배율 1/(1-p)를 곱하세요.",
                en=f"{what.en}: a kept value must be x / (1-p); the largest difference is at [{where[0]}, {where[1]}]: "
                f"got {got[tuple(where)].item():.6g}, expected x / (1-p) = {x[tuple(where)].item() * want:.6g}. "
                "Scale every kept value by the same 1/(1-p)",
            )
        )
    if math.isclose(scale, 1.0, rel_tol=1e-4):
        hint = Say(
            ko="남은 값을 그대로 두었습니다. 1/(1-p)배 해서 출력의 기댓값이 x와 같게 하세요(역 드롭아웃).",
            en="the kept values are unchanged: scale them by 1/(1-p) so that the output's expected value "
            "stays x (inverted dropout)",
        )
    elif math.isclose(scale, 1 - p, rel_tol=1e-4):
        hint = Say(ko="(1-p)를 곱했습니다. (1-p)로 나누세요.", en="you multiplied by (1-p): divide by (1-p)")
    elif math.isclose(scale, 1 / p, rel_tol=1e-4):
        hint = Say(ko="p로 나눴습니다. 남길 확률 1-p로 나누세요.", en="you divided by p: divide by 1-p, the keep rate")
    elif fixed:
        hint = Say(
            ko=f"p를 숫자로 고정한(p = {fixed[0]}) 1/(1-{fixed[0]})배입니다. 인자 p를 쓰세요(이번 호출은 p = {p}).",
            en=f"that is 1/(1-{fixed[0]}), p fixed at {fixed[0]}: use the argument p (this call's p is {p})",
        )
    else:
        hint = Say(ko="남은 값은 x / (1-p)입니다.", en="a kept value is x / (1-p)")
    raise AnswerError(
        Say(
            ko=f"{what.ko}: 남은 값이 x의 {scale:.4f}배인데 1/(1-p) = {want:.4f}배여야 합니다. {hint.ko}",
            en=f"{what.en}: kept values are {scale:.4f} times x, expected 1/(1-p) = {want:.4f}: {hint.en}",
        )
    )


# --- where dropout goes --------------------------------------------------------------------------------


def _flat(model: nn.Module) -> list[nn.Module]:
    """The layers of ``model`` in order, nested ``nn.Sequential`` blocks opened."""
    layers: list[nn.Module] = []
    for layer in model:
        layers += _flat(layer) if isinstance(layer, nn.Sequential) else [layer]
    return layers


def _names(layers: list[nn.Module]) -> str:
    return ", ".join(type(layer).__name__ for layer in layers) or "-"


def _chain(block: list[nn.Module]) -> str:
    return " → ".join(["Linear", *(type(layer).__name__ for layer in block)])


def _is_dropout(layer: nn.Module) -> bool:
    """Any of torch's dropout layers (nn.Dropout, AlphaDropout, Dropout1d ...): they share ``_DropoutNd``."""
    return isinstance(layer, nn.modules.dropout._DropoutNd)


@checker(
    Say(ko="9-5 드롭아웃의 자리", en="9-5 dropout placement"),
    success=Say(
        ko="맞습니다. 은닉층마다 Linear → ReLU → Dropout(p) 순서이고, 출력층에는 드롭아웃이 없습니다.",
        en="correct: each hidden layer is Linear → ReLU → Dropout(p), and the output layer has no dropout",
    ),
)
def check_dropout_mlp(dropout_mlp) -> None:
    """Check ``dropout_mlp(sizes, p)``: ``Linear → ReLU → Dropout(p)`` per hidden layer, the last Linear alone
    (nested ``nn.Sequential`` blocks are opened)."""
    for sizes, p in MLP_CASES:
        model = call(dropout_mlp, list(sizes), p)
        call_text = f"dropout_mlp({sizes}, {p})"
        if not isinstance(model, nn.Sequential):
            hint = (
                Say(ko=" 층들을 nn.Sequential(*layers)로 감싸세요.", en=": wrap the layers: nn.Sequential(*layers)")
                if isinstance(model, (list, tuple, nn.ModuleList))
                else Say(ko="", en="")
            )
            raise AnswerError(
                Say(
                    ko=f"{call_text}: nn.Sequential을 돌려줘야 하는데 {type(model).__name__}입니다.{hint.ko}",
                    en=f"{call_text}: expected an nn.Sequential, got a {type(model).__name__}{hint.en}",
                )
            )
        _check_layers(call_text, _flat(model), sizes, p)


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
        if any(_is_dropout(layer) for layer in after):
            hint = Say(
                ko="출력층 뒤의 드롭아웃은 클래스 점수(로짓)를 무작위로 0으로 만듭니다. "
                "출력층에는 드롭아웃을 넣지 않습니다.",
                en="a dropout after the output layer zeroes class scores (logits) at random: the output layer "
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
        _check_block(call_text, Say(ko=f"{k}번째 은닉층", en=f"hidden layer {k}"), layers[start + 1 : stop], p)


def _check_block(call_text: str, hidden: Say, block: list[nn.Module], p: float) -> None:
    """One hidden layer's layers after its Linear: exactly ``[nn.ReLU(), nn.Dropout(p)]``."""

    def wrong(say: Say) -> AnswerError:
        return AnswerError(
            Say(
                ko=f"{call_text}: {hidden.ko}의 구성이 {_chain(block)}입니다. {say.ko}",
                en=f"{call_text}: {hidden.en} is {_chain(block)}: {say.en}",
            )
        )

    drops = [layer for layer in block if _is_dropout(layer)]
    others = [layer for layer in drops if type(layer) is not nn.Dropout]
    if others:
        name = type(others[0]).__name__
        if isinstance(others[0], (nn.AlphaDropout, nn.FeatureAlphaDropout)):
            raise wrong(
                Say(
                    ko=f"{name}은 SELU 신경망용 드롭아웃입니다(9-7). SELU 출력의 평균과 분산을 지키도록 0이 아닌 "
                    "값으로 끕니다. ReLU 뒤에는 nn.Dropout(p)을 쓰세요.",
                    en=f"{name} is the dropout for SELU networks (9-7): it drops to a nonzero value to keep "
                    "SELU's mean and variance; after a ReLU use nn.Dropout(p)",
                )
            )
        raise wrong(
            Say(
                ko=f"{name}은 값 하나가 아니라 채널 전체를 끕니다. 값마다 끄는 nn.Dropout(p)을 쓰세요.",
                en=f"{name} drops whole channels, not single values: use nn.Dropout(p), which drops each value",
            )
        )
    relus = [layer for layer in block if isinstance(layer, nn.ReLU)]
    if not drops:
        raise wrong(
            Say(
                ko="Dropout이 없습니다. ReLU 뒤에 nn.Dropout(p)을 넣으세요.",
                en="it has no Dropout: put nn.Dropout(p) after its ReLU",
            )
        )
    if not relus:
        activations = [layer for layer in block if not _is_dropout(layer)]
        if activations:
            name = type(activations[0]).__name__
            raise wrong(
                Say(
                    ko=f"ReLU 자리에 {name}이 있습니다. 이 연습의 활성화 함수는 nn.ReLU()입니다.",
                    en=f"it has {name} where nn.ReLU() belongs: this exercise's activation is nn.ReLU()",
                )
            )
        raise wrong(
            Say(
                ko="ReLU가 없습니다. Linear 뒤에 nn.ReLU()를 넣으세요.",
                en="it has no ReLU: put nn.ReLU() after its Linear",
            )
        )
    if len(block) != 2:
        raise wrong(
            Say(
                ko=f"층이 {len(block)}개입니다. Linear 뒤에는 ReLU와 Dropout을 하나씩만 두세요.",
                en=f"it holds {len(block)} layers after its Linear: one ReLU and one Dropout only",
            )
        )
    if block[0] is drops[0]:
        raise wrong(
            Say(
                ko="Dropout이 ReLU 앞에 있습니다. 이 연습은 실습의 deep_net처럼 활성화 함수 뒤에 둡니다: "
                "Linear → ReLU → Dropout(p). (ReLU에서는 두 순서가 같은 값을 내지만, 0에서 0이 아니거나 "
                "배율을 그대로 통과시키지 않는 활성화 함수에서는 결과가 달라집니다.)",
                en="the Dropout comes before the ReLU; this exercise, like the lab's deep_net, puts it after the "
                "activation: Linear → ReLU → Dropout(p). (With ReLU both orders give the same values; with an "
                "activation that is not 0 at 0 or does not pass a scale through, they differ.)",
            )
        )
    q = drops[0].p
    if not math.isclose(q, p):
        fixed = Say(
            ko=" 0.5는 nn.Dropout()의 기본값입니다." if math.isclose(q, 0.5) else "",
            en=" 0.5 is nn.Dropout()'s default." if math.isclose(q, 0.5) else "",
        )
        raise AnswerError(
            Say(
                ko=f"{call_text}: {hidden.ko}의 드롭아웃 확률이 {q}인데 이번 호출의 p = {p}여야 합니다.{fixed.ko} "
                "인자 p를 넘기세요: nn.Dropout(p).",
                en=f"{call_text}: {hidden.en} drops with p={q}, expected this call's p={p}.{fixed.en} Pass the "
                "argument: nn.Dropout(p)",
            )
        )
