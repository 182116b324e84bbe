/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void chronicle_list_keep_top (GtkListView *list_view,
                              GListModel  *model);
void chronicle_list_let_go   (GtkListView *list_view);

G_END_DECLS
