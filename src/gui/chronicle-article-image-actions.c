/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-image"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-image-private.h"
#include "chronicle-icon-texture.h"
#include "chronicle-image-fetch.h"
#include "chronicle-image-viewer.h"
#include "chronicle-window.h"

/* Pictures shown large or copied are read again at most this wide. */
#define LARGE_WIDTH 4096

/* Reading it again, in full (up to LARGE_WIDTH): for the large view,
 * copying and saving.  The reading view kept only what it shows. */

typedef void (*LargeFunc) (ChronicleArticleImage *self,
                           GBytes                *bytes,
                           GdkTexture            *texture,
                           gpointer               data);

typedef struct
{
  ChronicleArticleImage *self;
  LargeFunc              func;
  gpointer               data;
  GDestroyNotify         destroy;
  GBytes                *bytes;
  gboolean               decode;
} Large;

static void
large_free (Large *large)
{
  if (large->destroy != NULL)
    large->destroy (large->data);
  g_clear_pointer (&large->bytes, g_bytes_unref);
  g_object_unref (large->self);
  g_free (large);
}

static void
large_decoded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Large *large = data;
  g_autoptr(GdkTexture) texture = chronicle_icon_texture_load_finish (result, NULL);

  large->func (large->self, large->bytes, texture, large->data);
  large_free (large);
}

static void
large_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Large *large = data;
  g_autoptr(GError) error = NULL;

  large->bytes = chronicle_image_fetch_finish (result, &error);
  if (large->bytes == NULL || !large->decode)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: %s", large->self->url, error->message);
      large->func (large->self, large->bytes, NULL, large->data);
      large_free (large);
      return;
    }

  chronicle_picture_texture_load_async (large->bytes, LARGE_WIDTH, CHRONICLE_IMAGE_MAX_PIXELS,
                                        large->self->cancellable, large_decoded_cb, large);
}

static void
read_large (ChronicleArticleImage *self,
            gboolean               decode,
            LargeFunc              func,
            gpointer               data,
            GDestroyNotify         destroy)
{
  Large *large = g_new0 (Large, 1);

  large->self = g_object_ref (self);
  large->func = func;
  large->data = data;
  large->destroy = destroy;
  large->decode = decode;
  chronicle_image_fetch_async (self->network, self->url, self->location, self->cache, FALSE, self->cancellable,
                               large_fetched_cb, large);
}

static void
show_large_cb (ChronicleArticleImage *self,
               GBytes                *bytes,
               GdkTexture            *texture,
               gpointer               data)
{
  GWeakRef *viewer_ref = data;
  g_autoptr(ChronicleImageViewer) viewer = g_weak_ref_get (viewer_ref);

  if (viewer != NULL && texture != NULL && self->texture != NULL &&
      gdk_texture_get_width (texture) > gdk_texture_get_width (self->texture))
    chronicle_image_viewer_set_texture (viewer, texture);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
show_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);
  ChronicleImageViewer *viewer;
  GWeakRef *viewer_ref;

  if (self->texture == NULL)
    return;

  viewer = chronicle_image_viewer_new (self->texture, self->image->alt);
  adw_dialog_present (ADW_DIALOG (viewer), widget);

  viewer_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (viewer_ref, viewer);
  read_large (self, TRUE, show_large_cb, viewer_ref, (GDestroyNotify) weak_ref_free);
}

static void
copy_large_cb (ChronicleArticleImage *self,
               GBytes                *bytes,
               GdkTexture            *texture,
               gpointer               data)
{
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                             texture != NULL ? texture : self->texture);
}

static void
copy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);

  if (self->texture != NULL)
    read_large (self, TRUE, copy_large_cb, NULL, NULL);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_bytes_cb (ChronicleArticleImage *self,
               GBytes                *bytes,
               GdkTexture            *texture,
               gpointer               data)
{
  GTask *task = data;

  if (bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The picture could not be had again");
      return;
    }
  g_file_replace_contents_bytes_async (g_task_get_task_data (task), bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, g_task_get_cancellable (task),
                                       written_cb, g_object_ref (task));
}

/**
 * chronicle_article_image_save_async:
 * @file: where to write it
 *
 * Writes the picture as it came (not as it is shown) to @file.
 */
void
chronicle_article_image_save_async (ChronicleArticleImage *self,
                                    GFile                 *file,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_article_image_save_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  read_large (self, FALSE, save_bytes_cb, task, g_object_unref);
}

gboolean
chronicle_article_image_save_finish (ChronicleArticleImage  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (object);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (chronicle_article_image_save_finish (self, result, &error))
    message = g_strdup (_("Image saved"));
  else
    message = g_strdup_printf (_("Could not save the image: %s"), error->message);
  if (CHRONICLE_IS_WINDOW (root))
    chronicle_window_add_toast (CHRONICLE_WINDOW (root), message);
}

static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(ChronicleArticleImage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    chronicle_article_image_save_async (self, file, NULL, saved_cb, NULL);
}

/* A name for the file: the last part of its address, when it has one. */
static char *
suggest_name (ChronicleArticleImage *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;

  if (name == NULL || g_str_equal (name, "/") || g_str_equal (name, ".") ||
      g_str_has_prefix (self->url, "data:"))
    /* Translators: the file name offered for a picture that has none */
    return g_strdup (_("image"));

  return g_uri_unescape_string (name, "/");
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autofree char *name = suggest_name (self);

  if (self->url == NULL)
    return;
  gtk_file_dialog_set_title (dialog, _("Save Image"));
  gtk_file_dialog_set_initial_name (dialog, name != NULL ? name : _("image"));
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), NULL, save_dialog_cb,
                        g_object_ref (self));
}

static void
open_link_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chronicle_article_image_activate_link (CHRONICLE_ARTICLE_IMAGE (widget));
}

static void
popup_menu (ChronicleArticleImage *self,
            double                 x,
            double                 y)
{
  if (self->texture == NULL)
    return;

  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("_Copy Image"), "image.copy");
      g_menu_append (menu, _("_Save Image As…"), "image.save");
      if (self->image->href != NULL)
        g_menu_append (menu, _("_Open Link"), "image.open-link");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }

  if (x < 0)
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  popup_menu (CHRONICLE_ARTICLE_IMAGE (widget), -1, -1);
}

static void
pressed_cb (ChronicleArticleImage *self,
            int                    n_press,
            double                 x,
            double                 y,
            GtkGestureClick       *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      popup_menu (self, x, y);
    }
}

static void
released_cb (ChronicleArticleImage *self,
             int                    n_press,
             double                 x,
             double                 y,
             GtkGestureClick       *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == GDK_BUTTON_PRIMARY && n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "image.show", NULL);
}

static void
long_pressed_cb (ChronicleArticleImage *self,
                 double                 x,
                 double                 y,
                 GtkGestureLongPress   *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

/* Shown large, copied, saved: from the pointer, a finger or the keyboard. */
void
chronicle_article_image_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "image.show", NULL, show_cb);
  gtk_widget_class_install_action (widget_class, "image.copy", NULL, copy_cb);
  gtk_widget_class_install_action (widget_class, "image.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "image.open-link", NULL, open_link_cb);
  gtk_widget_class_install_action (widget_class, "image.menu", NULL, menu_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "image.show", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "image.show", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "image.show", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "image.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "image.menu", NULL);
}

void
chronicle_article_image_init_gestures (ChronicleArticleImage *self)
{
  GtkGesture *click;
  GtkGesture *long_press;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}
