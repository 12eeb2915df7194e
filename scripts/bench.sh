#!/usr/bin/env bash
# Whole-program figures for the README's Performance section, each next to a
# baseline measured in the same run (ripgrep scanning the same folder).
#
#   scripts/bench.sh [MEETINGS]      (default 10000)
#
# Generates a deterministic corpus with the generator example, then times the
# release binary with hyperfine: the command line, and the browser in a pty
# (`script`) up to its first frame with meetings and to the end of its load. Installs hyperfine and ripgrep from Debian when
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
need /usr/bin/time time
need script bsdutils

cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
target_dir=${CARGO_TARGET_DIR:-target}
bin=$target_dir/release/referat
if [ ! -d "$dir" ]; then
    "$target_dir"/release/examples/gen_corpus --meetings "$meetings" --out "$dir" --seed 1 >/dev/null
fi
size_mb=$(du -sm "$dir" | cut -f1)
files=$(find "$dir" -type f | wc -l)
# The most common case number, one carried by a single item, and a rare word
# of the items' text (a search does not read case numbers: they are no item's
# text): of the long words in the fewest meetings, the middle one.
read -r case_number rare_case rare_word rare_files < <("$bin" export "$dir" | python3 -c '
import json, re, sys, collections
meetings = json.load(sys.stdin)["meetings"]
c = collections.Counter(n for m in meetings for i in m["items"] for n in i["case_numbers"])
rare = sorted(n for n, k in c.items() if k == 1)
words = collections.Counter()
for m in meetings:
    text = " ".join(s["text"] for i in m["items"] for s in i["sections"])
    words.update(set(re.findall(r"[^\W\d_]{10,}", text.lower())))
fewest = min(words.values())
candidates = sorted(w for w, k in words.items() if k == fewest)
print(c.most_common(1)[0][0], rare[len(rare) // 2], candidates[len(candidates) // 2], fewest)')
echo "corpus: $files files, $size_mb MB, in $dir; rare case $rare_case, rare word $rare_word (in $rare_files meetings)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo

json=$(mktemp)
trap 'rm -rf "$cache" "$json"' EXIT
run() { # name, command...
    local name=$1; shift
    hyperfine --warmup 1 --runs 5 --style none --export-json "$json" "$@" >/dev/null 2>&1
    python3 - "$json" "$name" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(sys.argv[2] + "\t" + "\t".join(f"{x['median']:.3f}" for x in r))
EOF
}

# The browser, through a pty (`script`), ended by REFERAT_EXIT_AFTER right after
# the first frame that lists meetings, or the first after the load finished.
# Its remembered position goes to a scratch state folder. `script` gives a pty
# of 0×0 cells when it is not run from a terminal, where nothing would be
# drawn: the pty is set to 120×40 first.
state=$(mktemp -d)
trap 'rm -rf "$cache" "$json" "$state"' EXIT
browser() { # REFERAT_EXIT_AFTER value, extra flags
    echo "script -qfec 'stty rows 40 cols 120; XDG_STATE_HOME=$state XDG_DATA_HOME=$state REFERAT_EXIT_AFTER=$1 $bin ${2:-} $dir' /dev/null >/dev/null"
}

# A cold lookup parses only the files that may hold the case (prefilter);
# so does a cold search, here for a word that occurs nowhere.
case_cold=$(run case_cold "$bin case --no-cache $rare_case $dir >/dev/null" "rg -F -l $rare_case $dir >/dev/null")
search_cold=$(run search_cold "$bin search --no-cache zzqqxxyy $dir >/dev/null || true" "rg -i -l zzqqxxyy $dir >/dev/null || true")
search_cold_rare=$(run search_cold_rare "$bin search --no-cache $rare_word $dir >/dev/null" "rg -i -l $rare_word $dir >/dev/null")
cold=$(run cold "$bin export --no-cache $dir >/dev/null" "rg -c Beslutning $dir >/dev/null")
"$bin" export "$dir" >/dev/null # fill the cache
warm=$(run warm "$bin export $dir >/dev/null" "$bin export --no-cache $dir >/dev/null")
casew=$(run case "$bin case $case_number $dir >/dev/null" "rg -F $case_number $dir >/dev/null")
search=$(run search "$bin search hjemmearbejde $dir >/dev/null" "rg -i -c hjemmearbejde $dir >/dev/null")
# Warm search scans the cache's mapped folded text: a word that occurs
# nowhere, a rare one, one in every file.
search_none=$(run search_none "$bin search zzqqxxyy $dir >/dev/null || true" "rg -i -l zzqqxxyy $dir >/dev/null || true")
search_rare=$(run search_rare "$bin search $rare_word $dir >/dev/null" "rg -i -l $rare_word $dir >/dev/null")
search_every=$(run search_every "$bin search beslutning $dir >/dev/null" "rg -i -l beslutning $dir >/dev/null")
check_cold=$(run load "$bin --no-cache check $dir >/dev/null" "$bin check $dir >/dev/null")
frame_cold=$(run frame_cold "$(browser meetings --no-cache)" "rg -c Beslutning $dir >/dev/null")
frame_warm=$(run frame_warm "$(browser meetings)" "rg -c Beslutning $dir >/dev/null")
loaded_cold=$(run loaded_cold "$(browser loaded --no-cache)" "rg -c Beslutning $dir >/dev/null")
loaded_warm=$(run loaded_warm "$(browser loaded)" "rg -c Beslutning $dir >/dev/null")

peak() { { /usr/bin/time -f %M "$@" >/dev/null; } 2>&1 | tail -1; }
peak_cold=$(peak "$bin" --no-cache check "$dir")
peak_warm=$(peak "$bin" check "$dir")
peak_browser_cold=$(peak sh -c "$(browser loaded --no-cache)")
peak_browser_warm=$(peak sh -c "$(browser loaded)")
peak_search_none=$(peak sh -c "$bin search zzqqxxyy $dir || true")
peak_search_every=$(peak "$bin" search beslutning "$dir")
# The browser, warm, after a full-text search (`S`) of a word in every file:
# keys typed into the pty, with time enough for the load and the search
# (the figure is the peak, not a time).
searched() {
    echo "(sleep 5; printf S; sleep 1; printf beslutning; sleep 8; printf '\033'; sleep 1; printf q) | $(browser none)"
}
peak_browser_searched=$(peak sh -c "$(searched)")

python3 - "$size_mb" "$case_cold" "$search_cold" "$search_cold_rare" "$cold" "$warm" "$casew" "$search" "$check_cold" "$frame_cold" "$frame_warm" \
    "$loaded_cold" "$loaded_warm" "$search_none" "$search_rare" "$search_every" \
    "$peak_cold" "$peak_warm" "$peak_browser_cold" "$peak_browser_warm" \
    "$peak_search_none" "$peak_search_every" "$peak_browser_searched" <<'EOF'
import sys
size = float(sys.argv[1])
rows = [a.split("\t") for a in sys.argv[2:17]]
peaks = [int(a) / 1024 for a in sys.argv[17:24]]
print("| measurement | referat | baseline | ratio |")
print("|---|---:|---:|---:|")
names = {
    "case_cold": ("cold `case <RARE CASE>` (no cache)", "`rg -F -l <RARE CASE>`"),
    "search_cold": ("cold `search` of a word nowhere (no cache)", "`rg -i -l`"),
    "search_cold_rare": ("cold `search <RARE WORD>` (no cache)", "`rg -i -l`"),
    "cold": ("cold `export` (no cache)", "`rg -c Beslutning`"),
    "warm": ("warm `export` (cache)", "cold `export`"),
    "case": ("warm `case <CASE>`", "`rg -F <CASE>`"),
    "search": ("warm `search hjemmearbejde`", "`rg -i -c hjemmearbejde`"),
    "load": ("cold `check` (load only)", "warm `check`"),
    "frame_cold": ("browser, first frame with meetings, cold", "`rg -c Beslutning`"),
    "frame_warm": ("browser, first frame with meetings, warm", "`rg -c Beslutning`"),
    "loaded_cold": ("browser, load finished, cold", "`rg -c Beslutning`"),
    "loaded_warm": ("browser, load finished, warm", "`rg -c Beslutning`"),
    "search_none": ("warm `search` of a word nowhere", "`rg -i -l`"),
    "search_rare": ("warm `search <RARE WORD>`", "`rg -i -l`"),
    "search_every": ("warm `search beslutning` (every file)", "`rg -i -l`"),
}
for name, ours, base in rows:
    label, base_label = names[name]
    ours, base = float(ours), float(base)
    # The warm export is compared the other way round: how many times faster.
    ratio = f"{base/ours:.1f}× faster" if name == "warm" else f"{ours/base:.1f}×"
    print(f"| {label} | {ours:.2f} s | {base:.2f} s ({base_label}) | {ratio} |")
labels = ["`check`, cold", "`check`, warm", "browser, cold", "browser, warm",
          "warm `search` of a word nowhere", "warm `search beslutning`",
          "browser, warm, after `S` `beslutning`"]
for label, peak in zip(labels, peaks):
    print(f"| peak memory, {label} | {peak:.0f} MB | {size:.0f} MB on disk | {peak/size:.1f}× |")
EOF

# The in-process figures of issue 16's goals 3 and 4: the loader's MB/s against a
# line scan and a decode, and the finder's keystroke-to-frame times at 200,000
# and 1,000,000 items against a substring scan, each baseline measured in the
# same run. About four minutes; BENCH_SKIP_INPROCESS=1 leaves them out.
if [ "${BENCH_SKIP_INPROCESS:-0}" != 1 ]; then
    echo
    echo "== cargo bench --bench loader"
    cargo bench --quiet --bench loader 2>/dev/null
    echo
    echo "== cargo bench --bench finder"
    cargo bench --quiet --bench finder 2>/dev/null
fi
