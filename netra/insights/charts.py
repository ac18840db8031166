"""Server-drawn charts: the geometry of bar charts and of the province tile map, for SVG templates.

No JavaScript and no inline styles (the site's CSP allows neither): sizes are SVG attributes,
colours are CSS classes from insights.css. Every chart stands next to a table with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dictionary import tiles

BAR_WIDTH = 100.0  # percent of the bar area
LABEL_WIDTH, BAR_AREA = 250, 270  # SVG units: the label column, then the bars (viewBox 600 wide)
TILE = 44  # px, one province square
GAP = 4
BINS = 5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    width: float  # percent of the widest bar; 0 when hidden or zero
    y: int

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def px(self) -> int:
        """Length in the SVG's bar area (BAR_AREA units wide, after the label column)."""
        return round(self.width * BAR_AREA / BAR_WIDTH)

    @property
    def text_x(self) -> int:
        return LABEL_WIDTH + 8 + self.px + 6


def bars(items: list[tuple[str, int | None]], *, row_height: int = 28) -> tuple[list[Bar], int]:
    """Bars for (label, value) pairs, scaled to the largest shown value; and the chart's height."""
    top = max((v for _label, v in items if v), default=0)
    out = [
        Bar(label, value, (BAR_WIDTH * value / top) if top and value else 0.0, i * row_height)
        for i, (label, value) in enumerate(items)
    ]
    return out, max(1, len(items)) * row_height


@dataclass(frozen=True)
class MapTile:
    code: str
    name: str
    abbr: str
    x: int
    y: int
    value: int | None
    bin: int  # 0 = nothing, 1..BINS = darker with more; -1 hidden
    href: str

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def dark(self) -> bool:
        return self.bin >= 3


def tile_map(
    values: dict[str, int | None], names: dict[str, str], href: str, *, current: str = ""
) -> tuple[list[MapTile], int, int]:
    """Tiles of the 38 provinces with their value's class; and the map's width and height in px.

    Classes are equal steps of the largest value (a tile map of counts, not of rates: the legend
    says so)."""
    columns, rows, positions = tiles()
    top = max((v for v in values.values() if v), default=0)
    out = []
    for code, tile in sorted(positions.items()):
        value = values.get(code, 0)
        if value is None:
            level = -1
        elif not value or not top:
            level = 0
        else:
            level = min(BINS, 1 + (BINS * (value - 1)) // top)
        out.append(
            MapTile(
                code=code,
                name=names.get(code, code),
                abbr=tile.abbr,
                x=tile.col * (TILE + GAP),
                y=tile.row * (TILE + GAP),
                value=value,
                bin=level,
                href=href.replace("__code__", code),
            )
        )
    return out, columns * (TILE + GAP), rows * (TILE + GAP)


def legend(values: dict[str, int | None]) -> list[tuple[int, str]]:
    """(class, range text) for the map's legend."""
    top = max((v for v in values.values() if v), default=0)
    if not top:
        return [(0, "0")]

    def low(level: int) -> int:  # the smallest value of a class (inverse of tile_map's formula)
        return -(-(level - 1) * top // BINS) + 1

    steps = [(0, "0")]
    for level in range(1, BINS + 1):
        first, last = low(level), (low(level + 1) - 1 if level < BINS else top)
        if last >= first:
            steps.append((level, f"{first}–{last}" if last > first else f"{first}"))
    return steps
