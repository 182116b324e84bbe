/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-files"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-diagnostic.h"
#include "chronicle-window-private.h"

/* Adding collections: the Open dialog, dropped files and files given on
 * the command line all end here.  A broken file changes nothing and says
 * what is wrong and where. */

/* How many problems an error dialog lists before it stops. */
#define MAX_LISTED_PROBLEMS 5

typedef struct
{
  ChronicleWindow *window;
  char            *name;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
show_error (ChronicleWindow *self,
            const char      *name,
            GError          *error,
            GPtrArray       *diagnostics)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwDialog *dialog;
  guint listed = 0;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *position = NULL;

      if (diagnostic->severity != CHRONICLE_SEVERITY_ERROR)
        continue;

      if (listed == MAX_LISTED_PROBLEMS)
        {
          g_string_append (body, "\n…");
          break;
        }

      if (body->len > 0)
        g_string_append_c (body, '\n');

      if (diagnostic->line > 0)
        /* Translators: where a problem is in a file: %1$u is the line, %2$u the column */
        position = g_strdup_printf (_("Line %1$u, column %2$u"), diagnostic->line, diagnostic->column);

      if (position != NULL && diagnostic->path != NULL)
        g_string_append_printf (body, "%s (%s): %s", position, diagnostic->path, diagnostic->message);
      else if (position != NULL)
        g_string_append_printf (body, "%s: %s", position, diagnostic->message);
      else if (diagnostic->path != NULL)
        g_string_append_printf (body, "%s: %s", diagnostic->path, diagnostic->message);
      else
        g_string_append (body, diagnostic->message);

      listed++;
    }

  if (body->len == 0)
    g_string_append (body, error->message);

  g_string_append_printf (body, "\n\n%s", _("Nothing was added; the articles already open are unchanged."));

  dialog = adw_alert_dialog_new (heading, NULL);
  /* Messages quote the file: they must never be read as markup. */
  adw_alert_dialog_set_body_use_markup (ADW_ALERT_DIALOG (dialog), FALSE);
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), body->str);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static guint
count_timeline_errors (GPtrArray *diagnostics)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == CHRONICLE_SEVERITY_ERROR && diagnostic->path != NULL &&
          g_str_has_prefix (diagnostic->path, "_chronicle.timeline"))
        n++;
    }

  return n;
}

static void
file_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  ChronicleWindow *self = data->window;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ChronicleCollection *collection;
  guint skipped;

  collection = chronicle_library_add_file_finish (CHRONICLE_LIBRARY (object), result, &diagnostics, &error);
  self->files_loading--;
  chronicle_window_update_loading (self);
  if (collection == NULL)
    {
      show_error (self, data->name, error, diagnostics);
      return;
    }

  skipped = count_timeline_errors (diagnostics);
  if (skipped > 0)
    /* Translators: %1$u is a number of events, %2$s a file name */
    message = g_strdup_printf (ngettext ("Added “%2$s”; %1$u timeline event with errors was left out",
                                         "Added “%2$s”; %1$u timeline events with errors were left out",
                                         skipped),
                               skipped, data->name);
  else
    /* Translators: %s is the title of a collection */
    message = g_strdup_printf (_("Added “%s”"), chronicle_collection_get_title (collection));

  chronicle_window_add_toast (self, message);
  chronicle_article_list_refresh (self->article_list);
}

/**
 * chronicle_window_open_files:
 *
 * Adds each file as a collection, reading them off the main thread.
 */
void
chronicle_window_open_files (ChronicleWindow  *self,
                             GFile           **files,
                             guint             n_files)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->stack, "articles");

  for (guint i = 0; i < n_files; i++)
    {
      OpenData *data = g_new0 (OpenData, 1);

      data->window = g_object_ref (self);
      data->name = g_file_get_basename (files[i]);
      self->files_loading++;
      chronicle_library_add_file_async (self->library, files[i], NULL, file_added_cb, data);
    }

  chronicle_window_update_loading (self);
}

static void
open_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        chronicle_window_add_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  chronicle_window_open_files (self, (GFile **) array->pdata, array->len);
}

void
chronicle_window_open_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (json, _("Article Collections (JSON Feed)"));
  gtk_file_filter_add_mime_type (json, "application/feed+json");
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, json);
  g_list_store_append (filters, all);

  gtk_file_dialog_set_title (dialog, _("Open Collection"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, json);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (widget), NULL, open_dialog_cb, g_object_ref (widget));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  ChronicleWindow *self = user_data;
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    return FALSE;

  chronicle_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

void
chronicle_window_init_dnd (ChronicleWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
