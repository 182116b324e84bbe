/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-list.h"
#include "chronicle-article-view.h"
#include "chronicle-library.h"
#include "chronicle-menu-button.h"
#include "chronicle-preferences-dialog.h"
#include "chronicle-uri.h"
#include "chronicle-window-private.h"

G_DEFINE_FINAL_TYPE (ChronicleWindow, chronicle_window, ADW_TYPE_APPLICATION_WINDOW)

#define ZOOM_STEP 0.1
/* How long loading goes on before a spinner says so. */
#define SPINNER_DELAY_MS 1000

void
chronicle_window_add_toast (ChronicleWindow *self,
                            const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  /* Messages quote file names and titles: never markup. */
  toast = adw_toast_new (message);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_article_actions (ChronicleWindow *self)
{
  ChronicleStory *story = chronicle_article_view_get_story (self->article_view);
  ChronicleItem *item = chronicle_article_view_get_item (self->article_view);
  const char *link = item != NULL ? chronicle_item_get_link (item) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-star", story != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-unread", story != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-original", link != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", link != NULL);
}

/**
 * chronicle_window_show_story:
 * @item: (nullable): the translation to show, or %NULL for the reader's
 *   language
 *
 * Opens a story in the reading pane and marks it read.
 *
 * Returns: %TRUE if the story is in the list as filtered now
 */
gboolean
chronicle_window_show_story (ChronicleWindow *self,
                             ChronicleStory  *story,
                             ChronicleItem   *item)
{
  gboolean listed;

  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (CHRONICLE_IS_STORY (story), FALSE);

  self->showing_story = TRUE;
  listed = chronicle_article_list_select_story (self->article_list, story);
  self->showing_story = FALSE;

  chronicle_article_view_set_story (self->article_view, story, item);
  adw_navigation_page_set_title (self->article_page, chronicle_story_get_title (story));
  chronicle_story_set_read (story, TRUE);
  update_article_actions (self);

  return listed;
}

static void
selected_story_cb (ChronicleWindow *self)
{
  ChronicleStory *story = chronicle_article_list_get_selected (self->article_list);

  if (self->showing_story)
    return;

  if (story == NULL)
    {
      chronicle_article_view_set_story (self->article_view, NULL, NULL);
      update_article_actions (self);
      return;
    }

  if (story != chronicle_article_view_get_story (self->article_view))
    chronicle_window_show_story (self, story, NULL);
}

static void
story_activated_cb (ChronicleWindow *self)
{
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

static void
story_notify_cb (ChronicleWindow *self)
{
  update_article_actions (self);
}

static void
launch_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChronicleWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the link: %s"), error->message);
      chronicle_window_add_toast (self, message);
    }
}

/* Only web and e-mail links are launched: a file may hold any address,
 * and the reader did not ask to run a program. */
static void
open_uri (ChronicleWindow *self,
          const char      *uri)
{
  g_autoptr(GtkUriLauncher) launcher = NULL;

  if (!chronicle_uri_is_safe (uri))
    {
      chronicle_window_add_toast (self, _("Chronicle opens only web and e-mail links"));
      return;
    }

  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, launch_done_cb, g_object_ref (self));
}

static void
link_activated_cb (ChronicleWindow *self,
                   const char      *href)
{
  open_uri (self, href);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleItem *item = chronicle_article_view_get_item (self->article_view);

  if (item != NULL && chronicle_item_get_link (item) != NULL)
    open_uri (self, chronicle_item_get_link (item));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleItem *item = chronicle_article_view_get_item (self->article_view);

  if (item == NULL || chronicle_item_get_link (item) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), chronicle_item_get_link (item));
  chronicle_window_add_toast (self, _("Link copied"));
}

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleStory *story = chronicle_article_view_get_story (self->article_view);

  if (story == NULL)
    story = chronicle_article_list_get_selected (self->article_list);
  if (story == NULL)
    return;

  chronicle_story_set_starred (story, !chronicle_story_get_starred (story));
  chronicle_window_add_toast (self, chronicle_story_get_starred (story) ? _("Article starred") : _("Star removed"));
  if (chronicle_story_get_starred (story))
    chronicle_application_keep_pictures (CHRONICLE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                         story);
  else
    chronicle_application_release_pictures (CHRONICLE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
mark_unread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleStory *story = chronicle_article_view_get_story (self->article_view);

  if (story == NULL)
    return;

  chronicle_story_set_read (story, FALSE);
  chronicle_window_add_toast (self, _("Marked as unread"));
}

