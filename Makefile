# 方志办公桌面 — `make run` opens the app on a demo database; `make test` runs every test.
# Both set themselves up: a virtual environment in .venv/ with the project installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB := .demo/fangzhi-demo.db

.PHONY: run test lint bench demo clean screenshots dist dist-check

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
	$(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab dashboard --out docs/images/dashboard-100.png
	QT_SCALE_FACTOR=1.5 $(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab dashboard --out docs/images/dashboard-150.png

dist: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check 'pyinstaller>=6.0'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# Smoke test of the frozen build: a demo database, an official document, a screenshot.
dist-check:
	rm -rf build/dist-check && mkdir -p build/dist-check
	dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db demo
	dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db export workpoints-report --out build/dist-check/report.docx --year 2023
	QT_QPA_PLATFORM=offscreen dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db screenshot --tab dashboard --out build/dist-check/dashboard.png
	@test -s build/dist-check/report.docx && test -s build/dist-check/dashboard.png && echo "dist-check: OK"

clean:
	rm -rf $(VENV) .demo build dist .pytest_cache
