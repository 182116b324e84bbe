/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-date-format.h"
#include "chronicle-document-private.h"
#include "chronicle-item-private.h"
#include "chronicle-search.h"

/* How much of the body the list shows under the title: one line, about
 * 100 characters in the widest list.  The label shapes all of it before it
 * ellipsizes: 200 rows took 149 ms to show with 120 characters each against
 * 164 ms with 200 (medians of seven runs). */
#define EXCERPT_CHARS 120

G_DEFINE_FINAL_TYPE (ChronicleItem, chronicle_item, G_TYPE_OBJECT)

static gboolean has_text (const char *text);

static void
chronicle_item_finalize (GObject *object)
{
  ChronicleItem *self = CHRONICLE_ITEM (object);

  g_free (self->id);
  g_free (self->url);
  g_free (self->external_url);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->content_html);
  g_free (self->content_text);
  g_clear_pointer (&self->date_published, g_date_time_unref);
  g_clear_pointer (&self->date_modified, g_date_time_unref);
  g_strfreev (self->authors);
  g_strfreev (self->author_urls);
  g_strfreev (self->tags);
  g_free (self->language);
  g_free (self->image);
  g_free (self->story);
  g_free (self->translated_from);
  g_clear_pointer (&self->source, g_ref_string_release);
  g_free (self->base_url);
  g_free (self->thumbnail);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self->excerpt);
  g_free (self->search_key);
  g_clear_pointer (&self->document, chronicle_document_unref);

  G_OBJECT_CLASS (chronicle_item_parent_class)->finalize (object);
}

static void
chronicle_item_class_init (ChronicleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_item_finalize;
}

static void
chronicle_item_init (ChronicleItem *self)
{
}

ChronicleItem *
chronicle_item_new (void)
{
  return g_object_new (CHRONICLE_TYPE_ITEM, NULL);
}

#define DEFINE_STRING_GETTER(field)                                  \
  const char *                                                       \
  chronicle_item_get_##field (ChronicleItem *self)                   \
  {                                                                  \
    g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);           \
    return self->field;                                              \
  }

DEFINE_STRING_GETTER (id)
DEFINE_STRING_GETTER (url)
DEFINE_STRING_GETTER (external_url)
DEFINE_STRING_GETTER (title)
DEFINE_STRING_GETTER (summary)
DEFINE_STRING_GETTER (content_html)
DEFINE_STRING_GETTER (content_text)
DEFINE_STRING_GETTER (language)
DEFINE_STRING_GETTER (image)
DEFINE_STRING_GETTER (story)
DEFINE_STRING_GETTER (translated_from)
DEFINE_STRING_GETTER (source)

GDateTime *
chronicle_item_get_date_published (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return self->date_published;
}

GDateTime *
chronicle_item_get_date_modified (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return self->date_modified;
}

/**
 * chronicle_item_get_has_time:
 *
 * Returns: %FALSE when the publication date only names the day: feeds
 *   that know no time give midnight.
 */
gboolean
chronicle_item_get_has_time (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), FALSE);

  return self->has_time;
}

const char * const *
chronicle_item_get_authors (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return (const char * const *) self->authors;
}

