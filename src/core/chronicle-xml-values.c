/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chronicle-document.h"
#include "chronicle-xml-feed-private.h"

/* Where the text of each element goes once it is read whole: the feed's
 * and the items' fields, people, dates; and an item once it ends. */

static void
set_string (char **field,
            char  *value)
{
  if (*field == NULL && value != NULL && value[0] != '\0')
    *field = value;
  else
    g_free (value);
}

/* "mail@example.com (Jane Doe)" or "Jane Doe <mail@example.com>" or a
 * name; the name and a mailto: address for it. */
static void
add_person (GPtrArray  *names,
            GPtrArray  *urls,
            const char *text,
            const char *url)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *name = NULL;
  g_autofree char *mail = NULL;
  char *open;

  if (copy[0] == '\0')
    return;

  if ((open = strchr (copy, '(')) != NULL && g_str_has_suffix (copy, ")"))
    {
      name = g_strstrip (g_strndup (open + 1, strlen (open + 1) - 1));
      mail = g_strstrip (g_strndup (copy, open - copy));
      /* "Name (mail@example.com)", the other way round. */
      if (strchr (name, '@') != NULL && strchr (name, ' ') == NULL && strchr (mail, '@') == NULL)
        {
          char *swap = name;

          name = mail;
          mail = swap;
        }
    }
  else if ((open = strchr (copy, '<')) != NULL && g_str_has_suffix (copy, ">"))
    {
      mail = g_strstrip (g_strndup (open + 1, strlen (open + 1) - 1));
      name = g_strstrip (g_strndup (copy, open - copy));
    }
  else if (strchr (copy, '@') != NULL && strchr (copy, ' ') == NULL)
    mail = g_strdup (copy);
  else
    name = g_strdup (copy);

  if (name == NULL || name[0] == '\0')
    g_set_str (&name, mail);
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return;

  g_ptr_array_add (names, g_steal_pointer (&name));
  if (url != NULL && url[0] != '\0')
    g_ptr_array_add (urls, g_strdup (url));
  else
    g_ptr_array_add (urls, mail != NULL && strchr (mail, '@') != NULL ? g_strconcat ("mailto:", mail, NULL) : g_strdup (""));
}

/* An Atom <author> once read whole. */
static void
end_author (XmlReader *reader)
{
  const char *name = reader->author_name != NULL ? reader->author_name : reader->author_email;
  gboolean in_item = reader->item != NULL;
  g_autofree char *mail = reader->author_email != NULL ? g_strconcat ("mailto:", reader->author_email, NULL) : NULL;

  if (name != NULL)
    add_person (in_item ? reader->item->authors : reader->feed_authors,
                in_item ? reader->item->author_urls : reader->feed_author_urls,
                name, reader->author_uri != NULL ? reader->author_uri : mail);

  g_clear_pointer (&reader->author_name, g_free);
  g_clear_pointer (&reader->author_email, g_free);
  g_clear_pointer (&reader->author_uri, g_free);
}

static void
end_feed_field (XmlReader *reader,
                XmlFrame  *frame,
                char      *text)
{
  ChronicleFeed *feed = reader->feed;

  switch (frame->field)
    {
    case XML_FIELD_TITLE:
      set_string (&feed->title, chronicle_xml_plain_text (text, frame->type));
      break;
    case XML_FIELD_LINK:
      set_string (&reader->channel_link, chronicle_xml_resolve (reader, text));
      if (feed->home_page_url == NULL && reader->channel_link != NULL)
        feed->home_page_url = g_strdup (reader->channel_link);
      g_free (text);
      break;
    case XML_FIELD_DESCRIPTION:
      set_string (&feed->description, chronicle_xml_plain_text (text, frame->type));
      break;
    case XML_FIELD_LANGUAGE:
      set_string (&feed->language, g_strstrip (text));
      break;
    case XML_FIELD_TTL:
      {
        guint64 minutes = 0;

        /* Whole minutes only; anything else says nothing. */
        if (g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, G_MAXUINT, &minutes, NULL))
          feed->ttl_minutes = (guint) minutes;
        g_free (text);
      }
      break;
    case XML_FIELD_ICON:
      set_string (&feed->icon, chronicle_xml_resolve (reader, text));
      g_free (text);
      break;
    case XML_FIELD_CREATOR:
      add_person (reader->feed_authors, reader->feed_author_urls, text, NULL);
      g_free (text);
      break;
    case XML_FIELD_ID:
      reader->feed_has_id = TRUE;
      g_free (text);
      break;
    case XML_FIELD_UPDATED:
      reader->feed_has_updated = TRUE;
      g_free (text);
      break;
    default:
      g_free (text);
      break;
    }
}

static void
set_date (XmlReader      *reader,
          XmlDate        *date,
          const XmlFrame *frame,
          char           *text)
{
  if (date->text != NULL)
    {
      g_free (text);
      return;
    }

  date->text = g_strstrip (text);
  date->path = g_strdup (reader->path->str);
  date->position = frame->position;
}

