/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-timeline.h"
#include "chronicle-window-private.h"

/* Between the timeline and the articles: "Show in Article", and saving
 * the timeline as CSV or iCalendar. */

/* Picks the source to show: the one in the translation the reader reads,
 * else the first one whose article is open. */
static const ChronicleEventSource *
pick_source (ChronicleWindow  *self,
             ChronicleEvent   *event,
             ChronicleStory  **story_out,
             ChronicleItem   **item_out)
{
  const ChronicleEventSource *chosen = NULL;

  for (guint i = 0; i < chronicle_event_get_n_sources (event); i++)
    {
      const ChronicleEventSource *source = chronicle_event_get_source (event, i);
      ChronicleStory *story = chronicle_library_find_story_by_item (self->library, source->item);

      if (story == NULL)
        continue;

      for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
        {
          ChronicleItem *item = chronicle_story_get_item (story, j);

          if (!g_str_equal (chronicle_item_get_id (item), source->item))
            continue;

          if (chosen == NULL || item == chronicle_story_get_preferred (story))
            {
              chosen = source;
              *story_out = story;
              *item_out = item;
            }
        }

      if (chosen == source && *item_out == chronicle_story_get_preferred (*story_out))
        break;
    }

  return chosen;
}

/**
 * chronicle_window_show_source:
 *
 * Opens the article that reports @event at the paragraph that says so,
 * highlighted for a moment.
 */
void
chronicle_window_show_source (ChronicleWindow *self,
                              ChronicleEvent  *event)
{
  const ChronicleEventSource *source;
  ChronicleStory *story = NULL;
  ChronicleItem *item = NULL;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  source = pick_source (self, event, &story, &item);
  if (source == NULL)
    {
      chronicle_window_add_toast (self, _("The article that reports this event is not open"));
      return;
    }

  chronicle_window_show_story (self, story, item);
  chronicle_window_set_view (self, "articles");

  if (!chronicle_article_view_show_paragraph (self->article_view, source->paragraph))
    chronicle_window_add_toast (self, _("The article has no such paragraph; it is shown from the start"));
}

/**
 * chronicle_window_get_timeline_view:
 *
 * The timeline's page is made when it is first shown: most starts never
 * show it, and building and styling its widgets was 5 ms of every start.
 *
 * Returns: (transfer none): the timeline view, made if it was not
 */
ChronicleTimelineView *
chronicle_window_get_timeline_view (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  if (self->timeline_view == NULL)
    {
      self->timeline_view = g_object_new (CHRONICLE_TYPE_TIMELINE_VIEW, NULL);
      if (self->library != NULL)
        chronicle_timeline_view_set_library (self->timeline_view, self->library);
      g_signal_connect_object (self->timeline_view, "show-source",
                               G_CALLBACK (chronicle_window_show_source), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->timeline_bin, GTK_WIDGET (self->timeline_view));
    }

  return self->timeline_view;
}

static GBytes *
export_bytes (ChronicleWindow *self,
              const char      *format)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *text;

  events = chronicle_timeline_sorted (chronicle_library_get_events (self->library), FALSE);
  text = g_str_equal (format, "ics") ? chronicle_timeline_to_ics (events, now)
                                     : chronicle_timeline_to_csv (events);
  return g_bytes_new_take (text, strlen (text));
}

typedef struct
{
  ChronicleWindow *window;
  char            *format;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_free (data->format);
  g_free (data);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the timeline: %s"), error->message);
      chronicle_window_add_toast (self, message);
      return;
    }

  chronicle_window_add_toast (self, _("Timeline saved"));
}

static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file != NULL)
    {
      bytes = export_bytes (data->window, data->format);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, saved_cb, g_object_ref (data->window));
    }
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    chronicle_window_add_toast (data->window, error->message);

  export_data_free (data);
}

void
chronicle_window_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean ics = g_str_equal (format, "ics");
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  ExportData *data;

  gtk_file_filter_set_name (filter, ics ? _("iCalendar Files") : _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, ics ? "text/calendar" : "text/csv");
  gtk_file_filter_add_suffix (filter, ics ? "ics" : "csv");
  g_list_store_append (filters, filter);

  gtk_file_dialog_set_title (dialog, _("Export Timeline"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  /* Translators: the suggested file name of an exported timeline; keep the extension */
  gtk_file_dialog_set_initial_name (dialog, ics ? _("timeline.ics") : _("timeline.csv"));

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->format = g_strdup (format);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_cb, data);
}
