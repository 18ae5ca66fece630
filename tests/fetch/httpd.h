/* The test HTTP server (tests/fetch/server.py) seen from a C test: start
 * it on 127.0.0.1 with a port of its own, build URLs, stop it. */
#ifndef AKHBAR_TESTS_FETCH_HTTPD_H
#define AKHBAR_TESTS_FETCH_HTTPD_H

#include <sys/types.h>

struct httpd {
	pid_t pid;
	int feed_fd; /* the server's stdin: closing it stops the server */
	int port;
};

/* Start the server serving the folder root (relative paths are taken from
 * $top_srcdir).  Exits the test with status 1 if it can't. */
void httpd_start(struct httpd *h, const char *root);

/* Stop the server and wait for it. */
void httpd_stop(struct httpd *h);

/* "http://127.0.0.1:PORT/path" (path without its leading slash); a new
 * string. */
char *httpd_url(const struct httpd *h, const char *path);

/* A loopback port nothing listens on (bound, then closed). */
int httpd_dead_port(void);

/* Drop proxy settings from the environment so that loopback requests go
 * straight to the test server. */
void httpd_no_proxy(void);

#endif
