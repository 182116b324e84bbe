/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-diagnostic.h"
#include "chronicle-feed.h"

G_BEGIN_DECLS

/* Files above this size are refused before they are read: 512 MiB is five
 * times the largest collection Chronicle is tuned for (100 000 articles). */
#define CHRONICLE_FEED_MAX_SIZE (G_GUINT64_CONSTANT (512) * 1024 * 1024)

typedef enum
{
  CHRONICLE_FEED_FORMAT_JSON,
  CHRONICLE_FEED_FORMAT_XML,
} ChronicleFeedFormat;

ChronicleFeedFormat chronicle_feed_detect_format (const char *data,
                                                  gsize       length);
ChronicleFeed *chronicle_feed_parse           (GBytes        *bytes,
                                               GPtrArray     *diagnostics);
ChronicleFeed *chronicle_feed_parse_consuming (GBytes        *bytes,
                                               GFile         *file,
                                               GPtrArray     *diagnostics);
ChronicleFeed *chronicle_feed_parse_preview   (GBytes        *bytes,
                                               guint          n_items);
gboolean       chronicle_feed_check_size      (GFileInfo     *info,
                                               GPtrArray     *diagnostics);
void           chronicle_feed_add_read_error  (GPtrArray     *diagnostics,
                                               const GError  *error);
ChronicleFeed *chronicle_feed_parse_file_bytes (GBytes       *bytes,
                                                GFile        *file,
                                                GPtrArray    *diagnostics,
                                                GCancellable *cancellable);
ChronicleFeed *chronicle_feed_load_file       (GFile         *file,
                                               GPtrArray     *diagnostics,
                                               GCancellable  *cancellable);

G_END_DECLS
