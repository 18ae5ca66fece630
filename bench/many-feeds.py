#!/usr/bin/env python3
"""The feed list with many feeds: start to feed list, G to its last feed,
and peak memory, with 100 and with 5,000 feeds, in one run.

    bench/many-feeds.py [--dir DIR] [--counts N,N] [--runs R]

For each count: N feeds of 20 short items each (files "Feed N" with
file: URLs in a urls file of their own), refreshed into a cache of their
own in DIR (default: a temporary folder removed at the end), then R
sessions (default 5) of the reader on a 120x40 pseudo-terminal
(build/bench/screen-time), each timing:

  start to feed list   exec until "Feed 00001" shows
  G                    until the last feed's name shows
  peak memory          the reader's VmHWM at the end

The medians are printed as a table with the ratio of the largest count
to the smallest.  See bench/README.md ("many feeds").
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from million import TOP, program_env

ITEMS = 20


def feed(n):
    items = "".join(
        f"<item><title>Story {i} of feed {n}</title><guid>f{n}-{i}</guid>"
        f"<pubDate>Mon, 01 Jan 2024 {i % 24:02d}:00:00 GMT</pubDate>"
        "</item>\n" for i in range(ITEMS))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
            f"<channel><title>Feed {n:05d}</title>\n{items}</channel></rss>\n")


def build(folder, count, akhbar):
    cache = os.path.join(folder, "cache.db")
    if os.path.exists(cache):
        return
    feeds = os.path.join(folder, "feeds")
    os.makedirs(feeds, exist_ok=True)
    with open(os.path.join(folder, "urls"), "w") as urls:
        for n in range(1, count + 1):
            path = os.path.join(feeds, f"{n}.xml")
            with open(path, "w") as f:
                f.write(feed(n))
            urls.write(f"file://{path}\n")
    subprocess.run([akhbar, "--urls", os.path.join(folder, "urls"),
                    "--cache", cache, "--refresh"], check=True,
                   stdout=subprocess.DEVNULL, env=program_env(folder))


def session(folder, count, args):
    script = os.path.join(folder, "script")
    with open(script, "w") as f:
        f.write("start\nuntil feeds Feed 00001\npress G\n"
                f"until last Feed {count:05d}\nmemory peak\ntype Q\n")
    p = subprocess.run([args.screen_time, "-s", "120x40", "-t", "120",
                        script, "--", args.akhbar, "--urls",
                        os.path.join(folder, "urls"), "--cache",
                        os.path.join(folder, "cache.db")],
                       capture_output=True, text=True,
                       env=program_env(folder))
    if p.returncode:
        sys.exit(f"{count} feeds: the session failed: {p.stderr}")
    return {k: float(v) for k, v in (l.split() for l in p.stdout.split("\n")
                                     if l)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir")
    ap.add_argument("--counts", default="100,5000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    args = ap.parse_args()
    args.akhbar = os.path.join(args.build, "akhbar")
    args.screen_time = os.path.join(args.build, "bench", "screen-time")
    top = args.dir or tempfile.mkdtemp(prefix="akhbar-many-")
    counts = [int(c) for c in args.counts.split(",")]
    medians = {}
    for count in counts:
        folder = os.path.join(top, str(count))
        os.makedirs(folder, exist_ok=True)
        build(folder, count, args.akhbar)
        runs = [session(folder, count, args) for _ in range(args.runs)]
        medians[count] = {k: statistics.median(r[k] for r in runs)
                          for k in runs[0]}
    if not args.dir:
        shutil.rmtree(top)
    first, last = counts[0], counts[-1]
    print(f"| screen | {' | '.join(f'{c:,} feeds' for c in counts)} "
          f"| {last:,} / {first:,} |")
    print("| --- |" + " ---: |" * (len(counts) + 1))
    for key, name, unit, scale in (("feeds", "start to feed list", "ms",
                                    1000),
                                   ("last", "G (last feed shown)", "ms",
                                    1000),
                                   ("peak", "peak memory", "MiB",
                                    1 / 1024)):
        cells = " | ".join(f"{medians[c][key] * scale:.1f} {unit}"
                           for c in counts)
        print(f"| {name} | {cells} | "
              f"{medians[last][key] / medians[first][key]:.2f} |")


if __name__ == "__main__":
    main()
