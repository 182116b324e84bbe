/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscriptions"

#include "config.h"

#include <string.h>

#include "chronicle-image.h"
#include "chronicle-subscriptions-private.h"
#include "chronicle-uri.h"

/* The icons of subscriptions: the feed's own (JSON Feed icon or favicon,
 * Atom icon or logo, RSS image), else the site's /favicon.ico, looked
 * for once a week at most, a few at a time and after the feeds, on the
 * network thread.  Only what looks like an image is kept; the window
 * decodes it, within limits of its own. */

#define ICON_MAX_SIZE     (1024 * 1024)
#define ICON_TIMEOUT_S    30
#define ICON_RECHECK_S    (7 * 24 * 60 * 60)
#define ICON_MAX_FETCHES  4

typedef struct
{
  char  *key;
  char **urls;    /* to try in turn */
  guint  tried;
} Job;

static void
job_free (Job *job)
{
  g_free (job->key);
  g_strfreev (job->urls);
  g_free (job);
}

typedef struct
{
  GPtrArray  *jobs;       /* of Job */
  guint       next;
  guint       n_running;
  GPtrArray  *found;      /* of ChronicleIconWrite, one per job done */
  GHashTable *answers;    /* address → GBytes, NULL for no icon: many
                           * feeds of one site share its favicon, asked
                           * for once */
  gint64      now;
} Icons;

static void
icons_free (Icons *icons)
{
  g_ptr_array_unref (icons->jobs);
  g_ptr_array_unref (icons->found);
  g_hash_table_unref (icons->answers);
  g_free (icons);
}

/**
 * chronicle_icon_sniff:
 * @bytes: what a server sent for an icon
 *
 * Returns: whether @bytes begin as an image a loader of GdkPixbuf reads:
 *   PNG, GIF, JPEG, ICO, BMP, WebP or SVG; a page or an error message
 *   sent with status 200 is no icon
 */
gboolean
chronicle_icon_sniff (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint width, height;
  ChronicleImageFormat format;

  if (size < 4 || size > ICON_MAX_SIZE)
    return FALSE;
  /* ICO is for icons only; the other formats are those of pictures. */
  if (memcmp (data, "\0\0\1\0", 4) == 0)
    return TRUE;
  format = chronicle_image_sniff (data, size, &width, &height);

  return format != CHRONICLE_IMAGE_FORMAT_UNKNOWN && format != CHRONICLE_IMAGE_FORMAT_AVIF;
}

/* Where the site's favicon would be: /favicon.ico of @url's origin. */
static char *
dup_favicon_url (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || !chronicle_uri_is_web (url))
    return NULL;
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                     "/favicon.ico", NULL, NULL);
}

static void
answer_free (gpointer data)
{
  if (data != NULL)
    g_bytes_unref (data);
}

static Job *
job_for (ChronicleStoredSource *source)
{
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  const char *icon = chronicle_feed_get_icon (source->feed);
  g_autofree char *site = dup_favicon_url (chronicle_feed_get_home_page_url (source->feed));
  g_autofree char *host = dup_favicon_url (source->location);
  Job *job;

  if (icon != NULL && chronicle_uri_is_web (icon))
    g_strv_builder_add (urls, icon);
  if (site != NULL)
    g_strv_builder_add (urls, site);
  if (host != NULL && g_strcmp0 (host, site) != 0)
    g_strv_builder_add (urls, host);

  job = g_new0 (Job, 1);
  job->key = g_strdup (source->key);
  job->urls = g_strv_builder_end (urls);
  return job;
}

static void pump (GTask *task);

