/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "chronicle-document.h"
#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-parser-private.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-json-reader.h"
#include "chronicle-json-scan.h"

/* Reads JSON Feed 1 and 1.1 (https://jsonfeed.org/version/1.1) with the
 * `_chronicle` extension.  Real feeds bend the spec; what can be read with
 * confidence is read and reported as a warning, what cannot is an error.
 * Problems are collected with their JSON path; their place in the text is
 * looked up only when there are any, so clean files cost nothing extra. */

static char *
get_id (ChronicleJsonReader     *parser,
        JsonObject *object,
        const char *prefix)
{
  JsonNode *node = json_object_get_member (object, "id");
  g_autofree char *path = chronicle_json_member_path (prefix, "id");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, prefix, _("the item has no “id”"));
      return NULL;
    }

  if (chronicle_json_is_string (node))
    {
      if (json_node_get_string (node)[0] == '\0')
        {
          chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, path, _("the “id” is empty"));
          return NULL;
        }
      return g_strdup (json_node_get_string (node));
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, path,
              _("the “id” is a number; JSON Feed asks for a string"));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  chronicle_json_reader_report_type (parser, prefix, "id", _("a string"), node);
  return NULL;
}

static void
parse_extension (ChronicleJsonReader        *parser,
                 JsonObject    *object,
                 const char    *prefix,
                 ChronicleItem *item)
{
  JsonNode *node = json_object_get_member (object, "_chronicle");
  g_autofree char *path = NULL;
  JsonObject *extension;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (parser, prefix, "_chronicle", _("an object"), node);
      return;
    }

  path = chronicle_json_member_path (prefix, "_chronicle");
  extension = json_node_get_object (node);
  item->story = chronicle_json_reader_get_string (parser, extension, path, "story");
  item->translated_from = chronicle_json_reader_get_string (parser, extension, path, "translated_from");
  item->source = chronicle_json_reader_get_string (parser, extension, path, "source");
}

ChronicleItem *
chronicle_feed_read_item (ChronicleJsonReader *parser,
                          JsonNode            *node,
                          const char          *prefix)
{
  g_autoptr(ChronicleItem) item = NULL;
  JsonObject *object;
  guint errors_before = parser->n_errors;
  gboolean has_time;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, prefix, _("expected %s, found %s"),
              _("an object"), chronicle_json_describe (node));
      return NULL;
    }

  object = json_node_get_object (node);
  chronicle_json_reader_repair_names (parser, object, prefix);

  item = chronicle_item_new ();
  item->id = get_id (parser, object, prefix);
  item->url = chronicle_json_reader_get_url (parser, object, prefix, "url");
  item->external_url = chronicle_json_reader_get_url (parser, object, prefix, "external_url");
  item->title = chronicle_json_reader_get_string (parser, object, prefix, "title");
  item->summary = chronicle_json_reader_get_string (parser, object, prefix, "summary");
  item->content_html = chronicle_json_reader_get_string (parser, object, prefix, "content_html");
  item->content_text = chronicle_json_reader_get_string (parser, object, prefix, "content_text");
  item->image = chronicle_json_reader_get_url (parser, object, prefix, "image");
  item->date_published = chronicle_json_reader_get_date (parser, object, prefix, "date_published", &has_time);
  item->has_time = has_time;
  item->date_modified = chronicle_json_reader_get_date (parser, object, prefix, "date_modified", &has_time);
  item->authors = chronicle_json_reader_get_authors (parser, object, prefix);
  item->tags = chronicle_json_reader_get_strv (parser, object, prefix, "tags");
  item->language = chronicle_json_reader_get_string (parser, object, prefix, "language");
  if (item->language == NULL && parser->language != NULL)
    item->language = g_strdup (parser->language);
  parse_extension (parser, object, prefix, item);

  if (item->summary != NULL && chronicle_html_looks_like_markup (item->summary))
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "summary");

      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, path,
              _("the summary contains HTML; it is shown as plain text"));
    }

  if (item->content_html == NULL && item->content_text == NULL)
    chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, prefix,
            _("the item has neither “content_html” nor “content_text”"));

  /* Links inside the body are relative to the article, else to the feed. */
  item->base_url = g_strdup (item->url != NULL && chronicle_url_is_absolute (item->url)
                             ? item->url : parser->base_url);

  if (parser->n_errors > errors_before)
    return NULL;

  return g_steal_pointer (&item);
}