static void
read_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleStory *story = chronicle_article_view_get_story (self->article_view);
  const char *id = g_variant_get_string (parameter, NULL);

  if (story == NULL)
    return;

  for (guint i = 0; i < chronicle_story_get_n_items (story); i++)
    {
      ChronicleItem *item = chronicle_story_get_item (story, i);

      if (g_str_equal (chronicle_item_get_id (item), id))
        {
          chronicle_article_view_set_story (self->article_view, story, item);
          update_article_actions (self);
          return;
        }
    }
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  int offset = g_str_equal (action_name, "win.next-article") ? 1 : -1;

  adw_view_stack_set_visible_child_name (self->stack, "articles");
  if (chronicle_article_list_select_relative (self->article_list, offset))
    adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "articles");
  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
  chronicle_article_list_start_search (self->article_list);
}

/**
 * chronicle_window_search:
 * @text: what to search for
 *
 * Shows the articles that contain @text, as if the reader had typed it.
 */
void
chronicle_window_search (ChronicleWindow *self,
                         const char      *text)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  adw_view_stack_set_visible_child_name (self->stack, "articles");
  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
  chronicle_article_list_set_search_text (self->article_list, text);
}

/**
 * chronicle_window_show_event:
 * @id: the id of a timeline event
 *
 * Shows the timeline with the event @id in view.
 */
void
chronicle_window_show_event (ChronicleWindow *self,
                             const char      *id)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  adw_view_stack_set_visible_child_name (self->stack, "timeline");
  chronicle_timeline_view_show_event (chronicle_window_get_timeline_view (self), id);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  double zoom = g_settings_get_double (self->settings, "zoom");

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom += ZOOM_STEP;
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom -= ZOOM_STEP;
  else
    zoom = 1.0;

  /* Round away the drift of repeated steps, and stay within the schema. */
  zoom = CLAMP (round (zoom * 10.0) / 10.0, 0.5, 3.0);
  g_settings_set_double (self->settings, "zoom", zoom);
}

