"""Charts as inline SVG drawn on the server: no JavaScript, no library, no CDN (the CSP allows neither inline
scripts nor styles, so colours come from classes in reports/reports.css).

Each chart is accessible on its own: ``role="img"``, a ``<title>`` and a ``<desc>`` naming every figure, text labels
on the bars and points; the pages also show the same figures in a table beside it. The functions take plain rows
(label, value) and return safe markup with every label escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 70
SHARE_TEXT_WIDTH = 150  # "1.044/1.700 (61,4 %)" after a share bar
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 30
# A bar chart of units shows the largest ones; the table beside it lists every unit.
MOST_UNITS = 20


def _number(value: float | int, decimals: int = 0) -> str:
    return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _open(chart_id: str, title: str, description: str, height: int) -> str:
    return (
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(chart_id)}-title '
        f'{escape(chart_id)}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
    )


def _empty(chart_id: str, title: str) -> SafeString:
    text = _("Chưa có số liệu.")
    return mark_safe(  # every text is escaped above
        _open(chart_id, title, text, 40) + f'<text class="chart__empty" x="0" y="24">{escape(text)}</text></svg>'
    )


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int | float]]) -> SafeString:
    """Horizontal bars, one per (label, value), the value written after each bar."""
    if not rows or not any(value for _label, value in rows):
        return _empty(chart_id, title)
    top = max(value for _label, value in rows) or 1
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 8
    description = "; ".join(f"{label}: {_number(value)}" for label, value in rows)
    parts = [_open(chart_id, title, description, height)]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        length = max(round(area * value / top), 1 if value else 0)
        parts.append(
            f'<g class="chart__row"><title>{escape(label)}: {_number(value)}</title>'
            f'<text class="chart__label" x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{escape(_short(label))}'
            f'</text><rect class="chart__bar chart__bar--{index % 6}" x="{LABEL_WIDTH}" y="{y}" width="{length}" '
            f'height="{BAR_HEIGHT}" rx="2"/><text class="chart__value" x="{LABEL_WIDTH + length + 6}" y="{y + 13}">'
            f"{_number(value)}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def paired_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, int]], current: str,
                     previous: str) -> SafeString:  # fmt: skip
    """Two bars per label (this period, the period before), with a legend."""
    if not rows or not any(a or b for _label, a, b in rows):
        return _empty(chart_id, title)
    top = max(max(a, b) for _label, a, b in rows) or 1
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    pair = 2 * BAR_HEIGHT // 2 + 14
    height = 30 + pair * len(rows)
    description = "; ".join(f"{label}: {current} {_number(a)}, {previous} {_number(b)}" for label, a, b in rows)
    parts = [_open(chart_id, title, description, height)]
    parts.append(
        f'<g class="chart__legend"><rect class="chart__bar chart__bar--0" x="{LABEL_WIDTH}" y="4" width="12" '
        f'height="12"/><text x="{LABEL_WIDTH + 18}" y="14">{escape(current)}</text>'
        f'<rect class="chart__bar chart__bar--previous" x="{LABEL_WIDTH + 140}" y="4" width="12" height="12"/>'
        f'<text x="{LABEL_WIDTH + 158}" y="14">{escape(previous)}</text></g>'
    )
    half = BAR_HEIGHT // 2 + 1
    for index, (label, now, before) in enumerate(rows):
        y = 28 + index * pair
        parts.append(f'<g class="chart__row"><title>{escape(label)}: {escape(current)} {_number(now)}, '
                     f'{escape(previous)} {_number(before)}</title><text class="chart__label" x="{LABEL_WIDTH - 8}" '
                     f'y="{y + half + 4}" text-anchor="end">{escape(_short(label))}</text>')  # fmt: skip
        for offset, value, css in ((0, now, "chart__bar--0"), (half, before, "chart__bar--previous")):
            length = max(round(area * value / top), 1 if value else 0)
            parts.append(
                f'<rect class="chart__bar {css}" x="{LABEL_WIDTH}" y="{y + offset}" width="{length}" '
                f'height="{half - 1}"/><text class="chart__value chart__value--small" x="{LABEL_WIDTH + length + 4}" '
                f'y="{y + offset + half - 2}">{_number(value)}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def line_chart(chart_id: str, title: str, points: Sequence[tuple[str, int]]) -> SafeString:
    """A line through (label, value) points, oldest first, each point labelled with its value."""
    if not points or not any(value for _label, value in points):
        return _empty(chart_id, title)
    height, left, right, top_pad, bottom = 220, 50, 30, 28, 36
    top = max(value for _label, value in points) or 1
    step = (WIDTH - left - right) / max(len(points) - 1, 1)
    plot = height - top_pad - bottom
    coordinates = [
        (left + index * step, top_pad + plot - plot * value / top) for index, (_label, value) in enumerate(points)
    ]
    description = "; ".join(f"{label}: {_number(value)}" for label, value in points)
    parts = [_open(chart_id, title, description, height)]
    base = top_pad + plot
    parts.append(f'<line class="chart__axis" x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}"/>')
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    parts.append(f'<polyline class="chart__line" points="{path}"/>')
    for (label, value), (x, y) in zip(points, coordinates, strict=True):
        parts.append(
            f'<g class="chart__point"><title>{escape(label)}: {_number(value)}</title>'
            f'<circle class="chart__dot" cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
            f'<text class="chart__value" x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle">{_number(value)}</text>'
            f'<text class="chart__label" x="{x:.1f}" y="{base + 20}" text-anchor="middle">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def share_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, int]]) -> SafeString:
    """One 100 % bar per share (label, numerator, denominator): the filled part is the share."""
    if not rows or not any(denominator for _label, _n, denominator in rows):
        return _empty(chart_id, title)
    area = WIDTH - LABEL_WIDTH - SHARE_TEXT_WIDTH
    height = ROW_HEIGHT * len(rows) + 8

    def text(numerator: int, denominator: int) -> str:
        share = 100 * numerator / denominator if denominator else 0
        return f"{_number(numerator)}/{_number(denominator)} ({_number(share, 1)} %)"

    description = "; ".join(f"{label}: {text(n, d)}" for label, n, d in rows)
    parts = [_open(chart_id, title, description, height)]
    for index, (label, numerator, denominator) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        filled = round(area * numerator / denominator) if denominator else 0
        parts.append(
            f'<g class="chart__row"><title>{escape(label)}: {text(numerator, denominator)}</title>'
            f'<text class="chart__label" x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{escape(_short(label))}'
            f'</text><rect class="chart__track" x="{LABEL_WIDTH}" y="{y}" width="{area}" height="{BAR_HEIGHT}" '
            f'rx="2"/><rect class="chart__bar chart__bar--{index % 6}" x="{LABEL_WIDTH}" y="{y}" width="{filled}" '
            f'height="{BAR_HEIGHT}" rx="2"/><text class="chart__value" x="{LABEL_WIDTH + area + 6}" y="{y + 13}">'
            f"{text(numerator, denominator)}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def report_charts(report: dict) -> dict[str, SafeString]:
    """The charts of a year or movement report (``thidua.reports.queries``), by name."""
    charts = {
        "by_level": bar_chart("chart-level", _("Khen thưởng theo cấp"),
                              [(row["label"], row["total"]) for row in report["by_level"]]),
        "by_type": bar_chart("chart-type", _("Khen thưởng theo danh hiệu, hình thức"),
                             [(row["name"], row["total"]) for row in report["by_type"]]),
        "by_unit": bar_chart("chart-unit", _("Khen thưởng theo đơn vị (nhiều nhất)"),
                             [(row["name"], row["total"]) for row in report["by_unit"][:MOST_UNITS]]),
        "by_recipient": bar_chart("chart-recipient", _("Khen thưởng theo đối tượng"),
                                  [(row["label"], row["count"]) for row in report["by_recipient"]]),
        "shares": share_chart("chart-shares", _("Tỷ lệ trong số cá nhân được khen thưởng"),
                              [(row["label"], row["numerator"], row["denominator"]) for row in report["shares"]]),
    }  # fmt: skip
    if "year_on_year" in report:
        current, previous = (
            _("Năm %(year)s") % {"year": report["year"]},
            _("Năm %(year)s") % {"year": report["year"] - 1},
        )
        charts["year_on_year"] = paired_bar_chart(
            "chart-yoy", _("So sánh với năm trước, theo danh hiệu, hình thức"),
            [(row["name"], row["current"], row["previous"]) for row in report["year_on_year"]], current, previous,
        )  # fmt: skip
        charts["trend"] = line_chart("chart-trend", _("Số khen thưởng qua các năm"),
                                     [(str(row["year"]), row["total"]) for row in report["trend"]])  # fmt: skip
    return charts