/* In file order: of items with the same id, the first one stays.
 * @converted holds the items from the last to the first, and @indices
 * their places in the array. */
void
chronicle_feed_keep_first_ids (ChronicleJsonReader *parser,
                               ChronicleFeed       *feed,
                               GPtrArray           *converted,
                               GArray              *indices)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = converted->len; k > 0; k--)
    {
      ChronicleItem *item = g_ptr_array_index (converted, k - 1);

      /* Checked before adding: g_hash_table_add() would replace the key
       * with this item's id, which is freed with the item. */
      if (g_hash_table_contains (ids, item->id))
        {
          g_autofree char *prefix = g_strdup_printf ("items[%u]", g_array_index (indices, guint, k - 1));
          g_autofree char *path = chronicle_json_member_path (prefix, "id");

          chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, path,
                  /* Translators: %s is an article's id */
                  _("another item already has the id “%s”; this one is left out"), item->id);
          g_object_unref (item);
          continue;
        }

      g_hash_table_add (ids, item->id);
      g_ptr_array_add (feed->items, item);
    }
}

static void
parse_items (ChronicleJsonReader        *parser,
             JsonArray     *items,
             ChronicleFeed *feed)
{
  g_autoptr(GPtrArray) converted = NULL;
  g_autoptr(GArray) indices = NULL;
  guint n = json_array_get_length (items);

  g_ptr_array_set_size (feed->items, 0);
  converted = g_ptr_array_new_full (n, NULL);
  indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  /* From the last item to the first, each element is dropped from the JSON
   * tree once it is read: its strings are copied into the item, and the
   * tree shrinks as the items grow, so that a large file does not need
   * room for both at once. */
  for (guint i = n; i > 0; i--)
    {
      char prefix[32];
      ChronicleItem *item;

      g_snprintf (prefix, sizeof prefix, "items[%u]", i - 1);
      item = chronicle_feed_read_item (parser, json_array_get_element (items, i - 1), prefix);
      json_array_remove_element (items, i - 1);
      if (item == NULL)
        continue;

      g_ptr_array_add (converted, item);
      g_array_append_val (indices, (guint) { i - 1 });
    }

  chronicle_feed_keep_first_ids (parser, feed, converted, indices);
}

void
chronicle_feed_read_extension (ChronicleJsonReader *parser,
                               JsonObject          *root,
                               ChronicleFeed       *feed)
{
  JsonNode *node = json_object_get_member (root, "_chronicle");
  JsonNode *timeline;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (parser, NULL, "_chronicle", _("an object"), node);
      return;
    }

  timeline = json_object_get_member (json_node_get_object (node), "timeline");
  if (timeline == NULL || JSON_NODE_HOLDS_NULL (timeline))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (timeline))
    {
      chronicle_json_reader_report_type (parser, "_chronicle", "timeline", _("an array"), timeline);
      return;
    }

  /* Bad events are reported as errors but only they are skipped: the rest
   * of the timeline and the articles still load. */
  chronicle_events_parse (json_node_get_array (timeline), "_chronicle.timeline",
                          feed->events, parser->diagnostics);
}

static gboolean
check_version (ChronicleJsonReader      *parser,
               JsonObject  *root,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "version");
  const char *version;

  if (node == NULL || !chronicle_json_is_string (node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                   _("the file is JSON, but not a JSON Feed: it has no “version” naming jsonfeed.org"));
      return FALSE;
    }

  version = json_node_get_string (node);
  if (g_str_has_prefix (version, "http://jsonfeed.org/version/"))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, "version",
              _("the version URL should start with https://"));
      version += strlen ("http://");
    }
  else if (g_str_has_prefix (version, "https://"))
    version += strlen ("https://");
  else
    version = "";

  if (!g_str_has_prefix (version, "jsonfeed.org/version/"))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                   /* Translators: %s is the value of the file's "version" member */
                   _("the file is JSON, but not a JSON Feed: its version “%s” is not a jsonfeed.org version"),
                   json_node_get_string (node));
      return FALSE;
    }

  version += strlen ("jsonfeed.org/version/");
  parser->version_1 = g_str_equal (version, "1");
  if (!parser->version_1 && !g_str_equal (version, "1.1"))
    chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, "version",
            /* Translators: %s is a version number such as "2" */
            _("JSON Feed version “%s” is unknown; read as version 1.1"), version);

  return TRUE;
}

