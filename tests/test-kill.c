/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chronicle-state.h"

/* A process that saves the reading state over and over is killed with
 * SIGKILL at random moments.  Each time, the file left behind must load and
 * hold one whole state, the old one or the new one, never a mix or a
 * broken file. */

#define N_KILLS 200
#define N_KEYS 50

static void
write_forever (const char *directory)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (directory);

  /* Generations count up; every key of one save has the same position. */
  for (guint generation = 1; ; generation++)
    {
      double position = (generation % 1000) / 1000.0;

      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("story-%u", i);
          chronicle_state_set_position (state, key, position);
          chronicle_state_set_read (state, key, generation % 2);
        }

      if (!chronicle_state_save (state, NULL))
        _exit (2);
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

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("chronicle-kill-XXXXXX", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240806);
  guint whole = 0;

  g_assert_no_error (error);

  for (guint kill_number = 0; kill_number < N_KILLS; kill_number++)
    {
      g_autoptr(ChronicleState) state = chronicle_state_new (directory);
      g_autofree char *set_aside = NULL;
      pid_t pid = fork ();
      int status;
      double first = -1;
      gboolean read_first = FALSE;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        write_forever (directory);

      g_usleep (g_rand_int_range (rand, 0, 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      /* The state loads (nothing set aside), and it is one whole save. */
      g_assert_true (chronicle_state_load (state, &set_aside, &error));
      g_assert_no_error (error);
      g_assert_null (set_aside);

      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("story-%u", i);
          double position = chronicle_state_get_position (state, key);
          gboolean read = chronicle_state_get_read (state, key);

          if (i == 0)
            {
              first = position;
              read_first = read;
            }
          g_assert_cmpfloat (position, ==, first);
          g_assert_true (read == read_first);
        }

      if (first >= 0 && g_file_test (directory, G_FILE_TEST_IS_DIR))
        whole++;
    }

  g_assert_cmpuint (whole, ==, N_KILLS);
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
