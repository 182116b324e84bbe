/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-json-reader.h"

G_BEGIN_DECLS

/* Shared by the two ways of reading a feed: the whole file as one tree
 * (chronicle-feed-parser.c) and in parts (chronicle-feed-parts.c). */

ChronicleFeed *chronicle_feed_read_head      (ChronicleJsonReader  *parser,
                                              JsonNode             *root_node,
                                              JsonArray           **items_array);
ChronicleItem *chronicle_feed_read_item      (ChronicleJsonReader  *parser,
                                              JsonNode             *node,
                                              const char           *prefix);
void           chronicle_feed_keep_first_ids (ChronicleJsonReader  *parser,
                                              ChronicleFeed        *feed,
                                              GPtrArray            *converted,
                                              GArray               *indices);
void           chronicle_feed_read_extension (ChronicleJsonReader  *parser,
                                              JsonObject           *root,
                                              ChronicleFeed        *feed);
ChronicleFeed *chronicle_feed_parse_in_parts (const char           *data,
                                              gsize                 length,
                                              guint                 max_items,
                                              GPtrArray            *diagnostics,
                                              gboolean              discard,
                                              gboolean             *discarded);

gboolean       chronicle_discard_pages       (const char           *data,
                                              gsize                 start,
                                              gsize                 end);

G_END_DECLS
