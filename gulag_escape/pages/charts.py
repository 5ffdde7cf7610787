"""Charts as SVG text: stacked bars, histograms and banded lines, with axes and labels.

Drawn by hand, so a report needs no plotting library, no script and no network: each chart
is one ``<svg>`` element, well-formed XML, that a browser shows and prints as it is. Colours
are the Okabe–Ito set, told apart by most colour-blind readers; every shape carries a
``<title>`` with its exact number, shown on hover.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from gulag_escape.pages.document import BandChart, Histogram, StackedBars

KIND_COLOURS = {
    "freedom": "#009E73", "hiding": "#56B4E9", "surrendered": "#999999",
    "captured": "#E69F00", "killed": "#D55E00", "died": "#CC79A7", "unfinished": "#F0E442",
}
"""Each ending kind's colour, the same in every chart."""
BODY_COLOURS = {"hunger": "#D55E00", "warmth": "#0072B2", "health": "#009E73"}
OTHER_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""For names without a colour of their own, in turn."""
DARK_ON = frozenset({"#56B4E9", "#999999", "#E69F00", "#F0E442", "#CC79A7"})
"""Fills light enough for dark text; white text on the others."""
BAR_COLOUR = "#0072B2"
INK = "#222222"
GRID = "#DDDDDD"
CHAR_WIDTH = 6.6
"""About how wide a character of the 12-pixel font is, to size the label column."""

WIDE = 960
"""Width of a full-width chart; a chart in a grid is :data:`NARROW`."""
NARROW = 460


def colour(name: str, index: int) -> str:
    """The colour of a kind or body number; else the ``index``-th of the others."""
    return KIND_COLOURS.get(name) or BODY_COLOURS.get(name) or OTHER_COLOURS[
        index % len(OTHER_COLOURS)]


def _num(value: float) -> str:
    """A coordinate or number, short and the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, words: str, *, anchor: str = "start", size: int = 12,
          bold: bool = False, fill: str = INK) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{weight}>{escape(words)}</text>')


def _svg(width: int, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {_num(height)}" '
            f'width="{width}" height="{_num(height)}" role="img" '
            f'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def nice_step(span: float, target: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``target`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / target
    magnitude: float = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _ticks(top: float, target: int = 5) -> tuple[float, list[float]]:
    """The scale's top rounded up to a step, and the ticks from 0 to it."""
    step = nice_step(top, target)
    end = max(step, math.ceil(top / step) * step)
    return end, [i * step for i in range(round(end / step) + 1)]


def _legend(x: float, y: float, names: Sequence[str]) -> list[str]:
    parts = []
    for index, name in enumerate(names):
        parts.append(f'<rect x="{_num(x)}" y="{_num(y - 10)}" width="12" height="12" '
                     f'fill="{colour(name, index)}"/>')
        parts.append(_text(x + 17, y, name))
        x += 17 + CHAR_WIDTH * len(name) + 18
    return parts


def _fit(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def stacked_bars(chart: StackedBars) -> str:
    """One bar per row split by the legend; shares on a 0–100 % scale, or counts of games."""
    row_height, bar_height, top = 24, 16, 48
    label_chars = min(42, max((len(label) for label, _ in chart.rows), default=4))
    left = 12 + CHAR_WIDTH * label_chars
    right = WIDE - 70
    totals = [sum(values) for _, values in chart.rows]
    end, ticks = (100.0, [0.0, 25.0, 50.0, 75.0, 100.0]) if chart.unit == "%" else _ticks(
        max(totals, default=1) or 1)
    scale = (right - left) / end
    bottom = top + row_height * len(chart.rows)
    height = bottom + 40
    body = [_text(0, 16, chart.title, size=14, bold=True), *_legend(0, 38, chart.legend)]
    for tick in ticks:
        x = left + tick * scale
        body.append(f'<line x1="{_num(x)}" y1="{top - 4}" x2="{_num(x)}" y2="{_num(bottom)}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(x, bottom + 16, _num(tick) + (" %" if chart.unit == "%" else ""),
                          anchor="middle", size=11))
    body.append(_text((left + right) / 2, bottom + 34, "share of games" if chart.unit == "%"
                      else "games", anchor="middle", size=11))
    for row, ((label, values), total) in enumerate(zip(chart.rows, totals, strict=True)):
        y = top + row * row_height + (row_height - bar_height) / 2
        body.append(f"<g><title>{escape(label)}</title>"
                    + _text(left - 8, y + bar_height - 3, _fit(label, label_chars), anchor="end")
                    + "</g>")
        x = left
        for index, (name, value) in enumerate(zip(chart.legend, values, strict=True)):
            if value <= 0:
                continue
            width = value * scale
            fill = colour(name, index)
            shown = f"{value:.1f} %" if chart.unit == "%" else _num(value)
            body.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" '
                        f'height="{bar_height}" fill="{fill}"><title>'
                        f"{escape(f'{label}: {name} {shown}')}</title></rect>")
            if width >= CHAR_WIDTH * len(shown) + 6:
                body.append(_text(x + width / 2, y + bar_height - 4, shown, anchor="middle",
                                  size=11, fill=INK if fill in DARK_ON else "#FFFFFF"))
            x += width
        if chart.unit != "%":
            body.append(_text(x + 6, y + bar_height - 3, _num(total), size=11))
    return _svg(WIDE, height, chart.title, body)


