/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-screenshot"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-image.h"
#include "chronicle-screenshot.h"
#include "chronicle-story-row.h"

/* Frames to let pass before the picture is taken, so that the first layout,
 * breakpoints and icon loading have settled. */
#define SETTLE_FRAMES 12

/* The pictures of the article shown and the list's thumbnails are waited
 * for, this long at most. */
#define PICTURES_WAIT_US (10 * G_USEC_PER_SEC)

typedef struct
{
  GtkWidget *widget;
  char      *path;
  guint      frames;
  gint64     deadline;
} Screenshot;

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  g_clear_object (&shot->widget);
  g_free (shot->path);
  g_free (shot);
}

static gboolean
save_png (GtkWidget   *widget,
          const char  *path,
          GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window could not be drawn for a screenshot"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("Could not write the screenshot to “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

/* After a frame is drawn, when the window is laid out: a window that
 * still changes (a collection coming in) may need a new layout at tick
 * time, and then has nothing to draw. */
static void
after_paint_cb (GdkFrameClock *frame_clock,
                GTask         *task)
{
  Screenshot *shot = g_task_get_task_data (task);
  GError *error = NULL;

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, task);

  if (g_task_return_error_if_cancelled (task))
    ;
  else if (save_png (shot->widget, shot->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  g_object_unref (task);
}

static gboolean
pictures_loading (GtkWidget *widget)
{
  if (CHRONICLE_IS_ARTICLE_IMAGE (widget))
    return chronicle_article_image_get_state (CHRONICLE_ARTICLE_IMAGE (widget)) == CHRONICLE_ARTICLE_IMAGE_LOADING;
  if (CHRONICLE_IS_STORY_ROW (widget))
    return chronicle_story_row_get_thumbnail_loading (CHRONICLE_STORY_ROW (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_mapped (child) && pictures_loading (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  GTask *task = user_data;
  Screenshot *shot = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  gtk_widget_queue_draw (widget);
  if (++shot->frames < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;
  if (pictures_loading (widget) && g_get_monotonic_time () < shot->deadline)
    return G_SOURCE_CONTINUE;

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/**
 * chronicle_screenshot_save_async:
 * @widget: a widget, usually a window
 * @path: where to write the PNG file
 *
 * Waits until @widget has been drawn a few times, and the pictures of
 * the article it shows and the list's thumbnails have loaded or failed
 * (10 s at most), and saves what it shows as a PNG file.  The widget
 * renders itself, so this works the same on X11, Wayland and in a
 * Flatpak sandbox.
 */
void
chronicle_screenshot_save_async (GtkWidget           *widget,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Screenshot *shot;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_screenshot_save_async);

  shot = g_new0 (Screenshot, 1);
  shot->widget = g_object_ref (widget);
  shot->path = g_strdup (path);
  shot->deadline = g_get_monotonic_time () + PICTURES_WAIT_US;
  g_task_set_task_data (task, shot, screenshot_free);

  gtk_widget_add_tick_callback (widget, tick_cb, g_steal_pointer (&task), g_object_unref);
}

gboolean
chronicle_screenshot_save_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
