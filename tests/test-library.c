/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library-private.h"
#include "chronicle-search.h"
#include "chronicle-store-test.h"
#include "chronicle-test-wait.h"
#include "chronicle-threads.h"

typedef struct
{
  char             *directory;
  char             *store_path;
  ChronicleStore   *store;
  ChronicleState   *state;
  ChronicleLibrary *library;
  GAsyncResult     *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->directory = chronicle_test_make_data_dir ();
  fixture->store_path = g_build_filename (fixture->directory, CHRONICLE_STORE_FILE, NULL);
  fixture->store = chronicle_store_new (fixture->store_path);
  fixture->state = chronicle_state_new (fixture->store);
  fixture->library = chronicle_library_new (fixture->state);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  chronicle_test_library_settle (fixture->library);
  chronicle_store_close (fixture->store);
  g_clear_object (&fixture->library);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->store);
  chronicle_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->store_path);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return fixture->result;
}

static ChronicleCollection *
add_file (Fixture     *fixture,
          const char  *path,
          GPtrArray  **diagnostics,
          GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  fixture->result = NULL;
  chronicle_library_add_file_async (fixture->library, file, NULL, store_result, fixture);
  result = wait_result (fixture);
  fixture->result = NULL;

  return chronicle_library_add_file_finish (fixture->library, result, diagnostics, error);
}

/* A new library on the store in the fixture's folder, as the next start
 * makes it, once this session's changes are committed. */
static ChronicleLibrary *
restore_library (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  chronicle_test_library_settle (fixture->library);
  g_assert_true (chronicle_state_flush (fixture->state, &error));
  g_assert_no_error (error);
  chronicle_test_store_barrier (fixture->store);
  return chronicle_test_restore (fixture->store_path);
}

static void
close_library (ChronicleLibrary *library)
{
  chronicle_store_close (chronicle_library_get_store (library));
  g_object_unref (library);
}

static void
test_library_add_and_restore (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleLibrary *library = NULL;
  g_autoptr(ChronicleItem) whole = NULL;
  ChronicleCollection *collection;
  ChronicleStory *story;
  ChronicleItem *restored;

  collection = add_file (fixture, path, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "The Daily Example");
  g_assert_cmpstr (chronicle_collection_get_name (collection), ==, "full-1.1.json");

  /* Three items, two stories: the translations share one. */
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (fixture->library)), ==, 2);
  story = chronicle_library_find_story (fixture->library, "story-1");
  g_assert_cmpuint (chronicle_story_get_n_items (story), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (fixture->library)), ==, 1);

  /* Opening the same, unchanged file again adds nothing. */
  g_assert_true (add_file (fixture, path, NULL, &error) == collection);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (fixture->library)), ==, 1);

  chronicle_story_set_starred (story, TRUE);
  chronicle_story_set_position (story, 0.25);

  /* The next start finds it again in the store, with the reader's state,
   * its events and its search keys, but not the bodies. */
  library = restore_library (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (library)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (library)), ==, 1);
  story = chronicle_library_find_story (library, "story-1");
  g_assert_true (chronicle_story_get_starred (story));
  g_assert_cmpfloat (chronicle_story_get_position (story), ==, 0.25);
  g_assert_cmpuint (chronicle_story_get_n_items (story), ==, 2);
  restored = chronicle_story_get_preferred (story);
  g_assert_true (chronicle_item_get_partial (restored));
  g_assert_null (chronicle_item_get_content_html (restored));
  g_assert_cmpstr (chronicle_item_get_title (restored), ==, chronicle_story_get_title (story));
  /* The list's thumbnail comes with the list fields. */
  g_assert_cmpstr (chronicle_story_get_thumbnail (story), ==, "https://example.org/images/story-1.jpg");

  /* Opening it reads the rest. */
  whole = chronicle_test_load_item (library, restored);
  g_assert_cmpstr (chronicle_item_get_id (whole), ==, chronicle_item_get_id (restored));
  g_assert_nonnull (chronicle_item_get_content_html (whole) != NULL ? chronicle_item_get_content_html (whole)
                                                                    : chronicle_item_get_content_text (whole));

  /* Removing it removes its stories, events and rows, in one transaction;
   * the state of its stories stays for when it comes back. */
  g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (collection)));
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (library)), ==, 0);
  chronicle_test_store_barrier (chronicle_library_get_store (library));
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM sources"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM items"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_bodies"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_keys"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT starred FROM reader_state WHERE key = 'story-1'"),
                   ==, 1);
  close_library (library);
}

static void
test_library_broken_changes_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "broken.json", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleCollection *collection;

  g_assert_true (g_file_set_contents (path, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{]}", -1, NULL));
  collection = add_file (fixture, path, &diagnostics, &error);
  g_unlink (path);

  g_assert_null (collection);
  g_assert_nonnull (error);
  g_assert_cmpuint (diagnostics->len, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (fixture->library)), ==, 0);
  chronicle_test_library_settle (fixture->library);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM sources"), ==, 0);
}

