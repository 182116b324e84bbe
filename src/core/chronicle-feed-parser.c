/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed-parser"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "chronicle-document.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-parser-private.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-json-reader.h"
#include "chronicle-json-scan.h"
#include "chronicle-xml-decode.h"
#include "chronicle-xml-feed.h"

/* Reads JSON Feed 1 and 1.1 (https://jsonfeed.org/version/1.1) with the
 * `_chronicle` extension.  Real feeds bend the spec; what can be read with
 * confidence is read and reported as a warning, what cannot is an error.
 * Problems are collected with their JSON path; their place in the text is
 * looked up only when there are any, so clean files cost nothing extra. */

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* An item without a usable id gets its address, else a hash. */
static char *
stand_in_id (ChronicleItem   *item,
             ChronicleRemedy *remedy)
{
  *remedy = has_text (item->url) ? CHRONICLE_REMEDY_ID_FROM_URL : CHRONICLE_REMEDY_ID_MADE;
  return chronicle_item_dup_stand_in_id (item);
}

/* JSON Feed asks for a string; a whole number is read as one, with a
 * warning, and an item without a usable id gets a stand-in. */
static char *
read_id (ChronicleJsonReader *parser,
         JsonObject          *object,
         const char          *prefix,
         ChronicleItem       *item)
{
  JsonNode *node = json_object_get_member (object, "id");
  g_autofree char *path = chronicle_json_member_path (prefix, "id");
  ChronicleDiagnostic *diagnostic;
  ChronicleRemedy remedy;
  char *id;

  if (node != NULL && chronicle_json_is_string (node) && json_node_get_string (node)[0] != '\0')
    return g_strdup (json_node_get_string (node));

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_ITEM_NUMERIC_ID, path);
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  id = stand_in_id (item, &remedy);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    diagnostic = chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ITEM_NO_ID, prefix);
  else if (chronicle_json_is_string (node))
    diagnostic = chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ITEM_EMPTY_ID, path);
  else
    {
      chronicle_json_reader_report_type (parser, prefix, "id", CHRONICLE_JSON_KIND_STRING, node, remedy);
      return id;
    }

  diagnostic->remedy = remedy;
  return id;
}

static void
parse_extension (ChronicleJsonReader        *parser,
                 JsonObject    *object,
                 const char    *prefix,
                 ChronicleItem *item)
{
  JsonNode *node = json_object_get_member (object, "_chronicle");
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  JsonObject *extension;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (parser, prefix, "_chronicle", CHRONICLE_JSON_KIND_OBJECT, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return;
    }

  path = chronicle_json_member_path (prefix, "_chronicle");
  extension = json_node_get_object (node);
  item->story = chronicle_json_reader_get_string (parser, extension, path, "story");
  item->translated_from = chronicle_json_reader_get_string (parser, extension, path, "translated_from");
  source = chronicle_json_reader_get_string (parser, extension, path, "source");
  if (source != NULL)
    item->source = g_ref_string_new (source);
}

static guint64
read_count (ChronicleJsonReader *parser,
            JsonObject          *object,
            const char          *prefix,
            const char          *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    return json_node_get_int (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE && json_node_get_double (node) >= 0)
    return (guint64) json_node_get_double (node);

  chronicle_json_reader_report_type (parser, prefix, name, CHRONICLE_JSON_KIND_WHOLE_NUMBER, node,
                                     CHRONICLE_REMEDY_IGNORED);
  return 0;
}

