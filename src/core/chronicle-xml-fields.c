/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chronicle-date-parse.h"
#include "chronicle-document.h"
#include "chronicle-xml-feed-private.h"

/* What each element of RSS 0.9x, 1.0, 2.0 and Atom 0.3 and 1.0 means, with
 * the modules feeds use (content, Dublin Core, iTunes, Media RSS), and how
 * an item's fields are settled once it is read whole. */

static gboolean
is (const XmlFrame *frame,
    const char     *ns,
    const char     *name)
{
  return g_str_equal (frame->ns, ns) && g_str_equal (frame->name, name);
}

/* RSS elements: no namespace in 0.9x and 2.0, their own in 1.0 and 0.90. */
static gboolean
is_rss (const XmlFrame *frame,
        const char     *name)
{
  return g_str_equal (frame->name, name) &&
         (frame->ns[0] == '\0' || g_str_equal (frame->ns, NS_RSS10) || g_str_equal (frame->ns, NS_RSS090));
}

static gboolean
is_atom (XmlReader      *reader,
         const XmlFrame *frame,
         const char     *name)
{
  return g_str_equal (frame->name, name) &&
         g_str_equal (frame->ns, reader->format == XML_FORMAT_ATOM03 ? NS_ATOM03 : NS_ATOM);
}

static gboolean
is_atom_feed (XmlReader *reader)
{
  return reader->format == XML_FORMAT_ATOM || reader->format == XML_FORMAT_ATOM03;
}

void
chronicle_xml_add_unique (GPtrArray  *array,
                          const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return;
  g_ptr_array_add (array, g_strdup (value));
}

static guint64
parse_count (const char *text)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (g_strstrip ((char *) text), 10, 0, G_MAXUINT64, &value, NULL))
    return 0;
  return value;
}

/* itunes:duration: "3600", "59:59" or "1:02:03". */
guint64
chronicle_xml_parse_duration (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint64 total = 0;

  if (text == NULL)
    return 0;

  parts = g_strsplit (g_strstrip ((char *) text), ":", 4);
  if (g_strv_length (parts) > 3)
    return 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, i == 0 ? G_MAXUINT32 : 59, &value, NULL))
        return 0;
      total = total * 60 + value;
    }

  return total;
}

/* Which format the root element says, or %FALSE when it is no feed's. */
static gboolean
start_document (XmlReader *reader,
                XmlFrame  *frame)
{
  if (is (frame, "", "rss"))
    reader->format = XML_FORMAT_RSS;
  else if (is (frame, NS_RDF, "RDF"))
    reader->format = XML_FORMAT_RDF;
  else if (is (frame, NS_ATOM, "feed"))
    reader->format = XML_FORMAT_ATOM;
  else if (is (frame, NS_ATOM03, "feed"))
    reader->format = XML_FORMAT_ATOM03;
  else
    {
      ChronicleDiagnostic *diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR,
                                                              CHRONICLE_PROBLEM_XML_NOT_A_FEED, NULL, &frame->position);
      static const char * const roots[] = { "rss", "RDF", "feed", "channel", NULL };

      diagnostic->text = g_strdup (frame->name);
      if (frame->ns[0] != '\0' && g_strv_contains (roots, frame->name))
        diagnostic->text2 = g_strdup (frame->ns);
      reader->fatal = TRUE;
      chronicle_xml_stop (reader);
      return FALSE;
    }

  reader->feed = chronicle_feed_new ();
  reader->feed_authors = g_ptr_array_new_with_free_func (g_free);
  reader->feed_author_urls = g_ptr_array_new_with_free_func (g_free);
  if (is_atom_feed (reader))
    {
      frame->context = XML_CONTEXT_FEED;
      /* Atom has no language element: the feed's xml:lang is its own. */
      reader->feed->language = g_strdup (frame->lang);
    }
  return TRUE;
}

/**
 * chronicle_xml_is_item:
 *
 * Returns: whether the element @ns:@name is an item of the feed's format
 */
