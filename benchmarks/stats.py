"""Small statistics and number formats shared by the benchmarks' reports."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable


def present(values: Iterable[float | None]) -> list[float]:
    """The values that were measured (None means a figure could not be taken)."""
    return [v for v in values if v is not None]


def median(values: Iterable[float | None]) -> float | None:
    found = present(values)
    return statistics.median(found) if found else None


def percentile(values: Iterable[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0.95 for p95); None without values."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def fmt(value: float | None, digits: int = 0, missing: str = "n/a") -> str:
    return missing if value is None else f"{value:,.{digits}f}"
