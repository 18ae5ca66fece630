#!/bin/sh
# Install what akhbar needs (Debian 12), then configure and build it.
#   ./setup.sh               build in build/
#   ./setup.sh --sanitizers  ASan + UBSan build in build-asan/
set -eu
cd "$(dirname "$0")"

packages="build-essential autoconf automake autopoint gettext pkg-config
 libncurses-dev libfribidi-dev libunistring-dev libxml2-dev libcurl4-openssl-dev
 libsqlite3-dev libvterm-dev unicode-data python3 python3-icu pmccabe strace"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

builddir=build
configure_flags="--enable-werror --with-vterm"
if [ "${1:-}" = "--sanitizers" ]; then
	builddir=build-asan
	configure_flags="$configure_flags --enable-sanitizers"
fi

[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
mkdir -p "$builddir"
cd "$builddir"
[ -f Makefile ] || ../configure $configure_flags
make -j"$(nproc)"
