/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed-export"

#include "config.h"

#include <json-glib/json-glib.h>

#include "chronicle-feed-export.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"

/* What Chronicle read of feeds, written back as one JSON Feed 1.1
 * document: to convert a feed, to see exactly what was understood, and to
 * test the parsers end to end.  Members in a fixed order, absent ones left
 * out, dates in RFC 3339 at UTC. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  utc = g_date_time_to_utc (date);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  add_string (builder, name, text);
}

static void
add_authors (JsonBuilder        *builder,
             const char * const *names,
             const char * const *urls)
{
  if (names == NULL || names[0] == NULL)
    return;

  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", names[i]);
      if (urls != NULL)
        add_string (builder, "url", urls[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_attachments (JsonBuilder *builder,
                 GPtrArray   *attachments)
{
  if (attachments == NULL || attachments->len == 0)
    return;

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attachments->len; i++)
    {
      const ChronicleAttachment *attachment = g_ptr_array_index (attachments, i);

      json_builder_begin_object (builder);
      add_string (builder, "url", attachment->url);
      add_string (builder, "mime_type", attachment->mime_type);
      add_string (builder, "title", attachment->title);
      if (attachment->size > 0)
        {
          json_builder_set_member_name (builder, "size_in_bytes");
          json_builder_add_int_value (builder, (gint64) MIN (attachment->size, (guint64) G_MAXINT64));
        }
      if (attachment->duration > 0)
        {
          json_builder_set_member_name (builder, "duration_in_seconds");
          json_builder_add_int_value (builder, (gint64) MIN (attachment->duration, (guint64) G_MAXINT64));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_item (JsonBuilder   *builder,
          ChronicleItem *item)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", item->id);
  add_string (builder, "url", item->url);
  add_string (builder, "external_url", item->external_url);
  add_string (builder, "title", item->title);
  if (item->content_html != NULL)
    {
      g_autofree char *resolved = chronicle_html_resolve_urls (item->content_html, item->base_url);

      add_string (builder, "content_html", resolved != NULL ? resolved : item->content_html);
    }
  else
    add_string (builder, "content_text", item->content_text);
  add_string (builder, "summary", item->summary);
  add_string (builder, "image", item->image);
  add_date (builder, "date_published", item->date_published);
  add_date (builder, "date_modified", item->date_modified);
  add_authors (builder, (const char * const *) item->authors, (const char * const *) item->author_urls);

  if (item->tags != NULL && item->tags[0] != NULL)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; item->tags[i] != NULL; i++)
        json_builder_add_string_value (builder, item->tags[i]);
      json_builder_end_array (builder);
    }

  add_string (builder, "language", item->language);
  add_attachments (builder, item->attachments);
  json_builder_end_object (builder);
}

/**
 * chronicle_feed_export:
 * @feeds: (element-type ChronicleFeed): what was read, the first one giving
 *   the document its title and the rest of its own data
 *
 * Returns: (transfer full): a JSON Feed 1.1 document, ending in a newline
 */
char *
chronicle_feed_export (GPtrArray *feeds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  ChronicleFeed *first = feeds->len > 0 ? g_ptr_array_index (feeds, 0) : NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "version", "https://jsonfeed.org/version/1.1");
  if (first != NULL)
    {
      add_string (builder, "title", first->title);
      add_string (builder, "home_page_url", first->home_page_url);
      add_string (builder, "feed_url", first->feed_url);
      add_string (builder, "description", first->description);
      add_string (builder, "icon", first->icon);
      add_string (builder, "language", first->language);
      add_authors (builder, (const char * const *) first->authors, NULL);
    }

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint f = 0; f < feeds->len; f++)
    {
      ChronicleFeed *feed = g_ptr_array_index (feeds, f);

      for (guint i = 0; i < feed->items->len; i++)
        add_item (builder, g_ptr_array_index (feed->items, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}