static const char *
absolute_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *url;

  if (node == NULL || !chronicle_json_is_string (node))
    return NULL;

  url = json_node_get_string (node);
  return chronicle_url_is_absolute (url) ? url : NULL;
}

/* Everything of the root but its items and extension; @items is set to
 * the items array. */
ChronicleFeed *
chronicle_feed_read_head (ChronicleJsonReader  *parser,
                          JsonNode             *root_node,
                          JsonArray           **items_array,
                          GError              **error)
{
  g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
  JsonObject *root;
  JsonNode *items;

  if (root_node == NULL)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                   /* Translators: %s is a JSON type, such as "an array" */
                   _("the file is JSON, but not a JSON Feed: its top level is %s, not an object"),
                   chronicle_json_describe (root_node));
      return NULL;
    }

  root = json_node_get_object (root_node);
  chronicle_json_reader_repair_names (parser, root, NULL);

  if (!check_version (parser, root, error))
    return NULL;

  items = json_object_get_member (root, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED,
                   _("the file is not a JSON Feed: it has no “items” array"));
      return NULL;
    }

  feed->version = chronicle_json_reader_get_string (parser, root, NULL, "version");
  feed->title = chronicle_json_reader_get_string (parser, root, NULL, "title");
  if (feed->title == NULL)
    chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, NULL, _("the feed has no “title”"));
  feed->description = chronicle_json_reader_get_string (parser, root, NULL, "description");
  feed->language = chronicle_json_reader_get_string (parser, root, NULL, "language");
  parser->language = feed->language;

  /* Relative URLs are resolved against the feed's own address: its home
   * page, else its feed URL, whichever is absolute, as written.  The base
   * points into the JSON tree, which outlives the parse. */
  parser->base_url = absolute_member (root, "home_page_url");
  if (parser->base_url == NULL)
    parser->base_url = absolute_member (root, "feed_url");

  feed->home_page_url = chronicle_json_reader_get_url (parser, root, NULL, "home_page_url");
  feed->feed_url = chronicle_json_reader_get_url (parser, root, NULL, "feed_url");

  feed->icon = chronicle_json_reader_get_url (parser, root, NULL, "icon");
  feed->authors = chronicle_json_reader_get_authors (parser, root, NULL);

  *items_array = json_node_get_array (items);
  return g_steal_pointer (&feed);
}

static ChronicleFeed *
parse_root (ChronicleJsonReader  *parser,
            JsonNode             *root_node,
            GError              **error)
{
  ChronicleFeed *feed;
  JsonArray *items;

  feed = chronicle_feed_read_head (parser, root_node, &items, error);
  if (feed == NULL)
    return NULL;

  parse_items (parser, items, feed);
  chronicle_feed_read_extension (parser, json_node_get_object (root_node), feed);
  return feed;
}

/* json-glib says "<data>:LINE:COL: Parse error: MESSAGE"; keep the position
 * and the message. */
static void
report_syntax_error (GPtrArray  *diagnostics,
                     GError     *json_error)
{
  ChronicleDiagnostic *diagnostic;
  const char *message = json_error->message;
  guint line = 0, column = 0;
  int consumed = 0;
  const char *colon = strstr (message, ">:");

  if (colon != NULL && sscanf (colon + 2, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    message = colon + 2 + consumed;
  if (g_str_has_prefix (message, "Parse error: "))
    message += strlen ("Parse error: ");

  diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL, message);
  diagnostic->line = line;
  diagnostic->column = column;
  g_ptr_array_add (diagnostics, diagnostic);
}

static void
locate_diagnostics (GPtrArray  *diagnostics,
                    guint       first,
                    const char *data,
                    gsize       length)
{
  for (guint i = first; i < diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->line == 0)
        chronicle_json_locate (data, length, diagnostic->path != NULL ? diagnostic->path : "",
                               &diagnostic->line, &diagnostic->column);
    }
}