/* "attachments": files that come with the item, each with a "url". */
static GPtrArray *
read_attachments (ChronicleJsonReader *parser,
                  JsonObject          *object,
                  const char          *prefix)
{
  JsonNode *node = json_object_get_member (object, "attachments");
  g_autofree char *base = chronicle_json_member_path (prefix, "attachments");
  g_autoptr(GPtrArray) attachments = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      chronicle_json_reader_report_type (parser, prefix, "attachments", CHRONICLE_JSON_KIND_ARRAY, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return NULL;
    }

  attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_attachment_free);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", base, i);
      g_autofree char *url = NULL;
      JsonObject *attachment_object;
      ChronicleAttachment *attachment;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          chronicle_json_reader_report_type (parser, path, NULL, CHRONICLE_JSON_KIND_OBJECT, element,
                                             CHRONICLE_REMEDY_IGNORED);
          continue;
        }

      attachment_object = json_node_get_object (element);
      url = chronicle_json_reader_get_url (parser, attachment_object, path, "url");
      if (url == NULL)
        {
          chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ATTACHMENT_NO_URL, path);
          continue;
        }

      attachment = chronicle_attachment_new (url);
      attachment->mime_type = chronicle_json_reader_get_string (parser, attachment_object, path, "mime_type");
      attachment->title = chronicle_json_reader_get_string (parser, attachment_object, path, "title");
      attachment->size = read_count (parser, attachment_object, path, "size_in_bytes");
      attachment->duration = read_count (parser, attachment_object, path, "duration_in_seconds");
      g_ptr_array_add (attachments, attachment);
    }

  return attachments->len > 0 ? g_steal_pointer (&attachments) : NULL;
}

/* Reads what can be read of an item: a value of the wrong type is reported
 * and ignored.  An item is left out only when it is not an object or has
 * nothing to show. */
ChronicleItem *
chronicle_feed_read_item (ChronicleJsonReader *parser,
                          JsonNode            *node,
                          const char          *prefix)
{
  g_autoptr(ChronicleItem) item = NULL;
  JsonObject *object;
  gboolean has_time;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (parser, prefix, NULL, CHRONICLE_JSON_KIND_OBJECT, node,
                                         CHRONICLE_REMEDY_ITEM_LEFT_OUT);
      return NULL;
    }

  object = json_node_get_object (node);
  chronicle_json_reader_repair_names (parser, object, prefix);

  item = chronicle_item_new ();
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
  item->attachments = read_attachments (parser, object, prefix);
  item->language = chronicle_json_reader_get_string (parser, object, prefix, "language");
  if (item->language == NULL && parser->language != NULL)
    item->language = g_strdup (parser->language);
  parse_extension (parser, object, prefix, item);

  if (!chronicle_item_can_be_shown (item))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ITEM_NOTHING_TO_SHOW,
                                    prefix)->remedy = CHRONICLE_REMEDY_ITEM_LEFT_OUT;
      return NULL;
    }

  item->id = read_id (parser, object, prefix, item);

  if (item->summary != NULL && chronicle_html_looks_like_markup (item->summary))
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "summary");

      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_SUMMARY_HTML, path);
    }

  if (item->content_html == NULL && item->content_text == NULL)
    chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_NO_CONTENT, prefix);

  /* Links inside the body are relative to the article, else to the feed. */
  item->base_url = g_strdup (item->url != NULL && chronicle_url_is_absolute (item->url)
                             ? item->url : parser->base_url);

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

          chronicle_json_reader_report_text (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID,
                                             path, item->id, NULL);
          feed->n_items_left_out++;
          g_object_unref (item);
          continue;
        }

      g_hash_table_add (ids, item->id);
      g_ptr_array_add (feed->items, item);
    }
}

static void
parse_items (ChronicleJsonReader *parser,
             JsonArray           *items,
             ChronicleFeed       *feed)
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
        {
          feed->n_items_left_out++;
          continue;
        }

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
      chronicle_json_reader_report_type (parser, NULL, "_chronicle", CHRONICLE_JSON_KIND_OBJECT, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return;
    }

  timeline = json_object_get_member (json_node_get_object (node), "timeline");
  if (timeline == NULL || JSON_NODE_HOLDS_NULL (timeline))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (timeline))
    {
      chronicle_json_reader_report_type (parser, "_chronicle", "timeline", CHRONICLE_JSON_KIND_ARRAY, timeline,
                                         CHRONICLE_REMEDY_IGNORED);
      return;
    }

  /* Bad events are reported as errors but only they are left out: the
   * rest of the timeline and the articles still load. */
  feed->n_events_left_out = chronicle_events_parse (json_node_get_array (timeline), "_chronicle.timeline",
                                                    feed->events, parser->diagnostics);
}

static void
report_fatal (ChronicleJsonReader *parser,
              ChronicleProblem     problem,
              const char          *path,
              const char          *text)
{
  chronicle_json_reader_report_text (parser, CHRONICLE_SEVERITY_ERROR, problem, path, text, NULL);
}

