#!/usr/bin/env bash
# Build the offline page into web/dist/: index.html, app.js, style.css, the
# wasm and its JS glue (wasm-bindgen), and the bundled fonts the page loads
# lazily. Serve web/dist/ from any static server, e.g.
#   python3 -m http.server -d web/dist 8000
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version
# web/wasm/Cargo.toml pins (.ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' web/wasm/Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "web/build.sh: wasm-bindgen-cli $want is needed (found: ${have:-none}):" >&2
  echo "  cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi
cargo build -p gongwen-web --lib --release --target wasm32-unknown-unknown
out=web/dist
rm -rf "$out"
mkdir -p "$out/fonts"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/gongwen_web.wasm
cp web/index.html web/app.js web/style.css "$out/"
# The files of the bundled chains (gongwen::fonts::bundled_chain) and their licences.
for f in FandolFang-Regular.otf FandolKai-Regular.otf FandolHei-Regular.otf \
  FandolSong-Regular.otf NotoSerifSC-Bold.ttf Tinos-Regular.ttf \
  COPYING-GPL-3.txt FONT-EXCEPTION.txt OFL-NotoSerifSC.txt OFL-Tinos.txt README.md; do
  cp "fonts/$f" "$out/fonts/"
done
echo "web/build.sh: $(du -b "$out/gongwen_web_bg.wasm" | cut -f1) bytes of wasm, $(du -cb "$out"/fonts/*.otf "$out"/fonts/*.ttf | tail -1 | cut -f1) bytes of fonts in $out"
