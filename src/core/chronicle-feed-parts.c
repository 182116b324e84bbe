/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed-parser"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "chronicle-feed-parser.h"
#include "chronicle-feed-parser-private.h"
#include "chronicle-feed-private.h"
#include "chronicle-feed-split.h"
#include "chronicle-threads.h"
#include "chronicle-xml-feed.h"

/* Reading a feed in parts: the root without its items, then each item on
 * its own, in a part of them for each processor (see
 * chronicle-feed-split.c and chronicle_run_parts()).
 * It is faster than one json-glib tree of the whole file and never holds
 * that tree.  It gives up on anything unexpected or wrong, and the whole
 * file is then read the usual way, which reports the problems. */
typedef struct
{
  ChronicleJsonReader  parser;   /* a copy, with diagnostics of its own */
  const char          *data;
  GArray              *elements;
  guint                start;
  guint                end;
  ChronicleItem      **items;
  gboolean             discard;
  gboolean             discarded;
  gboolean             failed;   /* json-glib could not read an item */
  guint                left_out;
} ItemRange;

/* Text read is given back to the system in pieces of this size. */
#define DISCARD_BYTES (4 * 1024 * 1024)

/* Gives the whole pages of @data between @start and @end back to the
 * system, which reads them as zeros from then on. */
gboolean
chronicle_discard_pages (const char *data,
                         gsize       start,
                         gsize       end)
{
#ifdef MADV_DONTNEED
  static gsize page_size;
  guintptr from, to;

  if (g_once_init_enter (&page_size))
    g_once_init_leave (&page_size, (gsize) sysconf (_SC_PAGESIZE));

  from = ((guintptr) (data + start) + page_size - 1) & ~(guintptr) (page_size - 1);
  to = (guintptr) (data + end) & ~(guintptr) (page_size - 1);
  return from < to && madvise ((void *) from, to - from, MADV_DONTNEED) == 0;
#else
  return FALSE;
#endif
}

static gpointer
parse_item_range (gpointer data)
{
  ItemRange *range = data;
  g_autoptr(JsonParser) json = json_parser_new ();
  gsize kept_end = range->end > range->start
                   ? g_array_index (range->elements, ChronicleSpan, range->end - 1).end : 0;

  /* From the last to the first, as parse_items() reports them. */
  for (guint i = range->end; i > range->start && !range->failed; i--)
    {
      const ChronicleSpan *span = &g_array_index (range->elements, ChronicleSpan, i - 1);
      char prefix[32];

      g_snprintf (prefix, sizeof prefix, "items[%u]", i - 1);
      if (!json_parser_load_from_data (json, range->data + span->start, span->end - span->start, NULL))
        range->failed = TRUE;
      else if ((range->items[i - 1] = chronicle_feed_read_item (&range->parser, json_parser_get_root (json), prefix)) == NULL)
        range->left_out++;

      /* Only whole pages of this range's items are given back, so that the
       * other threads' are left alone. */
      if (range->discard && (kept_end - span->start >= DISCARD_BYTES || i - 1 == range->start))
        {
          range->discarded |= chronicle_discard_pages (range->data, span->start, kept_end);
          kept_end = span->start;
        }
    }

  return NULL;
}

