/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-article-list.h"
#include "chronicle-article-view.h"
#include "chronicle-attachment-row.h"
#include "chronicle-problem-item.h"
#include "chronicle-problems-dialog.h"
#include "chronicle-search.h"
#include "chronicle-sidebar.h"
#include "chronicle-sidebar-entry.h"
#include "chronicle-store-test.h"
#include "chronicle-test-utils.h"

#define BUNDLED_DE "tencent-2024-08-06-schulman-de"
#define BUNDLED_EN "tencent-2024-08-06-schulman-en"

typedef struct
{
  ChronicleApplication *app;
  ChronicleWindow      *window;
  ChronicleArticleList *list;
  ChronicleArticleView *view;
  guint                 expected_shown;  /* see wait_until_shown() */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
  fixture->list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  fixture->view = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_view");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  const char * const english[] = { "en", NULL };

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  chronicle_library_set_languages (library, english);
  chronicle_test_drain ();
}

static ChronicleStory *
bundled_story (Fixture *fixture)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  ChronicleStory *story = chronicle_library_find_story_by_item (library, BUNDLED_DE);

  g_assert_nonnull (story);
  return story;
}

static gboolean
text_contains (ChronicleArticleView *view,
               const char           *needle)
{
  g_autofree char *text = chronicle_article_view_dup_text (view);

  return strstr (text, needle) != NULL;
}

static void
test_bundled_listed (Fixture       *fixture,
                     gconstpointer  data)
{
  ChronicleStory *story = bundled_story (fixture);

  /* One row for the 14 versions, and nothing else on first start. */
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);
  g_assert_cmpuint (chronicle_story_get_n_items (story), ==, 14);
  g_assert_cmpstr (chronicle_story_get_source (story), ==, "Tencent Technology News");
}

static void
test_language_picks_translation (Fixture       *fixture,
                                 gconstpointer  data)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  ChronicleStory *story = bundled_story (fixture);
  const char * const german[] = { "de_DE.UTF-8", "de", NULL };
  const char * const english[] = { "en", NULL };
  GtkLabel *title;

  title = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "title_label");

  chronicle_library_set_languages (library, german);
  chronicle_window_show_story (fixture->window, story, NULL);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (title), "Sind die Personalturbulenzen"));
  g_assert_true (text_contains (fixture->view, "OpenAI-Mitbegründer John Schulman wechselt"));

  chronicle_library_set_languages (library, english);
  chronicle_window_show_story (fixture->window, story, NULL);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (title), "Is the personnel turmoil"));
  g_assert_true (text_contains (fixture->view, "John Schulman"));
  g_assert_false (text_contains (fixture->view, "wechselt"));

  /* The translation says where it comes from. */
  g_assert_true (gtk_widget_get_visible (chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW,
                                                                   "translated_label")));
  g_assert_cmpstr (gtk_label_get_text (chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW,
                                                                 "translated_label")),
                   ==, "Translated from German");
}

/* The title and the body are set in @language, for their fonts. */
static void
assert_text_language (ChronicleArticleView *view,
                      const char           *language)
{
  GtkLabel *title = chronicle_test_get_child (view, CHRONICLE_TYPE_ARTICLE_VIEW, "title_label");
  GtkTextView *text_view = chronicle_test_get_child (view, CHRONICLE_TYPE_ARTICLE_VIEW, "text_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "language");
  PangoAttrList *attributes = gtk_label_get_attributes (title);
  g_autoptr(PangoAttrIterator) iterator = NULL;
  PangoAttrLanguage *attribute;
  g_autofree char *tag_language = NULL;
  GtkTextIter middle;

  g_assert_nonnull (attributes);
  iterator = pango_attr_list_get_iterator (attributes);
  attribute = (PangoAttrLanguage *) pango_attr_iterator_get (iterator, PANGO_ATTR_LANGUAGE);
  g_assert_nonnull (attribute);
  g_assert_cmpstr (pango_language_to_string (attribute->value), ==, language);

  g_assert_nonnull (tag);
  g_object_get (tag, "language", &tag_language, NULL);
  g_assert_cmpstr (tag_language, ==, language);
  gtk_text_buffer_get_iter_at_offset (buffer, &middle, gtk_text_buffer_get_char_count (buffer) / 2);
  g_assert_true (gtk_text_iter_has_tag (&middle, tag));
}

static void
test_read_in_switches (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkMenuButton *button = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "language_button");
  GMenuModel *menu;
  GMenuModel *section;
  g_autoptr(GVariant) label = NULL;
  g_autofree char *previous = NULL;
  static const char * const endonyms[] = {
    "Bahasa Indonesia", "Deutsch", "English", "Español", "Français", "Italiano", "Latina", "Português",
    "Suomi", "Ελληνικά", "Русский", "संस्कृतम्", "中文（简体）", "日本語", NULL,
  };

  chronicle_window_show_story (fixture->window, bundled_story (fixture), NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "English");

  /* The menu names each of the 14 languages in its own language, in the
   * order of those names. */
  menu = gtk_menu_button_get_menu_model (button);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (endonyms) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (endonyms) - 1; i++)
    {
      label = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_LABEL, G_VARIANT_TYPE_STRING);
      g_assert_true (g_strv_contains (endonyms, g_variant_get_string (label, NULL)));
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (previous, g_variant_get_string (label, NULL)), <, 0);
      g_free (previous);
      previous = g_variant_dup_string (label, NULL);
      g_clear_pointer (&label, g_variant_unref);
    }
  g_object_unref (section);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.read-in", "s", BUNDLED_DE);
  g_assert_true (text_contains (fixture->view, "Schulman wechselt zum Startup"));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Deutsch");
  g_assert_false (gtk_widget_get_visible (chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW,
                                                                    "translated_label")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.read-in", "s", BUNDLED_EN);
  g_assert_true (text_contains (fixture->view, "moving to the artificial intelligence start-up"));

  /* Every translation says what it was translated from. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.read-in", "s", "tencent-2024-08-06-schulman-ja");
  g_assert_true (text_contains (fixture->view, "ジョン・シュルマン"));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "日本語");
  g_assert_true (gtk_widget_get_visible (chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW,
                                                                   "translated_label")));
  assert_text_language (fixture->view, "ja");

  /* Chinese writes some of the same characters as Japanese differently:
   * the text says which it is. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.read-in", "s", "tencent-2024-08-06-schulman-zh-CN");
  assert_text_language (fixture->view, "zh-cn");
}

static gboolean
shows_expected (gpointer data)
{
  Fixture *fixture = data;

  return chronicle_article_list_get_n_shown (fixture->list) == fixture->expected_shown;
}

/* Waits until the list shows @n stories. */
static void
wait_until_shown (Fixture *fixture,
                  guint    n)
{
  fixture->expected_shown = n;
  if (!chronicle_test_wait_until (shows_expected, fixture, 5000))
    g_error ("the list shows %u stories, not %u", chronicle_article_list_get_n_shown (fixture->list), n);
}

static void
type_search (Fixture    *fixture,
             const char *text)
{
  GtkSearchEntry *entry = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "search_entry");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* GtkSearchEntry waits a moment before it reports a change; the list
   * filters as soon as it hears of it. */
  g_signal_emit_by_name (entry, "search-changed");
}

