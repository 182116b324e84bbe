/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-image"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "chronicle-image.h"
#include "chronicle-image-cache.h"
#include "chronicle-image-fetch.h"
#include "chronicle-subscriptions-private.h"

/* The bytes of an article's picture: from the web through the one
 * session, on the network thread; from a file beside an opened
 * collection, inside its folder and never outside; or from a data:
 * address.  Whatever comes must look like an image, whatever a server
 * said it was, and stay within the limits of chronicle-image.h. */

typedef struct
{
  ChronicleSubscriptions *network;
  ChronicleImageCache    *cache;
  gboolean                keep;
  char                   *url;
  ChronicleCachedImage   *cached;
  GCancellable           *cancellable;
  GTask                  *task;
} WebFetch;

static void
web_fetch_free (WebFetch *fetch)
{
  g_object_unref (fetch->network);
  g_clear_object (&fetch->cache);
  g_free (fetch->url);
  chronicle_cached_image_free (fetch->cached);
  g_clear_object (&fetch->cancellable);
  g_object_unref (fetch->task);
  g_free (fetch);
}

static gboolean
check_image (GBytes  *bytes,
             GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint width, height;

  if (chronicle_image_sniff (data, size, &width, &height) == CHRONICLE_IMAGE_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "This is not an image Chronicle reads");
      return FALSE;
    }
  if ((guint64) width * height > CHRONICLE_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The image is too large: %u × %u pixels", width, height);
      return FALSE;
    }

  return TRUE;
}

static void
return_bytes (GTask  *task,
              GBytes *bytes)
{
  GError *error = NULL;

  if (check_image (bytes, &error))
    g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  char                 *url;
  ChronicleCachedImage *image;
  gboolean              keep;
} Storing;

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Storing *storing = task_data;

  chronicle_image_cache_store (source_object, storing->url, storing->image, storing->keep);
  g_task_return_boolean (task, TRUE);
}

static void
storing_free (Storing *storing)
{
  g_free (storing->url);
  chronicle_cached_image_free (storing->image);
  g_free (storing);
}

