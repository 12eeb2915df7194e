#!/usr/bin/env bash
# Whole-program figures for the README's Performance section, each next to a
# baseline measured in the same run (ripgrep scanning the same folder).
#
#   scripts/bench.sh [MEETINGS]      (default 10000)
#
# Generates a deterministic corpus with the generator example, then times the
# release binary with hyperfine. Installs hyperfine and ripgrep from Debian when
# missing. Nothing here is a test: it prints figures, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

meetings=${1:-10000}
dir=${BENCH_DIR:-target/bench-corpus-$meetings}
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export REFERAT_CACHE_DIR=$cache

need() {
    command -v "$1" >/dev/null 2>&1 && return
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need rg ripgrep

cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
target_dir=${CARGO_TARGET_DIR:-target}
bin=$target_dir/release/referat
if [ ! -d "$dir" ]; then
    "$target_dir"/release/examples/gen_corpus --meetings "$meetings" --out "$dir" --seed 1 >/dev/null
fi
size_mb=$(du -sm "$dir" | cut -f1)
files=$(find "$dir" -type f | wc -l)
case_number=$("$bin" export "$dir" | python3 -c '
import json, sys, collections
c = collections.Counter(n for m in json.load(sys.stdin)["meetings"] for i in m["items"] for n in i["case_numbers"])
print(c.most_common(1)[0][0])')

echo "corpus: $files files, $size_mb MB, in $dir"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo

json=$(mktemp)
run() { # name, command...
    local name=$1; shift
    hyperfine --warmup 1 --runs 5 --style none --export-json "$json" "$@" >/dev/null 2>&1
    python3 - "$json" "$name" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(sys.argv[2] + "\t" + "\t".join(f"{x['median']:.3f}" for x in r))
EOF
}

cold=$(run cold "$bin export --no-cache $dir >/dev/null" "rg -c Beslutning $dir >/dev/null")
"$bin" export "$dir" >/dev/null # fill the cache
warm=$(run warm "$bin export $dir >/dev/null" "$bin export --no-cache $dir >/dev/null")
casew=$(run case "$bin case $case_number $dir >/dev/null" "rg -F $case_number $dir >/dev/null")
search=$(run search "$bin search hjemmearbejde $dir >/dev/null" "rg -i -c hjemmearbejde $dir >/dev/null")
check_cold=$(run load "$bin --no-cache check $dir >/dev/null" "$bin check $dir >/dev/null")

peak_cold=$( { /usr/bin/time -f %M "$bin" --no-cache check "$dir" >/dev/null; } 2>&1 | tail -1)
peak_warm=$( { /usr/bin/time -f %M "$bin" check "$dir" >/dev/null; } 2>&1 | tail -1)

python3 - "$size_mb" "$cold" "$warm" "$casew" "$search" "$check_cold" "$peak_cold" "$peak_warm" <<'EOF'
import sys
size = float(sys.argv[1])
rows = [a.split("\t") for a in sys.argv[2:7]]
peak_cold, peak_warm = int(sys.argv[7]) / 1024, int(sys.argv[8]) / 1024
print("| measurement | referat | baseline | ratio |")
print("|---|---:|---:|---:|")
names = {
    "cold": ("cold `export` (no cache)", "`rg -c Beslutning`"),
    "warm": ("warm `export` (cache)", "cold `export`"),
    "case": ("warm `case <CASE>`", "`rg -F <CASE>`"),
    "search": ("warm `search hjemmearbejde`", "`rg -i -c hjemmearbejde`"),
    "load": ("cold `check` (load only)", "warm `check`"),
}
for name, ours, base in rows:
    label, base_label = names[name]
    print(f"| {label} | {float(ours):.2f} s | {float(base):.2f} s ({base_label}) | {float(ours)/float(base):.1f}× |")
print(f"| peak memory, cold load | {peak_cold:.0f} MB | {size:.0f} MB on disk | {peak_cold/size:.1f}× |")
print(f"| peak memory, warm load | {peak_warm:.0f} MB | {size:.0f} MB on disk | {peak_warm/size:.1f}× |")
EOF
