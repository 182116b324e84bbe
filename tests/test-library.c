/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "chronicle-event.h"
#include "chronicle-library.h"

typedef struct
{
  char             *directory;
  ChronicleState   *state;
  ChronicleLibrary *library;
  GAsyncResult     *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("chronicle-library-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->state = chronicle_state_new (fixture->directory);
  fixture->library = chronicle_library_new (fixture->state);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *collections = g_build_filename (fixture->directory, "collections", NULL);
  g_autoptr(GDir) dir = g_dir_open (collections, 0, NULL);
  g_autofree char *state = g_build_filename (fixture->directory, "state.json", NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (collections, name, NULL);
      g_unlink (path);
    }
  g_rmdir (collections);
  g_unlink (state);
  g_rmdir (fixture->directory);

  g_clear_object (&fixture->library);
  g_clear_object (&fixture->state);
  g_free (fixture->directory);
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

static void
test_library_add_and_restore (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(ChronicleLibrary) library = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  ChronicleCollection *collection;
  ChronicleStory *story;

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

  /* Opening the same file again adds nothing. */
  g_assert_true (add_file (fixture, path, NULL, &error) == collection);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (fixture->library)), ==, 1);

  chronicle_story_set_starred (story, TRUE);
  g_assert_true (chronicle_state_save (fixture->state, &error));

  /* The next start finds it again, from its copy. */
  state = chronicle_state_new (fixture->directory);
  g_assert_true (chronicle_state_load (state, NULL, &error));
  library = chronicle_library_new (state);
  fixture->result = NULL;
  chronicle_library_restore_async (library, NULL, store_result, fixture);
  result = wait_result (fixture);
  fixture->result = NULL;
  failures = chronicle_library_restore_finish (library, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, 2);
  g_assert_true (chronicle_story_get_starred (chronicle_library_find_story (library, "story-1")));

  /* Removing it removes its stories, events and copy. */
  g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (collection)));
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (library)), ==, 0);
  g_assert_cmpuint (chronicle_state_get_collections (state)->len, ==, 0);
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
  g_assert_cmpuint (chronicle_state_get_collections (fixture->state)->len, ==, 0);
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

static void
test_library_large_in_slices (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "large.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"L\", \"items\": [");
  g_autoptr(GError) error = NULL;
  GListModel *stories = chronicle_library_get_stories (fixture->library);
  guint changes = 0;

  for (guint i = 0; i < 4500; i++)
    g_string_append_printf (json, "%s{\"id\": \"%u\", \"content_text\": \"Article %u\"}", i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  /* The first slice comes at once; the rest while the main loop turns,
   * and "loading" says so meanwhile. */
  g_assert_nonnull (add_file (fixture, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 2000);
  g_assert_true (chronicle_library_get_loading (fixture->library));
  g_assert_nonnull (chronicle_library_find_story (fixture->library, "0"));

  while (chronicle_library_get_loading (fixture->library))
    {
      g_main_context_iteration (NULL, TRUE);
      changes++;
    }
  g_assert_cmpuint (changes, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 4500);
  g_assert_nonnull (chronicle_library_find_story (fixture->library, "4499"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/add-and-restore", Fixture, NULL, fixture_set_up, test_library_add_and_restore, fixture_tear_down);
  g_test_add ("/library/broken-changes-nothing", Fixture, NULL, fixture_set_up, test_library_broken_changes_nothing, fixture_tear_down);
  g_test_add ("/library/large-in-slices", Fixture, NULL, fixture_set_up, test_library_large_in_slices, fixture_tear_down);
  g_test_add ("/library/languages", Fixture, NULL, fixture_set_up, test_library_languages, fixture_tear_down);

  return g_test_run ();
}