static gboolean
search_typed (gpointer data)
{
  Fixture *fixture = data;
  GtkSearchEntry *entry = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "search_entry");

  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "schulm") &&
         chronicle_article_list_get_search_text (fixture->list) != NULL &&
         g_str_equal (chronicle_article_list_get_search_text (fixture->list), "schulm");
}

/* Typing in the window, as a reader does, starts the search: with real key
 * presses through the X server, and every GTK warning fatal. */
static void
test_type_to_search (Fixture       *fixture,
                     gconstpointer  data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *window = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The tests run under Xvfb; GDK's X11 calls are deprecated, but they are
   * how a test finds its window there. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_nonnull (xdotool);
  window = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_assert_true (g_spawn_sync (NULL, (char *[]) { xdotool, "windowfocus", "--sync", window,
                                                  "type", "--delay", "30", "schulm", NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  chronicle_test_assert_until (search_typed, fixture);
  wait_until_shown (fixture, 1);
}

static void
test_search_narrows (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkStack *stack = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "stack");
  GtkLabel *results = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "results_label");
  GtkSearchBar *bar = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "search_bar");

  /* Case and accents do not matter, and the body is searched too. */
  type_search (fixture, "SCHULMAN");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpstr (gtk_label_get_text (results), ==, "1 article found");

  type_search (fixture, "mitbegrunder");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);

  type_search (fixture, "xyzzy quux");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-results");
  g_assert_cmpstr (gtk_label_get_text (results), ==, "0 articles found");

  /* Closing the search shows everything again. */
  gtk_search_bar_set_search_mode (bar, FALSE);
  wait_until_shown (fixture, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
}

/* The header's search button opens and closes the list's search, and leaves
 * the header on the timeline, which the search does not reach. */
static void
test_search_button (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkToggleButton *button = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "search_button");
  GtkSearchBar *bar = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "search_bar");
  AdwViewStack *views = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "stack");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  type_search (fixture, "xyzzy quux");
  wait_until_shown (fixture, 0);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  wait_until_shown (fixture, 1);

  /* Ctrl+F's action shows in the button too. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_toggle_button_get_active (button));

  adw_view_stack_set_visible_child_name (views, "timeline");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  adw_view_stack_set_visible_child_name (views, "articles");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
}

static gboolean
library_idle (gpointer library)
{
  return !chronicle_library_get_loading (library);
}

typedef struct
{
  Fixture  *fixture;
  gboolean  waited;
} Waiting;

static void
added_while_searching_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Waiting *waiting = user_data;
  GtkStack *stack = chronicle_test_get_child (waiting->fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "stack");
  GtkWidget *results = chronicle_test_get_child (waiting->fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "results_label");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (chronicle_library_add_file_finish (CHRONICLE_LIBRARY (source), result, NULL, &error));
  g_assert_no_error (error);

  /* The stories are listed, and their search keys are being folded: the
   * search waits for them, and says it is loading rather than finding
   * nothing. */
  g_assert_true (chronicle_library_get_indexing (CHRONICLE_LIBRARY (source)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  g_assert_false (gtk_widget_get_visible (results));
  g_assert_cmpuint (chronicle_article_list_get_n_shown (waiting->fixture->list), ==, 0);
  waiting->waited = TRUE;
}

static gboolean
has_waited (gpointer data)
{
  return ((Waiting *) data)->waited;
}

static void
test_search_waits_for_keys (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "keys.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GtkStack *stack = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "stack");
  GtkLabel *results = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "results_label");
  Waiting waiting = { fixture, FALSE };

  /* 2000 items (keys folded on two threads); every fifth says "Zebra". */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (json, "%s{\"id\": \"keys-%u\", \"title\": \"%s %u\", \"content_text\": \"x\"}",
                            i > 0 ? "," : "", i, i % 5 == 0 ? "Zebra" : "Horse", i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  type_search (fixture, "zebra");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-results");
  chronicle_library_add_file_async (library, file, NULL, added_while_searching_cb, &waiting);
  chronicle_test_assert_until (has_waited, &waiting);
  chronicle_test_assert_until (library_idle, library);

  /* Then it finds them. */
  wait_until_shown (fixture, 400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpstr (gtk_label_get_text (results), ==, "400 articles found");

  g_assert_true (chronicle_library_remove_collection (library, chronicle_story_get_collection_id (
                   chronicle_library_find_story (library, "keys-0"))));
  g_unlink (path);
}

/* Stories of July 2024, before the bundled one, or of September, after. */
static void
write_month (const char *path,
             const char *prefix,
             guint       n,
             guint       month)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"%s-%u\", \"title\": \"Story %u\", \"content_text\": \"x\", "
                            "\"date_published\": \"2024-%02u-%02uT12:00:00Z\"}",
                            i > 0 ? "," : "", prefix, i, i, month, 1 + i % 28);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
}

