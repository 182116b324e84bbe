/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ChronicleAttachment:
 * @url: where the file is
 * @mime_type: (nullable): its type, such as "audio/mpeg"
 * @title: (nullable): its name, as the feed gives it
 * @size: its size in bytes, or 0 when unknown
 * @duration: how long it plays, in seconds, or 0 when unknown
 *
 * A file that comes with an article: a podcast's episode, a video, a
 * document (RSS enclosure, Atom link rel="enclosure", Media RSS content,
 * JSON Feed attachment).
 */
typedef struct
{
  char    *url;
  char    *mime_type;
  char    *title;
  guint64  size;
  guint64  duration;
} ChronicleAttachment;

#define CHRONICLE_TYPE_ATTACHMENT (chronicle_attachment_get_type ())

GType                chronicle_attachment_get_type      (void) G_GNUC_CONST;
ChronicleAttachment *chronicle_attachment_new           (const char                *url);
ChronicleAttachment *chronicle_attachment_copy          (const ChronicleAttachment *self);
void                 chronicle_attachment_free          (ChronicleAttachment       *self);
char                *chronicle_attachment_dup_name      (const ChronicleAttachment *self);
const char          *chronicle_attachment_get_icon_name (const ChronicleAttachment *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleAttachment, chronicle_attachment_free)

G_END_DECLS
