/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-opml"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-opml.h"
#include "chronicle-window-private.h"

/* Reading lists: "Import Subscriptions…" takes another reader's OPML
 * file, whose feeds are fetched by a refresh right after; "Export
 * Subscriptions…" writes ours. */

static GListModel *
opml_filters (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("OPML Files"));
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  gtk_file_filter_add_suffix (filter, "opml");
  gtk_file_filter_add_suffix (filter, "xml");
  g_list_store_append (filters, filter);
  g_object_unref (filter);
  return G_LIST_MODEL (filters);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = chronicle_subscriptions_import_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);
  g_autofree char *message = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (keys == NULL)
    {
      chronicle_window_add_toast (self, error->message);
      return;
    }

  /* Translators: said once a reading list is imported; %u is a number */
  message = g_strdup_printf (g_dngettext (NULL, "%u subscription added", "%u subscriptions added",
                                          g_strv_length (keys)), g_strv_length (keys));
  chronicle_window_add_toast (self, message);
  /* Listed at once, in their folders; never fetched, they are due: the
   * refresh of due feeds fetches them. */
  chronicle_library_reload_sources_async (self->library, (const char * const *) keys, NULL, NULL, NULL);
  if (keys[0] != NULL && app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "refresh-due", NULL);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  ChronicleSubscriptions *subscriptions;
  gsize length;

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    entries = chronicle_opml_parse (contents, length, &error);

  if (entries == NULL)
    {
      g_autofree char *heading = NULL;
      AdwDialog *dialog;

      name = g_file_get_basename (G_FILE (object));
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Import “%s”"), name);
      dialog = adw_alert_dialog_new (heading, NULL);
      /* Messages quote the file: never markup. */
      adw_alert_dialog_set_body_use_markup (ADW_ALERT_DIALOG (dialog), FALSE);
      adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), error->message);
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
      adw_dialog_present (dialog, GTK_WIDGET (self));
      return;
    }

  subscriptions = chronicle_window_get_subscriptions (self);
  if (subscriptions != NULL)
    chronicle_subscriptions_import_async (subscriptions, entries, NULL, imported_cb, g_object_ref (self));
}

static void
import_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    chronicle_window_import_opml_file (self, file);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    chronicle_window_add_toast (self, error->message);
}

/**
 * chronicle_window_import_opml_file:
 * @file: an OPML reading list the reader chose or dropped
 *
 * Subscribes to the feeds of @file, in its folders, and fetches them in
 * the background.
 */
void
chronicle_window_import_opml_file (ChronicleWindow *self,
                                   GFile           *file)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, loaded_cb, g_object_ref (self));
}

void
chronicle_window_import_opml_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = opml_filters ();

  gtk_file_dialog_set_title (dialog, _("Import Subscriptions"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_open (dialog, GTK_WINDOW (widget), NULL, import_dialog_cb, g_object_ref (widget));
}

typedef struct
{
  ChronicleWindow *window;
  GFile           *file;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->window);
  g_object_unref (export->file);
  g_free (export);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    chronicle_window_add_toast (self, error->message);
  else
    chronicle_window_add_toast (self, _("Subscriptions exported"));
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = chronicle_subscriptions_list_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);

  if (entries != NULL)
    {
      char *text = chronicle_opml_write (entries, "Chronicle");
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           written_cb, g_object_ref (export->window));
    }
  else
    chronicle_window_add_toast (export->window, error->message);
  export_free (export);
}

static void
export_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  ChronicleSubscriptions *subscriptions = chronicle_window_get_subscriptions (self);
  Export *export;

  if (file == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        chronicle_window_add_toast (self, error->message);
      return;
    }
  if (subscriptions == NULL)
    {
      g_object_unref (file);
      return;
    }

  export = g_new0 (Export, 1);
  export->window = g_object_ref (self);
  export->file = file;
  chronicle_subscriptions_list_async (subscriptions, NULL, listed_cb, export);
}

void
chronicle_window_export_opml_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = opml_filters ();

  gtk_file_dialog_set_title (dialog, _("Export Subscriptions"));
  gtk_file_dialog_set_filters (dialog, filters);
  /* Translators: the suggested file name of exported subscriptions; keep the extension */
  gtk_file_dialog_set_initial_name (dialog, _("subscriptions.opml"));
  gtk_file_dialog_save (dialog, GTK_WINDOW (widget), NULL, export_dialog_cb, g_object_ref (widget));
}
