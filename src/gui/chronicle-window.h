/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-article-view.h"
#include "chronicle-timeline-view.h"

#include "chronicle-application.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_WINDOW (chronicle_window_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleWindow, chronicle_window, CHRONICLE, WINDOW, AdwApplicationWindow)

ChronicleWindow *chronicle_window_new          (ChronicleApplication *application);
void             chronicle_window_add_toast    (ChronicleWindow      *self,
                                                const char           *message);
void             chronicle_window_open_files   (ChronicleWindow      *self,
                                                GFile               **files,
                                                guint                 n_files);
gboolean         chronicle_window_show_story   (ChronicleWindow      *self,
                                                ChronicleStory       *story,
                                                ChronicleItem        *item);
void             chronicle_window_set_loading  (ChronicleWindow      *self,
                                                gboolean              loading);
void             chronicle_window_search       (ChronicleWindow      *self,
                                                const char           *text);
void             chronicle_window_show_event   (ChronicleWindow      *self,
                                                const char           *id);
void             chronicle_window_set_view     (ChronicleWindow      *self,
                                                const char           *name);
void             chronicle_window_take_over    (ChronicleWindow      *self,
                                                ChronicleWindow      *old_window);
void             chronicle_window_print_report (ChronicleWindow      *self);
gboolean         chronicle_window_get_busy     (ChronicleWindow      *self);
gboolean         chronicle_window_get_marking  (ChronicleWindow      *self);
ChronicleArticleView *chronicle_window_get_article_view (ChronicleWindow *self);
ChronicleTimelineView *chronicle_window_get_timeline_view (ChronicleWindow *self);

void             chronicle_window_subscribe_to (ChronicleWindow      *self,
                                                const char           *url);
void             chronicle_window_finish_removals (ChronicleWindow *self);
void             chronicle_window_import_opml_file (ChronicleWindow *self,
                                                    GFile           *file);

G_END_DECLS