static void
set_error_from_diagnostic (GError                   **error,
                           int                        code,
                           const ChronicleDiagnostic *diagnostic)
{
  g_autofree char *text = chronicle_diagnostic_to_string (diagnostic, NULL);
  const char *message = text;

  /* The error is shown in a window: drop the tool-style "error: " word. */
  if (strstr (message, "error: ") != NULL)
    {
      g_autofree char *position = g_strndup (message, strstr (message, "error: ") - message);
      g_set_error (error, CHRONICLE_ERROR, code, "%s%s", position, strstr (message, "error: ") + 7);
      return;
    }

  g_set_error_literal (error, CHRONICLE_ERROR, code, message);
}

/* The error that comes first in the file, outside the timeline (whose
 * errors only leave events out). */
static const ChronicleDiagnostic *
first_fatal_error (GPtrArray *diagnostics,
                   guint      first)
{
  const ChronicleDiagnostic *found = NULL;

  for (guint i = first; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity != CHRONICLE_SEVERITY_ERROR ||
          (diagnostic->path != NULL && g_str_has_prefix (diagnostic->path, "_chronicle.timeline")))
        continue;

      if (found == NULL || diagnostic->line < found->line ||
          (diagnostic->line == found->line && diagnostic->column < found->column))
        found = diagnostic;
    }

  return found;
}

static ChronicleFeed *parse_bytes (GBytes     *bytes,
                                   gboolean    in_parts,
                                   GFile      *discard_from,
                                   GPtrArray  *diagnostics,
                                   GError    **error);

/* Where the text of @file was given back while it was read: a file that
 * could not be read is read again the usual way, which reports what is
 * wrong, and the warnings of a @feed that could are placed in it. */
static ChronicleFeed *
read_again (GFile          *file,
            ChronicleFeed  *feed,
            GPtrArray      *diagnostics,
            guint           first,
            GError        **error)
{
  g_autoptr(ChronicleFeed) parsed = feed;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) again = g_file_load_bytes (file, NULL, NULL, &local_error);
  const char *data;
  gsize length;

  if (parsed == NULL && again == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (parsed == NULL)
    return parse_bytes (again, FALSE, NULL, diagnostics, error);

  /* Without the text, the warnings go without their place. */
  if (again != NULL)
    {
      data = g_bytes_get_data (again, &length);
      locate_diagnostics (diagnostics, first, data, length);
    }
  return g_steal_pointer (&parsed);
}

/* Reads @bytes; with @discard_from, their text may be given back on the
 * way and read again from that file where it is needed. */
