#!/usr/bin/env python3
"""Every screen of the reader at 10,000, 100,000 and 1,000,000 items, and
newsboat's at 100,000, in one run.

    bench/million.py [--dir DIR] [--sizes N,N,...] [--runs R]
                     [--newsboat N|0] [--rebuild] [--build DIR]

For each size: one feed of N short items (bench/gen-feed.py with
--body-bytes 200, item N/2 titled "Needle in a haystack") ingested by
`akhbar --refresh` from a file: URL into a cache of its own, kept in DIR
(default: a temporary folder removed at the end) and used again by later
runs while its parameters and the cache's schema are the same.  Then R
sessions (default 3) of the reader on a 120x40 pseudo-terminal
(build/bench/screen-time, libvterm), each timing in turn:

  start to feed list    exec until the feed's title shows
  Enter to headlines    until a headline ("KH-") shows
  page down             until a headline below the first page shows
  search jump           "/haystack", Enter: until the needle's row shows
  G                     until a headline of the last tenth shows
  open article          Enter on it: until the article view's date shows
  peak memory           the reader's VmHWM at the end of the session

and R times, build/bench/related-time on the cache: the related stories
and near-duplicates of 200 random items (what opening an item asks the
index).  newsboat gets the N-item feed over loopback HTTP
(bench/serve.py) into its own cache and the same session (End for G,
its search results list for the search).  The medians of the R runs are
printed as a table with the ratio of the largest size to the smallest,
the goals met or not, and akhbar / newsboat at newsboat's size.  See
bench/README.md ("million").
"""

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BODY_BYTES = 200
SIZE = "120x40"

# The screens in the order a session shows them, with their labels.
SCREENS = [
    ("feeds", "start to feed list"),
    ("headlines", "Enter to headlines"),
    ("pagedown", "page down"),
    ("search", "search jump (/ a word, Enter)"),
    ("last", "G (last headline shown)"),
    ("article", "open an article (Enter)"),
]

# The goals, at the largest size against the smallest.
RATIO_MAX = 2.0
HEADLINES_MAX = 0.050
MEMORY_MAX_MIB = 32
RELATED_MEDIAN_MAX = 20.0
RELATED_P95_MAX = 30.0


def akhbar_script(items):
    return f"""start
until feeds Akhbar bench 1
press <Enter>
until headlines KH-
press <PgDn>
until-number pagedown KH- +
type /haystack
press <Enter>
until search haystack
press G
until-number last KH- {items - items // 10}
press <Enter>
until article UTC
memory peak
type Q
"""


def newsboat_script(items):
    # The search shows its results as a list of their own: q goes back.
    return f"""start
until feeds Akhbar bench 1
press <Enter>
until headlines KH-
press <PgDn>
until-number pagedown KH- +
type /haystack
press <Enter>
until search haystack
type q
press <End>
until-number last KH- {items - items // 10}
press <Enter>
until article Date:
memory peak
type Q
"""


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def program_env(home):
    for d in ("config", "data", "cache"):
        os.makedirs(os.path.join(home, d), exist_ok=True)
    env = dict(os.environ)
    for k in ("NO_COLOR", "TMUX", "LINES", "COLUMNS", "LANGUAGE",
              "ESCDELAY"):
        env.pop(k, None)
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CACHE_HOME=os.path.join(home, "cache"),
               TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               TZ="UTC")
    return env


