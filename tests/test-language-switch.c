/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-article-list.h"
#include "chronicle-article-view.h"
#include "chronicle-story-row.h"
#include "chronicle-test-utils.h"

/* Switching the language in Preferences rebuilds the window in the new
 * language at once, keeping what the reader was doing. */

#define BUNDLED_DE "tencent-2024-08-06-schulman-de"

static ChronicleWindow *
current_window (ChronicleApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return CHRONICLE_WINDOW (windows->data);
}

static ChronicleStoryRow *
find_story_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      ChronicleStoryRow *row;

      if (CHRONICLE_IS_STORY_ROW (child))
        return CHRONICLE_STORY_ROW (child);
      if ((row = find_story_row (child)) != NULL)
        return row;
    }

  return NULL;
}

static gboolean
has_story_row (gpointer widget)
{
  return find_story_row (widget) != NULL;
}

static const char *
first_page_title (ChronicleWindow *window)
{
  AdwViewStack *stack = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "stack");
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), 0);

  return adw_view_stack_page_get_title (page);
}

typedef struct
{
  char *articles;
  char *row_meta;
  char *unread_filter;
  char *story;
  char *story_language;
} Shown;

static void
shown_clear (Shown *shown)
{
  g_free (shown->articles);
  g_free (shown->row_meta);
  g_free (shown->unread_filter);
  g_free (shown->story);
  g_free (shown->story_language);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shown, shown_clear)

/* What the reader sees of the window now. */
static void
look_at (ChronicleWindow *window,
         Shown           *shown)
{
  ChronicleArticleList *list = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list");
  ChronicleArticleView *view = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_view");
  AdwToggleGroup *filter = chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "filter_group");
  GtkWidget *list_view = chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "list_view");
  ChronicleStoryRow *row;
  GtkLabel *meta;

  /* Rows are made at the next layout, as late as the machine is slow. */
  chronicle_test_wait_until (has_story_row, list_view, 5000);
  row = find_story_row (list_view);
  g_assert_nonnull (row);
  meta = chronicle_test_get_child (row, CHRONICLE_TYPE_STORY_ROW, "meta_label");

  shown->articles = g_strdup (first_page_title (window));
  shown->row_meta = g_strdup (gtk_label_get_text (meta));
  shown->unread_filter = g_strdup (adw_toggle_get_label (adw_toggle_group_get_toggle_by_name (filter, "unread")));
  shown->story = g_strdup (chronicle_article_view_get_story (view) != NULL
                           ? chronicle_story_get_key (chronicle_article_view_get_story (view)) : "");
  shown->story_language = g_strdup (chronicle_article_view_get_item (view) != NULL
                                    ? chronicle_item_get_language (chronicle_article_view_get_item (view)) : "");
}

static gboolean
window_replaced (gpointer old_window)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (chronicle_test_application_get ()));

  return windows != NULL && windows->next == NULL && windows->data != old_window &&
         gtk_widget_get_mapped (windows->data);
}

/* Switching rebuilds the window: waits for the new one to be shown. */
static void
switch_to (GSettings  *settings,
           const char *code)
{
  gpointer old_window = current_window (chronicle_test_application_get ());

  g_settings_set_string (settings, "language", code);
  chronicle_test_assert_until (window_replaced, old_window);
}

static void
assert_differs (const Shown *a,
                const Shown *b)
{
  g_assert_cmpstr (a->articles, !=, b->articles);
  g_assert_cmpstr (a->row_meta, !=, b->row_meta);
  g_assert_cmpstr (a->unread_filter, !=, b->unread_filter);
  /* The open article stays open. */
  g_assert_cmpstr (a->story, ==, b->story);
  g_assert_cmpstr (a->story, ==, "openai-schulman-2024-08-06");
}

static void
test_switch_live (void)
{
  ChronicleApplication *app = chronicle_test_application_get ();
  GSettings *settings = chronicle_application_get_settings (app);
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window = chronicle_window_new (app);
  g_auto(Shown) english = { 0 };
  g_auto(Shown) german = { 0 };
  g_auto(Shown) japanese = { 0 };
  g_auto(Shown) system = { 0 };
  GtkSearchEntry *search;
  static const struct { const char *code, *story_language; } more[] = {
    { "ru", "ru" }, { "el", "el" }, { "zh_CN", "zh-CN" }, { "sa", "sa" },
  };

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  chronicle_test_assert_until (gtk_widget_get_mapped, window);
  chronicle_window_show_story (window, chronicle_library_find_story_by_item (library, BUNDLED_DE), NULL);
  look_at (window, &english);
  g_assert_cmpstr (english.articles, ==, "Articles");
  g_assert_cmpstr (english.row_meta, ==, "Tencent Technology News · 6 August 2024");
  g_assert_cmpstr (english.unread_filter, ==, "Unread");
  /* Opened by its German version, the story is read in English. */
  g_assert_cmpstr (english.story_language, ==, "en");

  switch_to (settings, "de");
  window = current_window (app);
  look_at (window, &german);
  assert_differs (&english, &german);
  g_assert_cmpstr (german.articles, ==, g_dgettext (GETTEXT_PACKAGE, "Articles"));
  g_assert_nonnull (strstr (german.row_meta, "6. August 2024"));
  g_assert_cmpstr (german.story_language, ==, "de");

  /* The search survives the switch too. */
  search = chronicle_test_get_child (chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list"),
                                     CHRONICLE_TYPE_ARTICLE_LIST, "search_entry");
  chronicle_article_list_set_search_text (chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list"),
                                          "Schulman");

  switch_to (settings, "ja");
  window = current_window (app);
  look_at (window, &japanese);
  assert_differs (&german, &japanese);
  g_assert_nonnull (strstr (japanese.row_meta, "2024年8月6日"));
  search = chronicle_test_get_child (chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list"),
                                     CHRONICLE_TYPE_ARTICLE_LIST, "search_entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "Schulman");
  g_assert_cmpstr (japanese.story_language, ==, "ja");

  /* The story is read in the interface's language, whichever it is. */
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      g_auto(Shown) shown = { 0 };

      switch_to (settings, more[i].code);
      window = current_window (app);
      look_at (window, &shown);
      g_assert_cmpstr (shown.story, ==, "openai-schulman-2024-08-06");
      g_assert_cmpstr (shown.story_language, ==, more[i].story_language);
    }

  switch_to (settings, "");
  window = current_window (app);
  look_at (window, &system);
  assert_differs (&japanese, &system);
  g_assert_cmpstr (system.articles, ==, "Articles");
  g_assert_cmpstr (system.row_meta, ==, english.row_meta);
  g_assert_cmpstr (system.story_language, ==, "en");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add_func ("/language/switch-live", test_switch_live);

  return g_test_run ();
}
