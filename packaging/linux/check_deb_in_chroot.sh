#!/bin/sh
# Install the .deb into a clean minimal Debian and run it there (issue 11). As root, with network:
#
#     packaging/linux/check_deb_in_chroot.sh [dist/fangzhi-desktop_<version>_<arch>.deb]
#
# 1. debootstrap --variant=minbase (cached in $FANGZHI_CHROOT.clean, copied fresh for every run);
# 2. apt-get install --no-install-recommends ./the.deb: apt resolves Depends alone from the
#    Debian archive, so a missing dependency shows up here and not on a user's PC;
# 3. ldd over every library in /opt/fangzhi-desktop (only the optional Wayland and GTK-theme
#    plugins may miss libraries), a Chinese font installed;
# 4. as an ordinary user with an empty environment: --version, demo (into the user's data
#    folder), dashboard and 关于 screenshots offscreen (timed, checked with check_png.py) and,
#    when the host has Xvfb, one screenshot through the real xcb platform plugin;
# 5. apt-get purge: the program is gone, the user's database stays.
# Screenshots and the resolved dependency list go to build/deb-chroot/ — look at the PNGs.
# Not run by `make test`. FANGZHI_CHROOT (default /tmp/fangzhi-deb-root), FANGZHI_SUITE
# (bookworm) and FANGZHI_MIRROR (http://deb.debian.org/debian) override the defaults.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
DEB="${1:-$ROOT/dist/fangzhi-desktop_${VERSION}_$(dpkg --print-architecture).deb}"
CHROOT="${FANGZHI_CHROOT:-/tmp/fangzhi-deb-root}"
SUITE="${FANGZHI_SUITE:-bookworm}"
MIRROR="${FANGZHI_MIRROR:-http://deb.debian.org/debian}"
OUT="$ROOT/build/deb-chroot"

[ "$(id -u)" = 0 ] || { echo "需要 root 权限（debootstrap、chroot）。" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "需要 debootstrap：apt-get install debootstrap" >&2; exit 1; }
[ -f "$DEB" ] || { echo "没有找到 $DEB，请先运行 make dist && make deb。" >&2; exit 1; }

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
in_root() { chroot "$CHROOT" env DEBIAN_FRONTEND=noninteractive "$@"; }
# The user: uid 1000, HOME of its own, nothing else in the environment (like a fresh login).
as_user() {
    chroot --userspec=1000:1000 "$CHROOT" env -i HOME=/home/clerk PATH=/usr/bin:/bin \
        LANG=C.UTF-8 "$@"
}

if [ ! -d "$CHROOT.clean" ]; then
    echo "== debootstrap $SUITE → $CHROOT.clean"
    debootstrap --variant=minbase "$SUITE" "$CHROOT.clean" "$MIRROR" >/dev/null
