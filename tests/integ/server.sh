# Sourced by the integration tests: the test HTTP server from a shell.
#   server_start DIR    serve DIR on 127.0.0.1; sets $port and $base
#   server_stop         stop it (its stdin reaches end of file)
# Needs $tmp, a private folder of the test.

server_start() {
	rm -f "$tmp/server-in" "$tmp/server-port"
	mkfifo "$tmp/server-in" || exit 99
	python3 "$top_srcdir/tests/fetch/server.py" "$1" 300 \
		<"$tmp/server-in" >"$tmp/server-port" 2>"$tmp/server-err" &
	server_pid=$!
	# The server reads its stdin until end of file: fd 9 holds it open.
	exec 9>"$tmp/server-in"
	tries=0
	until [ -s "$tmp/server-port" ]; do
		tries=$((tries + 1))
		if [ $tries -gt 100 ]; then
			echo "ERROR: the test server did not start"
			exit 99
		fi
		sleep 0.1
	done
	port=$(cat "$tmp/server-port")
	base="http://127.0.0.1:$port"
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
}

server_stop() {
	exec 9>&-
	wait "$server_pid" 2>/dev/null
}
