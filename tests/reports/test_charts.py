"""The SVG charts: accessible, escaped, drawn to scale, without scripts."""

from __future__ import annotations

from thidua.reports import charts


def test_a_bar_chart_is_an_image_with_a_title_and_every_figure_described():
    svg = charts.bar_chart("c", "Theo cấp", [("Cấp tỉnh", 3), ("Cấp cơ sở", 2)])

    assert svg.startswith('<svg class="chart" id="c" role="img" aria-labelledby="c-title c-desc"')
    assert '<title id="c-title">Theo cấp</title>' in svg
    assert '<desc id="c-desc">Cấp tỉnh: 3; Cấp cơ sở: 2</desc>' in svg


def test_the_longest_bar_fills_the_plot_and_the_others_are_to_scale():
    svg = charts.bar_chart("c", "T", [("A", 4), ("B", 2)])
    area = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH

    assert f'width="{area}"' in svg
    assert f'width="{area // 2}"' in svg


def test_labels_are_escaped():
    svg = charts.bar_chart("c", "<b>", [("<script>alert(1)</script>", 1)])

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_an_empty_chart_says_there_is_no_data():
    assert "Chưa có số liệu." in charts.bar_chart("c", "T", [("A", 0)])


def test_a_share_chart_writes_numerator_denominator_and_percent():
    svg = charts.share_chart("s", "Tỷ lệ", [("Nữ", 2, 4)])

    assert "2/4 (50,0 %)" in svg


def test_a_line_chart_labels_each_point():
    svg = charts.line_chart("t", "Qua các năm", [("2023", 3), ("2024", 6)])

    assert svg.count("<circle") == 2
    assert "<polyline" in svg


def test_a_paired_bar_chart_has_a_legend_for_both_years():
    svg = charts.paired_bar_chart("y", "So sánh", [("LĐTT", 2, 1)], "Năm 2024", "Năm 2023")

    assert "Năm 2024" in svg
    assert "Năm 2023" in svg
    assert svg.count("<rect") == 4
