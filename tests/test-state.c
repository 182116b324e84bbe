/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chronicle-error.h"
#include "chronicle-state.h"

typedef struct
{
  char *directory;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("chronicle-state-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (directory);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static void
test_state_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->directory);
  g_autoptr(ChronicleState) again = chronicle_state_new (fixture->directory);
  g_autoptr(GError) error = NULL;
  ChronicleSavedCollection *collection;

  g_assert_true (chronicle_state_load (state, NULL, &error));
  g_assert_false (chronicle_state_get_read (state, "story-a"));

  chronicle_state_set_read (state, "story-a", TRUE);
  chronicle_state_set_starred (state, "story-b", TRUE);
  chronicle_state_set_position (state, "story-b", 0.4);
  chronicle_state_add_collection (state, "abc", "collections/abc.json", "news.json");
  g_assert_true (chronicle_state_save (state, &error));
  g_assert_no_error (error);

  g_assert_true (chronicle_state_load (again, NULL, &error));
  g_assert_true (chronicle_state_get_read (again, "story-a"));
  g_assert_false (chronicle_state_get_starred (again, "story-a"));
  g_assert_true (chronicle_state_get_starred (again, "story-b"));
  g_assert_false (chronicle_state_get_read (again, "story-b"));
  g_assert_cmpfloat_with_epsilon (chronicle_state_get_position (again, "story-b"), 0.4, 0.0001);
  g_assert_cmpuint (chronicle_state_get_collections (again)->len, ==, 1);
  collection = g_ptr_array_index (chronicle_state_get_collections (again), 0);
  g_assert_cmpstr (collection->id, ==, "abc");
  g_assert_cmpstr (collection->name, ==, "news.json");
}

static void
changed_cb (ChronicleState *state,
            const char     *key,
            gpointer        user_data)
{
  g_ptr_array_add (user_data, g_strdup (key));
}

static void
test_state_changed_signal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->directory);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (state, "changed", G_CALLBACK (changed_cb), keys);
  chronicle_state_set_starred (state, "x", TRUE);
  chronicle_state_set_starred (state, "x", TRUE);
  chronicle_state_set_read (state, "y", TRUE);

  /* Setting what is already set changes nothing. */
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, "y");
}

static void
test_state_atomic_write (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->directory);
  g_autofree char *path = g_build_filename (fixture->directory, "state.json", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  GStatBuf buf;

  chronicle_state_set_read (state, "a", TRUE);
  g_assert_true (chronicle_state_save (state, &error));
  chronicle_state_set_read (state, "b", TRUE);
  g_assert_true (chronicle_state_save (state, &error));

  /* Only the state file is left: no temporary files beside it, and it is
   * private to the user. */
  dir = g_dir_open (fixture->directory, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "state.json");
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

static void
test_state_corrupt (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *broken[] = {
    "{\"version\": 1, \"articles\": {\"a\": {\"read\": tr",
    "[1, 2]",
    "{\"version\": 99}",
    "{\"version\": 1, \"articles\": []}",
    "{\"version\": 1, \"collections\": [{\"id\": \"x\", \"file\": \"../../etc/passwd\"}]}",
    "\xff\xfe garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(ChronicleState) state = chronicle_state_new (fixture->directory);
      g_autofree char *path = g_build_filename (fixture->directory, "state.json", NULL);
      g_autofree char *aside = NULL;
      g_autofree char *kept = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, broken[i], -1, NULL));

      /* Not fatal: the state starts empty, the reader is told, and the
       * broken file is set aside with its contents intact. */
      g_assert_false (chronicle_state_load (state, &aside, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (aside);
      g_assert_true (g_str_has_prefix (aside, path));
      g_assert_true (strstr (aside, ".broken-") != NULL);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, broken[i]);
      g_assert_false (chronicle_state_get_read (state, "a"));
      g_assert_cmpuint (chronicle_state_get_collections (state)->len, ==, 0);
      g_unlink (aside);
    }
}

static void
test_state_missing_is_empty (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *inner = g_build_filename (fixture->directory, "not-yet", NULL);
  g_autoptr(ChronicleState) state = chronicle_state_new (inner);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;

  g_assert_true (chronicle_state_load (state, &aside, &error));
  g_assert_no_error (error);
  g_assert_null (aside);

  /* Saving creates the folder. */
  chronicle_state_set_starred (state, "s", TRUE);
  g_assert_true (chronicle_state_save (state, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/state/round-trip", Fixture, NULL, fixture_set_up, test_state_round_trip, fixture_tear_down);
  g_test_add ("/state/changed-signal", Fixture, NULL, fixture_set_up, test_state_changed_signal, fixture_tear_down);
  g_test_add ("/state/atomic-write", Fixture, NULL, fixture_set_up, test_state_atomic_write, fixture_tear_down);
  g_test_add ("/state/corrupt", Fixture, NULL, fixture_set_up, test_state_corrupt, fixture_tear_down);
  g_test_add ("/state/missing-is-empty", Fixture, NULL, fixture_set_up, test_state_missing_is_empty, fixture_tear_down);

  return g_test_run ();
}
