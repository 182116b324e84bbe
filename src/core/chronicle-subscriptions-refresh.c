/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscriptions"

#include "config.h"

#include "chronicle-discover.h"
#include "chronicle-error.h"
#include "chronicle-refresh-schedule.h"
#include "chronicle-subscriptions-private.h"

/* Refreshing the subscriptions: each due feed fetched with its
 * validators, at most 8 at once and 2 to one host; new articles merged
 * into the store, and how it went kept for the next time. */

/* Two feeds of one host answering 429 in one refresh hold back the host's
 * other feeds: it is the host that asks. */
#define HOST_LIMITED_AFTER 2

typedef struct
{
  GPtrArray  *sources;        /* of ChronicleStoredSource, from the store */
  GPtrArray  *reports;        /* one per source, NULL for those not refreshed */
  GArray     *pending;        /* indexes of the sources to fetch */
  gboolean    only_due;
  char       *key;            /* the one to fetch, or NULL for all */
  guint       n_total;        /* to fetch */
  guint       n_running;
  guint       n_done;
  GHashTable *running;        /* host → fetches under way */
  GHashTable *limited;        /* host → feeds that answered 429 */
  GHashTable *held;           /* host → until when it asked to wait */
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_pointer (&refresh->sources, g_ptr_array_unref);
  g_free (refresh->key);
  g_clear_pointer (&refresh->reports, g_ptr_array_unref);
  g_clear_pointer (&refresh->pending, g_array_unref);
  g_clear_pointer (&refresh->running, g_hash_table_unref);
  g_clear_pointer (&refresh->limited, g_hash_table_unref);
  g_clear_pointer (&refresh->held, g_hash_table_unref);
  g_free (refresh);
}

/* One feed's refresh. */
typedef struct
{
  GTask                *task;      /* the refresh's */
  guint                 index;
  char                 *host;
  ChronicleFetchResult *fetched;
  GError               *error;     /* what failed, for the report */
} One;

static void
one_free (One *one)
{
  g_object_unref (one->task);
  g_free (one->host);
  chronicle_fetch_result_free (one->fetched);
  g_clear_error (&one->error);
  g_free (one);
}

static ChronicleRefreshReport *
report_new (ChronicleStoredSource *source)
{
  ChronicleRefreshReport *report = g_new0 (ChronicleRefreshReport, 1);

  report->key = g_strdup (source->key);
  report->title = g_strdup (source->name);
  report->url = g_strdup (source->location);
  return report;
}

static void pump (GTask *task);

static void
host_add (GHashTable *table,
          const char *host,
          int         delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, host));

  g_hash_table_insert (table, g_strdup (host), GUINT_TO_POINTER ((guint) ((int) n + delta)));
}

static void
finish_if_done (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  GPtrArray *reports;

  if (refresh->n_running > 0 || refresh->pending->len > 0)
    return;

  chronicle_subscriptions_set_progress (self, 0, 0);
  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_refresh_report_free);
  for (guint i = 0; i < refresh->reports->len; i++)
    if (g_ptr_array_index (refresh->reports, i) != NULL)
      g_ptr_array_add (reports, g_steal_pointer (&g_ptr_array_index (refresh->reports, i)));
  g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
}

/* Ends @one with @report, taken. */
static void
one_done (One                    *one,
          ChronicleRefreshReport *report)
{
  g_autoptr(GTask) task = g_object_ref (one->task);
  Refresh *refresh = g_task_get_task_data (task);
  ChronicleSubscriptions *self = g_task_get_source_object (task);

  g_ptr_array_index (refresh->reports, one->index) = report;
  refresh->n_running--;
  refresh->n_done++;
  host_add (refresh->running, one->host, -1);
  one_free (one);

  chronicle_subscriptions_set_progress (self, refresh->n_total, refresh->n_done);
  pump (task);
  finish_if_done (task);
}