static gboolean
story_in (ChronicleLibrary *library,
          const char       *collection_id)
{
  GListModel *stories = chronicle_library_get_stories (library);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      if (g_strcmp0 (chronicle_story_get_collection_id (story), collection_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A collection removed while its stories still enter the list: what is
 * still being done for it stops, and nothing of it comes back later, in
 * the list, the search or the timeline. */
static void
test_library_remove_while_loading (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "large.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"L\", \"items\": [");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) terms = chronicle_search_terms ("zanzibarquartz");
  g_autoptr(ChronicleSearchResult) result = NULL;
  g_autofree char *id = NULL;
  ChronicleCollection *collection;
  const guint n = 10000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"large-%u\", \"title\": \"Zanzibarquartz %u\", \"content_text\": \"x\","
                            " \"date_published\": \"2024-01-01T00:00:00Z\"}", i > 0 ? "," : "", i, i);
  g_string_append (json, "], \"_chronicle\": {\"timeline\": [{\"id\": \"large-event\", \"date\": \"2024\","
                         " \"person\": \"P\", \"kind\": \"left\", \"organization\": \"O\"}]}}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  collection = add_file (fixture, path, &diagnostics, &error);
  g_unlink (path);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  id = g_strdup (chronicle_collection_get_id (collection));

  /* In the middle of its loading: some stories listed, more to come. */
  g_assert_true (chronicle_library_get_loading (fixture->library));
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (fixture->library)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (fixture->library)), <, n);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (fixture->library)), ==, 1);

  g_assert_true (chronicle_library_remove_collection (fixture->library, id));

  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (fixture->library)), ==, 0);
  g_assert_false (story_in (fixture->library, id));
  g_assert_null (chronicle_library_find_story_by_item (fixture->library, "large-5000"));
  g_assert_null (chronicle_library_find_story (fixture->library, "large-9999"));
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (fixture->library)), ==, 0);
  result = chronicle_library_search (fixture->library, terms, NULL);
  g_assert_null (chronicle_library_find_collection (fixture->library, id));
  {
    GListModel *stories = chronicle_library_get_stories (fixture->library);
    for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
      {
        g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);
        g_assert_false (chronicle_search_result_contains (result, story));
      }
  }
  g_assert_cmpuint (g_hash_table_size (fixture->library->search_tables), ==, 0);
}

/* An RSS file's items come back from the store with their attachments,
 * read when the article is opened. */
static void
test_library_rss_restore (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xml", "podcast.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleItem) whole = NULL;
  ChronicleLibrary *library;
  ChronicleCollection *collection;
  ChronicleStory *story;
  GPtrArray *attachments;

  collection = add_file (fixture, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Alignment Hour");

  library = restore_library (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, 2);
  collection = g_list_model_get_item (chronicle_library_get_collections (library), 0);
  g_object_unref (collection);
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Alignment Hour");
  story = chronicle_library_find_story (library, "https://alignmenthour.example.com/episodes/42");
  g_assert_nonnull (story);
  g_assert_cmpstr (chronicle_story_get_source (story), ==, "Alignment Hour");
  g_assert_null (chronicle_item_get_attachments (chronicle_story_get_preferred (story)));

  whole = chronicle_test_load_item (library, chronicle_story_get_preferred (story));
  attachments = chronicle_item_get_attachments (whole);
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpuint (((ChronicleAttachment *) g_ptr_array_index (attachments, 0))->duration, ==, 4032);
  close_library (library);
}

static void
test_library_languages (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autoptr(GError) error = NULL;
  const char * const german[] = { "de_AT", NULL };
  const char * const japanese[] = { "ja_JP.UTF-8", "ja", NULL };
  ChronicleStory *story;

  add_file (fixture, path, NULL, &error);
  g_assert_no_error (error);
  story = chronicle_library_find_story (fixture->library, "story-1");

  chronicle_library_set_languages (fixture->library, german);
  g_assert_cmpstr (chronicle_story_get_title (story), ==, "Geschichte eins");

  /* No Japanese translation: the original, even with English available. */
  chronicle_library_set_languages (fixture->library, japanese);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_preferred (story)), ==, "story-1-de");
  {
    const char * const russian[] = { "ru_RU.UTF-8", "ru", "C", NULL };
    const char * const c_locale[] = { "C.UTF-8", "C", NULL };

    chronicle_library_set_languages (fixture->library, russian);
    g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_preferred (story)), ==, "story-1-de");

    /* The C locale reads the English source. */
    chronicle_library_set_languages (fixture->library, c_locale);
    g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_preferred (story)), ==, "story-1-en");
  }
}

/* Writes a collection of @n items whose ids are their numbers. */
static char *
write_items (Fixture    *fixture,
             const char *name,
             guint       n,
             gboolean    dated)
{
  char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"N\", \"items\": [");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (json, "%s{\"id\": \"%u\", \"content_text\": \"Article %u\"", i > 0 ? "," : "", i, i);
      /* One a minute, the last the newest. */
      if (dated)
        g_string_append_printf (json, ", \"date_published\": \"2024-08-%02uT%02u:%02u:00Z\"", 1 + i / 1440, i / 60 % 24, i % 60);
      g_string_append (json, "}");
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  return path;
}

static char *
write_numbered (Fixture    *fixture,
                const char *name,
                guint       n)
{
  return write_items (fixture, name, n, FALSE);
}

static void
test_library_large_in_slices (Fixture       *fixture,
                              gconstpointer  data)
{
  guint n = 2 * CHRONICLE_LIBRARY_INSERT_SLICE + 500;
  g_autofree char *path = write_numbered (fixture, "large.json", n);
  g_autoptr(GError) error = NULL;
  GListModel *stories = chronicle_library_get_stories (fixture->library);
  g_autofree char *last = g_strdup_printf ("%u", n - 1);
  guint changes = 0;

  /* A small first slice comes at once; the rest, in growing slices, while
   * the main loop turns, and "loading" says so meanwhile. */
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, CHRONICLE_LIBRARY_FIRST_SLICE);
  g_assert_true (chronicle_library_get_loading (fixture->library));
  g_assert_nonnull (chronicle_library_find_story (fixture->library, "0"));

  while (chronicle_library_get_loading (fixture->library))
    {
      g_main_context_iteration (NULL, TRUE);
      changes++;
    }
  g_assert_cmpuint (changes, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n);
  g_assert_nonnull (chronicle_library_find_story (fixture->library, last));
  g_unlink (path);
}

/* While a view holds the pacing, stories enter the list only when it asks,
 * as many as it asks for; once it lets go, the library lists the rest. */
