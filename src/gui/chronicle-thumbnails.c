/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-thumbnails"

#include "config.h"

#include "chronicle-icon-texture.h"
#include "chronicle-image-fetch.h"
#include "chronicle-image.h"
#include "chronicle-thumbnails.h"

/* The pictures beside the articles of a list: fetched as the article's
 * pictures are (the one session, the disk cache), scaled on a worker to
 * what a row shows, and the last few kept in memory, so that scrolling
 * back, which binds rows again, shows them at once.  A list binds about
 * 200 rows; each thumbnail is 128 × 128 at most on a HiDPI screen, 64 KB. */
#define MEMORY_ENTRIES 400

/* A picture that could not be had is not asked for again before this. */
#define RETRY_US (15 * G_TIME_SPAN_MINUTE)

struct _ChronicleThumbnails
{
  GObject                 parent_instance;

  ChronicleLibrary       *library;
  ChronicleSubscriptions *network;
  ChronicleImageCache    *cache;
  GSettings              *settings;

  GHashTable             *textures; /* "scale url" → GList link in @order */
  GQueue                  order;    /* of Entry, the last used first */
  GHashTable             *failed;   /* url → when (gint64 *), monotonic µs */
};

typedef struct
{
  char       *key;
  GdkTexture *texture;
} Entry;

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronicleThumbnails, chronicle_thumbnails, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_object_unref (entry->texture);
  g_free (entry);
}

static char *
make_key (const char *url,
          int         scale)
{
  return g_strdup_printf ("%d %s", scale, url);
}

static void
settings_changed_cb (ChronicleThumbnails *self)
{
  g_hash_table_remove_all (self->failed);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
chronicle_thumbnails_finalize (GObject *object)
{
  ChronicleThumbnails *self = CHRONICLE_THUMBNAILS (object);

  g_clear_object (&self->library);
  g_clear_object (&self->network);
  g_clear_object (&self->cache);
  g_clear_object (&self->settings);
  g_hash_table_unref (self->textures);
  g_queue_clear_full (&self->order, (GDestroyNotify) entry_free);
  g_hash_table_unref (self->failed);

  G_OBJECT_CLASS (chronicle_thumbnails_parent_class)->finalize (object);
}

static void
chronicle_thumbnails_class_init (ChronicleThumbnailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_thumbnails_finalize;

  /**
   * ChronicleThumbnails::changed:
   *
   * The reader changed which thumbnails are shown: rows look again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chronicle_thumbnails_init (ChronicleThumbnails *self)
{
  self->textures = g_hash_table_new (g_str_hash, g_str_equal);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->settings = g_settings_new (BASE_ID);
  g_signal_connect_object (self->settings, "changed::show-thumbnails", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::load-images", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * chronicle_thumbnails_new:
 * @network: (nullable): what fetches from the web
 * @cache: (nullable): where pictures are kept on disk
 */
ChronicleThumbnails *
chronicle_thumbnails_new (ChronicleLibrary       *library,
                          ChronicleSubscriptions *network,
                          ChronicleImageCache    *cache)
{
  ChronicleThumbnails *self;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (library), NULL);

  self = g_object_new (CHRONICLE_TYPE_THUMBNAILS, NULL);
  self->library = g_object_ref (library);
  g_set_object (&self->network, network);
  g_set_object (&self->cache, cache);

  return self;
}

static ChronicleCollection *
find_collection (ChronicleThumbnails *self,
                 ChronicleStory      *story)
{
  const char *id = chronicle_story_get_collection_id (story);

  /* A story of a file being read has no collection yet. */
  return id != NULL ? chronicle_library_find_collection (self->library, id) : NULL;
}

/**
 * chronicle_thumbnails_get_url:
 *
 * Returns: (nullable): the address of the story's thumbnail, or %NULL
 *   when it has none, the reader turned them off or does not let its
 *   pictures load, or it failed a short while ago
 */
const char *
chronicle_thumbnails_get_url (ChronicleThumbnails *self,
                              ChronicleStory      *story)
{
  const char *url;
  gint64 *failed_at;

  g_return_val_if_fail (CHRONICLE_IS_THUMBNAILS (self), NULL);
  g_return_val_if_fail (CHRONICLE_IS_STORY (story), NULL);

  url = chronicle_story_get_thumbnail (story);
  if (url == NULL || !g_settings_get_boolean (self->settings, "show-thumbnails") ||
      !chronicle_image_may_load (self->settings, find_collection (self, story)))
    return NULL;

  failed_at = g_hash_table_lookup (self->failed, url);
  if (failed_at != NULL)
    {
      if (g_get_monotonic_time () - *failed_at < RETRY_US)
        return NULL;
      g_hash_table_remove (self->failed, url);
    }

  return url;
}

/**
 * chronicle_thumbnails_lookup:
 *
 * Returns: (transfer none) (nullable): the thumbnail of @url at @scale,
 *   if it is kept in memory
 */
GdkTexture *
chronicle_thumbnails_lookup (ChronicleThumbnails *self,
                             const char          *url,
                             int                  scale)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (CHRONICLE_IS_THUMBNAILS (self), NULL);

  if (url == NULL)
    return NULL;
  key = make_key (url, scale);
  link = g_hash_table_lookup (self->textures, key);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->order, link);
  g_queue_push_head_link (&self->order, link);
  return ((Entry *) link->data)->texture;
}