def schema_version(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def current_schema(akhbar, tmp):
    """The schema version of a cache this akhbar makes."""
    urls = os.path.join(tmp, "no-urls")
    cache = os.path.join(tmp, "schema.db")
    open(urls, "w").close()
    subprocess.run([akhbar, "--urls", urls, "--cache", cache, "--refresh"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return schema_version(cache)


def commit():
    r = subprocess.run(["git", "-C", TOP, "describe", "--always", "--dirty"],
                       capture_output=True, text=True)
    return r.stdout.strip() or "?"


def ensure_feed(args, folder, items):
    """folder/feed-1.xml with items short items, made now unless a feed
    made with the same parameters is there: the seconds it took, or 0."""
    os.makedirs(folder, exist_ok=True)
    stamp_path = os.path.join(folder, "feed.json")
    want = {"items": items, "body_bytes": BODY_BYTES, "needle": items // 2}
    feed = os.path.join(folder, "feed-1.xml")
    fresh = folder in args.made_feeds or not args.rebuild
    if fresh and os.path.exists(stamp_path) and os.path.exists(feed):
        with open(stamp_path) as f:
            if json.load(f) == want:
                return 0
    log(f"{items}: generating the feed")
    t = time.monotonic()
    run([sys.executable, os.path.join(HERE, "gen-feed.py"), "--items",
         str(items), "--feeds", "1", "--body-bytes", str(BODY_BYTES),
         "--needle", str(want["needle"]), folder])
    with open(stamp_path, "w") as f:
        json.dump(want, f)
    args.made_feeds.add(folder)
    return time.monotonic() - t


def remove_cache(path):
    for tail in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + tail):
            os.remove(path + tail)


def build_akhbar(args, folder, items, schema, tmp):
    """The akhbar cache of items at folder/cache.db: kept when it was
    built with the same parameters and schema, else built now.  Returns
    what the stamp says."""
    stamp_path = os.path.join(folder, "akhbar.json")
    want = {"items": items, "body_bytes": BODY_BYTES, "schema": schema}
    cache = os.path.join(folder, "cache.db")
    if not args.rebuild and os.path.exists(stamp_path) and \
            os.path.exists(cache):
        with open(stamp_path) as f:
            stamp = json.load(f)
        if all(stamp.get(k) == v for k, v in want.items()) and \
                schema_version(cache) == schema:
            log(f"{items}: the cache in {folder} is kept "
                f"(built at {stamp['commit']})")
            return stamp
    gen = ensure_feed(args, folder, items)
    feed = os.path.join(folder, "feed-1.xml")
    with open(os.path.join(folder, "urls"), "w") as f:
        f.write(f"file://{feed}\n")
    remove_cache(cache)
    log(f"{items}: ingesting {os.path.getsize(feed) >> 20} MiB")
    t = time.monotonic()
    run([args.akhbar, "--urls", os.path.join(folder, "urls"), "--cache",
         cache, "--refresh", "--timeout=86400", "--max-size=4096"],
        env=program_env(os.path.join(tmp, "home-ingest")),
        stdout=subprocess.DEVNULL)
    stamp = dict(want, commit=commit(), generate_s=gen,
                 ingest_s=time.monotonic() - t,
                 built=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)
    return stamp


class Server:
    """bench/serve.py on the folder, stopped when done."""

    def __init__(self, folder, tmp):
        portfile = os.path.join(tmp, "port")
        if os.path.exists(portfile):
            os.remove(portfile)
        self.proc = subprocess.Popen([sys.executable,
                                      os.path.join(HERE, "serve.py"),
                                      folder, portfile])
        for _ in range(100):
            if os.path.exists(portfile):
                break
            time.sleep(0.1)
        with open(portfile) as f:
            self.port = int(f.read())

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait()


def build_newsboat(args, folder, items, tmp):
    """newsboat's cache of the same feed, fetched over loopback HTTP, in
    folder/newsboat; kept as build_akhbar's is.  Its urls file keeps the
    address it was fetched from: newsboat finds a feed's items by it."""
    nb = os.path.join(folder, "newsboat")
    stamp_path = os.path.join(nb, "newsboat.json")
    version = subprocess.run(["newsboat", "-v"], capture_output=True,
                             text=True).stdout.split("\n")[0]
    want = {"items": items, "body_bytes": BODY_BYTES, "version": version}
    if not args.rebuild and os.path.exists(stamp_path):
        with open(stamp_path) as f:
            stamp = json.load(f)
        if all(stamp.get(k) == v for k, v in want.items()):
            log(f"{items}: newsboat's cache in {nb} is kept")
            return stamp
    ensure_feed(args, folder, items)
    shutil.rmtree(nb, ignore_errors=True)
    os.makedirs(nb)
    newsboat_config(nb)
    server = Server(folder, tmp)
    try:
        with open(os.path.join(nb, "urls"), "w") as f:
            f.write(f"http://127.0.0.1:{server.port}/feed-1.xml\n")
        log(f"{items}: newsboat -x reload")
        t = time.monotonic()
        run(newsboat_command(nb) + ["-x", "reload"],
            env=program_env(os.path.join(tmp, "home-nb")),
            stdout=subprocess.DEVNULL)
        ingest = time.monotonic() - t
    finally:
        server.stop()
    stamp = dict(want, ingest_s=ingest)
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)
    return stamp


def newsboat_config(nb):
    """Every item kept, newest first as akhbar lists them (newsboat's
    date-asc: its default, "date", lists the oldest first), one time limit
    for the big feed."""
    with open(os.path.join(nb, "config"), "w") as f:
        f.write("max-items 0\narticle-sort-order date-asc\n"
                "download-timeout 600\n")


def newsboat_command(nb):
    return ["newsboat", "-u", os.path.join(nb, "urls"), "-c",
            os.path.join(nb, "cache.db"), "-C", os.path.join(nb, "config")]


def akhbar_command(args, folder):
    return [args.akhbar, "--urls", os.path.join(folder, "urls"), "--cache",
            os.path.join(folder, "cache.db")]


def warm(path):
    """Read a cache file once, so every run finds it in the page cache."""
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def parse_run(out):
    """A session's figures: {screen: (value, over)}, over when the value
    is only a lower bound (the screen did not show in time; the peak
    memory of a session that did not end)."""
    run = {}
    for line in out.splitlines():
        key, value = line.split()
        if key == "peak-so-far":
            run["peak"] = (float(value), True)
        else:
            run[key] = (float(value.lstrip(">")), value.startswith(">"))
    return run


def sessions(args, name, script, command, home):
    """RUNS sessions of the script, each as parse_run gives it; they stop
    at the first whose screen did not show in time."""
    path = os.path.join(home, "script")
    os.makedirs(home, exist_ok=True)
    with open(path, "w") as f:
        f.write(script)
    runs = []
    for r in range(args.runs):
        p = subprocess.run([args.screen_time, "-s", SIZE, "-t",
                            str(args.timeout), path, "--"] + command,
                           env=program_env(home), capture_output=True,
                           text=True)
        runs.append(parse_run(p.stdout))
        log(f"{name} run {r + 1}: " + ", ".join(
            f"{k} {fmt(k, v)}" for k, v in runs[-1].items()))
        if p.returncode != 0:
            log(f"{name}: run {r + 1} failed:\n{p.stderr}")
            break
    return runs


def summary(runs):
    """Each screen's median (s) and the highest peak (KiB) of the runs
    that got there, as (value, over); a lower bound is taken only when no
    run has the figure itself."""
    out = {}
    for key in [k for k, _ in SCREENS] + ["peak"]:
        exact = [r[key][0] for r in runs if key in r and not r[key][1]]
        over = [r[key][0] for r in runs if key in r and r[key][1]]
        if exact:
            pick = max if key == "peak" else statistics.median
            out[key] = (pick(exact), False)
        elif over:
            out[key] = (max(over), True)
    return out


def related(args, folder):
    """related-time RUNS times on the cache: each figure the median of
    the runs, as for the screens."""
    runs = {}
    for _ in range(args.runs):
        p = run([args.related_time, os.path.join(folder, "cache.db")],
                capture_output=True, text=True)
        for line in p.stdout.splitlines():
            what, median, p95 = line.split()
            runs.setdefault(what, []).append((float(median), float(p95)))
    return {what: (statistics.median(m for m, _ in figures),
                   statistics.median(p for _, p in figures))
            for what, figures in runs.items()}


def fmt(key, figure):
    """A figure as the table shows it: a time, or memory for "peak"; "-"
    when it was not measured."""
    if figure is None:
        return "-"
    value, over = figure
    if key.startswith("peak"):
        text = f"{value / 1024:.1f} MiB"
        return "at least " + text if over else text
    text = f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return "over " + text if over else text


def size_label(n):
    for div, unit in ((1000000, "M"), (1000, "k")):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


def ratio_of(hi, lo):
    """hi / lo as (value, over), or None."""
    if hi is None or lo is None or lo[0] <= 0 or lo[1]:
        return None
    return (hi[0] / lo[0], hi[1])


def fmt_ratio(r):
    if r is None:
        return "-"
    return f"{'over ' if r[1] else ''}{r[0]:.2f}"


def table(sizes, results, rel):
    """The table of every figure at every size; returns the ratios of the
    largest size to the smallest."""
    lo, hi = sizes[0], sizes[-1]
    print("| screen | " + " | ".join(size_label(n) for n in sizes) +
          f" | {size_label(hi)} / {size_label(lo)} |")
    print("| --- |" + " ---: |" * (len(sizes) + 1))
    ratios = {}

    def row(label, key, values):
        figures = [values.get(n) for n in sizes]
        ratios[key] = ratio_of(figures[-1], figures[0])
        print(f"| {label} | " + " | ".join(fmt(key, v) for v in figures) +
              f" | {fmt_ratio(ratios[key])} |")

    for key, label in SCREENS + [("peak", "peak memory (RSS, the session)")]:
        row(label, key, {n: results[n].get(key) for n in sizes})
    for what, label in (("related", "related stories of an item"),
                        ("duplicates", "near-duplicates of an item")):
        for i, which in ((0, "median"), (1, "p95")):
            row(f"{label} ({which})", f"{what}.{which}",
                {n: (rel[n][what][i] / 1000, False) for n in sizes
                 if rel.get(n)})
    return ratios


def under(figure, limit):
    return figure is not None and not figure[1] and figure[0] < limit


def goals(sizes, results, rel, ratios):
    hi = sizes[-1]
    at = size_label(hi)
    print()
    print(f"Goals (at {at} items, ratios {at} / {size_label(sizes[0])}):")
    checks = []
    for key, label in SCREENS + [("related.median",
                                  "related stories (median)"),
                                 ("peak", "peak memory")]:
        checks.append((f"{label}: ratio under {RATIO_MAX:g}",
                       under(ratios.get(key), RATIO_MAX),
                       fmt_ratio(ratios.get(key))))
    h = results[hi].get("headlines")
    checks.append((f"Enter to headlines under {HEADLINES_MAX * 1000:.0f} ms",
                   under(h, HEADLINES_MAX), fmt("headlines", h)))
    m = results[hi].get("peak")
    checks.append((f"peak memory under {MEMORY_MAX_MIB} MiB",
                   under(m, MEMORY_MAX_MIB * 1024), fmt("peak", m)))
    for i, which, limit in ((0, "median", RELATED_MEDIAN_MAX),
                            (1, "p95", RELATED_P95_MAX)):
        r = (rel[hi]["related"][i], False) if rel.get(hi) else None
        checks.append((f"related stories: {which} under {limit:g} ms",
                       under(r, limit),
                       "-" if r is None else f"{r[0]:.1f} ms"))
    for label, ok, figure in checks:
        print(f"- [{'x' if ok else ' '}] {label} ({figure}): "
              f"{'met' if ok else 'NOT met'}")
    met = sum(ok for _, ok, _ in checks)
    print(f"{met} of {len(checks)} goals met")


def versus_newsboat(n, ak, nb):
    print()
    print(f"akhbar against newsboat at {size_label(n)} items "
          "(under 1: akhbar is faster or smaller)")
    print()
    print("| screen | newsboat | akhbar | akhbar / newsboat |")
    print("| --- | ---: | ---: | ---: |")
    for key, label in SCREENS + [("peak", "peak memory (RSS)")]:
        a, b = ak.get(key), nb.get(key)
        r = ratio_of(a, b)
        print(f"| {label} | {fmt(key, b)} | {fmt(key, a)} | "
              f"{'-' if r is None else f'{r[0]:.3f}'} |")


def options():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", help="keep the feeds and caches here "
                    "(default: a temporary folder, removed at the end)")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--newsboat", type=int, default=100000,
                    help="newsboat's size, one of --sizes; 0: none")
    ap.add_argument("--rebuild", action="store_true",
                    help="generate the feeds and build the caches again")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds a screen may take (default 900)")
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    args = ap.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.sizes[0] < 20 or args.runs < 1:
        ap.error("sizes of at least 20 items, at least one run")
    if args.newsboat and args.newsboat not in args.sizes:
        ap.error("--newsboat must be one of --sizes (or 0)")
    args.made_feeds = set()  # the feeds made in this run
    args.akhbar = os.path.join(args.build, "akhbar")
    args.screen_time = os.path.join(args.build, "bench", "screen-time")
    args.related_time = os.path.join(args.build, "bench", "related-time")
    for p in (args.akhbar, args.screen_time, args.related_time):
        if not os.access(p, os.X_OK):
            ap.error(f"{p} is missing: ./setup.sh (with libvterm-dev) "
                     f"and make -C {args.build} bench/screen-time "
                     "bench/related-time")
    if args.newsboat and not shutil.which("newsboat"):
        ap.error("newsboat is missing: apt-get install newsboat "
                 "(or --newsboat 0)")
    return args


