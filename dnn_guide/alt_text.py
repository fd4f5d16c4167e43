"""Alt text for figures, in Korean and English, generated from the data a figure draws.

:func:`describe` reads a matplotlib figure back (titles, axis labels, each line's values, bars,
histograms, points, contours, images) and says in a sentence or two per panel what it shows, e.g.
"BCE loss (log scale) against step, from step 0 to 10,000: Adam falls from 0.69 to 0.021." A figure
that carries ``fig.dnn_guide_alt = Say(ko=..., en=...)`` (the diagrams of :mod:`dnn_guide.diagrams`)
is described by that instead. :func:`install_alt_text` makes a notebook kernel attach the description
to every figure it displays, as the output's ``metadata["dnn_guide_alt"]``; the site build renders it
as the image's alt text, so the text is computed with the figure from the same data.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from .errors import InputError
from .say import Say

__all__ = ["describe", "install_alt_text"]

MANY = 4  # more curves than this in one panel: their final values, sorted, instead of one clause each
MANY_BARS = 4  # more bars than this in one group: their lowest and highest only
LIST_POINTS = 6  # list the points of a scatter group up to this many
TEX = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "eta": "η",
    "theta": "θ", "lambda": "λ", "mu": "μ", "sigma": "σ", "nabla": "∇", "partial": "∂", "cdot": "·",
    "times": "×", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "approx": "≈", "top": "T", "prime": "′",
}  # fmt: skip


# --- words and numbers -----------------------------------------------------------------------------


def number(value: float) -> str:
    """A number as a reader would say it: ``10,000``, ``0.69``, ``1.05``, ``0.0021``, ``3.2e-06``, ``2.31e+08``."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    size = abs(value)
    if size >= 1e6:
        return f"{value:.3g}"
    if value == round(value):
        return f"{round(value):,}"
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 1e-3:
        return f"{value:.3g}"
    return f"{value:.2g}"


def _point(xy) -> str:
    return f"({number(xy[0])}, {number(xy[1])})"


def _ro(word: str) -> str:
    """Korean particle 로/으로 after ``word`` (a number or a Korean word), by how its last sound is read."""
    last = word.rstrip(")")[-1:]
    if "가" <= last <= "힣":
        jong = (ord(last) - ord("가")) % 28
        return "로" if jong in (0, 8) else "으로"  # no final consonant, or ㄹ
    return "으로" if last in "036" else "로"  # 영/십/백/천/만, 삼, 육 end in a consonant other than ㄹ


def plain(text: str) -> str:
    """Figure text without matplotlib's mathtext markup: ``$\\sigma'(x_1)$`` becomes ``σ'(x1)``; ``val_loss`` stays."""

    def math(match: re.Match) -> str:
        tex = re.sub(r"\\hat\s*\{?(\w)\}?", "\\1\u0302", match[1])  # \hat{y} -> ŷ
        tex = re.sub(r"\\([A-Za-z]+)", lambda m: TEX.get(m[1], m[1]), tex)
        return re.sub(r"[{}_]|\\(?=\W)", "", tex)

    return unicodedata.normalize("NFC", " ".join(re.sub(r"\$(.*?)\$", math, text).split()))


def _join(items: list[str], lang: str) -> str:
    if lang == "ko" or len(items) < 3:
        return ", ".join(items) if lang == "ko" else " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _sentence(text: str) -> str:
    """``text`` with its first letter capitalized when it starts with one of this module's own words."""
    text = text.strip()
    if re.match(r"(a|an|the|shaded|marked|histogram|points|from|bars)\b", text):
        return text[:1].upper() + text[1:]
    return text


# --- reading a panel back --------------------------------------------------------------------------


def _label(artist) -> str:
    label = artist.get_label() or ""
    return "" if label.startswith("_") else plain(label)


def _axis(ax: Axes, which: str) -> tuple[str, str]:
    """An axis's label in (ko, en), with its log scale named; empty when it has no label.

    A panel that shares its axis with another (``sharex=True``) takes that one's label.
    """
    label = plain(getattr(ax, f"get_{which}label")())
    shared = ax.get_shared_x_axes() if which == "x" else ax.get_shared_y_axes()
    for sibling in shared.get_siblings(ax):
        label = label or plain(getattr(sibling, f"get_{which}label")())
    if not label:
        return "", ""
    if getattr(ax, f"get_{which}scale")() == "log" and "log" not in label.lower():
        return f"{label}(로그 눈금)", f"{label} (log scale)"
    return label, label


