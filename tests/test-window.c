/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-list.h"
#include "chronicle-feed-parser.h"
#include "chronicle-test-utils.h"

typedef struct
{
  ChronicleApplication *app;
  ChronicleWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_window_title (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Chronicle");
}

static void
test_window_views (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwViewStack *stack = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "stack");
  AdwViewSwitcher *switcher = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "switcher");
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  g_autoptr(AdwViewStackPage) first = NULL;
  g_autoptr(AdwViewStackPage) second = NULL;

  /* The switcher in the header bar is the one the user sees and it shows
   * this stack's pages. */
  g_assert_true (adw_view_switcher_get_stack (switcher) == stack);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (switcher)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (switcher)));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (pages), 0);
  second = g_list_model_get_item (G_LIST_MODEL (pages), 1);
  g_assert_cmpstr (adw_view_stack_page_get_title (first), ==, "Articles");
  g_assert_cmpstr (adw_view_stack_page_get_title (second), ==, "Timeline");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "articles");

  /* Choosing the second view shows it. */
  gtk_selection_model_select_item (pages, 1, TRUE);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");
}

static gboolean
is_collapsed (gpointer data)
{
  return adw_navigation_split_view_get_collapsed (data);
}

static gboolean
is_expanded (gpointer data)
{
  return !adw_navigation_split_view_get_collapsed (data);
}

static void
test_window_breakpoint (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwNavigationSplitView *split_view = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "split_view");
  AdwViewSwitcherBar *switcher_bar = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "switcher_bar");
  AdwHeaderBar *header_bar = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "header_bar");

  /* Wide: both panes side by side, the switcher in the header bar. */
  chronicle_test_assert_until (is_expanded, split_view);
  g_assert_false (adw_view_switcher_bar_get_reveal (switcher_bar));
  g_assert_nonnull (adw_header_bar_get_title_widget (header_bar));

  /* Phone-sized: one pane at a time, the switcher at the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 720);
  chronicle_test_assert_until (is_collapsed, split_view);
  g_assert_true (adw_view_switcher_bar_get_reveal (switcher_bar));
  g_assert_null (adw_header_bar_get_title_widget (header_bar));

  /* And back. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 720);
  chronicle_test_assert_until (is_expanded, split_view);
  g_assert_false (adw_view_switcher_bar_get_reveal (switcher_bar));
}

static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (app, "app.quit");
  g_auto(GStrv) close = gtk_application_get_accels_for_action (app, "window.close");
  g_auto(GStrv) shortcuts = gtk_application_get_accels_for_action (app, "app.shortcuts");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (app, "app.preferences");

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char * const *) shortcuts, "<Control>question"));
  g_assert_true (g_strv_contains ((const char * const *) prefs, "<Control>comma"));
}

/* Whether a label under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
popover_mapped (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The menus are made when they first open; they open with their items,
 * every time. */
static void
test_window_menus (Fixture       *fixture,
                   gconstpointer  data)
{
  ChronicleArticleList *list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  struct {
    GtkMenuButton *button;
    const char    *item;
  } menus[] = {
    { chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "primary_menu_button"), "Add Subscription…" },
    { chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "list_menu_button"), "Mark All as Read" },
  };

  g_assert_true (gtk_menu_button_get_primary (menus[0].button));
  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    for (guint opening = 0; opening < 2; opening++)
      {
        GtkPopover *popover;

        g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (menus[i].button)));
        gtk_menu_button_popup (menus[i].button);
        chronicle_test_assert_until (popover_mapped, menus[i].button);
        popover = gtk_menu_button_get_popover (menus[i].button);
        g_assert_true (GTK_IS_POPOVER_MENU (popover));
        g_assert_true (shows_label (GTK_WIDGET (popover), menus[i].item));
        gtk_menu_button_popdown (menus[i].button);
        chronicle_test_iterate (50);
        g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));
      }
}

static gboolean
has_no_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) == NULL;
}

static gboolean
size_saved (gpointer settings)
{
  return g_settings_get_int (settings, "window-width") == 900 && g_settings_get_int (settings, "window-height") == 650;
}

/* Whether every weak pointer in the NULL-terminated @data is cleared. */
static gboolean
all_gone (gpointer data)
{
  for (gpointer *pointers = data; *pointers != NULL; pointers++)
    if (*(gpointer *) *pointers != NULL)
      return FALSE;
  return TRUE;
}

static gboolean
has_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) != NULL;
}