static void
write_days (const char *path,
            const char *prefix,
            guint       n)
{
  write_month (path, prefix, n, 7);
}

static gboolean is_collapsed (gpointer data);

/* A window made narrow as a file of newer stories is opened: the list
 * moves to a pane of its own, and still begins with the newest day. */
static void
test_narrow_keeps_top (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "newer.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GtkListView *list_view = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "list_view");
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  AdwNavigationSplitView *split_view = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "split_view");

  write_month (path, "newer", 12, 9);
  chronicle_test_wait_frames (fixture->window, 2);
  chronicle_window_open_files (fixture->window, &file, 1);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  chronicle_test_assert_until (is_collapsed, split_view);
  wait_until_shown (fixture, 1 + 12);
  chronicle_test_assert_until (library_idle, library);
  chronicle_test_wait_frames (fixture->window, 5);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, gtk_adjustment_get_lower (vadjustment));

  g_assert_true (chronicle_library_remove_collection (library, chronicle_story_get_collection_id (
                   chronicle_library_find_story (library, "newer-0"))));
  g_unlink (path);
}

static void
test_first_heading_stays (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "heading.json", NULL);
  g_autofree char *more_path = g_build_filename (g_get_user_cache_dir (), "heading-more.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) more = g_file_new_for_path (more_path);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GtkListView *list_view = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "list_view");
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

  /* Stories older than the bundled one come in below it; the list stays at
   * its top, with the first day's heading in sight. */
  write_days (path, "heading", 600);
  chronicle_window_open_files (fixture->window, &file, 1);
  wait_until_shown (fixture, 1 + 600);
  chronicle_test_assert_until (library_idle, library);
  chronicle_test_wait_frames (fixture->window, 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, gtk_adjustment_get_lower (vadjustment));

  /* A reader who scrolled down stays there when more come. */
  gtk_adjustment_set_value (vadjustment, 400);
  chronicle_test_wait_frames (fixture->window, 3);
  write_days (more_path, "more", 50);
  chronicle_window_open_files (fixture->window, &more, 1);
  wait_until_shown (fixture, 1 + 600 + 50);
  chronicle_test_assert_until (library_idle, library);
  chronicle_test_wait_frames (fixture->window, 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, gtk_adjustment_get_lower (vadjustment));

  g_assert_true (chronicle_library_remove_collection (library, chronicle_story_get_collection_id (
                   chronicle_library_find_story (library, "heading-0"))));
  g_assert_true (chronicle_library_remove_collection (library, chronicle_story_get_collection_id (
                   chronicle_library_find_story (library, "more-0"))));
  g_unlink (path);
  g_unlink (more_path);
}

static void
test_search_within_days (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *words[] = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta" };
  const char *queries[] = { "a", "", "s", "", "e", "et", "eta", "", "ps", "", "l", "", "m", "mm", "", "ta", "" };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "many-days.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (806);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Days\", \"items\": [");
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  /* 3000 stories over 20 days, titled with two of six words. */
  for (guint i = 0; i < 3000; i++)
    {
      char *title = g_strdup_printf ("%s %s", words[g_rand_int_range (rand, 0, 6)], words[g_rand_int_range (rand, 0, 6)]);

      g_string_append_printf (json, "%s{\"id\": \"day-%u\", \"title\": \"%s\", \"content_text\": \"x\", "
                              "\"date_published\": \"2024-07-%02dT%02d:00:00Z\"}",
                              i > 0 ? "," : "", i, title, g_rand_int_range (rand, 1, 21), g_rand_int_range (rand, 0, 24));
      g_ptr_array_add (titles, title);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  chronicle_window_open_files (fixture->window, &file, 1);
  wait_until_shown (fixture, 3001);
  chronicle_test_assert_until (library_idle, library);
  chronicle_test_wait_frames (fixture->window, 3);

  /* Narrowing and widening moves stories in and out in the middle of
   * days, next to the headings of others: GTK 4.18 aborted on some of
   * those changes until the list widened them to whole days.  Each time
   * the list shows the stories whose titles match. */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_auto(GStrv) terms = chronicle_search_terms (queries[q]);
      guint expected = chronicle_story_matches (bundled_story (fixture), terms);

      for (guint i = 0; i < titles->len; i++)
        expected += queries[q][0] == '\0' || strstr (g_ptr_array_index (titles, i), queries[q]) != NULL;

      type_search (fixture, queries[q]);
      g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, expected);
      /* The list lays out and draws each change (GTK aborted there once). */
      chronicle_test_wait_frames (fixture->window, 2);
    }

  g_assert_true (chronicle_library_remove_collection (library, chronicle_story_get_collection_id (
                   chronicle_library_find_story (library, "day-0"))));
  g_unlink (path);
}

