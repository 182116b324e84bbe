/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_DAY_SECTIONS (chronicle_day_sections_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleDaySections, chronicle_day_sections, CHRONICLE, DAY_SECTIONS, GObject)

ChronicleDaySections *chronicle_day_sections_new                (GListModel *model);
GtkListItemFactory   *chronicle_day_sections_header_factory_new (void);

G_END_DECLS
