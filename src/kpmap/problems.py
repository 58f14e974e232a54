"""One error type for bad data, carrying every problem found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: which file, which row or feature, which field."""

    file: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.row}" if self.row else self.file
        return f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"


class DataError(Exception):
    """The data directory does not hold valid kpmap data; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem) -> tuple[str, int, str, str, str]:
    """Sort by file, then by row number as a number (row 10 after row 9), then field."""
    digits = "".join(ch for ch in problem.row if ch.isdigit())
    return (problem.file, int(digits) if digits else 0, problem.row, problem.field, problem.message)
