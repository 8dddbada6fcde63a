"""Accessible multi-format leaflet publisher: one Markdown source, many formats."""

__version__ = "0.1.0"
