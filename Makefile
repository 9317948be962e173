# One command sets everything up and runs the demo; one sets everything up and runs the tests.
# Each step is skipped when what it makes is already there, so reruns are cheap.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEB_PACKAGES := tesseract-ocr tesseract-ocr-ukr tesseract-ocr-rus tesseract-ocr-eng b3sum poppler-utils chromium fonts-dejavu-core openssl
STAMP := $(VENV)/.installed

.PHONY: setup system venv demo test lint bench clean-demo locale

setup: system venv

# Debian packages: installed only when one is missing (needs root, as on CI and the dev machines).
system:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

venv: $(STAMP)

# A venv cut short (an interrupted first run left python but no pip) is made again.
$(STAMP): pyproject.toml
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV); $(PY) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[all,dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/sestry demo --data data/runtime

test: setup lint
	$(BIN)/python -m pytest

# The layout's installed folders (pyproject's package-dir); vulture's whitelist says why each
# name it cannot see through reflection is used.
PACKAGES := sestry core custody schemas extractors redaction reports release ingestion review flows

lint: venv
	$(BIN)/ruff check .
	$(BIN)/vulture $(PACKAGES) tools/vulture_whitelist.py --min-confidence 60

bench: setup
	$(BIN)/python -m bench

clean-demo:
	rm -rf data/runtime

# The Ukrainian catalog: extract every _()/N_()/translate() message (tools/babel.cfg), merge it into
# core/locale/uk/LC_MESSAGES/sestry.po (translate the new empty msgstr there), compile sestry.mo.
# tests/cli/test_i18n_catalog.py fails on a missing or stale translation or an out-of-date .mo.
locale: TYPER = $(shell $(BIN)/python -c 'import os, typer; print(os.path.dirname(typer.__file__))')
locale: venv
	$(BIN)/python -m babel.messages.frontend extract -F tools/babel.cfg -k N_ -k translate:2 \
		--no-location --omit-header --sort-output -o $(VENV)/sestry.pot .
	$(BIN)/python -m babel.messages.frontend update -i $(VENV)/sestry.pot -d core/locale -D sestry \
		-l uk --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python -m babel.messages.frontend compile -d core/locale -D sestry -l uk --statistics
	$(BIN)/python -m babel.messages.frontend extract -k click_msg --no-location --omit-header \
		--sort-output -o $(VENV)/click.pot $(TYPER)/core.py $(TYPER)/rich_utils.py \
		sestry/commands/typer_words.py
	$(BIN)/python -m babel.messages.frontend update -i $(VENV)/click.pot -d core/locale -D click \
		-l uk --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python -m babel.messages.frontend compile -d core/locale -D click -l uk --statistics
