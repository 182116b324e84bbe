/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-languages.h"
#include "chronicle-preferences-dialog.h"

struct _ChroniclePreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  GSettings            *settings;

  AdwComboRow          *language_row;
  AdwComboRow          *style_row;
  AdwComboRow          *refresh_row;
  AdwComboRow          *keep_row;
  AdwComboRow          *images_row;
  AdwSwitchRow         *notify_row;
  AdwSwitchRow         *download_images_row;
  AdwSwitchRow         *thumbnails_row;
  AdwSpinRow           *font_size_row;
  AdwActionRow         *cache_row;
  GtkButton            *clear_cache_button;

  ChronicleImageCache  *image_cache;
  GCancellable         *cancellable;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChroniclePreferencesDialog, chronicle_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

/* The rows of the combos of enumerated settings, in the order of the .ui
 * file. */
static const char * const style_variants[] = { "default", "light", "dark", NULL };
static const char * const load_images[] = { "always", "opened-files", "never", NULL };

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (g_str_equal (nick, nicks[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

/* Combo rows whose choices stand for numbers of a setting, the last one
 * for 0 ("Manually", "Forever"). */
typedef struct
{
  const int *values;
  guint      n_values;
  guint      above_all;   /* the row of values above every choice */
} IntChoices;

/* In seconds. */
static const int refresh_intervals[] = { 15 * 60, 30 * 60, 60 * 60, 2 * 60 * 60, 4 * 60 * 60, 8 * 60 * 60, 0 };
static const IntChoices refresh_choices = { refresh_intervals, G_N_ELEMENTS (refresh_intervals), 5 };

/* In days. */
static const int keep_days[] = { 30, 90, 365, 0 };
static const IntChoices keep_choices = { keep_days, G_N_ELEMENTS (keep_days), 3 };

static gboolean
int_to_selected (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const IntChoices *choices = user_data;
  int setting = g_variant_get_int32 (variant);
  guint zero = choices->n_values - 1;
  guint best = choices->above_all;

  /* A value set elsewhere shows as the first row at or above it. */
  for (guint i = zero; i-- > 0;)
    if (choices->values[i] >= setting)
      best = i;
  if (setting <= 0)
    best = zero;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
selected_to_int (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const IntChoices *choices = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= choices->n_values)
    return NULL;

  return g_variant_new_int32 (choices->values[selected]);
}

/* The rows of the language combo: "System Default", then each language
 * written in its own script, as a reader looks for it. */
static GListModel *
language_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const ChronicleLanguage *languages;
  guint n;

  gtk_string_list_append (list, _("System Default"));
  languages = chronicle_languages_get_all (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, languages[i].native_name);

  return G_LIST_MODEL (list);
}

static gboolean
language_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);
  const ChronicleLanguage *languages;
  guint n;

  languages = chronicle_languages_get_all (&n);
  g_value_set_uint (value, 0);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (languages[i].code, code))
      g_value_set_uint (value, i + 1);

  return TRUE;
}

static GVariant *
selected_to_language (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);
  const ChronicleLanguage *languages;
  guint n;

  languages = chronicle_languages_get_all (&n);
  if (selected == 0 || selected > n)
    return g_variant_new_string ("");

  return g_variant_new_string (languages[selected - 1].code);
}

