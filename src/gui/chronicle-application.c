/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application-private.h"
#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-locale.h"
#include "chronicle-preferences-dialog.h"
#include "chronicle-timeline.h"
#include "chronicle-search-provider.h"
#include "chronicle-shortcuts.h"
#include "chronicle-window.h"

G_DEFINE_FINAL_TYPE (ChronicleApplication, chronicle_application, ADW_TYPE_APPLICATION)

ChronicleWindow *
chronicle_application_get_main_window (ChronicleApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CHRONICLE_IS_WINDOW (window))
    return CHRONICLE_WINDOW (window);

  return NULL;
}


static void
show_startup_messages (ChronicleApplication *self,
                       ChronicleWindow      *window)
{
  for (guint i = 0; i < self->startup_messages->len; i++)
    chronicle_window_add_toast (window, g_ptr_array_index (self->startup_messages, i));
  g_ptr_array_set_size (self->startup_messages, 0);
}


/**
 * chronicle_application_describe_store_error:
 *
 * Returns: (transfer full): what the reader is told when the library's
 *   store fails, in the interface's language
 */
char *
chronicle_application_describe_store_error (const GError *error)
{
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_FULL))
    return g_strdup (_("The disk is full: the library cannot be saved until there is space again. Nothing already saved was lost."));
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_READ_ONLY))
    return g_strdup (_("The library’s folder cannot be written to: changes are kept and saved as soon as it can be."));
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_BUSY))
    return g_strdup (_("Another program holds the library locked: changes are kept and saved once it lets go."));

  /* Translators: %s is the technical reason, in English */
  return g_strdup_printf (_("The library could not be saved: %s"), error->message);
}

/**
 * chronicle_application_print_store_error:
 *
 * Tells the command line's user, on standard error, what
 * chronicle_application_describe_store_error() tells the reader.
 *
 * Returns: 1, the command line's exit status for it
 */
int
chronicle_application_print_store_error (const GError *error)
{
  g_autofree char *message = chronicle_application_describe_store_error (error);

  g_printerr ("%s\n", message);
  return 1;
}

char *
chronicle_application_dup_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chronicle", CHRONICLE_STORE_FILE, NULL);
}

static void
add_store_messages (ChronicleApplication *self,
                    const GError         *error)
{
  const char *set_aside = chronicle_store_get_set_aside (self->store);
  const char *state_set_aside = chronicle_store_get_state_set_aside (self->store);

  if (set_aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (set_aside);

      g_ptr_array_add (self->startup_messages,
                       /* Translators: %s is a file name */
                       g_strdup_printf (_("The library was damaged and has been set aside as “%s”; Chronicle started a new one"),
                                        name));
    }

  if (state_set_aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (state_set_aside);

      g_ptr_array_add (self->startup_messages,
                       /* Translators: %s is a file name */
                       g_strdup_printf (_("Saved reading state was damaged and has been set aside as “%s”; starting afresh"),
                                        name));
    }

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_ptr_array_add (self->startup_messages, chronicle_application_describe_store_error (error));
}

static void check_ready (ChronicleApplication *self);

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *windows;

  self->restoring = FALSE;
  if (!chronicle_library_restore_finish (CHRONICLE_LIBRARY (object), result, &error))
    g_warning ("The library could not be read: %s", error->message);
  add_store_messages (self, error);

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (!CHRONICLE_IS_WINDOW (l->data))
        continue;
      chronicle_window_set_loading (l->data, FALSE);
      show_startup_messages (self, l->data);
    }

  /* A Chronicle started by the desktop's search fetches nothing until a
   * window opens. */
  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    chronicle_application_start_refreshing (self);
  check_ready (self);
}

void
chronicle_application_load_bundled (ChronicleLibrary *library)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/articles/chronicle.json", G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    feed = chronicle_feed_parse (bytes, NULL);

  /* The bundled collection is tested; failing here is a bug in the build. */
  if (feed == NULL)
    {
      g_critical ("The bundled collection could not be read%s%s", error != NULL ? ": " : "",
                  error != NULL ? error->message : "");
      return;
    }

  /* Its search keys are folded once the window has drawn, or the
   * desktop's search asks (see chronicle_application_ensure_restoring()). */
  chronicle_library_add_bundled (library, CHRONICLE_BUNDLED_COLLECTION, "chronicle.json", feed, bytes);
}

