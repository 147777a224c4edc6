"""The interactive HTML view of the actor network, rendered from plain nodes/edges data."""

from kg.view.html import render_html, view_data, write_html

__all__ = ["render_html", "view_data", "write_html"]
