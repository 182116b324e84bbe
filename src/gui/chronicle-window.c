/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-window.h"

struct _ChronicleWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcher      *switcher;
  AdwViewStack         *stack;
  AdwNavigationSplitView *split_view;
  AdwViewSwitcherBar   *switcher_bar;
};

G_DEFINE_FINAL_TYPE (ChronicleWindow, chronicle_window, ADW_TYPE_APPLICATION_WINDOW)

static void
chronicle_window_constructed (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  G_OBJECT_CLASS (chronicle_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_ID);

  /* The size is remembered by binding it; GTK updates the default size as
   * the user resizes the window, but not while it is maximized. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
chronicle_window_dispose (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chronicle_window_parent_class)->dispose (object);
}

static void
chronicle_window_class_init (ChronicleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chronicle_window_constructed;
  object_class->dispose = chronicle_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, switcher_bar);
}

static void
chronicle_window_init (ChronicleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChronicleWindow *
chronicle_window_new (ChronicleApplication *application)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (application), NULL);

  return g_object_new (CHRONICLE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
