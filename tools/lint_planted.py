#!/usr/bin/env python3
"""Measure `gongwen check` on real drafts: findings on the clean drafts, and planted errors found.

usage: lint_planted.py BINARY [--corpus DIR] [--seed N] [--show]

DIR (default: ../shared/corpus beside the repository) holds real/*.txt. For every draft:
  1. the clean draft is checked; every finding is listed (with --show) and counted per draft;
  2. for every kind of error below that the draft has a place for, one copy is made with one
     error planted at a random (seeded: --seed, default 9704) eligible line, and the copy is
     checked. The error counts as found when a finding of the kind's rule family stands at the
     planted line and was not there in the clean draft.
Where the planting reads the draft's structure (the date line, the 文号, the title, body
paragraphs, headings) it asks `gongwen inspect --json` of the clean draft.
Standard library only. Exit 0 when >= 0.95 of planted errors are found.
"""
import json, os, random, re, subprocess, sys, tempfile, zlib
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def arg(name, default=None):
    a = sys.argv
    return a[a.index(name) + 1] if name in a else default


def run_json(binary, *args):
    p = subprocess.run([binary, *args, "--json"], capture_output=True, timeout=120)
    return json.loads(p.stdout) if p.stdout.strip() else None


def findings(binary, path):
    doc = run_json(binary, "check", path)
    return doc["findings"] if doc else []


def kinds_per_line(binary, path):
    doc = run_json(binary, "inspect", path)
    per = {}
    for b in (doc or {}).get("blocks", []):
        for n in range(b["lines"][0], b["lines"][-1] + 1):
            per[n] = (b["kind"], b.get("lines"))
    return per


YEARS = range(2015, 2026)
ORGS = ["国办发", "京政发", "湘政办发", "川府函", "苏政发", "国发", "浙政办发"]


def numeric_date(rng, sep):
    y, m, d = rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28)
    if sep == "-" and rng.random() < 0.5:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{y}{sep}{m}{sep}{d}"


def body_lines(lines, kinds):
    """Body paragraphs with a comma to plant after (one-line blocks only)."""
    out = []
    for n, text in enumerate(lines, 1):
        k = kinds.get(n)
        if k and k[0] == "paragraph" and k[1][0] == k[1][-1] and "，" in text and len(text) >= 20:
            out.append(n)
    return out


def insert_after_comma(rng, text, piece):
    commas = [i for i, c in enumerate(text) if c == "，"]
    i = rng.choice(commas)
    return text[: i + 1] + piece + text[i + 1 :]


def plant(kind, rng, lines, kinds, busy):
    """Return (new_lines, planted_line_numbers) or None when the draft has no place for it.

    Lines in `busy` already carry a finding of the kind's rule family in the clean draft
    (a real error of the same kind): nothing is planted there, so that a planted error is
    never credited with a finding the draft had anyway."""
    lines = list(lines)
    kinds = {n: k for n, k in kinds.items() if n not in busy}
    body = body_lines(lines, kinds)
    if kind.startswith("body_date_"):
        sep = {"dotted": ".", "dashed": "-", "slashed": "/"}[kind[len("body_date_"):]]
        if not body:
            return None
        n = rng.choice(body)
        lines[n - 1] = insert_after_comma(rng, lines[n - 1], f"{numeric_date(rng, sep)}，")
        return lines, {n}
    if kind.startswith("signing_date_"):
        sep = {"dotted": ".", "dashed": "-", "slashed": "/"}[kind[len("signing_date_"):]]
        dates = [n for n, k in kinds.items() if k[0] == "date"]
        if not dates:
            return None
        n = rng.choice(dates)
        old = lines[n - 1]
        lead = old[: len(old) - len(old.lstrip())]
        lines[n - 1] = lead + numeric_date(rng, sep)
        return lines, {n}
    if kind in ("docnum_round_brackets", "docnum_zero_serial"):
        nums = [n for n, k in kinds.items() if k[0] == "doc_number"]
        y, serial = rng.choice(YEARS), rng.randint(1, 9)
        if nums:
            n = rng.choice(nums)
            m = re.search(r"[〔\[［【(（](\d{4})[〕\]］】)）]\s*第?(\d+)\s*号", lines[n - 1])
            if m:
                year, num = m.group(1), int(m.group(2))
                new = f"（{year}）{num}号" if kind == "docnum_round_brackets" else f"〔{year}〕0{num}号"
                lines[n - 1] = lines[n - 1][: m.start()] + new + lines[n - 1][m.end():]
                return lines, {n}
        if not body:
            return None
        org = rng.choice(ORGS)
        cited = f"{org}（{y}）{serial}号" if kind == "docnum_round_brackets" else f"{org}〔{y}〕0{serial}号"
        n = rng.choice(body)
        lines[n - 1] = insert_after_comma(rng, lines[n - 1], f"按照{cited}文件要求，")
        return lines, {n}
    if kind == "title_stop_two_lines":
        titles = [n for n, k in kinds.items() if k[0] == "title" and k[1][0] == k[1][-1] == n]
        titles = [n for n in titles if len(lines[n - 1].strip()) >= 10 and not lines[n - 1].strip().endswith("。")]
        if not titles:
            return None
        n = titles[0]
        t = lines[n - 1].strip()
        # Authors break a title between words, never inside a number.
        cuts = [k for k in range(4, len(t) - 3) if not (t[k - 1].isascii() and t[k].isascii())]
        cut = rng.choice(cuts)
        lines[n - 1 : n] = [t[:cut], t[cut:] + "。"]
        return lines, {n, n + 1}
    if kind == "placeholder_x":
        if not body:
            return None
        n = rng.choice(body)
        lines[n - 1] = insert_after_comma(rng, lines[n - 1], rng.choice(["××", "XX", "ＸＸ"]) + "单位")
        return lines, {n}
    if kind == "halfwidth_comma":
        if not body:
            return None
        n = rng.choice(body)
        t = lines[n - 1]
        i = rng.choice([i for i, c in enumerate(t) if c == "，"])
        lines[n - 1] = t[:i] + "," + t[i + 1:]
        return lines, {n}
    if kind == "numbering_gap":
        # A standalone 一、-level heading after the first: its number moves one on.
        cn = "一二三四五六七八九"
        heads = [n for n, k in sorted(kinds.items()) if k[0] == "heading"
                 and re.match(r"\s*[二三四五六七八]、", lines[n - 1])]
        if not heads:
            return None
        n = rng.choice(heads)
        t = lines[n - 1]
        j = len(t) - len(t.lstrip())
        lines[n - 1] = t[:j] + cn[cn.index(t[j]) + 1] + t[j + 1:]
        return lines, {n}
    if kind == "stray_space":
        if not body:
            return None
        n = rng.choice(body)
        t = lines[n - 1]
        han = lambda c: "\u4e00" <= c <= "\u9fff"
        spots = [i for i in range(1, len(t)) if han(t[i - 1]) and han(t[i])]
        i = rng.choice(spots)
        lines[n - 1] = t[:i] + " " + t[i:]
        return lines, {n}
    if kind == "ling_in_date":
        # A 成文日期 in Chinese numerals whose 〇 was typed as O, o or ○.
        dates = [n for n, k in kinds.items() if k[0] == "date"]
        if not dates:
            return None
        n = rng.choice(dates)
        cn = "〇一二三四五六七八九"
        y = rng.choice([2001, 2002, 2003, 2005, 2007, 2008, 2009, 2010, 2020])
        year = "".join(cn[int(d)] for d in str(y)).replace("〇", rng.choice("Oo○"))
        m, d = rng.randint(1, 9), rng.randint(1, 9)
        old = lines[n - 1]
        lines[n - 1] = old[: len(old) - len(old.lstrip())] + f"{year}年{cn[m]}月{cn[d]}日"
        return lines, {n}
    raise ValueError(kind)


