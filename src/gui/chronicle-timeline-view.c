/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-date-format.h"
#include "chronicle-event-row.h"
#include "chronicle-list-top.h"
#include "chronicle-search.h"
#include "chronicle-timeline.h"
#include "chronicle-timeline-view.h"

/* The Timeline view: the library's events → filter (person, organisation,
 * search) → sort (newest or oldest first, sections by month) → list. */

struct _ChronicleTimelineView
{
  AdwBin              parent_instance;

  ChronicleLibrary   *library;
  GSettings          *settings;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkCustomSorter    *section_sorter;
  char               *person;
  char               *organization;
  char              **terms;
  gboolean            newest_first;
  char               *shown_event;  /* to bring into view once shown */
  guint               shown_event_tick;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *sort_button;
  GtkLabel           *count_label;
  GtkWidget          *person_chip;
  AdwButtonContent   *person_chip_content;
  GtkWidget          *organization_chip;
  AdwButtonContent   *organization_chip_content;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled_window;
  GtkListView        *list_view;
};

enum {
  SHOW_SOURCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronicleTimelineView, chronicle_timeline_view, ADW_TYPE_BIN)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ChronicleTimelineView *self = user_data;

  return chronicle_event_matches (item, self->person, self->organization, self->terms);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  ChronicleTimelineView *self = user_data;
  int result = chronicle_event_compare (CHRONICLE_EVENT ((gpointer) a), CHRONICLE_EVENT ((gpointer) b));

  return self->newest_first ? -result : result;
}

/* Sections are months; an event known only to its year has a section of
 * its own at the start of that year. */
static int
month_key (ChronicleEvent *event)
{
  GDate *date = chronicle_event_get_date (event);

  if (chronicle_event_get_precision (event) == CHRONICLE_PRECISION_YEAR)
    return g_date_get_year (date) * 100;
  return g_date_get_year (date) * 100 + g_date_get_month (date);
}

static int
section_func (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ChronicleTimelineView *self = user_data;
  int key_a = month_key (CHRONICLE_EVENT ((gpointer) a));
  int key_b = month_key (CHRONICLE_EVENT ((gpointer) b));
  int result = (key_a > key_b) - (key_a < key_b);

  return self->newest_first ? -result : result;
}

static void
update_state (ChronicleTimelineView *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint n_all = self->library != NULL ? g_list_model_get_n_items (chronicle_library_get_events (self->library)) : 0;
  g_autofree char *count = NULL;

  if (n_shown == n_all || gtk_filter_list_model_get_model (self->filter_model) == NULL)
    count = g_strdup_printf (ngettext ("%u event", "%u events", n_all), n_all);
  else
    /* Translators: %1$u events of %2$u are shown */
    count = g_strdup_printf (ngettext ("%1$u of %2$u event", "%1$u of %2$u events", n_all), n_shown, n_all);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_set_visible (self->person_chip, self->person != NULL);
  if (self->person != NULL)
    adw_button_content_set_label (self->person_chip_content, self->person);
  gtk_widget_set_visible (self->organization_chip, self->organization != NULL);
  if (self->organization != NULL)
    adw_button_content_set_label (self->organization_chip_content, self->organization);

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0 && gtk_filter_list_model_get_model (self->filter_model) != NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
refilter (ChronicleTimelineView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
search_changed_cb (ChronicleTimelineView *self,
                   GtkSearchEntry        *entry)
{
  g_strfreev (self->terms);
  self->terms = chronicle_search_terms (gtk_editable_get_text (GTK_EDITABLE (entry)));
  refilter (self);
}

static void
sort_changed_cb (ChronicleTimelineView *self)
{
  gboolean newest_first = gtk_toggle_button_get_active (self->sort_button);
  const char *label = newest_first ? _("Newest First") : _("Oldest First");

  /* Kept apart from the button, which sorting must outlive. */
  self->newest_first = newest_first;

  gtk_button_set_icon_name (GTK_BUTTON (self->sort_button),
                            newest_first ? "chronicle-sort-newest-symbolic" : "chronicle-sort-oldest-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (self->sort_model == NULL)
    return;
  gtk_sorter_changed (GTK_SORTER (self->section_sorter), GTK_SORTER_CHANGE_INVERTED);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_INVERTED);
}

void
chronicle_timeline_view_set_person (ChronicleTimelineView *self,
                                    const char            *person)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  if (g_set_str (&self->person, person))
    refilter (self);
}

void
chronicle_timeline_view_set_organization (ChronicleTimelineView *self,
                                          const char            *organization)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  if (g_set_str (&self->organization, organization))
    refilter (self);
}

