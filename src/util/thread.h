/* Threads that leave signals to the main thread. */
#ifndef AKHBAR_UTIL_THREAD_H
#define AKHBAR_UTIL_THREAD_H

#include <pthread.h>
#include <signal.h>

/* Block every asynchronous signal (all but those a fault raises) in the
 * calling thread, its mask saved in *saved: threads started until
 * thread_signals_restore() inherit the mask, as libcurl's resolver
 * threads do. */
void thread_signals_block(sigset_t *saved);

/* Put back the mask thread_signals_block() saved; signals that came
 * meanwhile are delivered now. */
void thread_signals_restore(const sigset_t *saved);

/* pthread_create() with every asynchronous signal blocked in the new
 * thread, so that the main thread receives them and its handlers wake its
 * wait for a key.  Returns pthread_create()'s result. */
int thread_create_quiet(pthread_t *thread, void *(*start)(void *), void *arg);

#endif