static void
finish_if_done (GTask *task)
{
  Icons *icons = g_task_get_task_data (task);

  if (icons->n_running == 0 && icons->next == icons->jobs->len)
    g_task_return_pointer (task, g_ptr_array_ref (icons->found), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  GTask  *task;
  Job    *job;
  char   *url;
  GBytes *icon;     /* when answered before */
} Trying;

static void
trying_free (Trying *trying)
{
  g_object_unref (trying->task);
  g_free (trying->url);
  g_clear_pointer (&trying->icon, g_bytes_unref);
  g_free (trying);
}

static void try_next (GTask *task,
                      Job   *job);

/* @job's address just tried gave @icon, or no icon when NULL. */
static void
got (GTask  *task,
     Job    *job,
     GBytes *icon)
{
  Icons *icons = g_task_get_task_data (task);
  ChronicleIconWrite *write;

  if (icon == NULL && job->urls[job->tried] != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      try_next (task, job);
      return;
    }

  /* Looked for, found or not: not again before a week. */
  write = g_new0 (ChronicleIconWrite, 1);
  write->key = g_strdup (job->key);
  write->checked_at = icons->now;
  write->data = icon != NULL ? g_bytes_ref (icon) : NULL;
  g_ptr_array_add (icons->found, write);

  icons->n_running--;
  pump (task);
  finish_if_done (task);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Trying *trying = user_data;
  Icons *icons = g_task_get_task_data (trying->task);
  g_autoptr(ChronicleFetchResult) fetched = chronicle_fetch_finish (result);
  GBytes *icon = NULL;

  if (fetched->outcome == CHRONICLE_FETCH_CONTENT && fetched->body != NULL && chronicle_icon_sniff (fetched->body))
    icon = fetched->body;
  g_hash_table_insert (icons->answers, g_strdup (trying->url), icon != NULL ? g_bytes_ref (icon) : NULL);
  got (trying->task, trying->job, icon);
  trying_free (trying);
}

static gboolean
answered_cb (gpointer data)
{
  Trying *trying = data;

  got (trying->task, trying->job, trying->icon);
  return G_SOURCE_REMOVE;
}

static void
try_next (GTask *task,
          Job   *job)
{
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  Icons *icons = g_task_get_task_data (task);
  Trying *trying = g_new0 (Trying, 1);
  gpointer icon;

  trying->task = g_object_ref (task);
  trying->job = job;
  trying->url = g_strdup (job->urls[job->tried++]);

  /* Asked before: answered on the next turn, not from inside this one. */
  if (g_hash_table_lookup_extended (icons->answers, trying->url, NULL, &icon))
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      trying->icon = icon != NULL ? g_bytes_ref (icon) : NULL;
      g_source_set_callback (source, answered_cb, trying, (GDestroyNotify) trying_free);
      g_source_attach (source, g_main_context_get_thread_default ());
      return;
    }

  chronicle_fetch_async (chronicle_subscriptions_get_session (self),
                         &(ChronicleFetchRequest) {
                           .url = trying->url,
                           .max_size = ICON_MAX_SIZE,
                           .timeout_s = ICON_TIMEOUT_S,
                         },
                         g_task_get_cancellable (task), fetched_cb, trying);
}

/* On the network thread: a few at a time. */
static void
pump (GTask *task)
{
  Icons *icons = g_task_get_task_data (task);

  while (icons->n_running < ICON_MAX_FETCHES && icons->next < icons->jobs->len)
    {
      icons->n_running++;
      try_next (task, g_ptr_array_index (icons->jobs, icons->next++));
    }
}

static gboolean
pump_cb (gpointer data)
{
  GTask *task = data;

  pump (task);
  finish_if_done (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GPtrArray *found = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  GError *error = NULL;

  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const ChronicleIconWrite *write = g_ptr_array_index (found, i);

      if (write->data != NULL)
        g_strv_builder_add (keys, write->key);
    }
  g_task_return_pointer (task, g_strv_builder_end (keys), (GDestroyNotify) g_strfreev);
}

/* On the owner's thread, once the network thread is done: what was found
 * is written in one transaction. */
static void
looked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  GPtrArray *found;
  GError *error = NULL;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, found, (GDestroyNotify) g_ptr_array_unref);
  chronicle_store_write_async (self->store, chronicle_store_put_icons, g_ptr_array_ref (found),
                               (GDestroyNotify) g_ptr_array_unref, NULL, written_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  ChronicleSubscriptions *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) sources = NULL;
  GTask *looking;
  Icons *icons;
  GError *error = NULL;

  sources = g_task_propagate_pointer (G_TASK (result), &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  icons = g_new0 (Icons, 1);
  icons->now = g_get_real_time () / G_USEC_PER_SEC;
  icons->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  icons->found = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_icon_write_free);
  icons->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  for (guint i = 0; i < sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (sources, i);
      Job *job;

      /* Only of feeds that answered, and once a week. */
      if (source->fetch.fetched_at == 0 || source->fetch.gone || source->fetch.last_error != NULL ||
          icons->now - source->icon_checked_at < ICON_RECHECK_S)
        continue;
      job = job_for (source);
      if (job->urls[0] != NULL)
        g_ptr_array_add (icons->jobs, job);
      else
        job_free (job);
    }

  if (icons->jobs->len == 0)
    {
      icons_free (icons);
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }

  looking = g_task_new (self, g_task_get_cancellable (task), looked_cb, task);
  g_task_set_task_data (looking, icons, (GDestroyNotify) icons_free);
  chronicle_subscriptions_run (self, pump_cb, looking);
}

/**
 * chronicle_subscriptions_fetch_icons_async:
 *
 * Looks for the icon of each subscription whose feed answered and whose
 * icon was not looked for in a week, and keeps what it finds.
 */
void
chronicle_subscriptions_fetch_icons_async (ChronicleSubscriptions *self,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  g_autoptr(GTask) reading = NULL;
  GTask *task;

  g_return_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_subscriptions_fetch_icons_async);
  reading = g_task_new (self, cancellable, read_cb, task);
  g_task_run_in_thread (reading, chronicle_subscriptions_read_thread);
}

/**
 * chronicle_subscriptions_fetch_icons_finish:
 *
 * Returns: (transfer full): the keys of the subscriptions with a new
 *   icon, or %NULL on error
 */
char **
chronicle_subscriptions_fetch_icons_finish (ChronicleSubscriptions  *self,
                                            GAsyncResult            *result,
                                            GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