static void
test_library_paced_by_view (Fixture       *fixture,
                            gconstpointer  data)
{
  const guint n = 1000;
  g_autofree char *path = write_numbered (fixture, "paced.json", n);
  g_autoptr(GError) error = NULL;
  GListModel *stories = chronicle_library_get_stories (fixture->library);

  chronicle_library_hold_pacing (fixture->library);
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 0);
  g_assert_cmpuint (chronicle_library_get_n_waiting (fixture->library), ==, 1);
  g_assert_true (chronicle_library_get_loading (fixture->library));

  g_assert_cmpuint (chronicle_library_list_waiting (fixture->library, 100), ==, 100);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 100);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 100);

  chronicle_library_release_pacing (fixture->library);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n);
  g_assert_cmpuint (chronicle_library_get_n_waiting (fixture->library), ==, 0);
  g_unlink (path);
}

/* Writes a collection of @n items, ids @prefix and their numbers, one an
 * hour from @first_day of August 2024 on. */
static char *
write_hourly (Fixture    *fixture,
              const char *name,
              const char *prefix,
              guint       n,
              guint       first_day)
{
  char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"H\", \"items\": [");

  g_assert_cmpuint (first_day + n / 24, <=, 31);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"%s%u\", \"content_text\": \"Article %u\", "
                            "\"date_published\": \"2024-08-%02uT%02u:00:00Z\"}",
                            i > 0 ? "," : "", prefix, i, i, first_day + i / 24, i % 24);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  return path;
}

/* Lists what waits in slices as a view does, and gives their sizes. */
static GArray *
list_in_slices (ChronicleLibrary *library)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  while (chronicle_library_get_n_waiting (library) > 0)
    {
      gboolean large = FALSE;
      guint n = chronicle_library_list_slice (library, 5000, &large);

      g_assert_cmpuint (n, >, 0);
      g_assert_true (large == (n > CHRONICLE_LIBRARY_FIRST_SLICE));
      g_array_append_val (sizes, n);
    }
  return sizes;
}

/* Stories that go in among the first ones, which a window shows rows for,
 * are listed in small slices, also into a long list (newer articles of a
 * refresh); those that go in further down in large ones. */
static void
test_library_slices_at_top (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *older = write_hourly (fixture, "older.json", "o", 48, 1);
  g_autofree char *middle = write_hourly (fixture, "middle.json", "m", 300, 5);
  g_autofree char *newer = write_hourly (fixture, "newer.json", "n", 300, 18);
  GListModel *stories = chronicle_library_get_stories (fixture->library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  guint first_large;

  chronicle_library_hold_pacing (fixture->library);

  /* Into an empty list: small slices for the first rows, then the rest. */
  g_assert_nonnull (add_file (fixture, middle, NULL, &error));
  g_assert_no_error (error);
  sizes = list_in_slices (fixture->library);
  g_assert_cmpuint (sizes->len, ==, CHRONICLE_LIBRARY_ROWS_AHEAD / CHRONICLE_LIBRARY_FIRST_SLICE + 1);
  g_assert_cmpuint (g_array_index (sizes, guint, sizes->len - 1), ==, 300 - CHRONICLE_LIBRARY_ROWS_AHEAD);
  g_clear_pointer (&sizes, g_array_unref);

  /* Older ones all go in below the first rows: one slice. */
  g_assert_nonnull (add_file (fixture, older, NULL, &error));
  g_assert_no_error (error);
  sizes = list_in_slices (fixture->library);
  g_assert_cmpuint (sizes->len, ==, 1);
  g_assert_cmpuint (g_array_index (sizes, guint, 0), ==, 48);
  g_clear_pointer (&sizes, g_array_unref);

  /* Newer ones go in at the top: small slices until they fill the first
   * rows, then the rest, newest first, below those. */
  g_assert_nonnull (add_file (fixture, newer, NULL, &error));
  g_assert_no_error (error);
  sizes = list_in_slices (fixture->library);
  first_large = CHRONICLE_LIBRARY_ROWS_AHEAD / CHRONICLE_LIBRARY_FIRST_SLICE;
  g_assert_cmpuint (sizes->len, ==, first_large + 1);
  for (guint i = 0; i < first_large; i++)
    g_assert_cmpuint (g_array_index (sizes, guint, i), ==, CHRONICLE_LIBRARY_FIRST_SLICE);
  g_assert_cmpuint (g_array_index (sizes, guint, first_large), ==, 300 - CHRONICLE_LIBRARY_ROWS_AHEAD);

  /* In the list's order all the same. */
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 648);
  for (guint i = 1; i < 648; i++)
    {
      g_autoptr(ChronicleStory) before = g_list_model_get_item (stories, i - 1);
      g_autoptr(ChronicleStory) after = g_list_model_get_item (stories, i);

      g_assert_cmpint (chronicle_story_compare (before, after), <, 0);
    }
  chronicle_library_release_pacing (fixture->library);
  g_unlink (middle);
  g_unlink (newer);
  g_unlink (older);
}

/* A large source is read back on several connections, each a range of
 * its items: the library comes back whole and in order. */
static void
test_library_restore_in_parts (Fixture       *fixture,
                               gconstpointer  data)
{
  const guint n = 3000;
  g_autofree char *path = write_numbered (fixture, "parts.json", n);
  g_autoptr(GError) error = NULL;
  ChronicleCollection *collection;
  ChronicleLibrary *library;
  ChronicleFeed *feed;

  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);

  chronicle_force_n_parts (3);
  library = restore_library (fixture);
  chronicle_force_n_parts (0);

  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, n);
  collection = g_list_model_get_item (chronicle_library_get_collections (library), 0);
  feed = chronicle_collection_get_feed (collection);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (feed, i)), ==, id);
    }
  g_object_unref (collection);
  close_library (library);
  g_unlink (path);
}

/* Writes a collection of @n items one day apart, starting at @first_day of
 * August 2024 and going back @step days each. */
