/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-icon-texture"

#include "config.h"

#include "chronicle-icon-texture.h"
#include "chronicle-threads.h"

/* An image, as a server or a file gave it, made a texture on a worker:
 * a subscription's icon or an article's picture.  GdkPixbuf's loaders
 * read ICO, PNG, GIF (its first frame), JPEG, SVG (librsvg, with its own
 * limits) and the others installed, and the image is scaled down to
 * what is shown as it is read, so that only that is kept in memory.  An
 * image that says it is larger than allowed is not read on. */

#define ICON_MAX_SIDE 4096
#define CHUNK_SIZE    16384

typedef struct
{
  int      max_width;
  int      max_height;
  guint64  max_pixels;
  gboolean cover;
  int      width;
  int      height;
  gboolean too_large;
} Reading;

typedef struct
{
  GBytes *bytes;
  Reading reading;
} Load;

static void
load_free (Load *load)
{
  g_bytes_unref (load->bytes);
  g_free (load);
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Reading         *reading)
{
  reading->width = width;
  reading->height = height;
  if (width <= 0 || height <= 0 || (guint64) width * height > reading->max_pixels)
    {
      reading->too_large = TRUE;
      return;
    }
  /* Scaled to fit (or, for a thumbnail, to cover), never up. */
  if (width > reading->max_width || height > reading->max_height)
    {
      double across = (double) reading->max_width / width, down = (double) reading->max_height / height;
      double scale = reading->cover ? MAX (across, down) : MIN (across, down);

      if (scale < 1)
        gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
    }
}

static GdkTexture *
texture_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) pixels = gdk_pixbuf_read_pixel_bytes (pixbuf);

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 pixels, (gsize) gdk_pixbuf_get_rowstride (pixbuf));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GBytes *bytes = load->bytes;
  Reading *reading = &load->reading;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), reading);
  for (gsize offset = 0; offset < size && !reading->too_large && error == NULL; offset += CHUNK_SIZE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_SIZE, size - offset), &error);
    }
  if (error == NULL)
    gdk_pixbuf_loader_close (loader, reading->too_large ? NULL : &error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  pixbuf = error == NULL && !reading->too_large ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "No image could be read");
      g_task_return_error (task, error);
      return;
    }
  /* A thumbnail is the middle of the picture, square. */
  if (reading->cover)
    {
      int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
      int side = MIN (width, height);
      g_autoptr(GdkPixbuf) middle = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, (height - side) / 2,
                                                              side, side);

      g_task_return_pointer (task, texture_for_pixbuf (middle), g_object_unref);
      return;
    }
  g_task_return_pointer (task, texture_for_pixbuf (pixbuf), g_object_unref);
}

static void
texture_load_async (GBytes              *bytes,
                    const Reading       *limits,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  load = g_new0 (Load, 1);
  load->bytes = g_bytes_ref (bytes);
  load->reading = *limits;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  chronicle_task_run_in_background (task, load_thread);
}

/**
 * chronicle_icon_texture_load_async:
 * @bytes: an image
 * @size: in pixels, the longest side it may have
 *
 * Reads @bytes on a worker into a texture no larger than @size.
 */
void
chronicle_icon_texture_load_async (GBytes              *bytes,
                                   int                  size,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (size > 0);

  texture_load_async (bytes,
                      &(Reading) { size, size, (guint64) ICON_MAX_SIDE * ICON_MAX_SIDE, FALSE },
                      chronicle_icon_texture_load_async, cancellable, callback, user_data);
}

/**
 * chronicle_icon_texture_load_finish:
 *
 * Returns: (transfer full) (nullable): the texture, or %NULL when @bytes
 *   are no image that can be read
 */
GdkTexture *
chronicle_icon_texture_load_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chronicle_picture_texture_load_async:
 * @bytes: a picture
 * @max_width: in pixels, the widest it is shown
 * @max_pixels: the most pixels it may have before it is scaled
 *
 * Reads @bytes on a worker into a texture no wider than @max_width.
 */
void
chronicle_picture_texture_load_async (GBytes              *bytes,
                                      int                  max_width,
                                      guint64              max_pixels,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (max_width > 0);

  texture_load_async (bytes, &(Reading) { max_width, G_MAXINT, max_pixels, FALSE },
                      chronicle_icon_texture_load_async, cancellable, callback, user_data);
}

/**
 * chronicle_thumbnail_texture_load_async:
 * @bytes: a picture
 * @side: in pixels, the side of the square it fills
 * @max_pixels: the most pixels it may have before it is scaled
 *
 * Reads @bytes on a worker into a square texture of @side at most: the
 * middle of the picture, its shorter side scaled down to @side.
 */
void
chronicle_thumbnail_texture_load_async (GBytes              *bytes,
                                        int                  side,
                                        guint64              max_pixels,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (side > 0);

  texture_load_async (bytes, &(Reading) { side, side, max_pixels, TRUE },
                      chronicle_icon_texture_load_async, cancellable, callback, user_data);
}