def measure(args, base, tmp):
    schema = current_schema(args.akhbar, tmp)
    stamps, results, rel = {}, {}, {}
    for n in args.sizes:
        stamps[n] = build_akhbar(args, os.path.join(base, str(n)), n,
                                 schema, tmp)
    nb_stamp = None
    if args.newsboat:
        nb_stamp = build_newsboat(args, os.path.join(base,
                                                     str(args.newsboat)),
                                  args.newsboat, tmp)
    load_before = open("/proc/loadavg").read().split()[:3]
    for n in args.sizes:
        folder = os.path.join(base, str(n))
        warm(os.path.join(folder, "cache.db"))
        runs = sessions(args, f"akhbar {n}", akhbar_script(n),
                        akhbar_command(args, folder),
                        os.path.join(tmp, f"home-{n}"))
        results[n] = summary(runs)
        rel[n] = related(args, folder)
        log(f"akhbar {n}: related {rel[n]}")
    nb = None
    if args.newsboat:
        nbdir = os.path.join(base, str(args.newsboat), "newsboat")
        newsboat_config(nbdir)
        warm(os.path.join(nbdir, "cache.db"))
        runs = sessions(args, f"newsboat {args.newsboat}",
                        newsboat_script(args.newsboat),
                        newsboat_command(nbdir),
                        os.path.join(tmp, "home-nb"))
        nb = summary(runs)
    load_after = open("/proc/loadavg").read().split()[:3]
    return stamps, nb_stamp, results, rel, nb, load_before, load_after


