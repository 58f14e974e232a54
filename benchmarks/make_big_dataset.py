"""Write a valid kpmap dataset 10x the bundled one (540 cities) into a directory, for the benchmark.

The bundled data/ is copied and 486 synthetic cities are added: unused three-digit municipality
numbers, points inside Finland's bounds, one or two programmes each (each with its membership row).
The output is generated, never committed:

    .venv/bin/python benchmarks/make_big_dataset.py OUT_DIR [--cities 540]
    .venv/bin/python -m kpmap validate OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# Mainland Finland, roughly, well inside the validator's bounds (19.0..31.7 E, 59.4..70.2 N).
LON_RANGE = (21.8, 29.8)
LAT_RANGE = (60.3, 68.5)
SOURCE_URL = "https://example.org/kpmap-benchmark-synthetic"


def make_big_dataset(out_dir: Path, cities: int = 540, seed: int = 20260101) -> Path:
    """Copy data/ into out_dir and add synthetic cities until there are `cities` of them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    geo = json.loads((DATA / "cities.geojson").read_text(encoding="utf-8"))
    with (DATA / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    toml = tomllib.loads((DATA / "programmes.toml").read_text(encoding="utf-8"))
    programme_ids = [p["id"] for p in toml["programme"]]

    used = {f["properties"]["kuntanumero"] for f in geo["features"]}
    free = [f"{n:03d}" for n in range(1000) if f"{n:03d}" not in used]
    extra = cities - len(geo["features"])
    if extra < 0 or extra > len(free):
        have = len(geo["features"])
        raise SystemExit(f"cannot make {cities} cities: the bundled data has {have}; only 1000 numbers exist")
    regions = sorted({f["properties"]["maakunta"] for f in geo["features"]})
    template = geo["features"][0]["properties"]
    for i, number in enumerate(rng.sample(free, extra)):
        name = f"Testikylä {i + 1:03d}"
        properties = {
            "kuntanumero": number,
            "name_fi": name,
            "name_sv": f"Testby {i + 1:03d}",
            "maakunta": rng.choice(regions),
            "population": rng.randint(3_000, 120_000),
            "population_date": template["population_date"],
            "population_source": "Synthetic benchmark data (kpmap benchmarks/make_big_dataset.py)",
            "geonames_id": 90_000_000 + i,
        }
        point = [round(rng.uniform(*LON_RANGE), 5), round(rng.uniform(*LAT_RANGE), 5)]
        geometry = {"type": "Point", "coordinates": point}
        geo["features"].append({"type": "Feature", "geometry": geometry, "properties": properties})
        for programme_id in rng.sample(programme_ids, rng.choice((1, 1, 2))):
            rows.append(
                {
                    "programme_id": programme_id,
                    "kuntanumero": number,
                    "source_url": SOURCE_URL,
                    "source_date": "2026",
                    "source_note": "synthetic city for the performance benchmark",
                }
            )

    # Same layout as the bundled file: one feature per line.
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in geo["features"])
    (out_dir / "cities.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n", encoding="utf-8"
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out_dir / "partnerships.csv").write_text(buffer.getvalue(), encoding="utf-8")
    shutil.copyfile(DATA / "programmes.toml", out_dir / "programmes.toml")
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cities", type=int, default=540)
    args = parser.parse_args()
    make_big_dataset(args.out_dir, args.cities)
    print(f"wrote {args.cities} cities to {args.out_dir}")


if __name__ == "__main__":
    main()