static ChronicleFeed *
parse_bytes (GBytes     *bytes,
             gboolean    in_parts,
             GFile      *discard_from,
             GPtrArray  *diagnostics,
             GError    **error)
{
  g_autoptr(GPtrArray) own_diagnostics = NULL;
  g_autoptr(JsonParser) json = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  const ChronicleDiagnostic *fatal;
  ChronicleJsonReader parser = { 0 };
  gboolean discarded = FALSE;
  const char *data;
  gsize length;
  guint first;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (diagnostics == NULL)
    diagnostics = own_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);

  parser.diagnostics = diagnostics;
  first = diagnostics->len;
  data = g_bytes_get_data (bytes, &length);

  if (in_parts)
    feed = chronicle_feed_parse_in_parts (data, length, G_MAXUINT, diagnostics, discard_from != NULL, &discarded);

  if (discarded && (feed == NULL || diagnostics->len > first))
    return read_again (discard_from, g_steal_pointer (&feed), diagnostics, first, error);

  if (feed != NULL)
    {
      if (diagnostics->len > first)
        locate_diagnostics (diagnostics, first, data, length);
      return g_steal_pointer (&feed);
    }

  if (!chronicle_json_scan (data, length, CHRONICLE_JSON_MAX_DEPTH, &local_error))
    {
      ChronicleDiagnostic *diagnostic;
      guint line = 0, column = 0;
      int consumed = 0;
      const char *message = local_error->message;

      if (sscanf (message, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        message += consumed;
      diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL, message);
      diagnostic->line = line;
      diagnostic->column = column;
      g_ptr_array_add (diagnostics, diagnostic);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Not an immutable parser: json-glib 1.10 aborts on an assertion when an
   * immutable parser reads a value followed by another (found by fuzzing:
   * tests/test-hostile.c, /hostile/json/two-roots). */
  json = json_parser_new ();
  if (!json_parser_load_from_data (json, length > 0 ? data : "", length, &local_error))
    {
      report_syntax_error (diagnostics, local_error);
      set_error_from_diagnostic (error, CHRONICLE_ERROR_SYNTAX, g_ptr_array_index (diagnostics, diagnostics->len - 1));
      return NULL;
    }

  feed = parse_root (&parser, json_parser_get_root (json), &local_error);
  if (feed == NULL)
    {
      ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL,
                                                                  local_error->message);
      diagnostic->line = 1;
      diagnostic->column = 1;
      g_ptr_array_add (diagnostics, diagnostic);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (diagnostics->len > first)
    locate_diagnostics (diagnostics, first, data, length);

  fatal = first_fatal_error (diagnostics, first);
  if (fatal != NULL)
    {
      set_error_from_diagnostic (error, CHRONICLE_ERROR_INVALID, fatal);
      return NULL;
    }

  return g_steal_pointer (&feed);
}

/**
 * chronicle_feed_parse:
 * @bytes: the contents of a collection file
 * @diagnostics: (element-type ChronicleDiagnostic) (nullable): where to add
 *   every problem found, with its position
 *
 * Reads a JSON Feed.  A file with errors gives no feed: the first error is
 * set in @error (with its line, column and JSON path) and all of them are
 * added to @diagnostics.  Timeline events with errors are the exception:
 * they are left out, reported, and the rest of the feed is returned.
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_parse (GBytes     *bytes,
                      GPtrArray  *diagnostics,
                      GError    **error)
{
  return chronicle_feed_parse_full (bytes, TRUE, diagnostics, error);
}

/**
 * chronicle_feed_parse_full:
 * @in_parts: whether to try reading the feed in parts first
 *
 * chronicle_feed_parse(), and without @in_parts the way that reads the
 * whole file into one tree; the tests compare the two.
 */
ChronicleFeed *
chronicle_feed_parse_full (GBytes     *bytes,
                           gboolean    in_parts,
                           GPtrArray  *diagnostics,
                           GError    **error)
{
  return parse_bytes (bytes, in_parts, NULL, diagnostics, error);
}

/**
 * chronicle_feed_parse_consuming:
 * @bytes: the contents of @file, which no one else reads
 * @file: where @bytes come from
 *
 * chronicle_feed_parse() for large files: the text of each item is given
 * back to the system once it is read, so that the whole text and all the
 * items are never held at once.  @bytes must not be read afterwards.
 * Where the text is needed again, to place warnings or to report what is
 * wrong, @file is read again (a file changed in between is read as it is
 * then).
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_parse_consuming (GBytes     *bytes,
                                GFile      *file,
                                GPtrArray  *diagnostics,
                                GError    **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return parse_bytes (bytes, TRUE, file, diagnostics, error);
}

/**
 * chronicle_feed_load_file:
 *
 * Reads and parses @file, refusing files above %CHRONICLE_FEED_MAX_SIZE
 * before reading them.
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_load_file (GFile         *file,
                          GPtrArray     *diagnostics,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder, not a file"));
      return NULL;
    }

  if ((guint64) g_file_info_get_size (info) > CHRONICLE_FEED_MAX_SIZE)
    {
      g_autofree char *size = g_format_size_full ((guint64) g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (CHRONICLE_FEED_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE,
                   /* Translators: %1$s is the file's size, %2$s the limit, such as "512.0 MB" */
                   _("the file is %1$s; Chronicle opens collections of up to %2$s"), size, limit);
      if (diagnostics != NULL)
        g_ptr_array_add (diagnostics, chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL, (*error)->message));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return chronicle_feed_parse_consuming (bytes, file, diagnostics, error);
}
