/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-test-utils.h"

/* Started under LANG=C with Russian chosen in Preferences, the window is in
 * Russian from the start. */

static void
test_startup_russian (void)
{
  ChronicleApplication *app;
  ChronicleWindow *window;
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(AdwViewStackPage) timeline = NULL;

  app = chronicle_test_application_get ();
  window = chronicle_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_assert_until (gtk_widget_get_mapped, window);

  stack = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "stack");
  pages = adw_view_stack_get_pages (stack);
  timeline = g_list_model_get_item (G_LIST_MODEL (pages), 1);
  g_assert_cmpstr (adw_view_stack_page_get_title (timeline), !=, "Timeline");
  g_assert_cmpstr (adw_view_stack_page_get_title (timeline), ==, g_dgettext (GETTEXT_PACKAGE, "Timeline"));
  /* Cyrillic, as Russian is written. */
  g_assert_true (g_unichar_get_script (g_utf8_get_char (adw_view_stack_page_get_title (timeline))) ==
                 G_UNICODE_SCRIPT_CYRILLIC);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;

  /* The preference, as a previous run saved it. */
  settings = g_settings_new (BASE_ID);
  g_settings_set_string (settings, "language", "ru");

  chronicle_test_init_ui (&argc, &argv);
  g_test_add_func ("/language/startup-russian", test_startup_russian);

  return g_test_run ();
}
