/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <string.h>

#include "chronicle-date-parse.h"
#include "chronicle-document.h"
#include "chronicle-xml-feed-private.h"

/* An RSS item or Atom entry once read whole: which of its elements give
 * its link, id, body and dates, as other readers settle them. */

/**
 * chronicle_xml_plain_text:
 * @text: (transfer full) (nullable): a title or description
 * @type: an Atom text construct's type, or %NULL for RSS
 *
 * The plain text of a title or description: HTML and XHTML ones, and RSS
 * ones that hold markup, turned into text as other readers show them.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
chronicle_xml_plain_text (char       *text,
                          const char *type)
{
  char *plain;

  if (text == NULL)
    return NULL;

  if (g_strcmp0 (type, "text") != 0 && chronicle_html_looks_like_markup (text))
    {
      plain = chronicle_html_to_text (text, -1);
      g_free (text);
      text = plain;
    }

  return g_strstrip (text);
}

/* The first of two fields that is set, taken. */
static char *
take_first (char **first,
            char **second)
{
  return *first != NULL ? g_steal_pointer (first) : g_steal_pointer (second);
}

static char **
steal_strv (GPtrArray *array)
{
  if (array == NULL || array->len == 0)
    return NULL;

  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_steal (array, NULL);
}

static gboolean
any_url (GPtrArray *urls)
{
  for (guint i = 0; i < urls->len; i++)
    if (((const char *) g_ptr_array_index (urls, i))[0] != '\0')
      return TRUE;
  return FALSE;
}

/* A date, and a warning where it cannot be read or is written otherwise
 * than the format asks. */
static GDateTime *
read_date (XmlReader          *reader,
           const XmlDate      *date,
           ChronicleDateStyle  style,
           gboolean           *has_time)
{
  ChronicleDiagnostic *diagnostic;
  GDateTime *parsed;
  gboolean loose;

  *has_time = FALSE;
  if (date->text == NULL)
    return NULL;

  parsed = chronicle_date_parse (date->text, style, has_time, &loose);
  if (parsed == NULL)
    {
      diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_DATE_UNREADABLE,
                                         date->path, &date->position);
      diagnostic->text = g_strdup (date->text);
    }
  else if (loose)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (parsed);

      diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_DATE_LOOSE,
                                         date->path, &date->position);
      diagnostic->text = g_strdup (date->text);
      diagnostic->text2 = g_date_time_format (utc, *has_time ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d");
    }

  return parsed;
}

static void
settle_dates (XmlReader     *reader,
              XmlItem       *it,
              ChronicleItem *item)
{
  gboolean atom = reader->format == XML_FORMAT_ATOM || reader->format == XML_FORMAT_ATOM03;
  gboolean has_time = FALSE;

  if (atom)
    {
      g_autoptr(GDateTime) updated = read_date (reader, &it->updated, CHRONICLE_DATE_ISO8601, &has_time);
      gboolean updated_has_time = has_time;

      item->date_published = read_date (reader, &it->published, CHRONICLE_DATE_ISO8601, &has_time);
      if (item->date_published == NULL)
        {
          item->date_published = g_steal_pointer (&updated);
          has_time = updated_has_time;
        }
      else
        item->date_modified = g_steal_pointer (&updated);
    }
  else
    {
      gboolean modified_has_time;

      item->date_published = read_date (reader, &it->published, CHRONICLE_DATE_RFC822, &has_time);
      if (item->date_published == NULL)
        item->date_published = read_date (reader, &it->dc_date, CHRONICLE_DATE_ISO8601, &has_time);
      /* dcterms:modified */
      item->date_modified = read_date (reader, &it->updated, CHRONICLE_DATE_ISO8601, &modified_has_time);
    }

  item->has_time = has_time;
}

/* RSS: content:encoded, else the description, which then is no summary.
 * Atom: the content by its type, else an HTML summary as the body. */
