/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void chronicle_menu_button_defer_menu (GtkMenuButton *button,
                                       GMenuModel    *model);

G_END_DECLS