static void
chronicle_preferences_dialog_constructed (GObject *object)
{
  ChroniclePreferencesDialog *self = CHRONICLE_PREFERENCES_DIALOG (object);
  g_autoptr(GListModel) languages = language_model ();

  G_OBJECT_CLASS (chronicle_preferences_dialog_parent_class)->constructed (object);

  adw_combo_row_set_model (self->language_row, languages);
  g_settings_bind_with_mapping (self->settings, "language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_to_selected, selected_to_language,
                                NULL, NULL);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                (gpointer) style_variants, NULL);
  g_settings_bind_with_mapping (self->settings, "load-images",
                                self->images_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                (gpointer) load_images, NULL);
  g_settings_bind_with_mapping (self->settings, "refresh-interval",
                                self->refresh_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                int_to_selected, selected_to_int,
                                (gpointer) &refresh_choices, NULL);
  g_settings_bind_with_mapping (self->settings, "keep-read-articles",
                                self->keep_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                int_to_selected, selected_to_int,
                                (gpointer) &keep_choices, NULL);
  g_settings_bind (self->settings, "notify-new-articles", self->notify_row, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "download-images", self->download_images_row, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-thumbnails", self->thumbnails_row, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "font-size",
                   self->font_size_row, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* How much clearing would free, once measured on a worker. */
static void
show_cache_size (ChroniclePreferencesDialog *self,
                 guint64                     size)
{
  g_autofree char *formatted = g_format_size (size);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  /* Translators: %s is a size, such as "12.3 MB" */
  subtitle = g_strdup_printf (_("%s; images of starred articles are kept"), formatted);
  adw_action_row_set_subtitle (self->cache_row, subtitle);
  /* Translators: the button that empties the cache of images; %s is how
   * much it frees, such as "12.3 MB" */
  label = g_strdup_printf (_("Clear %s"), formatted);
  gtk_button_set_label (self->clear_cache_button, size > 0 ? label : _("Clear"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_cache_button), size > 0);
}

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint64 size = chronicle_image_cache_measure_finish (CHRONICLE_IMAGE_CACHE (object), result);
  ChroniclePreferencesDialog *self = user_data;

  if (g_task_had_error (G_TASK (result)))
    return;
  show_cache_size (self, size);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint64 freed = chronicle_image_cache_clear_finish (CHRONICLE_IMAGE_CACHE (object), result);
  ChroniclePreferencesDialog *self = user_data;
  g_autofree char *formatted = NULL;
  g_autofree char *message = NULL;

  if (g_task_had_error (G_TASK (result)))
    return;
  formatted = g_format_size (freed);
  /* Translators: %s is a size, such as "12.3 MB" */
  message = g_strdup_printf (_("Freed %s"), formatted);
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (message));
  show_cache_size (self, 0);
}

static void
clear_cache_cb (ChroniclePreferencesDialog *self)
{
  if (self->image_cache == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_cache_button), FALSE);
  chronicle_image_cache_clear_async (self->image_cache, self->cancellable, cleared_cb, self);
}

/**
 * chronicle_preferences_dialog_set_image_cache:
 *
 * The cache of pictures the dialog says the size of, and clears.
 */
void
chronicle_preferences_dialog_set_image_cache (ChroniclePreferencesDialog *self,
                                              ChronicleImageCache        *cache)
{
  g_return_if_fail (CHRONICLE_IS_PREFERENCES_DIALOG (self));

  g_set_object (&self->image_cache, cache);
  if (cache != NULL)
    chronicle_image_cache_measure_async (cache, self->cancellable, measured_cb, self);
}

static void
chronicle_preferences_dialog_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ChroniclePreferencesDialog *self = CHRONICLE_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_preferences_dialog_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ChroniclePreferencesDialog *self = CHRONICLE_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_preferences_dialog_dispose (GObject *object)
{
  ChroniclePreferencesDialog *self = CHRONICLE_PREFERENCES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->image_cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chronicle_preferences_dialog_parent_class)->dispose (object);
}

static void
chronicle_preferences_dialog_class_init (ChroniclePreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chronicle_preferences_dialog_constructed;
  object_class->dispose = chronicle_preferences_dialog_dispose;
  object_class->get_property = chronicle_preferences_dialog_get_property;
  object_class->set_property = chronicle_preferences_dialog_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, refresh_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, keep_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, images_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, notify_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, download_images_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, thumbnails_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, font_size_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, cache_row);
  gtk_widget_class_bind_template_child (widget_class, ChroniclePreferencesDialog, clear_cache_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_cache_cb);
}

static void
chronicle_preferences_dialog_init (ChroniclePreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

ChroniclePreferencesDialog *
chronicle_preferences_dialog_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CHRONICLE_TYPE_PREFERENCES_DIALOG,
                       "settings", settings,
                       NULL);
}