static char *
write_dated (Fixture    *fixture,
             const char *name,
             guint       n,
             guint       first_day,
             guint       step)
{
  char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 8, first_day, 12, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (start, -(int) (i * step));
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      g_string_append_printf (json, "%s{\"id\": \"%s-%u\", \"content_text\": \"x\", \"date_published\": \"%s\"}",
                              i > 0 ? "," : "", name, i, iso);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  return path;
}

static void
assert_newest_first (GListModel *stories)
{
  for (guint i = 1; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) before = g_list_model_get_item (stories, i - 1);
      g_autoptr(ChronicleStory) after = g_list_model_get_item (stories, i);

      g_assert_cmpint (chronicle_story_get_day (before), >, chronicle_story_get_day (after));
    }
}

typedef struct
{
  guint signals;
  guint removed;
  guint added;
  guint fewest;   /* stories listed, at the fewest */
} Changes;

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->signals++;
  changes->removed += removed;
  changes->added += added;
  changes->fewest = MIN (changes->fewest, g_list_model_get_n_items (model));
}

/* A new library on the store of @fixture, as a window at start makes:
 * it reads the newest stories first, and a view lists @shown of them
 * before the rest is read.  @result gets the restore's result. */
static ChronicleLibrary *
restore_showing (Fixture       *fixture,
                 guint          shown,
                 GAsyncResult **result)
{
  ChronicleLibrary *library = chronicle_test_library_new (fixture->store_path);

  chronicle_library_hold_pacing (library);
  chronicle_library_restore_async (library, NULL, chronicle_test_store_result, result);
  while (chronicle_library_get_n_waiting (library) == 0 && *result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (*result);
  g_assert_cmpuint (chronicle_library_list_waiting (library, shown), ==, shown);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, shown);
  return library;
}

/* A restored library's newest stories are listed while the rest is read;
 * the whole library then takes their places in one change of the list, so
 * that a view gives its rows to the stories that come in, and the list
 * never shows empty in between. */
static void
test_library_restore_keeps_rows (Fixture       *fixture,
                                 gconstpointer  data)
{
  const guint n = 3000, shown = 300;
  g_autofree char *path = write_numbered (fixture, "restored.json", n);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Changes changes = { 0, 0, 0, G_MAXUINT };
  ChronicleLibrary *library;
  GListModel *stories;

  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  chronicle_test_library_settle (fixture->library);

  /* Undated: the newest rows read first are not the list's first. */
  library = restore_showing (fixture, shown, &result);
  stories = chronicle_library_get_stories (library);
  g_signal_connect (stories, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  chronicle_test_restore_finish (library, &result);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, shown);
  g_assert_cmpuint (changes.added, ==, shown);
  g_assert_cmpuint (changes.fewest, ==, shown);
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      /* The library's own stories now, found by key. */
      g_assert_true (chronicle_library_find_story (library, chronicle_story_get_key (story)) == story);
    }

  /* The rest comes after them, each story once. */
  chronicle_library_release_pacing (library);
  chronicle_test_library_settle (library);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n);
  g_assert_cmpuint (changes.fewest, ==, shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      g_assert_true (chronicle_library_find_story (library, chronicle_story_get_key (story)) == story);
    }
  g_signal_handlers_disconnect_by_func (stories, count_changes_cb, &changes);
  close_library (library);
  g_unlink (path);
}


/* Dated stories, as most are: the newest, listed first, are the ones the
 * whole library starts with, and their rows stay as they are. */
static void
test_library_restore_same_stories (Fixture       *fixture,
                                   gconstpointer  data)
{
  const guint n = 3000, shown = 300;
  g_autofree char *path = write_items (fixture, "dated.json", n, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronicleSearchResult) found = NULL;
  char *terms[] = { "article", "2999", NULL };
  Changes changes = { 0, 0, 0, G_MAXUINT };
  ChronicleCollection *collection;
  ChronicleLibrary *library;
  GListModel *stories;

  collection = add_file (fixture, path, NULL, &error);
  g_assert_no_error (error);
  chronicle_test_library_settle (fixture->library);

  library = restore_showing (fixture, shown, &result);
  stories = chronicle_library_get_stories (library);
  for (guint i = 0; i < shown; i++)
    g_ptr_array_add (listed, g_list_model_get_item (stories, i));
  g_assert_cmpstr (chronicle_story_get_key (g_ptr_array_index (listed, 0)), ==, "2999");

  g_signal_connect (stories, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  chronicle_test_restore_finish (library, &result);
  g_assert_cmpuint (changes.removed, ==, 0);

  chronicle_library_release_pacing (library);
  chronicle_test_library_settle (library);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      g_assert_true (i >= shown || story == g_ptr_array_index (listed, i));
      g_assert_true (chronicle_library_find_story (library, chronicle_story_get_key (story)) == story);
      g_assert_true (chronicle_library_find_story_by_item (library, chronicle_story_get_key (story)) == story);
      g_assert_cmpstr (chronicle_story_get_collection_id (story), ==, chronicle_collection_get_id (collection));
    }

  /* And searched as the library's own. */
  found = chronicle_library_search (library, terms, NULL);
  g_assert_true (chronicle_search_result_contains (found, g_ptr_array_index (listed, 0)));
  g_assert_false (chronicle_search_result_contains (found, g_ptr_array_index (listed, 1)));

  g_signal_handlers_disconnect_by_func (stories, count_changes_cb, &changes);
  g_clear_pointer (&listed, g_ptr_array_unref);
  close_library (library);
  g_unlink (path);
}