static void
test_star_persists (Fixture       *fixture,
                    gconstpointer  data)
{
  ChronicleStory *story = bundled_story (fixture);
  ChronicleState *state = chronicle_library_get_state (chronicle_application_get_library (fixture->app));
  ChronicleStore *store = chronicle_state_get_store (state);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleWindow *second;
  ChronicleArticleList *second_list;
  AdwToggleGroup *filter;

  chronicle_window_show_story (fixture->window, story, NULL);
  g_assert_false (chronicle_story_get_starred (story));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-star", NULL);
  g_assert_true (chronicle_story_get_starred (story));
  g_assert_true (chronicle_story_get_read (story));

  /* A new window shows it starred, and the Starred filter lists it. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  second = chronicle_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (second));
  second_list = chronicle_test_get_child (second, CHRONICLE_TYPE_WINDOW, "article_list");
  filter = chronicle_test_get_child (second_list, CHRONICLE_TYPE_ARTICLE_LIST, "filter_group");
  adw_toggle_group_set_active_name (filter, "starred");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (second_list), ==, 1);
  adw_toggle_group_set_active_name (filter, "unread");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (second_list), ==, 0);
  adw_toggle_group_set_active_name (filter, "all");

  /* And it is on disk, for the next start. */
  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT starred FROM reader_state WHERE key = '%s'", chronicle_story_get_key (story));
  g_assert_cmpint (chronicle_test_query_int (chronicle_store_get_path (store), sql), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (second), "win.toggle-star", NULL);
  fixture->window = second;
}

static gboolean
has_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) != NULL;
}

static void
test_broken_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = chronicle_test_write_file ("broken.json",
                                                     "{\"version\": \"https://jsonfeed.org/version/1.1\",\n"
                                                     " \"title\": \"Broken\",\n"
                                                     " \"items\": [{\"id\": \"x\", \"title\": \"a\",}]}");
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  guint stories = g_list_model_get_n_items (chronicle_library_get_stories (library));
  guint collections = g_list_model_get_n_items (chronicle_library_get_collections (library));
  AdwDialog *dialog;
  const char *body;

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_dialog, fixture->window);

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could Not Open “broken.json”");
  body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog));
  if (strstr (body, "Line 3, column 36: a comma follows the last element, which JSON does not allow") == NULL)
    g_error ("the dialog says: %s", body);

  /* Nothing changed. */
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_stories (library)), ==, stories);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (library)), ==, collections);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);
  adw_dialog_force_close (dialog);
}

static gboolean
has_two_collections (gpointer data)
{
  return g_list_model_get_n_items (chronicle_library_get_collections (data)) == 2;
}

static gboolean
is_not_loading (gpointer data)
{
  return !chronicle_library_get_loading (data);
}

/* A feed that is not well-formed XML opens with every item that can be
 * read, and a banner names its first error until it is removed; a quirk
 * of JSON Feed is no reason for one. */
static void
test_broken_xml_banner (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = chronicle_test_write_file ("broken.rss",
                                                     "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
                                                     "<title>Broken</title><link>https://example.org/</link><description>D</description>\n"
                                                     "<item><title>One</title><guid>b1</guid></item>\n"
                                                     "<item><title>Two & three</title><guid>b2</guid></item>\n"
                                                     "<item><title>Four</title><guid>b4</guid></item>\n"
                                                     "</channel></rss>\n");
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  AdwBanner *banner = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "problems_banner");
  ChronicleCollection *collection;
  AdwDialog *dialog;

  g_assert_false (adw_banner_get_revealed (banner));
  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_two_collections, library);
  chronicle_test_assert_until (is_not_loading, library);

  g_assert_nonnull (chronicle_library_find_story_by_item (library, "b1"));
  g_assert_nonnull (chronicle_library_find_story_by_item (library, "b2"));
  g_assert_nonnull (chronicle_library_find_story_by_item (library, "b4"));
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_cmpstr (adw_banner_get_title (banner), ==,
                   "“broken.rss” is not well-formed XML. Line 5, column 19: "
                   "a “&” that does not start an entity must be written “&amp;”; it is kept as written");

  /* Its button lists the file's problems. */
  collection = g_list_model_get_item (chronicle_library_get_collections (library), 1);
  g_object_unref (collection);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (banner)), ==, "win.show-problems");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (banner)), NULL), ==,
                   chronicle_collection_get_id (collection));
  gtk_widget_activate_action_variant (GTK_WIDGET (banner), "win.show-problems",
                                      gtk_actionable_get_action_target_value (GTK_ACTIONABLE (banner)));
  chronicle_test_assert_until (has_dialog, fixture->window);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  g_assert_cmpstr (adw_dialog_get_title (dialog), ==, "Problems in “broken.rss”");
  adw_dialog_force_close (dialog);

  chronicle_library_remove_collection (library, chronicle_collection_get_id (collection));
  g_assert_false (adw_banner_get_revealed (banner));
}

