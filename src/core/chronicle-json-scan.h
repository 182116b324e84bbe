/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "chronicle-diagnostic.h"

G_BEGIN_DECLS

/* Deeper nesting than this is refused before json-glib sees the text: its own
 * limit (1024) ends in a message that does not say what is wrong. */
#define CHRONICLE_JSON_MAX_DEPTH 256

/* The one place where Chronicle reads JSON text itself, rather than through
 * json-glib: to check it, to find where values are, and to split a feed's
 * items (chronicle-feed-split.c). */

gsize                chronicle_json_skip_bom     (const char *data,
                                                  gsize       length);
gsize                chronicle_json_skip_space   (const char *data,
                                                  gsize       length,
                                                  gsize       at);
gboolean             chronicle_json_skip_string  (const char *data,
                                                  gsize       length,
                                                  gsize      *at);
gboolean             chronicle_json_read_hex4    (const char *p,
                                                  gsize       available,
                                                  guint      *value);
gboolean             chronicle_json_skip_value   (const char *data,
                                                  gsize       length,
                                                  gsize      *at,
                                                  guint       max_depth);

ChronicleDiagnostic *chronicle_json_check_text   (const char *data,
                                                  gsize       length,
                                                  guint       max_depth);
ChronicleDiagnostic *chronicle_json_validate     (const char *data,
                                                  gsize       length,
                                                  guint       max_depth);
void                 chronicle_json_place        (const char *data,
                                                  gsize       length,
                                                  GPtrArray  *diagnostics,
                                                  guint       first);

G_END_DECLS