FAMILY = {
    "body_date_dotted": "date.", "body_date_dashed": "date.", "body_date_slashed": "date.",
    "signing_date_dotted": "date.", "signing_date_dashed": "date.", "signing_date_slashed": "date.",
    "docnum_round_brackets": "doc_number.", "docnum_zero_serial": "doc_number.",
    "title_stop_two_lines": "structure.title_punct",
    "placeholder_x": "placeholder.", "halfwidth_comma": "punct.halfwidth",
    "numbering_gap": "numbering.",
    "stray_space": "punct.space", "ling_in_date": "date.ling",
}


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    corpus = arg("--corpus", os.path.join(os.path.dirname(HERE), "..", "shared", "corpus"))
    seed, show = int(arg("--seed", "9704")), "--show" in sys.argv
    real = os.path.join(corpus, "real")
    stems = sorted(f[:-4] for f in os.listdir(real) if f.endswith(".txt"))
    planted, found, misses, clean_counts = Counter(), Counter(), [], {}
    clean_list = []
    with tempfile.TemporaryDirectory() as tmp:
        for stem in stems:
            path = os.path.join(real, stem + ".txt")
            text = open(path, encoding="utf-8").read().replace("\r\n", "\n").replace("\r", "\n")
            lines = text.split("\n")
            clean = findings(binary, path)
            clean_counts[stem] = len(clean)
            clean_list += [f"{stem}:{f['line']}: {f['rule']}: {f['message']}" for f in clean]
            kinds = kinds_per_line(binary, path)
            before = Counter((f["line"], f["rule"]) for f in clean)
            for kind, family in FAMILY.items():
                rng = random.Random(seed ^ zlib.crc32(f"{stem}/{kind}".encode()))
                busy = {f["line"] for f in clean if f["rule"].startswith(family)}
                got = plant(kind, rng, lines, kinds, busy)
                if got is None:
                    continue
                new_lines, at = got
                copy = os.path.join(tmp, f"{stem}.{kind}.txt")
                with open(copy, "w", encoding="utf-8") as fh:
                    fh.write("\n".join(new_lines))
                after = findings(binary, copy)
                # Lines after a split title move down by one: compare against the shifted clean set.
                shift = 1 if kind == "title_stop_two_lines" else 0
                first = min(at)
                base = Counter(((l + shift if l > first else l), r) for (l, r), c in before.items() for _ in range(c))
                hits = Counter((f["line"], f["rule"]) for f in after
                               if f["line"] in at and f["rule"].startswith(family))
                ok = any(c > base.get(key, 0) for key, c in hits.items())
                planted[kind] += 1
                found[kind] += ok
                if not ok:
                    misses.append(f"{stem} {kind} line {sorted(at)}: " + " / ".join(new_lines[l - 1][:60] for l in sorted(at)))
    print("planted errors found, per kind:")
    for kind in FAMILY:
        if planted[kind]:
            print(f"  {kind:24} {found[kind]:3}/{planted[kind]:3}")
    tp, tf = sum(planted.values()), sum(found.values())
    print(f"  {'all':24} {tf:3}/{tp:3} = {tf / max(tp, 1):.3f}")
    counts = list(clean_counts.values())
    print(f"findings on the {len(counts)} clean drafts: {sum(counts)}, mean {sum(counts) / max(len(counts), 1):.2f}, "
          f"max {max(counts, default=0)} ({max(clean_counts, key=clean_counts.get) if counts else '-'})")
    if show:
        for m in misses:
            print("miss", m)
        for c in clean_list:
            print("clean", c)
    return 0 if tf >= 0.95 * tp else 1


if __name__ == "__main__":
    sys.exit(main())
