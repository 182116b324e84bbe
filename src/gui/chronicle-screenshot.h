/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     chronicle_screenshot_save_async  (GtkWidget           *widget,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean chronicle_screenshot_save_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
