# 方志办公桌面 — `make run` opens the app on a demo database; `make test` runs every test.
# Both set themselves up: a virtual environment in .venv/ with the project installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB := .demo/fangzhi-demo.db

.PHONY: run test lint bench demo clean screenshots manual-images manual dist dist-check deb deb-check

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
	for tab in dashboard workpoints campaigns yearbook learning; do \
		QT_SCALE_FACTOR=1.5 $(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab $$tab --out docs/images/tab-$$tab-150.png || exit 1; \
	done
	$(PY) -m fangzhi_desktop --db $(DEMO_DB) screenshot --tab dashboard --large-font --out docs/images/dashboard-large-font.png

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

# Smoke test of the frozen build: the version, a demo database, an official document, a window
# and a dialog screenshot checked as real PNGs (size, not blank), the manual beside the app.
DIST := dist/fangzhi-desktop
CHECK := build/dist-check
dist-check:
	rm -rf $(CHECK) && mkdir -p $(CHECK)
	$(DIST)/fangzhi-cli --version | tee $(CHECK)/version.txt
	grep -q "$$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)" $(CHECK)/version.txt
	$(DIST)/fangzhi-cli --db $(CHECK)/demo.db demo
	$(DIST)/fangzhi-cli --db $(CHECK)/demo.db export workpoints-report --out $(CHECK)/report.docx --year 2023
	@start=$$(date +%s%N); \
	QT_QPA_PLATFORM=offscreen $(DIST)/fangzhi-cli --db $(CHECK)/demo.db screenshot --tab dashboard --out $(CHECK)/dashboard.png || exit 1; \
	echo "dist-check: start, open the demo database, draw the window and save: $$(( ($$(date +%s%N) - start) / 1000000 )) ms"
	QT_QPA_PLATFORM=offscreen $(DIST)/fangzhi-cli --db $(CHECK)/demo.db screenshot --dialog about --out $(CHECK)/about.png
	python3 packaging/check_png.py $(CHECK)/dashboard.png 1280x800
	python3 packaging/check_png.py $(CHECK)/about.png
	test -s $(CHECK)/report.docx && test -s "$(DIST)/方志办公桌面使用手册.docx"
	@echo "dist-check: OK — $$(du -sh $(DIST) | cut -f1) in $(DIST)"

# Debian/UOS/Kylin package of the frozen build (architecture of this machine).
deb:
	packaging/linux/build_deb.sh

# Install the .deb into a clean minimal Debian (debootstrap chroot) and run it there; needs root
# and network, not part of `make test` (docs/building.md).
deb-check:
	packaging/linux/check_deb_in_chroot.sh

clean:
	rm -rf $(VENV) .demo build dist .pytest_cache
