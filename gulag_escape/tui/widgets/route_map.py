"""The route map: places by their map position, the legs between them, checkpoints, you.

Drawn as a character grid scaled to the widget's size: a leg is a dotted line, the way
travelled is a solid one, a checkpoint a diamond (filled once passed), an ending place a
flag, and where you are a ringed dot. Names go beside their markers where there is room.
"""

from __future__ import annotations

import itertools

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from gulag_escape.tui.map_data import MapPlace, RouteMapData

LEGEND = Content.assemble(
    ("◉", "bold $accent"), " you  ", ("●", "$primary"), " reached  ", ("◇", "$warning"),
    " checkpoint  ", ("⚑", "$foreground"), " way out  ", ("━", "$accent"), " your way",
)

Cell = tuple[str, str]


class RouteMap(Widget):
    """Draws a :class:`RouteMapData`; set ``data`` to redraw.

    A small map (``all_names=False``) names only the camp, where you are and where you are
    going, because a crowded map says nothing.
    """

    data: reactive[RouteMapData | None] = reactive(None, layout=False)

    def __init__(self, *, all_names: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_names = all_names

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """With ``height: auto``: two rows for each distinct latitude, so a flat route is
        a thin strip and a long north–south one gets room (CSS ``max-height`` caps it)."""
        if self.data is None:
            return 1
        rows = len({round(place.y) for place in self.data.places})
        return max(3, 2 * rows)

    def render(self) -> Content:
        width, height = self.content_size
        if self.data is None or width < 12 or height < 3:
            return Content("")
        return MapGrid(self.data, width, height, all_names=self.all_names).draw()


class MapGrid:
    """One drawing of the map at one size; cells hold a character and a style."""

    def __init__(self, data: RouteMapData, width: int, height: int, *,
                 all_names: bool = True) -> None:
        self.data = data
        self.all_names = all_names
        self.width = width
        self.height = height
        self.cells: list[list[Cell]] = [[(" ", "")] * width for _ in range(height)]
        self.places = {p.id: p for p in data.places}
        # Labels may need up to a quarter of the width beside the outermost markers.
        self.margin = min(max(len(p.name) for p in data.places), width // 4) + 1
        # A schematic map: the route's own extent fills the widget on each axis.
        xs, ys = [p.x for p in data.places], [p.y for p in data.places]
        self.west, self.east = min(xs), max(xs)
        self.south, self.north = min(ys), max(ys)

    def at(self, place: MapPlace) -> tuple[int, int]:
        inner = max(1, self.width - 2 * self.margin - 1)
        across = (place.x - self.west) / (self.east - self.west) if self.east > self.west else 0.5
        down = (self.north - place.y) / (self.north - self.south) if self.north > self.south else 1
        return self.margin + round(across * inner), round(down * (self.height - 1))

    def draw(self) -> Content:
        travelled = self._travelled_legs()
        for leg in self.data.legs:
            start, end = self.places.get(leg.start), self.places.get(leg.end)
            if start is None or end is None:
                continue
            key = frozenset((leg.start, leg.end))
            a, b = self.at(start), self.at(end)
            if key in travelled:
                self._line(a, b, _stroke(a, b), "$accent")
            else:
                self._line(a, b, "·", "$foreground-muted")
        position = self._position()
        if self.data.leg and position is not None:
            here = self.places.get(self.data.here)
            if here is not None:
                self._line(self.at(here), position, _stroke(self.at(here), position), "$accent")
        for place in self.data.places:
            self._marker(place)
        if position is not None:
            self._put(*position, "◉", "bold $accent")
        first = self._key_places()
        named = first + [p for p in self.data.places if p not in first] if self.all_names else first
        for place in named:
            self._label(place)
        return self._content()

    def _key_places(self) -> list[MapPlace]:
        """Where you are, where you are going and the camp: named first, so they get room."""
        leg = next((leg for leg in self.data.legs if leg.id == self.data.leg), None)
        wanted = [self.data.here, leg.end if leg else None]
        wanted += [p.id for p in self.data.places if p.camp]
        return [self.places[i] for i in dict.fromkeys(wanted) if i in self.places]

    def _travelled_legs(self) -> set[frozenset[str]]:
        visited = self.data.visited
        return {frozenset(pair) for pair in itertools.pairwise(visited)}

    def _position(self) -> tuple[int, int] | None:
        here = self.places.get(self.data.here)
        if here is None:
            return None
        if self.data.leg is None:
            return self.at(here)
        leg = next((leg for leg in self.data.legs if leg.id == self.data.leg), None)
        target = self.places.get(leg.end) if leg else None
        if target is None:
            return self.at(here)
        (x0, y0), (x1, y1) = self.at(here), self.at(target)
        share = self.data.progress
        return round(x0 + (x1 - x0) * share), round(y0 + (y1 - y0) * share)

    def _marker(self, place: MapPlace) -> None:
        reached = place.id in self.data.visited
        if place.checkpoint:
            glyph, style = ("◆", "$warning") if place.id in self.data.passed else ("◇", "$warning")
        elif place.ending:
            glyph, style = "⚑", "bold $foreground"
        elif place.camp:
            glyph, style = "■", "$error"
        else:
            glyph, style = ("●", "$primary") if reached else ("○", "$foreground-muted")
        self._put(*self.at(place), glyph, style)

    def _label(self, place: MapPlace) -> None:
        column, row = self.at(place)
        name = place.name
        style = "$foreground" if place.id in self.data.visited else "$foreground-muted"
        right = column + 2
        if right + len(name) <= self.width and self._free(right, row, len(name)):
            self._write(right, row, name, style)
            return
        left = column - 1 - len(name)
        if left >= 0 and self._free(left, row, len(name)):
            self._write(left, row, name, style)
            return
        for dy in (1, -1):  # below or above, centred, when the row is taken
            start = max(0, min(self.width - len(name), column - len(name) // 2))
            if 0 <= row + dy < self.height and self._free(start, row + dy, len(name)):
                self._write(start, row + dy, name[: self.width], style)
                return

    def _free(self, column: int, row: int, length: int) -> bool:
        cells = self.cells[row][column: column + length + 1]
        return all(char in " ·" for char, _ in cells)

    def _write(self, column: int, row: int, text: str, style: str) -> None:
        for offset, char in enumerate(text):
            if 0 <= column + offset < self.width:
                self.cells[row][column + offset] = (char, style)

    def _put(self, column: int, row: int, char: str, style: str) -> None:
        if 0 <= row < self.height and 0 <= column < self.width:
            self.cells[row][column] = (char, style)

    def _line(self, start: tuple[int, int], end: tuple[int, int], char: str, style: str) -> None:
        """Bresenham's line, without its end points (the markers go there)."""
        (x0, y0), (x1, y1) = start, end
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        x, y = x0, y0
        while (x, y) != (x1, y1):
            if (x, y) != start:
                self._put(x, y, char, style)
            doubled = 2 * error
            if doubled >= dy:
                error += dy
                x += sx
            if doubled <= dx:
                error += dx
                y += sy

    def _content(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for index, row in enumerate(self.cells):
            if index:
                parts.append("\n")
            run, run_style = "", ""
            for char, style in row:
                if style != run_style and run:
                    parts.append((run, run_style))
                    run = ""
                run_style = style
                run += char
            if run:
                parts.append((run, run_style))
        return Content.assemble(*parts)


def _stroke(start: tuple[int, int], end: tuple[int, int]) -> str:
    """A solid line's character for its slope (rows grow downward, cells are tall)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    if abs(dx) >= 2 * abs(dy):
        return "━"
    if 2 * abs(dy) >= 3 * abs(dx):
        return "┃"
    return "╲" if (dx > 0) == (dy > 0) else "╱"
