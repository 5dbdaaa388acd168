"""Load the official municipality lists (tenants/data/*.csv) into the Municipality table."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def municipality_rows() -> list[dict[str, str]]:
    """Every Norwegian and Danish municipality as dicts of country, number, name, county."""
    rows = []
    with (DATA / "municipalities_no.csv").open(encoding="utf-8") as handle:
        rows += [
            {"country": "NO", "number": r["number"], "name": r["name"], "county": r["county"]}
            for r in csv.DictReader(handle)
        ]
    with (DATA / "municipalities_dk.csv").open(encoding="utf-8") as handle:
        rows += [
            {"country": "DK", "number": r["number"], "name": r["name"], "county": r["region"]}
            for r in csv.DictReader(handle)
        ]
    return rows