static void
test_library_sorted (Fixture       *fixture,
                     gconstpointer  data)
{
  /* Even days, then odd days in between: every new story lands between
   * two old ones.  With 10 each, one splice per story; with 500, the
   * large slice after the first 256 is past MAX_RUNS and replaces the
   * whole list. */
  guint n = GPOINTER_TO_UINT (data);
  g_autofree char *even = write_dated (fixture, "even.json", n, 30, 2);
  g_autofree char *odd = write_dated (fixture, "odd.json", n, 29, 2);
  g_autofree char *last_key = g_strdup_printf ("odd.json-%u", n - 1);
  GListModel *stories = chronicle_library_get_stories (fixture->library);
  g_autoptr(GError) error = NULL;
  ChronicleCollection *collection;
  g_autoptr(ChronicleStory) first = NULL;
  g_autoptr(ChronicleStory) last = NULL;
  Changes changes = { 0 };
  gulong handler;

  g_assert_nonnull (add_file (fixture, even, NULL, &error));
  g_assert_no_error (error);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);

  handler = g_signal_connect (stories, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  collection = add_file (fixture, odd, NULL, &error);
  g_assert_no_error (error);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (stories, handler);

  /* Rows that stay are left alone while there are few runs. */
  if (n <= 10)
    {
      g_assert_cmpuint (changes.signals, ==, n);
      g_assert_cmpuint (changes.removed, ==, 0);
    }
  else
    g_assert_cmpuint (changes.removed, >, 0);

  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 2 * n);
  assert_newest_first (stories);
  first = g_list_model_get_item (stories, 0);
  last = g_list_model_get_item (stories, 2 * n - 1);
  g_assert_cmpstr (chronicle_story_get_key (first), ==, "even.json-0");
  g_assert_cmpstr (chronicle_story_get_key (last), ==, last_key);

  /* Removing one collection leaves the other in order. */
  g_assert_true (chronicle_library_remove_collection (fixture->library, chronicle_collection_get_id (collection)));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n);
  assert_newest_first (stories);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      g_assert_true (g_str_has_prefix (chronicle_story_get_key (story), "even.json-"));
    }
}

/* A search result, narrowed keystroke by keystroke as a reader types,
 * contains exactly the stories that contain the terms. */
static void
assert_result (ChronicleLibrary      *library,
               ChronicleSearchResult *result,
               char                 **terms,
               guint                  expected)
{
  GListModel *stories = chronicle_library_get_stories (library);
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);
      gboolean contains = chronicle_search_result_contains (result, story);

      g_assert_cmpint (contains, ==, chronicle_story_matches (story, terms));
      found += contains;
    }

  if (expected != G_MAXUINT)
    g_assert_cmpuint (found, ==, expected);
}

/* The bundled story is found from words of any of its 14 versions, and
 * listed once. */
static void
test_library_search_bundled (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Japanese, Greek (typed without its accent) and Russian. */
  const char *typed[] = { "共同創業者", "συνιδρυτης", "сооснователь", "OpenAI-Mitbegründer" };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "chronicle.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleFeed) feed = chronicle_feed_load_file (file, NULL, NULL);
  GListModel *stories = chronicle_library_get_stories (fixture->library);

  g_assert_nonnull (feed);
  chronicle_library_add_feed (fixture->library, "bundled", "chronicle.json", feed, TRUE);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_auto(GStrv) terms = chronicle_search_terms (typed[i]);
      g_autoptr(ChronicleSearchResult) result = chronicle_library_search (fixture->library, terms, NULL);

      g_test_message ("%s", typed[i]);
      assert_result (fixture->library, result, terms, 1);
    }
}

static gboolean
bundled_kept (gpointer data)
{
  Fixture *fixture = data;
  ChronicleCollection *collection = chronicle_library_find_collection (fixture->library, "bundled");

  return chronicle_collection_get_content_hash (collection) != NULL && !chronicle_library_get_storing (fixture->library);
}

/* The bundled collection is listed at once; its keys are folded, and it is
 * written to the store, later.  A search does not wait meanwhile: it finds
 * the story by its text, and says its result may not hold for the next. */
static void
test_library_bundled_keys_later (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "chronicle.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_auto(GStrv) terms = chronicle_search_terms ("共同創業者");
  g_autoptr(ChronicleSearchResult) before = NULL;
  g_autoptr(ChronicleSearchResult) after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new (contents, length);
  feed = chronicle_feed_parse (bytes, NULL);
  g_assert_nonnull (feed);

  chronicle_library_add_bundled (fixture->library, "bundled", "chronicle.json", feed, bytes);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (fixture->library)), ==, 1);
  g_assert_false (chronicle_library_get_indexing (fixture->library));

  before = chronicle_library_search (fixture->library, terms, NULL);
  assert_result (fixture->library, before, terms, 1);
  g_assert_false (chronicle_search_result_same (before, before));
  g_assert_null (chronicle_collection_get_content_hash (chronicle_library_find_collection (fixture->library, "bundled")));
  g_assert_false (chronicle_library_get_storing (fixture->library));

  chronicle_library_index_bundled (fixture->library);
  g_assert_true (chronicle_test_wait_until (bundled_kept, fixture, 10000));
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, bytes);
  g_assert_cmpstr (chronicle_collection_get_content_hash (chronicle_library_find_collection (fixture->library, "bundled")),
                   ==, checksum);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_keys"), >, 0);

  after = chronicle_library_search (fixture->library, terms, NULL);
  assert_result (fixture->library, after, terms, 1);
  g_assert_true (chronicle_search_result_same (after, after));
}

