"""The map as a static site: `python -m kpmap export-site OUT` (see build.py)."""
