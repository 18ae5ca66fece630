#!/usr/bin/env python3
"""Score extracted article bodies against the marked ones, as the article
extraction benchmark does: the bodies split into words (\\w+), the word
4-grams of each counted, and for each page the shared ones (true
positives), those only extracted (false positives) and those only marked
(false negatives), normalised by the page's total.  Precision is the mean
over the pages where something was extracted, recall the mean over all
pages, F1 from the two means.

usage: extract-score.py GROUND-TRUTH.json EXTRACTED.json [N]
prints the scores and the N (default 5) worst pages by F1."""
import json
import re
import statistics
import sys
from collections import Counter


def shingles(text, n=4):
    words = re.findall(r"\w+", text or "", re.UNICODE)
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def counts(truth, got):
    t, g = shingles(truth), shingles(got)
    tp = sum((t & g).values())
    fp = sum((g - t).values())
    fn = sum((t - g).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0, 0, 0)


def main():
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    got = json.load(open(sys.argv[2], encoding="utf-8"))
    worst_n = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    scores = {}
    for key, item in truth.items():
        body = got.get(key, {}).get("articleBody", "")
        scores[key] = counts(item["articleBody"], body)
    precisions = [tp / (tp + fp) for tp, fp, fn in scores.values()
                  if tp + fp > 0]
    recalls = [tp / (tp + fn) if tp + fn > 0 else 0
               for tp, fp, fn in scores.values()]
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    f1 = 2 * p * r / (p + r) if p + r else 0
    print(f"precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
          f"({len(scores)} pages)")

    def page_f1(key):
        tp, fp, fn = scores[key]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0
    for key in sorted(scores, key=page_f1)[:worst_n]:
        tp, fp, fn = scores[key]
        print(f"  F1 {page_f1(key):.3f}  tp {tp:.2f} fp {fp:.2f} "
              f"fn {fn:.2f}  {key[:12]}  {truth[key]['url']}")


if __name__ == "__main__":
    main()
