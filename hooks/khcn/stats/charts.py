"""Build-time SVG bar charts of an indicator's time series: no JavaScript, readable by screen readers, and
byte-identical between builds (every coordinate is rounded, nothing random or dated goes into the markup).

Python works out the geometry; the markup lives in `templates/chart.svg.j2`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from khcn.core.formatting import number
from khcn.rendering import render_fragment

# Sizes are in viewBox units. The page scales the SVG to its column (down to ~350 px on a phone), so a
# 480-wide viewBox with 14-unit text reads at about 10 px there.
WIDTH = 480
PLOT_HEIGHT = 240
FONT = 14
CHAR = 0.6 * FONT  # a generous average glyph width: we cannot measure text without the reader's font
GAP = 6  # between a text and the thing it labels
TICKS = 5  # aim for about this many intervals on the y axis
NICE = ("1", "2", "2.5", "5", "10")  # step mantissas that read as round numbers
BAR_SHARE = 0.6  # of each slot; the rest is the gap between bars
MAX_BAR = 72  # two or three bars should not turn into slabs
SIN45 = math.sqrt(0.5)
NUDGE = 0.35 * FONT  # about half a digit's height: centres a text on a line or a bar

MIN_FIGURES = 2  # a bar chart compares: with one figure there is nothing to draw (the page shows the table alone)
NO_FIGURE = "không có số liệu"  # what a gap in a series says, in the picture and in its text alternative
GAP_MARK = "—"  # drawn in a gap's slot, where its bar would stand


@dataclass(frozen=True)
class Point:
    label: str  # period label shown under the bar, e.g. "6T đầu 2021"
    value: float | None  # >= 0; None: a period without a figure, drawn as an empty slot (a gap), never interpolated
    display: str  # the value as Vietnamese readers write it: "1.234", "86,96%", "109/138 (79,0%)"
    spoken: str | None = None  # the value with its unit for the text alternative, when `display` + unit is wrong
    note: str | None = None  # why a gap has no figure, when the data says

    @property
    def gap(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Tick:
    y: float  # of the gridline
    text_y: float  # of the label's baseline, nudged down to sit level with the gridline
    text: str


@dataclass(frozen=True)
class Bar:
    point: Point
    x: float
    center: float  # of the slot: where a gap's mark stands
    y: float
    width: float
    height: float
    value_x: float  # where the value above the bar is anchored (its start when it runs upwards)
    value_y: float
    label_x: float  # where the period label under the bar is anchored (its end when it slants)
    label_y: float
    show_value: bool
    show_label: bool


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    left: float  # the plot area
    right: float
    top: float
    bottom: float
    tick_x: float  # right edge of the tick labels
    caption_y: float  # baseline of the "Đơn vị: …" caption
    footnote_y: float  # baseline of the line that names the gaps, under the period labels (when there are gaps)
    ticks: list[Tick]
    bars: list[Bar]  # one per point, gaps included: their period labels
    drawn: list[Bar]  # the bars of the points with a figure
    gaps: list[Bar]  # the slots of the points without one
    rotate_values: bool  # values run upwards when they are wider than a bar's slot
    rotate_labels: bool  # period labels slant at -45° when they are wider than a bar's slot


def _round(x: float) -> float | int:
    """One decimal at most, and `12` rather than `12.0`: short, stable output (and never `-0`)."""
    x = round(x, 1)
    return int(x) if x == int(x) else x


def nice_axis(largest: float) -> list[Decimal]:
    """Tick values from 0 to just above `largest` in round steps (1, 2, 2,5 or 5 × 10ⁿ).

    Decimal keeps ticks such as 0,3 exact, so labels never show float noise like 0,30000000000000004.
    """
    if largest <= 0:
        return [Decimal(0), Decimal(1)]  # an all-zero series still needs an axis to stand on
    top = Decimal(repr(largest))
    raw = top / TICKS
    scale = Decimal(10) ** math.floor(math.log10(raw))
    step = next(Decimal(m) * scale for m in NICE if Decimal(m) * scale >= raw)
    count = math.ceil(top / step)
    return [(step * i).normalize() + 0 for i in range(count + 1)]  # `+ 0` turns 1E+3 back into 1000


def _every(n: int, slot: float, needed: float) -> list[bool]:
    """Which of `n` slots keep their text when each text needs `needed` of width: every k-th, counting back
    from the last so the most recent period is always labelled."""
    k = max(1, math.ceil(needed / slot))
    return [(n - 1 - i) % k == 0 for i in range(n)]


def _bars(points: list[Point], left: float, slot: float, bottom: float, scale: float,
          rotate_values: bool, rotate_labels: bool) -> list[Bar]:
    """One bar per point, centred in its slot, with where its value and period label go."""
    n = len(points)
    # Texts need about a line's height between neighbours when they run upwards or slant.
    shown_values = _every(n, slot, FONT + 2) if rotate_values else [True] * n
    shown_labels = _every(n, slot, FONT * 1.5) if rotate_labels else [True] * n
    width = min(slot * BAR_SHARE, MAX_BAR)
    bars = []
    for i, p in enumerate(points):
        center = left + slot * (i + 0.5)
        # Round the height first so that every bar stands exactly on the baseline. A gap has no bar: its mark
        # sits on the baseline, where a bar of 0 would show its value.
        h = 0 if p.gap else _round(p.value * scale)
        y = _round(bottom - h)
        bars.append(Bar(
            point=p, x=_round(center - width / 2), center=_round(center), y=y, width=_round(width), height=h,
            value_x=_round(center + NUDGE if rotate_values else center), value_y=_round(y - GAP),
            label_x=_round(center + NUDGE if rotate_labels else center),
            label_y=_round(bottom + 2 * GAP if rotate_labels else bottom + FONT + GAP),
            show_value=shown_values[i], show_label=shown_labels[i],
        ))
    return bars


def layout(points: list[Point], caption: str) -> Layout:
    """The chart's geometry, in viewBox units."""
    figures = [p.value for p in points if not p.gap]
    if len(figures) < MIN_FIGURES:
        raise ValueError("a bar chart needs at least two figures")
    if any(not math.isfinite(v) or v < 0 for v in figures):
        raise ValueError("bar chart values must be finite and >= 0")
    n = len(points)
    ticks = nice_axis(max(figures))
    tick_texts = [number(t) for t in ticks]  # `12.500`, `0,25`: exactly the digits the tick has
    label_len = max(len(p.label) for p in points) * CHAR
    value_len = max(len(p.display) for p in points) * CHAR

    # Slots are known only once the left margin is, so decide rotation on a first guess of the slot width.
    tick_room = max(len(t) for t in tick_texts) * CHAR + 2 * GAP
    guess_slot = (WIDTH - tick_room - GAP) / n
    rotate_labels = label_len > guess_slot - GAP
    # A slanted label reaches left of its bar; keep the first one inside the picture.
    left = _round(max(tick_room, label_len * SIN45 + GAP) if rotate_labels else tick_room)
    right = WIDTH - GAP
    slot = (right - left) / n
    rotate_values = value_len > slot - GAP

    caption_room = FONT + 2 * GAP if caption else 0  # "Đơn vị: …" line over the plot
    top = _round(caption_room + (value_len + 2 * GAP if rotate_values else FONT + 2 * GAP))
    bottom = top + PLOT_HEIGHT
    label_room = (label_len + FONT) * SIN45 + 2 * GAP if rotate_labels else FONT + 2 * GAP
    footnote = FONT + 2 * GAP if any(p.gap for p in points) else 0
    height = _round(bottom + label_room + footnote)

    scale = PLOT_HEIGHT / float(ticks[-1])
    bars = _bars(points, left, slot, bottom, scale, rotate_values, rotate_labels)
    return Layout(
        width=WIDTH, height=height, left=left, right=right, top=top, bottom=_round(bottom),
        tick_x=_round(left - GAP), caption_y=FONT + GAP, footnote_y=_round(bottom + label_room + FONT),
        ticks=[Tick(y=_round(bottom - float(t) * scale), text_y=_round(bottom - float(t) * scale + NUDGE), text=s)
               for t, s in zip(ticks, tick_texts)],
        bars=bars, drawn=[b for b in bars if not b.point.gap], gaps=[b for b in bars if b.point.gap],
        rotate_values=rotate_values, rotate_labels=rotate_labels,
    )


