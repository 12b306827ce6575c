"""Writes the ACLED, UCDP GED and ACLED-API fixtures in tests/data/interop (run it to regenerate them).

Invented events in ACLED's and GED's layouts, with the awkward cases real files have: missing coordinates,
month-level dates, several sources in one field, Arabic text, and (in separate files) unknown actor names.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from marsad.io.acled import ACLED_COLUMNS

HERE = Path(__file__).parent / "interop"
PLACES = [  # location, admin1, admin2, latitude, longitude
    ("Hajin", "Deir ez-Zor", "Al Mayadin", "34.6951", "40.8314"),
    ("Al Busayrah", "Deir ez-Zor", "Deir ez-Zor", "35.1562", "40.4272"),
    ("Hasakah", "Al Hasakeh", "Al Hasakeh", "36.5024", "40.7477"),
    ("Al Shaddadi", "Al Hasakeh", "Al Hasakeh", "36.0576", "40.7348"),
    ("Raqqa", "Ar Raqqa", "Ar Raqqa", "35.9528", "39.0079"),
    ("Manbij", "Aleppo", "Menbij", "36.5281", "37.9549"),
]
EVENTS = [  # event type, sub-event type, actor1, actor2, civilian targeting
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Islamic State (Syria)",
        "SDF: Syrian Democratic Forces",
        "",
    ),
    (
        "Violence against civilians",
        "Attack",
        "Unidentified Armed Group (Syria)",
        "Civilians (Syria)",
        "Civilian targeting",
    ),
    ("Battles", "Armed clash", "Islamic State (Syria)", "Asayish: Kurdish Internal Security Forces", ""),
    ("Strategic developments", "Arrests", "SDF: Syrian Democratic Forces", "Islamic State (Syria)", ""),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        "Islamic State (Syria)",
        "Civilians (Syria)",
        "Civilian targeting",
    ),
]


def acled_rows() -> list[dict[str, str]]:
    rows = []
    for number in range(30):
        location, admin1, admin2, lat, lon = PLACES[number % len(PLACES)]
        event_type, sub_event, actor1, actor2, targeting = EVENTS[number % len(EVENTS)]
        day = 1 + number % 28
        row = dict.fromkeys(ACLED_COLUMNS, "")
        row |= {
            "event_id_cnty": f"SYR{90000 + number}",
            "event_date": f"2023-11-{day:02d}" if number % 4 else f"{day} November 2023",
            "year": "2023",
            "time_precision": "3" if number == 7 else "1",
            "disorder_type": "Strategic developments" if sub_event == "Arrests" else "Political violence",
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": actor1,
            "actor2": actor2,
            "civilian_targeting": targeting,
            "iso": "760",
            "region": "Middle East",
            "country": "Syria",
            "admin1": admin1,
            "admin2": admin2,
            "location": location,
            "latitude": "" if number == 5 else lat,
            "longitude": "" if number == 5 else lon,
            "geo_precision": str(1 + number % 3),
            "source": "Syrian Observatory for Human Rights; North Press Agency" if number % 3 == 0 else "Deir Ezzor 24",
            "source_scale": "Subnational",
            "notes": "Invented test event. "
            + ("هجوم على حاجز في هجين" if number == 0 else f"On {day} November 2023, an event."),
            "fatalities": str(number % 4),
            "tags": "crowd size=no report" if number == 2 else "",
            "timestamp": "1700000000",
        }
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] | list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


GED_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def ged_rows() -> list[dict[str, str]]:
    rows = []
    for number in range(24):
        location, admin1, admin2, lat, lon = PLACES[number % len(PLACES)]
        one_sided = number % 3 == 0
        deaths = {
            "deaths_a": number % 2,
            "deaths_b": 0 if one_sided else 2,
            "deaths_civilians": 3 if one_sided else 0,
            "deaths_unknown": 1 if number % 5 == 0 else 0,
        }
        best = sum(deaths.values())
        rows.append(
            {
                "id": str(400000 + number),
                "relid": f"SYR-2023-1-{number}",
                "year": "2023",
                "active_year": "1",
                "type_of_violence": "3" if one_sided else "1",
                "conflict_name": "Syria: Islamic State",
                "dyad_name": "Government of Syria - IS" if not one_sided else "IS - Civilians",
                "side_a": "IS",
                "side_b": "Civilians" if one_sided else "SDF",
                "number_of_sources": "2",
                "source_article": '"SOHR,2023-11-03,Attack in Hajin";"North Press,2023-11-04,IS cell strikes"',
                "where_prec": "1" if number % 4 else "4",
                "where_coordinates": f"{location} town",
                "adm_1": f"{admin1} governorate",
                "adm_2": f"{admin2} district",
                "latitude": "" if number == 9 else lat,
                "longitude": "" if number == 9 else lon,
                "country": "Syria",
                "region": "Middle East",
                "event_clarity": "1",
                "date_prec": "1" if number % 6 else "4",
                "date_start": f"2023-11-{1 + number:02d} 00:00:00.000",
                "date_end": f"2023-11-{1 + number:02d} 00:00:00.000",
                **{k: str(v) for k, v in deaths.items()},
                "best": str(best),
                "high": str(best + 2),
                "low": str(max(0, best - 1)),
            }
        )
    return rows


def main() -> None:
    HERE.mkdir(exist_ok=True)
    rows = acled_rows()
    write_csv(HERE / "acled_syria_2023_11.csv", rows, ACLED_COLUMNS)
    unknown = [dict(rows[0]), dict(rows[1])]
    unknown[1]["actor1"] = "Jaish al-Ghurabaa"
    unknown[1]["event_id_cnty"] = "SYR99999"
    write_csv(HERE / "acled_unknown_actor.csv", unknown, ACLED_COLUMNS)
    for page, chunk in enumerate((rows[:20], rows[20:]), start=1):  # recorded API answers: 20 events a page
        body = {"status": 200, "success": True, "count": len(chunk), "data": chunk}
        (HERE / f"acled_api_page{page}.json").write_text(
            json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    write_csv(HERE / "ged_syria_2023_11.csv", ged_rows(), GED_COLUMNS)
    unknown_ged = ged_rows()[:2]
    unknown_ged[1]["side_a"] = "Jaish al-Ghurabaa"
    write_csv(HERE / "ged_unknown_side.csv", unknown_ged, GED_COLUMNS)


if __name__ == "__main__":
    main()
