#include "config.h"

#include "util/thread.h"

void thread_signals_block(sigset_t *saved)
{
	sigset_t all;
	sigfillset(&all);
	/* A fault in a thread with these blocked would kill the process
	 * without its handler (a sanitizer's report, say). */
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	sigdelset(&all, SIGTRAP);
	pthread_sigmask(SIG_BLOCK, &all, saved);
}

void thread_signals_restore(const sigset_t *saved)
{
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

int thread_create_quiet(pthread_t *thread, void *(*start)(void *), void *arg)
{
	sigset_t saved;
	thread_signals_block(&saved);
	int err = pthread_create(thread, NULL, start, arg);
	thread_signals_restore(&saved);
	return err;
}