static void
test_window_dialogs (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *actions[] = { "preferences", "shortcuts", "about" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      AdwDialog *dialog;

      g_action_group_activate_action (G_ACTION_GROUP (fixture->app), actions[i], NULL);
      chronicle_test_assert_until (has_dialog, fixture->window);
      dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)) ||
                     chronicle_test_wait_until ((ChronicleTestCondition) gtk_widget_get_mapped, dialog, 5000));
      adw_dialog_force_close (dialog);
      chronicle_test_assert_until (has_no_dialog, fixture->window);
    }
}

static void
test_window_size_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  GSettings *settings = chronicle_application_get_settings (fixture->app);
  ChronicleWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 650);
  chronicle_test_assert_until (size_saved, settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);

  second = chronicle_window_new (fixture->app);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  gtk_window_destroy (GTK_WINDOW (second));
}

static gboolean
not_busy (gpointer window)
{
  return !chronicle_window_get_busy (window);
}

/* Closing a window frees it and everything in it: a window kept alive by a
 * stray reference would keep every article it showed. */
static void
test_window_finalized (void)
{
  ChronicleApplication *app = chronicle_test_application_get ();
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window = chronicle_window_new (app);
  gpointer window_ptr = window;
  gpointer list = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list");
  gpointer view = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_view");
  gpointer timeline = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "timeline_view");

  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_assert_until (gtk_widget_get_mapped, window);
  chronicle_window_show_story (window, chronicle_library_find_story_by_item (library, "tencent-2024-08-06-schulman-de"), NULL);
  chronicle_window_set_view (window, "timeline");
  chronicle_test_wait_frames (window, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL);
  chronicle_test_assert_until (has_dialog, window);
  chronicle_test_wait_frames (window, 3);

  g_object_add_weak_pointer (G_OBJECT (window), &window_ptr);
  g_object_add_weak_pointer (G_OBJECT (list), &list);
  g_object_add_weak_pointer (G_OBJECT (view), &view);
  g_object_add_weak_pointer (G_OBJECT (timeline), &timeline);

  gtk_window_destroy (GTK_WINDOW (window));
  chronicle_test_wait_until (all_gone, (gpointer []) { &window_ptr, &list, &view, &timeline, NULL }, 5000);

  g_assert_null (window_ptr);
  g_assert_null (list);
  g_assert_null (view);
  g_assert_null (timeline);
}

/* A spinner says the window is loading once that has gone on for a
 * second: the HIG asks for none that only flashes. */
static void
test_window_spinner_delayed (void)
{
  static const char json[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Slow Gazette\", \"items\": ["
    "{\"id\": \"slow-1\", \"title\": \"Waiting\", \"content_text\": \"Still waiting.\","
    " \"date_published\": \"2024-08-07T10:00:00Z\"}]}";
  ChronicleApplication *app = chronicle_test_application_get ();
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window = chronicle_window_new (app);
  GtkWidget *spinner = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "loading_spinner");
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, NULL);

  /* Nothing lists the stories until the pacing is released: the window
   * is not shown, and the test holds it. */
  chronicle_library_hold_pacing (library);
  chronicle_library_add_feed (library, "slow-gazette", "slow.json", feed, FALSE);
  g_assert_true (chronicle_window_get_busy (window));
  g_assert_false (gtk_widget_get_visible (spinner));
  chronicle_test_iterate (300);
  g_assert_true (chronicle_window_get_busy (window));
  g_assert_false (gtk_widget_get_visible (spinner));

  chronicle_test_assert_until (gtk_widget_get_visible, spinner);
  g_assert_true (chronicle_window_get_busy (window));

  chronicle_library_release_pacing (library);
  chronicle_test_assert_until (not_busy, window);
  g_assert_false (gtk_widget_get_visible (spinner));

  chronicle_library_remove_collection (library, "slow-gazette");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/window/title", Fixture, NULL, fixture_set_up, test_window_title, fixture_tear_down);
  g_test_add ("/window/views", Fixture, NULL, fixture_set_up, test_window_views, fixture_tear_down);
  g_test_add ("/window/breakpoint", Fixture, NULL, fixture_set_up, test_window_breakpoint, fixture_tear_down);
  g_test_add ("/window/actions", Fixture, NULL, fixture_set_up, test_window_actions, fixture_tear_down);
  g_test_add ("/window/menus", Fixture, NULL, fixture_set_up, test_window_menus, fixture_tear_down);
  g_test_add ("/window/dialogs", Fixture, NULL, fixture_set_up, test_window_dialogs, fixture_tear_down);
  g_test_add ("/window/size-remembered", Fixture, NULL, fixture_set_up, test_window_size_remembered, fixture_tear_down);

  g_test_add_func ("/window/finalized", test_window_finalized);
  g_test_add_func ("/window/spinner-delayed", test_window_spinner_delayed);

  return g_test_run ();
}
