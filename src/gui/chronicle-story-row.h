/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-story.h"
#include "chronicle-thumbnails.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_STORY_ROW (chronicle_story_row_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleStoryRow, chronicle_story_row, CHRONICLE, STORY_ROW, GtkWidget)

ChronicleStory *chronicle_story_row_get_story (ChronicleStoryRow *self);
void            chronicle_story_row_set_story (ChronicleStoryRow *self,
                                               ChronicleStory    *story);
void            chronicle_story_row_set_thumbnails (ChronicleStoryRow   *self,
                                                    ChronicleThumbnails *thumbnails);
gboolean        chronicle_story_row_get_thumbnail_loading (ChronicleStoryRow *self);
GtkListItemFactory *chronicle_story_row_factory_new            (void);
void                chronicle_story_row_factory_set_thumbnails (GtkListItemFactory  *factory,
                                                                ChronicleThumbnails *thumbnails);
char           *chronicle_story_describe      (ChronicleStory    *story);
char           *chronicle_story_dup_meta      (ChronicleStory    *story);

G_END_DECLS
