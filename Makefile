# Two commands for a fresh checkout (see README):
#   make demo   install into .venv and check samples/ (writes report.html and report.json)
#   make test   install into .venv, run ruff (check and format --check), then the whole test suite
#   make serve  the web page on http://127.0.0.1:8080/ (doclint serve)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint clean serve

$(BIN)/doclint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,serve]'
	@touch $@

# Bytecode is compiled here because an editable install does not, and a shell with
# PYTHONDONTWRITEBYTECODE would otherwise recompile the package on every run (about 0.15-0.2 s more start-up).
install: $(BIN)/doclint
	@$(BIN)/python -m compileall -q doclint > /dev/null

# The samples contain errors on purpose: --fail-on never, so that make does not print "Error 1".
demo: install
	$(BIN)/doclint check samples/ --fail-on never
	$(BIN)/doclint check samples/ --output report.html --fail-on never
	$(BIN)/doclint check samples/ --output report.json --fail-on never
	@echo
	@echo "Mở báo cáo: $(CURDIR)/report.html (bằng trình duyệt)."
	@echo "Lệnh đã cài: $(CURDIR)/$(BIN)/doclint — hoặc chạy 'source $(BIN)/activate' rồi gõ: doclint check TỆP.docx"
	@echo "Trang kiểm tra trên web: make serve, rồi mở http://127.0.0.1:8080/ trong trình duyệt."

serve: install
	$(BIN)/doclint serve

test: install lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check doclint tests samples benchmarks
	$(BIN)/ruff format --check doclint tests samples benchmarks

clean:
	rm -rf $(VENV) report.json report.html .pytest_cache
