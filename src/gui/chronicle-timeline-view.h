/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-library.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_TIMELINE_VIEW (chronicle_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleTimelineView, chronicle_timeline_view, CHRONICLE, TIMELINE_VIEW, AdwBin)

void        chronicle_timeline_view_set_library      (ChronicleTimelineView *self,
                                                      ChronicleLibrary      *library);
guint       chronicle_timeline_view_get_n_shown      (ChronicleTimelineView *self);
GListModel *chronicle_timeline_view_get_model        (ChronicleTimelineView *self);
void        chronicle_timeline_view_set_person       (ChronicleTimelineView *self,
                                                      const char            *person);
void        chronicle_timeline_view_set_organization (ChronicleTimelineView *self,
                                                      const char            *organization);
void        chronicle_timeline_view_show_event       (ChronicleTimelineView *self,
                                                      const char            *id);
void        chronicle_timeline_view_take_filters     (ChronicleTimelineView *self,
                                                      ChronicleTimelineView *other);

G_END_DECLS
