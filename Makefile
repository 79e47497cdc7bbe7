# Everything installs into .venv/ at the repository root.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check format lint types bench clean services constraints

# constraints.txt pins what the tests were last run with (regenerate: pip freeze, see below)
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "aiegis-guard needs Python >= 3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c constraints.txt
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/evm_agent.py
	$(BIN)/python examples/solana_agent.py
	$(BIN)/python examples/gateway_demo.py

services:
	@bash scripts/ensure-redis.sh

test: $(STAMP) services
	$(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff format aiegis_guard tests benchmarks training examples

lint: $(STAMP)
	$(BIN)/ruff format --check aiegis_guard tests benchmarks training examples
	$(BIN)/ruff check aiegis_guard tests benchmarks training examples

types: $(STAMP)
	$(BIN)/mypy

check: lint types test

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --data ../shared/data

constraints:  # after an intended upgrade: pin the versions the suite now passes with
	{ echo '# Versions the test suite passes with (make constraints). Used as pip constraints, not requirements.'; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#' \
	  | sed -E 's|^([A-Za-z0-9_.-]+) @ file://.*/[^/]+-([0-9][^-]*)-[^/]*\.whl.*|\1==\2|'; } > constraints.txt
	@# (a wheel installed from a local file freezes as "name @ file:///…": pinned by version instead)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
