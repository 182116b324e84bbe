/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"

G_BEGIN_DECLS

struct _ChronicleFeed
{
  GObject     parent_instance;

  char       *version;
  char       *title;
  char       *home_page_url;
  char       *feed_url;
  char       *description;
  char       *language;
  char       *icon;
  char      **authors;
  GPtrArray  *items;   /* of ChronicleItem */
  GPtrArray  *events;  /* of ChronicleEvent */
  guint       n_items_left_out;
  guint       n_events_left_out;
  guint       ttl_minutes;   /* RSS ttl: how long it may be kept, 0 unsaid */
};

ChronicleFeed *chronicle_feed_new          (void);
void           chronicle_feed_name_sources (ChronicleFeed *self);
ChronicleFeed *chronicle_feed_parse_full (GBytes     *bytes,
                                          gboolean    in_parts,
                                          GPtrArray  *diagnostics);

G_END_DECLS
