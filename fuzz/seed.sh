#!/usr/bin/env bash
# Seeds the fuzz corpora from the bundled sample minutes (assets/*.txt) at run time,
# so the repository holds no copies. Safe to run again: files are named by content.
#
#   fuzz/seed.sh            # then, from the project root:
#   cargo +nightly fuzz run loader fuzz/corpus/loader -- -dict=fuzz/minutes.dict
set -euo pipefail
cd "$(dirname "$0")"
assets=../assets

mkdir -p corpus/loader corpus/clean corpus/search
for f in "$assets"/*.txt; do
    name=$(sha1sum "$f" | cut -c1-40)
    cp "$f" "corpus/loader/$name"
    # The cleaner sees one line at a time: every distinct line of the sample.
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        printf '%s' "$line" > "corpus/clean/$(printf '%s' "$line" | sha1sum | cut -c1-40)"
    done < "$f"
done
# Search inputs: 2×u16 offsets and a width byte, then "query\0document".
for q in realdania 'nyt rådhus' '"til efterretning"' beslutning 24/24964; do
    for f in "$assets"/*.txt; do
        out="corpus/search/$(printf '%s%s' "$q" "$f" | sha1sum | cut -c1-40)"
        { printf '\x10\x00\x40\x00\x64%s\0' "$q"; head -c 3000 "$f" | iconv -f UTF-8 -t UTF-8 -c; } > "$out"
    done
done
echo "seeded: $(ls corpus/loader | wc -l) loader, $(ls corpus/clean | wc -l) clean, $(ls corpus/search | wc -l) search inputs"