const char * const *
chronicle_item_get_tags (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * chronicle_item_dup_display_date:
 *
 * Returns: (transfer full) (nullable): the publication date as the reader
 *   should see it: in local time when the feed gives a time, and as the
 *   publisher dated it when it gives only the day (converting midnight
 *   somewhere else to local time would show the wrong day)
 */
GDateTime *
chronicle_item_dup_display_date (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (self->date_published == NULL)
    return NULL;
  if (!self->has_time)
    return g_date_time_ref (self->date_published);
  return g_date_time_to_timezone (self->date_published, chronicle_local_time_zone ());
}

/**
 * chronicle_item_get_link:
 *
 * Returns: (nullable): the address of the original article: the item's url,
 *   else its external_url
 */
const char *
chronicle_item_get_link (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return self->url != NULL ? self->url : self->external_url;
}

/**
 * chronicle_item_get_document:
 *
 * Converts the body when it is first asked for, so that loading a large
 * collection does not pay for articles nobody opens.
 *
 * Returns: (transfer none): the body as blocks and runs
 */
ChronicleDocument *
chronicle_item_get_document (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (self->document == NULL)
    {
      if (self->content_html != NULL)
        self->document = chronicle_document_new_from_html (self->content_html, -1, self->base_url);
      else if (self->content_text != NULL)
        self->document = chronicle_document_new_from_text (self->content_text, -1);
      else if (self->summary != NULL)
        self->document = chronicle_document_new_from_text (self->summary, -1);
      else
        self->document = chronicle_document_new_from_text ("", 0);

      /* The feed's picture of the article (JSON Feed image, a Media RSS
       * image) leads a body that has none of its own. */
      if (self->image != NULL)
        chronicle_document_lead_image (self->document, self->image);
    }

  return self->document;
}

/**
 * chronicle_item_dup_display_title:
 *
 * Returns: the title to show: the item's title, or when it has none the
 *   start of its text, as JSON Feed allows items without a title.
 */
char *
chronicle_item_dup_display_title (ChronicleItem *self)
{
  const char *excerpt;

  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (self->title != NULL && self->title[0] != '\0')
    return g_strdup (self->title);

  excerpt = chronicle_item_get_excerpt (self);
  if (excerpt[0] != '\0')
    return g_utf8_substring (excerpt, 0, MIN (80, g_utf8_strlen (excerpt, -1)));

  return g_strdup (_("Untitled Article"));
}

static char *
squeeze_whitespace (const char *text,
                    glong       max_chars)
{
  GString *out = g_string_new (NULL);
  glong n = 0;
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (out, FALSE);
}

static char *
make_excerpt (ChronicleItem *self)
{
  g_autofree char *text = NULL;

  if (self->summary != NULL && self->summary[0] != '\0')
    text = chronicle_html_looks_like_markup (self->summary)
           ? chronicle_html_to_text (self->summary, -1)
           : g_strdup (self->summary);
  else if (self->content_text != NULL)
    text = g_strdup (self->content_text);
  else if (self->content_html != NULL)
    text = chronicle_html_to_text (self->content_html, MIN (strlen (self->content_html), 4096));
  else
    text = g_strdup ("");

  return squeeze_whitespace (text, EXCERPT_CHARS);
}

/**
 * chronicle_item_get_excerpt:
 *
 * Returns: one line of the article for the list: the summary (as plain
 *   text, even when it holds HTML), else the start of the body
 */
const char *
chronicle_item_get_excerpt (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (self->excerpt == NULL)
    self->excerpt = make_excerpt (self);

  return self->excerpt;
}

/**
 * chronicle_item_dup_excerpt:
 *
 * Reads only what the parser filled in, so any thread may call it.
 *
 * Returns: (transfer full): chronicle_item_get_excerpt(), made again
 */
char *
chronicle_item_dup_excerpt (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);
  g_return_val_if_fail (!self->partial, NULL);

  return make_excerpt (self);
}

/**
 * chronicle_item_dup_thumbnail:
 *
 * Reads only what the parser filled in, so any thread may call it.
 *
 * Returns: (transfer full) (nullable): the address of the picture the list
 *   shows for the article: the feed's own (JSON Feed image, Media RSS
 *   thumbnail), else the first picture of the body, in its smallest size
 *   that fills a thumbnail
 */
char *
chronicle_item_dup_thumbnail (ChronicleItem *self)
{
  g_autoptr(ChronicleImage) image = NULL;
  const char *url;

  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);
  g_return_val_if_fail (!self->partial, NULL);

  if (has_text (self->image))
    return g_strdup (self->image);

  image = chronicle_html_find_picture (self->content_html, -1, self->base_url);
  if (image == NULL)
    return NULL;
  url = chronicle_image_choose_thumbnail (image);

  return g_strdup (url);
}

/**
 * chronicle_item_get_thumbnail:
 *
 * Returns: (nullable): chronicle_item_dup_thumbnail(), kept; for an item
 *   read from the store, what the store holds
 */
const char *
chronicle_item_get_thumbnail (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (!self->thumbnail_known && !self->partial)
    {
      self->thumbnail = chronicle_item_dup_thumbnail (self);
      self->thumbnail_known = TRUE;
    }

  return self->thumbnail;
}

/**
 * chronicle_item_get_partial:
 *
 * Returns: whether the item holds its list fields only (title, excerpt,
 *   dates, language, story, source): the rest is in the store, to
 *   be read with chronicle_library_load_item_async()
 */
