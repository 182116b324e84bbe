/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       chronicle_shortcuts_set_accels (GtkApplication *app);
AdwDialog *chronicle_shortcuts_dialog_new (void);

G_END_DECLS
