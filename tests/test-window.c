/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-list.h"
#include "chronicle-feed-parser.h"
#include "chronicle-item-private.h"
#include "chronicle-story-row.h"
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
  ChronicleTimelineView *timeline;

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

  /* Choosing the second view shows it: the timeline, made as it is first
   * shown, with the bundled story's events. */
  gtk_selection_model_select_item (pages, 1, TRUE);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");
  timeline = chronicle_window_get_timeline_view (fixture->window);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (timeline), adw_view_stack_get_visible_child (stack)));
  chronicle_test_assert_until (gtk_widget_get_mapped, timeline);
  g_assert_cmpuint (chronicle_timeline_view_get_n_shown (timeline), >, 0);
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

/* The view buttons under @widget. */
static guint
count_buttons (GtkWidget *widget)
{
  guint n = GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_buttons (child);
  return n;
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
  g_assert_cmpuint (count_buttons (GTK_WIDGET (switcher_bar)), ==, 0);
  g_assert_nonnull (adw_header_bar_get_title_widget (header_bar));

  /* Phone-sized: one pane at a time, the switcher at the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 720);
  chronicle_test_assert_until (is_collapsed, split_view);
  g_assert_true (adw_view_switcher_bar_get_reveal (switcher_bar));
  g_assert_null (adw_header_bar_get_title_widget (header_bar));
  /* The bar has its buttons once it shows, not before. */
  g_assert_true (adw_view_switcher_bar_get_stack (switcher_bar) ==
                 chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "stack"));
  g_assert_cmpuint (count_buttons (GTK_WIDGET (switcher_bar)), ==, 2);

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
  gpointer timeline = chronicle_window_get_timeline_view (window);

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

static graphene_rect_t
bounds_in_row (GtkWidget  *row,
               const char *name)
{
  GtkWidget *child = NULL;
  graphene_rect_t bounds;

  if (g_str_equal (name, "star"))
    {
      for (child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          if (gtk_widget_has_css_class (child, "star"))
            break;
        }
    }
  else
    child = chronicle_test_get_child (row, CHRONICLE_TYPE_STORY_ROW, name);

  g_assert_nonnull (child);
  g_assert_true (gtk_widget_get_mapped (child));
  g_assert_true (gtk_widget_compute_bounds (child, row, &bounds));
  return bounds;
}

static double
right (graphene_rect_t rect)
{
  return rect.origin.x + rect.size.width;
}

static double
bottom (graphene_rect_t rect)
{
  return rect.origin.y + rect.size.height;
}

/* A row @width wide in a window of its own, shown; returns the height of
 * its title. */
static double
check_story_row (ChronicleStory   *story,
                 int               width,
                 GtkTextDirection  direction)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = g_object_new (CHRONICLE_TYPE_STORY_ROW, NULL);
  graphene_rect_t dot, title, meta, excerpt, star;
  double title_height;

  gtk_widget_set_direction (row, direction);
  chronicle_story_row_set_story (CHRONICLE_STORY_ROW (row), story);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 50);
  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_wait_frames (window, 2);

  dot = bounds_in_row (row, "dot");
  title = bounds_in_row (row, "title_label");
  meta = bounds_in_row (row, "meta_label");
  excerpt = bounds_in_row (row, "excerpt_label");
  star = bounds_in_row (row, "star");

  /* Title, source and date, excerpt: one under the other, aligned, all
   * inside the row, which is as tall as they are. */
  g_assert_cmpfloat (meta.origin.y, >=, bottom (title));
  g_assert_cmpfloat (excerpt.origin.y, >=, bottom (meta));
  g_assert_cmpfloat (bottom (excerpt), <=, gtk_widget_get_height (row));
  g_assert_cmpfloat (bottom (excerpt), >=, gtk_widget_get_height (row) - 1);
  g_assert_cmpfloat (meta.origin.x, ==, title.origin.x);
  g_assert_cmpfloat (excerpt.origin.x, ==, title.origin.x);
  g_assert_cmpfloat (meta.size.width, ==, title.size.width);
  g_assert_cmpfloat (excerpt.size.width, ==, title.size.width);
  g_assert_cmpfloat (title.size.width, >, width / 2);

  /* The dot where the text begins, the star where it ends, neither over
   * it; the other way round in a right-to-left language. */
  g_assert_cmpfloat (dot.size.width, >, 0);
  g_assert_cmpfloat (star.size.width, >, 0);
  g_assert_cmpfloat (dot.origin.y, <, bottom (title));
  g_assert_cmpfloat (star.origin.y, <, bottom (title));
  if (direction == GTK_TEXT_DIR_LTR)
    {
      g_assert_cmpfloat (dot.origin.x, >=, 0);
      g_assert_cmpfloat (right (dot), <=, title.origin.x);
      g_assert_cmpfloat (star.origin.x, >=, right (title));
      g_assert_cmpfloat (right (star), <=, gtk_widget_get_width (row));
    }
  else
    {
      g_assert_cmpfloat (right (dot), <=, gtk_widget_get_width (row));
      g_assert_cmpfloat (dot.origin.x, >=, right (title));
      g_assert_cmpfloat (right (star), <=, title.origin.x);
      g_assert_cmpfloat (star.origin.x, >=, 0);
    }

  title_height = title.size.height;
  gtk_window_destroy (GTK_WINDOW (window));
  return title_height;
}

/* A story's row in the list: what it shows, where, at any width. */
static void
test_story_row_layout (void)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (NULL);
  g_autoptr(ChronicleStory) story = chronicle_story_new ("row", NULL, state);
  g_autoptr(ChronicleItem) item = chronicle_item_new ();
  double narrow, wide;

  /* The application's style sizes the dot. */
  chronicle_test_application_get ();
  item->id = g_strdup ("row");
  item->title = g_strdup ("A title long enough to need a second line in a narrow list, "
                          "and a third line that the row never shows");
  item->summary = g_strdup ("An excerpt long enough to be cut short at the end of its one line in a narrow list");
  item->source = g_ref_string_new_intern ("Example News");
  chronicle_story_add_item (story, item);
  chronicle_story_set_starred (story, TRUE);

  /* Narrow, the title takes two lines, not three; wide, one. */
  narrow = check_story_row (story, 320, GTK_TEXT_DIR_LTR);
  wide = check_story_row (story, 1400, GTK_TEXT_DIR_LTR);
  g_assert_cmpfloat (narrow, >, 1.5 * wide);
  g_assert_cmpfloat (narrow, <, 2.5 * wide);
  g_assert_cmpfloat (check_story_row (story, 320, GTK_TEXT_DIR_RTL), ==, narrow);
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

  g_test_add_func ("/window/story-row-layout", test_story_row_layout);
  g_test_add_func ("/window/finalized", test_window_finalized);
  g_test_add_func ("/window/spinner-delayed", test_window_spinner_delayed);

  return g_test_run ();
}