gboolean
chronicle_item_get_partial (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), FALSE);

  return self->partial;
}

/**
 * chronicle_item_dup_search_key:
 * @length: (out): the key's length
 *
 * Reads only what the parser filled in, so any thread may call it.
 *
 * Returns: (transfer full): the words of the title, summary, authors and
 *   body, folded for searching (see chronicle_search_fold()) and each said
 *   once
 */
char *
chronicle_item_dup_search_key (ChronicleItem *self,
                               gsize         *length)
{
  gsize body_length;
  GString *key;

  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);
  g_return_val_if_fail (length != NULL, NULL);

  body_length = self->content_html != NULL ? strlen (self->content_html) : 0;
  key = g_string_sized_new (body_length / 2 + 256);

  /* The fast folder: this runs for every article of a collection. */
  if (self->title != NULL)
    chronicle_search_fold_fast_append (key, self->title, FALSE);
  if (self->summary != NULL)
    chronicle_search_fold_fast_append (key, self->summary, FALSE);
  for (guint i = 0; self->authors != NULL && self->authors[i] != NULL; i++)
    chronicle_search_fold_fast_append (key, self->authors[i], FALSE);
  if (self->content_html != NULL)
    chronicle_search_fold_fast_append (key, self->content_html, TRUE);
  else if (self->content_text != NULL)
    chronicle_search_fold_fast_append (key, self->content_text, FALSE);

  *length = chronicle_search_unique_words (key->str, key->len);
  g_string_truncate (key, *length);
  return g_realloc (g_string_free_and_steal (key), *length + 1);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/**
 * chronicle_item_can_be_shown:
 *
 * Returns: whether the reader would see anything of the item: a title, a
 *   summary, a body, a link or a picture
 */
gboolean
chronicle_item_can_be_shown (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), FALSE);

  return has_text (self->title) || has_text (self->summary) || has_text (self->content_html) ||
         has_text (self->content_text) || has_text (self->url) || has_text (self->external_url) ||
         has_text (self->image) || (self->attachments != NULL && self->attachments->len > 0);
}

/**
 * chronicle_item_dup_stand_in_id:
 *
 * An id for an item whose feed gives it none: its address, else a hash of
 * its title, date and content, so that the same item gets the same id each
 * time it is read (and keeps the reader's state).
 *
 * Returns: (transfer full): the id
 */
char *
chronicle_item_dup_stand_in_id (ChronicleItem *self)
{
  g_autoptr(GString) made = NULL;
  g_autofree char *date = NULL;
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (has_text (self->url))
    return g_strdup (self->url);

  date = self->date_published != NULL ? g_date_time_format_iso8601 (self->date_published) : NULL;
  made = g_string_new (NULL);
  g_string_append_printf (made, "%s\x1f%s\x1f%s\x1f%s",
                          self->title != NULL ? self->title : "", date != NULL ? date : "",
                          self->content_html != NULL ? self->content_html : "",
                          self->content_text != NULL ? self->content_text : "");
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, made->str, made->len);
  return g_strdup_printf ("hash:%.16s", checksum);
}

/**
 * chronicle_item_get_author_urls:
 *
 * Returns: (nullable): the address of each of the authors, in their order,
 *   "" where an author has none; %NULL when none has one
 */
const char * const *
chronicle_item_get_author_urls (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return (const char * const *) self->author_urls;
}

/**
 * chronicle_item_get_attachments:
 *
 * Returns: (transfer none) (nullable) (element-type ChronicleAttachment):
 *   the files that come with the article
 */
GPtrArray *
chronicle_item_get_attachments (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  return self->attachments;
}

/**
 * chronicle_item_get_search_key:
 *
 * Returns: chronicle_item_dup_search_key(), computed once
 */
const char *
chronicle_item_get_search_key (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), NULL);

  if (self->search_key == NULL)
    self->search_key = chronicle_item_dup_search_key (self, &self->search_key_length);

  return self->search_key;
}

/**
 * chronicle_item_get_store_id:
 *
 * Returns: the item's row in the store, for items read from it, else 0
 */
gint64
chronicle_item_get_store_id (ChronicleItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ITEM (self), 0);

  return self->store_id;
}
