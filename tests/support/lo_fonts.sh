#!/usr/bin/env bash
# Write a private fontconfig file that maps the official 公文 font names to the
# bundled open fonts, for rendering our DOCX with LibreOffice (tests, and by
# hand). Usage: lo_fonts.sh FONTS_DIR OUT.conf
set -eu
fonts=$(cd "$1" && pwd)
out=$2
aliases="$out.aliases"
cat > "$out" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$fonts</dir>
  <cachedir>$(dirname "$out")/fc-cache</cachedir>
CONF
add_alias() { # alias NAME TARGET
  printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$1" "$2" >> "$aliases"
}
: > "$aliases"
for n in 仿宋_GB2312 仿宋 FangSong FangSong_GB2312; do add_alias "$n" FandolFang; done
for n in 楷体_GB2312 楷体 KaiTi KaiTi_GB2312; do add_alias "$n" FandolKai; done
for n in 黑体 SimHei; do add_alias "$n" FandolHei; done
for n in 宋体 SimSun; do add_alias "$n" FandolSong; done
for n in 方正小标宋简体 FZXiaoBiaoSong-B05S; do add_alias "$n" "Noto Serif SC"; done
add_alias "Times New Roman" Tinos
cat "$aliases" >> "$out"; rm -f "$aliases"
echo "</fontconfig>" >> "$out"
