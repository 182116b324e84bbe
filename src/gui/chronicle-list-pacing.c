/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-list-pacing.h"

/* The list decides how fast the library's stories enter it: one slice per
 * frame while it is shown, so that the window keeps drawing while a large
 * collection is listed.  A list view makes a row for each of up to about
 * 200 stories around what it shows, and making them all at once held up
 * the window for a fifth of a second: the library makes the first slices
 * small.  Past those, which need no new rows, each slice is sized from the
 * time the last one took: every slice costs a frame, and a fixed size of
 * 5000 spent most of a restore of 100 000 stories waiting for frames, as
 * slices of that size took 3 to 8 ms.  Stories that go in among 25 000
 * listed (a refresh of many subscriptions) cost more each: slices of 2500
 * took 35 to 70 ms, so the size may fall to 250.  A slice takes about
 * 22 ms: frames come every 16.7 ms, and a slice of 12 ms with the frame's
 * own 10 to 20 ms missed the next one anyway, so that each slice cost two
 * frames' time for half the stories (a restore of 100 000 listed them in
 * 460 to 500 ms; with 22 ms, in 220 to 250).  While the list is not
 * shown, or its window is suspended (hidden, on Wayland, where it draws no
 * frames), the library lists the stories itself. */

#define START_SLICE   5000
#define SLICE_US      22000

struct _ChronicleListPacing
{
  GtkWidget        *widget;
  ChronicleLibrary *library;
  gulong            map_id;
  gulong            unmap_id;
  gulong            loading_id;
  GdkSurface       *surface;       /* the window's, while mapped */
  gulong            state_id;
  guint             tick_id;
  guint             slice;
  gboolean          holding;
};

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  ChronicleListPacing *self = data;
  guint size = self->slice;
  gint64 start = g_get_monotonic_time ();
  gboolean large;

  if (chronicle_library_list_slice (self->library, size, &large) == size && large)
    self->slice = CLAMP ((gint64) size * SLICE_US / MAX (g_get_monotonic_time () - start, 1),
                         START_SLICE / 20, START_SLICE * 10);

  if (chronicle_library_get_n_waiting (self->library) > 0)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_ticks (ChronicleListPacing *self)
{
  if (self->holding && self->tick_id == 0 && chronicle_library_get_n_waiting (self->library) > 0)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
}

static void
hold (ChronicleListPacing *self,
      gboolean             holding)
{
  if (!holding && self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  if (!holding)
    self->tick_id = 0;

  if (holding != self->holding)
    {
      self->holding = holding;
      if (holding)
        chronicle_library_hold_pacing (self->library);
      else
        chronicle_library_release_pacing (self->library);
    }
  start_ticks (self);
}

static gboolean
suspended (ChronicleListPacing *self)
{
  return GDK_IS_TOPLEVEL (self->surface) &&
         (gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) & GDK_TOPLEVEL_STATE_SUSPENDED) != 0;
}

static void
surface_state_cb (ChronicleListPacing *self)
{
  hold (self, !suspended (self));
}

static void
map_cb (ChronicleListPacing *self)
{
  GtkNative *native = gtk_widget_get_native (self->widget);

  self->surface = native != NULL ? g_object_ref (gtk_native_get_surface (native)) : NULL;
  if (self->surface != NULL)
    self->state_id = g_signal_connect_swapped (self->surface, "notify::state", G_CALLBACK (surface_state_cb), self);
  hold (self, !suspended (self));
}

static void
unmap_cb (ChronicleListPacing *self)
{
  g_clear_signal_handler (&self->state_id, self->surface);
  g_clear_object (&self->surface);
  hold (self, FALSE);
}

/**
 * chronicle_list_pacing_new:
 * @widget: the widget that shows the stories of @library
 *
 * Lists the stories waiting in @library at the pace of @widget's frames
 * while it is mapped, until freed.
 *
 * Returns: (transfer full): the pacing
 */
ChronicleListPacing *
chronicle_list_pacing_new (GtkWidget        *widget,
                           ChronicleLibrary *library)
{
  ChronicleListPacing *self = g_new0 (ChronicleListPacing, 1);

  self->widget = widget;
  self->library = g_object_ref (library);
  self->slice = START_SLICE;
  self->map_id = g_signal_connect_swapped (widget, "map", G_CALLBACK (map_cb), self);
  self->unmap_id = g_signal_connect_swapped (widget, "unmap", G_CALLBACK (unmap_cb), self);
  self->loading_id = g_signal_connect_swapped (library, "notify::loading", G_CALLBACK (start_ticks), self);
  if (gtk_widget_get_mapped (widget))
    map_cb (self);
  return self;
}

void
chronicle_list_pacing_free (ChronicleListPacing *self)
{
  unmap_cb (self);
  g_signal_handler_disconnect (self->widget, self->map_id);
  g_signal_handler_disconnect (self->widget, self->unmap_id);
  g_signal_handler_disconnect (self->library, self->loading_id);
  g_object_unref (self->library);
  g_free (self);
}
