#!/bin/sh
# Runs the command given twice, one run after the other, for a screen
# test of what the first run remembers and the second finds.
"$@" || exit
exec "$@"
