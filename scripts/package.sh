#!/usr/bin/env bash
# Packages the slider_chart example as a desktop app: a .deb and a .tar.gz.
# Usage: scripts/package.sh          (from anywhere)
# Builds the release binary once, then packs it twice; prints the artifact paths.
# Artifacts land in <cargo target dir>/artifacts/ and are overwritten on rerun.
# Installs what it needs when missing: cargo-deb (cargo install, pinned) and
# dpkg-dev (apt-get, as root; dpkg-shlibdeps computes the $auto Depends).
set -euo pipefail
cd "$(dirname "$0")/.."

EXAMPLE=slider_chart
APP=brook-slider-chart # the installed name: binary, .desktop file and icon
CARGO_DEB_VERSION=3.8.0 # pinned so a cargo-deb release cannot change the package under us

die() { echo "package.sh: $*" >&2; exit 1; }
if ! cargo deb --version 2>/dev/null | grep -qF "$CARGO_DEB_VERSION"; then
  echo "== cargo install cargo-deb $CARGO_DEB_VERSION"
  cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION"
fi
if ! command -v dpkg-shlibdeps >/dev/null; then
  [ "$(id -u)" = 0 ] || die "dpkg-shlibdeps is missing: sudo apt-get install dpkg-dev"
  echo "== apt-get install dpkg-dev"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev
fi

# Where cargo puts things (honours CARGO_TARGET_DIR and .cargo/config.toml).
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
version=$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "brook"))')
out="$target_dir/artifacts"
mkdir -p "$out"

echo "== cargo build --release --example $EXAMPLE"
cargo build --release --locked --example "$EXAMPLE"
binary="$target_dir/release/examples/$EXAMPLE"
[ -x "$binary" ] || die "no binary at $binary after the build"

echo "== cargo deb --no-build (metadata: [package.metadata.deb] in Cargo.toml)"
deb=$(cargo deb --no-build --locked --no-dbgsym --output "$out" | tail -n 1)
[ -f "$deb" ] || die "cargo deb did not report a .deb (got: $deb)"

echo "== tar.gz"
arch=$(uname -m)
stem="$APP-$version-$arch-linux"
stage="$out/$stem"
rm -rf "$stage"
mkdir -p "$stage"
install -m 755 "$binary" "$stage/$APP"
install -m 644 "assets/$APP.desktop" "assets/$APP.png" "$stage/"
tarball="$out/$stem.tar.gz"
# Reproducible: fixed order, owner and mtime (the last commit's, else now).
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
  -C "$out" -czf "$tarball" "$stem"
rm -rf "$stage"

echo
echo "binary:  $binary ($(du -h "$binary" | cut -f1))"
echo "deb:     $deb ($(du -h "$deb" | cut -f1))"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
