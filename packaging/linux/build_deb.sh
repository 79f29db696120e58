#!/bin/sh
# Wrap the PyInstaller build (dist/fangzhi-desktop/, from `make dist`) into a .deb for Debian,
# 统信 UOS and 银河麒麟: /opt/fangzhi-desktop, /usr/bin/fangzhi, a desktop entry and hicolor icons.
# The architecture is this machine's (amd64 or arm64): build the ARM64 package on an ARM64
# machine (see docs/building.md). Output: dist/fangzhi-desktop_<version>_<arch>.deb
# FANGZHI_DIST, FANGZHI_DEB_STAGE and FANGZHI_DEB_OUT override the folders (tests).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST="${FANGZHI_DIST:-$ROOT/dist/fangzhi-desktop}"
if [ ! -x "$DIST/fangzhi" ]; then
    echo "没有找到打包结果 $DIST，请先运行 make dist。" >&2
    exit 1
fi
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
# The frozen Python and Qt need at least the C library they were built against.
GLIBC=$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')
NAME="fangzhi-desktop_${VERSION}_${ARCH}"
STAGE="${FANGZHI_DEB_STAGE:-$ROOT/build/deb}/$NAME"

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/fangzhi-desktop"
cp -a "$DIST" "$STAGE/opt/fangzhi-desktop"
ln -s /opt/fangzhi-desktop/fangzhi "$STAGE/usr/bin/fangzhi"

ICONS="$ROOT/resources/icons"
for size in 16 32 48 64 128 256; do
    mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$ICONS/fangzhi-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fangzhi-desktop.png"
done
cp "$ICONS/fangzhi.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/fangzhi-desktop.svg"

# The file name matches QGuiApplication.desktopFileName ("fangzhi-desktop"): the window's
# icon and taskbar entry are grouped with this launcher.
cat > "$STAGE/usr/share/applications/fangzhi-desktop.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=方志办公桌面
Name[zh_CN]=方志办公桌面
GenericName=地方志办公
Comment=年度工作要点督办、专项活动、年鉴编纂、干部学习
Exec=/opt/fangzhi-desktop/fangzhi
Icon=fangzhi-desktop
Terminal=false
Categories=Office;
StartupWMClass=fangzhi
DESKTOP

cat > "$STAGE/usr/share/doc/fangzhi-desktop/copyright" <<COPYRIGHT
方志办公桌面 $VERSION
Bundled: Python, Qt for Python (PySide6, LGPLv3), python-docx, openpyxl, python-calamine,
sqlite-utils, platformdirs, cryptography; their licences are in /opt/fangzhi-desktop/_internal.
COPYRIGHT

# System libraries of the bundled Qt. PyInstaller leaves libxcb, GL/EGL and libdrm to the system
# (readelf over the build, see docs/building.md) and bundles the xcb helpers (libxcb-cursor0 …),
# fontconfig, D-Bus and GLib only when the build machine has them: depend on all of them.
# A Chinese font is a hard dependency: every label is Chinese and Qt bundles no font, so on a
# system without one (minimal Debian: only DejaVu) the window is all boxes. Noto CJK is the
# font of Debian's Chinese desktop task, 统信 UOS and 银河麒麟; the others are smaller fallbacks
# any one of which is enough. Wayland is optional (Qt falls back to xcb).
DEPENDS="libc6 (>= $GLIBC), libxcb1, libx11-xcb1, libxcb-cursor0, libxkbcommon-x11-0,
 libxkbcommon0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,
 libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libegl1, libgl1, libdrm2, libfontconfig1,
 libfreetype6, libdbus-1-3, libglib2.0-0 | libglib2.0-0t64,
 fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-uming | fonts-droid-fallback"
RECOMMENDS="libwayland-client0, libwayland-cursor0, libwayland-egl1"
SIZE=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: fangzhi-desktop
Version: $VERSION
Architecture: $ARCH
Maintainer: 方志办公桌面维护组 <fangzhi-desktop@localhost>
Installed-Size: $SIZE
Section: misc
Priority: optional
Depends: $(echo "$DEPENDS" | tr -d '\n')
Recommends: $(echo "$RECOMMENDS" | tr -d '\n')
Description: 方志办公桌面 — desktop office suite for county local-gazetteer offices
 年度工作要点督办、专项活动、年鉴编纂、干部学习，数据保存在本机，不需要联网。
 Everything runs offline from one local SQLite file; data stays in the user's folder
 and is kept when the package is removed.
CONTROL

cat > "$STAGE/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
SCRIPT
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
find "$STAGE" -type d -exec chmod 0755 {} +

OUT="${FANGZHI_DEB_OUT:-$ROOT/dist}/$NAME.deb"
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "$OUT" >/dev/null
echo "已生成：$OUT（$(du -h "$OUT" | cut -f1)）"
