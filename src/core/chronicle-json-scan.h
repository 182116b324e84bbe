/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper nesting than this is refused before json-glib sees the text: its own
 * limit (1024) ends in a message that does not say what is wrong. */
#define CHRONICLE_JSON_MAX_DEPTH 256

gboolean chronicle_json_scan     (const char  *data,
                                  gsize        length,
                                  guint        max_depth,
                                  GError     **error);
gboolean chronicle_json_locate   (const char  *data,
                                  gsize        length,
                                  const char  *path,
                                  guint       *line,
                                  guint       *column);
void     chronicle_text_position (const char  *data,
                                  gsize        offset,
                                  guint       *line,
                                  guint       *column);

G_END_DECLS
