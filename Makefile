# xosupdate — developer entry points. `make demo` and `make test` bootstrap everything they
# need on a fresh machine: system packages (.ci/system-deps), a virtual environment made from
# the system Python (so the distribution's python3-rpm bindings load), and the package itself
# in editable mode.

PYTHON ?= /usr/bin/python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= $(CURDIR)/build/demo
PYTEST_ARGS ?=
DESTDIR ?=
PREFIX ?= /usr

.PHONY: all demo test check lint typecheck importlint bench forms translations rpm sdist \
        install clean distclean system-deps venv

all: test

system-deps:
	@./.ci/system-deps

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,dev]'
	$(PY) .ci/venv-system-rpm $(PY)
	@touch $@

venv: $(STAMP)

## The main job: the application on the demo sandbox (a signed mirror on 127.0.0.1).
demo: system-deps $(STAMP)
	$(VENV)/bin/xosupdate demo --dir $(DEMO_DIR)
	$(VENV)/bin/xosupdate --root $(DEMO_DIR)/root media list

## The whole test suite (unit, integration with real rpm/gpg/HTTP, offscreen GUI, packaging).
test: system-deps $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Lint, types and import contracts.
check: lint typecheck importlint

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

importlint: $(STAMP)
	$(VENV)/bin/lint-imports

## Distribution-scale timings against the libsolv reference, side by side.
bench: system-deps $(STAMP)
	$(PY) benchmarks/run.py

sdist: $(STAMP)
	rm -rf dist
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w dist .
	$(PY) -c "import setuptools.build_meta as b; b.build_sdist('dist')"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache *.egg-info

distclean: clean
	rm -rf $(VENV)
