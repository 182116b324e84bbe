/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chronicle-state.h"

/* A process that saves the reading state over and over is killed with
 * SIGKILL at random moments.  Each time, the state that loads must be
 * exactly the last one whose save had returned when the process died, or
 * the one it was writing then; never an older one, a mix, or a broken
 * file. */

#define N_KILLS 200
#define N_KEYS 50

/* Shared between the test and the writer it forks. */
typedef struct
{
  gint64 next;       /* the generation the next writer starts from */
  gint64 completed;  /* the last generation whose save returned */
} Progress;

/* Each generation is one whole state: a collection named after it, and
 * every key with the same position and read flag, both derived from it. */
static double
position_of (gint64 generation)
{
  /* Steps of 0.01: the state ignores changes of a position under 0.001. */
  return (generation % 100) / 100.0;
}

static void
write_forever (const char *directory,
               Progress   *progress)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (directory);
  g_autofree char *previous = NULL;

  for (gint64 generation = progress->next; ; generation++)
    {
      g_autofree char *id = g_strdup_printf ("gen-%" G_GINT64_FORMAT, generation);

      if (previous != NULL)
        chronicle_state_remove_collection (state, previous);
      chronicle_state_add_collection (state, id, "collections/x.json", "x.json");
      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("story-%u", i);
          chronicle_state_set_position (state, key, position_of (generation));
          chronicle_state_set_read (state, key, generation % 2);
        }

      if (!chronicle_state_save (state, NULL))
        _exit (2);
      __atomic_store_n (&progress->completed, generation, __ATOMIC_SEQ_CST);
      g_set_str (&previous, id);
    }
}

static void
remove_tree (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
  g_rmdir (directory);
}

/* The generation of the state that loads, checking that it is whole. */
static gint64
loaded_generation (const char *directory)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (directory);
  g_autofree char *set_aside = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleSavedCollection *collection;
  GPtrArray *collections;
  gint64 generation;

  /* It loads, and nothing is set aside as damaged. */
  g_assert_true (chronicle_state_load (state, &set_aside, &error));
  g_assert_no_error (error);
  g_assert_null (set_aside);

  collections = chronicle_state_get_collections (state);
  if (collections->len == 0)
    return 0;

  g_assert_cmpuint (collections->len, ==, 1);
  collection = g_ptr_array_index (collections, 0);
  g_assert_true (g_str_has_prefix (collection->id, "gen-"));
  generation = g_ascii_strtoll (collection->id + 4, NULL, 10);

  for (guint i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("story-%u", i);

      g_assert_cmpfloat (chronicle_state_get_position (state, key), ==, position_of (generation));
      g_assert_cmpint (chronicle_state_get_read (state, key), ==, generation % 2);
    }

  return generation;
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("chronicle-kill-XXXXXX", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240806);
  Progress *progress;
  guint newer = 0, saving = 0;

  g_assert_no_error (error);
  progress = mmap (NULL, sizeof *progress, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  g_assert_true (progress != MAP_FAILED);
  progress->next = 1;
  progress->completed = 0;

  for (guint kill_number = 0; kill_number < N_KILLS; kill_number++)
    {
      gint64 before = progress->completed;
      gint64 completed, loaded;
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        write_forever (directory, progress);

      g_usleep (g_rand_int_range (rand, 0, 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      completed = __atomic_load_n (&progress->completed, __ATOMIC_SEQ_CST);
      loaded = loaded_generation (directory);

      /* The last completed save, or the one under way when the process
       * died (its file may already be in place); if this writer completed
       * none, what the one before left. */
      if (completed == before)
        g_assert_true (loaded == before || loaded == progress->next);
      else
        g_assert_true (loaded == completed || loaded == completed + 1);
      if (loaded == completed + 1 || (completed == before && loaded == progress->next))
        newer++;
      if (completed != before)
        saving++;

      /* The next writer goes on after everything this one may have done. */
      progress->completed = loaded;
      progress->next = MAX (completed, loaded) + 2;
    }

  /* Otherwise nothing was tested. */
  g_test_message ("%u of %d writers completed a save; %u kills left the save under way in place",
                  saving, N_KILLS, newer);
  g_assert_cmpuint (saving, >, 0);

  munmap (progress, sizeof *progress);
  remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/state/kill", test_kill);

  return g_test_run ();
}
