#!/usr/bin/env python3
"""Write RSS 2.0 feeds of Persian news items for the feed benchmark.

    gen-feed.py [--items N] [--feeds K] [--body-bytes B] [--needle I]
                [--seed FILE] OUTDIR

Writes OUTDIR/feed-1.xml ... OUTDIR/feed-K.xml, N items in all (split
evenly), each with a title, link, guid, RFC 822 date, categories and an
HTML description of at least B bytes (default 4096: about 4 KB) made by
recombining the sentences of the seed article.  The same arguments always
give the same bytes.

With --needle, item I is titled "Needle in a haystack KH-<I>": words no
other headline has, so a search for "haystack" finds that item alone and
no near-duplicate grouping can hide it.

Every item title ends with an ASCII tag "KH-<number>" and every feed title
is "Akhbar bench <k>", so a benchmark can tell from a terminal's raw output
when a headline list or a feed list has been drawn, whatever the bidi
handling of the program under test.
"""

import argparse
import email.utils
import os
import random
import re
import sys

NEEDLE_TITLE = "Needle in a haystack"
# 2024-03-01 12:00:00 UTC; items go back from there, newest first.
NEWEST = 1709294400


def seed_text(path):
    """Sentences and words of the seed article (site line and credit left
    out)."""
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip()]
    body = [l for l in lines[1:] if not l.startswith("منبع")]
    sentences = []
    for line in body:
        for s in re.split(r"(?<=[.!؟?])\s+|،\s*", line):
            s = s.strip()
            s = s.strip().rstrip(".!؟?:؛")
            if len(s) > 12:
                sentences.append(s)
    words = sorted({w.strip(".,:;!؟?«»؛()") for s in sentences
                    for w in s.split()} - {""})
    words = [w for w in words if len(w) > 1]
    headlines = [l for l in lines if 20 < len(l) < 90 and "." not in l]
    return sentences, words, headlines


def paragraph(rng, sentences, words, i):
    """A paragraph of 2-5 recombined sentences, now and then with markup of
    the kinds feeds send."""
    parts = []
    for _ in range(rng.randint(2, 5)):
        s = rng.choice(sentences)
        if rng.random() < 0.3:
            # Swap in a few other words so paragraphs are not copies.
            ws = s.split()
            for _ in range(3):
                ws[rng.randrange(len(ws))] = rng.choice(words)
            s = " ".join(ws)
        parts.append(s)
    text = "، ".join(parts) + "."
    r = rng.random()
    if r < 0.15:
        w = rng.choice(words)
        text = (f'<a href="http://127.0.0.1/news/{i}/related">{w}</a> '
                + text)
    elif r < 0.3:
        text = f"<strong>{rng.choice(words)}:</strong> " + text
    elif r < 0.35:
        text += f' <img src="http://127.0.0.1/img/{i}.jpg" alt="{rng.choice(words)}">'
    return f"<p>{text}</p>"


def description(rng, sentences, words, i, body_bytes):
    out = []
    size = 0
    while size < body_bytes:
        p = paragraph(rng, sentences, words, i)
        out.append(p)
        size += len(p.encode("utf-8")) + 1
    return "\n".join(out)


def title(rng, headlines, words, n):
    base = rng.choice(headlines).split()
    for _ in range(2):
        base[rng.randrange(len(base))] = rng.choice(words)
    return " ".join(base) + f" KH-{n}"


def write_feed(path, k, first, count, data, seed, body_bytes, needle):
    sentences, words, headlines = data
    rng = random.Random(seed * 1000003 + k)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<rss version="2.0">\n<channel>\n'
                f"<title>Akhbar bench {k}</title>\n"
                f"<link>http://127.0.0.1/{k}/</link>\n"
                "<description>اخبار نمونه برای سنجش</description>\n"
                "<language>fa</language>\n")
        for n in range(first, first + count):
            # Newest first, about 7 minutes apart across all feeds.
            t = NEWEST - n * 397
            date = email.utils.formatdate(t, usegmt=True)
            cats = rng.sample(words, 2)
            desc = description(rng, sentences, words, n, body_bytes)
            head = title(rng, headlines, words, n)
            if n == needle:
                head = f"{NEEDLE_TITLE} KH-{n}"
            f.write("<item>\n"
                    f"<title>{head}</title>\n"
                    f"<link>http://127.0.0.1/news/{n}</link>\n"
                    f'<guid isPermaLink="false">bench-{k}-{n}</guid>\n'
                    f"<pubDate>{date}</pubDate>\n"
                    f"<category>{cats[0]}</category>\n"
                    f"<category>{cats[1]}</category>\n"
                    f"<description><![CDATA[{desc}]]></description>\n"
                    "</item>\n")
        f.write("</channel>\n</rss>\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--feeds", type=int, default=1)
    ap.add_argument("--body-bytes", type=int, default=4096)
    ap.add_argument("--needle", type=int, default=-1)
    ap.add_argument("--seed", default=os.path.join(
        here, "..", "seeds", "000_8cb5c2daadf7745d.txt"))
    ap.add_argument("outdir")
    args = ap.parse_args()
    if args.items < 1 or args.feeds < 1 or args.feeds > args.items:
        ap.error("need 1 <= feeds <= items")
    if args.body_bytes < 1:
        ap.error("need --body-bytes >= 1")
    data = seed_text(args.seed)
    if not data[0] or not data[2]:
        sys.exit(f"gen-feed: {args.seed}: no sentences to recombine")
    os.makedirs(args.outdir, exist_ok=True)
    first = 0
    for k in range(1, args.feeds + 1):
        count = args.items // args.feeds + (k <= args.items % args.feeds)
        write_feed(os.path.join(args.outdir, f"feed-{k}.xml"), k, first,
                   count, data, 1, args.body_bytes, args.needle)
        first += count


if __name__ == "__main__":
    main()
