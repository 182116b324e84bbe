/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-event.h"

G_BEGIN_DECLS

char      *chronicle_event_format_date    (ChronicleEvent  *event);
gboolean   chronicle_event_matches        (ChronicleEvent  *event,
                                           const char      *person,
                                           const char      *organization,
                                           char           **terms);
GPtrArray *chronicle_timeline_sorted      (GListModel      *events,
                                           gboolean         newest_first);
char      *chronicle_timeline_to_csv      (GPtrArray       *events);
char      *chronicle_timeline_to_ics      (GPtrArray       *events,
                                           GDateTime       *stamp);

G_END_DECLS