static void
state_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  One *one = data;
  ChronicleRefreshReport *report;
  Refresh *refresh = g_task_get_task_data (one->task);
  ChronicleStoredSource *source = g_ptr_array_index (refresh->sources, one->index);
  GError *error = NULL;

  report = report_new (source);
  report->outcome = one->fetched->outcome;
  report->n_items = source->feed != NULL ? chronicle_feed_get_n_items (source->feed) : 0;
  report->n_new = source->n_new;
  if (report->outcome == CHRONICLE_FETCH_RETRY_LATER)
    report->not_before = source->fetch.retry_after;
  report->error = g_steal_pointer (&one->error);
  /* Stored: its articles are read back from the store for the list.  Kept
   * until the whole refresh ends, the 25 000 articles of 500 feeds took
   * a tenth of a second to free in one turn of the main loop. */
  g_clear_object (&source->feed);
  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error))
    {
      g_clear_error (&report->error);
      report->error = error;
    }
  one_done (one, report);
}

/* Keeps how the fetch went; with @feed, its articles too. */
static void
store_one (One           *one,
           ChronicleFeed *feed,
           const GError  *error)
{
  ChronicleSubscriptions *self = g_task_get_source_object (one->task);
  Refresh *refresh = g_task_get_task_data (one->task);
  ChronicleStoredSource *source = g_ptr_array_index (refresh->sources, one->index);

  chronicle_subscriptions_update_fetch_state (self, source, one->fetched, error,
                                              feed != NULL ? (gint64) chronicle_feed_get_ttl_minutes (feed) * 60 : 0);
  one->error = error != NULL ? g_error_copy (error) : NULL;
  if (feed != NULL)
    {
      g_set_object (&source->feed, feed);
      g_set_str (&source->content_hash, one->fetched->content_hash);
      chronicle_store_write_async (self->store, chronicle_store_put_source, source, NULL, NULL, state_stored_cb, one);
    }
  else
    chronicle_store_write_async (self->store, chronicle_store_put_fetch_state, source, NULL, NULL, state_stored_cb,
                                 one);
}

static void
one_parsed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  One *one = data;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  feed = chronicle_subscriptions_parse_finish (result, &error);
  store_one (one, feed, error);
}

/* A fetch cut short by the refresh's cancellation says nothing of the
 * feed: nothing is kept of it. */
static void
one_cancelled (One *one)
{
  ChronicleRefreshReport *report;
  Refresh *refresh = g_task_get_task_data (one->task);

  report = report_new (g_ptr_array_index (refresh->sources, one->index));
  report->outcome = CHRONICLE_FETCH_FAILED;
  report->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  one_done (one, report);
}

static void
one_fetched_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      data)
{
  One *one = data;
  ChronicleSubscriptions *self = g_task_get_source_object (one->task);
  Refresh *refresh = g_task_get_task_data (one->task);
  ChronicleFetchResult *result;
  g_autoptr(GError) error = NULL;

  result = one->fetched = chronicle_fetch_finish (res);
  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      one_cancelled (one);
      return;
    }

  if (result->outcome == CHRONICLE_FETCH_CONTENT)
    {
      gsize length;
      const char *body = g_bytes_get_data (result->body, &length);

      if (chronicle_discover_sniff (body, length, result->content_type) == CHRONICLE_CONTENT_FEED)
        {
          chronicle_subscriptions_parse_async (self, result->body, result->url, g_task_get_cancellable (one->task),
                                               one_parsed_cb, one);
          return;
        }
      error = g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED, "%s: no longer a feed, but %s", result->url,
                           result->content_type != NULL ? result->content_type : "something without a type");
    }
  else if (result->outcome == CHRONICLE_FETCH_RETRY_LATER)
    {
      host_add (refresh->limited, one->host, 1);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (refresh->limited, one->host)) >= HOST_LIMITED_AFTER)
        {
          gint64 now = g_get_real_time () / G_USEC_PER_SEC;
          gint64 until = MAX (result->retry_after, now + CHRONICLE_REFRESH_MIN_INTERVAL_S);
          gint64 held = GPOINTER_TO_SIZE (g_hash_table_lookup (refresh->held, one->host));

          g_hash_table_insert (refresh->held, g_strdup (one->host), GSIZE_TO_POINTER (MAX (held, until)));
        }
      error = chronicle_fetch_result_dup_error (result);
    }
  else if (result->outcome != CHRONICLE_FETCH_NOT_MODIFIED && result->outcome != CHRONICLE_FETCH_UNCHANGED)
    error = chronicle_fetch_result_dup_error (result);

  store_one (one, NULL, error);
}

