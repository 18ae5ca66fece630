#!/usr/bin/env python3
"""akhbar's test HTTP server: serves fixture files on 127.0.0.1 only.

Usage: server.py ROOT [LIFETIME_SECONDS]

It binds 127.0.0.1 on a port the kernel picks, prints "PORT\\n" on stdout
and serves until its stdin reaches end of file (the test that started it
ended or closed the pipe) or LIFETIME_SECONDS (default 120) have passed.

Behaviour is chosen by leading path segments, which may be chained:
  /NAME                 the file ROOT/NAME
  /slow/MS/...          answer after MS milliseconds
  /redirect/N/...       N redirects (302), then the rest of the path
  /etag/...             send an ETag; If-None-Match that matches -> 304
  /lastmod/...          send Last-Modified; If-Modified-Since -> 304
  /gzip/...             body compressed, Content-Encoding: gzip
  /header/NAME/VALUE/...  send the header NAME: VALUE (VALUE percent-
                        decoded; a Content-Type replaces the file's)
  /trickle/BYTES/MS/... send the body BYTES bytes at a time, MS
                        milliseconds apart: slow, but never silent long
  /stall/...            send the headers and half the body, then nothing
                        until the client gives up
Endpoints:
  /hang                 accept, read the request, never answer
  /loop                 redirects to itself forever
  /status/CODE          an empty answer with that status
  /status/CODE/BYTES    that status with BYTES bytes of 'x', no Content-Length
  /reason/CODE          that status with a hostile reason phrase: escape
                        sequences (OSC 52, CSI), C1 bytes, 4,000 bytes long
  /big/BYTES            BYTES bytes of 'x' (with Content-Length)
  /bignolength/BYTES    the same without Content-Length (read to close)
  /location?URL         a 302 to URL (anything, e.g. file:///...)
  /headers              the request's headers as the body
  /.../big/BYTES        as a last segment: BYTES bytes of 'x' in place of a file
  /stats                "max=M now=N": requests waiting in /slow at once
  /stats/reset          reset the maximum
  /hold/on, /hold/off   while on, a file is sent without Content-Length and
                        the connection then held open until the client
                        closes it: a feed cut off mid-transfer
"""
import email.utils
import gzip
import hashlib
import http.server
import os
import select
import sys
import threading
import time
import urllib.parse

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0