gboolean
chronicle_xml_is_item (XmlReader  *reader,
                       const char *ns,
                       const char *name)
{
  if (!g_str_equal (name, reader->format == XML_FORMAT_ATOM || reader->format == XML_FORMAT_ATOM03 ? "entry" : "item"))
    return FALSE;

  switch (reader->format)
    {
    case XML_FORMAT_ATOM:
      return g_str_equal (ns, NS_ATOM);
    case XML_FORMAT_ATOM03:
      return g_str_equal (ns, NS_ATOM03);
    case XML_FORMAT_RSS:
    case XML_FORMAT_RDF:
      return ns[0] == '\0' || g_str_equal (ns, NS_RSS10) || g_str_equal (ns, NS_RSS090);
    default:
      return FALSE;
    }
}

/* An item starts: where the feed puts it, or, in a file libxml2 recovers
 * from, inside another (an unclosed <item> or <br>) or after the channel
 * was closed too early.  An item still open ends where the next starts. */
static void
start_item (XmlReader      *reader,
            XmlFrame       *frame,
            const xmlChar **attributes,
            int             n)
{
  XmlItem *item;

  /* The item that ends may be the last one wanted: then libxml2 has
   * already freed the text @attributes point into. */
  if (reader->item != NULL)
    chronicle_xml_finish_item (reader);
  if (reader->stopped)
    return;

  item = g_new0 (XmlItem, 1);
  item->frame = reader->stack->len - 1;
  /* RSS 1.0 names each item by its address. */
  if (reader->format == XML_FORMAT_RDF)
    item->about = chronicle_xml_attribute (attributes, n, NS_RDF, "about");

  item->index = ++reader->n_items;
  g_string_append_printf (reader->path, "[%u]", item->index);
  item->path = g_strdup (reader->path->str);
  item->position = frame->position;
  item->base = g_strdup (chronicle_xml_explicit_base (reader));
  item->lang = g_strdup (chronicle_xml_lang (reader));
  item->authors = g_ptr_array_new_with_free_func (g_free);
  item->author_urls = g_ptr_array_new_with_free_func (g_free);
  item->tags = g_ptr_array_new_with_free_func (g_free);
  item->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_attachment_free);
  g_clear_pointer (&reader->item, chronicle_xml_item_free);
  reader->item = item;
  frame->context = XML_CONTEXT_ITEM;
}

static gboolean
is_markup_type (const char *type)
{
  return type != NULL && (g_str_equal (type, "html") || g_str_equal (type, "xhtml") ||
                          g_str_equal (type, "text/html") || g_str_equal (type, "application/xhtml+xml"));
}

/* Atom 0.3 says how the text is written in "mode": "escaped" or
 * "base64" text, or, by default, "xml" children; "type" is a MIME type,
 * text/plain by default. */
static const char *
atom03_type (const char *type,
             const char *mode,
             gboolean   *base64)
{
  *base64 = g_strcmp0 (mode, "base64") == 0;
  if (*base64 || g_strcmp0 (mode, "escaped") == 0)
    return is_markup_type (type) ? "html" : "text";
  if (g_strcmp0 (type, "application/xhtml+xml") == 0 || g_strcmp0 (type, "xhtml") == 0)
    return "xhtml";
  return g_strcmp0 (type, "text/html") == 0 ? "html" : "text";
}

/* Atom 1.0: "text", "html", "xhtml", or a MIME type: XML types are
 * children, text types text, and any other a file in base64 ("base64"),
 * shown only if it is text. */
static const char *
atom_type (const char *type)
{
  if (type == NULL || g_str_equal (type, "text"))
    return "text";
  if (g_str_equal (type, "html") || g_str_equal (type, "text/html"))
    return "html";
  if (g_str_equal (type, "xhtml") || g_str_equal (type, "application/xhtml+xml"))
    return "xhtml";
  if (g_str_has_prefix (type, "text/") || g_str_has_suffix (type, "+xml") || g_str_has_suffix (type, "/xml"))
    return "text";
  return "base64";
}

/* An Atom text construct or content, by its type. */
static void
start_text_construct (XmlReader      *reader,
                      XmlFrame       *frame,
                      XmlField        field,
                      const xmlChar **attributes,
                      int             n)
{
  g_autofree char *type = chronicle_xml_attribute (attributes, n, "", "type");
  g_autofree char *mode = chronicle_xml_attribute (attributes, n, "", "mode");
  const char *kind;

  if (type != NULL)
    g_strstrip (type);
  kind = reader->format == XML_FORMAT_ATOM03 ? atom03_type (type, mode, &frame->base64) : atom_type (type);
  if (g_str_equal (kind, "base64"))
    {
      frame->base64 = TRUE;
      kind = "text";
    }

  frame->field = field;
  frame->type = g_strdup (kind);
  frame->xhtml = g_str_equal (kind, "xhtml");
}

