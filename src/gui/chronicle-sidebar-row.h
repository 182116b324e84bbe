/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-library.h"
#include "chronicle-sidebar-entry.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_SIDEBAR_ROW (chronicle_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSidebarRow, chronicle_sidebar_row, CHRONICLE, SIDEBAR_ROW, GtkWidget)

void                   chronicle_sidebar_row_set_entry (ChronicleSidebarRow   *self,
                                                        ChronicleSidebarEntry *entry,
                                                        ChronicleLibrary      *library);
ChronicleSidebarEntry *chronicle_sidebar_row_get_entry (ChronicleSidebarRow   *self);
GMenuModel            *chronicle_sidebar_entry_dup_menu (ChronicleSidebarEntry *entry);

G_END_DECLS