static void
test_library_search (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const words[] = { "Schulman", "Mitbegründer", "DeepMind", "alignment", "Café", "OpenAI" };
  const char *typed[] = { "deepmind", "schulman", "john sch", "mitbegrunder", "cafe", "zzyzx", "open" };
  g_autofree char *path = g_build_filename (fixture->directory, "words.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  const char *two_languages =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    "{\"id\": \"b1\", \"title\": \"John Schulman geht\", \"content_html\": \"<p>Der Mitbegründer</p>\","
    " \"_chronicle\": {\"story\": \"s\"}},"
    "{\"id\": \"b2\", \"title\": \"John Schulman leaves\", \"language\": \"en\", \"content_text\": \"The co-founder\","
    " \"_chronicle\": {\"story\": \"s\", \"translated_from\": \"b1\"}}]}";
  g_autoptr(GBytes) bundled = g_bytes_new_static (two_languages, strlen (two_languages));
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  /* 1200 items (two folding threads), each with the words whose bit is
   * set in its number, and "John" in every third title. */
  for (guint i = 0; i < 1200; i++)
    {
      g_string_append_printf (json, "%s{\"id\": \"w%u\", \"title\": \"%s %u\", \"content_text\": \"",
                              i > 0 ? "," : "", i, i % 3 == 0 ? "John" : "Item", i);
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (i & (1 << w))
          g_string_append_printf (json, "%s and ", words[w]);
      g_string_append (json, "more\"}");
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  feed = chronicle_feed_parse (bundled, NULL);
  g_assert_nonnull (feed);
  chronicle_library_add_feed (fixture->library, "bundled", "bundled.json", feed, TRUE);
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);

  for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
    {
      g_autoptr(ChronicleSearchResult) result = NULL;

      for (gsize length = 1; length <= strlen (typed[q]); length++)
        {
          g_autofree char *text = g_strndup (typed[q], length);
          g_auto(GStrv) terms = chronicle_search_terms (text);
          ChronicleSearchResult *next = chronicle_library_search (fixture->library, terms, result);

          assert_result (fixture->library, next, terms, G_MAXUINT);
          g_clear_pointer (&result, chronicle_search_result_free);
          result = next;
        }
    }

  /* Words in 1 item of 2 (DeepMind: bit 2, so 600), and the bundled story
   * through either of its items. */
  {
    g_auto(GStrv) deepmind = chronicle_search_terms ("DeepMind");
    g_auto(GStrv) deepm = chronicle_search_terms ("deepm");
    g_auto(GStrv) founder = chronicle_search_terms ("mitbegrunder");
    g_auto(GStrv) both = chronicle_search_terms ("john schulman");
    g_autoptr(ChronicleSearchResult) wide = chronicle_library_search (fixture->library, deepm, NULL);
    g_autoptr(ChronicleSearchResult) narrow = chronicle_library_search (fixture->library, deepmind, wide);
    g_autoptr(ChronicleSearchResult) other = chronicle_library_search (fixture->library, founder, NULL);
    g_autoptr(ChronicleSearchResult) two = chronicle_library_search (fixture->library, both, NULL);
    g_autoptr(ChronicleStory) story = chronicle_story_new ("outside", NULL, fixture->state);

    assert_result (fixture->library, narrow, deepmind, 600);
    assert_result (fixture->library, other, founder, 1 + 600);
    /* "John" in every third title, Schulman in odd numbers, and the
     * bundled story: 200 + 1. */
    assert_result (fixture->library, two, both, 201);

    /* Typing on in a word that finds the same stories changes nothing;
     * another word does. */
    g_assert_true (chronicle_search_result_same (wide, narrow));
    g_assert_false (chronicle_search_result_same (narrow, other));

    /* A story no table holds is asked directly. */
    chronicle_story_add_item (story, chronicle_feed_get_item (feed, 0));
    g_assert_false (chronicle_search_result_contains (narrow, story));
    g_assert_true (chronicle_search_result_contains (other, story));
  }

  g_unlink (path);
}

/* Large files are grouped into stories in parts, one per processor, or as
 * many as the test gives; translations in different parts are still one
 * story, whether the first part has it or a later one. */
static void
test_library_stories_across_parts (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "parts.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  g_autoptr(GError) error = NULL;
  GListModel *stories = chronicle_library_get_stories (fixture->library);
  g_auto(GStrv) terms = chronicle_search_terms ("übersetzung");
  g_autoptr(ChronicleSearchResult) result = NULL;
  const struct { const char *key; guint original; guint translation; } pairs[] = {
    { "first-last", 0, 1999 }, { "middle", 999, 1000 }, { "later", 1199, 1200 },
  };
  ChronicleStory *story;
  guint n = 2000;

  chronicle_force_n_parts (GPOINTER_TO_UINT (data));

  /* Each pair is an article and its German translation, which alone says
   * "Übersetzung".  In five parts, "first-last" is in the first and the
   * last, "later" in the third and the fourth. */
  for (guint i = 0; i < n; i++)
    {
      const char *key = NULL;
      guint original = 0;
      gboolean german = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
        if (i == pairs[p].original || i == pairs[p].translation)
          {
            key = pairs[p].key;
            original = pairs[p].original;
            german = i == pairs[p].translation;
          }

      g_string_append_printf (json, "%s{\"id\": \"h%u\", \"content_text\": \"%s\", \"language\": \"%s\"",
                              i > 0 ? "," : "", i, german ? "Übersetzung" : "Original", german ? "de" : "en");
      if (key != NULL && german)
        g_string_append_printf (json, ", \"_chronicle\": {\"story\": \"%s\", \"translated_from\": \"h%u\"}",
                                key, original);
      else if (key != NULL)
        g_string_append_printf (json, ", \"_chronicle\": {\"story\": \"%s\"}", key);
      g_string_append (json, "}");
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
  chronicle_force_n_parts (0);

  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n - G_N_ELEMENTS (pairs));
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autofree char *original = g_strdup_printf ("h%u", pairs[p].original);
      g_autofree char *translation = g_strdup_printf ("h%u", pairs[p].translation);

      story = chronicle_library_find_story (fixture->library, pairs[p].key);
      g_assert_nonnull (story);
      g_assert_cmpuint (chronicle_story_get_n_items (story), ==, 2);
      g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_item (story, 0)), ==, original);
      g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_item (story, 1)), ==, translation);
      g_assert_true (chronicle_library_find_story_by_item (fixture->library, translation) == story);
    }

  /* A search finds the stories through their German items. */
  result = chronicle_library_search (fixture->library, terms, NULL);
  assert_result (fixture->library, result, terms, G_N_ELEMENTS (pairs));
  g_unlink (path);
}

