/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscriptions"

#include "config.h"

#include <string.h>

#include "chronicle-diagnostic.h"
#include "chronicle-discover.h"
#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-refresh-schedule.h"
#include "chronicle-store-private.h"
#include "chronicle-subscriptions-private.h"
#include "chronicle-threads.h"
#include "chronicle-uri.h"

/* Web subscriptions: subscribing to what the reader typed (a feed, or a
 * page that names one), and refreshing the subscriptions politely.  The
 * fetches run on a network thread of their own, parsing on workers, and
 * writing through the store's writer; results and progress come back to
 * the thread that made the object.  On the main loop, every frame of the
 * window held up the next answer: a refresh of 500 unchanged feeds took
 * 2.9 s there. */

G_DEFINE_FINAL_TYPE (ChronicleSubscriptions, chronicle_subscriptions, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_TO_REFRESH,
  PROP_N_REFRESHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
chronicle_refresh_report_free (ChronicleRefreshReport *report)
{
  if (report == NULL)
    return;

  g_free (report->key);
  g_free (report->title);
  g_free (report->url);
  g_clear_error (&report->error);
  g_clear_pointer (&report->choices, g_ptr_array_unref);
  g_free (report);
}

/* The thread and what lives on it; it outlives the object when the
 * object's last reference goes on the thread itself. */
typedef struct _ChronicleNetwork
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupSession  *session;    /* made on the thread, before anything runs there */
  gboolean      detached;   /* the thread frees it when it ends */
} Network;

static void
network_free (Network *network)
{
  g_main_loop_unref (network->loop);
  g_main_context_unref (network->context);
  g_free (network);
}

static gpointer
network_thread (gpointer data)
{
  Network *network = data;

  g_main_context_push_thread_default (network->context);
  /* Looking up the proxy settings takes time: here, not on the caller's
   * thread. */
  network->session = chronicle_fetch_session_new ();

  g_main_loop_run (network->loop);

  /* What is left queued is dropped with the session, on its thread. */
  g_clear_object (&network->session);
  while (g_main_context_iteration (network->context, FALSE))
    ;
  g_main_context_pop_thread_default (network->context);
  if (network->detached)
    network_free (network);
  return NULL;
}

static Network *
network_new (void)
{
  Network *network = g_new0 (Network, 1);

  network->context = g_main_context_new ();
  network->loop = g_main_loop_new (network->context, FALSE);
  network->thread = chronicle_thread_new_background ("chronicle-network", network_thread, network);
  return network;
}

static void
network_stop (Network *network)
{
  if (g_thread_self () == network->thread)
    {
      network->detached = TRUE;
      g_main_loop_quit (network->loop);
      g_thread_unref (network->thread);
      return;
    }

  g_main_loop_quit (network->loop);
  g_thread_join (network->thread);
  network_free (network);
}

/* Runs @func with @data on the network thread, started the first time:
 * a window that never fetches (or not yet) does not pay for it, nor does
 * its start wait for the proxy settings to be looked up. */
void
chronicle_subscriptions_run (ChronicleSubscriptions *self,
                             GSourceFunc             func,
                             gpointer                data)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  if (self->network == NULL)
    self->network = network_new ();

  /* Attached, not invoked: an invocation before the thread holds its
   * context would run on this thread. */
  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, "[chronicle] on the network thread");
  g_source_attach (source, self->network->context);
}

/* On the network thread: its session. */
SoupSession *
chronicle_subscriptions_get_session (ChronicleSubscriptions *self)
{
  return self->network->session;
}

static void
chronicle_subscriptions_finalize (GObject *object)
{
  ChronicleSubscriptions *self = CHRONICLE_SUBSCRIPTIONS (object);

  if (self->network != NULL)
    network_stop (self->network);
  g_main_context_unref (self->owner);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (chronicle_subscriptions_parent_class)->finalize (object);
}