static gboolean
check_version (ChronicleJsonReader *parser,
               JsonObject          *root)
{
  JsonNode *node = json_object_get_member (root, "version");
  const char *version;

  if (node == NULL || !chronicle_json_is_string (node))
    {
      report_fatal (parser, CHRONICLE_PROBLEM_NO_VERSION, NULL, NULL);
      return FALSE;
    }

  version = json_node_get_string (node);
  if (g_str_has_prefix (version, "http://jsonfeed.org/version/"))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_VERSION_HTTP, "version");
      version += strlen ("http://");
    }
  else if (g_str_has_prefix (version, "https://"))
    version += strlen ("https://");
  else
    version = "";

  if (!g_str_has_prefix (version, "jsonfeed.org/version/"))
    {
      JsonNode *items = json_object_get_member (root, "items");

      /* A feed that gives its version as a number ("1", "1.0") is
       * still a feed, when it has the items of one. */
      if (items != NULL && JSON_NODE_HOLDS_ARRAY (items) &&
          (g_str_equal (json_node_get_string (node), "1") || g_str_has_prefix (json_node_get_string (node), "1.")))
        {
          version = json_node_get_string (node);
          parser->version_1 = FALSE;
          chronicle_json_reader_report_text (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_VERSION_UNKNOWN,
                                             "version", version, NULL);
          return TRUE;
        }
      report_fatal (parser, CHRONICLE_PROBLEM_NOT_JSON_FEED_VERSION, "version", json_node_get_string (node));
      return FALSE;
    }

  version += strlen ("jsonfeed.org/version/");
  parser->version_1 = g_str_equal (version, "1");
  if (!parser->version_1 && !g_str_equal (version, "1.1"))
    chronicle_json_reader_report_text (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_VERSION_UNKNOWN,
                                       "version", version, NULL);

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
 * the items array.  A root that is not a JSON Feed is reported, and
 * gives no feed. */
ChronicleFeed *
chronicle_feed_read_head (ChronicleJsonReader  *parser,
                          JsonNode             *root_node,
                          JsonArray           **items_array)
{
  g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
  JsonObject *root;
  JsonNode *items;

  if (root_node == NULL)
    {
      report_fatal (parser, CHRONICLE_PROBLEM_FILE_EMPTY, NULL, NULL);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_ROOT_NOT_OBJECT,
                                    NULL)->found = chronicle_json_kind_of (root_node);
      return NULL;
    }

  root = json_node_get_object (root_node);
  chronicle_json_reader_repair_names (parser, root, NULL);

  if (!check_version (parser, root))
    return NULL;

  items = json_object_get_member (root, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      report_fatal (parser, CHRONICLE_PROBLEM_NO_ITEMS, items != NULL ? "items" : NULL, NULL);
      return NULL;
    }

  feed->version = chronicle_json_reader_get_string (parser, root, NULL, "version");
  feed->title = chronicle_json_reader_get_string (parser, root, NULL, "title");
  if (feed->title == NULL)
    chronicle_json_reader_report (parser, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_NO_TITLE, NULL);
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
parse_root (ChronicleJsonReader *parser,
            JsonNode            *root_node)
{
  ChronicleFeed *feed;
  JsonArray *items;

  feed = chronicle_feed_read_head (parser, root_node, &items);
  if (feed == NULL)
    return NULL;

  parse_items (parser, items, feed);
  chronicle_feed_read_extension (parser, json_node_get_object (root_node), feed);
  return feed;
}

static ChronicleFeed *parse_bytes (GBytes     *bytes,
                                   gboolean    in_parts,
                                   GFile      *discard_from,
                                   GPtrArray  *diagnostics);

static void
add_file_problem (GPtrArray        *diagnostics,
                  ChronicleProblem  problem,
                  const char       *reason)
{
  ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, problem, NULL);

  diagnostic->text = g_strdup (reason);
  g_ptr_array_add (diagnostics, diagnostic);
}

/**
 * chronicle_feed_add_read_error:
 * @error: why a file could not be read, from GIO
 *
 * Adds the problem that a file could not be read, with the system's
 * reason (which GIO has worded already).
 */
