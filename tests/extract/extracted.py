"""What kg extracts from a hand-written text, in the terms the class tests assert: each event as
(type, actor labels, recipient labels, modality)."""

from __future__ import annotations

from kg.pipeline import extract


def events(text: str, date: str | None = "2018-05-01") -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    doc = extract(text, "t", date)
    label = {e.id: e.label_en for e in doc.entities}
    return [
        (ev.type, tuple(label.get(s, s) for s in ev.source), tuple(label.get(t, t) for t in ev.target), ev.modality)
        for ev in doc.events
    ]
