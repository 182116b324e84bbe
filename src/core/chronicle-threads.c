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

/* Large files are read in parts, one per processor; smaller ones are not
 * worth a thread. */
#define MIN_ITEMS_FOR_THREADS 1000
#define MAX_PARTS 8

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
 * chronicle_n_parts:
 * @n_items: how many items a job has
 *
 * Returns: how many parts to split a job of @n_items into: one per
 *   processor (up to 8), or one for a small job
 */
static guint forced_parts;

guint
chronicle_n_parts (guint n_items)
{
  if (n_items < MIN_ITEMS_FOR_THREADS)
    return 1;
  if (forced_parts > 0)
    return forced_parts;
  return CLAMP (g_get_num_processors (), 1, MAX_PARTS);
}

/**
 * chronicle_force_n_parts:
 * @n_parts: how many parts large jobs are split into, or 0 for one per
 *   processor
 *
 * For the tests, which check the joining of parts on machines of any size.
 */
void
chronicle_force_n_parts (guint n_parts)
{
  forced_parts = n_parts;
}

/* A pool's thread runs at the background's priority, set once. */
static void
nice_pool_thread (void)
{
#ifdef __linux__
  static GPrivate niced;

  if (g_private_get (&niced) == NULL)
    {
      setpriority (PRIO_PROCESS, gettid (), BACKGROUND_NICE);
      g_private_set (&niced, GINT_TO_POINTER (TRUE));
    }
#endif
}

typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  left;
} Join;

typedef struct
{
  GThreadFunc  func;
  gpointer     data;
  Join        *join;
} Part;

static void
run_part (gpointer data,
          gpointer user_data)
{
  Part *part = data;
  Join *join = part->join;
  nice_pool_thread ();

  part->func (part->data);

  g_mutex_lock (&join->mutex);
  if (--join->left == 0)
    g_cond_signal (&join->cond);
  g_mutex_unlock (&join->mutex);
}

/* The one pool of the process for jobs in parts: its threads run at the
 * background priority, and only parts, which never wait for one another,
 * so that jobs started at the same time cannot block each other. */
static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter_pointer (&pool))
    g_once_init_leave_pointer (&pool, g_thread_pool_new (run_part, NULL, CLAMP (g_get_num_processors (), 1, MAX_PARTS),
                                                         TRUE, NULL));

  return pool;
}

/**
 * chronicle_run_parts:
 * @func: what each part runs
 * @parts: an array of @n_parts structures of @part_size bytes, one
 *   given to each call of @func
 *
 * Runs @func on each of @parts, on the background pool while the calling
 * thread waits, or on the calling thread when there is one part.
 */
void
chronicle_run_parts (GThreadFunc func,
                     gpointer    parts,
                     gsize       part_size,
                     guint       n_parts)
{
  g_autofree Part *jobs = NULL;
  Join join;

  if (n_parts == 1)
    {
      func (parts);
      return;
    }

  g_mutex_init (&join.mutex);
  g_cond_init (&join.cond);
  join.left = n_parts;
  jobs = g_new (Part, n_parts);

  for (guint i = 0; i < n_parts; i++)
    {
      jobs[i] = (Part) { func, (char *) parts + i * part_size, &join };
      g_thread_pool_push (get_pool (), &jobs[i], NULL);
    }

  g_mutex_lock (&join.mutex);
  while (join.left > 0)
    g_cond_wait (&join.cond, &join.mutex);
  g_mutex_unlock (&join.mutex);

  g_mutex_clear (&join.mutex);
  g_cond_clear (&join.cond);
}

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Background;

static void
run_background_task (gpointer data,
                     gpointer user_data)
{
  Background *job = data;
  nice_pool_thread ();

  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
               g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

/**
 * chronicle_task_run_in_background:
 *
 * As g_task_run_in_thread(), on the process's pool for work the window
 * does not wait for (decoding pictures): one thread fewer than there are
 * processors, at a lower priority.  Fifty pictures decoded at once on
 * GLib's pool left the window's thread a fifth of a core of two, and
 * frames of 200 ms.
 */
void
chronicle_task_run_in_background (GTask           *task,
                                  GTaskThreadFunc  func)
{
  static GThreadPool *pool;
  Background *job;

  if (g_once_init_enter_pointer (&pool))
    g_once_init_leave_pointer (&pool, g_thread_pool_new (run_background_task, NULL,
                                                         MAX (1, (int) g_get_num_processors () - 1), FALSE, NULL));

  job = g_new (Background, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pool, job, NULL);
}

