/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-diagnostic.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-item.h"

/* The collection Chronicle ships with: one story in the 14 languages of its
 * source site, each version block for block the German original, and a
 * timeline whose every source quotes the paragraph it cites, in every
 * language. */

#define STORY    "openai-schulman-2024-08-06"
#define ORIGINAL "tencent-2024-08-06-schulman-de"

static ChronicleFeed *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "chronicle.json", NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleFeed *feed;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  feed = chronicle_feed_parse (bytes, diagnostics);
  g_assert_nonnull (feed);

  /* What --check says of it: nothing. */
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *message = chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, i), "chronicle.json");

      g_test_message ("%s", message);
    }
  g_assert_cmpuint (diagnostics->len, ==, 0);

  return feed;
}

/* The interface's languages (po/LINGUAS) and English, its source: the
 * languages of the source site. */
static GPtrArray *
site_languages (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "LINGUAS", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *languages = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_ptr_array_add (languages, g_strdup ("en"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      /* Catalogs are named as locales (zh_CN), items as BCP 47 (zh-CN). */
      if (line[0] != '\0' && line[0] != '#')
        g_ptr_array_add (languages, g_strdelimit (g_steal_pointer (&line), "_", '-'));
    }
  g_assert_cmpuint (languages->len, ==, 14);

  return languages;
}

static ChronicleItem *
find_item (ChronicleFeed *feed,
           const char    *id)
{
  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    if (g_str_equal (chronicle_item_get_id (chronicle_feed_get_item (feed, i)), id))
      return chronicle_feed_get_item (feed, i);

  return NULL;
}

static char *
block_text (const ChronicleBlock *block)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < block->runs->len; i++)
    g_string_append (text, ((ChronicleRun *) g_ptr_array_index (block->runs, i))->text);

  return g_string_free (text, FALSE);
}

static void
test_bundled_languages (void)
{
  g_autoptr(ChronicleFeed) feed = load_bundled ();
  g_autoptr(GPtrArray) languages = site_languages ();

  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, languages->len);
  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);
      g_autofree char *id = g_strconcat ("tencent-2024-08-06-schulman-", language, NULL);
      ChronicleItem *item = find_item (feed, id);

      g_test_message ("%s", id);
      g_assert_nonnull (item);
      g_assert_cmpstr (chronicle_item_get_language (item), ==, language);
      g_assert_cmpstr (chronicle_item_get_story (item), ==, STORY);
      /* Every version but the original says it is translated from German. */
      g_assert_cmpstr (chronicle_item_get_translated_from (item), ==, g_str_equal (language, "de") ? NULL : "de");
      g_assert_nonnull (chronicle_item_get_title (item));
      g_assert_nonnull (chronicle_item_get_summary (item));
    }
}

/* Block i of a translation translates block i of the German: same number,
 * same kinds. */
static void
test_bundled_blocks (void)
{
  g_autoptr(ChronicleFeed) feed = load_bundled ();
  ChronicleDocument *original = chronicle_item_get_document (find_item (feed, ORIGINAL));
  guint n = chronicle_document_get_n_blocks (original);

  g_assert_cmpuint (n, ==, 21);
  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (feed, i);
      ChronicleDocument *document = chronicle_item_get_document (item);

      g_test_message ("%s", chronicle_item_get_id (item));
      g_assert_cmpuint (chronicle_document_get_n_blocks (document), ==, n);
      for (guint b = 0; b < n; b++)
        {
          g_autofree char *text = block_text (chronicle_document_get_block (document, b));

          g_assert_cmpint (chronicle_document_get_block (document, b)->kind, ==,
                           chronicle_document_get_block (original, b)->kind);
          g_assert_cmpuint (g_utf8_strlen (text, -1), >, 2);
        }
    }
}

/* Every source of every event resolves to a paragraph that contains its
 * quote, and every event cites every language. */
static void
test_bundled_sources (void)
{
  g_autoptr(ChronicleFeed) feed = load_bundled ();
  GPtrArray *events = chronicle_feed_get_events (feed);

  g_assert_cmpuint (events->len, ==, 15);
  for (guint e = 0; e < events->len; e++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, e);
      g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint s = 0; s < chronicle_event_get_n_sources (event); s++)
        {
          const ChronicleEventSource *source = chronicle_event_get_source (event, s);
          ChronicleItem *item = find_item (feed, source->item);
          ChronicleDocument *document;
          g_autofree char *text = NULL;

          g_test_message ("%s: %s, paragraph %u", chronicle_event_get_id (event), source->item, source->paragraph);
          g_assert_nonnull (item);
          document = chronicle_item_get_document (item);
          g_assert_cmpuint (source->paragraph, <, chronicle_document_get_n_blocks (document));
          text = block_text (chronicle_document_get_block (document, source->paragraph));
          g_assert_nonnull (source->quote);
          g_assert_nonnull (strstr (text, source->quote));
          g_hash_table_add (cited, (gpointer) chronicle_item_get_language (item));
        }
      g_assert_cmpuint (g_hash_table_size (cited), ==, chronicle_feed_get_n_items (feed));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundled/languages", test_bundled_languages);
  g_test_add_func ("/bundled/blocks", test_bundled_blocks);
  g_test_add_func ("/bundled/sources", test_bundled_sources);

  return g_test_run ();
}
