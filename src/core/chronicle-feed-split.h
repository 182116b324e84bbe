/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize start;
  gsize end;
} ChronicleSpan;

/* Where a feed's "items" array and its elements are in the text. */
typedef struct
{
  gsize   items_member;  /* the start of the "items" member's name */
  gsize   items_end;     /* just after the array's "]" */
  GArray *elements;      /* of ChronicleSpan */
  gboolean complete;     /* the whole text was read, not only the first elements */
} ChronicleFeedSplit;

gboolean chronicle_feed_split       (const char         *data,
                                     gsize               length,
                                     guint               max_elements,
                                     ChronicleFeedSplit *split);
void     chronicle_feed_split_clear (ChronicleFeedSplit *split);

G_END_DECLS