/* A feed that bends the specification as real ones do opens with every
 * item that can be shown, and its problems are listed in file order. */
static void
test_quirky_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Quirks\", \"items\": [");
  g_autoptr(GFile) file = NULL;
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  ChronicleCollection *collection;
  AdwDialog *dialog;
  GtkListView *list;
  GListModel *rows;
  g_autoptr(ChronicleProblemItem) first = NULL;
  g_autoptr(ChronicleProblemItem) last = NULL;

  /* 30 items whose tags are a string, 5 without an id, one with nothing to
   * show. */
  for (guint i = 0; i < 35; i++)
    {
      g_autofree char *id = i < 30 ? g_strdup_printf ("\"id\": \"q%u\", ", i) : g_strdup ("");

      g_string_append_printf (json, "%s\n {%s\"title\": \"Quirk %u\", \"content_text\": \"Text %u\"%s}",
                              i > 0 ? "," : "", id, i, i, i < 30 ? ", \"tags\": \"one\"" : "");
    }
  g_string_append (json, ",\n {\"id\": \"empty\"}]}");
  file = chronicle_test_write_file ("quirks.json", json->str);

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_two_collections, library);
  chronicle_test_assert_until (is_not_loading, library);

  collection = g_list_model_get_item (chronicle_library_get_collections (library), 1);
  g_object_unref (collection);
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Quirks");
  g_assert_cmpuint (chronicle_feed_get_n_items (chronicle_collection_get_feed (collection)), ==, 35);
  g_assert_cmpuint (chronicle_collection_get_diagnostics (collection)->len, ==, 36);
  chronicle_article_list_refresh (fixture->list);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 36);

  /* The toast's button: the problems, 20 of the tags, 5 ids, the empty
   * item, then a line for the 10 more of the tags. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-problems", "s",
                              chronicle_collection_get_id (collection));
  chronicle_test_assert_until (has_dialog, fixture->window);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  g_assert_true (CHRONICLE_IS_PROBLEMS_DIALOG (dialog));
  g_assert_cmpstr (adw_dialog_get_title (dialog), ==, "Problems in “quirks.json”");
  list = chronicle_test_get_child (dialog, CHRONICLE_TYPE_PROBLEMS_DIALOG, "list_view");
  rows = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 27);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (chronicle_problem_item_get_place (first), ==, "Line 2, column 69 · items[0].tags");
  g_assert_cmpstr (chronicle_problem_item_get_message (first), ==,
                   "expected an array, found a string; it is read as a list of one");
  last = g_list_model_get_item (rows, 26);
  g_assert_null (chronicle_problem_item_get_place (last));
  g_assert_cmpstr (chronicle_problem_item_get_message (last), ==,
                   "10 more errors like “expected an array, found a string; it is read as a list of one”");
  adw_dialog_force_close (dialog);

  g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (collection)));
}

static gboolean
has_n_collections (gpointer data)
{
  Fixture *fixture = data;
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);

  /* and listed: stories enter the list at its frames */
  return g_list_model_get_n_items (chronicle_library_get_collections (library)) == 2 &&
         chronicle_library_get_n_waiting (library) == 0;
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

static gboolean
turned (gpointer n_frames)
{
  return *(guint *) n_frames >= 10;
}

/* While someone reads, nothing moves: the window draws no frame, and
 * takes no processor time.  The list's loading spinner turned, unseen,
 * 60 frames a second while the list was on screen. */