def _plot_frame(title: str, labels: tuple[str, str], y_end: float, y_ticks: list[float],
                box: tuple[float, float, float, float]) -> list[str]:
    """Title, horizontal grid lines with their numbers, and the axis labels."""
    left, top, right, bottom = box
    x_label, y_label = labels
    body = [_text(0, 16, title, size=13, bold=True)]
    for tick in y_ticks:
        y = bottom - tick / y_end * (bottom - top)
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(right)}" y2="{_num(y)}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, _num(tick), anchor="end", size=11))
    body.append(f'<line x1="{_num(left)}" y1="{_num(bottom)}" x2="{_num(right)}" '
                f'y2="{_num(bottom)}" stroke="{INK}"/>')
    body.append(_text((left + right) / 2, bottom + 34, x_label, anchor="middle", size=11))
    body.append(f'<text x="12" y="{_num((top + bottom) / 2)}" font-size="11" fill="{INK}" '
                f'text-anchor="middle" transform="rotate(-90 12 {_num((top + bottom) / 2)})">'
                f"{escape(y_label)}</text>")
    return body


def _x_ticks(start: float, end: float) -> list[float]:
    step = nice_step(end - start, 6)
    first = math.ceil(start / step) * step
    return [first + i * step for i in range(int((end - first) / step + 1e-9) + 1)]


def histogram(chart: Histogram) -> str:
    """Games per bin, on a scale shared with the histograms beside it."""
    left, top, right, bottom = 50.0, 30.0, NARROW - 14.0, 196.0
    height = bottom + 44
    y_end, y_ticks = _ticks(chart.y_max or 1, 4)
    body = _plot_frame(chart.title, (chart.x_label, "games"), y_end, y_ticks,
                       (left, top, right, bottom))
    low, high = chart.edges[0], chart.edges[-1]
    scale = (right - left) / (high - low)
    for index, games in enumerate(chart.counts):
        if not games:
            continue
        x = left + (chart.edges[index] - low) * scale
        width = (chart.edges[index + 1] - chart.edges[index]) * scale
        bar = games / y_end * (bottom - top)
        span = (f"{chart.edges[index]}" if chart.edges[index + 1] - chart.edges[index] == 1
                else f"{chart.edges[index]}–{chart.edges[index + 1] - 1}")
        body.append(f'<rect x="{_num(x + 0.5)}" y="{_num(bottom - bar)}" '
                    f'width="{_num(max(width - 1, 0.5))}" height="{_num(bar)}" '
                    f'fill="{BAR_COLOUR}"><title>{escape(f"{span}: {games} games")}</title></rect>')
    for tick in _x_ticks(low, high):
        x = left + (tick - low) * scale
        body.append(f'<line x1="{_num(x)}" y1="{_num(bottom)}" x2="{_num(x)}" '
                    f'y2="{_num(bottom + 4)}" stroke="{INK}"/>')
        body.append(_text(x, bottom + 16, _num(tick), anchor="middle", size=11))
    return _svg(NARROW, height, chart.title, body)


def band_chart(chart: BandChart) -> str:
    """Each body number's median as a line inside its p10–p90 band, by day of the run."""
    left, top, right, bottom = 44.0, 44.0, NARROW - 14.0, 210.0
    height = bottom + 44
    body = _plot_frame(chart.title, ("days since the escape", "value (0–100)"), 100.0,
                       [0.0, 25.0, 50.0, 75.0, 100.0], (left, top, right, bottom))
    body += _legend(0, 36, [band.name for band in chart.bands])
    games = next((band.games for band in chart.bands if band.games), ())
    if games:
        body.append(_text(right, 36, f"on the run: {games[0]} → {games[-1]} games",
                          anchor="end", size=11, fill="#666666"))
    x_scale = (right - left) / max(chart.x_max, 1)

    def point(day: int, value: float) -> str:
        return f"{_num(left + day * x_scale)},{_num(bottom - value / 100 * (bottom - top))}"

    for index, band in enumerate(chart.bands):
        if not band.days:
            continue
        fill = colour(band.name, index)
        upper = [point(d, v) for d, v in zip(band.days, band.p90, strict=True)]
        lower = [point(d, v) for d, v in zip(band.days, band.p10, strict=True)]
        body.append(f'<polygon points="{" ".join(upper + lower[::-1])}" fill="{fill}" '
                    f'fill-opacity="0.18" stroke="none"/>')
        middle = [point(d, v) for d, v in zip(band.days, band.median, strict=True)]
        last = (f"{band.name}, day {band.days[-1]}: median {band.median[-1]:g} "
                f"({band.games[-1]} games on the run)")
        body.append(f'<polyline points="{" ".join(middle)}" fill="none" stroke="{fill}" '
                    f'stroke-width="2.2" stroke-linejoin="round"><title>{escape(last)}</title>'
                    "</polyline>")
        if len(middle) == 1:
            cx, cy = middle[0].split(",")
            body.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{fill}"/>')
    for tick in _x_ticks(0, max(chart.x_max, 1)):
        x = left + tick * x_scale
        body.append(f'<line x1="{_num(x)}" y1="{_num(bottom)}" x2="{_num(x)}" '
                    f'y2="{_num(bottom + 4)}" stroke="{INK}"/>')
        body.append(_text(x, bottom + 16, _num(tick), anchor="middle", size=11))
    return _svg(NARROW, height, chart.title, body)
