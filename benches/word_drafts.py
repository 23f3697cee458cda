#!/usr/bin/env python3
"""Word drafts made the way clerks make them, from labelled plain-text drafts, scored like the text.

usage: word_drafts.py BINARY [--corpus DIR ...] [--keep OUT] [--show]   (run from the project root;
../shared is the shared folder, or set GONGWEN_SHARED)

For every labelled draft (DIR/real/<stem>.txt with DIR/labels/<stem>.tsv, the layout of
../shared/corpus) this builds a .docx with python-docx, one Word paragraph per source line (empty
lines are empty paragraphs) so that the reader's units keep the labels' line numbers, and then:
- direct formatting everywhere (宋体/仿宋 at mixed sizes, spacing, indents), as the output must ignore;
- the title centred, large and bold; the 落款 (signature, date) right-aligned;
- headings in Word's built-in Heading 1-4 styles, and their typed numbers (一、（一）1.（1）)
  replaced by Word's automatic numbering (chineseCounting / decimal, lvlText 一、 （一） 1. （1）)
  wherever the typed sequence is the one the automatic numbering produces (a skip keeps the typed
  number, as a clerk who restarts by hand would);
- a run of table lines that are all pipe rows of two or more cells becomes a real Word table (one
  row per line); other flattened tables (pipe debris, one cell per line) stay paragraphs, as pasted;
- it scores `BINARY inspect --json` with ../shared/tools/score_structure.py (the .docx is handed to
  it under the .txt name: the reader detects Word files by content), and checks that every
  non-blank character of the source, automatic numbers included, is in the recognised blocks.
Standard library and python-docx only.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import json

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("GONGWEN_SHARED", os.path.join(os.getcwd(), "..", "shared"))
SCORER = os.path.join(SHARED, "tools", "score_structure.py")
CN = "零一二三四五六七八九十"

# Level → (numFmt, lvlText, typed number pattern).
LEVELS = [
    ("chineseCounting", "%1、", re.compile(r"^([一二三四五六七八九十]+)、")),
    ("chineseCounting", "（%2）", re.compile(r"^（([一二三四五六七八九十]+)）")),
    ("decimal", "%3.", re.compile(r"^(\d+)[.．]")),
    ("decimal", "（%4）", re.compile(r"^（(\d+)）")),
]


def cn_value(s):
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1])
    if len(s) == 2 and s.endswith("十"):
        return CN.index(s[0]) * 10
    if len(s) == 3 and s[1] == "十":
        return CN.index(s[0]) * 10 + CN.index(s[2])
    return CN.index(s) if len(s) == 1 and s in CN else None


def labels(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2 and p[0].isdigit():
            rows[int(p[0])] = (p[1], int(p[2]) if len(p) > 2 and p[2] else None)
    return rows


def add_numbering(document):
    """One multi-level list (一、 （一） 1. （1）) in the numbering part; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, (fmt, text, _) in enumerate(LEVELS):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", "nothing"), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90"


