/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        chronicle_icon_texture_load_async  (GBytes              *bytes,
                                                int                  size,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GdkTexture *chronicle_icon_texture_load_finish (GAsyncResult        *result,
                                                GError             **error);

void        chronicle_picture_texture_load_async (GBytes              *bytes,
                                                  int                  max_width,
                                                  guint64              max_pixels,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void        chronicle_thumbnail_texture_load_async (GBytes              *bytes,
                                                    int                  side,
                                                    guint64              max_pixels,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

G_END_DECLS