def _finite(line) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(line.get_xdata(), dtype=float).ravel()
    y = np.asarray(line.get_ydata(), dtype=float).ravel()
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def _breaks_off(line) -> tuple[int, str] | None:
    """Where a line's points stop being finite for good (a diverging path: ..., 4.9e+36, inf, nan, nan).

    Returns the index of its first point in that non-finite tail (the first point is 0, e.g. a path's start)
    and the values found there (``"inf, nan"``); ``None`` when the line ends on a finite point.
    """
    xy = np.column_stack(
        [np.asarray(line.get_xdata(), dtype=float).ravel(), np.asarray(line.get_ydata(), dtype=float).ravel()]
    )
    finite = np.isfinite(xy).all(axis=1)
    if not len(finite) or finite[-1] or not finite.any():
        return None
    start = int(np.flatnonzero(finite)[-1]) + 1
    tail = xy[start:]
    kinds = [name for name, found in (("inf", np.isinf(tail).any()), ("nan", np.isnan(tail).any())) if found]
    return start, ", ".join(kinds)


def _lines(ax: Axes) -> tuple[list, list, list, list]:
    """The panel's lines sorted into (curves, paths, marked points, reference lines)."""
    curves, paths, marks, refs = [], [], [], []
    over_contours = any(isinstance(c, ContourSet) for c in ax.collections)  # a walk over a landscape
    for line in ax.lines:
        if not line.get_visible():
            continue
        if line.get_transform() != ax.transData:  # axhline / axvline: drawn in axes coordinates
            refs.append(line)
            continue
        x, y = _finite(line)
        if len(x) == 0:
            continue
        steps = np.diff(x)
        if len(x) == 1 or (np.all(steps == 0) and np.all(np.diff(y) == 0)):
            marks.append((x[0], y[0]))
        elif not over_contours and (np.all(steps >= 0) or np.all(steps <= 0)):
            curves.append((_label(line), x, y))
        else:
            paths.append((_label(line), x, y, _breaks_off(line)))
    return curves, paths, marks, refs


def _at(axis_name: str) -> str:
    """A format string for a position on an axis: ``x = {}`` for a symbol, ``epoch {}`` for a word.

    Only the label's first words name it: ``layer (1 = next to the input)`` gives ``layer {}``.
    """
    axis_name = re.split(r"\s*[(\[]", axis_name, maxsplit=1)[0].strip() if axis_name[:1] not in "([" else axis_name
    return f"{axis_name} {{}}" if len(axis_name) > 2 else f"{axis_name or 'x'} = {{}}"


def _curve(name: str, x, y, xname: tuple[str, str]) -> tuple[str, str]:
    """One curve: where it starts and ends, and an extreme in between that stands out."""
    first, last, low, high = float(y[0]), float(y[-1]), float(y.min()), float(y.max())
    spread = high - low
    ko_name, en_name = (f"{name} 곡선은", name) if name else ("곡선은", "the curve")
    x_ko, x_en = _at(xname[0]), _at(xname[1])
    peak = high > max(first, last) + 0.1 * spread
    dip = low < min(first, last) - 0.1 * spread
    flat = abs(last - first) <= max(0.005 * max(abs(first), abs(last)), 0.1 * spread)  # 0.907 -> 0.953 is no "stays"
    if spread == 0:
        return f"{ko_name} {number(first)}에 머뭅니다", f"{en_name} stays at {number(first)}"
    if flat and (peak or dip):
        value, at = (high, x[y.argmax()]) if peak else (low, x[y.argmin()])
        word_ko, word_en = ("높은", "highest") if peak else ("낮은", "lowest")
        end, extreme = number(first), number(value)
        return (
            f"{ko_name} 양 끝이 {end} 근처이고 {x_ko.format(number(at))}에서 가장 {word_ko} {extreme}입니다",
            f"{en_name} is near {end} at both ends and {word_en} ({extreme}) at {x_en.format(number(at))}",
        )
    if flat:
        return f"{ko_name} {number(first)} 근처에 머뭅니다", f"{en_name} stays near {number(first)}"
    a, b = number(first), number(last)
    verb_ko, verb_en = ("내려갑니다", "falls") if last < first else ("올라갑니다", "rises")
    ko, en = f"{ko_name} {a}에서 {b}{_ro(b)} {verb_ko}", f"{en_name} {verb_en} from {a} to {b}"
    if dip or peak:
        value, at = (low, x[y.argmin()]) if dip else (high, x[y.argmax()])
        word_ko, word_en = ("최저", "lowest") if dip else ("최고", "highest")
        ko = f"{ko}({word_ko} {number(value)}, {x_ko.format(number(at))})"
        en = f"{en} ({word_en} {number(value)} at {x_en.format(number(at))})"
    return ko, en