static void
write_feed (const char *path,
            const char *items)
{
  g_autofree char *json = g_strdup_printf ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Edits\", "
                                           "\"items\": [%s]}", items);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

static guint
count_in (ChronicleLibrary *library,
          const char       *collection_id)
{
  GListModel *stories = chronicle_library_get_stories (library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      n += g_strcmp0 (chronicle_story_get_collection_id (story), collection_id) == 0;
    }
  return n;
}

/* An author edits a file and opens it again: the collection is replaced,
 * merged in the store by item id, and the reader's state stays. */
static void
test_library_reopen_merges (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "edits.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  ChronicleCollection *collection;
  ChronicleLibrary *library;
  ChronicleStory *story;
  gint64 row_before;

  write_feed (path, "{\"id\": \"a\", \"title\": \"First draft\", \"content_text\": \"Alpha\"},"
                    "{\"id\": \"b\", \"title\": \"Goes away\", \"content_text\": \"Beta\"}");
  collection = add_file (fixture, path, NULL, &error);
  g_assert_no_error (error);
  id = g_strdup (chronicle_collection_get_id (collection));
  chronicle_story_set_read (chronicle_library_find_story (fixture->library, "a"), TRUE);
  chronicle_story_set_starred (chronicle_library_find_story (fixture->library, "a"), TRUE);
  chronicle_test_library_settle (fixture->library);
  row_before = chronicle_test_query_int (fixture->store_path, "SELECT id FROM items WHERE guid = 'a'");

  write_feed (path, "{\"id\": \"a\", \"title\": \"Second draft\", \"content_text\": \"Alpha revised\"},"
                    "{\"id\": \"c\", \"title\": \"New one\", \"content_text\": \"Gamma\"}");
  collection = add_file (fixture, path, NULL, &error);
  g_assert_no_error (error);
  chronicle_test_library_settle (fixture->library);

  /* One collection, of the same id, with what the file says now. */
  g_assert_cmpstr (chronicle_collection_get_id (collection), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (fixture->library)), ==, 1);
  g_assert_cmpuint (count_in (fixture->library, id), ==, 2);
  story = chronicle_library_find_story (fixture->library, "a");
  g_assert_cmpstr (chronicle_story_get_title (story), ==, "Second draft");
  g_assert_true (chronicle_story_get_read (story));
  g_assert_true (chronicle_story_get_starred (story));
  g_assert_null (chronicle_library_find_story (fixture->library, "b"));

  /* The store merged: the same row for the item that stayed. */
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT id FROM items WHERE guid = 'a'"), ==, row_before);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM items"), ==, 2);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM items WHERE guid = 'b'"), ==, 0);
  /* With their bodies and keys, those of the item gone too. */
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM items JOIN item_bodies ON "
                                                                  "item_id = id JOIN item_keys USING (item_id)"), ==, 2);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_bodies"), ==, 2);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_keys"), ==, 2);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT count(*) FROM item_bodies JOIN items ON "
                                                                  "item_id = id WHERE guid = 'a' AND "
                                                                  "content_text = 'Alpha revised'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->store_path, "SELECT instr(CAST(search_key AS TEXT), 'revised') > 0 "
                                                                  "FROM item_keys JOIN items ON item_id = id "
                                                                  "WHERE guid = 'a'"), ==, 1);

  library = restore_library (fixture);
  story = chronicle_library_find_story (library, "a");
  g_assert_cmpstr (chronicle_story_get_title (story), ==, "Second draft");
  g_assert_true (chronicle_story_get_read (story));
  g_assert_nonnull (chronicle_library_find_story (library, "c"));
  g_assert_null (chronicle_library_find_story (library, "b"));
  close_library (library);
}

/* A restored library searches the words of bodies it never read. */
static void
test_library_restore_search (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "search.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) terms = chronicle_search_terms ("ÜBERRASCHUNG");
  g_autoptr(ChronicleSearchResult) result = NULL;
  ChronicleLibrary *library;

  write_feed (path, "{\"id\": \"x\", \"title\": \"Plain\", \"content_html\": \"<p>Eine große Überraschung</p>\"},"
                    "{\"id\": \"y\", \"title\": \"Other\", \"content_text\": \"Nothing here\"}");
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);

  library = restore_library (fixture);
  g_assert_true (chronicle_item_get_partial (chronicle_story_get_original (chronicle_library_find_story (library, "x"))));
  result = chronicle_library_search (library, terms, NULL);
  g_assert_true (chronicle_search_result_contains (result, chronicle_library_find_story (library, "x")));
  g_assert_false (chronicle_search_result_contains (result, chronicle_library_find_story (library, "y")));
  close_library (library);
}

/* A start reads the store on a worker, for seconds when an older library
 * is brought up to date first: the library says it is loading from the
 * start until all is listed. */
static void
test_library_loading_while_restored (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "some.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  ChronicleLibrary *library;
  g_autoptr(GError) error = NULL;

  write_feed (path, "{\"id\": \"a\", \"title\": \"One\", \"content_text\": \"x\"}");
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  chronicle_test_library_settle (fixture->library);

  library = chronicle_test_library_new (fixture->store_path);
  g_assert_false (chronicle_library_get_loading (library));
  chronicle_library_restore_async (library, NULL, chronicle_test_store_result, &result);
  g_assert_true (chronicle_library_get_loading (library));
  chronicle_test_restore_finish (library, &result);
  chronicle_test_library_settle (library);
  g_assert_false (chronicle_library_get_loading (library));
  g_assert_nonnull (chronicle_library_find_story (library, "a"));
  close_library (library);
}

