#!/usr/bin/env bash
# End-to-end timing of the release binary beside pandoc on the same input, with
# hyperfine (Debian: apt-get install hyperfine pandoc). Figures are medians and
# ratios measured in one run.
#   benches/compare.sh [INPUT]      (default: the bundled sample)
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-examples/述责述廉报告.txt}
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export GONGWEN_NO_SYSTEM_FONTS=1
cmds=(
  "target/release/gongwen --version"
  "target/release/gongwen convert $input -o $out/ --to docx"
  "target/release/gongwen convert $input -o $out/ --to pdf"
  "target/release/gongwen convert $input -o $out/"
)
if command -v pandoc >/dev/null; then
  cmds+=("pandoc -f markdown -t docx $input -o $out/pandoc.docx")
else
  echo "pandoc not installed: no pandoc comparison" >&2
fi
hyperfine -N --warmup 3 --runs 60 --export-markdown "$out/table.md" "${cmds[@]}" >&2
cat "$out/table.md"
/usr/bin/time -f "peak memory, sample to DOCX and PDF: %M KB" target/release/gongwen convert "$input" -o "$out/" 2>&1 | grep peak
