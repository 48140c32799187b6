# Two commands for a fresh checkout (see README):
#   make demo   install into .venv and check samples/ (writes report.html and report.json)
#   make test   install into .venv, run ruff (check and format --check), then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint clean

$(BIN)/doclint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/doclint

demo: install
	-$(BIN)/doclint check samples/ --format json --output report.json
	-$(BIN)/doclint check samples/ --format html --output report.html
	$(BIN)/doclint check samples/ --statistics --fail-on never
	@echo "Báo cáo: report.html, report.json"

test: install lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check doclint tests samples benchmarks
	$(BIN)/ruff format --check doclint tests samples benchmarks

clean:
	rm -rf $(VENV) report.json report.html .pytest_cache
