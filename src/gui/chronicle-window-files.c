/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-files"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-diagnostic.h"
#include "chronicle-problem-item.h"
#include "chronicle-problems-dialog.h"
#include "chronicle-window-private.h"

/* Adding collections: the Open dialog, dropped files and files given on
 * the command line all end here.  A broken file changes nothing and says
 * what is wrong and where. */

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

/* A file that could not be read at all: what stopped it, and where. */
static void
show_error (ChronicleWindow *self,
            const char      *name,
            GError          *error,
            GPtrArray       *diagnostics)
{
  const ChronicleDiagnostic *fatal = chronicle_diagnostics_find_fatal (diagnostics);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwDialog *dialog;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);

  if (fatal != NULL)
    {
      g_autoptr(ChronicleProblemItem) item = chronicle_problem_item_new_for_diagnostic (fatal);
      const char *place = chronicle_problem_item_get_place (item);

      if (place != NULL)
        g_string_append_printf (body, "%s: ", place);
      g_string_append (body, chronicle_problem_item_get_message (item));
    }
  else
    g_string_append (body, error->message);

  g_string_append_printf (body, "\n\n%s", _("Nothing was added; the articles already open are unchanged."));

  dialog = adw_alert_dialog_new (heading, NULL);
  /* Messages quote the file: they must never be read as markup. */
  adw_alert_dialog_set_body_use_markup (ADW_ALERT_DIALOG (dialog), FALSE);
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), body->str);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* A file that was read around its problems: it is added, and a toast says
 * how many problems it has, with their list a click away. */
static void
show_problems (ChronicleWindow     *self,
               const char          *name,
               ChronicleCollection *collection)
{
  GPtrArray *diagnostics = chronicle_collection_get_diagnostics (collection);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %1$u is a number of problems, %2$s a file name */
  title = g_strdup_printf (ngettext ("Added “%2$s”, with %1$u problem", "Added “%2$s”, with %1$u problems",
                                     diagnostics->len),
                           diagnostics->len, name);

  toast = adw_toast_new (title);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-problems");
  adw_toast_set_action_target (toast, "s", chronicle_collection_get_id (collection));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The first place where @collection's file is not well-formed XML, if it
 * has one. */
static const ChronicleDiagnostic *
first_xml_error (ChronicleCollection *collection)
{
  GPtrArray *diagnostics = chronicle_collection_get_diagnostics (collection);
  const ChronicleDiagnostic *first = NULL;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (chronicle_diagnostic_breaks_xml (diagnostic) &&
          (first == NULL || diagnostic->position.line < first->position.line ||
           (diagnostic->position.line == first->position.line && diagnostic->position.column < first->position.column)))
        first = diagnostic;
    }

  return first;
}

/**
 * chronicle_window_update_banner:
 *
 * A feed that is not well-formed XML is shown as far as it could be read;
 * as long as it is open, the banner says so and names its first error.
 */
void
chronicle_window_update_banner (ChronicleWindow *self)
{
  GListModel *collections = chronicle_library_get_collections (self->library);

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (collections, i);
      const ChronicleDiagnostic *error = first_xml_error (collection);
      g_autofree char *message = NULL;
      g_autofree char *title = NULL;

      if (error == NULL)
        continue;

      message = chronicle_diagnostic_dup_message (error);
      /* Translators: %1$s is a file name, %2$u and %3$u a line and a column,
       * %4$s what is wrong there, such as "the element <item> is closed by
       * </channel>" */
      title = g_strdup_printf (_("“%1$s” is not well-formed XML. Line %2$u, column %3$u: %4$s"),
                               chronicle_collection_get_name (collection), error->position.line,
                               error->position.column, message);
      adw_banner_set_title (self->problems_banner, title);
      /* The target first: the action takes one. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->problems_banner), "s",
                                        chronicle_collection_get_id (collection));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problems_banner), "win.show-problems");
      adw_banner_set_revealed (self->problems_banner, TRUE);
      return;
    }

  adw_banner_set_revealed (self->problems_banner, FALSE);
}

/**
 * chronicle_window_show_problems_action:
 * @parameter: the id of a collection
 *
 * Lists the problems the collection's file was read around.
 */
void
chronicle_window_show_problems_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleCollection *collection = chronicle_library_find_collection (self->library,
                                                                       g_variant_get_string (parameter, NULL));
  GPtrArray *diagnostics;
  guint n_items = 0, n_events = 0;

  if (collection == NULL || (diagnostics = chronicle_collection_get_diagnostics (collection)) == NULL)
    return;

  chronicle_feed_get_n_left_out (chronicle_collection_get_feed (collection), &n_items, &n_events);
  adw_dialog_present (chronicle_problems_dialog_new (chronicle_collection_get_name (collection), diagnostics,
                                                     n_items, n_events),
                      widget);
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
  ChronicleCollection *collection;

  collection = chronicle_library_add_file_finish (CHRONICLE_LIBRARY (object), result, &diagnostics, &error);
  self->files_loading--;
  chronicle_window_update_loading (self);
  if (collection == NULL)
    {
      show_error (self, data->name, error, diagnostics);
      return;
    }

  if (diagnostics->len > 0)
    show_problems (self, data->name, collection);
  else
    {
      /* Translators: %s is the title of a collection */
      g_autofree char *message = g_strdup_printf (_("Added “%s”"), chronicle_collection_get_title (collection));

      chronicle_window_add_toast (self, message);
    }

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

/* What feeds are served and saved as: some servers still say text/xml,
 * and a saved file often has no type but its name's. */
static const char * const feed_types[] = {
  "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
  "application/json", "application/xml", "text/xml",
};
static const char * const feed_suffixes[] = { "xml", "rss", "atom", "rdf", "json" };

void
chronicle_window_open_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) feeds_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (feeds_filter, _("Feeds (RSS, Atom, JSON Feed)"));
  for (guint i = 0; i < G_N_ELEMENTS (feed_types); i++)
    gtk_file_filter_add_mime_type (feeds_filter, feed_types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (feed_suffixes); i++)
    gtk_file_filter_add_suffix (feeds_filter, feed_suffixes[i]);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, feeds_filter);
  g_list_store_append (filters, all);

  gtk_file_dialog_set_title (dialog, _("Open Collection"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, feeds_filter);
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

  gboolean any = FALSE;

  /* A reading list is imported; anything else is opened as a collection. */
  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;

      if (folded != NULL && g_str_has_suffix (folded, ".opml"))
        chronicle_window_import_opml_file (self, l->data);
      else
        g_ptr_array_add (files, l->data);
      any = TRUE;
    }

  if (files->len > 0)
    chronicle_window_open_files (self, (GFile **) files->pdata, files->len);
  return any;
}

void
chronicle_window_init_dnd (ChronicleWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
