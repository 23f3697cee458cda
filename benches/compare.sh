#!/usr/bin/env bash
# End-to-end timing of the release binary beside its peers on the same input, all
# measured in one hyperfine run (this shared machine drifts by a third from hour to
# hour, so only same-run ratios mean anything):
#   - Typst, the fastest peer for a PDF: benches/typst/述责述廉报告.typ is the sample
#     set the same way (geometry, fonts from fonts/, sizes, pitch), compiled by the
#     compiler that PyPI's `typst` package carries (pip install typst). That package
#     runs inside Python, so a bare `python3 -c pass` is timed too and taken off
#     Typst's time: the ratio is against Typst's own work, the most favourable
#     reading for Typst.
#   - pandoc -t docx, the baseline for the DOCX (Debian: apt-get install pandoc).
# Prints the hyperfine table, the ratios, both PDFs' bytes and our peak memory,
# and, when valgrind is installed, instructions counted by callgrind for ours and
# for Typst: stable where wall time is not (a loaded machine inflates our
# two-threaded process more than Typst's).
#   benches/compare.sh            (the sample; needs hyperfine and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
input=examples/述责述廉报告.txt
typ=benches/typst/述责述廉报告.typ
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export GONGWEN_NO_SYSTEM_FONTS=1
gw=target/release/gongwen
typst_py="import typst; typst.compile('$typ', output='$out/typst.pdf', font_paths=['fonts'], ignore_system_fonts=True)"
names=(startup docx pdf both)
stem="$out/$(basename "${input%.*}")"
prep=(--prepare true --prepare "rm -f $stem.docx" --prepare "rm -f $stem.pdf"
  --prepare "rm -f $stem.docx $stem.pdf")
cmds=(
  "$gw --version"
  "$gw convert $input -o $out/ --to docx"
  "$gw convert $input -o $out/ --to pdf"
  "$gw convert $input -o $out/"
)
if python3 -c "import typst" 2>/dev/null; then
  # The interpreter itself, not a version manager's shim script in front of it.
  py=$(python3 -c "import sys; print(sys.executable)")
  names+=(python typst)
  prep+=(--prepare true --prepare "rm -f $out/typst.pdf")
  cmds+=("$py -c pass" "$py -c \"$typst_py\"")
else
  echo "PyPI typst not installed (pip install typst): no Typst comparison" >&2
fi
if command -v pandoc >/dev/null; then
  names+=(pandoc)
  prep+=(--prepare "rm -f $out/pandoc.docx")
  cmds+=("pandoc -f markdown -t docx $input -o $out/pandoc.docx")
else
  echo "pandoc not installed: no pandoc comparison" >&2
fi
# Each run writes its outputs afresh, as a conversion usually does: an output
# replaced by rename (ours) or truncation (Typst's, pandoc's) makes ext4 write
# it back at once (auto_da_alloc), a cost of the benchmark's repetition.
hyperfine -N --warmup 3 --runs 40 --export-json "$out/times.json" \
  "${prep[@]}" \
  --export-markdown "$out/table.md" "${cmds[@]}" >&2
cat "$out/table.md"
python3 - "$out/times.json" "${names[@]}" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
t = {n: r["median"] * 1000 for n, r in zip(sys.argv[2:], results)}
print(f"\nmedians (ms): " + ", ".join(f"{n} {v:.1f}" for n, v in t.items()))
if "typst" in t:
    own = t["typst"] - t["python"]
    print(f"Typst's PDF alone: {t['typst']:.1f} ms as a Python process, {own:.1f} ms less Python's start-up")
    print(f"ratio, our DOCX + PDF / Typst's PDF: {t['both'] / own:.3f} "
          f"(against the whole Python process: {t['both'] / t['typst']:.3f})")
    print(f"ratio, our PDF / Typst's PDF: {t['pdf'] / own:.3f}")
if "pandoc" in t:
    print(f"ratio, our DOCX + PDF / pandoc's DOCX: {t['both'] / t['pandoc']:.3f}; "
          f"our DOCX / pandoc's DOCX: {t['docx'] / t['pandoc']:.3f}")
EOF
ours=$(stat -c %s "$out/述责述廉报告.pdf")
if [ -f "$out/typst.pdf" ]; then
  theirs=$(stat -c %s "$out/typst.pdf")
  echo "PDF bytes: ours $ours, Typst's $theirs, ratio $(python3 -c "print(f'{$ours / $theirs:.3f}')")"
else
  echo "PDF bytes: ours $ours"
fi
/usr/bin/time -f "peak memory, sample to DOCX and PDF: %M KB" $gw convert "$input" -o "$out/" 2>&1 | grep peak
if command -v valgrind >/dev/null && [ -f "$out/typst.pdf" ]; then
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,; }
  ours_i=$(count $gw convert "$input" -o "$out/")
  py_i=$(count "$py" -c pass)
  typst_i=$(count "$py" -c "$typst_py")
  python3 -c "
o, p, t = $ours_i, $py_i, $typst_i
print(f'instructions: our DOCX + PDF {o/1e6:.1f} M; Typst {t/1e6:.1f} M, {(t-p)/1e6:.1f} M less Python start-up ({p/1e6:.1f} M)')
print(f'ratio of instructions, ours / Typst: {o/(t-p):.3f} (against the whole Python process: {o/t:.3f})')"
fi
