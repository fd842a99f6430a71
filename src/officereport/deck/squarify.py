"""Squarified treemap layout (Bruls, Huizing and van Wijk, 2000), as a pure function.

Tiles are laid out in rows along the shorter side of the space left; a row takes the next value
as long as that does not make its worst aspect ratio worse. Areas are exactly proportional to the
values; only the shapes are chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def area(self) -> float:
        return self.w * self.h


def _worst_ratio(row: Sequence[float], side: float) -> float:
    """Worst aspect ratio of the tiles of areas ``row`` laid along a side of length ``side``."""
    total = sum(row)
    thickness = total / side
    return max(max(thickness / (a / thickness), (a / thickness) / thickness) for a in row)


def _place_row(row: Sequence[float], space: Rect) -> tuple[list[Rect], Rect]:
    """Lay ``row`` along the shorter side of ``space``; return its tiles and the space left."""
    total = sum(row)
    tiles = []
    if space.w >= space.h:  # a column on the left
        width = total / space.h
        y = space.y
        for a in row:
            tiles.append(Rect(space.x, y, width, a / width))
            y += a / width
        return tiles, Rect(space.x + width, space.y, space.w - width, space.h)
    height = total / space.w  # a row along the top
    x = space.x
    for a in row:
        tiles.append(Rect(x, space.y, a / height, height))
        x += a / height
    return tiles, Rect(space.x, space.y + height, space.w, space.h - height)


def squarify(values: Sequence[float], x: float, y: float, w: float, h: float) -> list[Rect]:
    """One tile per value, in the order given (largest first gives the best shapes); values must be > 0."""
    if any(v <= 0 for v in values):
        raise ValueError("squarify needs positive values")
    total = sum(values)
    areas = [v * w * h / total for v in values]
    tiles: list[Rect] = []
    space = Rect(x, y, w, h)
    row: list[float] = []
    for area in areas:
        side = min(space.w, space.h)
        if row and _worst_ratio([*row, area], side) > _worst_ratio(row, side):
            placed, space = _place_row(row, space)
            tiles.extend(placed)
            row = []
        row.append(area)
    if row:
        placed, _ = _place_row(row, space)
        tiles.extend(placed)
    return tiles
