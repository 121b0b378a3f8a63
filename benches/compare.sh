#!/usr/bin/env bash
# Runs classify, scikit-learn and fastText on the ANT corpus split and prints one table.
#
#   benches/compare.sh [ANT.jsonl.gz] [OUTDIR]
#
# Split: sha1(id) % 5 == 0 → test, the rest train; text = title + "\n" + text; label: category.
# Needs: python3 with scikit-learn and fasttext-numpy2, /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
ANT=${1:-../shared/data/ant.jsonl.gz}
OUT=${2:-bench-out}
mkdir -p "$OUT"
if [ ! -x /usr/bin/time ]; then echo "needs GNU time: apt-get install time" >&2; exit 1; fi
cargo build --release --quiet
BIN=target/release/classify

python3 - "$ANT" "$OUT" <<'PY'
import gzip, hashlib, json, sys
ant, out = sys.argv[1], sys.argv[2]
n = {"train": 0, "test": 0}
with gzip.open(ant, "rt", encoding="utf-8") as f, \
     open(f"{out}/train.jsonl", "w", encoding="utf-8") as tr, \
     open(f"{out}/test.jsonl", "w", encoding="utf-8") as te:
    for line in f:
        r = json.loads(line)
        rec = {"id": str(r["id"]), "title": r.get("title") or "", "text": r.get("text") or "", "category": r["category"]}
        part = "test" if int(hashlib.sha1(str(r["id"]).encode()).hexdigest(), 16) % 5 == 0 else "train"
        (te if part == "test" else tr).write(json.dumps(rec, ensure_ascii=False) + "\n")
        n[part] += 1
print(f"split: {n['train']} train, {n['test']} test", file=sys.stderr)
PY

rss() { grep "Maximum resident" "$1" | awk '{print $6}'; }
wall() { grep "Elapsed (wall" "$1" | awk '{print $8}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }

# classify: train (no held-out folds: the peers fit one model too), then label the test set.
/usr/bin/time -v $BIN train --data "$OUT/train.jsonl" --label-field category --folds 0 \
  --model "$OUT/ant.model" > "$OUT/classify-train.txt" 2> "$OUT/classify-train.time"
# Labelling takes a fraction of a second, so one run is at the mercy of the host: it runs
# LABEL_RUNS times and the table reports the run with the median wall time.
LABEL_RUNS=${LABEL_RUNS:-5}
for i in $(seq "$LABEL_RUNS"); do
  /usr/bin/time -v $BIN label --model "$OUT/ant.model" "$OUT/test.jsonl" \
    > "$OUT/classify-labels.jsonl" 2> "$OUT/classify-label-$i.time"
done
$BIN eval --json --model "$OUT/ant.model" --data "$OUT/test.jsonl" > "$OUT/classify-eval.json"

# peers: each in its own process so peak RSS is its own.
for sys in sklearn fasttext; do
  /usr/bin/time -v python3 ../shared/tools/baseline.py --train "$OUT/train.jsonl" --test "$OUT/test.jsonl" \
    --field category --only $sys > "$OUT/$sys.json" 2> "$OUT/$sys.time"
done

python3 - "$OUT" "$LABEL_RUNS" <<PY
import json, sys
out = sys.argv[1]
def rss(name):
    for l in open(f"{out}/{name}.time"):
        if "Maximum resident" in l: return int(l.split()[-1]) / 1024
def wall(name):
    for l in open(f"{out}/{name}.time"):
        if "Elapsed (wall" in l:
            parts = l.split()[-1].split(":")
            return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
n_test = sum(1 for _ in open(f"{out}/test.jsonl"))
runs = sorted((wall(f"classify-label-{i}"), f"classify-label-{i}") for i in range(1, int(sys.argv[2]) + 1))
label_wall, label_run = runs[len(runs) // 2]
ev = json.load(open(f"{out}/classify-eval.json"))
rows = [("classify", ev["accuracy"], ev["macro_f1"], wall("classify-train"), n_test / label_wall,
         max(rss("classify-train"), max(rss(r) for _, r in runs)))]
for s in ("sklearn", "fasttext"):
    r = json.loads(open(f"{out}/{s}.json").read().strip().splitlines()[-1])
    rows.append((s, r["accuracy"], r["macro_f1"], r["fit_s"], r["docs_per_s"], rss(s)))
print(f"{'system':<10}{'accuracy':>10}{'macro-F1':>10}{'train s':>10}{'label docs/s':>14}{'peak RSS MB':>13}")
for name, acc, f1, tr, dps, mem in rows:
    print(f"{name:<10}{acc:>10.4f}{f1:>10.4f}{tr:>10.1f}{dps:>14.0f}{mem:>13.0f}")
c = rows[0]
for peer in rows[1:]:
    print(f"classify vs {peer[0]}: train time x{c[3]/peer[3]:.2f}, label speed x{c[4]/peer[4]:.2f}, peak RSS x{c[5]/peer[5]:.2f}, accuracy {c[1]-peer[1]:+.4f}")
print("(classify: label docs/s is the whole process, JSONL in -> JSONL out; peers: predict step only, as baseline.py reports)")
print(f"(classify label wall times over {len(runs)} runs: " + ", ".join(f"{w:.2f}" for w, _ in runs)
      + f" s; the median is reported, i.e. {n_test / runs[-1][0]:.0f} to {n_test / runs[0][0]:.0f} docs/s)")
PY
