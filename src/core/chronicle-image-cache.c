/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-image"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "chronicle-image-cache.h"

/* Each picture is two files named by the SHA-256 of its address: its
 * bytes, and a key file beside them with its address and its HTTP
 * caching data.  The least recently used go first when the cache passes
 * its size: a file's time of change is when it was last used.  Pictures
 * of starred articles go to a folder beside the library instead, which is
 * never trimmed nor cleared.  Writing is atomic (a new file renamed over
 * the old), so a crash leaves the old picture or the new one. */

#define META_SUFFIX ".meta"
#define GROUP       "Image"

struct _ChronicleImageCache
{
  GObject  parent_instance;

  char    *cache_dir;
  char    *kept_dir;
  guint64  max_size;

  GMutex   lock;
  gboolean measured;     /* size is known */
  guint64  size;         /* of the cache folder, not the kept one */
};

G_DEFINE_FINAL_TYPE (ChronicleImageCache, chronicle_image_cache, G_TYPE_OBJECT)

void
chronicle_cached_image_free (ChronicleCachedImage *image)
{
  if (image == NULL)
    return;

  g_clear_pointer (&image->body, g_bytes_unref);
  g_free (image->etag);
  g_free (image->last_modified);
  g_free (image);
}

static char *
entry_name (const char *url)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* Marks an entry used now. */
static void
touch (const char *path)
{
  g_utime (path, NULL);
}

static ChronicleCachedImage *
read_entry (const char *dir,
            const char *name,
            const char *url)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *meta_path = g_strconcat (path, META_SUFFIX, NULL);
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *stored_url = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  ChronicleCachedImage *image;

  if (!g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL))
    return NULL;
  /* Two addresses of one checksum would be a miracle; still. */
  stored_url = g_key_file_get_string (meta, GROUP, "URL", NULL);
  if (g_strcmp0 (stored_url, url) != 0)
    return NULL;
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;

  image = g_new0 (ChronicleCachedImage, 1);
  image->body = g_mapped_file_get_bytes (mapped);
  image->etag = g_key_file_get_string (meta, GROUP, "ETag", NULL);
  image->last_modified = g_key_file_get_string (meta, GROUP, "LastModified", NULL);
  image->fresh_until = g_key_file_get_int64 (meta, GROUP, "FreshUntil", NULL);
  touch (path);
  touch (meta_path);

  return image;
}

/**
 * chronicle_image_cache_lookup:
 *
 * Returns: (transfer full) (nullable): what is kept of the picture at
 *   @url, fresh or not
 */
ChronicleCachedImage *
chronicle_image_cache_lookup (ChronicleImageCache *self,
                              const char          *url)
{
  g_autofree char *name = NULL;
  ChronicleCachedImage *image;

  g_return_val_if_fail (CHRONICLE_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  name = entry_name (url);
  image = read_entry (self->kept_dir, name, url);
  if (image == NULL)
    image = read_entry (self->cache_dir, name, url);

  return image;
}

typedef struct
{
  char    *path;
  guint64  size;
  gint64   used;
} Entry;

static int
compare_used (gconstpointer a,
              gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return (ea->used > eb->used) - (ea->used < eb->used);
}

static void
entry_clear (Entry *entry)
{
  g_free (entry->path);
}

/* The entries of the cache folder, least recently used first. */
static GArray *
list_entries (const char *dir,
              guint64    *total)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  const char *name;

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  *total = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      Entry entry = { g_build_filename (dir, name, NULL), 0, 0 };
      GStatBuf st;

      if (g_stat (entry.path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_free (entry.path);
          continue;
        }
      entry.size = st.st_size;
      entry.used = st.st_mtime;
      *total += entry.size;
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_used);
  return entries;
}

/* Called with the lock held. */
static void
ensure_measured (ChronicleImageCache *self)
{
  g_autoptr(GArray) entries = NULL;

  if (self->measured)
    return;
  entries = list_entries (self->cache_dir, &self->size);
  self->measured = TRUE;
}

/* Least recently used first, down to nine tenths of the limit, so that
 * trimming is not needed again at the next picture.  With the lock held. */
static void
trim (ChronicleImageCache *self)
{
  g_autoptr(GArray) entries = NULL;
  guint64 total;

  if (self->size <= self->max_size)
    return;

  entries = list_entries (self->cache_dir, &total);
  for (guint i = 0; i < entries->len && total > self->max_size / 10 * 9; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (g_unlink (entry->path) == 0)
        total -= entry->size;
    }
  self->size = total;
}

static gboolean
write_file (const char  *path,
            const void  *data,
            gsize        size)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * chronicle_image_cache_store:
 * @keep: whether the picture belongs to a starred article: it is then
 *   kept beside the library, not in the cache
 *
 * Keeps a picture as it came, with its caching data.
 */
