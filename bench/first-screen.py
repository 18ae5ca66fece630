#!/usr/bin/env python3
"""Time a terminal program's screens: run it on a pseudo-terminal and note
when its output first shows a marker.

    first-screen.py [options] -- COMMAND [ARG]...

  --marker TEXT    the first screen is drawn once the output shows TEXT
  --enter TEXT     then press Enter and wait for TEXT (the next screen)
  --quit KEYS      keys that quit the program (default "q"; C escapes
                   such as \\r are understood)
  --size COLSxROWS terminal size (default 120x40)
  --timeout SEC    give up after SEC seconds per screen (default 120)

Prints one line: "first SECONDS next SECONDS maxrss KIB", where next is the
time from pressing Enter to TEXT ("-" without --enter) and maxrss is the
peak resident memory of the program and its children.  Exits 1 when a
marker never shows (the output's tail goes to stderr).

Markers are matched in the raw bytes written to the terminal, so they
should be ASCII that the program writes unchanged (a feed title, a tag in
every headline).  The time counts from just before exec, so it includes
loading the program and its libraries.
"""

import argparse
import codecs
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def wait_for(fd, out, marker, deadline):
    """Read from fd into out until marker shows; the time it showed, or
    None."""
    while marker not in out:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            return None
        if not data:
            return None
        # Keep the tail only; a marker never spans more than that.
        out += data
        if len(out) > 1 << 20:
            del out[: len(out) - (1 << 16)]
    return time.monotonic()


def drain(fd, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marker", required=True)
    ap.add_argument("--enter")
    ap.add_argument("--quit", default="q")
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("command", nargs="+")
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    quit_keys = codecs.decode(args.quit, "unicode_escape").encode()

    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.execvp(args.command[0], args.command)
        finally:
            os._exit(127)
    out = bytearray()
    first = wait_for(fd, out, args.marker.encode(),
                     start + args.timeout)
    second = None
    if first is not None and args.enter:
        # Let the first screen settle so Enter is read as a key press.
        drain(fd, 0.3)
        out.clear()
        pressed = time.monotonic()
        os.write(fd, b"\r")
        second = wait_for(fd, out, args.enter.encode(),
                          pressed + args.timeout)
        if second is not None:
            second -= pressed
    ok = first is not None and (second is not None or not args.enter)
    if ok:
        drain(fd, 0.2)
        for key in quit_keys:
            os.write(fd, bytes([key]))
            drain(fd, 0.3)
    status = None
    deadline = time.monotonic() + 30
    while status is None:
        wpid, st, ru = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            status = st
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            ok = False
        drain(fd, 0.1)
    if not ok:
        sys.stderr.write("first-screen: marker not seen; output tail:\n")
        sys.stderr.write(out[-2000:].decode("utf-8", "replace") + "\n")
        sys.exit(1)
    print("first %.3f next %s maxrss %d" % (
        first - start, "%.3f" % second if second is not None else "-",
        ru.ru_maxrss))


if __name__ == "__main__":
    main()