def _curves(ax: Axes, curves: list) -> tuple[list[str], list[str]]:
    xname, yname = _axis(ax, "x"), _axis(ax, "y")
    ko, en = [], []
    if yname[1] and xname[1]:
        ko.append(f"{xname[0]}에 따른 {yname[0]}")
        en.append(f"{yname[1]} against {xname[1]}")
    elif yname[1]:
        ko.append(yname[0])
        en.append(yname[1])
    starts = {(c[1][0], c[1][-1]) for c in curves}
    if len(starts) == 1:
        x0, x1 = (number(v) for v in starts.pop())
        ko.append(f"{_at(xname[0]).format(x0)}부터 {x1}까지")
        en.append(f"from {_at(xname[1]).format(x0)} to {x1}")
    head_ko, head_en = ", ".join(ko), ", ".join(en)
    if len(curves) > MANY and all(name for name, _, _ in curves):
        ends = sorted(curves, key=lambda c: c[2][-1])
        listed = ", ".join(f"{name} {number(y[-1])}" for name, _, y in ends)
        return (
            [f"{head_ko}: 곡선 {len(curves)}개, 끝 값(작은 순) {listed}"],
            [f"{head_en}: {len(curves)} curves, final values from lowest: {listed}"],
        )
    parts = [_curve(name, x, y, xname) for name, x, y in curves]
    body_ko = ". ".join(p[0] for p in parts)
    body_en = "; ".join(p[1] for p in parts)
    return ([f"{head_ko}: {body_ko}"] if head_ko else [body_ko]), ([f"{head_en}: {body_en}"] if head_en else [body_en])


def _paths(paths: list) -> tuple[list[str], list[str]]:
    """Paths by where they end; one that diverges by its last finite point and the step its values break off."""
    starts = {(x[0], y[0]) for _, x, y, _ in paths}
    names, ends_ko, ends_en = [], [], []
    for i, (name, x, y, broken) in enumerate(paths):
        names.append(name or f"#{i + 1}")
        end = _point((x[-1], y[-1]))
        if broken:  # steps count from the start, point 0
            ends_ko.append(f"{end}, 스텝 {broken[0]:,}부터는 유한하지 않은 값({broken[1]})")
            ends_en.append(f"{end}, then not finite ({broken[1]}) from step {broken[0]:,} on")
        else:
            ends_ko.append(end)
            ends_en.append(end)
    listed_ko = ", ".join(f"{name} {end}" for name, end in zip(names, ends_ko))
    listed_en = ", ".join(f"{name} {end}" for name, end in zip(names, ends_en))
    if len(starts) == 1:
        start = _point(starts.pop())
        if len(paths) == 1 and paths[0][3]:
            return [f"{start}에서 출발한 경로, 끝점 {ends_ko[0]}"], [f"a path from {start} to {ends_en[0]}"]
        if len(paths) == 1:
            return [f"{start}에서 {ends_ko[0]}까지 가는 경로"], [f"a path from {start} to {ends_en[0]}"]
        return (
            [f"{start}에서 출발한 경로 {len(paths)}개의 끝점: {listed_ko}"],
            [f"{len(paths)} paths from {start}, ending at: {listed_en}"],
        )
    return [f"경로 {len(paths)}개의 끝점: {listed_ko}"], [f"{len(paths)} paths, ending at: {listed_en}"]


