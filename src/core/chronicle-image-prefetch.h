/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-image-cache.h"
#include "chronicle-store.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_IMAGE_PREFETCH (chronicle_image_prefetch_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleImagePrefetch, chronicle_image_prefetch, CHRONICLE, IMAGE_PREFETCH, GObject)

ChronicleImagePrefetch *chronicle_image_prefetch_new           (ChronicleStore         *store,
                                                                ChronicleSubscriptions *network,
                                                                ChronicleImageCache    *cache);
void                    chronicle_image_prefetch_new_articles  (ChronicleImagePrefetch *self,
                                                                const char             *source_key,
                                                                guint                   n_new,
                                                                double                  scale);
void                    chronicle_image_prefetch_items         (ChronicleImagePrefetch *self,
                                                                const gint64           *store_ids,
                                                                guint                   n_ids,
                                                                double                  scale,
                                                                gboolean                keep);
void                    chronicle_image_prefetch_release_unstarred (ChronicleImagePrefetch *self);
void                    chronicle_image_prefetch_stop          (ChronicleImagePrefetch *self);
guint                   chronicle_image_prefetch_get_n_pending (ChronicleImagePrefetch *self);

G_END_DECLS
