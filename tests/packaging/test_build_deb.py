"""packaging/linux/build_deb.sh around a stand-in build: layout, desktop entry, control file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "packaging" / "linux" / "build_deb.sh"

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None
                                 or shutil.which("dpkg") is None, reason="needs dpkg-deb")


def test_builds_a_deb_with_launcher_icons_and_dependencies(tmp_path: Path) -> None:
    dist = tmp_path / "fangzhi-desktop"
    (dist / "_internal").mkdir(parents=True)
    (dist / "fangzhi").write_text("#!/bin/sh\necho 方志办公桌面\n", "utf-8")
    (dist / "fangzhi").chmod(0o755)
    env = {**os.environ, "FANGZHI_DIST": str(dist), "FANGZHI_DEB_STAGE": str(tmp_path / "stage"),
           "FANGZHI_DEB_OUT": str(tmp_path)}
    done = subprocess.run(["sh", str(SCRIPT)], env=env, capture_output=True, text=True,
                          check=True)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    deb = tmp_path / f"fangzhi-desktop_0.1.0_{arch}.deb"
    assert str(deb) in done.stdout
    files = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                           check=True).stdout
    for path in ("./opt/fangzhi-desktop/fangzhi", "./usr/bin/fangzhi -> /opt/fangzhi-desktop/fangzhi",
                 "./usr/share/applications/fangzhi-desktop.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/fangzhi-desktop.png",
                 "./usr/share/icons/hicolor/scalable/apps/fangzhi-desktop.svg"):
        assert path in files
    assert "-rwxr-xr-x root/root" in next(line for line in files.splitlines()
                                          if line.endswith("/opt/fangzhi-desktop/fangzhi"))
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert f"Architecture: {arch}" in control
    assert "libxcb-cursor0" in control and "libc6 (>= " in control
    depends = next(line for line in control.splitlines() if line.startswith("Depends: "))
    assert "fonts-noto-cjk | fonts-wqy-microhei" in depends  # a minimal system has no Chinese font
    entry = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True,
                           check=True).stdout
    assert "Name=方志办公桌面".encode() in entry
    assert b"Exec=/opt/fangzhi-desktop/fangzhi" in entry


def test_refuses_without_a_build(tmp_path: Path) -> None:
    env = {**os.environ, "FANGZHI_DIST": str(tmp_path / "missing")}
    done = subprocess.run(["sh", str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "请先运行 make dist" in done.stderr