/* A large library takes a second or more to read, on threads that would
 * compete with the window's start for the processor: it is read, and the
 * bundled story's search keys folded, once the window has drawn its first
 * frame, with the bundled story in it, or when the desktop's search asks
 * first. */
void
chronicle_application_ensure_restoring (ChronicleApplication *self)
{
  if (self->restore_started)
    return;

  self->restore_started = TRUE;
  chronicle_library_index_bundled (self->library);
  chronicle_library_restore_async (self->library, NULL, restored_cb, g_object_ref (self));
}

static void
restore_after_paint_cb (GdkFrameClock        *frame_clock,
                        ChronicleApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, restore_after_paint_cb, self);
  chronicle_application_ensure_restoring (self);
}

static void
restore_window_realized_cb (GtkWidget            *window,
                            ChronicleApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, restore_window_realized_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (restore_after_paint_cb), self, 0);
}

/* Whichever window comes first, from activation, files opened or a
 * program that makes its own: the library is read after its first frame. */
static void
chronicle_application_window_added (GtkApplication *app,
                                    GtkWindow      *window)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);

  GTK_APPLICATION_CLASS (chronicle_application_parent_class)->window_added (app, window);

  if (!CHRONICLE_IS_WINDOW (window))
    return;
  if (self->restore_started && !self->restoring)
    chronicle_application_start_refreshing (self);
  if (self->restore_started)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    chronicle_application_ensure_restoring (self);
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (restore_window_realized_cb), self, 0);
}

static void
check_ready (ChronicleApplication *self)
{
  ChronicleWindow *window = chronicle_application_get_main_window (self);

  if (!self->initial_pending || window == NULL ||
      self->restoring || self->opening_files || chronicle_window_get_busy (window))
    return;

  self->initial_pending = FALSE;
  g_signal_handlers_disconnect_by_func (window, check_ready, self);
  chronicle_application_run_initial_requests (self, window);
}

static void
chronicle_application_activate (GApplication *app)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  ChronicleWindow *window = chronicle_application_get_main_window (self);

  if (window == NULL)
    {
      window = chronicle_window_new (self);
      chronicle_window_set_loading (window, self->restoring);
      show_startup_messages (self, window);

      if (self->geometry_width > 0)
        gtk_window_set_default_size (GTK_WINDOW (window),
                                     self->geometry_width,
                                     self->geometry_height);

      if (self->initial_article != NULL || self->initial_view != NULL || self->screenshot_path != NULL ||
          self->initial_action != NULL)
        {
          self->initial_pending = TRUE;
          g_signal_connect_swapped (window, "notify::busy", G_CALLBACK (check_ready), self);
        }
    }

  if (self->quit_after_first_frame && !gtk_widget_get_realized (GTK_WIDGET (window)))
    chronicle_application_quit_after_first_frame (self, window);
  gtk_window_present (GTK_WINDOW (window));

  check_ready (self);
}

/**
 * chronicle_application_present_window:
 *
 * Returns: (transfer none): the main window, opened and shown if it was not
 */
ChronicleWindow *
chronicle_application_present_window (ChronicleApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  return chronicle_application_get_main_window (self);
}

static void
chronicle_application_open (GApplication  *app,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  g_autoptr(GPtrArray) local = g_ptr_array_new ();
  ChronicleWindow *window;

  /* The initial requests wait for these files too. */
  self->opening_files = TRUE;
  g_application_activate (app);
  window = chronicle_application_get_main_window (self);

  /* Web and feed: addresses, as a browser hands them over, are
   * subscribed to; the rest are collection files. */
  for (int i = 0; i < n_files; i++)
    {
      if (g_file_has_uri_scheme (files[i], "http") || g_file_has_uri_scheme (files[i], "https") ||
          g_file_has_uri_scheme (files[i], "feed"))
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          if (window != NULL)
            chronicle_window_subscribe_to (window, uri);
        }
      else
        g_ptr_array_add (local, files[i]);
    }

  if (window != NULL && local->len > 0)
    chronicle_window_open_files (window, (GFile **) local->pdata, (int) local->len);
  self->opening_files = FALSE;
  check_ready (self);
}

static void
style_variant_changed_cb (ChronicleApplication *self,
                          const char           *key,
                          GSettings            *settings)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *variant = g_settings_get_string (settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (variant, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (variant, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
state_save_failed_cb (ChronicleApplication *self,
                      const GError         *error)
{
  ChronicleWindow *window = chronicle_application_get_main_window (self);
  g_autofree char *message = chronicle_application_describe_store_error (error);

  if (window != NULL)
    chronicle_window_add_toast (window, message);
  else
    g_ptr_array_add (self->startup_messages, g_steal_pointer (&message));
}

static void
chronicle_application_load_state (ChronicleApplication *self)
{
  g_autofree char *path = chronicle_application_dup_store_path ();

  /* The store opens on its own thread; the window comes up meanwhile with
   * the bundled collection, and the rest is listed when it is read. */
  self->store = chronicle_store_new (path);
  self->state = chronicle_state_new (self->store);
  g_signal_connect_object (self->state, "save-failed", G_CALLBACK (state_save_failed_cb), self, G_CONNECT_SWAPPED);
  self->library = chronicle_library_new (self->state);
  g_signal_connect_object (self->library, "store-failed", G_CALLBACK (state_save_failed_cb), self, G_CONNECT_SWAPPED);
  chronicle_application_load_bundled (self->library);

  /* Read once the first window has drawn (see start_restoring()). */
  self->restoring = TRUE;
}


void
chronicle_application_apply_language (ChronicleApplication *self)
{
  g_autofree char *code = NULL;

  if (self->language_override != NULL)
    code = g_strdup (self->language_override);
  else
    code = g_settings_get_string (self->settings, "language");

  chronicle_locale_set_language (code);
  if (self->library != NULL)
    chronicle_library_set_languages (self->library, chronicle_locale_get_language_names ());
}

/* Strings in built widgets were translated when they were built, so the
 * windows are built again and take over what the reader was doing. */
static void
relocalize_windows (ChronicleApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      ChronicleWindow *old_window = l->data;
      ChronicleWindow *new_window;

      if (!CHRONICLE_IS_WINDOW (old_window))
        continue;

      new_window = chronicle_window_new (self);
      chronicle_window_take_over (new_window, old_window);
      gtk_window_present (GTK_WINDOW (new_window));
      gtk_window_destroy (GTK_WINDOW (old_window));
    }
}

static void
language_changed_cb (ChronicleApplication *self)
{
  /* --language holds for the whole run. */
  if (self->language_override != NULL)
    return;

  chronicle_application_apply_language (self);
  relocalize_windows (self);
}

static void
chronicle_application_startup (GApplication *app)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);

  G_APPLICATION_CLASS (chronicle_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  g_signal_connect_object (self->settings,
                           "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  style_variant_changed_cb (self, "style-variant", self->settings);

  chronicle_shortcuts_set_accels (GTK_APPLICATION (self));

  /* Before anything is translated or any window is built. */
  chronicle_application_apply_language (self);
  g_signal_connect_object (self->settings, "changed::language",
                           G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);

  chronicle_application_load_state (self);
  chronicle_library_set_languages (self->library, chronicle_locale_get_language_names ());

  /* Started by D-Bus to answer the desktop's search: stays for the next
   * keystrokes, then goes. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, 30000);
}

/* GNOME Shell's search asks the application itself, on its own name. */
static gboolean
chronicle_application_dbus_register (GApplication     *app,
                                     GDBusConnection  *connection,
                                     const char       *object_path,
                                     GError          **error)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (chronicle_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = chronicle_search_provider_new (self);
  return chronicle_search_provider_export (self->search_provider, connection, path, error);
}

static void
chronicle_application_dbus_unregister (GApplication    *app,
                                       GDBusConnection *connection,
                                       const char      *object_path)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);

  if (self->search_provider != NULL)
    chronicle_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (chronicle_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
chronicle_application_shutdown (GApplication *app)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);

  chronicle_application_stop_refreshing (self);
  if (self->state != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!chronicle_state_flush (self->state, &error))
        g_warning ("The reading state could not be saved: %s", error->message);
    }
  /* Waits for what is queued, such as a collection being stored. */
  if (self->store != NULL)
    chronicle_store_close (self->store);

  G_APPLICATION_CLASS (chronicle_application_parent_class)->shutdown (app);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  ChronicleWindow *window = chronicle_application_get_main_window (self);
  AdwDialog *dialog = ADW_DIALOG (chronicle_preferences_dialog_new (self->settings));

  chronicle_preferences_dialog_set_image_cache (CHRONICLE_PREFERENCES_DIALOG (dialog),
                                                chronicle_application_get_image_cache (self));
  adw_dialog_present (dialog, GTK_WIDGET (window));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  ChronicleWindow *window = chronicle_application_get_main_window (self);

  adw_dialog_present (chronicle_shortcuts_dialog_new (), GTK_WIDGET (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  ChronicleWindow *window = chronicle_application_get_main_window (self);
  static const char *developers[] = { "The Chronicle developers", NULL };
  AdwDialog *dialog;

  dialog = g_object_new (ADW_TYPE_ABOUT_DIALOG,
                         "application-name", _("Chronicle"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Chronicle developers"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORT,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", _("© 2026 The Chronicle developers"),
                         "developers", developers,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         NULL);

  adw_dialog_present (dialog, GTK_WIDGET (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "refresh", chronicle_application_refresh_action },
  { "refresh-due", chronicle_application_refresh_due_action },
  { "refresh-subscription", chronicle_application_refresh_one_action, "s" },
};

static void
chronicle_application_finalize (GObject *object)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->settings);
  g_clear_object (&self->subscriptions);
  if (self->image_prefetch != NULL)
    chronicle_image_prefetch_stop (self->image_prefetch);
  g_clear_object (&self->image_prefetch);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->library);
  g_clear_object (&self->state);
  g_clear_object (&self->store);
  g_clear_pointer (&self->startup_messages, g_ptr_array_unref);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->initial_article, g_free);
  g_clear_pointer (&self->initial_view, g_free);
  g_clear_pointer (&self->initial_action, g_free);
  g_clear_pointer (&self->language_override, g_free);

  G_OBJECT_CLASS (chronicle_application_parent_class)->finalize (object);
}

static void
chronicle_application_class_init (ChronicleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = chronicle_application_finalize;
  gtk_app_class->window_added = chronicle_application_window_added;

  app_class->local_command_line = chronicle_application_local_command_line;
  app_class->handle_local_options = chronicle_application_handle_local_options;
  app_class->startup = chronicle_application_startup;
  app_class->shutdown = chronicle_application_shutdown;
  app_class->dbus_register = chronicle_application_dbus_register;
  app_class->dbus_unregister = chronicle_application_dbus_unregister;
  app_class->activate = chronicle_application_activate;
  app_class->open = chronicle_application_open;
}

static void
chronicle_application_init (ChronicleApplication *self)
{
  self->settings = g_settings_new (BASE_ID);
  self->startup_messages = g_ptr_array_new_with_free_func (g_free);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  chronicle_application_add_options (self);
}

ChronicleApplication *
chronicle_application_new (void)
{
  return g_object_new (CHRONICLE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * chronicle_application_get_exit_status:
 *
 * Returns: the status the process should exit with once the application has
 *   stopped running: non-zero when a developer option such as --screenshot
 *   failed.
 */
int
chronicle_application_get_exit_status (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), 1);

  return self->exit_status;
}

/**
 * chronicle_application_get_library:
 *
 * Returns: (transfer none): the articles, collections and events, shared
 *   by all windows
 */
ChronicleLibrary *
chronicle_application_get_library (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  return self->library;
}

GSettings *
chronicle_application_get_settings (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  return self->settings;
}