static void
chronicle_window_constructed (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  G_OBJECT_CLASS (chronicle_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_ID);

  /* The size is remembered by binding it; GTK updates the default size as
   * the user resizes the window, but not while it is maximized. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
chronicle_window_dispose (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  chronicle_window_finish_removals (self);
  g_clear_pointer (&self->removals, g_hash_table_unref);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_WINDOW);
  g_clear_pointer (&self->marking, chronicle_marking_free);
  g_clear_pointer (&self->undos, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (chronicle_window_parent_class)->dispose (object);
}

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chronicle_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, chronicle_window_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_window_class_init (ChronicleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chronicle_window_constructed;
  object_class->dispose = chronicle_window_dispose;
  object_class->get_property = chronicle_window_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHRONICLE_TYPE_ARTICLE_LIST);
  g_type_ensure (CHRONICLE_TYPE_ARTICLE_VIEW);
  g_type_ensure (CHRONICLE_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, refresh_status);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, search_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_toggled_cb",
                                                G_CALLBACK (chronicle_window_search_toggled_cb));
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, sources_split);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, split_view);
  gtk_widget_class_bind_template_callback_full (widget_class, "sidebar_activated_cb",
                                                G_CALLBACK (chronicle_window_sidebar_activated_cb));
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, switcher_bar);
  gtk_widget_class_bind_template_callback_full (widget_class, "switcher_bar_revealed_cb",
                                                G_CALLBACK (chronicle_window_switcher_bar_revealed_cb));
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, article_page);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, problems_banner);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, timeline_bin);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, chronicle_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.add-subscription", NULL,
                                   chronicle_window_add_subscription_action);
  gtk_widget_class_install_action (widget_class, "win.import-opml", NULL, chronicle_window_import_opml_action);
  gtk_widget_class_install_action (widget_class, "win.export-opml", NULL, chronicle_window_export_opml_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.mark-unread", NULL, mark_unread_action);
  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL, chronicle_window_mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "win.mark-older-read", NULL,
                                   chronicle_window_mark_older_read_action);
  gtk_widget_class_install_action (widget_class, "win.undo-mark-read", "u", chronicle_window_undo_mark_read_action);
  gtk_widget_class_install_action (widget_class, "win.open-original", NULL, open_original_action);
  gtk_widget_class_install_action (widget_class, "win.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.read-in", "s", read_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.remove-source", "s", chronicle_window_remove_source_action);
  gtk_widget_class_install_action (widget_class, "win.show-source", "s", chronicle_window_show_source_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, chronicle_window_toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.mark-source-read", "s",
                                   chronicle_window_mark_source_read_action);
  gtk_widget_class_install_action (widget_class, "win.rename-subscription", "s",
                                   chronicle_window_rename_subscription_action);
  gtk_widget_class_install_action (widget_class, "win.move-subscription", "s",
                                   chronicle_window_rename_subscription_action);
  gtk_widget_class_install_action (widget_class, "win.subscription-properties", "s",
                                   chronicle_window_subscription_properties_action);
  gtk_widget_class_install_action (widget_class, "win.export-timeline", "s", chronicle_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", "s", chronicle_window_show_problems_action);
}

static void
chronicle_window_init (ChronicleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  chronicle_menu_button_defer_menu (self->primary_menu_button, self->primary_menu);
  self->undos = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  chronicle_article_list_set_key_capture (self->article_list, GTK_WIDGET (self));
  g_signal_connect_object (self->article_list, "notify::selected-story",
                           G_CALLBACK (selected_story_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_list, "notify::selected-story",
                           G_CALLBACK (chronicle_window_update_marking), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chronicle_article_list_get_shown (self->article_list), "items-changed",
                           G_CALLBACK (chronicle_window_update_marking), self, G_CONNECT_SWAPPED);
  chronicle_window_update_marking (self);
  g_signal_connect_object (self->article_list, "activated",
                           G_CALLBACK (story_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "link-activated",
                           G_CALLBACK (link_activated_cb), self, G_CONNECT_SWAPPED);
  /* A stored article's link comes with its body. */
  g_signal_connect_object (self->article_view, "notify::loading",
                           G_CALLBACK (story_notify_cb), self, G_CONNECT_SWAPPED);

  chronicle_window_init_dnd (self);
  chronicle_window_init_layout (self);
  update_article_actions (self);
}

/**
 * chronicle_window_set_view:
 * @name: "articles" or "timeline"
 */
void
chronicle_window_set_view (ChronicleWindow *self,
                           const char      *name)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);

  /* On a phone-sized window the article replaces the list. */
  if (g_str_equal (name, "articles") && chronicle_article_view_get_story (self->article_view) != NULL)
    adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

/**
 * chronicle_window_take_over:
 * @old_window: the window this one replaces
 *
 * Continues where @old_window is: the same view, article, scroll position,
 * searches and filters, and the preferences if they are open.  Used when
 * the interface language changes and the windows are built again: the
 * article is shown in its version for the new language, if it has one.
 */
void
chronicle_window_take_over (ChronicleWindow *self,
                            ChronicleWindow *old_window)
{
  ChronicleStory *story;
  AdwDialog *dialog;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (CHRONICLE_IS_WINDOW (old_window));

  story = chronicle_article_view_get_story (old_window->article_view);
  if (story != NULL)
    {
      chronicle_window_show_story (self, story, NULL);
      chronicle_article_view_set_scroll_position (self->article_view,
                                                  chronicle_article_view_get_scroll_position (old_window->article_view));
    }

  chronicle_article_list_set_search_text (self->article_list,
                                          chronicle_article_list_get_search_text (old_window->article_list));
  if (old_window->timeline_view != NULL)
    chronicle_timeline_view_take_filters (chronicle_window_get_timeline_view (self), old_window->timeline_view);

  adw_view_stack_set_visible_child_name (self->stack, adw_view_stack_get_visible_child_name (old_window->stack));
  adw_navigation_split_view_set_show_content (self->split_view,
                                              adw_navigation_split_view_get_show_content (old_window->split_view));

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (old_window));
  if (CHRONICLE_IS_PREFERENCES_DIALOG (dialog))
    {
      ChroniclePreferencesDialog *preferences = chronicle_preferences_dialog_new (self->settings);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      adw_dialog_force_close (dialog);
      if (CHRONICLE_IS_APPLICATION (app))
        chronicle_preferences_dialog_set_image_cache (preferences,
                                                      chronicle_application_get_image_cache (CHRONICLE_APPLICATION (app)));
      adw_dialog_present (ADW_DIALOG (preferences), GTK_WIDGET (self));
    }
}

