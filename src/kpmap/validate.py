"""Run every check on the data files and turn each failure into a Problem."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from kpmap.files import CITIES_FILE, FINLAND_FILE, HISTORY_FILE, PARTNERSHIPS_FILE, PROGRAMMES_FILE, SOURCES_FILE
from kpmap.problems import Problem
from kpmap.schemas import (
    cities_schema,
    fingerprints_schema,
    finland_schema,
    history_schema,
    partnerships_schema,
    programmes_schema,
    sources_schema,
)


class _Unknown:
    """Stands for the keys of a file that could not be read: cross-file checks then pass,
    so that one unreadable file does not drown the report in follow-on problems."""

    def __contains__(self, item: object) -> bool:
        return True


def _keys(frame: pd.DataFrame, column: str) -> Any:
    return _Unknown() if column not in frame else set(frame[column].dropna())


def _cities_population(cities: pd.DataFrame) -> int:
    """The cities' population together, counting only the figures that are whole numbers."""
    if "population" not in cities:
        return 0
    return sum(v for v in cities["population"] if isinstance(v, int) and not isinstance(v, bool))


def check_frames(
    cities: pd.DataFrame, memberships: pd.DataFrame, programmes: pd.DataFrame, finland: pd.DataFrame
) -> list[Problem]:
    """Every problem in the data files' frames, the files checked against each other."""
    jobs = [
        (FINLAND_FILE, finland, finland_schema(_cities_population(cities))),
        (CITIES_FILE, cities, cities_schema(_keys(memberships, "kuntanumero"))),
        (PARTNERSHIPS_FILE, memberships, partnerships_schema(_keys(cities, "kuntanumero"), _keys(programmes, "id"))),
        (PROGRAMMES_FILE, programmes, programmes_schema(_keys(memberships, "programme_id"))),
    ]
    problems: list[Problem] = []
    for file, frame, schema in jobs:
        if not frame.empty:
            problems += _run(file, frame, schema)
    return problems + _confirmed_count_problems(memberships, programmes)


def check_upkeep_frames(
    history: pd.DataFrame,
    sources: pd.DataFrame,
    fingerprints: pd.DataFrame,
    programmes: pd.DataFrame,
    municipality_ids: Any,
) -> list[Problem]:
    """Every problem in history.csv and sources.toml: the programmes and municipalities they name must exist."""
    programme_ids = _keys(programmes, "id")
    jobs = [
        (HISTORY_FILE, history, history_schema(programme_ids, municipality_ids)),
        (SOURCES_FILE, sources, sources_schema(programme_ids)),
        (SOURCES_FILE, fingerprints, fingerprints_schema()),
    ]
    problems: list[Problem] = []
    for file, frame, schema in jobs:
        if not frame.empty:
            problems += _run(file, frame, schema)
    return problems + _event_city_problems(history)


def history_membership_problems(history: pd.DataFrame, memberships: pd.DataFrame) -> list[Problem]:
    """A city's latest joined or left event in a programme must agree with partnerships.csv: a city that
    last joined is listed there, one that last left is not."""
    if history.empty or not {"event", "kuntanumero", "programme_id", "date"} <= set(history) or memberships.empty:
        return []
    listed = set(zip(memberships["programme_id"], memberships["kuntanumero"], strict=True))
    moves = history[history["event"].isin(["joined", "left"]) & (history["kuntanumero"] != "")]
    latest = (
        moves.assign(_line=moves.index.astype(int))
        .sort_values(["date", "_line"])
        .groupby(["programme_id", "kuntanumero"])
        .tail(1)
    )
    problems = []
    for row, event in latest.iterrows():
        key = (event["programme_id"], event["kuntanumero"])
        if (event["event"] == "joined") != (key in listed):
            state = "does not list" if event["event"] == "joined" else "still lists"
            message = f"the city {event['event']} {key[0]} on {event['date']}, but partnerships.csv {state} it"
            problems.append(Problem(HISTORY_FILE, str(row), "kuntanumero", message))
    return problems


def _event_city_problems(history: pd.DataFrame) -> list[Problem]:
    """A city joins or leaves (kuntanumero given); a programme starts or changes as a whole (none given)."""
    if history.empty:
        return []
    problems = []
    for row, event in history.iterrows():
        kind, city = event["event"], event["kuntanumero"]
        if kind in ("joined", "left") and city == "":
            problems.append(Problem(HISTORY_FILE, str(row), "kuntanumero", f"is needed: a city {kind}"))
        elif kind in ("started", "changed") and city != "":
            message = f"must be empty: '{kind}' is about the whole programme (use joined or left for a city)"
            problems.append(Problem(HISTORY_FILE, str(row), "kuntanumero", message))
    return problems


def _confirmed_count_problems(memberships: pd.DataFrame, programmes: pd.DataFrame) -> list[Problem]:
    """A partial member list must say how many members the data holds: members_confirmed is what the
    page reports as confirmed, so it must equal the programme's rows in partnerships.csv."""
    if "programme_id" not in memberships or "members_confirmed" not in programmes:
        return []
    counts = memberships["programme_id"].value_counts()
    problems = []
    for row, programme in programmes.iterrows():
        confirmed, listed = programme["members_confirmed"], int(counts.get(programme["id"], 0))
        if isinstance(confirmed, int) and confirmed != listed:
            message = f"is {confirmed}, but partnerships.csv lists {listed} members"
            problems.append(Problem(PROGRAMMES_FILE, str(row), "members_confirmed", message))
    return problems


def _run(file: str, frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return [_problem(file, case) for case in errors.failure_cases.to_dict("records")]
    return []


def _problem(file: str, case: dict[str, Any]) -> Problem:
    """One row of pandera's failure table -> a Problem in plain words."""
    check, value = str(case["check"]), case["failure_case"]
    row = "" if case["index"] is None or pd.isna(case["index"]) else str(case["index"])
    column = "" if case["column"] is None else str(case["column"])
    if check == "column_in_schema":
        return Problem(file, "", str(value), "is not an expected field")
    if check == "column_in_dataframe":
        return Problem(file, "", str(value), "is missing")
    if check == "not_nullable":
        return Problem(file, row, column, "is missing")
    if check == "field_uniqueness":
        return Problem(file, row, column, f"{value!r} appears more than once")
    if check == "multiple_fields_uniqueness":
        return Problem(file, row, column, f"{value!r}: this membership appears more than once")
    return Problem(file, row, column, f"{check}, got {_shorten(value)}")


def _shorten(value: Any, limit: int = 80) -> str:
    """The bad value as written, cut short so one problem stays one readable line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
