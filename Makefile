# The two commands: `make site` builds the site into site/, `make test` runs the whole suite.
# Both install what they need: Python packages into .venv, and (as root on Debian) the system
# packages the browser tests and the PDF need.

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SITE_URL ?=

.PHONY: site test lint typecheck unit system-deps schemas deploy-configs screenshots clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

system-deps:
	@sh scripts/system-deps.sh

site: $(STAMP) system-deps
	$(VENV)/bin/pathways build $(if $(SITE_URL),--site-url $(SITE_URL))

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/ruff format --check generator tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -m "not browser"

test: $(STAMP) system-deps lint typecheck
	$(VENV)/bin/pytest

schemas: $(STAMP)
	$(VENV)/bin/pathways schema

deploy-configs: $(STAMP)
	$(PY) scripts/deploy-configs.py

# The README's screenshots, taken from a fresh build of the shipped content.
screenshots: $(STAMP) system-deps
	$(PY) scripts/screenshots.py

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache
