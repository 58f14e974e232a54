"""Write a valid kpmap dataset 10x the bundled one (10 times its cities) into a directory, for the benchmark.

The bundled data/ is copied and synthetic cities are added: unused three-digit municipality
numbers, points inside Finland's bounds, each with a small square area in one of the real regions, one or
two programmes each (each with its membership row).
The output is generated, never committed:

    .venv/bin/python -m benchmarks.make_big_dataset OUT_DIR [--cities N]
    .venv/bin/python -m kpmap validate OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

from kpmap.areas import MUNICIPALITIES_FILE
from kpmap.files import CITIES_FILE, FINLAND_FILE, PARTNERSHIPS_FILE, PROGRAMMES_FILE

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# Mainland Finland, roughly, well inside the validator's bounds (19.0..31.7 E, 59.4..70.2 N).
LON_RANGE = (21.8, 29.8)
LAT_RANGE = (60.3, 68.5)
SOURCE_URL = "https://example.org/kpmap-benchmark-synthetic"
REGION_KEYS = ("maakunta_code", "maakunta_fi", "maakunta_sv")


def _read(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return loaded


def _write_features(path: Path, features: list[dict[str, Any]]) -> None:
    """Same layout as the bundled files: one feature per line."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    path.write_text('{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n", encoding="utf-8")


def _square(lon: float, lat: float, half: float = 0.04) -> dict[str, Any]:
    """A small square area around a point (every city needs a municipality area)."""
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _synthetic_city(i: int, number: str, region: dict[str, str], rng: random.Random, date: str) -> list[dict[str, Any]]:
    """One synthetic city: its point feature and its municipality area feature."""
    lon, lat = round(rng.uniform(*LON_RANGE), 5), round(rng.uniform(*LAT_RANGE), 5)
    names = {"name_fi": f"Testikylä {i + 1:03d}", "name_sv": f"Testby {i + 1:03d}"}
    city = {
        "kuntanumero": number,
        **names,
        "maakunta": region["maakunta_fi"],
        "population": rng.randint(3_000, 120_000),
        "population_date": date,
        "population_source": "Synthetic benchmark data (kpmap benchmarks/make_big_dataset.py)",
        "geonames_id": 90_000_000 + i,
    }
    area = {"kuntanumero": number, **names, **region}
    return [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": city},
        {"type": "Feature", "geometry": _square(lon, lat), "properties": area},
    ]


def _membership(number: str, programme_id: str) -> dict[str, str]:
    return {
        "programme_id": programme_id,
        "kuntanumero": number,
        "source_url": SOURCE_URL,
        "source_date": "2026",
        "source_note": "synthetic city for the performance benchmark",
    }


def _write_finland(out_dir: Path, added: int) -> None:
    """Finland's population grows by the synthetic cities' (it must cover every city's together)."""
    source = DATA / FINLAND_FILE
    if source.is_file():
        text = source.read_text(encoding="utf-8")
        old = int(re.search(r"^population = (\d+)$", text, re.MULTILINE).group(1))  # type: ignore[union-attr]
        text = re.sub(r"^population = \d+$", f"population = {old + added}", text, count=1, flags=re.MULTILINE)
        (out_dir / FINLAND_FILE).write_text(text, encoding="utf-8")


def make_big_dataset(out_dir: Path, cities: int | None = None, seed: int = 20260101) -> Path:
    """Copy data/ into out_dir and add synthetic cities (with areas) until there are `cities` of them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    geo, areas = _read(CITIES_FILE), _read(MUNICIPALITIES_FILE)
    with (DATA / PARTNERSHIPS_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    programmes = tomllib.loads((DATA / PROGRAMMES_FILE).read_text(encoding="utf-8"))["programme"]
    # Not the programmes whose member list is partial: their data states how many members it holds.
    programme_ids = [p["id"] for p in programmes if "members_confirmed" not in p]
    used = {f["properties"]["kuntanumero"] for f in geo["features"] + areas["features"]}
    free = [f"{n:03d}" for n in range(1000) if f"{n:03d}" not in used]
    cities = cities or 10 * len(geo["features"])
    extra = cities - len(geo["features"])
    if extra < 0 or extra > len(free):
        raise SystemExit(f"cannot make {cities} cities: {len(geo['features'])} exist, {len(free)} numbers are free")
    regions = sorted({tuple((k, f["properties"][k]) for k in REGION_KEYS) for f in areas["features"]})
    date = geo["features"][0]["properties"]["population_date"]
    for i, number in enumerate(rng.sample(free, extra)):
        city, area = _synthetic_city(i, number, dict(rng.choice(regions)), rng, date)
        geo["features"].append(city)
        areas["features"].append(area)
        rows += [_membership(number, p) for p in rng.sample(programme_ids, rng.choice((1, 1, 2)))]
    _write_features(out_dir / CITIES_FILE, geo["features"])
    _write_features(out_dir / MUNICIPALITIES_FILE, areas["features"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out_dir / PARTNERSHIPS_FILE).write_text(buffer.getvalue(), encoding="utf-8")
    added = sum(f["properties"]["population"] for f in geo["features"][-extra:]) if extra else 0
    _write_finland(out_dir, added)
    written = {CITIES_FILE, MUNICIPALITIES_FILE, PARTNERSHIPS_FILE, FINLAND_FILE}
    for source in DATA.iterdir():  # every other data file as it is (programmes, regions, outline, ...)
        if source.is_file() and source.name not in written:
            shutil.copyfile(source, out_dir / source.name)
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cities", type=int, help="how many in all (default: 10 times the bundled data's)")
    args = parser.parse_args()
    make_big_dataset(args.out_dir, args.cities)
    print(f"wrote {args.cities or '10x the bundled'} cities to {args.out_dir}")


if __name__ == "__main__":
    main()
