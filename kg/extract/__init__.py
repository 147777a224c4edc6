"""Extraction stages: mentions, coreference, events, facts, time."""
