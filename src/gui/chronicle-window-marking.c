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

/* Marking runs in slices of about this long, one per idle turn of the main
 * loop: at 100 000 stories, marking them at once held the window up for a
 * tenth of a second.  A view of a few hundred is marked in the first slice,
 * before the action returns. */
#define SLICE_US   5000
#define KEYS_SLICE 1024

struct _ChronicleMarking
{
  ChronicleWindow *window;
  gboolean         read;
  ChronicleStory  *after;      /* Mark Older: the stories below this one */
  GListModel      *shown;      /* what is collected, while it is */
  gulong           shown_id;
  guint            next;       /* the next position of shown to collect */
  GPtrArray       *stories;    /* collected: their keys stay alive */
  GPtrArray       *keys;       /* to mark */
  guint            marked;     /* keys marked so far */
  GStrvBuilder    *changed;
  guint            source_id;
};

void
chronicle_marking_free (ChronicleMarking *marking)
{
  g_clear_handle_id (&marking->source_id, g_source_remove);
  g_clear_signal_handler (&marking->shown_id, marking->shown);
  g_clear_object (&marking->shown);
  g_clear_object (&marking->after);
  g_ptr_array_unref (marking->stories);
  g_ptr_array_unref (marking->keys);
  g_strv_builder_unref (marking->changed);
  g_free (marking);
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

/* From the start again: the list changed while it was collected. */
static void
restart_collecting (ChronicleMarking *marking)
{
  guint position = marking->after != NULL ? find_story (marking->shown, marking->after) : 0;

  g_ptr_array_set_size (marking->stories, 0);
  g_ptr_array_set_size (marking->keys, 0);
  /* The list is newest first: older articles are below the selected one. */
  marking->next = marking->after == NULL ? 0
                  : position != G_MAXUINT ? position + 1 : g_list_model_get_n_items (marking->shown);
}

static gboolean
out_of_time (gint64 start)
{
  return g_get_monotonic_time () - start >= SLICE_US;
}

/* Does a slice of the work; returns whether there is more. */
static gboolean
marking_step (ChronicleMarking *marking)
{
  ChronicleState *state = chronicle_library_get_state (marking->window->library);
  gint64 start = g_get_monotonic_time ();

  while (marking->shown != NULL)
    {
      guint n = g_list_model_get_n_items (marking->shown);
      guint end = MIN (marking->next + KEYS_SLICE, n);

      for (; marking->next < end; marking->next++)
        {
          ChronicleStory *story = g_list_model_get_item (marking->shown, marking->next);

          g_ptr_array_add (marking->stories, story);
          g_ptr_array_add (marking->keys, (gpointer) chronicle_story_get_key (story));
        }
      if (marking->next >= n)
        {
          g_clear_signal_handler (&marking->shown_id, marking->shown);
          g_clear_object (&marking->shown);
        }
      else if (out_of_time (start))
        return TRUE;
    }

  while (marking->marked < marking->keys->len)
    {
      guint n = MIN (KEYS_SLICE, marking->keys->len - marking->marked);
      g_auto(GStrv) changed = chronicle_state_set_read_many (state, (const char **) marking->keys->pdata + marking->marked,
                                                              n, marking->read);

      g_strv_builder_addv (marking->changed, (const char **) changed);
      marking->marked += n;
      if (marking->marked < marking->keys->len && out_of_time (start))
        return TRUE;
    }

  return FALSE;
}

static void
marking_done (ChronicleMarking *marking)
{
  ChronicleWindow *self = marking->window;
  g_auto(GStrv) changed = g_strv_builder_end (marking->changed);
  guint n_changed = g_strv_length (changed);
  gboolean read = marking->read;
  AdwToast *toast;
  Pending *pending;

  g_clear_pointer (&self->marking, chronicle_marking_free);
  chronicle_window_update_marking (self);
  /* Unlike reading one article, which stays listed under Unread until the
   * reader moves on, marking many takes them out at once. */
  chronicle_article_list_refresh (self->article_list);
  if (!read)
    return;
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

static gboolean
marking_step_cb (gpointer data)
{
  ChronicleMarking *marking = data;

  if (marking_step (marking))
    return G_SOURCE_CONTINUE;
  marking->source_id = 0;
  marking_done (marking);
  return G_SOURCE_REMOVE;
}

/* Starts marking: the first slice now, the others on idle turns. */
static void
start_marking (ChronicleWindow  *self,
               ChronicleMarking *marking)
{
  marking->window = self;
  marking->stories = g_ptr_array_new_with_free_func (g_object_unref);
  marking->changed = g_strv_builder_new ();
  if (marking->keys == NULL)
    marking->keys = g_ptr_array_new ();
  if (marking->shown != NULL)
    restart_collecting (marking);
  self->marking = marking;
  chronicle_window_update_marking (self);

  if (marking_step (marking))
    marking->source_id = g_idle_add (marking_step_cb, marking);
  else
    marking_done (marking);
}

void
chronicle_window_undo_mark_read_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  guint serial = g_variant_get_uint32 (parameter);
  char **keys = self->undos != NULL ? g_hash_table_lookup (self->undos, GUINT_TO_POINTER (serial)) : NULL;
  ChronicleMarking *marking;

  if (keys == NULL || self->marking != NULL)
    return;

  marking = g_new0 (ChronicleMarking, 1);
  marking->read = FALSE;
  /* The keys go with the undo, which the marking keeps. */
  marking->keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (marking->keys, g_steal_pointer (&keys[i]));
  g_hash_table_remove (self->undos, GUINT_TO_POINTER (serial));
  start_marking (self, marking);
}

/* Marks the stories the list shows below @after, or all of them. */
static void
mark_read_shown (ChronicleWindow *self,
                 ChronicleStory  *after)
{
  ChronicleMarking *marking;

  if (self->marking != NULL)
    return;

  marking = g_new0 (ChronicleMarking, 1);
  marking->read = TRUE;
  marking->after = after != NULL ? g_object_ref (after) : NULL;
  marking->shown = g_object_ref (chronicle_article_list_get_shown (self->article_list));
  marking->shown_id = g_signal_connect_swapped (marking->shown, "items-changed", G_CALLBACK (restart_collecting),
                                                marking);
  start_marking (self, marking);
}

void
chronicle_window_mark_all_read_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  mark_read_shown (CHRONICLE_WINDOW (widget), NULL);
}

void
chronicle_window_mark_older_read_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleStory *selected = chronicle_article_list_get_selected (self->article_list);

  if (selected != NULL)
    mark_read_shown (self, selected);
}

/**
 * chronicle_window_get_marking:
 *
 * Returns: whether articles are being marked read or unread, a slice at a
 *   time
 */
gboolean
chronicle_window_get_marking (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), FALSE);

  return self->marking != NULL;
}

/* Mark All needs articles to mark; Mark Older, an article selected; and
 * neither while a marking is under way. */
void
chronicle_window_update_marking (ChronicleWindow *self)
{
  GListModel *shown = chronicle_article_list_get_shown (self->article_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-all-read",
                                 self->marking == NULL && g_list_model_get_n_items (shown) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-older-read",
                                 self->marking == NULL && chronicle_article_list_get_selected (self->article_list) != NULL);
}
