"""The server process's garbage collection, made cheap for the objects that live as long as it does.

Streamlit collects garbage in full after every script run (`runner.postScriptGC`), and a full
collection walks every object the process holds: some 137,000 kept alive by pandas, geopandas, folium
and Streamlit. That walk was about three quarters of a run's CPU time and, holding the GIL, capped a
process near 8.5 runs per second. `.streamlit/config.toml` turns the forced collection off; Python's
own collector still runs as objects are allocated, so a session's garbage is still collected. Freezing
what is alive once the dataset has been loaded moves those objects out of every later collection's
walk (figures in benchmarks/README.md).
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()


def freeze() -> None:
    """Collect what is garbage now, then leave every object still alive out of later collections.
    Called when a data version has been loaded: objects frozen here are never collected as cycles,
    which is right for the modules and the dataset, and costs at most one live session's view."""
    with _lock:
        gc.collect()
        gc.freeze()
