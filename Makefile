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
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
SYSCONFDIR ?= /etc
ICON_SIZES := 16 22 24 32 48 64 128 256

.PHONY: all demo screenshots test check lint typecheck importlint bench forms translations rpm sdist \
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
## With a display the window opens on the sandbox (its mirror served while it is open);
## without one, a screenshot of the loaded window is written instead.
DEMO_SCREENSHOT ?= $(CURDIR)/build/demo-screenshot.png
demo: system-deps $(STAMP)
	$(VENV)/bin/xosupdate demo --dir $(DEMO_DIR)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    $(VENV)/bin/xosupdate-gui --demo --demo-dir $(DEMO_DIR); \
	else \
	    QT_QPA_PLATFORM=offscreen $(VENV)/bin/xosupdate-gui --demo --demo-dir $(DEMO_DIR) \
	        --screenshot $(DEMO_SCREENSHOT) && \
	    echo "No display: the window was rendered to $(DEMO_SCREENSHOT)"; \
	fi

## The README's screenshots (docs/screenshots/*.png), each view on its own demo copy.
screenshots: system-deps $(STAMP)
	$(PY) tools/screenshots.py

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

## Translations: lupdate brings resources/translations/*.ts up to date with the strings of
## ui/ (forms excluded), lrelease compiles them to ui/xosupdate_<lang>.qm, which are
## committed: the RPM's `make install` runs on the system Python, without Qt's tools.
## The English catalogue holds only the plural forms ("%n package(s)" -> "1 package").
TS_DIR := resources/translations
TS_LANGS := fr
UI_SOURCES = $(shell find ui -name '*.py' -not -path 'ui/forms/*' | LC_ALL=C sort)
LUPDATE = $(VENV)/bin/pyside6-lupdate -source-language en -no-obsolete
translations: $(STAMP)
	$(LUPDATE) -pluralonly $(UI_SOURCES) -ts $(TS_DIR)/xosupdate_en.ts
	for l in $(TS_LANGS); do $(LUPDATE) $(UI_SOURCES) -ts $(TS_DIR)/xosupdate_$$l.ts || exit 1; done
	for l in en $(TS_LANGS); do \
	    $(VENV)/bin/pyside6-lrelease -silent $(TS_DIR)/xosupdate_$$l.ts \
	        -qm ui/xosupdate_$$l.qm || exit 1; \
	done

sdist: $(STAMP)
	rm -rf dist
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w dist .
	$(PY) -c "import setuptools.build_meta as b; b.build_sdist('dist')"

## Install for a distribution package (the RPM spec runs this): DESTDIR, PREFIX as usual.
## Uses the system Python; on Debian the deb_system layout gives /usr paths.
install:
	DEB_PYTHON_INSTALL_LAYOUT=deb_system PIP_BREAK_SYSTEM_PACKAGES=1 \
	    $(PYTHON) -m pip install -q --no-deps --no-build-isolation --no-index \
	    --disable-pip-version-check --no-warn-script-location \
	    --root "$(DESTDIR)/" --prefix $(PREFIX) .
	# The helper runs from libexec through its wrapper (python -I), never from PATH.
	rm -f "$(DESTDIR)$(BINDIR)/xosupdate-helper"
	install -Dm755 packaging/xosupdate-helper "$(DESTDIR)$(LIBEXECDIR)/xosupdate/xosupdate-helper"
	install -Dm644 packaging/org.xtreemos.xosupdate.policy \
	    "$(DESTDIR)$(DATADIR)/polkit-1/actions/org.xtreemos.xosupdate.policy"
	install -Dm644 packaging/xosupdate.desktop "$(DESTDIR)$(DATADIR)/applications/xosupdate.desktop"
	install -Dm644 packaging/xosupdate-notifier.desktop \
	    "$(DESTDIR)$(SYSCONFDIR)/xdg/autostart/xosupdate-notifier.desktop"
	install -Dm644 packaging/org.xtreemos.xosupdate.metainfo.xml \
	    "$(DESTDIR)$(DATADIR)/metainfo/org.xtreemos.xosupdate.metainfo.xml"
	install -Dm644 resources/icons/xosupdate.svg \
	    "$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/xosupdate.svg"
	for s in $(ICON_SIZES); do \
	    install -Dm644 packaging/icons/$${s}x$${s}/xosupdate.png \
	        "$(DESTDIR)$(DATADIR)/icons/hicolor/$${s}x$${s}/apps/xosupdate.png" || exit 1; \
	done
	install -Dm644 packaging/xosupdate.1 "$(DESTDIR)$(MANDIR)/man1/xosupdate.1"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache *.egg-info

distclean: clean
	rm -rf $(VENV)