/* Writes what came to the cache on a worker, after it is returned. */
static void
store_later (WebFetch                   *fetch,
             const ChronicleFetchResult *answer,
             GBytes                     *body)
{
  g_autoptr(GTask) task = NULL;
  Storing *storing;

  if (fetch->cache == NULL)
    return;

  storing = g_new0 (Storing, 1);
  storing->url = g_strdup (fetch->url);
  storing->keep = fetch->keep;
  storing->image = g_new0 (ChronicleCachedImage, 1);
  storing->image->body = g_bytes_ref (body);
  storing->image->etag = g_strdup (answer->etag != NULL || fetch->cached == NULL ? answer->etag : fetch->cached->etag);
  storing->image->last_modified = g_strdup (answer->last_modified != NULL || fetch->cached == NULL
                                            ? answer->last_modified : fetch->cached->last_modified);
  storing->image->fresh_until = answer->fresh_until;

  task = g_task_new (fetch->cache, NULL, NULL, NULL);
  g_task_set_source_tag (task, store_later);
  g_task_set_task_data (task, storing, (GDestroyNotify) storing_free);
  g_task_run_in_thread (task, store_thread);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  WebFetch *fetch = data;
  g_autoptr(ChronicleFetchResult) answer = chronicle_fetch_finish (result);
  g_autoptr(GError) error = NULL;

  if (answer->outcome == CHRONICLE_FETCH_CONTENT && answer->body != NULL)
    {
      if (check_image (answer->body, &error))
        {
          store_later (fetch, answer, answer->body);
          g_task_return_pointer (fetch->task, g_bytes_ref (answer->body), (GDestroyNotify) g_bytes_unref);
        }
      else
        {
          g_task_return_error (fetch->task, g_steal_pointer (&error));
        }
    }
  else if (fetch->cached != NULL && !g_error_matches (answer->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Unchanged (304), or the server cannot be reached: what was kept
       * serves, offline too. */
      if (answer->outcome == CHRONICLE_FETCH_NOT_MODIFIED)
        store_later (fetch, answer, fetch->cached->body);
      return_bytes (fetch->task, fetch->cached->body);
    }
  else if (answer->error != NULL)
    {
      g_task_return_error (fetch->task, g_error_copy (answer->error));
    }
  else
    {
      g_task_return_new_error (fetch->task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The server answered %u", answer->status);
    }
  web_fetch_free (fetch);
}

/* On the network thread. */
static gboolean
start_web_fetch (gpointer data)
{
  WebFetch *fetch = data;

  chronicle_fetch_async (chronicle_subscriptions_get_session (fetch->network),
                         &(ChronicleFetchRequest) {
                           .url = fetch->url,
                           .etag = fetch->cached != NULL ? fetch->cached->etag : NULL,
                           .last_modified = fetch->cached != NULL ? fetch->cached->last_modified : NULL,
                           .max_size = CHRONICLE_IMAGE_MAX_DOWNLOAD,
                           .timeout_s = CHRONICLE_IMAGE_TIMEOUT_S,
                         },
                         fetch->cancellable, fetched_cb, fetch);

  return G_SOURCE_REMOVE;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WebFetch *fetch = task_data;

  fetch->cached = chronicle_image_cache_lookup (fetch->cache, fetch->url);
  /* A starred article's picture, kept in the cache already, is kept for
   * good even if it costs no request. */
  if (fetch->cached != NULL && fetch->keep)
    chronicle_image_cache_keep (fetch->cache, fetch->url);
  g_task_return_boolean (task, TRUE);
}

/* Back on the caller's thread: a fresh picture from the cache costs no
 * request; a stale one is asked for again with its validators. */
static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  WebFetch *fetch = data;

  if (g_cancellable_is_cancelled (fetch->cancellable))
    {
      g_task_return_new_error (fetch->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      web_fetch_free (fetch);
      return;
    }
  if (fetch->cached != NULL && fetch->cached->fresh_until > g_get_real_time () / G_USEC_PER_SEC)
    {
      return_bytes (fetch->task, fetch->cached->body);
      web_fetch_free (fetch);
      return;
    }
  chronicle_subscriptions_run (fetch->network, start_web_fetch, fetch);
}

static void
fetch_web (WebFetch *fetch)
{
  g_autoptr(GTask) lookup = NULL;

  if (fetch->cache == NULL)
    {
      chronicle_subscriptions_run (fetch->network, start_web_fetch, fetch);
      return;
    }

  /* The task's data is not freed with it: looked_up_cb goes on with it. */
  lookup = g_task_new (NULL, NULL, looked_up_cb, fetch);
  g_task_set_source_tag (lookup, fetch_web);
  g_task_set_task_data (lookup, fetch, NULL);
  g_task_run_in_thread (lookup, lookup_thread);
}

static GBytes *
read_limited (GFile         *file,
              gsize          limit,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[16384];

  if (stream == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > limit)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The image is larger than Chronicle reads");
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The folder of the collection, with its links followed, and the file
 * the address names: links inside the folder may not lead out of it. */
static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  char **paths = task_data;
  g_autofree char *folder = realpath (paths[0], NULL);
  g_autofree char *path = realpath (paths[1], NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (folder == NULL || path == NULL || !g_str_has_prefix (path, folder) || path[strlen (folder)] != G_DIR_SEPARATOR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               "%s is not inside the collection's folder", paths[1]);
      return;
    }

  file = g_file_new_for_path (path);
  bytes = read_limited (file, CHRONICLE_IMAGE_MAX_DOWNLOAD, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    return_bytes (task, bytes);
}

static void
fetch_file (GTask      *task,
            const char *url,
            const char *location)
{
  g_autoptr(GFile) collection = g_file_new_for_uri (location);
  g_autoptr(GFile) parent = g_file_get_parent (collection);
  g_autoptr(GFile) file = g_file_new_for_uri (url);
  char **paths;

  if (parent == NULL || g_file_peek_path (parent) == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s cannot be read", url);
      return;
    }

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (g_file_peek_path (parent));
  paths[1] = g_strdup (g_file_peek_path (file));
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_file_thread);
}

static void
fetch_data (GTask      *task,
            const char *url)
{
  g_autoptr(GBytes) bytes = NULL;

  /* Base64 takes four characters for three bytes. */
  if (strlen (url) > CHRONICLE_IMAGE_MAX_DATA_URI / 3 * 4 + 1024)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The data: address is too long");
      return;
    }
  bytes = soup_uri_decode_data_uri (url, NULL);
  if (bytes == NULL || g_bytes_get_size (bytes) > CHRONICLE_IMAGE_MAX_DATA_URI)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The data: address holds no image");
  else
    return_bytes (task, bytes);
}

/**
 * chronicle_image_fetch_async:
 * @network: (nullable): whose session fetches from the web; without it,
 *   only files and data: addresses are read
 * @url: the picture's address, maybe relative
 * @location: (nullable): where its collection was read from, which
 *   relative addresses are resolved against; a file's pictures must lie
 *   in its folder
 * @cache: (nullable): where pictures from the web are kept on disk
 * @keep: whether the picture belongs to a starred article, and is kept
 *   for good
 *
 * Reads a picture's bytes; they look like an image of a format
 * Chronicle reads, within the limits.
 */
void
chronicle_image_fetch_async (ChronicleSubscriptions *network,
                             const char             *url,
                             const char             *location,
                             ChronicleImageCache    *cache,
                             gboolean                keep,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *absolute = NULL;
  const char *scheme;

  g_return_if_fail (network == NULL || CHRONICLE_IS_SUBSCRIPTIONS (network));
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_image_fetch_async);
  g_task_set_return_on_cancel (task, TRUE);

  if (g_uri_peek_scheme (url) == NULL && location != NULL)
    absolute = g_uri_resolve_relative (location, url, G_URI_FLAGS_NONE, NULL);
  if (absolute == NULL)
    absolute = g_strdup (url);
  scheme = g_uri_peek_scheme (absolute);

  if (g_strcmp0 (scheme, "data") == 0)
    {
      fetch_data (task, absolute);
    }
  else if (g_strcmp0 (scheme, "file") == 0 && location != NULL && g_str_equal (g_uri_peek_scheme (location), "file"))
    {
      fetch_file (task, absolute, location);
    }
  else if ((g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) && network != NULL)
    {
      WebFetch *fetch = g_new0 (WebFetch, 1);

      fetch->network = g_object_ref (network);
      fetch->cache = cache != NULL ? g_object_ref (cache) : NULL;
      fetch->keep = keep;
      fetch->url = g_steal_pointer (&absolute);
      fetch->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
      fetch->task = g_steal_pointer (&task);
      fetch_web (fetch);
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s cannot be read", absolute);
    }
}

/**
 * chronicle_image_fetch_finish:
 *
 * Returns: (transfer full): the picture's bytes
 */
GBytes *
chronicle_image_fetch_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* As the "load-images" setting's nicks. */
typedef enum
{
  LOAD_ALWAYS,
  LOAD_OPENED_FILES,
  LOAD_NEVER,
} LoadImages;

/**
 * chronicle_image_may_load:
 * @settings: Chronicle's settings
 * @collection: (nullable): where the article is from, if known
 *
 * Returns: whether the reader lets the pictures of an article of
 *   @collection be loaded: not at all, or not those of the web's
 *   subscriptions, which may count who reads them
 */
gboolean
chronicle_image_may_load (GSettings           *settings,
                          ChronicleCollection *collection)
{
  LoadImages policy = g_settings_get_enum (settings, "load-images");

  if (policy == LOAD_NEVER)
    return FALSE;
  if (policy == LOAD_OPENED_FILES)
    return collection != NULL && !chronicle_collection_get_web (collection);

  return TRUE;
}