/* itunes:image's href, or the url some podcasts write instead. */
static char *
itunes_image (XmlReader      *reader,
              const xmlChar **attributes,
              int             n)
{
  g_autofree char *href = chronicle_xml_attribute (attributes, n, "", "href");

  if (href == NULL)
    href = chronicle_xml_attribute (attributes, n, "", "url");
  return chronicle_xml_resolve (reader, href);
}

/* An enclosure, Atom link rel="enclosure" or media:content. */
static void
add_attachment (XmlReader  *reader,
                const char *url,
                const char *type,
                const char *title,
                const char *size,
                const char *duration)
{
  ChronicleAttachment *attachment;
  g_autofree char *resolved = chronicle_xml_resolve (reader, url);

  if (resolved == NULL)
    {
      chronicle_xml_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_ATTACHMENT_NO_URL,
                            reader->path->str, NULL);
      return;
    }

  for (guint i = 0; i < reader->item->attachments->len; i++)
    if (g_str_equal (((ChronicleAttachment *) g_ptr_array_index (reader->item->attachments, i))->url, resolved))
      return;

  attachment = chronicle_attachment_new (resolved);
  attachment->mime_type = type != NULL && type[0] != '\0' ? g_strdup (type) : NULL;
  attachment->title = title != NULL && title[0] != '\0' ? g_strdup (title) : NULL;
  attachment->size = parse_count (size);
  attachment->duration = parse_count (duration);
  g_ptr_array_add (reader->item->attachments, attachment);
}

static void
start_link (XmlReader      *reader,
            XmlFrame       *frame,
            const xmlChar **attributes,
            int             n)
{
  g_autofree char *rel = chronicle_xml_attribute (attributes, n, "", "rel");
  g_autofree char *href = chronicle_xml_attribute (attributes, n, "", "href");
  g_autofree char *type = chronicle_xml_attribute (attributes, n, "", "type");
  g_autofree char *length = chronicle_xml_attribute (attributes, n, "", "length");
  g_autofree char *title = chronicle_xml_attribute (attributes, n, "", "title");
  gboolean alternate = rel == NULL || g_str_equal (rel, "alternate");
  gboolean html = type == NULL || g_str_equal (type, "text/html") || g_str_equal (type, "application/xhtml+xml");

  if (frame->context == XML_CONTEXT_ITEM && reader->item != NULL)
    {
      XmlItem *item = reader->item;

      /* The first alternate link, or the first in HTML if there is one. */
      if (alternate && href != NULL && (item->alternate == NULL || (html && !item->alternate_is_html)))
        {
          g_free (item->alternate);
          item->alternate = chronicle_xml_resolve (reader, href);
          item->alternate_is_html = html;
        }
      else if (g_strcmp0 (rel, "enclosure") == 0)
        add_attachment (reader, href, type, title, length, NULL);
      /* Some write the address as the link's text, as RSS does. */
      else if (alternate && href == NULL)
        frame->field = XML_FIELD_LINK;
    }
  else if (frame->context == XML_CONTEXT_FEED && href != NULL)
    {
      if (alternate && reader->feed->home_page_url == NULL)
        reader->feed->home_page_url = chronicle_xml_resolve (reader, href);
      else if (g_strcmp0 (rel, "self") == 0 && reader->feed->feed_url == NULL)
        reader->feed->feed_url = chronicle_xml_resolve (reader, href);
    }
}

