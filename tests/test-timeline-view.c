/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-article-view.h"
#include "chronicle-event.h"
#include "chronicle-test-utils.h"
#include "chronicle-timeline-view.h"

typedef struct
{
  ChronicleApplication  *app;
  ChronicleWindow       *window;
  ChronicleTimelineView *timeline;
  ChronicleArticleView  *article;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
  fixture->timeline = chronicle_window_get_timeline_view (fixture->window);
  fixture->article = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_view");
  chronicle_window_set_view (fixture->window, "timeline");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_lists_bundled (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *model = chronicle_timeline_view_get_model (fixture->timeline);
  GtkLabel *count = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "count_label");
  g_autoptr(ChronicleEvent) first = NULL;
  g_autoptr(ChronicleEvent) last = NULL;
  GtkToggleButton *sort = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "sort_button");

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "15 events");

  /* Newest first by default; the toggle turns it round. */
  gtk_toggle_button_set_active (sort, TRUE);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (g_date_get_year (chronicle_event_get_date (first)), ==, 2024);
  gtk_toggle_button_set_active (sort, FALSE);
  last = g_list_model_get_item (model, 0);
  g_assert_cmpstr (chronicle_event_get_id (last), ==, "schulman-founded-2015-12");
  gtk_toggle_button_set_active (sort, TRUE);
}

static void
test_filters_narrow (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *model = chronicle_timeline_view_get_model (fixture->timeline);
  GtkLabel *count = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "count_label");
  GtkWidget *chip = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "person_chip");
  GtkStack *stack = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "stack");
  GtkSearchEntry *search = chronicle_test_get_child (fixture->timeline, CHRONICLE_TYPE_TIMELINE_VIEW, "search_entry");
  guint openai;

  /* The same actions as the name buttons in each row. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.filter-organization", "s", "OpenAI");
  openai = g_list_model_get_n_items (model);
  g_assert_cmpuint (openai, <, 15);
  g_assert_cmpuint (openai, >, 5);
  for (guint i = 0; i < openai; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (model, i);

      g_assert_true (g_str_equal (chronicle_event_get_organization (event), "OpenAI") ||
                     g_strcmp0 (chronicle_event_get_to_organization (event), "OpenAI") == 0);
    }

  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.filter-person", "s", "John Schulman");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (gtk_widget_get_visible (chip));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "3 of 15 events");

  /* A search that matches nothing says so and offers to clear. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Karpathy");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");

  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.clear-filters", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
  g_assert_false (gtk_widget_get_visible (chip));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
}

static gboolean
scrolled_down (gpointer data)
{
  return chronicle_article_view_get_scroll_position (data) > 100;
}

static void
test_show_in_article (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwViewStack *stack = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "stack");
  ChronicleItem *item;

  /* Karpathy's departure is told in paragraph 10 of the article. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.show-source", "s", "karpathy-left-2024-02");

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "articles");
  item = chronicle_article_view_get_item (fixture->article);
  g_assert_nonnull (item);
  g_assert_cmpstr (chronicle_item_get_story (item), ==, "openai-schulman-2024-08-06");
  g_assert_cmpint (chronicle_article_view_get_highlighted (fixture->article), ==, 10);

  /* The paragraph is scrolled into view. */
  chronicle_test_assert_until (scrolled_down, fixture->article);
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/timeline-view/lists-bundled", Fixture, NULL, fixture_set_up, test_lists_bundled, fixture_tear_down);
  g_test_add ("/timeline-view/filters", Fixture, NULL, fixture_set_up, test_filters_narrow, fixture_tear_down);
  g_test_add ("/timeline-view/show-in-article", Fixture, NULL, fixture_set_up, test_show_in_article, fixture_tear_down);

  return g_test_run ();
}