static void
chronicle_subscriptions_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ChronicleSubscriptions *self = CHRONICLE_SUBSCRIPTIONS (object);

  switch (prop_id)
    {
    case PROP_N_TO_REFRESH:
      g_value_set_uint (value, self->n_to_refresh);
      break;
    case PROP_N_REFRESHED:
      g_value_set_uint (value, self->n_refreshed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_subscriptions_class_init (ChronicleSubscriptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_subscriptions_finalize;
  object_class->get_property = chronicle_subscriptions_get_property;

  /**
   * ChronicleSubscriptions:n-to-refresh:
   *
   * How many subscriptions the refresh under way fetches, 0 when none is.
   */
  properties[PROP_N_TO_REFRESH] =
    g_param_spec_uint ("n-to-refresh", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ChronicleSubscriptions:n-refreshed:
   *
   * How many of them are done.
   */
  properties[PROP_N_REFRESHED] =
    g_param_spec_uint ("n-refreshed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_subscriptions_init (ChronicleSubscriptions *self)
{
  self->interval = CHRONICLE_REFRESH_DEFAULT_INTERVAL_S;
  self->owner = g_main_context_ref_thread_default ();
}

/**
 * chronicle_subscriptions_new:
 *
 * The subscriptions of @store, with one HTTP session (see
 * chronicle_fetch_session_new()) on a network thread of their own, started
 * at the first fetch.  Their results and progress come on the
 * thread-default main context of the caller.
 */
ChronicleSubscriptions *
chronicle_subscriptions_new (ChronicleStore *store)
{
  ChronicleSubscriptions *self;

  g_return_val_if_fail (CHRONICLE_IS_STORE (store), NULL);

  self = g_object_new (CHRONICLE_TYPE_SUBSCRIPTIONS, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * chronicle_subscriptions_set_interval:
 * @seconds: the reader's refresh interval, 0 for "manual"
 */
void
chronicle_subscriptions_set_interval (ChronicleSubscriptions *self,
                                      gint64                  seconds)
{
  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));

  self->interval = MAX (seconds, 0);
}

guint
chronicle_subscriptions_get_n_to_refresh (ChronicleSubscriptions *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self), 0);

  return self->n_to_refresh;
}

guint
chronicle_subscriptions_get_n_refreshed (ChronicleSubscriptions *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self), 0);

  return self->n_refreshed;
}

/**
 * chronicle_subscriptions_normalize_url:
 * @text: what the reader typed or pasted: an address, perhaps without
 *   its scheme, or a feed: address
 *
 * Returns: (transfer full) (nullable): the http or https address it
 *   stands for, or %NULL when it stands for none
 */
char *
chronicle_subscriptions_normalize_url (const char *text)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  url = g_strstrip (g_strdup (text));

  /* feed://host/path and feed:https://host/path (the old way of handing
   * a feed to a reader). */
  if (g_ascii_strncasecmp (url, "feed:", 5) == 0)
    {
      const char *rest = url + 5;
      char *inner = g_str_has_prefix (rest, "//") ? g_strconcat ("http:", rest, NULL) : g_strdup (rest);

      g_free (url);
      url = inner;
    }

  if (g_uri_peek_scheme (url) == NULL && *url != '\0' && strchr (url, ' ') == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = with_scheme;
    }

  if (!chronicle_uri_is_web (url))
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  /* One spelling per address, so that subscribing twice finds the first:
   * the host in lower case, and no fragment, which servers never see. */
  {
    g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
    g_autoptr(GUri) normal = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                                          host, g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri),
                                          NULL);

    return g_uri_to_string (normal);
  }
}

/* Parsing a fetched body, on a worker. */

typedef struct
{
  GBytes        *body;
  char          *url;        /* where it came from, for relative links */
  ChronicleFeed *feed;
  GPtrArray     *diagnostics;
} Parsing;

static void
parsing_free (Parsing *parsing)
{
  g_clear_pointer (&parsing->body, g_bytes_unref);
  g_free (parsing->url);
  g_clear_object (&parsing->feed);
  g_clear_pointer (&parsing->diagnostics, g_ptr_array_unref);
  g_free (parsing);
}

/* Links a feed gives relative to nothing are relative to where it came
 * from. */
static void
resolve_addresses (ChronicleFeed *feed,
                   const char    *url)
{
  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (feed, i);

      if (item->url != NULL && g_uri_peek_scheme (item->url) == NULL)
        {
          char *resolved = g_uri_resolve_relative (url, item->url, G_URI_FLAGS_NONE, NULL);

          if (resolved != NULL)
            {
              g_free (item->url);
              item->url = resolved;
            }
        }
      if (item->base_url == NULL || g_uri_peek_scheme (item->base_url) == NULL)
        {
          char *base = item->base_url != NULL ? g_uri_resolve_relative (url, item->base_url, G_URI_FLAGS_NONE, NULL)
                                              : g_strdup (url);

          if (base != NULL)
            {
              g_free (item->base_url);
              item->base_url = base;
            }
        }
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parsing *parsing = task_data;

  parsing->feed = chronicle_feed_parse (parsing->body, parsing->diagnostics);
  g_clear_pointer (&parsing->body, g_bytes_unref);
  if (parsing->feed != NULL)
    resolve_addresses (parsing->feed, parsing->url);
  g_task_return_boolean (task, TRUE);
}

void
chronicle_subscriptions_parse_async (ChronicleSubscriptions *self,
                                     GBytes                 *body,
                                     const char             *url,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Parsing *parsing = g_new0 (Parsing, 1);

  parsing->body = g_bytes_ref (body);
  parsing->url = g_strdup (url);
  parsing->diagnostics = chronicle_diagnostics_new ();
  g_task_set_task_data (task, parsing, (GDestroyNotify) parsing_free);
  g_task_set_source_tag (task, chronicle_subscriptions_parse_async);
  g_task_run_in_thread (task, parse_thread);
}

