"""Write the incident fixtures behind the two seed reports (../shared/seeds): run from the repository root.

    python tests/data/make_seed_fixtures.py

July 2019 ("sleeper cell attacks double in Jazira"): 82 counted attacks (June 85), 58 ISIS-claimed (June 70),
Jazira 30 (June 15, more than any month since January 2019), Hasakah 9, Deir ez-Zor 48 (June 55), Raqqa 2
(both Ahrar al-Shaab), no attacks in Manbij. November 2023 (ISIS only): 11 confirmed attacks (October 17),
4 military killed and 5 injured, 7 civilians injured, 10 raids with 17 arrests and 1 ISIS member killed, and
3 unconfirmed attacks in Deir ez-Zor. The months before are what those figures imply. Every record is
synthetic: the counts match the reports, the events are invented.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
COLUMNS = [
    "id",
    "kind",
    "date",
    "place",
    "type",
    "perpetrator",
    "attribution",
    "confirmed",
    "military_killed",
    "military_injured",
    "civilian_killed",
    "civilian_injured",
    "perpetrators_killed",
    "arrests",
    "conducted_by",
    "description",
    "sources",
    "tags",
    "status",
]
PLACES = {
    "jazira": ["Qamishli", "Ras al-Ayn", "Amuda", "Tal Tamr", "Derbasiyah", "al-Shaddadi"],
    "deir_ez_zor": ["Hajin", "al-Busayrah", "Dhiban", "al-Shuhayl", "al-Susah", "al-Kasrah", "Gharanij", "Abu Hamam"],
    "raqqa": ["Raqqa", "al-Karamah"],
    "manbij": ["Manbij", "Abu Qalqal"],
    "euphrates": ["Kobane", "Ain Issa"],
    "tabqa": ["Tabqa"],
}
TYPES = ["armed_attack", "ied", "assassination", "grenade", "motorcycle_bomb"]


class Writer:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.numbers: dict[str, int] = {}

    def add(
        self,
        month: str,
        kind: str,
        place: str,
        perpetrator: str,
        attribution: str,
        *,
        day: int = 0,
        confirmed: bool = True,
        **counts: object,
    ) -> None:
        number = self.numbers[month] = self.numbers.get(month, 0) + 1
        incident_id = f"{month}-{number:04d}"
        self.rows.append(
            {
                "id": incident_id,
                "kind": kind,
                "date": f"{month}-{day or 1 + number % 28:02d}",
                "place": place,
                "type": counts.pop("type", "raid" if kind == "raid" else TYPES[number % len(TYPES)]),
                "perpetrator": perpetrator,
                "attribution": attribution,
                "confirmed": str(confirmed).lower(),
                "description": f"Synthetic fixture for the seed reports ({month}); not a real event.",
                "sources": f"https://example.org/fixture/{incident_id}",
                "tags": "fixture | synthetic",
                "status": "published",
                **counts,
            }
        )

    def attacks(
        self,
        month: str,
        region: str,
        count: int,
        perpetrator: str = "isis",
        attribution: str = "claimed",
        place: str | None = None,
        **counts: object,
    ) -> None:
        for index in range(count):
            chosen = place or PLACES[region][index % len(PLACES[region])]
            self.add(month, "attack", chosen, perpetrator, attribution, **counts)

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)


def july_2019() -> Writer:
    w = Writer()
    history = {  # month: jazira, deir_ez_zor, raqqa, manbij, euphrates, tabqa (all ISIS-claimed)
        "2019-01": (8, 40, 10, 6, 2, 2),
        "2019-02": (10, 45, 9, 5, 2, 1),
        "2019-03": (12, 50, 8, 5, 1, 2),
        "2019-04": (14, 58, 9, 4, 2, 1),
        "2019-05": (13, 60, 7, 3, 1, 2),
    }
    for month, counts in history.items():
        for region, count in zip(PLACES, counts, strict=True):
            w.attacks(month, region, count)
    # June 2019: 85 attacks, 70 ISIS-claimed.
    w.attacks("2019-06", "jazira", 10)
    w.attacks("2019-06", "jazira", 5, "unknown", "unknown")
    w.attacks("2019-06", "deir_ez_zor", 50)
    w.attacks("2019-06", "deir_ez_zor", 5, "unknown", "unknown")
    w.attacks("2019-06", "raqqa", 6)
    w.attacks("2019-06", "raqqa", 2, "ahrar_al_shaab")
    w.attacks("2019-06", "manbij", 3)
    w.attacks("2019-06", "manbij", 1, "unknown", "unknown")
    w.attacks("2019-06", "euphrates", 1)
    w.attacks("2019-06", "euphrates", 1, "unknown", "unknown")
    w.attacks("2019-06", "tabqa", 1, "unknown", "unknown")
    # July 2019: 82 attacks, 58 ISIS-claimed; Jazira 30 with 9 in Hasakah; no attack in Manbij.
    w.attacks("2019-07", "jazira", 9, place="Hasakah", military_killed=1, civilian_injured=1)
    w.attacks("2019-07", "jazira", 9)
    w.attacks("2019-07", "jazira", 5, "ahrar_al_shaab", type="vbied")
    w.attacks("2019-07", "jazira", 7, "unknown", "unknown", type="motorcycle_bomb")
    w.attacks("2019-07", "deir_ez_zor", 38, military_injured=1)
    w.attacks("2019-07", "deir_ez_zor", 10, "unknown", "unknown")
    w.attacks("2019-07", "raqqa", 2, "ahrar_al_shaab")
    w.attacks("2019-07", "euphrates", 1)
    w.attacks("2019-07", "tabqa", 1)
    w.add("2019-07", "raid", "Hajin", "isis", "attributed", arrests=6, conducted_by="sdf")
    return w


def november_2023() -> Writer:
    w = Writer()
    history = {"2023-06": (14, 4), "2023-07": (11, 3), "2023-08": (7, 2), "2023-09": (16, 5), "2023-10": (13, 4)}
    for month, (deir_ez_zor, jazira) in history.items():
        w.attacks(month, "deir_ez_zor", deir_ez_zor)
        w.attacks(month, "jazira", jazira)
    for month, raids in {"2023-09": 6, "2023-10": 8}.items():
        for _ in range(raids):
            w.add(month, "raid", "Hasakah", "isis", "attributed", arrests=1, conducted_by="asayish")
    # November 2023: 11 confirmed ISIS attacks; 4 military killed, 5 injured; 7 civilians injured.
    w.attacks("2023-11", "deir_ez_zor", 4, military_killed=1, military_injured=1)
    w.attacks("2023-11", "deir_ez_zor", 3, civilian_injured=2)
    w.attacks("2023-11", "jazira", 1, place="Hasakah", military_injured=1, civilian_injured=1)
    w.attacks("2023-11", "jazira", 2)
    w.attacks("2023-11", "raqqa", 1)
    # Three attacks on SDF posts in Deir ez-Zor that could not be confirmed as ISIS attacks.
    w.attacks("2023-11", "deir_ez_zor", 3, attribution="suspected", confirmed=False, military_killed=1)
    # Ten raids: 17 arrests, one ISIS official killed (in al-Shaddadi).
    forces = ["sdf", "asayish", "joint", "asayish", "sdf", "joint", "asayish", "sdf", "asayish", "coalition"]
    for index, force in enumerate(forces):
        place = "al-Shaddadi" if index == 0 else ["Hasakah", "Hajin", "al-Busayrah", "Raqqa"][index % 4]
        w.add(
            "2023-11",
            "raid",
            place,
            "isis",
            "attributed",
            arrests=2 if index < 7 else 1,
            conducted_by=force,
            perpetrators_killed=1 if index == 0 else 0,
        )
    return w


def main() -> None:
    july_2019().write(HERE / "seed_2019_07.csv")
    november_2023().write(HERE / "seed_2023_11.csv")


if __name__ == "__main__":
    main()
