# Thi Đua: one way to run. `make demo` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: demo test install fonts messages makemessages fmt lint bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) messages fonts

# Generated PDFs embed Liberation Serif (metric-compatible with Times New Roman, full Vietnamese coverage), from
# Debian's fonts-liberation2: installed here when this runs as root with apt-get, otherwise named loudly.
fonts:
	@if fc-list 2>/dev/null | grep -q "liberation2/LiberationSerif-Regular"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's fonts-liberation2 (Liberation Serif, for generated PDFs)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation2 >/dev/null \
	    || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation2 >/dev/null); \
	else \
	  echo "!!! Liberation Serif is missing: PDFs (decisions, certificates) cannot be generated."; \
	  echo "!!! Install it with: sudo apt-get install fonts-liberation2 (or set THIDUA_PDF_FONT_DIRS)."; \
	fi

# Compile the translation catalogs with Babel (no system gettext needed).
messages: $(STAMP)
	$(BIN)/python -m thidua compile_catalogs

# Vietnamese is the source language (the msgids are the Vietnamese text), so only English has a catalog.
makemessages: $(STAMP)
	$(BIN)/thidua makemessages --locale en --no-obsolete \
	  --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'node_modules/*'

demo: install
	$(BIN)/thidua migrate --noinput
	$(BIN)/thidua seed_demo
	$(BIN)/thidua runserver $(HOST)

test: install
	$(BIN)/ruff check .
	$(BIN)/thidua makemigrations --check --dry-run
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure"; exit 1; fi; exit $$rc

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/lists.py

clean:
	rm -rf $(VENV) var
