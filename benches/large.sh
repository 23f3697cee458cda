#!/usr/bin/env bash
# Long drafts and batches with the release binary, all in one run (this shared
# machine drifts from hour to hour: compare figures taken together):
#   - reading and structuring a 5 MB draft (`gongwen inspect --json`, hyperfine
#     median), against a bare `gongwen --version`;
#   - a 0.5 MB and a 5 MB draft (the sample repeated, as `cargo bench` builds its
#     5 MB text) to DOCX + PDF: peak memory (/usr/bin/time's maximum resident set)
#     and CPU time (user + system), medians of RUNS runs, and the ratio of the two
#     CPU times (10 × the input should cost at most 10.5 × the time);
#   - a batch: COPIES copies of the sample converted by one `gongwen convert DIR -o
#     OUT/` (fonts loaded once, a worker per core), per document, against a
#     single conversion of the sample as a process measured just after.
#   benches/large.sh                    (RUNS=3 COPIES=1000 by default; INSTRUCTIONS=1 adds callgrind counts)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
copies=${COPIES:-1000}
cargo build --release --quiet
gw=$PWD/target/release/gongwen
export GONGWEN_NO_SYSTEM_FONTS=1
sample=examples/述责述廉报告.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$sample" "$tmp" <<'EOF'
import sys
sample = open(sys.argv[1], "rb").read()
for name, size in (("big05.txt", 512 * 1024), ("big5.txt", 5 * 1024 * 1024)):
    b = bytearray()
    while len(b) < size:
        b += sample + b"\n"
    open(f"{sys.argv[2]}/{name}", "wb").write(b)
EOF
mkdir -p "$tmp/out"

hyperfine -N --warmup 1 --runs 10 --export-json "$tmp/read.json" \
  "$gw --version" "$gw inspect --json $tmp/big5.txt" >&2
# CPU time too: under load (other jobs on the machine) wall time waits for a core.
read_cpu=$(for _ in $(seq "$runs"); do
  /usr/bin/time -f "%U %S" "$gw" inspect --json "$tmp/big5.txt" 2>&1 >/dev/null | tail -1
done | python3 -c "
import sys, statistics
print(f'{statistics.median(float(u) + float(s) for u, s in (l.split() for l in sys.stdin)):.3f}')")
python3 - "$tmp/read.json" "$read_cpu" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
start, read = r[0]["median"] * 1000, r[1]["median"] * 1000
print(f"read + structure 5 MB (inspect --json, as a process): {float(sys.argv[2]) * 1000:.0f} ms CPU; "
      f"{read:.0f} ms wall median ({read - start:.0f} ms beyond start-up)")
EOF

# Median of `runs` runs of /usr/bin/time: "cpu_seconds peak_kb".
measure() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" "$gw" convert "$@" -o "$tmp/out/" 2>&1 >/dev/null | tail -1
  done | python3 -c "
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
cpu = statistics.median(float(u) + float(s) for u, s, _ in rows)
mem = statistics.median(int(m) for *_, m in rows)
print(f'{cpu:.3f} {mem}')"
}
read -r small_cpu small_mem < <(measure "$tmp/big05.txt")
read -r big_cpu big_mem < <(measure "$tmp/big5.txt")
read -r pdf_cpu pdf_mem < <(measure "$tmp/big5.txt" --to pdf)
read -r docx_cpu docx_mem < <(measure "$tmp/big5.txt" --to docx)
pages=$(python3 -c "
import re, sys
d = open('$tmp/out/big5.pdf', 'rb').read()
print(int(re.search(rb'/Type\s*/Pages\b.*?/Count\s+(\d+)', d, re.S).group(1)))" 2>/dev/null || echo '?')
python3 - <<EOF
print(f"0.5 MB draft → DOCX + PDF: {$small_cpu:.2f} s CPU, {$small_mem / 1024:.0f} MB peak")
print(f"5 MB draft ($pages pages) → DOCX + PDF: {$big_cpu:.2f} s CPU, {$big_mem / 1024:.0f} MB peak "
      f"(PDF alone {$pdf_mem / 1024:.0f} MB, {$pdf_cpu:.2f} s; DOCX alone {$docx_mem / 1024:.0f} MB, {$docx_cpu:.2f} s)")
print(f"10 × the input: {$big_cpu / $small_cpu:.2f} × the CPU time (medians of $runs runs)")
EOF

# INSTRUCTIONS=1: the same ratio in instructions (callgrind; a few minutes), which
# do not drift with the machine's load.
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$gw" convert "$1" -o "$tmp/out/" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,; }
  small_i=$(count "$tmp/big05.txt")
  big_i=$(count "$tmp/big5.txt")
  python3 -c "print(f'instructions: 0.5 MB {$small_i / 1e9:.2f} G, 5 MB {$big_i / 1e9:.2f} G: {$big_i / $small_i:.2f} ×')"
fi

mkdir -p "$tmp/drafts" "$tmp/batch"
for i in $(seq "$copies"); do cp "$sample" "$tmp/drafts/d$i.txt"; done
start=$(date +%s.%N)
/usr/bin/time -f "%U %S %M" -o "$tmp/batch.time" "$gw" convert "$tmp/drafts" -o "$tmp/batch/" >/dev/null 2>&1
end=$(date +%s.%N)
hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/single.json" \
  "$gw convert $sample -o $tmp/out/" >&2
# CPU time of 20 single conversions as processes (wall time under load waits
# for a core; CPU time is what a document costs).
/usr/bin/time -f "%U %S" -o "$tmp/single.time" \
  bash -c "for i in \$(seq 20); do $gw convert $sample -o $tmp/out/ >/dev/null 2>&1; done"
python3 - "$tmp/single.json" "$tmp/batch.time" "$start" "$end" "$copies" "$tmp/single.time" <<'EOF'
import json, sys
single = json.load(open(sys.argv[1]))["results"][0]["median"] * 1000
u, s, m = open(sys.argv[2]).read().split()[-3:]
wall = (float(sys.argv[4]) - float(sys.argv[3])) * 1000
n = int(sys.argv[5])
print(f"batch of {n} sample drafts → DOCX + PDF: {wall / 1000:.1f} s wall, {float(u) + float(s):.1f} s CPU, "
      f"{int(m) / 1024:.0f} MB peak; {wall / n:.1f} ms a document = {wall / n / single:.2f} × "
      f"a single conversion as a process ({single:.1f} ms, hyperfine median just after)")
su, ss = open(sys.argv[6]).read().split()[-2:]
single_cpu = (float(su) + float(ss)) * 1000 / 20
batch_cpu = (float(u) + float(s)) * 1000 / n
print(f"CPU a document: batch {batch_cpu:.1f} ms, single process {single_cpu:.1f} ms: "
      f"{batch_cpu / single_cpu:.2f} ×")
EOF