static void
start_media (XmlReader      *reader,
             XmlFrame       *frame,
             const xmlChar **attributes,
             int             n)
{
  g_autofree char *url = chronicle_xml_attribute (attributes, n, "", "url");

  if (reader->item == NULL)
    return;

  if (g_str_equal (frame->name, "thumbnail"))
    {
      if (reader->item->thumbnail == NULL)
        reader->item->thumbnail = chronicle_xml_resolve (reader, url);
    }
  else if (g_str_equal (frame->name, "content"))
    {
      g_autofree char *type = chronicle_xml_attribute (attributes, n, "", "type");
      g_autofree char *medium = chronicle_xml_attribute (attributes, n, "", "medium");
      g_autofree char *size = chronicle_xml_attribute (attributes, n, "", "fileSize");
      g_autofree char *duration = chronicle_xml_attribute (attributes, n, "", "duration");

      if (g_strcmp0 (medium, "image") == 0 || (type != NULL && g_str_has_prefix (type, "image/")))
        {
          if (reader->item->image == NULL)
            reader->item->image = chronicle_xml_resolve (reader, url);
        }
      else
        add_attachment (reader, url, type, NULL, size, duration);
    }
  else if (g_str_equal (frame->name, "group"))
    frame->context = XML_CONTEXT_MEDIA_GROUP;
  else if (g_str_equal (frame->name, "description") && reader->stack->len >= 2 &&
           g_array_index (reader->stack, XmlFrame, reader->stack->len - 2).context != XML_CONTEXT_SKIP &&
           !g_str_equal (g_array_index (reader->stack, XmlFrame, reader->stack->len - 2).name, "content"))
    {
      /* The item's, or its group's; not the alternative text of one file. */
      frame->field = XML_FIELD_SUMMARY;
      frame->type = g_strdup ("text");
    }
}

