/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "chronicle-discover.h"
#include "chronicle-document.h"
#include "chronicle-event.h"
#include "chronicle-feed-export.h"
#include "chronicle-feed-parser.h"
#include "chronicle-json-scan.h"
#include "chronicle-fetch.h"
#include "chronicle-image.h"
#include "chronicle-legacy.h"
#include "chronicle-opml.h"
#include "chronicle-subscriptions.h"
#include "chronicle-xml-feed.h"

/* libFuzzer target: every reader of untrusted bytes.  The first byte picks
 * the reader, the rest is its input: a collection (feed, items, HTML
 * bodies and timeline all parsed), an HTML body alone, plain text, a
 * state file of the format before the store, or RSS and Atom read as the
 * preview and --export-feed read them.  First bytes from 0xF0 on pick what
 * comes from the web: OPML reading lists, pages searched for their feeds,
 * Retry-After headers, addresses the reader types, srcset attributes
 * and the first bytes of pictures. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Everything the window would show of each article. */
static void
show_feed (ChronicleFeed *feed)
{
  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (feed, i);
      g_autofree char *title = chronicle_item_dup_display_title (item);
      g_autofree char *text = chronicle_document_to_text (chronicle_item_get_document (item));

      GPtrArray *attachments = chronicle_item_get_attachments (item);

      (void) chronicle_item_get_excerpt (item);
      (void) chronicle_item_get_search_key (item);
      for (guint j = 0; attachments != NULL && j < attachments->len; j++)
        g_free (chronicle_attachment_dup_name (g_ptr_array_index (attachments, j)));
    }

  for (guint i = 0; i < chronicle_feed_get_events (feed)->len; i++)
    g_free (chronicle_event_dup_sentence (g_ptr_array_index (chronicle_feed_get_events (feed), i)));
}

static void
fuzz_feed (const guint8 *data,
           gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, diagnostics);
  g_autoptr(ChronicleDiagnostic) strict = chronicle_json_validate ((const char *) data, size, CHRONICLE_JSON_MAX_DEPTH);

  for (guint i = 0; i < diagnostics->len; i++)
    g_free (chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, i), "fuzz.json"));
  if (strict != NULL)
    g_free (chronicle_diagnostic_to_string (strict, "fuzz.json"));

  if (feed != NULL)
    show_feed (feed);
}

static void
fuzz_xml (const guint8 *data,
          gsize         size,
          guint         max_items)
{
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = chronicle_xml_feed_parse ((const char *) data, size, "https://example.org/feed/",
                                                            max_items, FALSE, diagnostics);
  g_autoptr(GPtrArray) feeds = g_ptr_array_new ();

  for (guint i = 0; i < diagnostics->len; i++)
    g_free (chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, i), "fuzz.xml"));

  if (feed == NULL)
    return;

  show_feed (feed);
  g_ptr_array_add (feeds, feed);
  g_free (chronicle_feed_export (feeds));
}

static void
fuzz_html (const guint8 *data,
           gsize         size)
{
  g_autoptr(ChronicleDocument) document = chronicle_document_new_from_html ((const char *) data, size,
                                                                            "https://example.org/a/");
  g_autofree char *text = chronicle_document_to_text (document);
  g_autofree char *plain = NULL;
  g_autofree char *terminated = g_strndup ((const char *) data, size);

  g_autoptr(ChronicleImage) picture = NULL;

  plain = chronicle_html_to_text ((const char *) data, size);
  (void) chronicle_html_looks_like_markup (terminated);
  /* The list's picture, found by scanning for <img> tags. */
  picture = chronicle_html_find_picture ((const char *) data, size, "https://example.org/a/");
  if (picture != NULL)
    (void) chronicle_image_choose_thumbnail (picture);
}

static void
fuzz_text (const guint8 *data,
           gsize         size)
{
  g_autoptr(ChronicleDocument) document = chronicle_document_new_from_text ((const char *) data, size);
  g_autofree char *text = chronicle_document_to_text (document);
}

/* The state file of Chronicle before the store, read once when the store
 * is made. */
static void
fuzz_state (const guint8 *data,
            gsize         size)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) collections = NULL;

  chronicle_legacy_parse_state ((const char *) data, size, &rows, &collections, NULL);
}

static void
fuzz_web (guint8        which,
          const guint8 *data,
          gsize         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  switch (which % 6)
    {
    case 0:
      {
        g_autoptr(GPtrArray) entries = chronicle_opml_parse ((const char *) data, size, NULL);

        if (entries != NULL)
          g_free (chronicle_opml_write (entries, "fuzz"));
      }
      break;
    case 1:
      {
        g_autoptr(GPtrArray) links = chronicle_discover_links ((const char *) data, size, "https://example.org/a/b");

        (void) chronicle_discover_sniff ((const char *) data, size, "text/html");
      }
      break;
    case 2:
      (void) chronicle_fetch_parse_retry_after (text, 1722938400);
      break;
    case 3:
      g_free (chronicle_subscriptions_normalize_url (text));
      break;
    case 4:
      {
        g_autoptr(ChronicleImage) image = chronicle_image_new ();

        chronicle_image_add_source (image, NULL, chronicle_srcset_parse (text, "https://example.org/a/"));
        if (image->sources->len > 0)
          {
            (void) chronicle_image_choose (image, 1, 600, NULL, NULL, NULL);
            (void) chronicle_image_choose (image, 2.5, 0, NULL, NULL, NULL);
          }
      }
      break;
    default:
      {
        guint width, height;

        (void) chronicle_image_sniff (data, size, &width, &height);
      }
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size == 0)
    return 0;

  if (data[0] >= 0xF0)
    {
      fuzz_web (data[0], data + 1, size - 1);
      return 0;
    }

  switch (data[0] % 5)
    {
    case 0: fuzz_feed (data + 1, size - 1); break;
    case 1: fuzz_html (data + 1, size - 1); break;
    case 2: fuzz_text (data + 1, size - 1); break;
    case 3: fuzz_state (data + 1, size - 1); break;
    default: fuzz_xml (data + 1, size - 1, data[0] / 5 % 4); break;
    }

  return 0;
}