static void
keep (ChronicleThumbnails *self,
      const char          *url,
      int                  scale,
      GdkTexture          *texture)
{
  Entry *entry;

  if (chronicle_thumbnails_lookup (self, url, scale) != NULL)
    return;

  entry = g_new0 (Entry, 1);
  entry->key = make_key (url, scale);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->order, entry);
  g_hash_table_insert (self->textures, entry->key, self->order.head);

  while (self->order.length > MEMORY_ENTRIES)
    {
      Entry *last = g_queue_pop_tail (&self->order);

      g_hash_table_remove (self->textures, last->key);
      entry_free (last);
    }
}

typedef struct
{
  char *url;
  int   scale;
} Load;

static void
load_free (Load *load)
{
  g_free (load->url);
  g_free (load);
}

static void
return_error (GTask  *task,
              GError *error)
{
  ChronicleThumbnails *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gint64 now = g_get_monotonic_time ();

      g_hash_table_replace (self->failed, g_strdup (load->url), g_memdup2 (&now, sizeof now));
    }
  g_task_return_error (task, error);
}

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  ChronicleThumbnails *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = chronicle_icon_texture_load_finish (result, &error);
  if (texture == NULL)
    {
      return_error (task, error);
      return;
    }

  keep (self, load->url, load->scale, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = chronicle_image_fetch_finish (result, &error);
  if (bytes == NULL)
    {
      return_error (task, error);
      return;
    }

  chronicle_thumbnail_texture_load_async (bytes, CHRONICLE_IMAGE_THUMBNAIL_SIDE * load->scale,
                                          CHRONICLE_IMAGE_MAX_PIXELS, g_task_get_cancellable (task), decoded_cb,
                                          g_object_ref (task));
}

/**
 * chronicle_thumbnails_load_async:
 * @scale: the screen's scale factor
 *
 * Fetches and scales the story's thumbnail, which
 * chronicle_thumbnails_get_url() gives.
 */
void
chronicle_thumbnails_load_async (ChronicleThumbnails *self,
                                 ChronicleStory      *story,
                                 int                  scale,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ChronicleCollection *collection;
  const char *url;
  Load *load;

  g_return_if_fail (CHRONICLE_IS_THUMBNAILS (self));
  g_return_if_fail (CHRONICLE_IS_STORY (story));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_thumbnails_load_async);

  url = chronicle_thumbnails_get_url (self, story);
  if (url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The article has no thumbnail to show");
      return;
    }

  load = g_new0 (Load, 1);
  load->url = g_strdup (url);
  load->scale = MAX (scale, 1);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  collection = find_collection (self, story);
  chronicle_image_fetch_async (self->network, url,
                               collection != NULL ? chronicle_collection_get_location (collection) : NULL,
                               self->cache, chronicle_story_get_starred (story), cancellable, fetched_cb,
                               g_steal_pointer (&task));
}

/**
 * chronicle_thumbnails_load_finish:
 *
 * Returns: (transfer full): the thumbnail, a square texture of
 *   %CHRONICLE_IMAGE_THUMBNAIL_SIDE × the scale at most
 */
GdkTexture *
chronicle_thumbnails_load_finish (ChronicleThumbnails  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
