/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_IMAGE_VIEWER (chronicle_image_viewer_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleImageViewer, chronicle_image_viewer, CHRONICLE, IMAGE_VIEWER, AdwDialog)

ChronicleImageViewer *chronicle_image_viewer_new         (GdkTexture           *texture,
                                                          const char           *description);
void                  chronicle_image_viewer_set_texture (ChronicleImageViewer *self,
                                                          GdkTexture           *texture);
double                chronicle_image_viewer_get_zoom    (ChronicleImageViewer *self);

G_END_DECLS
