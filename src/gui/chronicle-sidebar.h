/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-library.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_SIDEBAR (chronicle_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSidebar, chronicle_sidebar, CHRONICLE, SIDEBAR, AdwBin)

void        chronicle_sidebar_set_library (ChronicleSidebar *self,
                                           ChronicleLibrary *library);
GListModel *chronicle_sidebar_get_model   (ChronicleSidebar *self);

G_END_DECLS