static void
end_item_field (XmlReader *reader,
                XmlFrame  *frame,
                char      *text)
{
  XmlItem *item = reader->item;

  switch (frame->field)
    {
    case XML_FIELD_TITLE:
      g_free (item->title_type);
      item->title_type = g_strdup (frame->type);
      set_string (&item->title, text);
      break;
    case XML_FIELD_LINK:
      set_string (&item->link, chronicle_xml_resolve (reader, text));
      g_free (text);
      break;
    case XML_FIELD_GUID:
      item->guid_is_permalink = frame->is_permalink;
      set_string (&item->guid, g_strstrip (text));
      break;
    case XML_FIELD_ID:
      set_string (&item->id, g_strstrip (text));
      break;
    case XML_FIELD_DESCRIPTION:
      set_string (&item->description, text);
      break;
    case XML_FIELD_CONTENT:
      set_string (&item->content, text);
      break;
    case XML_FIELD_ATOM_CONTENT:
      g_free (item->atom_content_type);
      item->atom_content_type = g_strdup (frame->type);
      set_string (&item->atom_content, text);
      break;
    case XML_FIELD_SUMMARY:
      if (item->summary == NULL)
        {
          g_free (item->summary_type);
          item->summary_type = g_strdup (frame->type != NULL ? frame->type : "text");
        }
      set_string (&item->summary, text);
      break;
    case XML_FIELD_PUBLISHED:
      set_date (reader, &item->published, frame, text);
      break;
    case XML_FIELD_UPDATED:
      set_date (reader, &item->updated, frame, text);
      break;
    case XML_FIELD_DC_DATE:
      set_date (reader, &item->dc_date, frame, text);
      break;
    case XML_FIELD_AUTHOR:
    case XML_FIELD_CREATOR:
      add_person (item->authors, item->author_urls, text, NULL);
      g_free (text);
      break;
    case XML_FIELD_CATEGORY:
      g_strstrip (text);
      if (text[0] != '\0')
        chronicle_xml_add_unique (item->tags, text);
      g_free (text);
      break;
    case XML_FIELD_LANGUAGE:
      set_string (&item->language, g_strstrip (text));
      break;
    case XML_FIELD_DURATION:
      set_string (&item->duration, text);
      break;
    default:
      g_free (text);
      break;
    }
}

/* Where a field's text goes, once the element is closed; and what an
 * element that opened a context leaves when it closes. */
void
chronicle_xml_end_field (XmlReader *reader,
                         XmlFrame  *frame,
                         char      *text)
{
  XmlContext parent = reader->stack->len > 1
                      ? g_array_index (reader->stack, XmlFrame, reader->stack->len - 2).context
                      : XML_CONTEXT_DOCUMENT;

  if (text != NULL && frame->base64)
    {
      gsize length;
      guchar *decoded = g_base64_decode (g_strstrip (text), &length);

      /* A picture or a document is no text to show. */
      g_free (text);
      text = g_utf8_validate_len ((const char *) decoded, length, NULL) && memchr (decoded, '\0', length) == NULL
             ? g_strndup ((const char *) decoded, length) : NULL;
      g_free (decoded);
    }

  if (text != NULL)
    {
      switch (frame->context)
        {
        case XML_CONTEXT_FEED:
        case XML_CONTEXT_IMAGE:
          end_feed_field (reader, frame, text);
          break;
        case XML_CONTEXT_ITEM:
        case XML_CONTEXT_MEDIA_GROUP:
          if (reader->item != NULL)
            end_item_field (reader, frame, text);
          else
            g_free (text);
          break;
        case XML_CONTEXT_AUTHOR:
          if (frame->field == XML_FIELD_AUTHOR_NAME)
            set_string (&reader->author_name, g_strstrip (text));
          else if (frame->field == XML_FIELD_AUTHOR_EMAIL)
            set_string (&reader->author_email, g_strstrip (text));
          else if (frame->field == XML_FIELD_AUTHOR_URI)
            {
              set_string (&reader->author_uri, chronicle_xml_resolve (reader, text));
              g_free (text);
            }
          else
            g_free (text);
          break;
        default:
          g_free (text);
          break;
        }
    }

  if (reader->item != NULL && reader->item->frame == (guint) (frame - (XmlFrame *) (gpointer) reader->stack->data))
    {
      chronicle_xml_finish_item (reader);
      return;
    }

  if (frame->context == parent)
    return;

  if (frame->context == XML_CONTEXT_AUTHOR)
    end_author (reader);
  else if (frame->context == XML_CONTEXT_FEED)
    chronicle_xml_check_feed (reader, frame);
}

void
chronicle_xml_item_free (XmlItem *item)
{
  g_free (item->path);
  g_free (item->base);
  g_free (item->content_base);
  g_free (item->lang);
  g_free (item->title);
  g_free (item->title_type);
  g_free (item->link);
  g_free (item->alternate);
  g_free (item->guid);
  g_free (item->about);
  g_free (item->id);
  g_free (item->description);
  g_free (item->content);
  g_free (item->atom_content);
  g_free (item->atom_content_type);
  g_free (item->content_src);
  g_free (item->summary);
  g_free (item->summary_type);
  g_free (item->published.text);
  g_free (item->published.path);
  g_free (item->updated.text);
  g_free (item->updated.path);
  g_free (item->dc_date.text);
  g_free (item->dc_date.path);
  g_ptr_array_unref (item->authors);
  g_ptr_array_unref (item->author_urls);
  g_ptr_array_unref (item->tags);
  g_ptr_array_unref (item->attachments);
  g_free (item->duration);
  g_free (item->thumbnail);
  g_free (item->image);
  g_free (item->language);
  g_free (item);
}
