#!/usr/bin/env python3
"""Feed conformance: feedparser's test corpus against what akhbar stores.

    bench/conformance.py [-v] [--akhbar BIN] [--keep DIR] [CORPUS]

CORPUS is the folder of the corpus (default: ../shared/feed-conformance
beside the repository).  Its files are read where they are, never copied.

Every file of the corpus is served over HTTP from 127.0.0.1 with the
`Header:` lines its comment gives (else `Content-Type: application/xml`,
as feedparser's own test server sends), all of them are subscribed in a
fresh urls file, and one `akhbar --refresh` fetches them into a fresh
cache.  Then each file's `Expect:` expression (a Python expression over
feedparser's result) is evaluated over a result built from the cache's
rows, read with sqlite3:

  feed['title'], feed['link'], feed['language']   feeds.title, link, language
  entries (in document order)                     items by id
  entries[i]['title'], ['title_detail']['value']  items.title
  ['link']                                        items.link
  ['id'], ['guid']                                items.guid
  ['author'], ['author_detail']['name']           items.author
  ['summary'], ['description'], ['content'][0]['value'], ['*_detail']['value']
                                                  items.body (as text + links)
  ['*_detail']['base'], ['content'][0]['base']    items.body_base (else the
                                                  feed's URL)
  ['*_detail']['language'], ['content'][0]['language'], ['language']
                                                  items.language
  feed['title_detail']['language']                feeds.language
  ['published_parsed'], ['updated_parsed'], ['created_parsed'], ['date_parsed']
                                                  items.time (UTC)
  ['tags'][i]['term'], ['category']               items.categories
  ['enclosures'][i]['href'|'url'|'type'|'length'] items.enclosures

A leading `not bozo and` is dropped (well-formedness is not akhbar's to
judge); an expression that reads anything else (encoding, version, bozo,
feed subtitle, ...) is not mapped and not counted.  Bodies and HTML
titles are compared as a reader sees them: the text with white space
collapsed, and the address of each link and image resolved against the
item's base, with script, style and applet content dropped (feedparser's
sanitizer drops those; akhbar never shows them).

Prints the pass rate per folder and overall, the failing checks (with -v,
what akhbar stored), and the number of text values in the cache that are
not valid UTF-8.  Exit status 0 when every stored text is valid UTF-8.
"""

import argparse
import ast
import html
import html.parser
import http.server
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
DOCUMENT_HOST = "http://127.0.0.1:8097"


class Unmapped(Exception):
    """The expression reads something akhbar does not store."""


# ---- the corpus ----

COMMENT = re.compile(rb"<!--(.*?)-->", re.S)


def read_case(path):
    data = open(path, "rb").read()
    m = COMMENT.search(data)
    head = m.group(1).decode("utf-8", "replace") if m else ""
    expect, headers = None, []
    for line in head.splitlines():
        line = line.strip()
        if line.startswith("Expect:"):
            expect = line[len("Expect:"):].strip()
        elif line.startswith("Header:"):
            name, _, value = line[len("Header:"):].strip().partition(":")
            headers.append((name.strip(), value.strip()))
    return data, expect, headers


def corpus_files(corpus):
    for folder in sorted(os.listdir(corpus)):
        top = os.path.join(corpus, folder)
        if not os.path.isdir(top):
            continue
        for root, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith(".xml"):
                    path = os.path.join(root, f)
                    yield os.path.relpath(path, corpus)


# ---- serving ----

def make_handler(corpus, cases):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            rel = urllib.parse.unquote(self.path.lstrip("/"))
            case = cases.get(rel)
            if case is None:
                self.send_error(404)
                return
            data, headers = case
            self.send_response(200)
            names = {n.lower() for n, _ in headers}
            if "content-type" not in names:
                self.send_header("Content-Type", "application/xml")
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    return Handler


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64
    daemon_threads = True


# ---- text as a reader sees it ----

DROPPED = {"script", "style", "applet"}
SAFE_SCHEMES = {"", "http", "https", "ftp", "mailto", "magnet", "feed"}


