/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-item.h"

G_BEGIN_DECLS

/* The parser fills an item in place; everything else treats it as
 * immutable. */
struct _ChronicleItem
{
  GObject            parent_instance;

  char              *id;
  char              *url;
  char              *external_url;
  char              *title;
  char              *summary;
  char              *content_html;
  char              *content_text;
  GDateTime         *date_published;
  GDateTime         *date_modified;
  char             **authors;
  char             **author_urls;   /* one for each author, "" for none */
  char             **tags;
  char              *language;
  char              *image;
  char              *story;
  char              *translated_from;
  char              *source;           /* a GRefString, shared with other items */
  char              *base_url;
  /* The picture the list shows: read from the store with the list
   * fields, else found in the body when first asked for. */
  char              *thumbnail;
  guint              thumbnail_known : 1;
  GPtrArray         *attachments;   /* of ChronicleAttachment */
  guint              has_time : 1;
  /* Read from the store with its list fields only: the body, addresses,
   * authors, tags and attachments stay there until the article is
   * opened. */
  guint              partial : 1;
  gint64             store_id;

  /* Computed when first asked for. */
  char              *excerpt;
  char              *search_key;
  gsize              search_key_length;
  ChronicleDocument *document;
};

ChronicleItem *chronicle_item_new             (void);
char          *chronicle_item_dup_stand_in_id (ChronicleItem *self);
gboolean       chronicle_item_can_be_shown    (ChronicleItem *self);

G_END_DECLS