static void
held_stored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;

  /* What failed to be kept is tried again at the next refresh. */
  chronicle_store_write_finish (CHRONICLE_STORE (object), result, NULL);
}

/* A feed of a host that asked to wait is not fetched, and waits too. */
static ChronicleRefreshReport *
hold (GTask                 *task,
      ChronicleStoredSource *source,
      gint64                 until)
{
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  ChronicleRefreshReport *report = report_new (source);

  source->fetch.retry_after = until;
  source->fetch.next_fetch_at = MAX (source->fetch.next_fetch_at, until);
  chronicle_store_write_async (self->store, chronicle_store_put_fetch_state, source, NULL, NULL, held_stored_cb,
                               g_object_ref (task));

  report->outcome = CHRONICLE_FETCH_RETRY_LATER;
  report->not_before = until;
  return report;
}

/* Starts the fetches there is room for. */
static void
pump (GTask *task)
{
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);

  for (guint i = 0; i < refresh->pending->len && refresh->n_running < CHRONICLE_MAX_FETCHES;)
    {
      guint index = g_array_index (refresh->pending, guint, i);
      ChronicleStoredSource *source = g_ptr_array_index (refresh->sources, index);
      g_autofree char *host = chronicle_subscriptions_dup_host (source->location);
      gint64 held = GPOINTER_TO_SIZE (g_hash_table_lookup (refresh->held, host));
      One *one;

      if (held > 0)
        {
          g_array_remove_index (refresh->pending, i);
          g_ptr_array_index (refresh->reports, index) = hold (task, source, held);
          refresh->n_done++;
          chronicle_subscriptions_set_progress (self, refresh->n_total, refresh->n_done);
          continue;
        }

      if (GPOINTER_TO_UINT (g_hash_table_lookup (refresh->running, host)) >= CHRONICLE_MAX_FETCHES_PER_HOST)
        {
          i++;
          continue;
        }

      g_array_remove_index (refresh->pending, i);
      one = g_new0 (One, 1);
      one->task = g_object_ref (task);
      one->index = index;
      one->host = g_steal_pointer (&host);
      host_add (refresh->running, one->host, 1);
      refresh->n_running++;
      chronicle_fetch_async (chronicle_subscriptions_get_session (self),
                             &(ChronicleFetchRequest) {
                               .url = source->location,
                               .etag = source->fetch.etag,
                               .last_modified = source->fetch.last_modified,
                               .content_hash = source->content_hash,
                             },
                             g_task_get_cancellable (task), one_fetched_cb, one);
    }
}

static gboolean
is_due (ChronicleStoredSource *source,
        gint64                 now)
{
  return source->fetch.fetched_at == 0 || (source->fetch.next_fetch_at > 0 && source->fetch.next_fetch_at <= now);
}

/* On the network thread: the fetches and what follows them happen there,
 * until the refresh returns. */
