/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "chronicle-locale.h"
#include "chronicle-store-test.h"
#include "chronicle-test-utils.h"

/* Each test program keeps its saved state in a folder of its own, never in
 * the user's. */
static char *private_data_dir;
static pid_t private_data_owner;

/* Libraries of 100 000 items are 500 MB: left in a /tmp in memory, a
 * suite's runs slowed each other (restores 458, 528, 736 … 852 ms in six
 * runs in a row, against 473 to 519 with the folder removed each time). */
static void
remove_private_data_dir (void)
{
  /* Not from a child that the tests forked. */
  if (getpid () == private_data_owner)
    chronicle_test_remove_tree (private_data_dir);
}

static void
use_private_data_dir (void)
{
  g_autoptr(GError) error = NULL;

  private_data_dir = g_dir_make_tmp ("chronicle-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", private_data_dir, TRUE);
  private_data_owner = getpid ();
  atexit (remove_private_data_dir);
}

void
chronicle_test_init_ui (int    *argc,
                        char ***argv)
{
  use_private_data_dir ();
  /* As main() does: the language switcher must see the process locale
   * before anything is translated. */
  chronicle_locale_init ();
  gtk_disable_setlocale ();
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

/**
 * chronicle_test_application_get:
 *
 * Returns: (transfer none): the test program's application, registered as
 *   after start-up.  It does not claim its bus name, so test programs can run
 *   side by side; there is one per process because an application object
 *   exports itself on the session bus.
 */
ChronicleApplication *
chronicle_test_application_get (void)
{
  static ChronicleApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;

  app = chronicle_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: for the benchmarks, which let a
 * window settle before they measure; tests wait for conditions instead. */
void
chronicle_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *left)
{
  if (*left > 0 && --*left > 0)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
no_frames_left (gpointer data)
{
  return *(guint *) data == 0;
}

/* Runs the main loop until @widget's window has drawn @n more frames: what
 * a change leads to in the next frames (a layout, a scroll) has happened. */
void
chronicle_test_wait_frames (gpointer widget,
                            guint    n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (widget));
  guint left = n;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &left);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  chronicle_test_assert_until (no_frames_left, &left);
  g_signal_handler_disconnect (clock, id);
}

/* Runs what the main loop has ready, without waiting for anything. */
void
chronicle_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * chronicle_test_window_new:
 *
 * Returns: (transfer none): a new window of the test application, shown at
 *   1100×720 and mapped
 */
ChronicleWindow *
chronicle_test_window_new (void)
{
  ChronicleWindow *window = chronicle_window_new (chronicle_test_application_get ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_assert_until (gtk_widget_get_mapped, window);
  return window;
}

/**
 * chronicle_test_write_file:
 *
 * Returns: (transfer full): a temporary file with @contents, named @name
 */
GFile *
chronicle_test_write_file (const char *name,
                           const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

gpointer
chronicle_test_get_child (gpointer    widget,
                          GType       widget_type,
                          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), widget_type, name);

  g_assert_nonnull (child);
  return child;
}