lock = threading.Lock()
current = 0
maximum = 0
stopping = threading.Event()
holding = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_version = "akhbar-test"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/stats"):
            self.stats(path)
            return
        if path in ("/hold/on", "/hold/off"):
            (holding.set if path == "/hold/on" else holding.clear)()
            self.answer(200, b"ok\n")
            return
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def stats(self, path):
        global maximum
        with lock:
            text = "max=%d now=%d\n" % (maximum, current)
            if path == "/stats/reset":
                maximum = current
        self.answer(200, text.encode())

    def answer(self, code, body=b"", headers=(), send_length=True):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        if send_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def route(self, path):
        if path == "/hang":
            self.hang()
            return
        if path == "/loop":
            self.answer(302, headers=[("Location", "/loop")])
            return
        if path.startswith("/location"):
            target = urllib.parse.unquote(urllib.parse.urlsplit(self.path).query)
            self.answer(302, headers=[("Location", target)])
            return
        if path == "/headers":
            self.answer(200, str(self.headers).encode())
            return
        parts = path.split("/")[1:]
        if len(parts) == 2 and parts[0] == "status" and parts[1].isdigit():
            self.answer(int(parts[1]))
            return
        if len(parts) == 3 and parts[0] == "status" and parts[1].isdigit() and parts[2].isdigit():
            self.big(int(parts[2]), False, int(parts[1]))
        elif len(parts) == 2 and parts[0] == "reason" and parts[1].isdigit():
            self.hostile_reason(int(parts[1]))
            return
        if len(parts) == 2 and parts[0] in ("big", "bignolength") and parts[1].isdigit():
            self.big(int(parts[1]), parts[0] == "big")
            return
        self.chain(parts)

    def hostile_reason(self, code):
        # Latin-1 keeps each character one byte: ESC, BEL and 0x9B go raw.
        reason = ("Gone \x1b]52;c;aGFjaw==\x07 \x9b2J \x1b[31m"
                  + "\u202e".encode("utf-8").decode("latin-1")
                  + "x" * 4000)
        self.send_response_only(code, reason)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def delay(self, seconds):
        # Counted while waiting only: the client is surely still waiting
        # too, so the count never includes a request it already finished.
        global current, maximum
        with lock:
            current += 1
            maximum = max(maximum, current)
        try:
            time.sleep(seconds)
        finally:
            with lock:
                current -= 1

    def hang(self):
        # Wait until the client gives up (its end closes) or the server stops.
        while not stopping.is_set():
            ready, _, _ = select.select([self.connection], [], [], 0.2)
            if ready and not self.connection.recv(4096):
                return

    def big(self, size, with_length, code=200):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        if with_length:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"x" * 65536
        while size > 0:
            n = min(size, len(chunk))
            self.wfile.write(chunk[:n])
            size -= n

    def chain(self, parts):
        etag = lastmod = compress = False
        extra = []
        self.pace = None
        while parts:
            head = parts[0]
            if head == "slow" and len(parts) > 1 and parts[1].isdigit():
                self.delay(int(parts[1]) / 1000.0)
                parts = parts[2:]
            elif head == "redirect" and len(parts) > 1 and parts[1].isdigit():
                n = int(parts[1])
                rest = "/".join(parts[2:])
                if n > 0:
                    target = "/redirect/%d/%s" % (n - 1, rest)
                    self.answer(302, headers=[("Location", target)])
                    return
                parts = parts[2:]
            elif head == "etag":
                etag, parts = True, parts[1:]
            elif head == "lastmod":
                lastmod, parts = True, parts[1:]
            elif head == "gzip":
                compress, parts = True, parts[1:]
            elif head == "trickle" and len(parts) > 2 and parts[1].isdigit() and parts[2].isdigit():
                self.pace = (int(parts[1]), int(parts[2]) / 1000.0)
                parts = parts[3:]
            elif head == "stall":
                self.pace = "stall"
                parts = parts[1:]
            elif head == "header" and len(parts) > 2:
                extra.append((parts[1], urllib.parse.unquote(parts[2])))
                parts = parts[3:]
            else:
                break
        self.serve_file("/".join(parts), etag, lastmod, compress, extra)

    def serve_file(self, name, etag, lastmod, compress, extra=()):
        full = os.path.realpath(os.path.join(ROOT, name))
        parts = name.split("/")
        if len(parts) == 2 and parts[0] == "big" and parts[1].isdigit():
            body, mtime = b"x" * int(parts[1]), 0
        elif full.startswith(ROOT + os.sep) and os.path.isfile(full):
            with open(full, "rb") as f:
                body = f.read()
            mtime = int(os.stat(full).st_mtime)
        else:
            self.answer(404)
            return
        headers = [("Content-Type", content_type(full))]
        names = {n.lower() for n, _ in extra}
        headers = [h for h in headers if h[0].lower() not in names]
        headers += extra
        if etag:
            tag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            headers.append(("ETag", tag))
            if self.headers.get("If-None-Match") == tag:
                self.answer(304, headers=headers, send_length=False)
                return
        if lastmod:
            headers.append(("Last-Modified", email.utils.formatdate(mtime, usegmt=True)))
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    when = email.utils.parsedate_to_datetime(since).timestamp()
                except (TypeError, ValueError):
                    when = None
                if when is not None and mtime <= when:
                    self.answer(304, headers=headers, send_length=False)
                    return
        if compress:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        if self.pace:
            self.paced(body, headers)
            return
        if holding.is_set():
            self.answer(200, body, headers, send_length=False)
            self.wfile.flush()
            self.hang()
            return
        self.answer(200, body, headers)


    def paced(self, body, headers):
        self.answer(200, b"", headers + [("Content-Length", str(len(body)))],
                    send_length=False)
        if self.pace == "stall":
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.hang()
            return
        size, pause = self.pace
        for at in range(0, len(body), size):
            self.wfile.write(body[at:at + size])
            self.wfile.flush()
            if at + size < len(body):
                time.sleep(pause)


def content_type(path):
    if path.endswith((".xml", ".rss", ".atom", ".opml")):
        return "application/xml"  # the files declare their encoding
    if path.endswith((".html", ".htm")):
        return "text/html; charset=utf-8"
    return "text/plain; charset=utf-8"


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def watch_stdin():
    # The test holds the other end of our stdin; its end of file means stop.
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    stopping.set()


def main():
    server = Server(("127.0.0.1", 0), Handler)
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()
    stopping.wait(LIFETIME)
    stopping.set()
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