def describe(points: list[Point], unit: str, caption: str | None = None) -> str:
    """The text alternative: every point, gaps included, so a screen reader hears the whole series."""
    def amount(p: Point) -> str:
        if p.gap:
            return NO_FIGURE + (f" ({p.note})" if p.note else "")
        if p.spoken is not None:
            return p.spoken
        # "86,96%" with unit "%" would read "86,96% %"; say the unit once.
        return p.display if not unit or p.display.endswith(unit) else f"{p.display} {unit}"
    kind = f"Biểu đồ cột, {caption[0].lower()}{caption[1:]}. " if caption else "Biểu đồ cột. "
    return kind + "; ".join(f"{p.label}: {amount(p)}" for p in points) + "."


def footnote(points: list[Point]) -> str:
    """The line under a chart with gaps: which periods have no figure (the reasons are in the table)."""
    gaps = [p.label for p in points if p.gap]
    if not gaps:
        return ""
    line = f"{GAP_MARK}: {NO_FIGURE} ({', '.join(gaps)})"
    return line if len(line) * CHAR <= WIDTH else f"{GAP_MARK}: {NO_FIGURE} (các kỳ ghi ở bảng số liệu)"


def bar_chart(points: list[Point], title: str, unit: str, chart_id: str, caption: str | None = None) -> str:
    """SVG markup (a string, starting `<svg`, to inline in HTML) of a vertical bar chart of `points` in order.

    `unit` ("sản phẩm") goes into the caption ("Đơn vị: sản phẩm") and the text alternative; `caption`, when given,
    says instead what the axis measures (a ratio's "Tỉ lệ (%) …"). `chart_id` (an ASCII slug) makes the element ids
    unique on the page. A point without a value is a gap: an empty slot with a mark, named under the chart. Raises
    ValueError for fewer than two figures or a negative value.
    """
    caption_line = caption if caption is not None else (f"Đơn vị: {unit}" if unit else "")
    # escaped: titles and labels come from editors and may hold `<` or `&`
    return render_fragment("chart.svg.j2", chart=layout(points, caption_line), title=title, caption=caption_line,
                           desc=describe(points, unit, caption), footnote=footnote(points), gap_mark=GAP_MARK,
                           id=chart_id, font=FONT)
