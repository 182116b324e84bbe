/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-sources"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-subscription-properties.h"
#include "chronicle-window-private.h"

/* The window's part in the sidebar: the layout it adapts, and what the
 * context menu of a subscription or collection does.  Removing one can be
 * undone while its toast shows: until then it is only unlisted, and the
 * store keeps it. */

static ChronicleCollection *
find_added (ChronicleWindow *self,
            GVariant        *parameter)
{
  ChronicleCollection *collection = chronicle_library_find_collection (self->library,
                                                                       g_variant_get_string (parameter, NULL));

  return collection != NULL && !chronicle_collection_get_builtin (collection) ? collection : NULL;
}

void
chronicle_window_sidebar_activated_cb (ChronicleWindow *self)
{
  /* On a narrow window the list takes the sidebar's place. */
  if (adw_overlay_split_view_get_collapsed (self->sources_split))
    adw_overlay_split_view_set_show_sidebar (self->sources_split, FALSE);
  if (adw_navigation_split_view_get_collapsed (self->split_view))
    adw_navigation_split_view_set_show_content (self->split_view, FALSE);
}

static void
collapsed_cb (ChronicleWindow *self)
{
  adw_overlay_split_view_set_show_sidebar (self->sources_split,
                                           !adw_overlay_split_view_get_collapsed (self->sources_split));
}

static void
view_changed_cb (ChronicleWindow *self)
{
  gboolean articles = g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "articles") == 0;

  gtk_widget_set_visible (self->sidebar_button, articles);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), articles);
  if (!articles)
    chronicle_window_get_timeline_view (self);
}

/* A narrow window's switcher bar makes its buttons once it shows. */
void
chronicle_window_switcher_bar_revealed_cb (ChronicleWindow *self)
{
  if (adw_view_switcher_bar_get_reveal (self->switcher_bar) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
}

/* The search bar sits above the list: opening it shows the list, which on a
 * narrow window may be behind the article. */
void
chronicle_window_search_toggled_cb (ChronicleWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_button))
    adw_navigation_split_view_set_show_content (self->split_view, FALSE);
}

void
chronicle_window_init_sources (ChronicleWindow *self)
{
  chronicle_sidebar_set_library (self->sidebar, self->library);
}

void
chronicle_window_init_layout (ChronicleWindow *self)
{
  self->removals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_object (self->sources_split, "notify::collapsed", G_CALLBACK (collapsed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  view_changed_cb (self);
  /* The header's search button opens and closes the list's own bar. */
  g_object_bind_property (gtk_widget_get_template_child (GTK_WIDGET (self->article_list), CHRONICLE_TYPE_ARTICLE_LIST,
                                                        "search_bar"), "search-mode-enabled",
                          self->search_button, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

void
chronicle_window_mark_source_read_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autofree char *filter = g_settings_get_string (self->settings, "article-filter");

  /* What the list shows is what is marked: the source, read or not. */
  g_settings_set_string (self->settings, "collection", g_variant_get_string (parameter, NULL));
  if (g_str_equal (filter, "starred"))
    g_settings_set_string (self->settings, "article-filter", "all");
  gtk_widget_activate_action (widget, "win.mark-all-read", NULL);
}

void
chronicle_window_toggle_sidebar_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  chronicle_window_set_view (self, "articles");
  adw_overlay_split_view_set_show_sidebar (self->sources_split,
                                           !adw_overlay_split_view_get_show_sidebar (self->sources_split));
}

void
chronicle_window_show_source_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  g_settings_set_string (self->settings, "collection", g_variant_get_string (parameter, NULL));
  chronicle_window_set_view (self, "articles");
  chronicle_window_sidebar_activated_cb (self);
}

typedef struct
{
  ChronicleWindow *window;
  char            *key;
  GtkEditable     *entry;
  gboolean         folder;
} Asking;

static void
asking_free (gpointer  data,
             GClosure *closure)
{
  Asking *asking = data;

  g_object_unref (asking->window);
  g_free (asking->key);
  g_free (asking);
}

static void
answered_cb (AdwAlertDialog *dialog,
             const char     *response,
             Asking         *asking)
{
  const char *text = gtk_editable_get_text (asking->entry);
  g_autofree char *value = g_strstrip (g_strdup (text));

  if (g_str_equal (response, "cancel") || g_str_equal (response, "close"))
    return;
  if (asking->folder)
    chronicle_library_move_subscription (asking->window->library, asking->key, value);
  else
    chronicle_library_rename_subscription (asking->window->library, asking->key, value);
}

/* Asks for a title or a folder in a dialog with one entry. */
static void
ask (ChronicleWindow     *self,
     ChronicleCollection *collection,
     gboolean             folder)
{
  AdwDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  Asking *asking = g_new0 (Asking, 1);
  ChronicleFeed *feed = chronicle_collection_get_feed (collection);

  if (folder)
    {
      dialog = adw_alert_dialog_new (_("Move to Folder"), NULL);
      /* Translators: %s is the title of a subscription */
      adw_alert_dialog_format_body (ADW_ALERT_DIALOG (dialog), _("The folder of “%s”; subscriptions in one folder are listed together."),
                                    chronicle_collection_get_title (collection));
      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Move"), NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), chronicle_collection_get_folder (collection) != NULL
                                                   ? chronicle_collection_get_folder (collection) : "");
      /* Translators: shown in the empty entry of a folder's name */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("No Folder"));
      /* Translators: what a screen reader calls the entry of a folder's name */
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Folder"), -1);
    }
  else
    {
      dialog = adw_alert_dialog_new (_("Rename Subscription"), NULL);
      adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), _("Leave it empty for the feed’s own title."));
      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Rename"), NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), chronicle_collection_get_title (collection));
      if (chronicle_feed_get_title (feed) != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), chronicle_feed_get_title (feed));
      /* Translators: what a screen reader calls the entry of a subscription's title */
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
    }

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), entry);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "apply");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");

  asking->window = g_object_ref (self);
  asking->key = g_strdup (chronicle_collection_get_id (collection));
  asking->entry = GTK_EDITABLE (entry);
  asking->folder = folder;
  g_signal_connect_data (dialog, "response", G_CALLBACK (answered_cb), asking, asking_free, 0);
  adw_dialog_set_focus (dialog, entry);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

