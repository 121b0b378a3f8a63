#!/usr/bin/env python3
"""Assembles the corpus parts written for this project into the fixed train/test split.

  python3 data/assemble.py PART.jsonl [PART.jsonl ...]

Every article goes to data/test.jsonl when int(sha1(id), 16) % 5 == 0, else to data/train.jsonl;
the split depends only on the id, so adding articles never moves existing ones. Checks each
record (fields, labels, language, length) and prints the counts the datasheet reports.
"""
import collections, hashlib, json, sys

LABELS = {"security_alliance", "military_exercise", "sanctions"}
rows, seen = [], set()
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        assert set(r) >= {"id", "title", "text", "labels", "lang"}, f"{path}:{n}: fields"
        assert r["id"] not in seen, f"{path}:{n}: duplicate id {r['id']}"
        assert set(r["labels"]) <= LABELS and r["labels"] == sorted(set(r["labels"])), f"{path}:{n}"
        assert r["lang"] in ("ar", "en"), f"{path}:{n}: lang"
        seen.add(r["id"])
        rows.append({k: r[k] for k in ("id", "title", "text", "labels", "lang")})
rows.sort(key=lambda r: r["id"])
split = {"train": [], "test": []}
for r in rows:
    split["test" if int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 5 == 0 else "train"].append(r)
for name, part in split.items():
    with open(f"data/{name}.jsonl", "w", encoding="utf-8") as f:
        for r in part:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

def counts(part):
    c = collections.Counter()
    for r in part:
        c["articles"] += 1
        c["lang " + r["lang"]] += 1
        for l in r["labels"]:
            c[l] += 1
        c["no topic" if not r["labels"] else ("2-3 topics" if len(r["labels"]) > 1 else "1 topic")] += 1
    return c

total = counts(rows)
print(f"{'':<20}{'all':>8}{'train':>8}{'test':>8}")
tr, te = counts(split["train"]), counts(split["test"])
for k in ["articles", "lang ar", "lang en", "security_alliance", "military_exercise", "sanctions",
          "no topic", "1 topic", "2-3 topics"]:
    print(f"{k:<20}{total[k]:>8}{tr[k]:>8}{te[k]:>8}")
words = sorted(len(r["text"].split()) for r in rows)
print(f"body words: min {words[0]}, median {words[len(words)//2]}, max {words[-1]}")
