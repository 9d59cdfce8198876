# The two commands the README names, plus the developers' fast loop and the benchmarks.
#   make lab    install everything, open the course in JupyterLab
#   make test   install everything, run the whole test suite (as CI does)
#   make check  lint, types and unit tests: no browser, no notebooks, no wheel builds
#   make bench  run benchmarks/ and write benchmarks/results.md

VENV     ?= .venv
PYTHON   := $(VENV)/bin/python
UV       := $(VENV)/bin/uv
export UV_LINK_MODE := copy
# Stamp file: reinstall only when the lock, pyproject or casekit's JupyterLab defaults change.
STAMP    := $(VENV)/.casekit-installed
LAB_PORT ?= 8888

.PHONY: lab test check bench install system-deps clean

$(PYTHON):
	python3 -m venv $(VENV)

$(UV): | $(PYTHON)
	$(PYTHON) -m pip install -q --disable-pip-version-check uv

# --compile-bytecode: PYTHONDONTWRITEBYTECODE may be set, and then every process would
# recompile every module it imports. rfc3987-syntax (pulled in through jsonschema) builds a
# grammar at import time and adds ~2.4 s to every process that imports altair or nbformat;
# nothing here needs it, so it is removed. JupyterLab's settings come with casekit itself
# (share/jupyter/lab/settings/overrides.d/casekit.json, installed by the editable install
# as by the wheel, as a copy: a change to it reinstalls), so no step here writes any; so
# does casekit's Voila template (share/jupyter/voila/templates/casekit, etc/jupyter/voila.json).
LAB_DEFAULTS := share/jupyter/lab/settings/overrides.d/casekit.json
VOILA_TEMPLATE := $(wildcard share/jupyter/voila/templates/casekit/*) etc/jupyter/voila.json
$(STAMP): requirements.lock pyproject.toml $(LAB_DEFAULTS) $(VOILA_TEMPLATE) | $(UV)
	$(UV) pip install -q -p $(PYTHON) --compile-bytecode -r requirements.lock -e .
	$(UV) pip uninstall -q -p $(PYTHON) rfc3987-syntax || true
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium and fonts for the browser tests, and axe-core (npm) for their
# accessibility checks; node_modules/ is rebuilt only when package-lock.json changes.
system-deps: node_modules/.package-lock.json
	bash scripts/install-system-deps.sh

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The server's root is the project, so the lessons, exercises and docs are all in reach;
# the start page opens first.
lab: install
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(LAB_PORT) --ServerApp.root_dir=$(CURDIR) \
		notebooks/00_start_here.ipynb

# Everything: unit and data tests, ruff, ruff format and mypy (tests/test_lint.py), every
# notebook under nbval, the browser tests and the wheel builds.
test: install system-deps
	$(PYTHON) -m pytest

# The developers' loop: the same lint, type and unit tests, leaving out what needs a
# browser, executes notebooks or builds wheels (markers browser and slow).
check: install
	$(PYTHON) -m pytest tests casekit -m "not slow and not browser" --ignore=tests/browser

bench: install
	$(PYTHON) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .casekit
