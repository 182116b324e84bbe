/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Pictures of articles kept on disk, so that an article opened again
 * costs no request, and starred articles read fully offline. */

#define CHRONICLE_IMAGE_CACHE_MAX_SIZE ((guint64) 500 * 1024 * 1024)

#define CHRONICLE_TYPE_IMAGE_CACHE (chronicle_image_cache_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleImageCache, chronicle_image_cache, CHRONICLE, IMAGE_CACHE, GObject)

/**
 * ChronicleCachedImage:
 * @body: the picture's bytes
 * @etag: (nullable): the validators to send when it is stale
 * @last_modified: (nullable): as @etag
 * @fresh_until: until when it may be used without asking, in seconds
 *   since 1970; 0 to ask each time
 */
typedef struct
{
  GBytes *body;
  char   *etag;
  char   *last_modified;
  gint64  fresh_until;
} ChronicleCachedImage;

ChronicleImageCache  *chronicle_image_cache_new          (const char           *cache_dir,
                                                          const char           *kept_dir,
                                                          guint64               max_size);
ChronicleImageCache  *chronicle_image_cache_new_default  (void);

/* These read and write files: on a worker, never the window's thread. */
ChronicleCachedImage *chronicle_image_cache_lookup       (ChronicleImageCache  *self,
                                                          const char           *url);
void                  chronicle_image_cache_store        (ChronicleImageCache  *self,
                                                          const char           *url,
                                                          const ChronicleCachedImage *image,
                                                          gboolean              keep);
void                  chronicle_image_cache_keep         (ChronicleImageCache  *self,
                                                          const char           *url);
guint                 chronicle_image_cache_release_except (ChronicleImageCache *self,
                                                            GHashTable          *needed);
guint64               chronicle_image_cache_measure      (ChronicleImageCache  *self);
guint64               chronicle_image_cache_clear        (ChronicleImageCache  *self);

void                  chronicle_image_cache_measure_async  (ChronicleImageCache  *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
guint64               chronicle_image_cache_measure_finish (ChronicleImageCache  *self,
                                                            GAsyncResult         *result);
void                  chronicle_image_cache_clear_async    (ChronicleImageCache  *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
guint64               chronicle_image_cache_clear_finish   (ChronicleImageCache  *self,
                                                            GAsyncResult         *result);
void                  chronicle_image_cache_keep_async     (ChronicleImageCache  *self,
                                                            const char           *url);

void                  chronicle_cached_image_free        (ChronicleCachedImage *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleCachedImage, chronicle_cached_image_free)

G_END_DECLS
