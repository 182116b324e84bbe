/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application.h"
#include "chronicle-preferences-dialog.h"
#include "chronicle-screenshot.h"
#include "chronicle-shortcuts.h"
#include "chronicle-window.h"

struct _ChronicleApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  /* Developer options: take a screenshot of the first window and quit. */
  char           *screenshot_path;
  int             exit_status;
  int             geometry_width;
  int             geometry_height;
};

G_DEFINE_FINAL_TYPE (ChronicleApplication, chronicle_application, ADW_TYPE_APPLICATION)

static ChronicleWindow *
chronicle_application_get_main_window (ChronicleApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CHRONICLE_IS_WINDOW (window))
    return CHRONICLE_WINDOW (window);

  return NULL;
}

static gboolean
parse_geometry (const char *text,
                int        *width,
                int        *height)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 2);
  guint64 w, h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 200, 10000, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 200, 10000, &h, NULL))
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static int
chronicle_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  const char *geometry = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);

  if (g_variant_dict_lookup (options, "geometry", "&s", &geometry) &&
      !parse_geometry (geometry, &self->geometry_width, &self->geometry_height))
    {
      /* Translators: %s is what the user typed after --geometry */
      g_printerr (_("Invalid window size “%s”: expected WIDTHxHEIGHT, such as 1200x800\n"), geometry);
      return 2;
    }

  /* A screenshot run must not hand its work to an instance already running. */
  if (self->screenshot_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
screenshot_taken_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!chronicle_screenshot_save_finish (result, &error))
    {
      g_printerr ("%s\n", error->message);
      self->exit_status = 1;
    }

  g_application_quit (G_APPLICATION (self));
}

static void
chronicle_application_activate (GApplication *app)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  ChronicleWindow *window = chronicle_application_get_main_window (self);

  if (window == NULL)
    {
      window = chronicle_window_new (self);

      if (self->geometry_width > 0)
        gtk_window_set_default_size (GTK_WINDOW (window),
                                     self->geometry_width,
                                     self->geometry_height);
    }

  gtk_window_present (GTK_WINDOW (window));

  if (self->screenshot_path != NULL)
    chronicle_screenshot_save_async (GTK_WIDGET (window),
                                     self->screenshot_path,
                                     NULL,
                                     screenshot_taken_cb,
                                     g_object_ref (self));
}

static void
chronicle_application_open (GApplication  *app,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  g_application_activate (app);
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
};

static void
chronicle_application_finalize (GObject *object)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (chronicle_application_parent_class)->finalize (object);
}

static void
chronicle_application_class_init (ChronicleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = chronicle_application_finalize;

  app_class->handle_local_options = chronicle_application_handle_local_options;
  app_class->startup = chronicle_application_startup;
  app_class->activate = chronicle_application_activate;
  app_class->open = chronicle_application_open;
}

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  /* Developer options, used by build-aux/devenv and the screenshots. */
  { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, N_("Save a screenshot of the window to FILE and quit"), N_("FILE") },
  { "geometry", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, N_("Open the window at the size WIDTHxHEIGHT"), N_("SIZE") },
  { NULL }
};

static void
chronicle_application_init (ChronicleApplication *self)
{
  self->settings = g_settings_new (BASE_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                             _("Read news articles from JSON Feed collections."));
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

GSettings *
chronicle_application_get_settings (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  return self->settings;
}