void
chronicle_window_rename_subscription_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleCollection *collection = find_added (self, parameter);

  if (collection != NULL && chronicle_collection_get_web (collection))
    ask (self, collection, g_str_equal (action_name, "win.move-subscription"));
}

void
chronicle_window_subscription_properties_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleCollection *collection = find_added (self, parameter);

  if (collection != NULL && chronicle_collection_get_web (collection))
    adw_dialog_present (ADW_DIALOG (chronicle_subscription_properties_new (collection)), widget);
}

/* The removal of @key becomes final. */
static void
remove_now (ChronicleWindow *self,
            const char      *key)
{
  g_autofree char *owned = g_strdup (key);

  if (g_hash_table_remove (self->removals, owned))
    chronicle_library_remove_collection (self->library, owned);
}

static void
toast_dismissed_cb (AdwToast        *toast,
                    ChronicleWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (toast), "chronicle-key");

  /* Unless undone, which may come from the same click, or the window is
   * gone and made it final. */
  if (self->removals != NULL && g_hash_table_lookup (self->removals, key) == toast)
    remove_now (self, key);
}

static void
undo_cb (AdwToast        *toast,
         ChronicleWindow *self)
{
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (toast), "chronicle-key"));

  if (self->removals != NULL && g_hash_table_remove (self->removals, key))
    chronicle_library_reload_source_async (self->library, key, NULL, NULL, NULL);
}

void
chronicle_window_remove_source_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleCollection *collection = find_added (self, parameter);
  ChronicleStory *shown = chronicle_article_view_get_story (self->article_view);
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  g_autofree char *current = NULL;
  AdwToast *toast;

  if (collection == NULL)
    return;

  key = g_strdup (chronicle_collection_get_id (collection));
  if (chronicle_collection_get_web (collection))
    /* Translators: %s is the title of a subscription */
    message = g_strdup_printf (_("Unsubscribed from “%s”"), chronicle_collection_get_title (collection));
  else
    /* Translators: %s is the title of a collection */
    message = g_strdup_printf (_("Removed “%s”"), chronicle_collection_get_title (collection));

  if (shown != NULL && g_strcmp0 (chronicle_story_get_collection_id (shown), key) == 0)
    chronicle_article_view_set_story (self->article_view, NULL, NULL);
  current = g_settings_get_string (self->settings, "collection");
  if (g_str_equal (current, key))
    g_settings_set_string (self->settings, "collection", "");
  chronicle_library_unlist_collection (self->library, key);

  toast = adw_toast_new (message);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "chronicle-key", g_strdup (key), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  g_hash_table_insert (self->removals, g_strdup (key), g_object_ref (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * chronicle_window_finish_removals:
 *
 * Makes the removals that can still be undone final, as closing the
 * window does.
 */
void
chronicle_window_finish_removals (ChronicleWindow *self)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  if (self->removals == NULL)
    return;
  keys = g_hash_table_get_keys_as_ptr_array (self->removals);
  g_ptr_array_set_free_func (keys, g_free);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_index (keys, i) = g_strdup (g_ptr_array_index (keys, i));
  for (guint i = 0; i < keys->len; i++)
    remove_now (self, g_ptr_array_index (keys, i));
}