static void
settle_body (XmlReader     *reader,
             XmlItem       *it,
             ChronicleItem *item)
{
  if (reader->format == XML_FORMAT_RSS || reader->format == XML_FORMAT_RDF)
    {
      item->content_html = take_first (&it->content, &it->description);
      item->summary = take_first (&it->description, &it->summary);
      return;
    }

  if (it->atom_content != NULL && g_strcmp0 (it->atom_content_type, "text") == 0)
    item->content_text = g_steal_pointer (&it->atom_content);
  else
    item->content_html = g_steal_pointer (&it->atom_content);

  /* Content elsewhere: a link to it. */
  item->external_url = g_steal_pointer (&it->content_src);

  if (item->content_html == NULL && item->content_text == NULL && it->summary != NULL &&
      g_strcmp0 (it->summary_type, "text") != 0)
    item->content_html = g_strdup (it->summary);
  item->summary = g_steal_pointer (&it->summary);
}

static void
settle_people_and_things (XmlReader     *reader,
                          XmlItem       *it,
                          ChronicleItem *item)
{
  guint64 duration;

  /* Authors of the feed are the items' when they have none. */
  if (it->authors->len == 0 && reader->feed_authors->len > 0)
    for (guint i = 0; i < reader->feed_authors->len; i++)
      {
        g_ptr_array_add (it->authors, g_strdup (g_ptr_array_index (reader->feed_authors, i)));
        g_ptr_array_add (it->author_urls, g_strdup (g_ptr_array_index (reader->feed_author_urls, i)));
      }
  if (any_url (it->author_urls))
    item->author_urls = steal_strv (it->author_urls);
  item->authors = steal_strv (it->authors);
  if (item->authors == NULL)
    item->authors = g_new0 (char *, 1);
  item->tags = steal_strv (it->tags);
  if (item->tags == NULL)
    item->tags = g_new0 (char *, 1);

  item->language = g_strdup (it->language != NULL ? it->language :
                             it->lang != NULL ? it->lang : reader->feed->language);
  item->image = take_first (&it->thumbnail, &it->image);

  /* itunes:duration is the episode's: the first audio or video file's. */
  duration = it->duration != NULL ? chronicle_xml_parse_duration (it->duration) : 0;
  for (guint i = 0; duration > 0 && i < it->attachments->len; i++)
    {
      ChronicleAttachment *attachment = g_ptr_array_index (it->attachments, i);

      if (attachment->duration == 0)
        {
          attachment->duration = duration;
          break;
        }
    }
  if (it->attachments->len > 0)
    item->attachments = g_ptr_array_ref (it->attachments);
}

static char *
child_path (const XmlItem *it,
            const char    *name)
{
  return g_strconcat (it->path, "/", name, NULL);
}

/* RSS: the guid, else the link; Atom: the id, which it must have. */
static void
settle_id (XmlReader     *reader,
           XmlItem       *it,
           ChronicleItem *item)
{
  gboolean atom = reader->format == XML_FORMAT_ATOM || reader->format == XML_FORMAT_ATOM03;
  const char *given = atom ? it->id : it->guid != NULL ? it->guid : it->about;

  if (given != NULL && given[0] != '\0')
    {
      item->id = g_strdup (given);
      return;
    }

  item->id = chronicle_item_dup_stand_in_id (item);
  if (atom)
    chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ITEM_NO_ID, it->path,
                          &it->position)->remedy = item->url != NULL ? CHRONICLE_REMEDY_ID_FROM_URL
                                                                     : CHRONICLE_REMEDY_ID_MADE;
}

/* What Atom 1.0 asks every entry to have. */
static void
check_entry (XmlReader     *reader,
             XmlItem       *it,
             ChronicleItem *item)
{
  if (reader->format != XML_FORMAT_ATOM)
    return;

  if (item->title == NULL)
    chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_MISSING, it->path,
                          &it->position)->text = g_strdup ("title");
  if (it->updated.text == NULL)
    chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_MISSING, it->path,
                          &it->position)->text = g_strdup ("updated");
}

/**
 * chronicle_xml_finish_item:
 *
 * Settles the fields of the item just read and adds it to the feed,
 * unless it has nothing to show or an id another item has.
 */
