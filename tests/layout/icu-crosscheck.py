"""Cross-check akhbar's bidi layout against ICU.

For each article and each width, layout-rows prints the paragraph levels
akhbar resolved and, per row, the code point range and the base character
of each cell in visual order.  ICU (python3-icu) resolves the same
paragraph with the same base level, reorders the same row slice, and the
two orders are compared on the characters akhbar drew (Cf characters,
marks inside their base's cell and the row's trailing whitespace are not
drawn).  Any difference is a failure."""

import subprocess
import sys

import icu

# Bidi classes rule X9 removes; their levels are not defined.
REMOVED = {icu.UCharDirection.BOUNDARY_NEUTRAL,
           icu.UCharDirection.LEFT_TO_RIGHT_EMBEDDING,
           icu.UCharDirection.RIGHT_TO_LEFT_EMBEDDING,
           icu.UCharDirection.LEFT_TO_RIGHT_OVERRIDE,
           icu.UCharDirection.RIGHT_TO_LEFT_OVERRIDE,
           icu.UCharDirection.POP_DIRECTIONAL_FORMAT}


def utf16_starts(text):
    """UTF-16 index of each code point, plus the end."""
    starts, pos = [], 0
    for ch in text:
        starts.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    starts.append(pos)
    return starts


def check_article(driver, path, minw, maxw):
    with open(path, encoding="utf-8") as f:
        paragraphs = f.read().split("\n")
    if paragraphs and paragraphs[-1] == "":
        paragraphs.pop()
    out = subprocess.run([driver, path, str(minw), str(maxw)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f"{path}: layout-rows failed ({out.returncode}): a row is"
              " wider than its width")
        return 1, 0
    failures = rows = 0
    state = None
    for line in out.stdout.splitlines():
        f = line.split()
        if f[0] == "P":
            index, rtl, n = int(f[1]), int(f[2]), int(f[3])
            text = paragraphs[index]
            if len(text) != n:
                print(f"{path}:{index + 1}: {n} code points, python sees"
                      f" {len(text)}")
                failures += 1
            ustr = icu.UnicodeString(text)
            bidi = icu.Bidi()
            bidi.setPara(ustr, rtl)
            starts = utf16_starts(text)
            state = (index, text, ustr, bidi, starts)
        elif f[0] == "L":
            index, text, ustr, bidi, starts = state
            ours = [int(x) for x in f[1:]]
            theirs = bidi.getLevels()
            for i, ch in enumerate(text):
                if icu.Char.charDirection(ch) in REMOVED:
                    continue
                if ours[i] != theirs[starts[i]]:
                    print(f"{path}:{index + 1}: level of code point {i}"
                          f" (U+{ord(ch):04X}) is {ours[i]}, ICU says"
                          f" {theirs[starts[i]]}")
                    failures += 1
                    break
        elif f[0] == "R":
            index, text, ustr, bidi, starts = state
            width, s, e = int(f[1]), int(f[2]), int(f[3])
            cells = [int(x) for x in f[5:]]
            rows += 1
            if s == e:
                if cells:
                    print(f"{path}:{index + 1}: empty row with cells")
                    failures += 1
                continue
            line_bidi = bidi.setLine(starts[s], starts[e])
            u16_to_cp = {starts[i]: i for i in range(len(text))}
            drawn = set(cells)
            order = []
            for u in line_bidi.getVisualMap():
                cp = u16_to_cp.get(starts[s] + u)
                if cp is not None and cp in drawn:
                    order.append(cp)
            if order != cells:
                print(f"{path}:{index + 1}: width {width}, row {s}-{e}:"
                      f" akhbar {cells}, ICU {order}")
                failures += 1
    return failures, rows


def main():
    driver, minw, maxw = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    total_failures = total_rows = 0
    for path in sys.argv[4:]:
        failures, rows = check_article(driver, path, minw, maxw)
        total_failures += failures
        total_rows += rows
    print(f"ICU cross-check: {total_rows} rows of {len(sys.argv) - 4}"
          f" articles at widths {minw}..{maxw}, {total_failures} mismatches")
    return 1 if total_failures or total_rows == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