fi
rm -rf "$CHROOT" "$OUT"
cp -a "$CHROOT.clean" "$CHROOT"
mkdir -p "$OUT" "$CHROOT/home/clerk" "$CHROOT/tmp/out"
chown 1000:1000 "$CHROOT/home/clerk" "$CHROOT/tmp/out"
XVFB_PID=""
cleanup() {
    [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true
    mountpoint -q "$CHROOT/tmp/.X11-unix" && umount "$CHROOT/tmp/.X11-unix"
    mountpoint -q "$CHROOT/dev/pts" && umount "$CHROOT/dev/pts"
    mountpoint -q "$CHROOT/proc" && umount "$CHROOT/proc"
    return 0
}
trap cleanup EXIT INT TERM
mount -t proc proc "$CHROOT/proc"
mount -t devpts devpts "$CHROOT/dev/pts"

echo "== apt-get install --no-install-recommends $(basename "$DEB")"
cp "$DEB" "$CHROOT/tmp/fangzhi.deb"
in_root apt-get update -qq
in_root dpkg-query -W -f='${Package}\n' | sort > "$OUT/before.txt"
in_root apt-get install -y --no-install-recommends /tmp/fangzhi.deb > "$OUT/apt-install.log"
grep -E '^(Need to get|After this operation)' "$OUT/apt-install.log" || true
in_root dpkg-query -W -f='${Package}\n' | sort | comm -13 "$OUT/before.txt" - > "$OUT/installed.txt"
echo "apt installed $(wc -l < "$OUT/installed.txt") packages (list: $OUT/installed.txt)"
in_root dpkg-query -W -f='${Depends}\n' fangzhi-desktop > "$OUT/depends.txt"

echo "== libraries of the bundle"
cat > "$CHROOT/tmp/missing-libraries.sh" <<'LDD'
dirs=$(find /opt/fangzhi-desktop -name '*.so*' -type f -printf '%h\n' | sort -u | tr '\n' ':')
find /opt/fangzhi-desktop -type f -name '*.so*' | while read -r f; do
    LD_LIBRARY_PATH="$dirs" ldd "$f" 2>/dev/null | awk -v f="$f" '/not found/ { print f ": " $1 }'
done | sort -u
LDD
in_root sh /tmp/missing-libraries.sh > "$OUT/missing-libraries.txt"
# Optional plugins: Wayland (Recommends; Qt falls back to xcb) and the GTK 3 theme.
if grep -v -e wayland -e /platformthemes/libqgtk3.so "$OUT/missing-libraries.txt"; then
    echo "以上系统库在干净系统中缺失，请补进 build_deb.sh 的 Depends。" >&2
    exit 1
fi
echo "only optional plugins miss libraries: $(cut -d: -f2 "$OUT/missing-libraries.txt" | sort -u | tr -d ' ' | tr '\n' ' ')"
FONT=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' fonts-noto-cjk fonts-wqy-microhei \
       fonts-wqy-zenhei fonts-arphic-uming fonts-droid-fallback 2>/dev/null | sed -n 's/^ii *//p')
[ -n "$FONT" ] || { echo "没有装上中文字体：界面会显示成方框。" >&2; exit 1; }
echo "Chinese font: $FONT"

echo "== run as a user"
start=$(date +%s%N)
as_user fangzhi --version | tee "$OUT/version.txt"
echo "--version: $(ms_since "$start") ms"
grep -q "$VERSION" "$OUT/version.txt"
start=$(date +%s%N)
as_user fangzhi demo
echo "demo (into the user's data folder): $(ms_since "$start") ms"
for run in 1 2; do
    start=$(date +%s%N)
    as_user QT_QPA_PLATFORM=offscreen fangzhi screenshot --tab dashboard --out /tmp/out/dashboard.png
    echo "start, open the database, draw the dashboard, save (run $run): $(ms_since "$start") ms"
done
as_user QT_QPA_PLATFORM=offscreen fangzhi screenshot --dialog about --out /tmp/out/about.png
if command -v Xvfb >/dev/null; then
    Xvfb :93 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    sleep 2
    mkdir -p "$CHROOT/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$CHROOT/tmp/.X11-unix"
    start=$(date +%s%N)
    as_user DISPLAY=:93 fangzhi screenshot --tab campaigns --out /tmp/out/campaigns-xcb.png
    echo "xcb platform (Xvfb), campaigns tab: $(ms_since "$start") ms"
else
    echo "no Xvfb on the host: xcb platform not tried"
fi
cp "$CHROOT"/tmp/out/*.png "$OUT/"
python3 "$ROOT/packaging/check_png.py" "$OUT/dashboard.png" 1280x800
python3 "$ROOT/packaging/check_png.py" "$OUT/about.png"
[ ! -f "$OUT/campaigns-xcb.png" ] || python3 "$ROOT/packaging/check_png.py" "$OUT/campaigns-xcb.png"

echo "== apt-get purge fangzhi-desktop"
DB=/home/clerk/.local/share/fangzhi-desktop/fangzhi.db
test -s "$CHROOT$DB"
in_root apt-get purge -y -qq fangzhi-desktop >/dev/null
for gone in /opt/fangzhi-desktop /usr/bin/fangzhi /usr/share/applications/fangzhi-desktop.desktop; do
    if [ -e "$CHROOT$gone" ] || [ -L "$CHROOT$gone" ]; then echo "卸载后仍有 $gone" >&2; exit 1; fi
done
test -s "$CHROOT$DB" || { echo "卸载删掉了用户数据 $DB" >&2; exit 1; }
echo "program removed, the user's database kept: $DB ($(du -h "$CHROOT$DB" | cut -f1))"
echo "check_deb_in_chroot: OK — $(basename "$DEB") in a clean $SUITE; screenshots in $OUT"
