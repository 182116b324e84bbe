/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-list-top.h"

/* GTK 4.18 scrolls a list view that is at its top down by its first
 * section's header, out of sight, when items come in below the first one:
 * after opening a file, the article list began with a story and no day.
 * And it keeps the row it had at the top in sight when rows come in above
 * it, re-anchoring when it is realized again too: in a narrow window,
 * where the list moves between panes, the articles of a file just opened
 * were above the view.
 * A list that was at its top when its model changed keeps to it, at every
 * frame, until the reader scrolls, drags, clicks, touches or types in it,
 * or it is scrolled from outside a frame (but for GTK's own re-anchoring
 * of a list realized again, before its first frame), or on purpose
 * (chronicle_list_let_go()). */

typedef struct
{
  GtkListView   *list_view;    /* which holds this */
  GListModel    *model;
  GtkAdjustment *adjustment;
  GdkFrameClock *frame_clock;  /* while the list view is realized */
  GtkEventController *input;
  gboolean       keep_top;
  gboolean       in_frame;
  gboolean       settling;     /* realized, not yet drawn */
} ListTop;

static gboolean
at_top (ListTop *top)
{
  return gtk_adjustment_get_value (top->adjustment) <= gtk_adjustment_get_lower (top->adjustment);
}

static void
items_changed_cb (ListTop *top)
{
  if (at_top (top))
    top->keep_top = TRUE;
}

/* Scrolled from outside a frame: by the reader, or on purpose.  GTK's
 * own re-anchoring of a list just realized comes outside frames too, and
 * is not the reader's. */
static void
value_changed_cb (ListTop *top)
{
  if (!top->in_frame && !top->settling)
    top->keep_top = FALSE;
}

static void
before_paint_cb (ListTop *top)
{
  top->in_frame = TRUE;
}

static void
after_paint_cb (ListTop *top)
{
  top->in_frame = FALSE;
  top->settling = FALSE;
}

/* Any input in the list or its scroll bars: the reader has the list. */
static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          ListTop                  *top)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_SCROLL:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_KEY_PRESS:
      top->keep_top = FALSE;
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* After the list view is laid out, and before it is drawn. */
static void
layout_cb (ListTop *top)
{
  if (top->keep_top && !at_top (top))
    gtk_adjustment_set_value (top->adjustment, gtk_adjustment_get_lower (top->adjustment));
}

static void
realize_cb (ListTop *top)
{
  top->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (top->list_view)));
  g_signal_connect_swapped (top->frame_clock, "before-paint", G_CALLBACK (before_paint_cb), top);
  g_signal_connect_swapped (top->frame_clock, "layout", G_CALLBACK (layout_cb), top);
  g_signal_connect_swapped (top->frame_clock, "after-paint", G_CALLBACK (after_paint_cb), top);
  top->settling = TRUE;
}

static void
unrealize_cb (ListTop *top)
{
  if (top->frame_clock == NULL)
    return;

  /* A list moved from one pane to another (a window made narrow) is
   * unrealized and realized again: what it keeps to stays. */
  g_signal_handlers_disconnect_by_data (top->frame_clock, top);
  g_clear_object (&top->frame_clock);
  top->in_frame = FALSE;
}

static void
list_top_free (gpointer data)
{
  ListTop *top = data;

  unrealize_cb (top);
  g_signal_handlers_disconnect_by_data (top->model, top);
  g_signal_handlers_disconnect_by_data (top->input, top);
  g_signal_handlers_disconnect_by_data (top->adjustment, top);
  g_object_unref (top->model);
  g_object_unref (top->adjustment);
  g_free (top);
}

/**
 * chronicle_list_keep_top:
 * @list_view: a list view with section headers, in a scrolled window
 * @model: its model
 *
 * Keeps @list_view at its top, with the first header in sight, when
 * @model changes while it is there.
 */
void
chronicle_list_keep_top (GtkListView *list_view,
                         GListModel  *model)
{
  GtkEventController *input;
  GtkWidget *scrolled;
  ListTop *top;

  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));
  g_return_if_fail (G_IS_LIST_MODEL (model));
  g_return_if_fail (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view)) != NULL);

  top = g_new0 (ListTop, 1);
  top->list_view = list_view;
  top->model = g_object_ref (model);
  top->adjustment = g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view)));

  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), top);
  g_signal_connect_swapped (top->adjustment, "value-changed", G_CALLBACK (value_changed_cb), top);
  /* Seen before the list and its scroll bars see it. */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (list_view), GTK_TYPE_SCROLLED_WINDOW);
  input = top->input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (event_cb), top);
  gtk_widget_add_controller (scrolled != NULL ? scrolled : GTK_WIDGET (list_view), input);
  g_signal_connect_swapped (list_view, "realize", G_CALLBACK (realize_cb), top);
  g_signal_connect_swapped (list_view, "unrealize", G_CALLBACK (unrealize_cb), top);
  if (gtk_widget_get_realized (GTK_WIDGET (list_view)))
    realize_cb (top);

  g_object_set_data_full (G_OBJECT (list_view), "chronicle-list-top", top, list_top_free);
}

/**
 * chronicle_list_let_go:
 *
 * Lets @list_view leave its top in the next frame: it is scrolled on
 * purpose, to a row asked for.
 */
void
chronicle_list_let_go (GtkListView *list_view)
{
  ListTop *top;

  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  top = g_object_get_data (G_OBJECT (list_view), "chronicle-list-top");
  if (top != NULL)
    top->keep_top = FALSE;
}