static void
filter_person_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  chronicle_timeline_view_set_person (CHRONICLE_TIMELINE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
filter_organization_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  chronicle_timeline_view_set_organization (CHRONICLE_TIMELINE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  if (g_str_equal (action_name, "timeline.clear-person") || g_str_equal (action_name, "timeline.clear-filters"))
    g_clear_pointer (&self->person, g_free);
  if (g_str_equal (action_name, "timeline.clear-organization") || g_str_equal (action_name, "timeline.clear-filters"))
    g_clear_pointer (&self->organization, g_free);
  if (g_str_equal (action_name, "timeline.clear-filters"))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  refilter (self);
}

static void
show_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GListModel *events = chronicle_library_get_events (self->library);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (chronicle_event_get_id (event), id))
        {
          g_signal_emit (self, signals[SHOW_SOURCE], 0, event);
          return;
        }
    }
}

static void
header_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListHeader            *header,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *year = gtk_label_new (NULL);
  GtkWidget *month = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (year), 0);
  gtk_label_set_xalign (GTK_LABEL (month), 0);
  gtk_widget_add_css_class (year, "title-2");
  gtk_widget_add_css_class (month, "heading");
  gtk_widget_add_css_class (box, "timeline-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (year), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (month), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_box_append (GTK_BOX (box), year);
  gtk_box_append (GTK_BOX (box), month);
  gtk_list_header_set_child (header, box);
}

static void
header_bind_cb (GtkSignalListItemFactory *factory,
                GtkListHeader            *header,
                gpointer                  user_data)
{
  ChronicleTimelineView *self = user_data;
  ChronicleEvent *event = gtk_list_header_get_item (header);
  GtkWidget *box = gtk_list_header_get_child (header);
  GtkWidget *year = gtk_widget_get_first_child (box);
  GtkWidget *month = gtk_widget_get_last_child (box);
  GDate *date = chronicle_event_get_date (event);
  guint start = gtk_list_header_get_start (header);
  gboolean new_year = TRUE;
  g_autofree char *year_text = chronicle_format_year (g_date_get_year (date));

  /* The year heads the first of its months in the list. */
  if (start > 0)
    {
      g_autoptr(ChronicleEvent) previous = g_list_model_get_item (G_LIST_MODEL (self->sort_model), start - 1);
      new_year = g_date_get_year (chronicle_event_get_date (previous)) != g_date_get_year (date);
    }

  gtk_label_set_text (GTK_LABEL (year), year_text);
  gtk_widget_set_visible (year, new_year);

  if (chronicle_event_get_precision (event) == CHRONICLE_PRECISION_YEAR)
    {
      /* Translators: heading of the events known only to their year */
      gtk_label_set_text (GTK_LABEL (month), _("During the year"));
    }
  else
    {
      g_autofree char *month_text = chronicle_format_month (g_date_get_year (date), g_date_get_month (date));
      gtk_label_set_text (GTK_LABEL (month), month_text);
    }
}

void
chronicle_timeline_view_set_library (ChronicleTimelineView *self,
                                     ChronicleLibrary      *library)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));
  g_return_if_fail (CHRONICLE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_signal_connect_object (chronicle_library_get_events (library), "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  /* The events are shown once the view is: the window starts on the
   * articles, and building the rows of a hidden list slows its start. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_filter_list_model_set_model (self->filter_model, chronicle_library_get_events (library));
  update_state (self);
}

guint
chronicle_timeline_view_get_n_shown (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

/**
 * chronicle_timeline_view_get_model:
 *
 * Returns: (transfer none): the events shown, in the order shown
 */
GListModel *
chronicle_timeline_view_get_model (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * chronicle_timeline_view_take_filters:
 *
 * Shows what @other shows: its search, person and organisation.
 */
void
chronicle_timeline_view_take_filters (ChronicleTimelineView *self,
                                      ChronicleTimelineView *other)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (other));

  g_set_str (&self->person, other->person);
  g_set_str (&self->organization, other->organization);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), gtk_editable_get_text (GTK_EDITABLE (other->search_entry)));
  search_changed_cb (self, self->search_entry);
}

static gboolean
scroll_to_shown_event (ChronicleTimelineView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  for (guint i = 0; self->shown_event != NULL && i < n; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_str_equal (chronicle_event_get_id (event), self->shown_event))
        {
          chronicle_list_let_go (self->list_view);
          gtk_list_view_scroll_to (self->list_view, i, GTK_LIST_SCROLL_FOCUS, NULL);
          return TRUE;
        }
    }
  return FALSE;
}

