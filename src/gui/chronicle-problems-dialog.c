/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-problems-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-diagnostic.h"
#include "chronicle-problem-item.h"
#include "chronicle-problems-dialog.h"

/* The problems of a file that was opened around them: what was done about
 * them, then each of them in file order, the first few of each kind and a
 * line for the rest, as `chronicle --check` prints them. */

struct _ChronicleProblemsDialog
{
  AdwDialog    parent_instance;

  GtkLabel    *summary_label;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (ChronicleProblemsDialog, chronicle_problems_dialog, ADW_TYPE_DIALOG)

static void
chronicle_problems_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHRONICLE_TYPE_PROBLEMS_DIALOG);

  G_OBJECT_CLASS (chronicle_problems_dialog_parent_class)->dispose (object);
}

static void
chronicle_problems_dialog_class_init (ChronicleProblemsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_problems_dialog_dispose;

  g_type_ensure (CHRONICLE_TYPE_PROBLEM_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-problems-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleProblemsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleProblemsDialog, list_view);
}

static void
chronicle_problems_dialog_init (ChronicleProblemsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
summarize (const char *name,
           guint       n_problems,
           guint       n_items_left_out,
           guint       n_events_left_out)
{
  GString *summary = g_string_new (NULL);

  /* Translators: %1$u is a number of problems, %2$s a file name */
  g_string_append_printf (summary, ngettext ("Chronicle read “%2$s” around %1$u problem.",
                                             "Chronicle read “%2$s” around %1$u problems.", n_problems),
                          n_problems, name);

  if (n_items_left_out > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, ngettext ("%u article could not be read and was left out.",
                                                 "%u articles could not be read and were left out.",
                                                 n_items_left_out),
                              n_items_left_out);
    }

  if (n_events_left_out > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, ngettext ("%u timeline event could not be read and was left out.",
                                                 "%u timeline events could not be read and were left out.",
                                                 n_events_left_out),
                              n_events_left_out);
    }

  if (n_items_left_out == 0 && n_events_left_out == 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append (summary, _("Every article and timeline event was added."));
    }

  return g_string_free (summary, FALSE);
}

/**
 * chronicle_problems_dialog_new:
 * @name: the file's name
 * @diagnostics: (element-type ChronicleDiagnostic): its problems, in file
 *   order
 * @n_items_left_out: how many of its articles could not be read
 * @n_events_left_out: how many of its timeline events could not be read
 */
AdwDialog *
chronicle_problems_dialog_new (const char *name,
                               GPtrArray  *diagnostics,
                               guint       n_items_left_out,
                               guint       n_events_left_out)
{
  ChronicleProblemsDialog *self = g_object_new (CHRONICLE_TYPE_PROBLEMS_DIALOG, NULL);
  g_autoptr(GListStore) items = g_list_store_new (CHRONICLE_TYPE_PROBLEM_ITEM);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Problems in “%s”"), name);
  adw_dialog_set_title (ADW_DIALOG (self), title);

  summary = summarize (name, diagnostics->len, n_items_left_out, n_events_left_out);
  gtk_label_set_label (self->summary_label, summary);

  listed = chronicle_diagnostics_select (diagnostics, CHRONICLE_DIAGNOSTICS_PER_KIND, &groups);
  for (guint i = 0; i < listed->len; i++)
    {
      g_autoptr(ChronicleProblemItem) item = chronicle_problem_item_new_for_diagnostic (g_ptr_array_index (listed, i));

      g_list_store_append (items, item);
    }
  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *note = chronicle_diagnostic_group_to_string (&g_array_index (groups, ChronicleDiagnosticGroup, i),
                                                                    NULL);
      g_autoptr(ChronicleProblemItem) item = chronicle_problem_item_new (NULL, note);

      g_list_store_append (items, item);
    }

  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&items)))));
  return ADW_DIALOG (self);
}