/* The elements of an item or entry. */
static void
start_item_field (XmlReader      *reader,
                  XmlFrame       *frame,
                  const xmlChar **attributes,
                  int             n)
{
  if (g_str_equal (frame->ns, NS_MEDIA))
    start_media (reader, frame, attributes, n);
  else if (is_atom_feed (reader) && g_str_equal (frame->ns, reader->format == XML_FORMAT_ATOM ? NS_ATOM : NS_ATOM03))
    {
      if (g_str_equal (frame->name, "id"))
        frame->field = XML_FIELD_ID;
      else if (g_str_equal (frame->name, "title"))
        start_text_construct (reader, frame, XML_FIELD_TITLE, attributes, n);
      else if (g_str_equal (frame->name, "link"))
        start_link (reader, frame, attributes, n);
      else if (g_str_equal (frame->name, "published") || g_str_equal (frame->name, "issued"))
        frame->field = XML_FIELD_PUBLISHED;
      else if (g_str_equal (frame->name, "updated") || g_str_equal (frame->name, "modified"))
        frame->field = XML_FIELD_UPDATED;
      else if (g_str_equal (frame->name, "summary"))
        start_text_construct (reader, frame, XML_FIELD_SUMMARY, attributes, n);
      else if (g_str_equal (frame->name, "content"))
        {
          start_text_construct (reader, frame, XML_FIELD_ATOM_CONTENT, attributes, n);
          g_autofree char *src = chronicle_xml_attribute (attributes, n, "", "src");

          g_free (reader->item->content_src);
          reader->item->content_src = chronicle_xml_resolve (reader, src);
          g_free (reader->item->content_base);
          reader->item->content_base = g_strdup (chronicle_xml_explicit_base (reader));
        }
      else if (g_str_equal (frame->name, "author"))
        frame->context = XML_CONTEXT_AUTHOR;
      else if (g_str_equal (frame->name, "category"))
        {
          g_autofree char *label = chronicle_xml_attribute (attributes, n, "", "label");
          g_autofree char *term = chronicle_xml_attribute (attributes, n, "", "term");
          const char *tag = label != NULL && label[0] != '\0' ? label : term;

          if (tag != NULL && tag[0] != '\0')
            chronicle_xml_add_unique (reader->item->tags, tag);
        }
      else if (g_str_equal (frame->name, "source") || g_str_equal (frame->name, "contributor"))
        frame->context = XML_CONTEXT_SKIP;
    }
  else if (g_str_equal (frame->ns, NS_CONTENT) && g_str_equal (frame->name, "encoded"))
    {
      frame->field = XML_FIELD_CONTENT;
      g_free (reader->item->content_base);
      reader->item->content_base = g_strdup (chronicle_xml_explicit_base (reader));
    }
  else if (g_str_equal (frame->ns, NS_DCTERMS))
    {
      if (g_str_equal (frame->name, "issued") || g_str_equal (frame->name, "created") ||
          g_str_equal (frame->name, "date"))
        frame->field = XML_FIELD_DC_DATE;
      else if (g_str_equal (frame->name, "modified"))
        frame->field = XML_FIELD_UPDATED;
    }
  else if (g_str_equal (frame->ns, NS_DC))
    {
      if (g_str_equal (frame->name, "title"))
        frame->field = XML_FIELD_TITLE;
      else if (g_str_equal (frame->name, "description"))
        frame->field = XML_FIELD_DESCRIPTION;
      else if (g_str_equal (frame->name, "date"))
        frame->field = XML_FIELD_DC_DATE;
      else if (g_str_equal (frame->name, "creator"))
        frame->field = XML_FIELD_CREATOR;
      else if (g_str_equal (frame->name, "language"))
        frame->field = XML_FIELD_LANGUAGE;
      else if (g_str_equal (frame->name, "subject"))
        frame->field = XML_FIELD_CATEGORY;
    }
  else if (g_str_equal (frame->ns, NS_ITUNES))
    {
      if (g_str_equal (frame->name, "author"))
        frame->field = XML_FIELD_CREATOR;
      else if (g_str_equal (frame->name, "duration"))
        frame->field = XML_FIELD_DURATION;
      else if (g_str_equal (frame->name, "summary"))
        frame->field = XML_FIELD_SUMMARY;
      else if (g_str_equal (frame->name, "image") && reader->item->image == NULL)
        reader->item->image = itunes_image (reader, attributes, n);
    }
  else if (frame->ns[0] == '\0' || g_str_equal (frame->ns, NS_RSS10) || g_str_equal (frame->ns, NS_RSS090))
    {
      if (g_str_equal (frame->name, "title"))
        frame->field = XML_FIELD_TITLE;
      else if (g_str_equal (frame->name, "link"))
        frame->field = XML_FIELD_LINK;
      else if (g_str_equal (frame->name, "description"))
        {
          frame->field = XML_FIELD_DESCRIPTION;
          if (reader->item->content_base == NULL)
            reader->item->content_base = g_strdup (chronicle_xml_explicit_base (reader));
        }
      else if (g_str_equal (frame->name, "guid"))
        {
          g_autofree char *permalink = chronicle_xml_attribute (attributes, n, "", "isPermaLink");

          frame->field = XML_FIELD_GUID;
          frame->is_permalink = permalink == NULL || g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0;
        }
      else if (g_str_equal (frame->name, "pubDate"))
        frame->field = XML_FIELD_PUBLISHED;
      else if (g_str_equal (frame->name, "author"))
        frame->field = XML_FIELD_AUTHOR;
      else if (g_str_equal (frame->name, "category"))
        frame->field = XML_FIELD_CATEGORY;
      else if (g_str_equal (frame->name, "enclosure"))
        {
          g_autofree char *url = chronicle_xml_attribute (attributes, n, "", "url");
          g_autofree char *type = chronicle_xml_attribute (attributes, n, "", "type");
          g_autofree char *length = chronicle_xml_attribute (attributes, n, "", "length");

          add_attachment (reader, url, type, NULL, length, NULL);
        }
      else if (g_str_equal (frame->name, "source"))
        frame->context = XML_CONTEXT_SKIP;
    }
}