void
chronicle_image_cache_store (ChronicleImageCache        *self,
                             const char                 *url,
                             const ChronicleCachedImage *image,
                             gboolean                    keep)
{
  const char *dir = keep ? self->kept_dir : self->cache_dir;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *meta_text = NULL;
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  gsize meta_size = 0;
  gsize size = 0;
  const void *data;
  guint64 old_size;

  g_return_if_fail (CHRONICLE_IS_IMAGE_CACHE (self));
  g_return_if_fail (url != NULL && image != NULL && image->body != NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;

  name = entry_name (url);
  path = g_build_filename (dir, name, NULL);
  meta_path = g_strconcat (path, META_SUFFIX, NULL);
  g_key_file_set_string (meta, GROUP, "URL", url);
  if (image->etag != NULL)
    g_key_file_set_string (meta, GROUP, "ETag", image->etag);
  if (image->last_modified != NULL)
    g_key_file_set_string (meta, GROUP, "LastModified", image->last_modified);
  g_key_file_set_int64 (meta, GROUP, "FreshUntil", image->fresh_until);
  meta_text = g_key_file_to_data (meta, &meta_size, NULL);
  data = g_bytes_get_data (image->body, &size);

  g_mutex_lock (&self->lock);
  if (!keep)
    ensure_measured (self);
  old_size = keep ? 0 : file_size (path) + file_size (meta_path);
  /* The bytes first: a key file names only a picture that is whole. */
  if (write_file (path, data, size) && write_file (meta_path, meta_text, meta_size) && !keep)
    {
      self->size = self->size - MIN (self->size, old_size) + size + meta_size;
      trim (self);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * chronicle_image_cache_keep:
 *
 * Moves the picture at @url, when it is in the cache, beside the library:
 * its article was starred.
 */
void
chronicle_image_cache_keep (ChronicleImageCache *self,
                            const char          *url)
{
  g_autofree char *name = entry_name (url);
  g_autoptr(ChronicleCachedImage) image = read_entry (self->cache_dir, name, url);

  if (image != NULL)
    chronicle_image_cache_store (self, url, image, TRUE);
}

/* Moves @name from the kept folder into the cache: the picture first, so
 * that a key file in the cache names only a picture that is whole; they
 * may be on different file systems.  With the lock held. */
static gboolean
release_entry (ChronicleImageCache *self,
               const char          *name)
{
  g_autofree char *meta_name = g_strconcat (name, META_SUFFIX, NULL);
  g_autoptr(GFile) from = g_file_new_build_filename (self->kept_dir, name, NULL);
  g_autoptr(GFile) to = g_file_new_build_filename (self->cache_dir, name, NULL);
  g_autoptr(GFile) meta_from = g_file_new_build_filename (self->kept_dir, meta_name, NULL);
  g_autoptr(GFile) meta_to = g_file_new_build_filename (self->cache_dir, meta_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *to_path = g_file_get_path (to);
  g_autofree char *meta_to_path = g_file_get_path (meta_to);
  guint64 old_size = file_size (to_path) + file_size (meta_to_path);

  if (g_mkdir_with_parents (self->cache_dir, 0700) != 0 ||
      !g_file_move (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error) ||
      !g_file_move (meta_from, meta_to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error))
    {
      g_debug ("%s", error != NULL ? error->message : g_strerror (errno));
      return FALSE;
    }

  self->size = self->size - MIN (self->size, old_size) + file_size (to_path) + file_size (meta_to_path);
  return TRUE;
}

/**
 * chronicle_image_cache_release_except:
 * @needed: (element-type utf8 utf8): the addresses of the pictures that
 *   starred articles show
 *
 * Moves the pictures kept beside the library that no starred article
 * shows any more (the reader took the star away, or removed the
 * collection) into the cache, where they make way for newer ones in their
 * turn.  A picture whose key file cannot be read stays where it is.
 *
 * Returns: how many pictures were moved
 */
guint
chronicle_image_cache_release_except (ChronicleImageCache *self,
                                      GHashTable          *needed)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) released = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n = 0;

  g_return_val_if_fail (CHRONICLE_IS_IMAGE_CACHE (self), 0);
  g_return_val_if_fail (needed != NULL, 0);

  handle = g_dir_open (self->kept_dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *meta_path = NULL;
      g_autoptr(GKeyFile) meta = g_key_file_new ();
      g_autofree char *url = NULL;

      if (g_str_has_suffix (name, META_SUFFIX))
        continue;
      meta_path = g_strconcat (self->kept_dir, G_DIR_SEPARATOR_S, name, META_SUFFIX, NULL);
      if (!g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL) ||
          (url = g_key_file_get_string (meta, GROUP, "URL", NULL)) == NULL)
        continue;
      if (!g_hash_table_contains (needed, url))
        g_ptr_array_add (released, g_strdup (name));
    }

  g_mutex_lock (&self->lock);
  ensure_measured (self);
  for (guint i = 0; i < released->len; i++)
    if (release_entry (self, g_ptr_array_index (released, i)))
      n++;
  trim (self);
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * chronicle_image_cache_measure:
 *
 * Returns: in bytes, what the cache holds (not the starred articles')
 */
guint64
chronicle_image_cache_measure (ChronicleImageCache *self)
{
  g_autoptr(GArray) entries = NULL;
  guint64 total;

  g_return_val_if_fail (CHRONICLE_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  entries = list_entries (self->cache_dir, &total);
  self->size = total;
  self->measured = TRUE;
  g_mutex_unlock (&self->lock);

  return total;
}

/**
 * chronicle_image_cache_clear:
 *
 * Empties the cache; the pictures of starred articles stay.
 *
 * Returns: in bytes, what was freed
 */
guint64
chronicle_image_cache_clear (ChronicleImageCache *self)
{
  g_autoptr(GArray) entries = NULL;
  guint64 total, freed = 0;

  g_return_val_if_fail (CHRONICLE_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  entries = list_entries (self->cache_dir, &total);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (g_unlink (entry->path) == 0)
        freed += entry->size;
    }
  self->size = total - freed;
  self->measured = TRUE;
  g_mutex_unlock (&self->lock);

  return freed;
}

/* Measuring or clearing on a worker: the task's data is which. */
typedef guint64 (*SizeFunc) (ChronicleImageCache *self);

static void
size_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SizeFunc func = (SizeFunc) task_data;
  guint64 *size = g_new (guint64, 1);

  *size = func (source_object);
  g_task_return_pointer (task, size, g_free);
}

static void
run_size_task (ChronicleImageCache *self,
               SizeFunc             func,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) func, NULL);
  g_task_run_in_thread (task, size_thread);
}

static guint64
propagate_size (GAsyncResult *result)
{
  g_autofree guint64 *size = g_task_propagate_pointer (G_TASK (result), NULL);

  return size != NULL ? *size : 0;
}

void
chronicle_image_cache_measure_async (ChronicleImageCache *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  run_size_task (self, chronicle_image_cache_measure, chronicle_image_cache_measure_async,
                 cancellable, callback, user_data);
}

guint64
chronicle_image_cache_measure_finish (ChronicleImageCache *self,
                                      GAsyncResult        *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return propagate_size (result);
}

/**
 * chronicle_image_cache_clear_async:
 *
 * Empties the cache on a worker; chronicle_image_cache_clear_finish()
 * tells how many bytes it freed.
 */
void
chronicle_image_cache_clear_async (ChronicleImageCache *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_size_task (self, chronicle_image_cache_clear, chronicle_image_cache_clear_async,
                 cancellable, callback, user_data);
}

guint64
chronicle_image_cache_clear_finish (ChronicleImageCache *self,
                                    GAsyncResult        *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return propagate_size (result);
}

static void
keep_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  chronicle_image_cache_keep (source_object, task_data);
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_image_cache_keep_async:
 *
 * As chronicle_image_cache_keep(), on a worker.
 */
void
chronicle_image_cache_keep_async (ChronicleImageCache *self,
                                  const char          *url)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_source_tag (task, chronicle_image_cache_keep_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  g_task_run_in_thread (task, keep_thread);
}

static void
chronicle_image_cache_finalize (GObject *object)
{
  ChronicleImageCache *self = CHRONICLE_IMAGE_CACHE (object);

  g_free (self->cache_dir);
  g_free (self->kept_dir);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (chronicle_image_cache_parent_class)->finalize (object);
}

static void
chronicle_image_cache_class_init (ChronicleImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronicle_image_cache_finalize;
}

static void
chronicle_image_cache_init (ChronicleImageCache *self)
{
  g_mutex_init (&self->lock);
}

/**
 * chronicle_image_cache_new:
 * @cache_dir: the folder of the cache
 * @kept_dir: the folder of the pictures of starred articles
 * @max_size: in bytes, the most the cache folder holds
 */
ChronicleImageCache *
chronicle_image_cache_new (const char *cache_dir,
                           const char *kept_dir,
                           guint64     max_size)
{
  ChronicleImageCache *self;

  g_return_val_if_fail (cache_dir != NULL && kept_dir != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_IMAGE_CACHE, NULL);
  self->cache_dir = g_strdup (cache_dir);
  self->kept_dir = g_strdup (kept_dir);
  self->max_size = max_size;

  return self;
}

/**
 * chronicle_image_cache_new_default:
 *
 * The cache in $XDG_CACHE_HOME/chronicle/images, 500 MB at most, and the
 * starred articles' pictures in $XDG_DATA_HOME/chronicle/images.
 */
ChronicleImageCache *
chronicle_image_cache_new_default (void)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "chronicle", "images", NULL);
  g_autofree char *kept_dir = g_build_filename (g_get_user_data_dir (), "chronicle", "images", NULL);

  return chronicle_image_cache_new (cache_dir, kept_dir, CHRONICLE_IMAGE_CACHE_MAX_SIZE);
}
