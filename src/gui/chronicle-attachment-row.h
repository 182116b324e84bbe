/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-attachment.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ATTACHMENT_ROW (chronicle_attachment_row_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleAttachmentRow, chronicle_attachment_row, CHRONICLE, ATTACHMENT_ROW, AdwActionRow)

ChronicleAttachmentRow    *chronicle_attachment_row_new            (const ChronicleAttachment *attachment);
const ChronicleAttachment *chronicle_attachment_row_get_attachment (ChronicleAttachmentRow    *self);
char                      *chronicle_attachment_describe           (const ChronicleAttachment *attachment);

G_END_DECLS
