/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-image-cache.h"
#include "chronicle-library.h"
#include "chronicle-story.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_THUMBNAILS (chronicle_thumbnails_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleThumbnails, chronicle_thumbnails, CHRONICLE, THUMBNAILS, GObject)

ChronicleThumbnails *chronicle_thumbnails_new         (ChronicleLibrary       *library,
                                                       ChronicleSubscriptions *network,
                                                       ChronicleImageCache    *cache);
const char          *chronicle_thumbnails_get_url     (ChronicleThumbnails    *self,
                                                       ChronicleStory         *story);
GdkTexture          *chronicle_thumbnails_lookup      (ChronicleThumbnails    *self,
                                                       const char             *url,
                                                       int                     scale);
void                 chronicle_thumbnails_load_async  (ChronicleThumbnails    *self,
                                                       ChronicleStory         *story,
                                                       int                     scale,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
GdkTexture          *chronicle_thumbnails_load_finish (ChronicleThumbnails    *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

G_END_DECLS
