/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-event.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_EVENT_ROW (chronicle_event_row_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleEventRow, chronicle_event_row, CHRONICLE, EVENT_ROW, GtkWidget)

ChronicleEvent *chronicle_event_row_get_event (ChronicleEventRow *self);
void            chronicle_event_row_set_event (ChronicleEventRow *self,
                                               ChronicleEvent    *event);

G_END_DECLS