void
chronicle_feed_add_read_error (GPtrArray    *diagnostics,
                               const GError *error)
{
  add_file_problem (diagnostics, CHRONICLE_PROBLEM_FILE_UNREADABLE, error->message);
}

/* Where the text of @file was given back while it was read: a file that
 * could not be read is read again the usual way, which reports what is
 * wrong, and the problems of a @feed that could are placed in it. */
static ChronicleFeed *
read_again (GFile          *file,
            ChronicleFeed  *feed,
            GPtrArray      *diagnostics,
            guint           first)
{
  g_autoptr(ChronicleFeed) parsed = feed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) again = g_file_load_bytes (file, NULL, NULL, &error);
  const char *data;
  gsize length;

  if (parsed == NULL && again == NULL)
    {
      chronicle_feed_add_read_error (diagnostics, error);
      return NULL;
    }
  if (parsed == NULL)
    return parse_bytes (again, FALSE, NULL, diagnostics);

  /* Without the text, the problems go without their place. */
  if (again != NULL)
    {
      data = g_bytes_get_data (again, &length);
      chronicle_json_place (data, length, diagnostics, first);
    }
  return g_steal_pointer (&parsed);
}

/* The whole text as one json-glib tree: for files not laid out as the
 * parts reader expects, and to report what is wrong with a broken one.
 * The text is checked as JSON first: json-glib reads some texts that are
 * not (two values in a row, comments), and words its errors for display. */
static ChronicleFeed *
parse_whole (const char *data,
             gsize       length,
             GPtrArray  *diagnostics)
{
  g_autoptr(JsonParser) json = NULL;
  ChronicleJsonReader parser = { .diagnostics = diagnostics };
  ChronicleDiagnostic *problem;

  problem = chronicle_json_validate (data, length, CHRONICLE_JSON_MAX_DEPTH);
  if (problem != NULL && problem->problem != CHRONICLE_PROBLEM_FILE_EMPTY)
    {
      g_ptr_array_add (diagnostics, problem);
      return NULL;
    }
  g_clear_pointer (&problem, chronicle_diagnostic_free);

  /* Not an immutable parser: json-glib 1.10 aborts on an assertion when an
   * immutable parser reads a value followed by another (found by fuzzing:
   * tests/test-hostile.c, /hostile/json/two-roots). */
  json = json_parser_new ();
  if (!json_parser_load_from_data (json, length > 0 ? data : "", length, NULL))
    {
      g_ptr_array_add (diagnostics, chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR,
                                                              CHRONICLE_PROBLEM_JSON_UNREADABLE, NULL));
      return NULL;
    }

  return parse_root (&parser, json_parser_get_root (json));
}

/* Reads @bytes; with @discard_from, their text may be given back on the
 * way and read again from that file where it is needed. */
static ChronicleFeed *
read_bytes (GBytes     *bytes,
            gboolean    in_parts,
            GFile      *discard_from,
            GPtrArray  *diagnostics)
{
  g_autoptr(GPtrArray) own_diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  gboolean discarded = FALSE;
  const char *data;
  gsize length;
  guint first;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (diagnostics == NULL)
    diagnostics = own_diagnostics = chronicle_diagnostics_new ();

  first = diagnostics->len;
  data = g_bytes_get_data (bytes, &length);

  if (chronicle_feed_detect_format (data, length) == CHRONICLE_FEED_FORMAT_XML)
    {
      g_autofree char *uri = discard_from != NULL ? g_file_get_uri (discard_from) : NULL;

      return chronicle_xml_feed_parse (data, length, uri, 0, discard_from != NULL, diagnostics);
    }

  if (in_parts)
    feed = chronicle_feed_parse_in_parts (data, length, G_MAXUINT, diagnostics, discard_from != NULL, &discarded);

  if (discarded && (feed == NULL || diagnostics->len > first))
    return read_again (discard_from, g_steal_pointer (&feed), diagnostics, first);

  if (feed == NULL)
    feed = parse_whole (data, length, diagnostics);

  if (diagnostics->len > first)
    chronicle_json_place (data, length, diagnostics, first);

  return g_steal_pointer (&feed);
}