static void
add_json (Fixture    *fixture,
          const char *id,
          const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, NULL);

  g_assert_nonnull (feed);
  chronicle_library_add_feed (fixture->library, id, id, feed, FALSE);
  while (chronicle_library_get_loading (fixture->library))
    g_main_context_iteration (NULL, TRUE);
}

/* Each article is found by its id, as a timeline source names it, in
 * the story that holds it: also when another collection has a story
 * keyed by that id which does not hold it, and after that collection
 * goes. */
static void
test_library_find_by_item (Fixture       *fixture,
                           gconstpointer  data)
{
  ChronicleStory *keyed, *alone;

  add_json (fixture, "a", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"A\", \"items\": ["
                          "{\"id\": \"y\", \"content_text\": \"Y\", \"_chronicle\": {\"story\": \"x\"}},"
                          "{\"id\": \"z\", \"content_text\": \"Z\", \"_chronicle\": {\"story\": \"w\"}}]}");
  add_json (fixture, "b", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"B\", \"items\": ["
                          "{\"id\": \"x\", \"content_text\": \"X\"},"
                          "{\"id\": \"v\", \"content_text\": \"V\"}]}");

  keyed = chronicle_library_find_story (fixture->library, "x");
  g_assert_nonnull (keyed);
  g_assert_cmpstr (chronicle_story_get_collection_id (keyed), ==, "a");
  g_assert_true (chronicle_library_find_story_by_item (fixture->library, "y") == keyed);

  alone = chronicle_library_find_story_by_item (fixture->library, "x");
  g_assert_nonnull (alone);
  g_assert_cmpstr (chronicle_story_get_collection_id (alone), ==, "b");
  g_assert_cmpstr (chronicle_item_get_id (chronicle_story_get_item (alone, 0)), ==, "x");
  g_assert_true (chronicle_library_find_story_by_item (fixture->library, "v") ==
                 chronicle_library_find_story (fixture->library, "v"));

  /* Keys that are no article's id find none. */
  g_assert_nonnull (chronicle_library_find_story (fixture->library, "w"));
  g_assert_null (chronicle_library_find_story_by_item (fixture->library, "w"));

  g_assert_true (chronicle_library_remove_collection (fixture->library, "a"));
  g_assert_null (chronicle_library_find_story_by_item (fixture->library, "y"));
  g_assert_true (chronicle_library_find_story_by_item (fixture->library, "x") == alone);

  g_assert_true (chronicle_library_remove_collection (fixture->library, "b"));
  g_assert_null (chronicle_library_find_story_by_item (fixture->library, "x"));
  g_assert_null (chronicle_library_find_story_by_item (fixture->library, "v"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/add-and-restore", Fixture, NULL, fixture_set_up, test_library_add_and_restore, fixture_tear_down);
  g_test_add ("/library/reopen-merges", Fixture, NULL, fixture_set_up, test_library_reopen_merges, fixture_tear_down);
  g_test_add ("/library/restore-search", Fixture, NULL, fixture_set_up, test_library_restore_search, fixture_tear_down);
  g_test_add ("/library/loading-while-restored", Fixture, NULL, fixture_set_up, test_library_loading_while_restored,
              fixture_tear_down);
  g_test_add ("/library/rss-restore", Fixture, NULL, fixture_set_up, test_library_rss_restore, fixture_tear_down);
  g_test_add ("/library/broken-changes-nothing", Fixture, NULL, fixture_set_up, test_library_broken_changes_nothing, fixture_tear_down);
  g_test_add ("/library/large-in-slices", Fixture, NULL, fixture_set_up, test_library_large_in_slices, fixture_tear_down);
  g_test_add ("/library/slices-at-top", Fixture, NULL, fixture_set_up, test_library_slices_at_top, fixture_tear_down);
  g_test_add ("/library/paced-by-view", Fixture, NULL, fixture_set_up, test_library_paced_by_view, fixture_tear_down);
  g_test_add ("/library/restore-in-parts", Fixture, NULL, fixture_set_up, test_library_restore_in_parts,
              fixture_tear_down);
  g_test_add ("/library/restore-keeps-rows", Fixture, NULL, fixture_set_up, test_library_restore_keeps_rows,
              fixture_tear_down);
  g_test_add ("/library/restore-same-stories", Fixture, NULL, fixture_set_up, test_library_restore_same_stories,
              fixture_tear_down);
  g_test_add ("/library/remove-while-loading", Fixture, NULL, fixture_set_up, test_library_remove_while_loading, fixture_tear_down);
  g_test_add ("/library/sorted/runs", Fixture, GUINT_TO_POINTER (10), fixture_set_up, test_library_sorted, fixture_tear_down);
  g_test_add ("/library/sorted/replace", Fixture, GUINT_TO_POINTER (500), fixture_set_up, test_library_sorted, fixture_tear_down);
  g_test_add ("/library/search", Fixture, NULL, fixture_set_up, test_library_search, fixture_tear_down);
  g_test_add ("/library/search-bundled", Fixture, NULL, fixture_set_up, test_library_search_bundled, fixture_tear_down);
  g_test_add ("/library/bundled-keys-later", Fixture, NULL, fixture_set_up, test_library_bundled_keys_later,
              fixture_tear_down);
  g_test_add ("/library/stories-across-parts", Fixture, NULL, fixture_set_up, test_library_stories_across_parts,
              fixture_tear_down);
  g_test_add ("/library/stories-across-parts/five", Fixture, GUINT_TO_POINTER (5), fixture_set_up,
              test_library_stories_across_parts, fixture_tear_down);
  g_test_add ("/library/find-by-item", Fixture, NULL, fixture_set_up, test_library_find_by_item, fixture_tear_down);
  g_test_add ("/library/languages", Fixture, NULL, fixture_set_up, test_library_languages, fixture_tear_down);

  return g_test_run ();
}