static void
test_idle_while_reading (Fixture       *fixture,
                         gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  ChronicleArticleList *list;
  GtkWidget *window;
  GtkStack *stack;
  guint n_frames = 0;
  gulong id;

  g_assert_nonnull (clock);
  chronicle_window_show_story (fixture->window, bundled_story (fixture), NULL);
  g_assert_false (chronicle_article_view_get_loading (fixture->view));
  /* Rows and buttons change with transitions of a few hundred ms. */
  chronicle_test_iterate (1500);

  id = g_signal_connect (clock, "update", G_CALLBACK (count_frame_cb), &n_frames);
  chronicle_test_iterate (1000);
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (n_frames, ==, 0);

  /* The loading page's spinner does turn while that page shows: frame
   * after frame (however slowly, in a sanitizer's build).  A list shows
   * it while its library loads with nothing in it yet. */
  window = gtk_window_new ();
  list = g_object_new (CHRONICLE_TYPE_ARTICLE_LIST, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  chronicle_article_list_set_loading (list, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_assert_until (gtk_widget_get_mapped, window);
  stack = chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  n_frames = 0;
  clock = gtk_widget_get_frame_clock (window);
  id = g_signal_connect (clock, "update", G_CALLBACK (count_frame_cb), &n_frames);
  chronicle_test_assert_until (turned, &n_frames);
  g_signal_handler_disconnect (clock, id);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_and_navigate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  ChronicleSidebar *sidebar = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "sidebar");
  GListModel *rows = chronicle_sidebar_get_model (sidebar);
  ChronicleStory *first, *second, *third;
  g_autofree char *opened = NULL;
  const char *store_path;

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);

  /* Two more stories, newest first: the bundled one of 6 August 2024 comes
   * after the example story of 6 August 09:30 +02:00 and before 5 August. */
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 3);

  g_assert_true (chronicle_article_list_select_relative (fixture->list, 1));
  first = chronicle_article_list_get_selected (fixture->list);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-article", NULL);
  second = chronicle_article_list_get_selected (fixture->list);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-article", NULL);
  third = chronicle_article_list_get_selected (fixture->list);
  g_assert_cmpstr (chronicle_story_get_key (first), ==, "story-1");
  g_assert_true (second == bundled_story (fixture));
  g_assert_cmpstr (chronicle_story_get_key (third), ==, "story-2");
  g_assert_true (chronicle_article_view_get_story (fixture->view) == third);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-article", NULL);
  g_assert_true (chronicle_article_list_get_selected (fixture->list) == second);

  /* The collection is in the store, beside the bundled one. */
  store_path = chronicle_store_get_path (chronicle_library_get_store (library));
  chronicle_test_library_settle (library);
  g_assert_cmpint (chronicle_test_query_int (store_path, "SELECT count(*) FROM sources"), ==, 2);

  /* The sidebar lists the views, then both collections by title, under
   * one heading: the opened one's title sorts it last. */
  chronicle_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
  {
    g_autoptr(ChronicleSidebarEntry) entry = g_list_model_get_item (rows, 4);
    ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (entry);

    g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "The Daily Example");
    g_assert_cmpstr (chronicle_sidebar_entry_get_section_title (entry), ==, _("Collections"));
    opened = g_strdup (chronicle_collection_get_id (collection));
  }

  /* Showing one collection by choosing its row, then removing it, which
   * is final once the toast is gone. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 4, TRUE);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source", "s", opened);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (library)), ==, 1);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, 0);
  chronicle_window_finish_removals (fixture->window);
  chronicle_test_store_barrier (chronicle_library_get_store (library));
  g_assert_cmpint (chronicle_test_query_int (store_path, "SELECT count(*) FROM sources"), ==, 1);
}

static guint
count_unread (GListModel *stories)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      n += !chronicle_story_get_read (story);
    }
  return n;
}

/* Mark All as Read marks what the list shows, Mark Older as Read what is
 * below the selected article; the toast's Undo gives them back, and the
 * marks reach the store. */
static void
test_mark_all_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GListModel *stories = chronicle_library_get_stories (library);
  AdwToggleGroup *filter = chronicle_test_get_child (fixture->list, CHRONICLE_TYPE_ARTICLE_LIST, "filter_group");
  ChronicleState *state = chronicle_library_get_state (library);
  g_autoptr(GError) error = NULL;
  const char *store_path = chronicle_store_get_path (chronicle_state_get_store (state));
  g_autofree char *sql = NULL;
  ChronicleStory *first;

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);
  /* Earlier tests of this process read some. */
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      chronicle_story_set_read (story, FALSE);
    }
  g_assert_cmpuint (count_unread (stories), ==, 3);

  /* A search narrows what is marked. */
  chronicle_article_list_set_search_text (fixture->list, "Schulman");
  chronicle_test_assert_until (chronicle_article_list_get_n_shown, fixture->list);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-all-read", NULL);
  g_assert_cmpuint (count_unread (stories), ==, 2);
  g_assert_true (chronicle_story_get_read (bundled_story (fixture)));
  chronicle_article_list_set_search_text (fixture->list, NULL);

  /* Everything, with the Unread filter: the list empties. */
  adw_toggle_group_set_active_name (filter, "unread");
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-all-read", NULL);
  g_assert_cmpuint (count_unread (stories), ==, 0);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (fixture->list), ==, 0);

  /* Undo gives back exactly the two it marked, not the searched one. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-mark-read", "u", 2);
  g_assert_cmpuint (count_unread (stories), ==, 2);
  g_assert_true (chronicle_story_get_read (bundled_story (fixture)));
  adw_toggle_group_set_active_name (filter, "all");

  /* Older than the first: the two below it. */
  chronicle_story_set_read (bundled_story (fixture), FALSE);
  g_assert_true (chronicle_article_list_select_relative (fixture->list, 1));
  first = chronicle_article_list_get_selected (fixture->list);
  chronicle_story_set_read (first, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-older-read", NULL);
  g_assert_false (chronicle_story_get_read (first));
  g_assert_cmpuint (count_unread (stories), ==, 1);

  /* In the store once written. */
  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM reader_state WHERE read AND key IN ('story-1', 'story-2', '%s')",
                         chronicle_story_get_key (bundled_story (fixture)));
  g_assert_cmpint (chronicle_test_query_int (store_path, sql), ==, 2);

  {
    g_autoptr(ChronicleCollection) opened = g_list_model_get_item (chronicle_library_get_collections (library), 1);

    g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (opened)));
  }
}

static gboolean
marked (gpointer window)
{
  return !chronicle_window_get_marking (window);
}

