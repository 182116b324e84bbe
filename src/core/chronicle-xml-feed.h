/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"

G_BEGIN_DECLS

void           chronicle_xml_init       (void);
ChronicleFeed *chronicle_xml_feed_parse (const char *data,
                                         gsize       length,
                                         const char *document_uri,
                                         guint       max_items,
                                         gboolean    discard,
                                         GPtrArray  *diagnostics);

G_END_DECLS
