"""One application object instead of process globals: only the settings read the environment, and two
applications in one process (two vocabulary files, two counting rules, two mapping files) keep their own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.application import Application
from marsad.domain.vocabulary import DEFAULT_PATH
from marsad.io.ged import DEFAULT_MAPPING as GED_MAPPING
from marsad.settings import SettingsError, load_settings
from marsad.storage.engine import make_engine
from marsad.storage.migrate import upgrade
from marsad.web.app import create_app

READS = {"environ", "environb", "getenv", "getenvb"}
SOURCE = Path(__file__).resolve().parents[1] / "src" / "marsad"
READERS = {  # the modules that may read the environment, and why
    "settings.py": "the settings, read once at an edge and handed down",
    "storage/backup.py": "pg_dump's environment: this process's, with the password added",
}


def environment_reads(path: Path) -> list[int]:
    """The lines of ``path`` that read the process environment (os.environ, os.getenv, or either imported)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "os" and node.attr in READS:
                found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & READS:
            found.append(node.lineno)
    return found


def test_only_the_settings_read_the_environment() -> None:
    readers = {
        path.relative_to(SOURCE).as_posix(): lines
        for path in sorted(SOURCE.rglob("*.py"))
        if (lines := environment_reads(path))
    }
    assert "settings.py" in readers  # the walk does find a read
    strays = {name: lines for name, lines in readers.items() if name not in READERS}
    assert not strays, f"only {', '.join(READERS)} read the environment; take a setting instead: {strays}"


def test_the_walk_finds_every_way_of_reading(tmp_path: Path) -> None:
    module = tmp_path / "reads.py"
    module.write_text("import os\nfrom os import getenv\na = os.environ['A']\nb = os.getenv('B')\n")
    assert environment_reads(module) == [2, 3, 4]


def team_files(folder: Path) -> dict[str, str]:
    """A team's own vocabulary file (attacks called assaults) and GED mapping (IS mapped to unknown)."""
    vocabulary = folder / "vocabularies.yaml"
    shipped = DEFAULT_PATH.read_text(encoding="utf-8")
    vocabulary.write_text(shipped.replace("{key: attack, label: Attack,", "{key: attack, label: Assault,", 1))
    mapping = folder / "ged_mapping.yaml"
    mapping.write_text(GED_MAPPING.read_text(encoding="utf-8").replace('"IS": isis', '"IS": unknown', 1))
    return {"MARSAD_VOCABULARIES": str(vocabulary), "MARSAD_GED_MAPPING": str(mapping)}


def test_two_applications_keep_their_own_vocabularies_rules_and_mappings(tmp_path: Path) -> None:
    shipped = Application(load_settings({"MARSAD_DATA_DIR": str(tmp_path / "a")}))
    team = Application(
        load_settings(
            {"MARSAD_DATA_DIR": str(tmp_path / "b"), "MARSAD_COUNTED_GRADES": "confirmed"} | team_files(tmp_path)
        )
    )
    assert shipped.vocabularies.kinds.label("attack") == "Attack"
    assert team.vocabularies.kinds.label("attack") == "Assault"
    assert (shipped.vocabularies.counted_grades, team.vocabularies.counted_grades) == (
        ("confirmed", "fair"),
        ("confirmed",),
    )
    assert shipped.mappings.ged.sides.key("IS") == "isis"
    assert team.mappings.ged.sides.key("IS") == "unknown"


def test_two_sites_in_one_process_answer_with_their_own_settings(tmp_path: Path) -> None:
    clients = []
    for name, environ in (
        ("shipped", {}),
        ("team", {"MARSAD_COUNTED_GRADES": "confirmed"} | team_files(tmp_path)),
    ):
        engine = make_engine(f"sqlite:///{tmp_path / name}.db")
        upgrade(engine)
        clients.append(TestClient(create_app(engine, load_settings({"MARSAD_DATA_DIR": str(tmp_path)} | environ))))
    shipped, team = clients  # both built before either answers: the second did not replace the first's
    for client, label, grades in ((shipped, "Attack", ["confirmed", "fair"]), (team, "Assault", ["confirmed"])):
        kinds = client.get("/api/v1/vocabularies").json()["kinds"]
        assert next(k["label"] for k in kinds if k["key"] == "attack") == label
        assert client.get("/api/v1/incidents").json()["counting"]["grades"] == grades


def test_a_counting_rule_the_vocabularies_lack_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="MARSAD_COUNTED_GRADES: 'sure' is not a known grade value"):
        Application(load_settings({"MARSAD_DATA_DIR": str(tmp_path), "MARSAD_COUNTED_GRADES": "sure"}))
