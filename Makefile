# Two commands for a fresh machine with Python >= 3.11, make and git:
#   make run   set up .venv, migrate, load the starting content, serve on :8000
#   make test  set up .venv and run the whole test suite
# And one to measure pages (needs PostgreSQL and wrk; not part of make test):
#   make bench  BENCH_SIZES="10 1000 10000" by default; see bench/run_bench.py
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate lint format bench

run: migrate
	$(BIN)/python manage.py loadstartingcontent
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run_bench.py

install: $(STAMP)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