static gboolean
pump_cb (gpointer data)
{
  GTask *task = data;
  Refresh *refresh = g_task_get_task_data (task);

  chronicle_subscriptions_set_progress (g_task_get_source_object (task), refresh->n_total, 0);
  pump (task);
  finish_if_done (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* On the owner's thread, once the store is read. */
static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GError *error = NULL;

  refresh->sources = g_task_propagate_pointer (G_TASK (result), &error);
  if (refresh->sources == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  refresh->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_refresh_report_free);
  g_ptr_array_set_size (refresh->reports, refresh->sources->len);
  for (guint i = 0; i < refresh->sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (refresh->sources, i);
      ChronicleRefreshTimes times = { .now = now, .retry_after = source->fetch.retry_after };
      gint64 not_before = chronicle_refresh_not_before (&times);

      if (refresh->key != NULL && !g_str_equal (refresh->key, source->key))
        continue;
      if (source->fetch.gone)
        {
          ChronicleRefreshReport *report = report_new (source);

          report->outcome = CHRONICLE_FETCH_GONE;
          report->error = g_error_new (CHRONICLE_HTTP_ERROR, SOUP_STATUS_GONE, "%s: the feed is gone for good",
                                       source->location);
          g_ptr_array_index (refresh->reports, i) = report;
        }
      else if (not_before > 0)
        {
          ChronicleRefreshReport *report = report_new (source);

          /* Even when the reader asks: the server asked first. */
          report->outcome = CHRONICLE_FETCH_RETRY_LATER;
          report->not_before = not_before;
          g_ptr_array_index (refresh->reports, i) = report;
        }
      else if (!refresh->only_due || is_due (source, now))
        g_array_append_val (refresh->pending, i);
    }

  /* Nothing to fetch: no network thread is started for it. */
  refresh->n_total = refresh->pending->len;
  if (refresh->n_total == 0)
    {
      finish_if_done (task);
      g_object_unref (task);
      return;
    }

  chronicle_subscriptions_run (self, pump_cb, task);
}

static void
start_refresh (ChronicleSubscriptions *self,
               gboolean                only_due,
               const char             *key,
               GCancellable           *cancellable,
               GAsyncReadyCallback     callback,
               gpointer                user_data)
{
  g_autoptr(GTask) reading = NULL;
  GTask *task;
  Refresh *refresh;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_refresh_async);

  refresh = g_new0 (Refresh, 1);
  refresh->only_due = only_due;
  refresh->key = g_strdup (key);
  refresh->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  refresh->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refresh->limited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refresh->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);

  reading = g_task_new (self, cancellable, read_cb, task);
  g_task_run_in_thread (reading, chronicle_subscriptions_read_thread);
}

/**
 * chronicle_subscriptions_refresh_async:
 * @only_due: whether to fetch only the feeds whose time has come, as the
 *   refresh of every interval does, or all of them, as the reader asks
 *
 * Fetches the subscriptions, never one that is gone (410) or whose
 * server asked to wait (Retry-After), at most %CHRONICLE_MAX_FETCHES at
 * once and %CHRONICLE_MAX_FETCHES_PER_HOST to one host; stores the new
 * articles and how each fetch went.  #ChronicleSubscriptions:n-refreshed
 * counts the progress.
 */
void
chronicle_subscriptions_refresh_async (ChronicleSubscriptions *self,
                                       gboolean                only_due,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));

  start_refresh (self, only_due, NULL, cancellable, callback, user_data);
}

/**
 * chronicle_subscriptions_refresh_one_async:
 * @key: a subscription's source key
 *
 * Fetches the subscription @key as chronicle_subscriptions_refresh_async()
 * fetches them all; chronicle_subscriptions_refresh_finish() gives its
 * report, or none when there is no such subscription.
 */
void
chronicle_subscriptions_refresh_one_async (ChronicleSubscriptions *self,
                                           const char             *key,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));
  g_return_if_fail (key != NULL);

  start_refresh (self, FALSE, key, cancellable, callback, user_data);
}

/**
 * chronicle_subscriptions_refresh_finish:
 *
 * Returns: (transfer full) (element-type ChronicleRefreshReport): a
 *   report for each subscription fetched, held back or gone, in the order
 *   they were added
 */
GPtrArray *
chronicle_subscriptions_refresh_finish (ChronicleSubscriptions  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* Told from the network thread before it returned; said again here, so
   * that it holds when the caller looks. */
  chronicle_subscriptions_set_progress_now (self, 0, 0);
  return g_task_propagate_pointer (G_TASK (result), error);
}
