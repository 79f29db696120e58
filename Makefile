# 方志办公桌面 — `make run` opens the app on a demo database; `make test` runs every test.
# Both set themselves up: a virtual environment in .venv/ with the project installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB := .demo/fangzhi-demo.db

.PHONY: run test lint bench demo clean screenshots manual-images manual dist dist-check deb

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

# Every tab and dialog of the user manual, drawn from the demo database.
MANUAL_IMAGES := docs/images/manual
MANUAL_TABS := dashboard workpoints campaigns yearbook learning
MANUAL_DIALOGS := first-run profile import-workpoints roster-import backup about units calendar fonts learning-rules
manual-images: $(STAMP) $(DEMO_DB)
	mkdir -p $(MANUAL_IMAGES)
	for tab in $(MANUAL_TABS); do \
		QT_QPA_PLATFORM=offscreen $(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab $$tab --out $(MANUAL_IMAGES)/tab-$$tab.png || exit 1; \
	done
	for dialog in $(MANUAL_DIALOGS); do \
		QT_QPA_PLATFORM=offscreen $(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --dialog $$dialog --out $(MANUAL_IMAGES)/dialog-$$dialog.png || exit 1; \
	done

# The manual as Word (python-docx only; LibreOffice is not needed), shipped in the dist folder.
MANUAL_DOCX := build/manual/方志办公桌面使用手册.docx
manual: $(STAMP)
	$(PY) packaging/manual_docx.py docs/manual.md $(MANUAL_DOCX)

dist: $(STAMP) manual
	$(PY) -m pip install --quiet --disable-pip-version-check 'pyinstaller>=6.0'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec
	cp $(MANUAL_DOCX) dist/fangzhi-desktop/

# Smoke test of the frozen build: a demo database, an official document, a screenshot.
dist-check:
	rm -rf build/dist-check && mkdir -p build/dist-check
	dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db demo
	dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db export workpoints-report --out build/dist-check/report.docx --year 2023
	QT_QPA_PLATFORM=offscreen dist/fangzhi-desktop/fangzhi-cli --db build/dist-check/demo.db screenshot --tab dashboard --out build/dist-check/dashboard.png
	@test -s build/dist-check/report.docx && test -s build/dist-check/dashboard.png && echo "dist-check: OK"

clean:
	rm -rf $(VENV) .demo build dist .pytest_cache
