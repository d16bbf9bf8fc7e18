#!/usr/bin/env bash
# Dev mode's edit → new page time (issue 16), end to end in a real window:
# starts `cargo run --example slider_chart -- --dev` under Xvfb, clicks
# "Random ops" so session state changes, saves a one-line edit of
# examples/slider_chart.rs, and times the save until the new build's first
# frame is on screen (the supervisor logs it, BROOK_DEV_LOG). Each run then
# checks that session state survived the restart (the sliders' values, and
# the chart's history grown by exactly the new page's first run), and the
# last screenshot shows the edited label. Then a broken edit must show its
# compiler error in the window, and the fix must clear it.
#
# Usage: scripts/dev-bench.sh [RUNS]      (default 7; prints the median)
# Needs Xvfb, xdotool and python3. The example file is restored at the end.
# Cargo commands of others on the same target directory hold its lock and
# slow the builds: give the benchmark its own CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-7}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
display="${BENCH_DISPLAY:-:93}"
work="$(mktemp -d)"
example=examples/slider_chart.rs
cp "$example" "$work/original.rs"
shots="${BENCH_SHOTS:-$work}"
mkdir -p "$shots"

cleanup() {
  [ -n "${app_pid:-}" ] && kill -- "-$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  cp "$work/original.rs" "$example"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"

cargo build --quiet --example slider_chart
log="$work/dev.log"
export XDG_DATA_HOME="$work/data"   # a session file of its own

now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }

# The number of "shown" lines in the log (the supervisor's windows so far).
shown() {
  if [ -f "$log" ]; then grep -c '^[0-9.]* shown ' "$log" || true; else echo 0; fi
}

wait_shown() { # wait_shown N: until N windows have been shown
  for _ in $(seq 1 1200); do
    [ "$(shown)" -ge "$1" ] && return 0
    sleep 0.05
  done
  echo "no window #$1 after 60 s; log:" >&2; cat "$log" >&2; exit 1
}

# The saved state: op1 op2 and the history's length.
read_state() {
  python3 - "$XDG_DATA_HOME" <<'PY'
import pathlib, re, sys
text = next(pathlib.Path(sys.argv[1]).rglob("session_state.ron")).read_text()
def value(key):
    m = re.search(r'"%s":\s*"((?:[^"\\]|\\.)*)"' % key, text)
    return m.group(1) if m else "?"
history = value("operand_slider_history")
print(value("op1"), value("op2"), len([x for x in history.strip("[]").split(",") if x.strip()]))
PY
}

# Waits until the state file changes from $1 (a save is debounced).
wait_state_change() {
  for _ in $(seq 1 200); do
    s="$(read_state 2>/dev/null || true)"
    [ -n "$s" ] && [ "$s" != "$1" ] && { echo "$s"; return 0; }
    sleep 0.05
  done
  read_state
}

setsid env BROOK_DEV_LOG="$log" cargo run --quiet --example slider_chart -- --dev \
  >"$work/app.out" 2>&1 &
app_pid=$!
wait_shown 1
win="$(xdotool search --sync --name 'Slider chart' | head -1)"

times=()
for i in $(seq 1 "$runs"); do
  before="$(read_state 2>/dev/null || echo none)"
  xdotool windowfocus --sync "$win" mousemove --window "$win" 40 43 click 1
  before="$(wait_state_change "$before")"
  sleep 0.5 # let the window settle; the clock starts at the save below
  n="$(shown)"
  label="Random ops $i"
  t0="$(now)"
  sed -i "s/Button::new(\"Random ops[^\"]*\")/Button::new(\"$label\")/" "$example"
  wait_shown $((n + 1))
  t1="$(grep '^[0-9.]* shown ' "$log" | tail -1 | cut -d' ' -f1)"
  after="$(wait_state_change "$before")"
  read -r op1 op2 len <<<"$before"
  read -r op1b op2b lenb <<<"$after"
  ok=yes
  if [ "$op1 $op2" != "$op1b $op2b" ] || [ "$lenb" -ne $((len + 1)) ]; then ok=NO; fi
  dt="$(python3 -c "print(f'{$t1 - $t0:.2f}')")"
  times+=("$dt")
  # Where the time went: the last build's start and end, the new window's start.
  parts="$(python3 - "$log" "$t0" <<'PY'
import sys
t0 = float(sys.argv[2])
events = [l.split(" ", 1) for l in open(sys.argv[1]) if float(l.split(" ", 1)[0]) >= t0]
last = lambda word: max(float(t) for t, what in events if what.startswith(word))
build, built, spawn, shown = last("build\n"), last("built "), last("spawn "), last("shown ")
print(f"debounce {build - t0:.2f} s, cargo {built - build:.2f} s, new window {shown - spawn:.2f} s")
PY
)"
  echo "run $i: save → new page on screen ${dt} s ($parts); state before ($before) after ($after) intact: $ok"
  [ "$ok" = yes ] || exit 1
  win="$(xdotool search --sync --name 'Slider chart' | head -1)"
done
import -window root "$shots/dev-edited.png" 2>/dev/null || true

# A broken edit: the compiler's error in the window; the fix clears it.
n="$(shown)"
sed -i 's/^    st.line_chart(&history);/    let broken: u32 = "not a number";\n    st.line_chart(\&history);/' "$example"
for _ in $(seq 1 1200); do grep -q 'errors=1' "$log" && break; sleep 0.05; done
grep -q 'errors=1' "$log" || { echo "no compiler error reported" >&2; exit 1; }
sleep 0.5
import -window root "$shots/dev-error.png" 2>/dev/null || true
cp "$work/original.rs" "$example"
wait_shown $((n + 1))
sleep 0.5
import -window root "$shots/dev-fixed.png" 2>/dev/null || true
echo "broken edit: error shown; fix: new page shown (screenshots in $shots)"

python3 - "${times[@]}" <<'PY'
import statistics, sys
t = sorted(float(x) for x in sys.argv[1:])
print(f"median {statistics.median(t):.2f} s over {len(t)} runs (min {t[0]:.2f}, max {t[-1]:.2f})")
PY
