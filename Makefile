# Two commands for a fresh machine: `make run` and `make test`. Each builds .venv when needed.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: run test lint format check bench lock clean

# The lock holds the versions the suite was measured with, hashed. uv (from PyPI) installs them
# in about a third of pip's time; where uv cannot be had, pip installs the same lock.
UV_VERSION := 0.13.9
$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	@if $(BIN)/pip install --quiet uv==$(UV_VERSION) >/dev/null 2>&1; then \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .; \
	else \
	  echo "make: uv is not available; installing with pip (slower)" >&2; \
	  $(BIN)/pip install --quiet --require-hashes -r requirements.lock \
	  && $(BIN)/pip install --quiet --no-deps -e .; \
	fi
	touch $(STAMP)

# Re-resolve the lock after a change to pyproject.toml's dependencies; pins already in the lock
# are kept where they still fit.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --generate-hashes --quiet -o requirements.lock

# serve.py is Streamlit serving dashboard.py, with unknown nested URLs sent where they can load
run: $(STAMP)
	$(BIN)/streamlit run serve.py

# mypy reads its files and settings from [tool.mypy] in pyproject.toml.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/povdash check
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	$(BIN)/povdash check

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
