/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-image-cache.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_PREFERENCES_DIALOG (chronicle_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChroniclePreferencesDialog, chronicle_preferences_dialog, CHRONICLE, PREFERENCES_DIALOG, AdwPreferencesDialog)

ChroniclePreferencesDialog *chronicle_preferences_dialog_new             (GSettings                  *settings);
void                        chronicle_preferences_dialog_set_image_cache (ChroniclePreferencesDialog *self,
                                                                          ChronicleImageCache        *cache);

G_END_DECLS
