"""A preposition written apart with a tatweel (``بـ"دعم الإرهاب"``، ``لـ "العدوان"``) governs the
word after it, past quotes, as a glued one does: that word is a verbal noun, the charge of an
accusation, not a verb (دعم is no SUPPORT by the accused)."""

from __future__ import annotations

from extracted import events


def test_a_charge_after_a_detached_preposition_is_no_event_of_the_accused():
    found = events('تركيا تتهم مصر بـ"دعم الإرهاب" ردا على بيان الخارجية المصرية.')
    assert ("ACCUSE", ("Türkiye",), ("Egypt",), "asserted") in found
    assert all(e[0] != "SUPPORT" for e in found)


def test_a_glued_preposition_reads_the_same():
    found = events("تركيا تتهم مصر بدعم الإرهاب ردا على بيان الخارجية المصرية.")
    assert all(e[0] != "SUPPORT" for e in found)
