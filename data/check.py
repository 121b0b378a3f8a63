#!/usr/bin/env python3
"""Checks a corpus part file: counts per label set and language, word lengths, problems."""
import json, sys, collections
LABELS = {"security_alliance", "military_exercise", "sanctions"}
path = sys.argv[1]
ids, titles, problems = set(), set(), []
sets, langs, lens = collections.Counter(), collections.Counter(), []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        r = json.loads(line)
    except Exception as e:
        problems.append(f"line {n}: bad JSON: {e}"); continue
    for k in ("id", "title", "text", "labels", "lang"):
        if k not in r: problems.append(f"line {n}: missing {k}")
    if r.get("id") in ids: problems.append(f"line {n}: duplicate id {r.get('id')}")
    ids.add(r.get("id"))
    if r.get("title") in titles: problems.append(f"line {n}: duplicate title")
    titles.add(r.get("title"))
    labs = r.get("labels", [])
    if not isinstance(labs, list) or set(labs) - LABELS or labs != sorted(set(labs)):
        problems.append(f"line {n}: labels must be a sorted list of {sorted(LABELS)}: {labs}")
    if r.get("lang") not in ("ar", "en"): problems.append(f"line {n}: lang must be ar or en")
    w = len(r.get("text", "").split())
    lo, hi = (90, 340) if r.get("lang") == "ar" else (60, 270)
    if not lo <= w <= hi: problems.append(f"line {n}: body has {w} words (want {lo}-{hi})")
    lens.append(w)
    sets["+".join(labs) or "(none)"] += 1
    langs[r.get("lang")] += 1
print(f"{len(ids)} articles; languages {dict(langs)}")
for k, v in sets.most_common(): print(f"  {v:4d}  {k}")
if lens:
    s = sorted(lens); print(f"words: min {s[0]} median {s[len(s)//2]} max {s[-1]}")
print(f"{len(problems)} problems"); [print("  " + p) for p in problems[:40]]
