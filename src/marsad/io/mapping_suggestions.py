"""The lines to add to a mapping file for the names of another dataset's file that it lacks.

`marsad mapping suggest FILE` reads the file as an import would (nothing is written), counts the names that
would land with a generic key, and prints them as YAML under their table, each with the closest key the
vocabulary offers and how many rows it would change, for the team to check before pasting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.domain.vocabulary import Vocabularies, Vocabulary
from marsad.io.actor_names import Unmapped
from marsad.io.canonical import RawRow, RowError

# Which vocabulary each mapping table's keys come from.
TABLE_VOCABULARIES = {"sides": "actors", "actors": "actors", "targets": "targets", "forces": "forces"}


@dataclass(frozen=True)
class Suggestions:
    rows: int  # rows read
    counts: Counter[Unmapped]

    def lines(self, vocab: Vocabularies) -> list[str]:
        """YAML to paste into the mapping file, grouped by table, the commonest names first."""
        out: list[str] = []
        for table in sorted({u.table for u in self.counts}):
            vocabulary: Vocabulary = getattr(vocab, TABLE_VOCABULARIES.get(table, table))
            out.append(f"{table}:")
            named = [(u.value, n) for u, n in self.counts.most_common() if u.table == table]
            for value, count in named:
                guess = vocabulary.suggest(value) or next((k for k in ("other", "unknown") if k in vocabulary), "")
                quoted = value.replace("\\", "\\\\").replace('"', '\\"')
                rows = f"{count:,} row{'s' if count != 1 else ''}"
                out.append(f'  "{quoted}": {guess}  # {rows}; keys: {", ".join(vocabulary.keys)}')
        return out


def suggestions(rows: Iterable[RawRow | RowError]) -> Suggestions:
    counts: Counter[Unmapped] = Counter()
    read = 0
    for row in rows:
        read += 1
        if isinstance(row, RawRow):
            counts.update(row.unmapped)
    return Suggestions(read, counts)
