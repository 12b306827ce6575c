"""Writes the ACLED, UCDP GED and ACLED-API fixtures in tests/data/interop (run it to regenerate them).

Invented events in ACLED's and GED's layouts, with the awkward cases real files have: missing coordinates,
month-level dates, several sources in one field, Arabic text, and (in separate files) unknown actor names.
"""

from __future__ import annotations

import csv
import datetime as dt
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


# Events as ACLED codes them for Syria, with ACLED's own spellings of the actors (from ACLED exports: "QSD:" for
# the SDF, state forces dated by regime); the events themselves are invented. Places: NES towns and one in Idlib,
# outside the monitored area. (location, latitude, longitude, event type / sub-event, actor1, actor2, fatalities)
ACLED_ACTOR_EVENTS = [
    (
        "Hasakah",
        "36.5024",
        "40.7477",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Islamic State (Syria)",
        "Asayish",
        "2",
    ),
    ("Qamishli", "37.0522", "41.2317", "Strategic developments", "Arrests", "Asayish", "Islamic State (Syria)", "0"),
    (
        "Raqqa",
        "35.9528",
        "39.0079",
        "Violence against civilians",
        "Attack",
        "Unidentified Armed Group (Syria)",
        "Civilians (Syria)",
        "1",
    ),
    (
        "Al Busayrah",
        "35.1562",
        "40.4272",
        "Battles",
        "Armed clash",
        "Islamic State (Syria)",
        "QSD: Syrian Democratic Forces",
        "3",
    ),
    (
        "Ain Issa",
        "36.3853",
        "38.8597",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Military Forces of Turkey (2016-)",
        "QSD: Syrian Democratic Forces",
        "1",
    ),
    (
        "Manbij",
        "36.5281",
        "37.9549",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Unidentified Armed Group (Syria)",
        "QSD: Syrian Democratic Forces - Intelligence",
        "0",
    ),
    (
        "Tell Abyad",
        "36.6974",
        "38.9567",
        "Battles",
        "Armed clash",
        "Sultan Murad Division",
        "QSD: Syrian Democratic Forces",
        "4",
    ),
    (
        "Hajin",
        "34.6951",
        "40.8314",
        "Strategic developments",
        "Arrests",
        "Global Coalition Against Daesh",
        "Islamic State (Syria)",
        "0",
    ),
    (
        "Tabqa",
        "35.8356",
        "38.5481",
        "Violence against civilians",
        "Abduction/forced disappearance",
        "Islamic State (Syria)",
        "Civilians (Syria)",
        "0",
    ),
    (
        "Mayadin",
        "35.0193",
        "40.4506",
        "Battles",
        "Armed clash",
        "QDW: National Defense Forces",
        "Islamic State (Syria)",
        "2",
    ),
    (
        "Idlib",
        "35.9306",
        "36.6339",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Military Forces of Russia (2000-)",
        "HTS: Hayat Tahrir al Sham",
        "5",
    ),
    ("Shaddadi", "36.0576", "40.7348", "Protests", "Peaceful protest", "Protesters (Syria)", "", "0"),
]


def acled_actor_rows() -> list[dict[str, str]]:
    rows = []
    for number, (place, lat, lon, event, sub, actor1, actor2, killed) in enumerate(ACLED_ACTOR_EVENTS):
        day = dt.date(2023, 10, 20) + dt.timedelta(days=3 * number)  # October and November 2023
        rows.append(
            dict.fromkeys(ACLED_COLUMNS, "")
            | {
                "event_id_cnty": f"SYR{91000 + number}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": "1",
                "event_type": event,
                "sub_event_type": sub,
                "actor1": actor1,
                "actor2": actor2,
                "civilian_targeting": "Civilian targeting" if actor2 == "Civilians (Syria)" else "",
                "iso": "760",
                "country": "Syria",
                "location": place,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": "1",
                "source": "Syrian Observatory for Human Rights",
                "notes": f"Invented test event with ACLED's actor names: {actor1} / {actor2 or 'none'} at {place}.",
                "fatalities": killed,
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
    write_csv(HERE / "acled_syria_actors.csv", acled_actor_rows(), ACLED_COLUMNS)


if __name__ == "__main__":
    main()