/* On the main thread, which translates what was wrong. */
ChronicleFeed *
chronicle_subscriptions_parse_finish (GAsyncResult  *result,
                                      GError       **error)
{
  Parsing *parsing = g_task_get_task_data (G_TASK (result));
  const ChronicleDiagnostic *fatal;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  if (parsing->feed != NULL)
    return g_object_ref (parsing->feed);

  fatal = chronicle_diagnostics_find_fatal (parsing->diagnostics);
  message = fatal != NULL ? chronicle_diagnostic_to_string (fatal, parsing->url) : g_strdup (parsing->url);
  g_set_error_literal (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED, message);
  return NULL;
}

/* What the store keeps after a fetch: the validators, the time, and when
 * to fetch next. */
void
chronicle_subscriptions_update_fetch_state (ChronicleSubscriptions     *self,
                                            ChronicleStoredSource      *source,
                                            const ChronicleFetchResult *result,
                                            const GError               *error,
                                            gint64                      ttl)
{
  ChronicleFetchState *fetch = &source->fetch;
  ChronicleRefreshTimes times = { 0 };
  gboolean answered = result->outcome == CHRONICLE_FETCH_CONTENT ||
                      result->outcome == CHRONICLE_FETCH_NOT_MODIFIED ||
                      result->outcome == CHRONICLE_FETCH_UNCHANGED;

  times.now = g_get_real_time () / G_USEC_PER_SEC;
  fetch->fetched_at = times.now;
  fetch->last_status = result->status;
  if (result->permanent_url != NULL)
    g_set_str (&source->location, result->permanent_url);

  if (answered && error == NULL)
    {
      g_set_str (&fetch->etag, result->etag);
      g_set_str (&fetch->last_modified, result->last_modified);
      g_clear_pointer (&fetch->last_error, g_free);
      fetch->failures = 0;
      fetch->retry_after = 0;
      times.fresh_until = result->fresh_until;
      times.ttl = ttl;
    }
  else
    {
      fetch->failures++;
      fetch->retry_after = result->retry_after;
      g_set_str (&fetch->last_error, error != NULL ? error->message : NULL);
      if (result->outcome == CHRONICLE_FETCH_GONE)
        fetch->gone = TRUE;
      times.retry_after = result->retry_after;
      /* A server that asked to wait, and said until when, is no failure
       * to back off from. */
      times.failures = result->retry_after > times.now ? 0 : fetch->failures;
    }

  times.interval = self->interval;
  fetch->next_fetch_at = chronicle_refresh_next_fetch (&times);
}

/* A worker's part of refreshing and of looking for icons: the web
 * sources as the store has them. */
void
chronicle_subscriptions_read_thread (GTask        *task,
                                     gpointer      source_object,
                                     gpointer      task_data,
                                     GCancellable *cancellable)
{
  ChronicleSubscriptions *self = source_object;
  GError *error = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (self->store, &error);
  GPtrArray *sources;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sources = chronicle_store_read_web_sources (db, &error);
  chronicle_store_release_reader (self->store, db);
  if (sources == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sources, (GDestroyNotify) g_ptr_array_unref);
}

char *
chronicle_subscriptions_dup_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL ? g_ascii_strdown (g_uri_get_host (uri), -1) : g_strdup ("");
}

typedef struct
{
  ChronicleSubscriptions *self;
  guint                   n_to_refresh;
  guint                   n_refreshed;
} Progress;

static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;
  ChronicleSubscriptions *self = progress->self;

  if (self->n_to_refresh != progress->n_to_refresh)
    {
      self->n_to_refresh = progress->n_to_refresh;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TO_REFRESH]);
    }
  if (self->n_refreshed != progress->n_refreshed)
    {
      self->n_refreshed = progress->n_refreshed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFRESHED]);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

/* On the owner's thread: tells the progress at once. */
void
chronicle_subscriptions_set_progress_now (ChronicleSubscriptions *self,
                                          guint                   n_to_refresh,
                                          guint                   n_refreshed)
{
  Progress progress = { self, n_to_refresh, n_refreshed };

  progress_cb (&progress);
}

/* Tells the progress on the owner's thread, from the network thread. */
void
chronicle_subscriptions_set_progress (ChronicleSubscriptions *self,
                                      guint                   n_to_refresh,
                                      guint                   n_refreshed)
{
  Progress *progress = g_new (Progress, 1);

  progress->self = g_object_ref (self);
  progress->n_to_refresh = n_to_refresh;
  progress->n_refreshed = n_refreshed;
  g_main_context_invoke_full (self->owner, G_PRIORITY_DEFAULT, progress_cb, progress, progress_free);
}