class Text(html.parser.HTMLParser):
    def __init__(self, base, links):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links = links
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.skip += 1
            return
        a = dict(attrs)
        url = a.get("href") if tag == "a" else a.get("src") if tag == "img" else None
        if url is not None and self.links:
            url = url.strip()
            if urllib.parse.urlsplit(url).scheme.lower() in SAFE_SCHEMES:
                if self.base:
                    url = urllib.parse.urljoin(self.base, url)
                self.out.append(" <%s> " % url)
        if tag in ("p", "br", "div", "li", "tr", "h1", "h2", "h3"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in DROPPED and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def as_text(s, base=None, is_html=True, links=True):
    if s is None:
        return None
    if is_html:
        t = Text(base, links)
        t.feed(s)
        t.close()
        s = "".join(t.out)
    return " ".join(s.split())


class Shown(str):
    """A stored text compared as a reader sees it: the text, and the
    links too when links is true."""

    def __new__(cls, text, links=True):
        obj = str.__new__(cls, text)
        obj.links = links
        return obj

    def shown(self, other):
        return as_text(other, links=self.links)

    def __eq__(self, other):
        # feedparser's value may be HTML or plain text: either reading.
        if isinstance(other, str):
            return str(self) in (self.shown(other),
                                 as_text(other, is_html=False))
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = str.__hash__

    def __contains__(self, other):
        return self.shown(other) in str(self)


class Author(str):
    """A name; feedparser appends " (email)" when the feed gives one."""

    def __eq__(self, other):
        if isinstance(other, str):
            return str(self) == re.sub(r" \([^ ()]*@[^ ()]*\)$", "", other)
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = str.__hash__


# ---- the result, from the cache ----

class Node(dict):
    """feedparser's FeedParserDict, as far as it is needed: keys read as
    attributes too."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)


def present(**values):
    """A Node of the values that are not None (feedparser leaves out the
    keys it has no value for)."""
    return Node((k, v) for k, v in values.items() if v is not None)


def detail(value, base, lang):
    return Node(value=value, base=base, language=lang)


def decode(b):
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else b


def entry(row, feed_url):
    (title, link, guid, author, t, language, categories, enclosures, body,
     body_format, body_base) = [decode(v) for v in row]
    base = body_base or feed_url
    shown = None
    if body is not None:
        shown = Shown(as_text(body, base, body_format != "text"))
    # Titles are stored as text.
    title_shown = (Shown(as_text(title, is_html=False), False)
                   if title is not None else None)
    parsed = time.gmtime(t) if t else None
    tags = [Node(term=c) for c in (categories.split("\n")
                                   if categories else [])]
    encs = []
    for line in (enclosures.split("\n") if enclosures else []):
        length, typ, url = (line.split("\t") + ["", "", ""])[:3]
        encs.append(Node(href=url, type=typ, length=length))
    d = detail(shown, base, language)
    return present(
        title=title_shown,
        title_detail=detail(title_shown, base, language),
        link=link, id=guid, guid=guid,
        author=Author(author) if author else None,
        author_detail=Node(name=author),
        summary=shown, description=shown, summary_detail=d,
        content=[d] if shown is not None else None,
        published_parsed=parsed, updated_parsed=parsed,
        created_parsed=parsed, date_parsed=parsed,
        tags=tags, category=tags[0]["term"] if tags else None,
        enclosures=encs, language=language)


def result_for(db, url):
    row = db.execute("SELECT id, title, link, language FROM feeds "
                     "WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    fid, title, link, language = [decode(v) for v in row]
    # A title without text (an image) is NULL in the cache: ''.
    title = Shown(as_text(title or "", is_html=False), False)
    feed = present(title=title, link=link, language=language,
                   title_detail=detail(title, None, language))
    rows = db.execute(
        "SELECT title, link, guid, author, time, language, categories,"
        " enclosures, body, body_format, body_base FROM items"
        " WHERE feed_id = ? ORDER BY id", (fid,)).fetchall()
    return Node(feed=feed, entries=[entry(r, url) for r in rows])


MAPPED_PATHS = {
    "feed", "feed.title", "feed.link", "feed.language",
    "feed.title_detail.value", "feed.title_detail.language",
    "entries", "entries[N]", "entries[N].title", "entries[N].link",
    "entries[N].id", "entries[N].guid", "entries[N].author",
    "entries[N].author_detail.name", "entries[N].summary",
    "entries[N].description", "entries[N].language",
    "entries[N].title_detail.value", "entries[N].title_detail.language",
    "entries[N].summary_detail.value", "entries[N].summary_detail.base",
    "entries[N].summary_detail.language", "entries[N].content",
    "entries[N].content[N].value", "entries[N].content[N].base",
    "entries[N].content[N].language", "entries[N].published_parsed",
    "entries[N].updated_parsed", "entries[N].created_parsed",
    "entries[N].date_parsed", "entries[N].tags", "entries[N].tags[N].term",
    "entries[N].category", "entries[N].enclosures",
    "entries[N].enclosures[N]", "entries[N].enclosures[N].href",
    "entries[N].enclosures[N].type", "entries[N].enclosures[N].length",
}


def path_of(node):
    """feed['a'][0].b as "feed.a[N].b", or None when it is not one."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = path_of(node.value)
        return inner and inner + "." + node.attr
    if isinstance(node, ast.Subscript):
        inner = path_of(node.value)
        key = node.slice
        if not inner or not isinstance(key, ast.Constant):
            return None
        if isinstance(key.value, int):
            return inner + "[N]"
        return inner + "." + str(key.value)
    return None


def mapped(expr):
    """Whether every name and field the expression reads is mapped."""
    tree = ast.parse(expr, mode="eval")
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            inner.add(id(node.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in ("feed", "entries", "len", "ord", "time"):
                return False
        if id(node) in inner or not isinstance(
                node, (ast.Attribute, ast.Subscript, ast.Name)):
            continue
        path = path_of(node)
        if isinstance(node, ast.Attribute) and path is None:
            continue  # a method call on a value: 'x'.startswith
        if path and path.split(".")[0].split("[")[0] in ("len", "ord",
                                                         "time"):
            continue
        if path not in MAPPED_PATHS:
            return False
    return True


def check(expect, result):
    expr = re.sub(r"^not\s+bozo\s+and\s+", "", expect)
    try:
        if not mapped(expr):
            raise Unmapped(expr)
    except SyntaxError:
        raise Unmapped(expr)
    try:
        return bool(eval(expr, {"__builtins__": __builtins__},
                         {"feed": result["feed"],
                          "entries": result["entries"]}))
    except Exception:
        return False


# ---- UTF-8 in every text column ----

def invalid_utf8(db):
    bad = []
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        try:
            cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % table)]
            for col in cols:
                q = ('SELECT rowid, "%s" FROM "%s" WHERE typeof("%s") = '
                     "'text'" % (col, table, col))
                for rowid, value in db.execute(q):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        bad.append("%s.%s rowid %s" % (table, col, rowid))
        except sqlite3.DatabaseError:
            continue  # virtual tables of modules sqlite3 lacks
    return bad


def shown(result):
    if result is None:
        return "(no feed in the cache)"
    skip = ("_detail", "summary", "content", "_parsed", "guid", "tags")
    feed = {k: v for k, v in result["feed"].items() if not k.endswith(skip)}
    entries = [{k: v for k, v in e.items() if not k.endswith(skip)} |
               ({"time": tuple(e["updated_parsed"])[:6]}
                if "updated_parsed" in e else {})
               for e in result["entries"][:3]]
    return repr({"feed": feed, "entries": entries})


# ---- the run ----

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?",
                    default=os.path.join(TOP, "..", "shared",
                                         "feed-conformance"))
    ap.add_argument("--akhbar", default=os.path.join(TOP, "build", "akhbar"))
    ap.add_argument("--keep", help="keep the urls file and cache here")
    ap.add_argument("-v", action="store_true",
                    help="show what akhbar stored for each failure")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        sys.exit("%s: no corpus at %s" % (sys.argv[0], corpus))

    cases, served = {}, {}
    for rel in corpus_files(corpus):
        data, expect, headers = read_case(os.path.join(corpus, rel))
        cases[rel] = (expect, headers)
        served[rel] = (data, headers)

    server = Server(("127.0.0.1", 0), make_handler(corpus, served))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = "http://127.0.0.1:%d" % server.server_address[1]

    work = args.keep or tempfile.mkdtemp(prefix="conformance.")
    os.makedirs(work, exist_ok=True)
    urls_file = os.path.join(work, "urls")
    cache_file = os.path.join(work, "cache.db")
    for f in (cache_file, cache_file + "-wal", cache_file + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    url_of = {rel: host + "/" + urllib.parse.quote(rel) for rel in cases}
    with open(urls_file, "w") as f:
        for rel in sorted(cases):
            f.write(url_of[rel] + "\n")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work,
               XDG_DATA_HOME=work, LC_ALL="C.UTF-8")
    start = time.time()
    subprocess.run([args.akhbar, "--urls=" + urls_file,
                    "--cache=" + cache_file, "--timeout=20", "--refresh"],
                   env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    took = time.time() - start
    server.shutdown()

    db = sqlite3.connect(cache_file)
    db.text_factory = bytes
    per_folder, failures = {}, []
    for rel in sorted(cases):
        expect, _ = cases[rel]
        if not expect:
            continue
        folder = "/".join(rel.split("/")[:2]) if rel.startswith(
            "wellformed/") else rel.split("/")[0]
        result = result_for(db, url_of[rel])
        expect = expect.replace(DOCUMENT_HOST, host)
        try:
            ok = result is not None and check(expect, result)
        except Unmapped:
            continue
        counts = per_folder.setdefault(folder, [0, 0])
        counts[1] += 1
        if ok:
            counts[0] += 1
        else:
            failures.append((rel, expect, result))

    bad = invalid_utf8(db)
    db.close()
    if not args.keep:
        shutil.rmtree(work)

    passed = sum(c[0] for c in per_folder.values())
    total = sum(c[1] for c in per_folder.values())
    print("%-28s %6s %6s %7s" % ("folder", "pass", "mapped", "rate"))
    for folder in sorted(per_folder):
        p, t = per_folder[folder]
        print("%-28s %6d %6d %6.1f%%" % (folder, p, t, 100.0 * p / t))
    print("%-28s %6d %6d %6.1f%%" % ("all", passed, total,
                                      100.0 * passed / max(total, 1)))
    print("files: %d, refresh took %.1f s" % (len(cases), took))
    print("text values in the cache that are not valid UTF-8: %d" % len(bad))
    for b in bad[:20]:
        print("  " + b)
    print("\nfailing checks:")
    for rel, expect, result in failures:
        print("%s: %s" % (rel, expect))
        if args.v:
            print("    stored: %s" % shown(result))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