void
chronicle_xml_finish_item (XmlReader *reader)
{
  XmlItem *it = g_steal_pointer (&reader->item);
  g_autoptr(ChronicleItem) item = chronicle_item_new ();
  gboolean atom = reader->format == XML_FORMAT_ATOM || reader->format == XML_FORMAT_ATOM03;

  if (it == NULL)
    return;

  item->title = chronicle_xml_plain_text (g_steal_pointer (&it->title), atom ? it->title_type : NULL);
  if (atom)
    item->url = it->alternate != NULL ? g_steal_pointer (&it->alternate) : g_steal_pointer (&it->link);
  else if (it->link != NULL)
    item->url = g_steal_pointer (&it->link);
  else if (it->guid != NULL && it->guid_is_permalink && g_uri_peek_scheme (it->guid) != NULL)
    item->url = g_strdup (it->guid);
  /* RSS 1.0 names an item by its address. */
  else if (it->about != NULL && chronicle_xml_is_web_address (it->about))
    item->url = g_strdup (it->about);

  settle_body (reader, it, item);
  settle_dates (reader, it, item);
  settle_people_and_things (reader, it, item);
  /* Relative addresses in the body: the xml:base there, else the
   * feed's address, else the article's. */
  item->base_url = g_strdup (it->content_base != NULL ? it->content_base :
                             it->base != NULL ? it->base :
                             chronicle_xml_is_web_address (reader->document_uri) ? reader->document_uri :
                             item->url != NULL ? item->url : chronicle_xml_document_base (reader));

  if (!chronicle_item_can_be_shown (item))
    {
      chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ITEM_NOTHING_TO_SHOW, it->path,
                            &it->position)->remedy = CHRONICLE_REMEDY_ITEM_LEFT_OUT;
      reader->feed->n_items_left_out++;
      chronicle_xml_item_free (it);
      return;
    }

  settle_id (reader, it, item);
  check_entry (reader, it, item);

  if (g_hash_table_contains (reader->ids, item->id))
    {
      g_autofree char *path = child_path (it, atom ? "id" : "guid");

      chronicle_xml_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID, path,
                            &it->position)->text = g_strdup (item->id);
      reader->feed->n_items_left_out++;
      chronicle_xml_item_free (it);
      return;
    }

  g_hash_table_add (reader->ids, g_strdup (item->id));
  g_ptr_array_add (reader->feed->items, g_steal_pointer (&item));
  chronicle_xml_item_free (it);

  if (reader->max_items > 0 && reader->feed->items->len >= reader->max_items)
    chronicle_xml_stop (reader);
}

static void
report_missing (XmlReader      *reader,
                const XmlFrame *frame,
                const char     *name)
{
  chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_MISSING, reader->path->str,
                        &frame->position)->text = g_strdup (name);
}

/**
 * chronicle_xml_check_feed:
 * @frame: the channel or feed element, as it closes
 *
 * What RSS asks every channel to have, and Atom every feed.
 */
void
chronicle_xml_check_feed (XmlReader *reader,
                          XmlFrame  *frame)
{
  if (reader->format == XML_FORMAT_ATOM)
    {
      if (!reader->feed_has_id)
        report_missing (reader, frame, "id");
      if (reader->feed->title == NULL)
        report_missing (reader, frame, "title");
      if (!reader->feed_has_updated)
        report_missing (reader, frame, "updated");
    }
  else if (reader->format == XML_FORMAT_RSS || reader->format == XML_FORMAT_RDF)
    {
      if (reader->feed->title == NULL && !reader->channel_has_title)
        report_missing (reader, frame, "title");
      if (reader->channel_link == NULL && !reader->channel_has_link)
        report_missing (reader, frame, "link");
      if (reader->feed->description == NULL && !reader->channel_has_description)
        report_missing (reader, frame, "description");
    }
}

/**
 * chronicle_xml_finish_feed:
 *
 * What the feed has of its own once the whole document is read.
 */
void
chronicle_xml_finish_feed (XmlReader *reader)
{
  ChronicleFeed *feed = reader->feed;

  g_clear_pointer (&feed->authors, g_strfreev);
  feed->authors = steal_strv (reader->feed_authors);
  if (feed->authors == NULL)
    feed->authors = g_new0 (char *, 1);
}
