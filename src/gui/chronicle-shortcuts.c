/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-shortcuts"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-shortcuts.h"

/* The one list of Chronicle's keyboard shortcuts: the accelerators are set
 * from it and the shortcuts dialog shows it, so the two cannot disagree. */
typedef struct
{
  const char *group;
  const char *title;
  const char *action;
  /* Set as the action's accelerators. */
  const char *accels[3];
  /* Single keys that act only where the articles have the focus, so that
   * they never take a letter from a text entry; only shown. */
  const char *local;
} Shortcut;

static const Shortcut shortcuts[] = {
  { N_("General"), N_("Open Collection"), "win.open", { "<Control>o", NULL }, NULL },
  { N_("General"), N_("Search Articles"), "win.search", { "<Control>f", NULL }, NULL },
  { N_("General"), N_("Preferences"), "app.preferences", { "<Control>comma", NULL }, NULL },
  { N_("General"), N_("Show Shortcuts"), "app.shortcuts", { "<Control>question", NULL }, NULL },
  { N_("General"), N_("Close Window"), "window.close", { "<Control>w", NULL }, NULL },
  { N_("General"), N_("Quit"), "app.quit", { "<Control>q", NULL }, NULL },
  { N_("General"), N_("Show or Hide the Sidebar"), "win.toggle-sidebar", { "F9", NULL }, NULL },
  { N_("Subscriptions"), N_("Add Subscription"), "win.add-subscription", { "<Control>l", NULL }, NULL },
  { N_("Subscriptions"), N_("Refresh Subscriptions"), "app.refresh", { "F5", "<Control>r", NULL }, NULL },
  { N_("Articles"), N_("Next Article"), "win.next-article", { "<Control>Page_Down", NULL }, "j" },
  { N_("Articles"), N_("Previous Article"), "win.previous-article", { "<Control>Page_Up", NULL }, "k" },
  { N_("Articles"), N_("Star or Remove Star"), "win.toggle-star", { NULL }, "s" },
  { N_("Articles"), N_("Mark All as Read"), "win.mark-all-read", { "<Shift><Control>a", NULL }, NULL },
  { N_("Articles"), N_("Zoom In"), "win.zoom-in", { "<Control>plus", "<Control>equal", NULL }, NULL },
  { N_("Articles"), N_("Zoom Out"), "win.zoom-out", { "<Control>minus", NULL }, NULL },
  { N_("Articles"), N_("Reset Zoom"), "win.zoom-reset", { "<Control>0", NULL }, NULL },
};

void
chronicle_shortcuts_set_accels (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].accels[0] != NULL)
      gtk_application_set_accels_for_action (app, shortcuts[i].action, shortcuts[i].accels);
}

/* The keys of a shortcut as GTK's accelerator syntax, for display: the
 * accelerators and the single key, separated by spaces. */
static char *
dup_display_accels (const Shortcut *shortcut)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; shortcut->accels[i] != NULL; i++)
    g_strv_builder_add (builder, shortcut->accels[i]);
  if (shortcut->local != NULL)
    g_strv_builder_add (builder, shortcut->local);

  keys = g_strv_builder_end (builder);
  return g_strjoinv (" ", keys);
}

#if ADW_CHECK_VERSION (1, 8, 0)

/* AdwShortcutsDialog is newer than the libadwaita we require; it is used only
 * when building against a libadwaita that has it, as in the GNOME runtime. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

AdwDialog *
chronicle_shortcuts_dialog_new (void)
{
  AdwShortcutsDialog *dialog = ADW_SHORTCUTS_DIALOG (adw_shortcuts_dialog_new ());
  AdwShortcutsSection *section = NULL;
  const char *group = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      if (group == NULL || !g_str_equal (group, shortcuts[i].group))
        {
          group = shortcuts[i].group;
          section = adw_shortcuts_section_new (_(group));
          adw_shortcuts_dialog_add (dialog, section);
        }

      {
        g_autofree char *accels = dup_display_accels (&shortcuts[i]);

        adw_shortcuts_section_add (section, adw_shortcuts_item_new (_(shortcuts[i].title), accels));
      }
    }

  return ADW_DIALOG (dialog);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static GtkWidget *
keycaps_new (const Shortcut *shortcut)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *joined = dup_display_accels (shortcut);
  g_auto(GStrv) accels = g_strsplit (joined, " ", -1);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint key;
      GdkModifierType mods;
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (!gtk_accelerator_parse (accels[i], &key, &mods))
        continue;

      text = gtk_accelerator_get_label (key, mods);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "keycap");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

/* Without AdwShortcutsDialog: a dialog of preference rows, each with the
 * keys shown as key caps, as GTK's deprecated shortcuts window did. */
AdwDialog *
chronicle_shortcuts_dialog_new (void)
{
  AdwDialog *dialog = adw_dialog_new ();
  GtkWidget *toolbar_view = adw_toolbar_view_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = NULL;
  const char *group_name = NULL;

  adw_dialog_set_title (dialog, _("Keyboard Shortcuts"));
  adw_dialog_set_content_width (dialog, 480);
  adw_dialog_set_content_height (dialog, 520);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar_view), adw_header_bar_new ());
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar_view), page);
  adw_dialog_set_child (dialog, toolbar_view);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkWidget *row;

      if (group_name == NULL || !g_str_equal (group_name, shortcuts[i].group))
        {
          group_name = shortcuts[i].group;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _(group_name));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(shortcuts[i].title));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), keycaps_new (&shortcuts[i]));
      adw_preferences_group_add (group, row);
    }

  return dialog;
}

#endif