/* The elements of a channel or Atom feed. */
static void
start_feed_field (XmlReader      *reader,
                  XmlFrame       *frame,
                  const xmlChar **attributes,
                  int             n)
{
  if (is_atom_feed (reader))
    {
      if (is_atom (reader, frame, "title"))
        start_text_construct (reader, frame, XML_FIELD_TITLE, attributes, n);
      else if (is_atom (reader, frame, "subtitle") || is_atom (reader, frame, "tagline"))
        start_text_construct (reader, frame, XML_FIELD_DESCRIPTION, attributes, n);
      else if (is_atom (reader, frame, "link"))
        start_link (reader, frame, attributes, n);
      else if (is_atom (reader, frame, "icon") || is_atom (reader, frame, "logo"))
        frame->field = XML_FIELD_ICON;
      else if (is_atom (reader, frame, "author"))
        frame->context = XML_CONTEXT_AUTHOR;
      else if (is_atom (reader, frame, "id"))
        frame->field = XML_FIELD_ID;
      else if (is_atom (reader, frame, "updated") || is_atom (reader, frame, "modified"))
        frame->field = XML_FIELD_UPDATED;
      return;
    }

  if (is_rss (frame, "image"))
    frame->context = XML_CONTEXT_IMAGE;
  else if (is_rss (frame, "title"))
    {
      frame->field = XML_FIELD_TITLE;
      reader->channel_has_title = TRUE;
    }
  else if (is_rss (frame, "link"))
    {
      frame->field = XML_FIELD_LINK;
      reader->channel_has_link = TRUE;
    }
  else if (is_rss (frame, "description"))
    {
      frame->field = XML_FIELD_DESCRIPTION;
      reader->channel_has_description = TRUE;
    }
  else if (is_rss (frame, "language") || is (frame, NS_DC, "language"))
    frame->field = XML_FIELD_LANGUAGE;
  else if (is_rss (frame, "ttl"))
    frame->field = XML_FIELD_TTL;
  else if (is (frame, NS_DC, "creator") || is (frame, NS_ITUNES, "author"))
    frame->field = XML_FIELD_CREATOR;
  else if (is (frame, NS_ITUNES, "image") && reader->feed->icon == NULL)
    reader->feed->icon = itunes_image (reader, attributes, n);
  else if (is (frame, NS_ITUNES, "summary") || is (frame, NS_DC, "description"))
    frame->field = XML_FIELD_DESCRIPTION;
  else if (is (frame, NS_DC, "title"))
    frame->field = XML_FIELD_TITLE;
  else if (is (frame, NS_ATOM, "link"))
    start_link (reader, frame, attributes, n);
}

/**
 * chronicle_xml_start_field:
 *
 * What the element just opened is: a feed, an item, a field whose text
 * is kept, or something else.
 */
void
chronicle_xml_start_field (XmlReader      *reader,
                           XmlFrame       *frame,
                           const xmlChar **attributes,
                           int             n)
{
  XmlContext inherited = frame->context;

  if (reader->stack->len == 1)
    {
      start_document (reader, frame);
      return;
    }

  if (chronicle_xml_is_item (reader, frame->ns, frame->name))
    {
      start_item (reader, frame, attributes, n);
      return;
    }

  switch (frame->context)
    {
    case XML_CONTEXT_DOCUMENT:
      if (is_rss (frame, "channel"))
        frame->context = XML_CONTEXT_FEED;
      else if (reader->format == XML_FORMAT_RDF && is_rss (frame, "image"))
        frame->context = XML_CONTEXT_IMAGE;
      break;

    case XML_CONTEXT_FEED:
      start_feed_field (reader, frame, attributes, n);
      break;

    case XML_CONTEXT_ITEM:
    case XML_CONTEXT_MEDIA_GROUP:
      if (reader->item != NULL)
        start_item_field (reader, frame, attributes, n);
      break;

    case XML_CONTEXT_IMAGE:
      if (is_rss (frame, "url"))
        frame->field = XML_FIELD_ICON;
      break;

    case XML_CONTEXT_AUTHOR:
      if (is_atom (reader, frame, "name"))
        frame->field = XML_FIELD_AUTHOR_NAME;
      else if (is_atom (reader, frame, "email"))
        frame->field = XML_FIELD_AUTHOR_EMAIL;
      else if (is_atom (reader, frame, "uri") || is_atom (reader, frame, "url") || is_atom (reader, frame, "homepage"))
        frame->field = XML_FIELD_AUTHOR_URI;
      break;

    case XML_CONTEXT_SKIP:
    default:
      break;
    }

  /* What is inside an element Chronicle does not read is not the feed's
   * or the item's own: the <title> of an item's <image> or <textInput>
   * is not the item's title. */
  if (frame->field == XML_FIELD_NONE && frame->context == inherited &&
      (inherited == XML_CONTEXT_FEED || inherited == XML_CONTEXT_ITEM || inherited == XML_CONTEXT_MEDIA_GROUP ||
       inherited == XML_CONTEXT_DOCUMENT))
    frame->context = XML_CONTEXT_SKIP;
}
