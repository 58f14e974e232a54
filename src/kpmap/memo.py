"""Results worked out once per dataset and filter, for as long as the dataset lives.

Every visitor's every run asks the same few questions of the same dataset (which cities does this
filter leave, their figures, the bounds of all cities); answering them with pandas costs more than
a millisecond a run, and a process serves many runs a second. A dataset is read-only and compared by
identity, so an answer stays right for as long as the dataset it came from exists; it goes with it
(weak reference), not with a count of entries. The questions' keys are the filters' values, checked
against the data before they get here, and the language, so each dataset holds at most one answer per
combination of programmes, region and language (the table of cities under the map, for one, is a few
kilobytes of HTML per combination).

Answers are shared by every session: callers must not change them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from kpmap.model import Dataset

R = TypeVar("R")


def per_dataset(function: Callable[..., R]) -> Callable[..., R]:
    """function(dataset, *keys) -> the same answer each time for the same dataset and keys."""
    answers: WeakKeyDictionary[Dataset, dict[tuple[Hashable, ...], Any]] = WeakKeyDictionary()
    lock = threading.Lock()

    @wraps(function)
    def answer(dataset: Dataset, *keys: Hashable) -> R:
        with lock:
            known = answers.setdefault(dataset, {})
            if keys in known:
                return known[keys]  # type: ignore[no-any-return]
        value = function(dataset, *keys)  # outside the lock: two sessions may both work it out once
        with lock:
            return known.setdefault(keys, value)  # type: ignore[no-any-return]

    return answer
