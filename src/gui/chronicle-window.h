/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-application.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_WINDOW (chronicle_window_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleWindow, chronicle_window, CHRONICLE, WINDOW, AdwApplicationWindow)

ChronicleWindow *chronicle_window_new (ChronicleApplication *application);

G_END_DECLS
