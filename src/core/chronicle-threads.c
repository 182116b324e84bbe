/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "chronicle-threads.h"

/* Reading a large file keeps both cores of a small machine busy.  Its
 * threads run at a lower priority, so that windows keep drawing: at
 * 100 000 items, nice 5 gave the longest frame 46 ms and the whole list
 * in 4.0 s, against 60 ms and 4.4 s at the window's priority (medians of
 * six runs; nice 10 gave 50 ms and 4.4 s).  Linux sets it per thread. */
#define BACKGROUND_NICE 5

/* Large files are read on two threads, each with half of the items;
 * smaller ones are not worth a thread. */
#define MIN_ITEMS_FOR_THREADS 1000

typedef struct
{
  GThreadFunc func;
  gpointer    data;
} Job;

static gpointer
run_in_background (gpointer data)
{
  Job *job = data;
  GThreadFunc func = job->func;
  gpointer job_data = job->data;

#ifdef __linux__
  setpriority (PRIO_PROCESS, gettid (), BACKGROUND_NICE);
#endif
  g_free (job);
  return func (job_data);
}

/**
 * chronicle_thread_new_background:
 *
 * g_thread_new() at a lower priority than the windows'.
 *
 * Returns: (transfer full): the thread
 */
GThread *
chronicle_thread_new_background (const char  *name,
                                 GThreadFunc  func,
                                 gpointer     data)
{
  Job *job = g_new (Job, 1);

  job->func = func;
  job->data = data;
  return g_thread_new (name, run_in_background, job);
}

/**
 * chronicle_run_halves:
 * @name: the name of the threads
 * @n_items: how many items the job has, which decides whether it is worth
 *   two threads
 *
 * Runs @func on @first and on @second, each on a background thread of its
 * own while the calling thread waits, or both on the calling thread for
 * small jobs.
 */
void
chronicle_run_halves (const char  *name,
                      GThreadFunc  func,
                      gpointer     first,
                      gpointer     second,
                      guint        n_items)
{
  GThread *threads[2];

  if (n_items < MIN_ITEMS_FOR_THREADS)
    {
      func (second);
      func (first);
      return;
    }

  threads[1] = chronicle_thread_new_background (name, func, second);
  threads[0] = chronicle_thread_new_background (name, func, first);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
}
