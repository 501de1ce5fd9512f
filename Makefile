# Two commands do all the set-up on a fresh clone (see README):
#   make demo   - the main job: synthetic quarters, validation, benchmark, rugs, demo database
#   make test   - lint, types and the whole test suite (both databases where PostgreSQL runs)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint serve clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tartan demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP) lint
	scripts/ensure-browser
	$(BIN)/pytest
	@pg="$$(scripts/postgres-url)"; \
	if [ -n "$$pg" ]; then \
	  echo "The web tests again, on PostgreSQL ($$pg):"; \
	  DATABASE_URL="$$pg" $(BIN)/pytest tests/web; \
	else \
	  echo "No PostgreSQL answers at 127.0.0.1:5432: the web tests ran on SQLite only."; \
	fi

serve: $(STAMP)
	$(BIN)/tartan serve

clean:
	rm -rf $(VENV) out
