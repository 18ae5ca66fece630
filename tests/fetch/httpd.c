/* Starting tests/fetch/server.py for a test: python3 on a pipe, whose
 * first line is the port it bound. */
#include "config.h"

#include "httpd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/xalloc.h"

static const char *srcdir(void)
{
	const char *d = getenv("top_srcdir");
	return d && *d ? d : ABS_TOP_SRCDIR;
}

void httpd_start(struct httpd *h, const char *root)
{
	int in[2], out[2];
	if (pipe(in) < 0 || pipe(out) < 0) {
		perror("httpd: pipe");
		exit(1);
	}
	char *script = xasprintf("%s/tests/fetch/server.py", srcdir());
	char *dir = root[0] == '/' ? xstrdup(root)
	                           : xasprintf("%s/%s", srcdir(), root);
	pid_t pid = fork();
	if (pid < 0) {
		perror("httpd: fork");
		exit(1);
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp("python3", "python3", script, dir, "120", (char *)NULL);
		perror("httpd: python3");
		_exit(127);
	}
	free(script);
	free(dir);
	close(in[0]);
	close(out[1]);
	char line[32] = "";
	size_t n = 0;
	while (n < sizeof(line) - 1) {
		ssize_t r = read(out[0], line + n, 1);
		if (r <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(out[0]);
	h->pid = pid;
	h->feed_fd = in[1];
	h->port = atoi(line);
	if (h->port <= 0) {
		fprintf(stderr, "httpd: the server did not start (read '%s')\n",
		        line);
		httpd_stop(h);
		exit(1);
	}
}

void httpd_stop(struct httpd *h)
{
	if (h->feed_fd >= 0)
		close(h->feed_fd);
	h->feed_fd = -1;
	if (h->pid > 0) {
		int status;
		kill(h->pid, SIGTERM);
		waitpid(h->pid, &status, 0);
	}
	h->pid = 0;
}

char *httpd_url(const struct httpd *h, const char *path)
{
	return xasprintf("http://127.0.0.1:%d/%s", h->port, path);
}

int httpd_dead_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) < 0) {
		perror("httpd: dead port");
		exit(1);
	}
	close(s);
	return ntohs(a.sin_port);
}

void httpd_no_proxy(void)
{
	static const char *const vars[] = {
	        "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
	        "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY",
	};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
}
