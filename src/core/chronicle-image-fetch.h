/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-collection.h"
#include "chronicle-image-cache.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

void    chronicle_image_fetch_async  (ChronicleSubscriptions  *network,
                                      const char              *url,
                                      const char              *location,
                                      ChronicleImageCache     *cache,
                                      gboolean                 keep,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
GBytes *chronicle_image_fetch_finish (GAsyncResult            *result,
                                      GError                 **error);

gboolean chronicle_image_may_load     (GSettings               *settings,
                                      ChronicleCollection     *collection);

G_END_DECLS
