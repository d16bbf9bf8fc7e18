#!/usr/bin/env bash
# Proves the packaged app works: builds the .deb and the tarball
# (scripts/package.sh), inspects both, installs the .deb into a scratch root
# with `dpkg -x` and runs the installed binary under Xvfb until it writes a
# screenshot, which must not be blank; then installs it with apt into a fresh
# Debian root (scripts/check-deb-fresh-root.sh). CI runs this after ci.sh.
# Usage: scripts/check-package.sh    (installs missing tools with apt-get and
#                                     cargo install, so run it as root the first time)
# Keeps the screenshots in <target dir>/artifacts/screenshots/ for a look.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=brook-slider-chart
# Every library a window dlopens must be named in Depends: the list in
# [package.metadata.deb] in Cargo.toml, which says how it was found.
REQUIRED_DEPENDS=(libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcursor1 libxi6
  libwayland-client0 libwayland-egl1 libegl1 libgl1 libfontconfig1)

die() { echo "check-package.sh: FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

# --- tools -------------------------------------------------------------------
need_apt=()
command -v xvfb-run >/dev/null || need_apt+=(xvfb)
command -v xauth >/dev/null || need_apt+=(xauth)
command -v desktop-file-validate >/dev/null || need_apt+=(desktop-file-utils)
command -v readelf >/dev/null || need_apt+=(binutils)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
# package.sh installs cargo-deb and dpkg-dev itself.

# --- build both artifacts ----------------------------------------------------
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step "scripts/package.sh"
scripts/package.sh | tee "$scratch/package.log"
deb=$(awk '$1 == "deb:" { print $2 }' "$scratch/package.log")
tarball=$(awk '$1 == "tarball:" { print $2 }' "$scratch/package.log")
[ -f "$deb" ] || die "package.sh produced no .deb"
[ -f "$tarball" ] || die "package.sh produced no tarball"

# --- inspect the .deb ----------------------------------------------------------
step "dpkg-deb --info $deb"
dpkg-deb --info "$deb"
step "dpkg-deb --contents $deb"
dpkg-deb --contents "$deb" | tee "$scratch/contents"
for path in "./usr/bin/$APP" "./usr/share/applications/$APP.desktop" \
  "./usr/share/icons/hicolor/256x256/apps/$APP.png"; do
  grep -q " $path\$" "$scratch/contents" || die "$deb lacks $path"
done
grep -q "^-rwxr-xr-x .* ./usr/bin/$APP\$" "$scratch/contents" || die "./usr/bin/$APP is not executable"

depends=$(dpkg-deb --field "$deb" Depends)
# One package name per line, without versions; alternatives (a | b) count too.
names=$(sed -e 's/([^)]*)//g' -e 's/[[:space:]]//g' -e '/^$/d' <<<"${depends//[,|]/$'\n'}")
for lib in "${REQUIRED_DEPENDS[@]}"; do
  grep -qx "$lib" <<<"$names" || die "Depends lacks $lib (it is dlopened at run time): $depends"
done
grep -qx 'libc6' <<<"$names" || die "Depends lacks libc6: \$auto found nothing ($depends)"
echo "Depends: ok (${#REQUIRED_DEPENDS[@]} runtime libraries named, \$auto found libc6)"

# --- inspect the tarball -------------------------------------------------------
step "tar -tzf $tarball"
tar -tzvf "$tarball" | tee "$scratch/tar-contents"
stem=$(basename "$tarball" .tar.gz)
for f in "$APP" "$APP.desktop" "$APP.png"; do
  grep -q " $stem/$f\$" "$scratch/tar-contents" || die "$tarball lacks $stem/$f"
done

# --- install into a scratch root ------------------------------------------------
step "dpkg -x $deb $scratch/root"
dpkg -x "$deb" "$scratch/root"
bin="$scratch/root/usr/bin/$APP"
desktop="$scratch/root/usr/share/applications/$APP.desktop"
icon="$scratch/root/usr/share/icons/hicolor/256x256/apps/$APP.png"
desktop-file-validate "$desktop" || die "$APP.desktop is not a valid desktop entry"
grep -qx "Exec=$APP\( .*\)\?" "$desktop" || die "$APP.desktop does not run $APP"
grep -qx "Icon=$APP" "$desktop" || die "$APP.desktop does not name the $APP icon"
python3 scripts/check-png.py "$icon" 256 256 || die "the icon is not a 256x256 picture"
if readelf -S "$bin" | grep -qE '\.(symtab|debug_info)'; then
  die "$bin is not stripped"
fi
echo "binary: $(du -h "$bin" | cut -f1), stripped"

# The runtime libraries must be installed for the window to open; installing
# exactly the Depends also proves every name exists in the archive.
if ! dpkg-query -W "${REQUIRED_DEPENDS[@]}" >/dev/null 2>&1; then
  step "apt-get install the Depends"
  apt-get update -qq
  mapfile -t runtime_pkgs < <(grep -v '^libc6$' <<<"$names")
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${runtime_pkgs[@]}"
fi

# --- run the installed binary under Xvfb ----------------------------------------
shots="$(dirname "$deb")/screenshots"
mkdir -p "$shots"
run_shot() { # name, binary, extra env...
  local name=$1 bin=$2; shift 2
  local png="$shots/$name.png"
  rm -f "$png"
  step "xvfb-run $APP --screenshot ($name)"
  # A scratch home keeps the run from reading or writing the caller's config and state.
  mkdir -p "$scratch/home" && install -d -m 700 "$scratch/runtime"
  if ! env HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/home/.config" \
    XDG_DATA_HOME="$scratch/home/.local/share" XDG_CACHE_HOME="$scratch/home/.cache" "$@" \
    timeout 120 xvfb-run -a -s "-screen 0 1280x1024x24" "$bin" --screenshot "$png"; then
    die "$APP exited with an error under Xvfb ($name)"
  fi
  [ -s "$png" ] || die "$APP wrote no screenshot at $png ($name)"
  python3 scripts/check-png.py "$png" 200 150 || die "the screenshot is blank ($name): $png"
}
run_shot default "$bin"
# Without Vulkan, wgpu falls back to OpenGL through EGL: prove that path too.
run_shot opengl "$bin" WGPU_BACKEND=gl
# The tarball's copy of the binary, unpacked as a user would.
tar -xzf "$tarball" -C "$scratch"
run_shot tarball "$scratch/$stem/$APP"

# The runs above use this machine's libraries; a fresh Debian root with only
# the package's Depends proves they are enough. (Not BROOK_*: brook reads
# every BROOK_ variable as config and refuses unknown ones.)
if [ "${SKIP_FRESH_ROOT:-0}" = 1 ]; then
  echo "(skipped the fresh-root install: SKIP_FRESH_ROOT=1)"
else
  step "scripts/check-deb-fresh-root.sh"
  scripts/check-deb-fresh-root.sh "$deb" "$shots/fresh-root.png"
fi

step "package check passed"
echo "deb:         $deb"
echo "tarball:     $tarball"
echo "screenshots: $shots/"
