#!/usr/bin/env bash
# Mirrors CI locally: formatting, lints, docs, tests (with doc-tests).
# Usage: scripts/ci.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

echo "== cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

echo "== cargo test --workspace"
cargo test --workspace

# polars is heavy: build it once, for the test that shows a DataFrame.
echo "== cargo test --features polars --test data"
cargo test --features polars --test data