def number_paragraph(paragraph, num_id, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


def build(txt, tsv, out):
    lines = open(txt, encoding="utf-8", errors="replace").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lab = labels(tsv)
    document = docx.Document()
    num_id = add_numbering(document)
    counters = [0, 0, 0, 0]
    # What Word's own counters will show: only automatically numbered
    # paragraphs count, and a shallower one restarts the deeper levels.
    word = [0, 0, 0, 0]
    auto = 0
    # Runs of table lines that are all pipe rows of two or more cells.
    def cells_of(k):
        return [c for c in lines[k - 1].strip(" \u3000\t|").split("|") if c.strip()]

    real_rows = set()
    k = 1
    while k <= len(lines):
        if lab.get(k, ("",))[0] != "table_row":
            k += 1
            continue
        j = k
        while j <= len(lines) and lab.get(j, ("",))[0] == "table_row":
            j += 1
        if all(len(cells_of(m)) >= 2 for m in range(k, j)):
            real_rows.update(range(k, j))
        k = j
    table_rows = []

    def flush_table():
        # Pipe rows a web page flattened become the real Word table a clerk
        # would have: one row per source line, so units keep line numbers.
        if not table_rows:
            return
        width = max(len(r) for r in table_rows)
        table = document.add_table(rows=len(table_rows), cols=width)
        for r, cells in enumerate(table_rows):
            for c, cell in enumerate(cells):
                table.cell(r, c).text = cell
        table_rows.clear()

    for i, line in enumerate(lines, 1):
        kind, level = lab.get(i, ("", None))
        # A line of spaces stays one (a form's empty cell in a web copy).
        text = line.strip(" \u3000\t") or line
        if kind == "table_row" and i in real_rows:
            table_rows.append([c.strip() for c in text.strip("|").split("|")])
            continue
        flush_table()
        p = document.add_paragraph()
        if kind == "heading" and level in (1, 2, 3, 4):
            p.style = document.styles["Heading %d" % level]
            m = LEVELS[level - 1][2].match(text)
            expected = counters[level - 1] + 1
            if m and cn_value(m.group(1)) == expected == word[level - 1] + 1:
                text = text[m.end():]
                number_paragraph(p, num_id, level - 1)
                auto += 1
                word[level - 1] += 1
                for deeper in range(level, 4):
                    word[deeper] = 0
            if m:
                counters[level - 1] = cn_value(m.group(1)) or expected
                for deeper in range(level, 4):
                    counters[deeper] = 0
        run = p.add_run(text)
        run.font.size = Pt(22 if kind == "title" else (15 if i % 3 else 16))
        run.font.name = "宋体" if i % 2 else "仿宋"
        run.bold = kind == "title"
        p.paragraph_format.space_after = Pt(6 if i % 2 else 0)
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind in ("signature", "date"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "paragraph":
            p.paragraph_format.first_line_indent = Pt(32)
    flush_table()
    document.save(out)
    return auto


def conserved(binary, path, txt):
    p = subprocess.run([binary, "inspect", path, "--json"], capture_output=True, timeout=120)
    if p.returncode != 0:
        return False, p.stderr.decode("utf-8", "replace")[:200]
    blocks = json.loads(p.stdout).get("blocks", [])
    got = "".join(
        c for b in blocks for c in (b.get("text") or json.dumps(b.get("rows", ""), ensure_ascii=False))
        if not c.isspace()
    )
    missing = []
    for c in open(txt, encoding="utf-8", errors="replace").read():
        # Pipes are a flattened table's cell marks, not text.
        if c.isspace() or c in "\u3000|":
            continue
        k = got.find(c)
        if k < 0:
            missing.append(c)
        else:
            got = got[:k] + got[k + 1:]
    return not missing, "".join(missing[:40])


def main():
    a = sys.argv
    if len(a) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(a[1])
    corpora = [a[k + 1] for k, x in enumerate(a) if x == "--corpus"] or [os.path.join(SHARED, "corpus")]
    keep = a[a.index("--keep") + 1] if "--keep" in a else None
    work = keep or tempfile.mkdtemp(prefix="gongwen-word-")
    os.makedirs(os.path.join(work, "real"), exist_ok=True)
    os.makedirs(os.path.join(work, "labels"), exist_ok=True)
    autos = 0
    lost = []
    for corpus in corpora:
        for name in sorted(os.listdir(os.path.join(corpus, "labels"))):
            if not name.endswith(".tsv") or name.startswith("md_"):
                continue
            stem = name[:-4]
            txt = os.path.join(corpus, "real", stem + ".txt")
            # The scorer reads real/<stem>.txt; the reader finds the Word file by its content.
            out = os.path.join(work, "real", stem + ".txt")
            autos += build(txt, os.path.join(corpus, "labels", name), out)
            shutil.copy(os.path.join(corpus, "labels", name), os.path.join(work, "labels", name))
            ok, missing = conserved(binary, out, txt)
            if not ok:
                lost.append((stem, missing))
    print("automatic numbers in the Word drafts: %d" % autos)
    for stem, missing in lost:
        print("NOT CONSERVED %s: %s" % (stem, missing))
    args = [sys.executable, SCORER, binary, "--corpus", work, "--min", "0.90"]
    if "--show" in a:
        args.append("--show")
    rc = subprocess.run(args).returncode
    if not keep:
        shutil.rmtree(work)
    sys.exit(rc or (1 if lost else 0))


if __name__ == "__main__":
    main()
