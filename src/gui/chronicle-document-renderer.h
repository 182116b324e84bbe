/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-document.h"

G_BEGIN_DECLS

void        chronicle_document_render        (ChronicleDocument *document,
                                              const char        *language,
                                              GtkTextBuffer     *buffer,
                                              GArray            *block_starts,
                                              GPtrArray         *anchors);
const char *chronicle_document_link_at_iter  (const GtkTextIter *iter);
void        chronicle_document_set_link_color (GtkTextBuffer    *buffer,
                                              const GdkRGBA     *color);
PangoAttrList *chronicle_language_attributes_new (const char    *language);

G_END_DECLS