def _scatter(ax: Axes) -> tuple[list[str], list[str]]:
    """Scatter points by label (groups without one together): listed when few, else their extent."""
    groups: dict[str, list] = {}
    for group in ax.collections:
        if isinstance(group, ContourSet) or not hasattr(group, "get_offsets"):
            continue
        points = np.asarray(group.get_offsets(), dtype=float)
        if points.ndim == 2 and len(points):
            groups.setdefault(_label(group), []).extend(points)
    ko, en = [], []
    for name, points in groups.items():
        points = np.asarray(points)
        if len(points) <= LIST_POINTS:
            listed = ", ".join(_point(p) for p in points)
            ko.append(f"{name} 점 {listed}".strip())
            en.append(f"points {name} at {listed}".replace("  ", " "))
        else:
            (x0, y0), (x1, y1) = points.min(0), points.max(0)
            span = f"x {number(x0)}–{number(x1)}, y {number(y0)}–{number(y1)}"
            ko.append(f"{name} 점 {len(points):,}개({span})".strip())
            en.append(f"{len(points):,} points {name} ({span})".replace("  ", " "))
    return ko, en


def _contours(ax: Axes) -> tuple[list[str], list[str]]:
    sets = [c for c in ax.collections if isinstance(c, ContourSet)]
    splits = {float(v) for c in sets if c.filled for v in np.asarray(c.levels, dtype=float)[1:-1]}
    ko, en = [], []
    for contour in sets:
        levels = np.asarray(contour.levels, dtype=float)
        if contour.filled:
            inner = [number(v) for v in levels[1:-1]] or [number(v) for v in levels]
            lined = any(not c.filled and set(np.asarray(c.levels, dtype=float)) <= splits for c in sets)
            ko.append(f"{', '.join(inner)} {'경계선으로' if lined else '에서'} 나뉜 색칠 영역".replace(" 에서", "에서"))
            en.append(f"shaded regions split{' by a boundary line' if lined else ''} at {_join(inner, 'en')}")
        elif set(levels) <= splits:
            continue  # said with the shaded regions
        elif len(levels) == 1:
            ko.append(f"{number(levels[0])} 경계선")
            en.append(f"a boundary line at {number(levels[0])}")
        else:
            ko.append(f"등고선 {len(levels)}개({number(levels.min())}–{number(levels.max())})")
            en.append(f"{len(levels)} contour lines from {number(levels.min())} to {number(levels.max())}")
    return ko, en


def _histograms(ax: Axes) -> tuple[list[tuple[str, np.ndarray, np.ndarray]], list[BarContainer]]:
    """Histograms as (label, bin centers, heights), and the bar containers that are plain bars."""
    hists, bars = [], []
    for container in ax.containers:
        if not isinstance(container, BarContainer) or not container.patches:
            continue
        widths = np.array([p.get_width() for p in container.patches])
        lefts = np.array([p.get_x() for p in container.patches])
        contiguous = len(widths) >= 8 and np.allclose(lefts[1:], lefts[:-1] + widths[:-1])
        if container.orientation == "vertical" and contiguous:
            heights = np.array([p.get_height() for p in container.patches])
            hists.append((_label(container.patches[0]), lefts + widths / 2, heights))
        else:
            bars.append(container)
    for patch in ax.patches:  # histtype="step": one outline polygon per data set
        if isinstance(patch, Polygon) and _label(patch):
            xy = np.asarray(patch.get_xy(), dtype=float)[1:-1]  # (left, h), (right, h) for each bin
            if len(xy) >= 4 and len(xy) % 2 == 0:
                centers = (xy[0::2, 0] + xy[1::2, 0]) / 2
                hists.append((_label(patch), centers, xy[0::2, 1]))
    return hists, bars


