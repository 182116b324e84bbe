/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscriptions"

#include "config.h"

#include "chronicle-discover.h"
#include "chronicle-error.h"
#include "chronicle-subscriptions-private.h"

/* Subscribing: the address the reader gave may be a feed, or a page that
 * names its feeds, or a site that keeps its feed at a usual place.  The
 * first feed found is subscribed to and stored with its articles. */

typedef enum
{
  STAGE_GIVEN,   /* the address the reader gave */
  STAGE_LINK,    /* a feed the page named */
  STAGE_GUESS,   /* a usual place */
} Stage;

typedef struct
{
  char                  *given;
  char                  *requested;   /* what the feed was asked for at */
  ChronicleSubscribeFlags flags;
  Stage                  stage;
  char                 **guesses;
  guint                  next_guess;
  ChronicleFetchResult  *fetched;
  ChronicleStoredSource *source;
} Subscribe;

static void
subscribe_free (Subscribe *subscribe)
{
  g_free (subscribe->given);
  g_free (subscribe->requested);
  g_strfreev (subscribe->guesses);
  chronicle_fetch_result_free (subscribe->fetched);
  g_clear_pointer (&subscribe->source, chronicle_stored_source_free);
  g_free (subscribe);
}

static void fetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      data);

static void
fetch (GTask      *task,
       const char *url)
{
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Subscribe *subscribe = g_task_get_task_data (task);

  g_set_str (&subscribe->requested, url);
  chronicle_fetch_async (chronicle_subscriptions_get_session (self), &(ChronicleFetchRequest) { .url = url }, g_task_get_cancellable (task),
                         fetched_cb, task);
}

/* The next usual place, or the end of the search. */
static void
try_next_guess (GTask *task)
{
  Subscribe *subscribe = g_task_get_task_data (task);
  const char *next = subscribe->guesses[subscribe->next_guess];

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (next == NULL)
    {
      g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                               "%s: the page names no feed, and there is none at /feed, /rss, /atom.xml, "
                               "/feed.json or /index.xml", subscribe->given);
      g_object_unref (task);
      return;
    }

  subscribe->next_guess++;
  fetch (task, next);
}

/* Writes the subscription, to the subscription of the same address if
 * there is one: subscribing again refreshes it. */
