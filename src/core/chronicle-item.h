/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-attachment.h"
#include "chronicle-document.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ITEM (chronicle_item_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleItem, chronicle_item, CHRONICLE, ITEM, GObject)

const char         *chronicle_item_get_id              (ChronicleItem *self);
const char         *chronicle_item_get_url             (ChronicleItem *self);
const char         *chronicle_item_get_external_url    (ChronicleItem *self);
const char         *chronicle_item_get_title           (ChronicleItem *self);
const char         *chronicle_item_get_summary         (ChronicleItem *self);
const char         *chronicle_item_get_content_html    (ChronicleItem *self);
const char         *chronicle_item_get_content_text    (ChronicleItem *self);
GDateTime          *chronicle_item_get_date_published  (ChronicleItem *self);
GDateTime          *chronicle_item_get_date_modified   (ChronicleItem *self);
gboolean            chronicle_item_get_has_time        (ChronicleItem *self);
GDateTime          *chronicle_item_dup_display_date    (ChronicleItem *self);
const char * const *chronicle_item_get_authors         (ChronicleItem *self);
const char * const *chronicle_item_get_author_urls     (ChronicleItem *self);
const char * const *chronicle_item_get_tags            (ChronicleItem *self);
GPtrArray          *chronicle_item_get_attachments     (ChronicleItem *self);
const char         *chronicle_item_get_language        (ChronicleItem *self);
const char         *chronicle_item_get_image           (ChronicleItem *self);
const char         *chronicle_item_get_story           (ChronicleItem *self);
const char         *chronicle_item_get_translated_from (ChronicleItem *self);
const char         *chronicle_item_get_source          (ChronicleItem *self);
const char         *chronicle_item_get_link            (ChronicleItem *self);
char               *chronicle_item_dup_display_title   (ChronicleItem *self);
const char         *chronicle_item_get_excerpt         (ChronicleItem *self);
char               *chronicle_item_dup_excerpt         (ChronicleItem *self);
char               *chronicle_item_dup_thumbnail       (ChronicleItem *self);
const char         *chronicle_item_get_thumbnail       (ChronicleItem *self);
gboolean            chronicle_item_get_partial         (ChronicleItem *self);
gint64              chronicle_item_get_store_id        (ChronicleItem *self);
ChronicleDocument  *chronicle_item_get_document        (ChronicleItem *self);
char               *chronicle_item_dup_search_key      (ChronicleItem *self,
                                                        gsize         *length);
const char         *chronicle_item_get_search_key      (ChronicleItem *self);

G_END_DECLS
