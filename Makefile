# Quick start: `make site` builds the course site; `make test` runs the test suite.
# Both create .venv from requirements.txt first (once, and again when it changes).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# nbgrader shells out to alembic: the venv's tools must be on PATH.
export PATH := $(BIN):$(PATH)
JB_FLAGS ?= -W --keep-going
AXE    := tests/a11y/node_modules/axe-core/axe.min.js

.PHONY: site test check toc lab system-deps clean help

help:
	@echo "make site   build the course site into _build/html"
	@echo "make test   run the test suite (installs Chromium through apt if missing)"
	@echo "make lab    open the course in JupyterLab"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/sts-course check

toc: $(STAMP)
	$(BIN)/sts-course toc

# The execution cache keys on a page's code cells, not on the figure modules they import:
# when a figure module (or an exercise's sample data) changes, drop the cache so its pages are executed again.
FIGURE_STAMP := _build/.figures-stamp
$(FIGURE_STAMP): $(wildcard sts_course/figures/*.py exercises/reflections/*.yml sts_course/org_toolkit/*.py exercises/org_toolkit/*)
	rm -rf _build/.jupyter_cache
	mkdir -p _build && touch $@

site: check $(FIGURE_STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo
	@echo "The course site is built. Open: file://$(abspath _build/html/index.html)"

system-deps:
	@bash scripts/system-deps.sh

# axe-core (accessibility rules for the browser tests), pinned by tests/a11y/package-lock.json.
$(AXE): tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: $(STAMP) system-deps $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lab: $(STAMP)
	$(BIN)/jupyter lab

clean:
	rm -rf _build
