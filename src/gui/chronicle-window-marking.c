/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-window-private.h"

/* Marking many articles read at once: all that the list shows now (all,
 * one collection, a search's results), or those below the selected one.
 * A toast offers to undo it for ten seconds. */

#define UNDO_SECONDS 10

/* What an undo gives back: the stories that were unread.  The toast's
 * button activates win.undo-mark-read with the undo's number; the undo is
 * forgotten when its toast goes. */
typedef struct
{
  ChronicleWindow *window;
  guint            serial;
} Pending;

static void
toast_dismissed_cb (AdwToast *toast,
                    Pending  *pending)
{
  if (pending->window != NULL && pending->window->undos != NULL)
    g_hash_table_remove (pending->window->undos, GUINT_TO_POINTER (pending->serial));
}

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_clear_weak_pointer (&pending->window);
  g_free (pending);
}

void
chronicle_window_undo_mark_read_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  guint serial = g_variant_get_uint32 (parameter);
  char **keys = self->undos != NULL ? g_hash_table_lookup (self->undos, GUINT_TO_POINTER (serial)) : NULL;
  g_auto(GStrv) changed = NULL;

  if (keys == NULL)
    return;

  changed = chronicle_state_set_read_many (chronicle_library_get_state (self->library), (const char **) keys,
                                           g_strv_length (keys), FALSE);
  g_hash_table_remove (self->undos, GUINT_TO_POINTER (serial));
  chronicle_article_list_refresh (self->article_list);
}

/* The position of @story in @model, or G_MAXUINT. */
static guint
find_story (GListModel     *model,
            ChronicleStory *story)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; story != NULL && i < n; i++)
    {
      g_autoptr(ChronicleStory) item = g_list_model_get_item (model, i);

      if (item == story)
        return i;
    }

  return G_MAXUINT;
}

/* Marks the stories the list shows from @start on. */
static void
mark_read_from (ChronicleWindow *self,
                guint            start)
{
  ChronicleState *state = chronicle_library_get_state (self->library);
  GListModel *shown = chronicle_article_list_get_shown (self->article_list);
  guint n = g_list_model_get_n_items (shown);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_full (n > start ? n - start : 0, g_object_unref);
  g_autofree const char **keys = NULL;
  g_auto(GStrv) changed = NULL;
  guint n_changed;
  AdwToast *toast;
  Pending *pending;

  for (guint i = start; i < n; i++)
    g_ptr_array_add (stories, g_list_model_get_item (shown, i));

  /* The keys belong to the stories, kept alive here: marking them may
   * take them out of the list (the Unread filter). */
  keys = g_new (const char *, stories->len + 1);
  for (guint i = 0; i < stories->len; i++)
    keys[i] = chronicle_story_get_key (g_ptr_array_index (stories, i));
  keys[stories->len] = NULL;

  changed = chronicle_state_set_read_many (state, keys, stories->len, TRUE);
  n_changed = g_strv_length (changed);
  /* Unlike reading one article, which stays listed under Unread until the
   * reader moves on, marking many takes them out at once. */
  chronicle_article_list_refresh (self->article_list);
  if (n_changed == 0)
    {
      chronicle_window_add_toast (self, _("All these articles are read already"));
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->serial = ++self->undo_serial;
  g_set_weak_pointer (&pending->window, self);
  g_hash_table_insert (self->undos, GUINT_TO_POINTER (pending->serial), g_steal_pointer (&changed));

  toast = adw_toast_new_format (ngettext ("Marked %u article as read", "Marked %u articles as read", n_changed),
                                n_changed);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-mark-read");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (pending->serial));
  adw_toast_set_timeout (toast, UNDO_SECONDS);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), pending, pending_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
chronicle_window_mark_all_read_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  mark_read_from (CHRONICLE_WINDOW (widget), 0);
}

void
chronicle_window_mark_older_read_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  GListModel *shown = chronicle_article_list_get_shown (self->article_list);
  guint position = find_story (shown, chronicle_article_list_get_selected (self->article_list));

  /* The list is newest first: older articles are below the selected one. */
  if (position != G_MAXUINT)
    mark_read_from (self, position + 1);
}

/* Mark All needs articles to mark; Mark Older, an article selected. */
void
chronicle_window_update_marking (ChronicleWindow *self)
{
  GListModel *shown = chronicle_article_list_get_shown (self->article_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-all-read", g_list_model_get_n_items (shown) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-older-read",
                                 chronicle_article_list_get_selected (self->article_list) != NULL);
}
