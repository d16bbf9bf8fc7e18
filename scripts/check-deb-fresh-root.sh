#!/usr/bin/env bash
# Proves the .deb's Depends are enough: builds a minimal Debian root (mmdebstrap,
# variant apt: no X, no GL, no fonts), installs the .deb there with apt and no
# Recommends (so no Vulkan: wgpu must fall back to EGL and Mesa's llvmpipe), and
# runs the app against an Xvfb server outside the root. Fails unless it writes a
# non-blank screenshot. Needs root and Debian's package archive (about 70 s).
# Usage: scripts/check-deb-fresh-root.sh PATH.deb [SCREENSHOT.png]
# check-package.sh runs it; SKIP_FRESH_ROOT=1 skips it there.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "check-deb-fresh-root.sh: FAIL: $*" >&2; exit 1; }
if [ $# -lt 1 ] || [ ! -f "$1" ]; then die "usage: $0 PATH.deb [SCREENSHOT.png]"; fi
deb=$(realpath "$1")
shot=$(realpath -m "${2:-$(dirname "$deb")/screenshots/fresh-root.png}")
app=$(dpkg-deb --field "$deb" Package)
[ "$(id -u)" = 0 ] || die "needs root (mmdebstrap, chroot, mount)"

need_apt=()
command -v mmdebstrap >/dev/null || need_apt+=(mmdebstrap)
command -v Xvfb >/dev/null || need_apt+=(xvfb)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
# shellcheck source=/dev/null
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# An X server outside the root; the root sees its socket through a bind mount.
# -ac: the client in the root has no auth cookie; the server lives for this script only.
exec 3<> "$work/display"
Xvfb -displayfd 3 -ac -nolisten tcp -screen 0 1280x1024x24 >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
display=$(head -n 1 "$work/display")
[ -n "$display" ] || die "Xvfb did not start: $(cat "$work/xvfb.log")"

cp "$deb" "$work/app.deb"
mkdir -p "$(dirname "$shot")"
rm -f "$shot"
echo "== mmdebstrap $suite (variant apt) + $(basename "$deb"), app on :$display"
# The hooks run in order, with /proc, /sys and /dev mounted in the root, in a
# shell where $1 is the root (hence the single quotes).
# shellcheck disable=SC2016
nice -n 10 mmdebstrap --variant=apt --skip=cleanup/tmp \
  --customize-hook="copy-in $work/app.deb /tmp" \
  --customize-hook='chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/app.deb' \
  --customize-hook='mkdir -p "$1/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$1/tmp/.X11-unix"' \
  --customize-hook="chroot \"\$1\" env DISPLAY=:$display HOME=/tmp XDG_RUNTIME_DIR=/tmp timeout 120 $app --screenshot /tmp/shot.png; rc=\$?; umount \"\$1/tmp/.X11-unix\"; exit \$rc" \
  --customize-hook="copy-out /tmp/shot.png $work" \
  "$suite" "$work/root.tar" </dev/null >"$work/mmdebstrap.log" 2>&1 \
  || { tail -n 30 "$work/mmdebstrap.log" >&2; die "installing or running $app in a fresh $suite root failed"; }
cp "$work/shot.png" "$shot"
python3 scripts/check-png.py "$shot" 200 150 || die "the screenshot from the fresh root is blank: $shot"
echo "fresh root: $app installed with its Depends only and drew its window ($shot)"
