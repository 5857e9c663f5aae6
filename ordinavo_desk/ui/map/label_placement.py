"""Where markers and distance labels go: crowded markers moved apart, and the spot for a
distance label that covers the least."""

from __future__ import annotations

import math

from ordinavo_desk.domain.map_geometry import ViewFrame

#: A distance label moves beside its candidate when the line is shorter than this.
SHORT_LINE_PX = 64.0
#: Markers closer than this (pixels) are moved apart (their lines show where they lie).
CROWDED_PX = 22.0

Rect = tuple[float, float, float, float]  # left, top, right, bottom


def _declutter(pos: tuple[float, float], placed: list[tuple[float, float]]) -> tuple[float, float]:
    """A marker that would cover another moves beside it: towards where it really is
    (east when it is exactly there), turning a sixth at a time until it finds room."""
    x, y = pos
    crowd = [(ox, oy) for ox, oy in placed if math.hypot(ox - x, oy - y) < CROWDED_PX]
    if not crowd:
        return pos
    ox, oy = crowd[0]
    base = math.atan2(y - oy, x - ox) if math.hypot(x - ox, y - oy) > 0.5 else 0.0
    for ring in (1.0, 2.0):
        for step in range(6):
            angle = base + step * (math.pi / 3.0)
            nx = ox + CROWDED_PX * ring * math.cos(angle)
            ny = oy + CROWDED_PX * ring * math.sin(angle)
            if all(math.hypot(px - nx, py - ny) >= CROWDED_PX for px, py in placed):
                return nx, ny
    return ox + CROWDED_PX * math.cos(base), oy + CROWDED_PX * math.sin(base)


def _badge_position(
    start: tuple[float, float],
    end: tuple[float, float],
    size: tuple[float, float],
    radius: float,
    *,
    frame: ViewFrame,
    obstacles: list[Rect],
) -> tuple[float, float]:
    """The first of a few spots for a distance label that covers nothing (on the line,
    else beside its candidate); where every spot covers something, the least covering."""
    width, height = size
    (x1, y1), (x2, y2) = start, end
    gap = radius + 5.0
    away = 1.0 if x2 >= x1 else -1.0
    spots = []
    if math.hypot(x2 - x1, y2 - y1) >= max(SHORT_LINE_PX, width + 2.0 * radius + 8.0):
        spots += [
            ((x1 + x2) / 2.0, (y1 + y2) / 2.0),
            (x1 + (x2 - x1) * 0.7, y1 + (y2 - y1) * 0.7),
            (x1 + (x2 - x1) * 0.3, y1 + (y2 - y1) * 0.3),
        ]
    spots += [
        (x2 + away * (gap + width / 2.0), y2),
        (x2 - away * (gap + width / 2.0), y2),
        (x2, y2 - gap - height / 2.0),
        (x2, y2 + gap + height / 2.0),
        (x2 + away * (gap + width / 2.0), y2 - gap),
        (x2 - away * (gap + width / 2.0), y2 + gap),
    ]
    best, best_cost = spots[0], math.inf
    for x, y in spots:
        left, top = x - width / 2.0, y - height / 2.0
        right, bottom = left + width, top + height
        cost = 0.0
        if left < 0 or top < 0 or right > frame.width or bottom > frame.height:
            cost += width * height  # (partly) outside the view
        for o_left, o_top, o_right, o_bottom in obstacles:
            if o_right <= left or o_left >= right or o_bottom <= top or o_top >= bottom:
                continue  # apart (most are: no need for the overlap's size)
            w = (right if right < o_right else o_right) - (left if left > o_left else o_left)
            h = (bottom if bottom < o_bottom else o_bottom) - (top if top > o_top else o_top)
            cost += w * h
        if cost == 0.0:
            return x, y
        if cost < best_cost:
            best, best_cost = (x, y), cost
    return best
