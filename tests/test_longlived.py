"""The server's long-lived objects are left out of later garbage collections."""

import gc

from kpmap.ui import longlived


def test_freeze_moves_live_objects_out_of_collections() -> None:
    """After freeze(), the objects alive then are in the permanent generation, not walked by collections."""
    gc.unfreeze()
    kept = [object() for _ in range(10)]
    try:
        longlived.freeze()
        assert gc.get_freeze_count() >= len(kept)
        assert not any(o is kept for o in gc.get_objects())
    finally:
        gc.unfreeze()