def _describe_histograms(ax: Axes, hists: list) -> tuple[list[str], list[str]]:
    """Each histogram by its mean and spread; more than three by the first and the last only."""
    xname = _axis(ax, "x")
    stats = []  # (name, mean in ko, mean in en, std in ko, std in en)
    for name, centers, heights in hists:
        total = heights.sum()
        if total <= 0:
            continue
        filled = centers[heights > 0]
        if len(filled) == 1:  # one bin holds everything: the bins cannot tell the spread, only bound it
            width = float(np.min(np.diff(np.sort(centers))))
            digits = 3 - math.floor(math.log10(width))  # edges to a thousandth of a bin: 0, not 4.8e-08
            low, high = (number(round(filled[0] + side * width / 2, digits)) for side in (-1, 1))
            half = number(round(width / 2, digits))  # values within one bin have a std of at most half its width
            stats.append((name, f"{low}–{high} 사이", f"within {low}–{high}", f"{half} 이하", f"at most {half}"))
            continue
        mean = float((centers * heights).sum() / total)
        std = number(math.sqrt(max(((centers - mean) ** 2 * heights).sum() / total, 0.0)))
        stats.append((name, number(mean), number(mean), std, std))
    if not stats:
        return [], []
    if len(stats) > 3:
        (first, m0k, m0e, s0k, s0e), (last, m1k, m1e, s1k, s1e) = stats[0], stats[-1]
        ko = [
            f"{len(stats)}개, {first}부터 {last}까지 평균 {m0k}에서 {m1k}{_ro(m1k)}, 표준편차 {s0k}에서 {s1k}{_ro(s1k)}"
        ]
        en = [f"{len(stats)} of them, {first} to {last}: mean {m0e} to {m1e}, std {s0e} to {s1e}"]
    else:
        ko = [f"{name} 평균 {mean}, 표준편차 {std}".strip() for name, mean, _, std, _ in stats]
        en = [f"{name} mean {mean}, std {std}".strip() for name, _, mean, _, std in stats]
    of_ko = f"{xname[0]} 히스토그램" if xname[0] else "히스토그램"
    of_en = f"histogram of {xname[1]}" if xname[1] else "histogram"
    return [f"{of_ko}: {'; '.join(ko)}"], [f"{of_en}: {'; '.join(en)}"]


