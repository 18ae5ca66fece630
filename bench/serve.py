#!/usr/bin/env python3
"""Serve a folder over HTTP on 127.0.0.1 for the feed benchmark.

    serve.py FOLDER PORTFILE

Binds a free port on the loopback address only, writes the port number to
PORTFILE once it listens, and serves until killed.  Files carry
Last-Modified, and a request whose If-Modified-Since is not older than the
file is answered 304 Not Modified (http.server does both), so a reload of
an unchanged feed is a conditional GET that transfers no body.
"""

import functools
import http.server
import os
import sys


class Server(http.server.ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: the 8 transfers both
    # programs start at once would see SYNs dropped and retried after 1 s.
    request_queue_size = 64


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    folder, portfile = sys.argv[1], sys.argv[2]
    handler = functools.partial(Handler, directory=folder)
    server = Server(("127.0.0.1", 0), handler)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.rename(tmp, portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
