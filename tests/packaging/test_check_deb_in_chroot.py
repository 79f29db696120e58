"""packaging/linux/check_deb_in_chroot.sh: valid shell; refuses before touching anything.

The check itself needs root, debootstrap and network (docs/building.md); it is never run here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "packaging" / "linux" / "check_deb_in_chroot.sh"


def test_is_an_executable_shell_script() -> None:
    assert os.access(SCRIPT, os.X_OK)
    subprocess.run(["sh", "-n", str(SCRIPT)], check=True)


def test_refuses_a_missing_package_without_building_a_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    env = {**os.environ, "FANGZHI_CHROOT": str(root)}
    done = subprocess.run(["sh", str(SCRIPT), str(tmp_path / "missing.deb")], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert any(reason in done.stderr for reason in ("需要 root 权限", "需要 debootstrap",
                                                    "请先运行 make dist && make deb"))
    assert not root.exists() and not Path(f"{root}.clean").exists()
