/* Threads and fatal errors: a quiet thread has the asynchronous signals
 * blocked (so they reach the main thread) and its creator's mask is
 * unchanged; die() on a helper thread reports without die_callback (the
 * terminal's restorer), on the main thread with it. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "util/die.h"
#include "util/thread.h"

static bool blocked(int sig)
{
	sigset_t now;
	pthread_sigmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, sig) == 1;
}

static void *report_mask(void *arg)
{
	bool *ok = arg;
	ok[0] = blocked(SIGINT) && blocked(SIGTERM) && blocked(SIGTSTP) &&
	        blocked(SIGCONT) && blocked(SIGWINCH) && blocked(SIGPIPE);
	ok[1] = !blocked(SIGSEGV) && !blocked(SIGBUS);
	return NULL;
}

static void test_quiet_thread(void)
{
	bool ok[2] = {false, false};
	pthread_t t;
	CHECK(thread_create_quiet(&t, report_mask, ok) == 0, "%s", "no thread");
	pthread_join(t, NULL);
	CHECK(ok[0], "%s", "a signal the main thread handles is not blocked");
	CHECK(ok[1], "%s", "a fault's signal is blocked");
	CHECK(!blocked(SIGINT), "%s", "the creator's mask changed");
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* A signal that comes while blocked is delivered once restored. */
static void test_block_restore(void)
{
	signal(SIGUSR1, on_usr1);
	sigset_t saved;
	thread_signals_block(&saved);
	raise(SIGUSR1);
	CHECK(!got_usr1, "%s", "delivered while blocked");
	thread_signals_restore(&saved);
	CHECK(got_usr1, "%s", "not delivered once restored");
	signal(SIGUSR1, SIG_DFL);
}

static void restore_terminal(void)
{
	fputs("callback\n", stderr);
}

static void *die_here(void *arg)
{
	(void)arg;
	die("from a %s", "thread");
}

/* Run die() in a child, on a helper thread or not; what it wrote on
 * stderr is compared. */
static void check_die(bool on_thread, const char *want)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		exit(99);
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], STDERR_FILENO);
		die_callback = restore_terminal;
		pthread_t t;
		if (!on_thread)
			die("from the %s", "main thread");
		if (thread_create_quiet(&t, die_here, NULL) == 0)
			pthread_join(t, NULL);
		_exit(3); /* die() returned */
	}
	close(p[1]);
	char out[256];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof out - 1 &&
	       (r = read(p[0], out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1,
	      "die() %s: status %#x", want, status);
	CHECK_STR(out, want, "what die() wrote");
}

int main(void)
{
	test_quiet_thread();
	test_block_restore();
	check_die(true, "akhbar: from a thread\n");
	check_die(false, "callback\nakhbar: from the main thread\n");
	return check_result("test-thread");
}