static void
prune_free (ChroniclePrune *prune)
{
  g_strfreev (prune->keys);
  g_free (prune);
}

/* @task gives the keys a write to the store set, or how it failed. */
static void
return_keys (GTask         *task,
             GObject       *store,
             GAsyncResult  *result,
             char        ***keys)
{
  GError *error = NULL;

  if (!chronicle_store_write_finish (CHRONICLE_STORE (store), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (keys), (GDestroyNotify) g_strfreev);
}

static void
pruned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChroniclePrune *prune = g_task_get_task_data (task);

  return_keys (task, object, result, &prune->keys);
}

/**
 * chronicle_subscriptions_prune_async:
 * @keep_s: how long articles are kept once first seen, in seconds; 0 for
 *   ever
 *
 * Retention: removes the articles of subscriptions first seen longer than
 * @keep_s ago that the reader has read and not starred.  Articles of
 * files and the bundled collection are never removed.
 */
void
chronicle_subscriptions_prune_async (ChronicleSubscriptions *self,
                                     gint64                  keep_s,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  GTask *task;
  ChroniclePrune *prune;

  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_prune_async);
  if (keep_s <= 0)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }

  prune = g_new0 (ChroniclePrune, 1);
  prune->cutoff = g_get_real_time () / G_USEC_PER_SEC - keep_s;
  g_task_set_task_data (task, prune, (GDestroyNotify) prune_free);
  chronicle_store_write_async (self->store, chronicle_store_prune_web, prune, NULL, cancellable, pruned_cb, task);
}

/**
 * chronicle_subscriptions_prune_finish:
 *
 * Returns: (transfer full): the keys of the subscriptions that lost
 *   articles, or %NULL on error
 */
char **
chronicle_subscriptions_prune_finish (ChronicleSubscriptions  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
import_free (ChronicleImport *import)
{
  g_ptr_array_unref (import->entries);
  g_strfreev (import->keys);
  g_free (import);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChronicleImport *import = g_task_get_task_data (task);

  return_keys (task, object, result, &import->keys);
}

/**
 * chronicle_subscriptions_import_async:
 * @entries: (element-type ChronicleOpmlEntry): a reading list's
 *   subscriptions, from chronicle_opml_parse()
 *
 * Adds the subscriptions the store does not have, in one transaction,
 * without fetching them: the next refresh does, as they were never
 * fetched.  Those it has take the list's folder.
 */
void
chronicle_subscriptions_import_async (ChronicleSubscriptions *self,
                                      GPtrArray              *entries,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task;
  ChronicleImport *import;

  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));
  g_return_if_fail (entries != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_import_async);
  import = g_new0 (ChronicleImport, 1);
  import->entries = g_ptr_array_ref (entries);
  g_task_set_task_data (task, import, (GDestroyNotify) import_free);
  chronicle_store_write_async (self->store, chronicle_store_import_web, import, NULL, cancellable, imported_cb, task);
}

/**
 * chronicle_subscriptions_import_finish:
 *
 * Returns: (transfer full): the keys of the subscriptions added, or %NULL
 *   on error
 */
char **
chronicle_subscriptions_import_finish (ChronicleSubscriptions  *self,
                                       GAsyncResult            *result,
                                       GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChronicleSubscriptions *self = source_object;
  g_autoptr(GPtrArray) sources = NULL;
  GPtrArray *entries;
  GError *error = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (self->store, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sources = chronicle_store_read_web_sources (db, &error);
  chronicle_store_release_reader (self->store, db);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_opml_entry_free);
  for (guint i = 0; i < sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (sources, i);
      ChronicleOpmlEntry *entry = g_new0 (ChronicleOpmlEntry, 1);

      entry->url = g_strdup (source->location);
      entry->title = g_strdup (source->name);
      entry->home_page_url = g_strdup (source->feed->home_page_url);
      entry->folder = g_strdup (source->folder);
      g_ptr_array_add (entries, entry);
    }
  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * chronicle_subscriptions_list_async:
 *
 * Reads the subscriptions as a reading list, for chronicle_opml_write().
 */
void
chronicle_subscriptions_list_async (ChronicleSubscriptions *self,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_list_async);
  g_task_run_in_thread (task, list_thread);
}

/**
 * chronicle_subscriptions_list_finish:
 *
 * Returns: (transfer container) (element-type ChronicleOpmlEntry): the
 *   subscriptions in the order they were added, or %NULL on error
 */
GPtrArray *
chronicle_subscriptions_list_finish (ChronicleSubscriptions  *self,
                                     GAsyncResult            *result,
                                     GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
