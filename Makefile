PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: report test clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet ".[dev,dask]"
	touch $(DEV_STAMP)

report: $(STAMP)
	$(PY) -m pip install --quiet --no-deps .
	$(VENV)/bin/kefu report corpus/

test: $(DEV_STAMP)
	$(PY) -m pip install --quiet --no-deps .
	$(PY) -m pytest -q

clean-venv:
	rm -rf $(VENV)