static gboolean
put_subscription (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  ChronicleStoredSource *source = data;
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT key, name FROM sources WHERE kind = ? AND "
                                                          "location = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, CHRONICLE_SOURCE_WEB);
  chronicle_store_bind_text (stmt, 2, source->location);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_str (&source->key, (const char *) sqlite3_column_text (stmt, 0));
      g_set_str (&source->name, (const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  return chronicle_store_put_source (db, source, error);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  Subscribe *subscribe = g_task_get_task_data (task);
  ChronicleStoredSource *source = subscribe->source;
  ChronicleRefreshReport *report;
  GError *error = NULL;

  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  report = g_new0 (ChronicleRefreshReport, 1);
  report->key = g_strdup (source->key);
  report->title = g_strdup (source->name);
  report->url = g_strdup (source->location);
  report->outcome = CHRONICLE_FETCH_CONTENT;
  report->n_new = source->n_new;
  report->n_items = chronicle_feed_get_n_items (source->feed);
  g_task_return_pointer (task, report, (GDestroyNotify) chronicle_refresh_report_free);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Subscribe *subscribe = g_task_get_task_data (task);
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *key = NULL;
  g_autofree char *host = NULL;
  const char *title;
  ChronicleStoredSource *source;
  GError *error = NULL;

  feed = chronicle_subscriptions_parse_finish (result, &error);
  if (feed == NULL)
    {
      if (subscribe->stage == STAGE_GUESS && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          try_next_guess (task);
          return;
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Named by its own title; failing that, by its site. */
  host = chronicle_subscriptions_dup_host (subscribe->fetched->url);
  title = chronicle_feed_get_title (feed);
  key = g_strconcat ("web-", uuid, NULL);
  source = chronicle_stored_source_new (key, CHRONICLE_SOURCE_WEB, title != NULL && *title != '\0' ? title : host,
                                        feed);
  /* A feed that moved for good is kept at its new address. */
  source->location = g_strdup (subscribe->fetched->permanent_url != NULL ? subscribe->fetched->permanent_url
                                                                         : subscribe->requested);
  source->content_hash = g_strdup (subscribe->fetched->content_hash);
  chronicle_subscriptions_update_fetch_state (self, source, subscribe->fetched, NULL,
                                              (gint64) chronicle_feed_get_ttl_minutes (feed) * 60);
  subscribe->source = source;

  chronicle_store_write_async (self->store, put_subscription, source, NULL, NULL, stored_cb, task);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      data)
{
  GTask *task = data;
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Subscribe *subscribe = g_task_get_task_data (task);
  g_autoptr(ChronicleFetchResult) result = chronicle_fetch_finish (res);
  ChronicleContentKind kind;
  const char *body;
  gsize length;

  if (result->outcome != CHRONICLE_FETCH_CONTENT)
    {
      /* Nothing at this usual place: the next one.  A server that does
       * not answer in time, drops the connection or asks to be left
       * alone would do the same at each, a minute each: the search ends
       * with what it did. */
      if (subscribe->stage == STAGE_GUESS &&
          (result->outcome == CHRONICLE_FETCH_GONE ||
           (result->error != NULL && result->error->domain == CHRONICLE_HTTP_ERROR)))
        {
          try_next_guess (task);
          return;
        }
      g_task_return_error (task, chronicle_fetch_result_dup_error (result));
      g_object_unref (task);
      return;
    }

  body = g_bytes_get_data (result->body, &length);
  kind = chronicle_discover_sniff (body, length, result->content_type);

  if (kind == CHRONICLE_CONTENT_FEED)
    {
      chronicle_fetch_result_free (subscribe->fetched);
      subscribe->fetched = g_steal_pointer (&result);
      chronicle_subscriptions_parse_async (self, subscribe->fetched->body, subscribe->fetched->url,
                                           g_task_get_cancellable (task), parsed_cb, task);
      return;
    }

  if (kind == CHRONICLE_CONTENT_PAGE && subscribe->stage == STAGE_GIVEN)
    {
      g_autoptr(GPtrArray) links = chronicle_discover_links (body, length, result->url);

      /* Several feeds (the posts, the comments…): the reader may choose. */
      if (links->len > 1 && subscribe->flags == CHRONICLE_SUBSCRIBE_ASK)
        {
          ChronicleRefreshReport *report = g_new0 (ChronicleRefreshReport, 1);

          report->url = g_strdup (result->url);
          report->outcome = CHRONICLE_FETCH_CONTENT;
          report->choices = g_steal_pointer (&links);
          g_task_return_pointer (task, report, (GDestroyNotify) chronicle_refresh_report_free);
          g_object_unref (task);
          return;
        }

      if (links->len > 0)
        {
          const ChronicleFeedLink *link = g_ptr_array_index (links, 0);

          subscribe->stage = STAGE_LINK;
          fetch (task, link->url);
          return;
        }

      subscribe->stage = STAGE_GUESS;
      subscribe->guesses = chronicle_discover_usual_paths (result->url);
      try_next_guess (task);
      return;
    }

  if (subscribe->stage == STAGE_GUESS)
    {
      try_next_guess (task);
      return;
    }

  /* A page names as its feed a page, itself even. */
  if (subscribe->stage == STAGE_LINK)
    g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                             "%s: the page %s names this as its feed, but it is not one (%s)", result->url,
                             subscribe->given, result->content_type != NULL ? result->content_type : "no type given");
  else if (length == 0)
    g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                             "%s: the server answered (HTTP %u) with nothing", result->url, result->status);
  else
    g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                             "%s: neither a feed nor a web page, but %s", result->url,
                             result->content_type != NULL ? result->content_type : "something without a type");
  g_object_unref (task);
}

/* On the network thread, where the fetches and what follows them run. */
static gboolean
start_cb (gpointer data)
{
  GTask *task = data;
  Subscribe *subscribe = g_task_get_task_data (task);

  fetch (task, subscribe->given);
  return G_SOURCE_REMOVE;
}

/**
 * chronicle_subscriptions_subscribe_async:
 * @url: what the reader gave: the address of a feed or of a page of the
 *   site, see chronicle_subscriptions_normalize_url()
 *
 * Subscribes to the feed at @url, or to the first feed the page at @url
 * names (with %CHRONICLE_SUBSCRIBE_ASK, when it names several, gives them
 * to choose from instead), or to one at the usual places of its site; the
 * feed is stored with its articles as a web source.  Subscribing to an address already
 * subscribed to refreshes that subscription.
 */
void
chronicle_subscriptions_subscribe_async (ChronicleSubscriptions  *self,
                                         const char              *url,
                                         ChronicleSubscribeFlags  flags,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data)
{
  GTask *task;
  Subscribe *subscribe;
  g_autofree char *normalized = NULL;

  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_subscribe_async);

  normalized = chronicle_subscriptions_normalize_url (url);
  if (normalized == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a web address", url);
      g_object_unref (task);
      return;
    }

  subscribe = g_new0 (Subscribe, 1);
  subscribe->given = g_steal_pointer (&normalized);
  subscribe->flags = flags;
  subscribe->stage = STAGE_GIVEN;
  g_task_set_task_data (task, subscribe, (GDestroyNotify) subscribe_free);
  chronicle_subscriptions_run (self, start_cb, task);
}

/**
 * chronicle_subscriptions_subscribe_finish:
 *
 * Returns: (transfer full): what was subscribed to: its key, title,
 *   address and number of articles; or the feeds to choose from
 */
ChronicleRefreshReport *
chronicle_subscriptions_subscribe_finish (ChronicleSubscriptions  *self,
                                          GAsyncResult            *result,
                                          GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