def report(args, base, measured):
    stamps, nb_stamp, results, rel, nb, load_before, load_after = measured
    version = subprocess.run([args.akhbar, "--version"], capture_output=True,
                             text=True).stdout.split("\n")[0]
    mem = int(open("/proc/meminfo").readline().split()[1]) / 1048576
    print()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
          f"{version} ({commit()}), {os.cpu_count()} cores, {mem:.0f} GiB; "
          f"load average {' '.join(load_before)} before the sessions, "
          f"{' '.join(load_after)} after; {args.runs} runs each, medians")
    for n in args.sizes:
        s = stamps[n]
        size = os.path.getsize(os.path.join(base, str(n), "cache.db"))
        made = f"generated in {s['generate_s']:.0f} s, " \
            if s["generate_s"] else ""
        print(f"- {n:,} items: cache {size / 1048576:.0f} MiB, built at "
              f"{s['commit']} on {s['built']} ({made}ingested in "
              f"{s['ingest_s']:.1f} s)")
    if nb_stamp:
        print(f"- newsboat: {nb_stamp['version']}, its cache of "
              f"{args.newsboat:,} items ingested in "
              f"{nb_stamp['ingest_s']:.1f} s")
    print()
    ratios = table(args.sizes, results, rel)
    goals(args.sizes, results, rel, ratios)
    if args.newsboat:
        versus_newsboat(args.newsboat, results.get(args.newsboat), nb)


def main():
    args = options()
    tmp = tempfile.mkdtemp(prefix="akhbar-million-")
    base = os.path.abspath(args.dir) if args.dir else os.path.join(tmp,
                                                                     "caches")
    try:
        report(args, base, measure(args, base, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