static ChronicleFeed *
parse_bytes (GBytes     *bytes,
             gboolean    in_parts,
             GFile      *discard_from,
             GPtrArray  *diagnostics)
{
  ChronicleFeed *feed = read_bytes (bytes, in_parts, discard_from, diagnostics);

  if (feed != NULL)
    chronicle_feed_name_sources (feed);
  return feed;
}

/**
 * chronicle_feed_detect_format:
 *
 * Tells JSON from XML by what the text starts with, never by a file's name
 * or a server's word: "<" after any byte order mark and white space, or
 * UTF-16 or UTF-32 (which JSON is never written in), is XML.
 *
 * Returns: the format of @data
 */
ChronicleFeedFormat
chronicle_feed_detect_format (const char *data,
                              gsize       length)
{
  gsize at = chronicle_json_skip_bom (data, length);

  if (chronicle_xml_is_ebcdic (data, length))
    return CHRONICLE_FEED_FORMAT_XML;
  if (length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE || data[0] == '\0' || data[1] == '\0'))
    return CHRONICLE_FEED_FORMAT_XML;

  at = chronicle_json_skip_space (data, length, at);
  return at < length && data[at] == '<' ? CHRONICLE_FEED_FORMAT_XML : CHRONICLE_FEED_FORMAT_JSON;
}

/**
 * chronicle_feed_parse:
 * @bytes: the contents of a collection file
 * @diagnostics: (element-type ChronicleDiagnostic) (nullable): where to add
 *   every problem found, with its position
 *
 * Reads a feed: RSS, Atom (see chronicle_xml_feed_parse()) or JSON Feed,
 * told apart by their text.  Of a JSON Feed that bends the specification
 * it reads what can be read: a value of the wrong type is ignored, a lone
 * value where an array belongs is read as an array of one, an item
 * without an id gets one, and an item or timeline event is left out only
 * when nothing of it can be used.  Items that do not name their source
 * are the feed's.  Every problem is added to @diagnostics.
 *
 * Returns: (transfer full) (nullable): the feed, or %NULL when the text is
 *   not a feed; @diagnostics then says why
 */
ChronicleFeed *
chronicle_feed_parse (GBytes     *bytes,
                      GPtrArray  *diagnostics)
{
  return chronicle_feed_parse_full (bytes, TRUE, diagnostics);
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
                           GPtrArray  *diagnostics)
{
  return parse_bytes (bytes, in_parts, NULL, diagnostics);
}

/**
 * chronicle_feed_parse_consuming:
 * @bytes: the contents of @file, which no one else reads
 * @file: where @bytes come from
 *
 * chronicle_feed_parse() for large files: the text of each item is given
 * back to the system once it is read, so that the whole text and all the
 * items are never held at once.  @bytes must not be read afterwards.
 * Where the text is needed again, to place problems or to report what is
 * wrong, @file is read again (a file changed in between is read as it is
 * then).
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_parse_consuming (GBytes     *bytes,
                                GFile      *file,
                                GPtrArray  *diagnostics)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return parse_bytes (bytes, TRUE, file, diagnostics);
}

/**
 * chronicle_feed_check_size:
 * @info: the file's size and type
 *
 * Refuses folders and files above %CHRONICLE_FEED_MAX_SIZE before they
 * are read.
 *
 * Returns: %FALSE, with the problem added to @diagnostics, if @info is
 *   not a file Chronicle opens
 */
gboolean
chronicle_feed_check_size (GFileInfo *info,
                           GPtrArray *diagnostics)
{
  ChronicleDiagnostic *diagnostic;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      add_file_problem (diagnostics, CHRONICLE_PROBLEM_FILE_IS_FOLDER, NULL);
      return FALSE;
    }

  if ((guint64) g_file_info_get_size (info) <= CHRONICLE_FEED_MAX_SIZE)
    return TRUE;

  diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_FILE_TOO_LARGE, NULL);
  diagnostic->number = g_file_info_get_size (info);
  diagnostic->number2 = CHRONICLE_FEED_MAX_SIZE;
  g_ptr_array_add (diagnostics, diagnostic);
  return FALSE;
}
