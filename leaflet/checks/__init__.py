"""Audits of sources and outputs: readability now, each format's own rules beside it."""