def _tick_names(ax: Axes, which: str) -> dict[float, str]:
    """Category names written on an axis's ticks, by position (none for a numeric axis)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    names = {
        round(float(t), 6): plain(label.get_text()) for t, label in zip(axis.get_ticklocs(), axis.get_ticklabels())
    }
    numeric = all(re.fullmatch(r"[-−+]?[\d.,]+(e[-−+]?\d+)?%?", name) for name in names.values() if name)
    return {} if numeric else names


def _describe_bars(ax: Axes, bars: list[BarContainer]) -> tuple[list[str], list[str]]:
    """Each group of bars by category and value; a long group by its lowest and highest bar."""
    ko, en = [], []
    for container in bars:
        horizontal = container.orientation == "horizontal"
        names = _tick_names(ax, "y" if horizontal else "x")
        items = []
        for patch, value in zip(container.patches, container.datavalues):
            center = patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2
            place = min(names, key=lambda t: abs(t - center)) if names else None
            near = place is not None and abs(place - center) <= 0.5
            items.append((names[place] if near and names[place] else number(center), number(value)))
        name = _label(container)
        if len(items) > MANY_BARS:
            values = list(container.datavalues)
            (low_at, low), (high_at, high) = items[int(np.argmin(values))], items[int(np.argmax(values))]
            group_ko = f"막대 {len(items)}개, 가장 작은 값 {low}({low_at}), 가장 큰 값 {high}({high_at})"
            group_en = f"{len(items)} bars from {low} ({low_at}) to {high} ({high_at})"
        else:
            group_ko = group_en = ", ".join(f"{category} = {value}" for category, value in items)
        ko.append(f"{name}: {group_ko}" if name else group_ko)
        en.append(f"{name}: {group_en}" if name else group_en)
    if not ko:
        return [], []
    value_axis = _axis(ax, "x" if bars[0].orientation == "horizontal" else "y")
    return (
        [f"막대그래프({value_axis[0]}): {'; '.join(ko)}" if value_axis[0] else f"막대그래프: {'; '.join(ko)}"],
        [f"bars of {value_axis[1]}: {'; '.join(en)}" if value_axis[1] else f"bars: {'; '.join(en)}"],
    )


def _image(ax: Axes) -> tuple[list[str], list[str]]:
    ko, en = [], []
    for image in ax.images:
        array = np.ma.filled(np.ma.asarray(image.get_array(), dtype=float), np.nan)
        rows, cols = array.shape[:2]
        yname, xname = _axis(ax, "y"), _axis(ax, "x")
        by_ko = f"({yname[0]} × {xname[0]})" if yname[0] and xname[0] else ""
        by_en = f" ({yname[1]} by {xname[1]})" if yname[1] and xname[1] else ""
        if array.ndim == 2 and rows == cols and ax.texts:
            diagonal, total = np.nansum(np.diag(array)), np.nansum(array)
            ko.append(f"{rows}×{cols} 값 격자{by_ko}, 대각선 합 {number(diagonal)}(전체 {number(total)})")
            en.append(f"a {rows}×{cols} grid of counts{by_en}, {number(diagonal)} of {number(total)} on the diagonal")
        else:
            ko.append(f"{rows}×{cols} 이미지{by_ko}")
            en.append(f"a {rows}×{cols} image{by_en}")
    return ko, en


def _annotations(ax: Axes) -> tuple[list[str], list[str]]:
    texts = [plain(t.get_text()) for t in ax.texts if t.get_visible() and t.get_text().strip()]
    if not texts or ax.images or len(texts) > 12:
        return [], []
    return [f"글자 {', '.join(texts)}"], [f"labelled {', '.join(texts)}"]


def _panel(ax: Axes) -> tuple[str, str]:
    """One or two sentences (ko, en) on what a panel draws."""
    curves, paths, marks, refs = _lines(ax)
    hists, bars = _histograms(ax)
    pieces = [
        _curves(ax, curves) if curves else ([], []),
        _describe_histograms(ax, hists),
        _describe_bars(ax, bars),
        _image(ax),
        _contours(ax),
        _paths(paths) if paths else ([], []),
        _scatter(ax),
        _annotations(ax),
    ]
    ko = [s for p in pieces for s in p[0]]
    en = [s for p in pieces for s in p[1]]
    if marks:
        listed = ", ".join(_point(m) for m in marks)
        ko.append(f"{listed}에 표시된 점")
        en.append(f"marked points at {listed}")
    for ref in refs:
        x, y = _finite(ref)
        if len(y) and np.all(y == y[0]) and not np.all(x == x[0]):
            ko.append(f"y = {number(y[0])} 기준선")
            en.append(f"a reference line at y = {number(y[0])}")
        elif len(x) and np.all(x == x[0]):
            ko.append(f"x = {number(x[0])} 기준선")
            en.append(f"a reference line at x = {number(x[0])}")
    if not ko:
        ko, en = ["빈 패널"], ["an empty panel"]
    return ". ".join(ko), ". ".join(_sentence(s) for s in en)


def _image_grid(fig: Figure, axes: list[Axes]) -> tuple[str, str] | None:
    """Many small images with titles (e.g. digits with predicted labels), in one sentence."""
    if len(axes) < 2 or not all(len(ax.images) == 1 and not ax.lines and not ax.collections for ax in axes):
        return None
    titles = [plain(ax.get_title()) for ax in axes]
    heading = plain(fig._suptitle.get_text()) if fig._suptitle else ""
    ko = f"이미지 {len(axes)}장"
    en = f"{len(axes)} images"
    if any(titles):
        ko += f", 제목은 {heading} 형식" if heading else ", 제목"
        en += f" titled {heading}" if heading else " with titles"
        ko += f": {', '.join(titles)}"
        en += f": {', '.join(titles)}"
        colors = [ax.title.get_color() for ax in axes]
        usual = Counter(map(str, colors)).most_common(1)[0][0]
        odd = [t for t, c in zip(titles, colors) if str(c) != usual]
        if odd:
            red = all(str(c) in ("red", "r", "#ff0000", "tab:red") for c in colors if str(c) != usual)
            ko += f". {'빨간' if red else '다른 색'} 제목 {len(odd)}개: {', '.join(odd)}"
            en += f"; {len(odd)} {'in red' if red else 'in another colour'}: {', '.join(odd)}"
    return ko + ".", en + "."


# --- public API ------------------------------------------------------------------------------------


def _given(fig) -> Say | None:
    given = getattr(fig, "dnn_guide_alt", None)
    if given is None:
        return None
    if not isinstance(given, Say) or not all(isinstance(text, str) and text.strip() for text in given):
        raise InputError(
            f"fig.dnn_guide_alt must be a Say(ko=..., en=...) of two non-empty strings, got {given!r}: "
            "set both, or delete the attribute to have the figure described from its data"
        )
    return Say(ko=given.ko.strip(), en=given.en.strip())


def describe(fig: Figure) -> Say:
    """Alt text for a matplotlib figure, in both languages, read from the figure's own data.

    Each panel gets a sentence or two: its title, what is plotted against what (log scales named), and
    per line where it starts and ends (an extreme in between when it stands out); histograms by mean and
    spread, bars by category, points, contour levels, images, paths by where they end. A figure with a
    ``dnn_guide_alt`` attribute (a :class:`~dnn_guide.say.Say`) is described by that instead.

    Raises:
        InputError: ``fig`` is not a matplotlib ``Figure``, or its ``dnn_guide_alt`` is malformed.
    """
    if not isinstance(fig, Figure):
        raise InputError(f"describe() takes a matplotlib Figure, got {type(fig).__name__}: pass plt.gcf() or fig")
    given = _given(fig)
    if given:
        return given
    axes = [ax for ax in fig.axes if ax.get_visible() and not hasattr(ax, "_colorbar")]
    grid = _image_grid(fig, axes)
    if grid:
        return Say(*grid)
    heading = plain(fig._suptitle.get_text()) if fig._suptitle else ""
    ko, en = [], []
    if heading:
        ko.append(f"{heading}.")
        en.append(f"{_sentence(heading)}.")
    if len(axes) > 1:
        ko.append(f"패널 {len(axes)}개.")
        en.append(f"{len(axes)} panels.")
    for i, ax in enumerate(axes, 1):
        panel_ko, panel_en = _panel(ax)
        title = plain(ax.get_title())
        if title:
            ko.append(f"{title}: {panel_ko}.")
            en.append(f"{title}: {panel_en}.")
        elif len(axes) > 1:
            ko.append(f"패널 {i}: {panel_ko}.")
            en.append(f"Panel {i}: {panel_en}.")
        else:
            ko.append(f"{panel_ko}.")
            en.append(f"{_sentence(panel_en)}.")
    if not axes:
        ko, en = ["빈 그림."], ["An empty figure."]
    return Say(ko=" ".join(ko), en=" ".join(en))


def _metadata(fig: Figure) -> tuple[dict, dict]:
    """IPython mimebundle formatter: no data of its own, the alt text as the output's metadata."""
    return {}, {"dnn_guide_alt": describe(fig).as_dict()}


def _animation_metadata(animation) -> tuple[dict, dict]:
    """IPython mimebundle formatter for :class:`dnn_guide.optim_paths.Animation`: its GIF and its alt text."""
    alt = getattr(animation, "dnn_guide_alt", None)
    return animation._repr_mimebundle_(), ({"dnn_guide_alt": alt.as_dict()} if alt else {})


def install_alt_text() -> None:
    """In a running IPython kernel, attach :func:`describe`'s text to every figure it displays.

    Every display of a ``Figure`` (``plt.show()``, the inline backend at the end of a cell, ``display(fig)``,
    a figure as a cell's value) then carries ``metadata={"dnn_guide_alt": {"ko": ..., "en": ...}}``, and so
    does an :class:`~dnn_guide.optim_paths.Animation` (with the text :func:`~dnn_guide.optim_paths.animate_paths`
    wrote from its paths).

    Raises:
        InputError: not called inside IPython (a plain script has no display to attach it to).
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise InputError("install_alt_text() needs a running IPython kernel: call it in a notebook cell")
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type(Figure, _metadata)
    formatter.for_type_by_name("dnn_guide.optim_paths", "Animation", _animation_metadata)  # no torch import here