static gboolean
parse_items_in_parts (ChronicleJsonReader *parser,
                      const char          *data,
                      GArray              *elements,
                      ChronicleFeed       *feed,
                      gboolean             discard,
                      gboolean            *discarded)
{
  guint n = elements->len;
  g_autofree ChronicleItem **items = g_new0 (ChronicleItem *, MAX (n, 1));
  g_autoptr(GPtrArray) converted = g_ptr_array_new_full (n, NULL);
  g_autoptr(GArray) indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  guint n_parts = chronicle_n_parts (n);
  g_autofree ItemRange *ranges = g_new (ItemRange, n_parts);
  gboolean ok = TRUE;

  for (guint r = 0; r < n_parts; r++)
    {
      ranges[r] = (ItemRange) { *parser, data, elements, (guint) ((guint64) n * r / n_parts),
                                (guint) ((guint64) n * (r + 1) / n_parts), items, discard };
      ranges[r].parser.diagnostics = chronicle_diagnostics_new ();
      ranges[r].parser.n_errors = 0;
    }

  chronicle_run_parts (parse_item_range, ranges, sizeof *ranges, n_parts);

  for (guint r = n_parts; r > 0; r--)
    {
      ok = ok && !ranges[r - 1].failed;
      feed->n_items_left_out += ranges[r - 1].left_out;
      *discarded |= ranges[r - 1].discarded;
      g_ptr_array_extend_and_steal (parser->diagnostics, ranges[r - 1].parser.diagnostics);
    }

  for (guint i = n; i > 0; i--)
    {
      if (items[i - 1] == NULL)
        continue;
      if (!ok)
        {
          g_object_unref (items[i - 1]);
          continue;
        }
      g_ptr_array_add (converted, items[i - 1]);
      g_array_append_val (indices, (guint) { i - 1 });
    }

  if (ok)
    chronicle_feed_keep_first_ids (parser, feed, converted, indices);
  return ok;
}

/* Returns NULL where the usual way must take over.  With @max_items, only
 * the first items and what comes before them are read.  With @discard,
 * the text of the items is given back to the system once they are read
 * (@data must be no one else's), and @discarded says whether it was. */
ChronicleFeed *
chronicle_feed_parse_in_parts (const char *data,
                               gsize       length,
                               guint       max_items,
                               GPtrArray  *diagnostics,
                               gboolean    discard,
                               gboolean   *discarded)
{
  g_autoptr(GPtrArray) found = chronicle_diagnostics_new ();
  g_autoptr(JsonParser) json = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GString) root = NULL;
  ChronicleJsonReader parser = { 0 };
  ChronicleFeedSplit split;
  JsonArray *no_items;
  gboolean ok;

  if (!chronicle_feed_split (data, length, max_items, &split))
    {
      chronicle_feed_split_clear (&split);
      return NULL;
    }

  /* The root as written, with an empty items array; before the items, if
   * the rest was not read. */
  root = g_string_new_len (data, split.items_member);
  g_string_append (root, "\"items\": []");
  if (split.complete)
    g_string_append_len (root, data + split.items_end, length - split.items_end);
  else
    g_string_append_c (root, '}');

  parser.diagnostics = found;
  json = json_parser_new ();
  ok = json_parser_load_from_data (json, root->str, root->len, NULL) &&
       (feed = chronicle_feed_read_head (&parser, json_parser_get_root (json), &no_items)) != NULL &&
       parse_items_in_parts (&parser, data, split.elements, feed, discard, discarded);
  chronicle_feed_split_clear (&split);
  if (!ok)
    return NULL;

  chronicle_feed_read_extension (&parser, json_node_get_object (json_parser_get_root (json)), feed);
  g_ptr_array_extend_and_steal (diagnostics, g_steal_pointer (&found));
  return g_steal_pointer (&feed);
}

/**
 * chronicle_feed_parse_preview:
 * @n_items: how many items to read
 *
 * Reads the first items of a collection file, to show while the whole file
 * is read.  Problems are not reported, and a file whose items do not come
 * as expected gives no preview.
 *
 * Returns: (transfer full) (nullable): a feed of the first items
 */
ChronicleFeed *
chronicle_feed_parse_preview (GBytes *bytes,
                              guint   n_items)
{
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  gboolean discarded = FALSE;
  ChronicleFeed *feed;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (n_items > 0, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (chronicle_feed_detect_format (data, length) == CHRONICLE_FEED_FORMAT_XML)
    feed = chronicle_xml_feed_parse (data, length, NULL, n_items, FALSE, diagnostics);
  else
    feed = chronicle_feed_parse_in_parts (data, length, n_items, diagnostics, FALSE, &discarded);

  if (feed != NULL)
    chronicle_feed_name_sources (feed);
  return feed;
}
