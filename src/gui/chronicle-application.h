/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-library.h"
#include "chronicle-image-cache.h"
#include "chronicle-image-prefetch.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_APPLICATION (chronicle_application_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleApplication, chronicle_application, CHRONICLE, APPLICATION, AdwApplication)

ChronicleApplication *chronicle_application_new             (void);
GSettings            *chronicle_application_get_settings    (ChronicleApplication *self);
int                   chronicle_application_get_exit_status (ChronicleApplication *self);
ChronicleLibrary     *chronicle_application_get_library     (ChronicleApplication *self);
ChronicleSubscriptions *chronicle_application_get_subscriptions (ChronicleApplication *self);
gboolean                chronicle_application_get_refreshing    (ChronicleApplication *self);
ChronicleImageCache    *chronicle_application_get_image_cache   (ChronicleApplication *self);
ChronicleImagePrefetch *chronicle_application_get_image_prefetch (ChronicleApplication *self);
void                    chronicle_application_release_pictures  (ChronicleApplication *self);
void                    chronicle_application_keep_pictures     (ChronicleApplication *self,
                                                                 ChronicleStory       *story);
void                    chronicle_application_fetch_icons        (ChronicleApplication *self);

G_END_DECLS
