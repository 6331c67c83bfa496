"""Bar charts without a CDN: PNG images (matplotlib) for the Word report, and the geometry of the
bars the dashboard draws as inline SVG."""

import io
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

BAR_COLOUR = "#4b2e83"
TEXT_COLOUR = "#222222"
DPI = 150
WIDTH_PX = 1200
ROW_PX = 75
MARGIN_PX = 150
LABEL_CHARACTERS = 28


def png_size(bars: int) -> tuple[int, int]:
    """Width and height in pixels of the PNG of `bars` bars. Every length is a multiple of 1/DPI
    inch that a float holds exactly, so Agg rounds no pixel away."""
    return WIDTH_PX, MARGIN_PX + ROW_PX * max(1, bars)


def _wrapped(label: str) -> str:
    """At most two lines, so a long sector or actor type leaves the bars their room."""
    return "\n".join(textwrap.wrap(label, LABEL_CHARACTERS, max_lines=2, placeholder="…") or [""])


def chart_font(size: int = 12):
    """DejaVu Sans as matplotlib ships it: the bundled file itself, not a family name, so a font
    installed on one server cannot change the drawing, and lookup never falls back to a font
    without the glyphs."""
    from matplotlib import get_data_path
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=Path(get_data_path(), "fonts", "ttf", "DejaVuSans.ttf"), size=size)


def bar_chart_png(pairs: list[tuple[str, int]]) -> bytes:
    """Horizontal bars, the label on the left and the value at the end of each bar, in the DejaVu
    Sans that matplotlib ships: every accented letter of Spanish and Portuguese, on any server."""
    # Imported here: the dashboard imports this module too, and only the Word report should pay
    # for matplotlib and numpy. The object API with the Agg canvas touches no global pyplot state
    # and needs no display, so workers may draw at the same time.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = chart_font()
    width, height = png_size(len(pairs))
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained", facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [_wrapped(label) for label, _count in pairs]
    counts = [count for _label, count in pairs]
    drawn = axes.barh(range(len(pairs)), counts, color=BAR_COLOUR, height=0.6)
    axes.bar_label(drawn, labels=[str(count) for count in counts], padding=4, color=TEXT_COLOUR, fontproperties=font)
    axes.set_yticks(range(len(pairs)), labels, fontproperties=font, color=TEXT_COLOUR)
    axes.invert_yaxis()  # the first pair (the largest) on top, as the dashboard lists them
    axes.set_xlim(0, (max(counts, default=0) or 1) * 1.12)  # room for the value after the longest bar
    axes.xaxis.set_visible(False)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    buffer = io.BytesIO()
    # No "Software" entry (matplotlib's version): the same figures give the same bytes.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


# --- The dashboard's SVG: user units of a viewBox that scales with the page, never stretched ---

SVG_WIDTH = 600
SVG_ROW = 44
VALUE_ROOM = 50


@dataclass
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: float
    value_x: float


@dataclass
class BarChart:
    bars: list[Bar] = field(default_factory=list)
    width: int = SVG_WIDTH
    height: int = 0


def bars(pairs: list[tuple[str, int]]) -> BarChart:
    """Each bar with its name above it and its value at its end, in SVG user units."""
    largest = max((count for _label, count in pairs), default=0) or 1
    room = SVG_WIDTH - VALUE_ROOM
    chart = BarChart(height=SVG_ROW * len(pairs))
    for index, (label, count) in enumerate(pairs):
        top = index * SVG_ROW
        width = round(max(1, room * count / largest), 1)
        chart.bars.append(Bar(label, count, label_y=top + 14, bar_y=top + 20, width=width, value_x=round(width + 6, 1)))
    return chart