/* A list view not laid out yet forgets where it was asked to scroll: the
 * event is brought into view once the list has a height. */
static gboolean
shown_event_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  ChronicleTimelineView *self = data;

  if (gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (self->scrolled_window)) <= 0)
    return G_SOURCE_CONTINUE;

  self->shown_event_tick = 0;
  scroll_to_shown_event (self);
  return G_SOURCE_REMOVE;
}

/* A list view anchors its first row, not the heading above it: start at
 * the very top, so the first year and month show, unless an event was
 * asked for (until the timeline is left). */
static gboolean
scroll_to_top_cb (gpointer data)
{
  ChronicleTimelineView *self = data;

  if (self->shown_event == NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  else if (self->shown_event_tick == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->shown_event_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), shown_event_tick_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * chronicle_timeline_view_show_event:
 * @id: the id of an event
 *
 * Brings the event @id into view, whatever the filters hid: the
 * desktop's search found it there.
 */
void
chronicle_timeline_view_show_event (ChronicleTimelineView *self,
                                    const char            *id)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));
  g_return_if_fail (id != NULL);

  g_set_str (&self->shown_event, id);
  chronicle_timeline_view_set_person (self, NULL);
  chronicle_timeline_view_set_organization (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self, self->search_entry);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, g_object_ref (self), g_object_unref);
}

static void
chronicle_timeline_view_unmap (GtkWidget *widget)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  g_clear_pointer (&self->shown_event, g_free);
  if (self->shown_event_tick != 0)
    gtk_widget_remove_tick_callback (widget, self->shown_event_tick);
  self->shown_event_tick = 0;

  GTK_WIDGET_CLASS (chronicle_timeline_view_parent_class)->unmap (widget);
}

static void
chronicle_timeline_view_map (GtkWidget *widget)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  if (self->library != NULL && gtk_filter_list_model_get_model (self->filter_model) == NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model, chronicle_library_get_events (self->library));
      update_state (self);
    }

  GTK_WIDGET_CLASS (chronicle_timeline_view_parent_class)->map (widget);

  g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, g_object_ref (widget), g_object_unref);
}

static void
chronicle_timeline_view_dispose (GObject *object)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_TIMELINE_VIEW);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chronicle_timeline_view_parent_class)->dispose (object);
}

static void
chronicle_timeline_view_finalize (GObject *object)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (object);

  g_free (self->person);
  g_free (self->shown_event);
  g_free (self->organization);
  g_strfreev (self->terms);

  G_OBJECT_CLASS (chronicle_timeline_view_parent_class)->finalize (object);
}

static void
chronicle_timeline_view_class_init (ChronicleTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_timeline_view_dispose;
  object_class->finalize = chronicle_timeline_view_finalize;
  widget_class->map = chronicle_timeline_view_map;
  widget_class->unmap = chronicle_timeline_view_unmap;

  /**
   * ChronicleTimelineView::show-source:
   * @event: the event whose report the reader wants to see
   */
  signals[SHOW_SOURCE] =
    g_signal_new ("show-source",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CHRONICLE_TYPE_EVENT);

  g_type_ensure (CHRONICLE_TYPE_EVENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, sort_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, person_chip);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, person_chip_content);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, organization_chip);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, organization_chip_content);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ChronicleTimelineView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "timeline.filter-person", "s", filter_person_action);
  gtk_widget_class_install_action (widget_class, "timeline.filter-organization", "s", filter_organization_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-person", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-organization", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-filters", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "timeline.show-source", "s", show_source_action);
}

static void
chronicle_timeline_view_init (ChronicleTimelineView *self)
{
  g_autoptr(GtkListItemFactory) header_factory = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "timeline-newest-first", self->sort_button, "active", G_SETTINGS_BIND_DEFAULT);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->section_sorter = gtk_custom_sorter_new (section_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (self->sorter));
  gtk_sort_list_model_set_section_sorter (self->sort_model, GTK_SORTER (self->section_sorter));
  g_object_unref (self->section_sorter);
  selection = gtk_no_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  chronicle_list_keep_top (self->list_view, G_LIST_MODEL (selection));
  g_object_unref (selection);

  header_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (header_factory, "setup", G_CALLBACK (header_setup_cb), self);
  g_signal_connect (header_factory, "bind", G_CALLBACK (header_bind_cb), self);
  gtk_list_view_set_header_factory (self->list_view, header_factory);

  g_signal_connect_object (self->sort_button, "toggled", G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  sort_changed_cb (self);
  update_state (self);
}
