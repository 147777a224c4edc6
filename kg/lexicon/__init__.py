"""Curated data files and their loaders (data beside code: adding an actor needs no Python)."""
