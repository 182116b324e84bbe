/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-item.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_FEED (chronicle_feed_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleFeed, chronicle_feed, CHRONICLE, FEED, GObject)

const char         *chronicle_feed_get_version       (ChronicleFeed *self);
const char         *chronicle_feed_get_title         (ChronicleFeed *self);
const char         *chronicle_feed_get_home_page_url (ChronicleFeed *self);
guint               chronicle_feed_get_ttl_minutes   (ChronicleFeed *self);
const char         *chronicle_feed_get_feed_url      (ChronicleFeed *self);
const char         *chronicle_feed_get_description   (ChronicleFeed *self);
const char         *chronicle_feed_get_language      (ChronicleFeed *self);
const char         *chronicle_feed_get_icon          (ChronicleFeed *self);
const char * const *chronicle_feed_get_authors       (ChronicleFeed *self);
guint               chronicle_feed_get_n_items       (ChronicleFeed *self);
ChronicleItem      *chronicle_feed_get_item          (ChronicleFeed *self,
                                                      guint          position);
GPtrArray          *chronicle_feed_get_events        (ChronicleFeed *self);
void                chronicle_feed_get_n_left_out    (ChronicleFeed *self,
                                                      guint         *n_items,
                                                      guint         *n_events);

G_END_DECLS