/**
 * chronicle_window_print_report:
 *
 * Prints the titles of the views, as the Flatpak check reads them.
 */
void
chronicle_window_print_report (ChronicleWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  g_print ("views:");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_print ("%s%s", i == 0 ? " " : "|", adw_view_stack_page_get_title (page));
    }
  g_print ("\n");
  g_print ("listed: %u\n", chronicle_article_list_get_n_shown (self->article_list));
  if (chronicle_article_view_get_item (self->article_view) != NULL)
    g_print ("article: %s\n", chronicle_item_get_id (chronicle_article_view_get_item (self->article_view)));
}

static void
show_spinner_cb (gpointer data)
{
  ChronicleWindow *self = data;

  self->spinner_id = 0;
  gtk_widget_set_visible (self->loading_spinner, TRUE);
}

/**
 * chronicle_window_update_loading:
 *
 * Shows a spinner while files are read or their articles still enter the
 * list, once that has taken a second; the window keeps working meanwhile.
 * The HIG asks for no spinner that only flashes: the restore of a large
 * library takes about that long, and the spinner's frames cost it 100 ms
 * of its second here (software rendering, 60 frames a second).
 */
void
chronicle_window_update_loading (ChronicleWindow *self)
{
  gboolean loading = chronicle_window_get_busy (self);

  if (!loading)
    {
      g_clear_handle_id (&self->spinner_id, g_source_remove);
      gtk_widget_set_visible (self->loading_spinner, FALSE);
    }
  else if (self->spinner_id == 0 && !gtk_widget_get_visible (self->loading_spinner))
    self->spinner_id = g_timeout_add_once (SPINNER_DELAY_MS, show_spinner_cb, self);

  if (loading != self->busy)
    {
      self->busy = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/**
 * chronicle_window_get_busy:
 *
 * Returns: %TRUE while files the window was asked to open are read, or
 *   the stories of a collection still enter the list
 */
gboolean
chronicle_window_get_busy (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), FALSE);

  return self->files_loading > 0 || (self->library != NULL && chronicle_library_get_loading (self->library));
}

/**
 * chronicle_window_get_article_view:
 *
 * Returns: (transfer none): the reading pane
 */
ChronicleArticleView *
chronicle_window_get_article_view (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->article_view;
}

/**
 * chronicle_window_set_loading:
 *
 * Shows that collections are being read, while the list is still empty.
 */
void
chronicle_window_set_loading (ChronicleWindow *self,
                              gboolean         loading)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  chronicle_article_list_set_loading (self->article_list, loading);
}

ChronicleWindow *
chronicle_window_new (ChronicleApplication *application)
{
  g_autoptr(ChronicleThumbnails) thumbnails = NULL;
  ChronicleWindow *self;

  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (application), NULL);

  self = g_object_new (CHRONICLE_TYPE_WINDOW,
                       "application", application,
                       NULL);

  self->library = g_object_ref (chronicle_application_get_library (application));
  chronicle_article_list_set_library (self->article_list, self->library);
  chronicle_window_init_sources (self);
  chronicle_article_view_set_library (self->article_view, self->library);
  g_signal_connect_object (chronicle_library_get_state (self->library), "changed",
                           G_CALLBACK (story_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chronicle_library_get_state (self->library), "changed-many",
                           G_CALLBACK (story_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loading",
                           G_CALLBACK (chronicle_window_update_loading), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chronicle_library_get_collections (self->library), "items-changed",
                           G_CALLBACK (chronicle_window_update_banner), self, G_CONNECT_SWAPPED);
  chronicle_window_update_banner (self);
  chronicle_window_init_subscriptions (self);
  chronicle_article_view_set_network (self->article_view, chronicle_window_get_subscriptions (self),
                                      chronicle_application_get_image_cache (application));
  /* Before the list has rows: they are made at the first layout. */
  thumbnails = chronicle_thumbnails_new (self->library, chronicle_window_get_subscriptions (self),
                                         chronicle_application_get_image_cache (application));
  chronicle_article_list_set_thumbnails (self->article_list, thumbnails);

  return self;
}
