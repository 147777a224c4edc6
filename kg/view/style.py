"""The colours, shapes and sizes of the actor network, shared by the page and the exports
(GEXF ``viz:``, GraphML ``color``/``size``), so Gephi shows what the page shows."""

from __future__ import annotations

import math

QUAD_CLASSES: tuple[str, ...] = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
QUAD_COLORS: dict[str, str] = {
    "verbal-cooperation": "#2563eb",
    "material-cooperation": "#059669",
    "verbal-conflict": "#d97706",
    "material-conflict": "#dc2626",
    "": "#94a3b8",
}
QUAD_LABELS: dict[str, dict[str, str]] = {
    "verbal-cooperation": {"en": "Verbal cooperation", "ar": "تعاون لفظي"},
    "material-cooperation": {"en": "Material cooperation", "ar": "تعاون مادي"},
    "verbal-conflict": {"en": "Verbal conflict", "ar": "نزاع لفظي"},
    "material-conflict": {"en": "Material conflict", "ar": "نزاع مادي"},
    "": {"en": "Unclassified", "ar": "غير مصنف"},
}
# vis-network shapes that draw the label below the shape, so Arabic text stays readable.
ENTITY_STYLES: dict[str, dict[str, str]] = {
    "Person": {"shape": "dot", "color": "#7c3aed", "symbol": "\u25cf", "ar": "شخص"},
    "Country": {"shape": "diamond", "color": "#0e7490", "symbol": "\u25c6", "ar": "دولة"},
    "Organization": {"shape": "square", "color": "#be185d", "symbol": "\u25a0", "ar": "منظمة"},
    "Place": {"shape": "triangle", "color": "#65a30d", "symbol": "\u25b2", "ar": "مكان"},
    "": {"shape": "dot", "color": "#64748b", "symbol": "\u25cf", "ar": "كيان"},
}


def node_size(events: int) -> float:
    """Drawn size of a node with ``events`` events: grows with the log, capped."""
    return round(min(14.0 + 6.0 * math.log2(1 + max(events, 0)), 56.0), 1)


def node_color(entity_type: str | None) -> str:
    """The node colour of an entity type (``#rrggbb``)."""
    return ENTITY_STYLES.get(entity_type or "", ENTITY_STYLES[""])["color"]


def quad_color(quad: str | None) -> str:
    """The edge colour of a PLOVER quad class (``#rrggbb``)."""
    return QUAD_COLORS.get(quad or "", QUAD_COLORS[""])


def rgb(color: str) -> tuple[int, int, int]:
    """``#2563eb`` -> (37, 99, 235)."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