/* Many articles are marked a slice at a time while the window draws; all
 * of them are marked, and given back. */
static void
test_mark_all_read_many (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "chronicle-many-XXXXXX.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Many\", \"items\": [");
  g_autoptr(GFile) file = NULL;
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GListModel *stories = chronicle_library_get_stories (library);
  const guint n = 20000;
  guint n_unread;
  int fd;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"many-%u\", \"title\": \"Many %u\", \"content_text\": \"x\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  file = g_file_new_for_path (path);

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);
  g_unlink (path);
  n_unread = count_unread (stories);
  g_assert_cmpuint (n_unread, >=, n);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-all-read", NULL);
  chronicle_test_assert_until (marked, fixture->window);
  g_assert_cmpuint (count_unread (stories), ==, 0);

  /* The undo of this window's first marking. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-mark-read", "u", 1);
  chronicle_test_assert_until (marked, fixture->window);
  g_assert_cmpuint (count_unread (stories), ==, n_unread);

  {
    g_autoptr(ChronicleCollection) opened = g_list_model_get_item (chronicle_library_get_collections (library), 1);

    g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (opened)));
  }
}

/* A podcast's RSS: the episode's file is listed above its notes, with its
 * kind, size and length; an article without files shows no list. */
static void
test_podcast_attachments (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xml", "podcast.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  GtkWidget *list = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "attachments_list");
  ChronicleStory *story;
  GtkWidget *row;

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);
  story = chronicle_library_find_story_by_item (library, "https://alignmenthour.example.com/episodes/42");
  g_assert_nonnull (story);

  chronicle_window_show_story (fixture->window, story, NULL);
  g_assert_true (gtk_widget_get_visible (list));
  row = gtk_widget_get_first_child (list);
  g_assert_true (CHRONICLE_IS_ATTACHMENT_ROW (row));
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "042.mp3");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Audio · 48.2\u00a0MB · 1:07:12");
  g_assert_cmpstr (chronicle_attachment_row_get_attachment (CHRONICLE_ATTACHMENT_ROW (row))->url, ==,
                   "https://cdn.alignmenthour.example.com/episodes/042.mp3");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (text_contains (fixture->view, "why people move"));

  chronicle_window_show_story (fixture->window, bundled_story (fixture), NULL);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_null (gtk_widget_get_first_child (list));

  chronicle_library_remove_collection (library, chronicle_story_get_collection_id (story));
}

static gboolean
is_collapsed (gpointer data)
{
  return adw_navigation_split_view_get_collapsed (data);
}

static gboolean
text_is_laid_out (gpointer data)
{
  return gtk_widget_get_height (data) > 0;
}

/* A phone-sized window opens a short article in the folded pane: its text
 * is shown, not just its title (GtkTextView kept a height of 0). */
static void
test_short_article_narrow (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = chronicle_test_write_file ("short.json",
                                                     "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"S\",\n"
                                                     " \"items\": [{\"id\": \"short\", \"title\": \"Short\",\n"
                                                     "  \"content_text\": \"One line.\"}]}");
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  AdwNavigationSplitView *split_view = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "split_view");
  GtkWidget *text_view = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "text_view");
  ChronicleStory *story;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 720);
  chronicle_test_assert_until (is_collapsed, split_view);
  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);
  story = chronicle_library_find_story_by_item (library, "short");
  g_assert_nonnull (story);

  chronicle_window_show_story (fixture->window, story, NULL);
  chronicle_window_set_view (fixture->window, "articles");
  g_assert_true (adw_navigation_split_view_get_show_content (split_view));
  chronicle_test_assert_until (text_is_laid_out, text_view);
  g_assert_true (text_contains (fixture->view, "One line."));

  chronicle_library_remove_collection (library, chronicle_story_get_collection_id (story));
}

static void
test_markup_shown_literally (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *title = "<b>AT&T</b> & \"Q&A\"";
  g_autoptr(GFile) file = chronicle_test_write_file ("markup.json",
                                                     "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"M\",\n"
                                                     " \"items\": [{\"id\": \"m\", \"title\": \"<b>AT&T</b> & \\\"Q&A\\\"\",\n"
                                                     "  \"content_text\": \"<i>%s %n</i> & more\"}]}");
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  ChronicleStory *story;
  GtkLabel *label = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "title_label");

  chronicle_window_open_files (fixture->window, &file, 1);
  chronicle_test_assert_until (has_n_collections, fixture);
  story = chronicle_library_find_story_by_item (library, "m");
  g_assert_nonnull (story);

  chronicle_window_show_story (fixture->window, story, NULL);
  g_assert_cmpstr (gtk_label_get_text (label), ==, title);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (text_contains (fixture->view, "<i>%s %n</i> & more"));

  chronicle_library_remove_collection (library, chronicle_story_get_collection_id (story));
}

/* The size the article's text is written in. */
static double
body_points (Fixture *fixture)
{
  GtkWidget *text_view = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "text_view");
  PangoContext *context = gtk_widget_get_pango_context (text_view);

  return pango_font_description_get_size (pango_context_get_font_description (context)) / (double) PANGO_SCALE;
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  GSettings *settings = chronicle_application_get_settings (fixture->app);
  double points;

  g_settings_reset (settings, "zoom");
  chronicle_window_show_story (fixture->window, bundled_story (fixture), NULL);
  chronicle_test_wait_frames (fixture->window, 2);
  points = body_points (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.2, 0.001);
  /* The article's text grows with it: its style is in place once an
   * article shows. */
  chronicle_test_wait_frames (fixture->window, 2);
  g_assert_cmpfloat_with_epsilon (body_points (fixture), 1.2 * points, 0.1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.1, 0.001);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.0, 0.001);
}

