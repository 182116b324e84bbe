/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-image-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-image-viewer.h"

/* A picture of an article, large: it first fits the dialog, and zooms
 * with the buttons, Ctrl+Plus and Ctrl+Minus, Ctrl and the wheel, or two
 * fingers; Escape closes it. */

#define ZOOM_STEP 1.25
#define ZOOM_MAX  8.0

struct _ChronicleImageViewer
{
  AdwDialog       parent_instance;

  GdkTexture     *texture;
  double          zoom;          /* of the picture's pixels; 0 to fit */
  double          zoom_at_begin;

  AdwWindowTitle *title;
  GtkScrolledWindow *scrolled_window;
  GtkPicture     *picture;
};

G_DEFINE_FINAL_TYPE (ChronicleImageViewer, chronicle_image_viewer, ADW_TYPE_DIALOG)

/* The zoom at which the picture fits, never above its size. */
static double
fit_zoom (ChronicleImageViewer *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->scrolled_window)) - 24;
  int height = gtk_widget_get_height (GTK_WIDGET (self->scrolled_window)) - 24;
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double image_width, image_height;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return 1;
  image_width = gdk_texture_get_width (self->texture) / scale;
  image_height = gdk_texture_get_height (self->texture) / scale;

  return MIN (1, MIN (width / image_width, height / image_height));
}

static void
set_zoom (ChronicleImageViewer *self,
          double                zoom)
{
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->texture == NULL)
    return;

  if (zoom <= 0)
    {
      self->zoom = 0;
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
    }
  else
    {
      self->zoom = CLAMP (zoom, 0.05, ZOOM_MAX);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                                   (int) (gdk_texture_get_width (self->texture) / scale * self->zoom),
                                   (int) (gdk_texture_get_height (self->texture) / scale * self->zoom));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 self->zoom == 0 || self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", self->zoom != 0);
}

static double
current_zoom (ChronicleImageViewer *self)
{
  return self->zoom > 0 ? self->zoom : fit_zoom (self);
}

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChronicleImageViewer *self = CHRONICLE_IMAGE_VIEWER (widget);

  set_zoom (self, current_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronicleImageViewer *self = CHRONICLE_IMAGE_VIEWER (widget);
  double zoom = current_zoom (self) / ZOOM_STEP;

  /* Smaller than fitting is fitting. */
  set_zoom (self, zoom <= fit_zoom (self) ? 0 : zoom);
}

static void
zoom_fit_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_zoom (CHRONICLE_IMAGE_VIEWER (widget), 0);
}

static gboolean
scroll_cb (ChronicleImageViewer     *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return GDK_EVENT_PROPAGATE;

  if (dy < 0)
    zoom_in_cb (GTK_WIDGET (self), NULL, NULL);
  else
    zoom_out_cb (GTK_WIDGET (self), NULL, NULL);

  return GDK_EVENT_STOP;
}

static void
zoom_begin_cb (ChronicleImageViewer *self,
               GdkEventSequence     *sequence,
               GtkGesture           *gesture)
{
  self->zoom_at_begin = current_zoom (self);
}

static void
zoom_scale_changed_cb (ChronicleImageViewer *self,
                       double                scale,
                       GtkGestureZoom       *gesture)
{
  set_zoom (self, self->zoom_at_begin * scale);
}

/**
 * chronicle_image_viewer_set_texture:
 *
 * Shows a sharper picture, once it is read; the zoom stays.
 */
void
chronicle_image_viewer_set_texture (ChronicleImageViewer *self,
                                    GdkTexture           *texture)
{
  double zoom;
  double ratio;

  g_return_if_fail (CHRONICLE_IS_IMAGE_VIEWER (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  zoom = self->zoom;
  ratio = self->texture != NULL ? (double) gdk_texture_get_width (self->texture) / gdk_texture_get_width (texture) : 1;
  g_set_object (&self->texture, texture);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  set_zoom (self, zoom > 0 ? zoom * ratio : 0);
}

/**
 * chronicle_image_viewer_get_zoom:
 *
 * Returns: the zoom, 0 while the picture fits the dialog
 */
double
chronicle_image_viewer_get_zoom (ChronicleImageViewer *self)
{
  g_return_val_if_fail (CHRONICLE_IS_IMAGE_VIEWER (self), 0);

  return self->zoom;
}

static void
chronicle_image_viewer_dispose (GObject *object)
{
  ChronicleImageViewer *self = CHRONICLE_IMAGE_VIEWER (object);

  g_clear_object (&self->texture);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHRONICLE_TYPE_IMAGE_VIEWER);

  G_OBJECT_CLASS (chronicle_image_viewer_parent_class)->dispose (object);
}

static void
chronicle_image_viewer_class_init (ChronicleImageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_image_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle_reader/Chronicle/chronicle-image-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleImageViewer, title);
  gtk_widget_class_bind_template_child (widget_class, ChronicleImageViewer, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ChronicleImageViewer, picture);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
}

static void
chronicle_image_viewer_init (ChronicleImageViewer *self)
{
  GtkEventController *scroll;
  GtkGesture *zoom;

  gtk_widget_init_template (GTK_WIDGET (self));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), scroll);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_object (zoom, "begin", G_CALLBACK (zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), GTK_EVENT_CONTROLLER (zoom));
}

/**
 * chronicle_image_viewer_new:
 * @description: (nullable): what the picture shows, its alt text
 *
 * Returns: (transfer floating): a dialog showing @texture large
 */
ChronicleImageViewer *
chronicle_image_viewer_new (GdkTexture *texture,
                            const char *description)
{
  ChronicleImageViewer *self;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  self = g_object_new (CHRONICLE_TYPE_IMAGE_VIEWER, NULL);
  /* Translators: the title of the dialog showing a picture without a description */
  adw_dialog_set_title (ADW_DIALOG (self), description != NULL ? description : _("Image"));
  adw_window_title_set_title (self->title, description != NULL ? description : _("Image"));
  gtk_picture_set_alternative_text (self->picture, description);
  chronicle_image_viewer_set_texture (self, texture);

  return self;
}
