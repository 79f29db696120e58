# 方志办公桌面 — `make run` opens the app on a demo database; `make test` runs every test.
# Both set themselves up: a virtual environment in .venv/ with the project installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB := .demo/fangzhi-demo.db

.PHONY: run test lint bench demo clean screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更新版本（当前 %s）" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

$(DEMO_DB): $(STAMP)
	$(PY) -m fangzhi_desktop --db $(DEMO_DB) demo --force

run: $(STAMP) $(DEMO_DB)
	$(PY) -m fangzhi_desktop --db $(DEMO_DB)

demo: $(STAMP)
	$(PY) -m fangzhi_desktop --db $(DEMO_DB) demo --force

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check fangzhi_desktop tests bench

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

screenshots: $(STAMP) $(DEMO_DB)
	for tab in dashboard workpoints campaigns yearbook learning; do \
		$(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab $$tab --out docs/images/$$tab-tab.png || exit 1; \
	done

clean:
	rm -rf $(VENV) .demo build dist .pytest_cache