typedef struct
{
  ChronicleArticleView *view;
  double                at_least;
} Scrolled;

static gboolean
scrolled_to (gpointer data)
{
  Scrolled *scrolled = data;

  return chronicle_article_view_get_scroll_position (scrolled->view) >= scrolled->at_least;
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 200;
}

static void
test_reading_position (Fixture       *fixture,
                       gconstpointer  data)
{
  ChronicleStory *story = bundled_story (fixture);
  GtkScrolledWindow *scroller = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  ChronicleWindow *second;
  ChronicleArticleView *second_view;
  Scrolled scrolled;
  double range, position;

  chronicle_window_show_story (fixture->window, story, NULL);
  /* Laid out in as many frames as the machine needs, slower under ASan. */
  chronicle_test_wait_until (scrollable, adjustment, 5000);
  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  g_assert_cmpfloat (range, >, 200);

  /* The reader scrolls halfway; the position is remembered for the story. */
  gtk_adjustment_set_value (adjustment, range / 2);
  position = chronicle_story_get_position (story);
  g_assert_cmpfloat_with_epsilon (position, 0.5, 0.01);

  /* Opened again in a new window, the article is back where it was, even
   * when the window is laid out long after (a slow first frame). */
  second = chronicle_window_new (chronicle_test_application_get ());
  gtk_window_set_default_size (GTK_WINDOW (second), 1100, 720);
  second_view = chronicle_test_get_child (second, CHRONICLE_TYPE_WINDOW, "article_view");
  chronicle_window_show_story (second, story, NULL);
  chronicle_test_iterate (1000);
  gtk_window_present (GTK_WINDOW (second));
  scrolled.view = second_view;
  scrolled.at_least = range / 2 - 50;
  chronicle_test_assert_until (scrolled_to, &scrolled);

  chronicle_story_set_position (story, 0);
  gtk_window_destroy (GTK_WINDOW (second));
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/articles/narrow-keeps-top", Fixture, NULL, fixture_set_up, test_narrow_keeps_top, fixture_tear_down);
  g_test_add ("/articles/bundled-listed", Fixture, NULL, fixture_set_up, test_bundled_listed, fixture_tear_down);
  g_test_add ("/articles/language-picks-translation", Fixture, NULL, fixture_set_up, test_language_picks_translation, fixture_tear_down);
  g_test_add ("/articles/read-in", Fixture, NULL, fixture_set_up, test_read_in_switches, fixture_tear_down);
  g_test_add ("/articles/search", Fixture, NULL, fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/articles/search-button", Fixture, NULL, fixture_set_up, test_search_button, fixture_tear_down);
  g_test_add ("/articles/type-to-search", Fixture, NULL, fixture_set_up, test_type_to_search, fixture_tear_down);
  g_test_add ("/articles/first-heading-stays", Fixture, NULL, fixture_set_up, test_first_heading_stays, fixture_tear_down);
  g_test_add ("/articles/search-waits-for-keys", Fixture, NULL, fixture_set_up, test_search_waits_for_keys, fixture_tear_down);
  g_test_add ("/articles/search-within-days", Fixture, NULL, fixture_set_up, test_search_within_days, fixture_tear_down);
  g_test_add ("/articles/star-persists", Fixture, NULL, fixture_set_up, test_star_persists, fixture_tear_down);
  g_test_add ("/articles/broken-file", Fixture, NULL, fixture_set_up, test_broken_file, fixture_tear_down);
  g_test_add ("/articles/broken-xml-banner", Fixture, NULL, fixture_set_up, test_broken_xml_banner, fixture_tear_down);
  g_test_add ("/articles/quirky-file", Fixture, NULL, fixture_set_up, test_quirky_file, fixture_tear_down);
  g_test_add ("/articles/idle-while-reading", Fixture, NULL, fixture_set_up, test_idle_while_reading, fixture_tear_down);
  g_test_add ("/articles/open-and-navigate", Fixture, NULL, fixture_set_up, test_open_and_navigate, fixture_tear_down);
  g_test_add ("/articles/podcast-attachments", Fixture, NULL, fixture_set_up, test_podcast_attachments, fixture_tear_down);
  g_test_add ("/articles/short-article-narrow", Fixture, NULL, fixture_set_up, test_short_article_narrow, fixture_tear_down);
  g_test_add ("/articles/markup-literal", Fixture, NULL, fixture_set_up, test_markup_shown_literally, fixture_tear_down);
  g_test_add ("/articles/reading-position", Fixture, NULL, fixture_set_up, test_reading_position, fixture_tear_down);
  g_test_add ("/articles/zoom", Fixture, NULL, fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/articles/mark-all-read", Fixture, NULL, fixture_set_up, test_mark_all_read, fixture_tear_down);
  g_test_add ("/articles/mark-all-read-many", Fixture, NULL, fixture_set_up, test_mark_all_read_many,
              fixture_tear_down);

  return g_test_run ();
}
