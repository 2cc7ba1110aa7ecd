"""Bars, radar and heatmap figures draw the hand-chosen numbers, labelled in MELLA order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.patches import Polygon

from mella_eval.figures import (
    build_grids,
    load_runs,
    plot_bars,
    plot_heatmap,
    plot_radar,
    save_figure,
)
from tests.conftest import TEST_OUTPUT
from tests.figures.conftest import HALF_WIDTH, KNOW, LING, MODEL

ENGLISH = ["Arabic", "Czech", "Hungarian", "Korean", "Russian", "Serbian", "Thai", "Vietnamese"]
NATIVE = ["العربية", "čeština", "magyar", "한국어", "русский", "српски", "ไทย", "Tiếng Việt"]


def fonts_for_all_scripts() -> bool:
    """Whether this machine has the Debian fonts for Arabic, Thai and Hangul."""
    from mella_eval.figures.fonts import installed_families

    families = installed_families()
    return {"Noto Sans Thai", "NanumGothic"} <= families


needs_fonts = pytest.mark.skipif(
    not fonts_for_all_scripts(), reason="fonts-noto-core/fonts-nanum missing"
)


@pytest.fixture
def grids(two_runs: list[Path]) -> list:
    return build_grids(load_runs(two_runs))


def tick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


def test_bars_heights_errors_and_order(grids: list) -> None:
    fig = plot_bars(grids)
    know_ax, ling_ax = fig.axes
    for ax, expected in ((know_ax, KNOW), (ling_ax, LING)):
        bars = [c for c in ax.containers if isinstance(c, BarContainer)]
        assert len(bars) == 2 and all(len(c.patches) == 8 for c in bars)
        for container, which in zip(bars, ("base", "tuned"), strict=True):
            assert [p.get_height() for p in container.patches] == expected[which]
        assert tick_texts(ax) == ENGLISH
        errs = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert len(errs) == 2
        for err, which in zip(errs, ("base", "tuned"), strict=True):
            segments = err.lines[2][0].get_segments()
            lengths = [seg[1][1] - seg[0][1] for seg in segments]
            assert lengths == pytest.approx([2 * HALF_WIDTH[which]] * 8)
    # bars of one language sit side by side, baseline left of fine-tuned
    base, tuned = (c for c in know_ax.containers if isinstance(c, BarContainer))
    assert base.patches[0].get_x() < tuned.patches[0].get_x() < base.patches[1].get_x()
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [MODEL["base"], MODEL["tuned"]]


@needs_fonts
def test_native_names_label_the_axes(grids: list) -> None:
    fig = plot_bars(grids, native_names=True, width="single")
    assert tick_texts(fig.axes[0]) == NATIVE
    assert fig.get_size_inches()[0] == pytest.approx(3.5)


def test_sizes_for_one_and_two_columns(grids: list) -> None:
    assert plot_bars(grids, width="single").get_size_inches()[0] == pytest.approx(3.5)
    assert plot_heatmap(grids, width="double").get_size_inches()[0] == pytest.approx(7.16)


def test_radar_one_polygon_per_run(grids: list) -> None:
    fig = plot_radar(grids)
    assert len(fig.axes) == 2
    for ax, expected in zip(fig.axes, (KNOW, LING), strict=True):
        polygons = [p for p in ax.patches if isinstance(p, Polygon)]
        assert len(polygons) == 2
        lines = [line for line in ax.lines if line.get_label() in (MODEL["base"], MODEL["tuned"])]
        if ax is fig.axes[0]:
            assert len(lines) == 2
        outline = ax.lines[0].get_ydata()
        assert list(outline) == [*expected["base"], expected["base"][0]]  # closed ring
        assert tick_texts(ax) == ENGLISH


def test_heatmap_matrix_and_annotations(grids: list) -> None:
    fig = plot_heatmap(grids)
    know_ax = fig.axes[0]
    matrix = know_ax.images[0].get_array()
    assert np.array_equal(np.asarray(matrix), np.array([KNOW["base"], KNOW["tuned"]]))
    annotations = [t.get_text() for t in know_ax.texts]
    assert annotations[:8] == ["31.5", "42.0", "38.2", "27.0", "45.5", "40.0", "22.8", "35.0"]
    assert [t.get_text() for t in know_ax.get_yticklabels()] == [MODEL["base"], MODEL["tuned"]]
    assert tick_texts(know_ax) == ENGLISH


def test_pdf_embeds_truetype_fonts(grids: list, tmp_path: Path) -> None:
    path = save_figure(
        plot_bars(grids, native_names=fonts_for_all_scripts()), tmp_path / "bars.pdf"
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data  # TrueType program embedded (Type 42), not Type 3
    assert b"/Subtype /Type3" not in data
    if shutil.which("pdffonts"):
        report = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout
        rows = report.splitlines()[2:]
        assert rows and all(re.search(r"TrueType\s+\S+\s+yes", row) for row in rows), report
        if fonts_for_all_scripts():
            assert "NanumGothic" in report and "NotoSansThai" in report


def test_svg_text_is_paths(grids: list, tmp_path: Path) -> None:
    svg = save_figure(plot_heatmap(grids), tmp_path / "heat.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "<text" not in svg


@needs_fonts
def test_png_for_eyes(grids: list) -> None:
    """Writes the figures we look at by eye into test-output/ (git-ignored)."""
    for kind, draw in (("bars", plot_bars), ("radar", plot_radar), ("heatmap", plot_heatmap)):
        for width in ("single", "double"):
            out = save_figure(
                draw(grids, width=width, native_names=True),
                TEST_OUTPUT / f"figures-{kind}-{width}.png",
            )
            assert out.stat().st_size > 10_000


def test_same_results_give_identical_vector_files(grids: list, tmp_path: Path) -> None:
    for suffix in (".pdf", ".svg"):
        first = save_figure(plot_bars(grids), tmp_path / f"a{suffix}").read_bytes()
        second = save_figure(plot_bars(grids), tmp_path / f"b{suffix}").read_bytes()
        assert first == second, suffix


def test_missing_task_leaves_a_gap(tmp_path: Path) -> None:
    from mella_eval.results import write_results
    from tests.figures.conftest import make_run

    partial = make_run("tuned")
    del partial.tasks["mella_know_th"]
    write_results(tmp_path / "a", make_run("base"))
    write_results(tmp_path / "b", partial)
    know = build_grids(load_runs([tmp_path / "a", tmp_path / "b"]))[0]
    bars = [c for c in plot_bars([know]).axes[0].containers if isinstance(c, BarContainer)]
    heights = [p.get_height() for p in bars[1].patches]
    assert np.isnan(heights[6]) and heights[:6] == KNOW["tuned"][:6]
    texts = [t.get_text() for t in plot_heatmap([know]).axes[0].texts]
    assert texts[8 + 6] == "–" and texts[6] == "22.8"
