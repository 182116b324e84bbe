/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-icon-texture.h"
#include "chronicle-sidebar-row.h"

/* A row of the sidebar: the icon and title of a view or a collection, its
 * unread count, a sign when its last refresh failed, and its context
 * menu (secondary click, long press, Shift+F10 or the Menu key). */

struct _ChronicleSidebarRow
{
  GtkWidget              parent_instance;

  ChronicleSidebarEntry *entry;
  ChronicleLibrary      *library;
  GObject               *watched;        /* the collection or the library */
  gulong                 notify_ids[4];
  GtkWidget             *menu;           /* while it is open */
  GCancellable          *loading;        /* its icon */

  GtkImage              *icon;
  GtkLabel              *title_label;
  GtkWidget             *error_image;
  GtkLabel              *count_label;
};

enum {
  PROP_0,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleSidebarRow, chronicle_sidebar_row, GTK_TYPE_WIDGET)

static const char *
entry_title (ChronicleSidebarEntry *entry)
{
  switch (chronicle_sidebar_entry_get_kind (entry))
    {
    case CHRONICLE_SIDEBAR_ALL:
      return _("All Articles");
    case CHRONICLE_SIDEBAR_UNREAD:
      return C_("articles", "Unread");
    case CHRONICLE_SIDEBAR_STARRED:
      return C_("articles", "Starred");
    case CHRONICLE_SIDEBAR_COLLECTION:
    default:
      return chronicle_collection_get_title (chronicle_sidebar_entry_get_collection (entry));
    }
}

static const char *
entry_icon (ChronicleSidebarEntry *entry)
{
  ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (entry);

  switch (chronicle_sidebar_entry_get_kind (entry))
    {
    case CHRONICLE_SIDEBAR_ALL:
      return "chronicle-articles-symbolic";
    case CHRONICLE_SIDEBAR_UNREAD:
      return "mail-unread-symbolic";
    case CHRONICLE_SIDEBAR_STARRED:
      return "starred-symbolic";
    case CHRONICLE_SIDEBAR_COLLECTION:
    default:
      return chronicle_collection_get_web (collection) ? "application-rss+xml-symbolic" : "x-office-document-symbolic";
    }
}

/* The number beside the title: unread articles, or for "Starred" the
 * starred ones. */
static guint
entry_count (ChronicleSidebarRow *self)
{
  switch (chronicle_sidebar_entry_get_kind (self->entry))
    {
    case CHRONICLE_SIDEBAR_ALL:
    case CHRONICLE_SIDEBAR_UNREAD:
      return chronicle_library_get_n_unread (self->library);
    case CHRONICLE_SIDEBAR_STARRED:
      return chronicle_library_get_n_starred (self->library);
    case CHRONICLE_SIDEBAR_COLLECTION:
    default:
      return chronicle_collection_get_n_unread (chronicle_sidebar_entry_get_collection (self->entry));
    }
}

/* A subscription's icon, made a texture once and kept with it while its
 * bytes are the same. */
#define ICON_SIZE 16
static GQuark icon_quark;

typedef struct
{
  GBytes     *bytes;
  GdkTexture *texture;
} Icon;

static void
icon_free (Icon *icon)
{
  g_bytes_unref (icon->bytes);
  g_clear_object (&icon->texture);
  g_free (icon);
}

typedef struct
{
  ChronicleCollection *collection;
  GBytes              *bytes;
} Pending;

static void
icon_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = chronicle_icon_texture_load_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      Icon *icon = g_new0 (Icon, 1);

      /* What cannot be read is not read again: it shows the feed's sign.
       * The rows that show the collection look again. */
      icon->bytes = g_bytes_ref (pending->bytes);
      icon->texture = texture;
      g_object_set_qdata_full (G_OBJECT (pending->collection), icon_quark, icon, (GDestroyNotify) icon_free);
      g_object_notify (G_OBJECT (pending->collection), "icon");
    }
  g_object_unref (pending->collection);
  g_bytes_unref (pending->bytes);
  g_free (pending);
}

static void
show_icon (ChronicleSidebarRow *self,
           ChronicleCollection *collection)
{
  GBytes *bytes = chronicle_collection_get_icon (collection);
  Icon *icon = g_object_get_qdata (G_OBJECT (collection), icon_quark);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  Pending *pending;

  if (bytes != NULL && icon != NULL && g_bytes_equal (icon->bytes, bytes))
    {
      if (icon->texture != NULL)
        gtk_image_set_from_paintable (self->icon, GDK_PAINTABLE (icon->texture));
      return;
    }
  if (bytes == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_set_object (&self->loading, g_cancellable_new ());
  pending = g_new0 (Pending, 1);
  pending->collection = g_object_ref (collection);
  pending->bytes = g_bytes_ref (bytes);
  chronicle_icon_texture_load_async (bytes, ICON_SIZE * MAX (scale, 2), self->loading, icon_loaded_cb, pending);
}

/* Each part is redrawn when what it shows changes, and only then: a
 * refresh of 500 subscriptions changes every one's fetch state, and
 * counts change at every slice of articles listed. */
static void
update_icon (ChronicleSidebarRow *self)
{
  ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (self->entry);

  gtk_image_set_from_icon_name (self->icon, entry_icon (self->entry));
  if (collection != NULL)
    show_icon (self, collection);
}

static void
update_title (ChronicleSidebarRow *self)
{
  gtk_label_set_text (self->title_label, entry_title (self->entry));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), entry_title (self->entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
update_failed (ChronicleSidebarRow *self)
{
  ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (self->entry);
  gboolean failed = collection != NULL && chronicle_collection_get_failed (collection);

  gtk_widget_set_visible (self->error_image, failed);
  gtk_widget_set_tooltip_text (self->error_image, failed ? _("The last refresh failed") : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
update_count (ChronicleSidebarRow *self)
{
  guint count = entry_count (self);
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);
  if (g_strcmp0 (gtk_label_get_text (self->count_label), text) == 0)
    return;
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static char *
dup_description (ChronicleSidebarRow *self)
{
  ChronicleCollection *collection;
  GString *text;
  guint count;

  if (self->entry == NULL)
    return NULL;

  collection = chronicle_sidebar_entry_get_collection (self->entry);
  count = entry_count (self);
  text = g_string_new (entry_title (self->entry));
  if (count > 0 && chronicle_sidebar_entry_get_kind (self->entry) == CHRONICLE_SIDEBAR_STARRED)
    {
      g_string_append (text, ". ");
      /* Translators: said by screen readers after “Starred” */
      g_string_append_printf (text, ngettext ("%u article", "%u articles", count), count);
    }
  else if (count > 0)
    {
      g_string_append (text, ". ");
      /* Translators: said by screen readers after a subscription's title */
      g_string_append_printf (text, ngettext ("%u unread", "%u unread", count), count);
    }
  if (collection != NULL && chronicle_collection_get_failed (collection))
    g_string_append_printf (text, ". %s", _("The last refresh failed"));

  return g_string_free (text, FALSE);
}

static void
unwatch (ChronicleSidebarRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->notify_ids) && self->watched != NULL; i++)
    g_clear_signal_handler (&self->notify_ids[i], self->watched);
  g_clear_object (&self->watched);
}

/**
 * chronicle_sidebar_row_set_entry:
 * @entry: (nullable): what it shows
 * @library: the library whose counts the views show
 */
void
chronicle_sidebar_row_set_entry (ChronicleSidebarRow   *self,
                                 ChronicleSidebarEntry *entry,
                                 ChronicleLibrary      *library)
{
  ChronicleCollection *collection;

  g_return_if_fail (CHRONICLE_IS_SIDEBAR_ROW (self));

  unwatch (self);
  g_cancellable_cancel (self->loading);
  g_set_object (&self->entry, entry);
  g_set_object (&self->library, library);
  if (entry == NULL)
    return;

  collection = chronicle_sidebar_entry_get_collection (entry);
  self->watched = g_object_ref (collection != NULL ? G_OBJECT (collection) : G_OBJECT (library));
  if (collection != NULL)
    {
      self->notify_ids[0] = g_signal_connect_swapped (collection, "notify::title", G_CALLBACK (update_title), self);
      self->notify_ids[1] = g_signal_connect_swapped (collection, "notify::n-unread", G_CALLBACK (update_count), self);
      self->notify_ids[2] = g_signal_connect_swapped (collection, "notify::failed", G_CALLBACK (update_failed), self);
      self->notify_ids[3] = g_signal_connect_swapped (collection, "notify::icon", G_CALLBACK (update_icon), self);
    }
  else
    {
      self->notify_ids[0] = g_signal_connect_swapped (library, "notify::n-unread", G_CALLBACK (update_count), self);
      self->notify_ids[1] = g_signal_connect_swapped (library, "notify::n-starred", G_CALLBACK (update_count), self);
    }
  gtk_label_set_text (self->count_label, NULL);
  update_icon (self);
  update_title (self);
  update_failed (self);
  update_count (self);
}

/**
 * chronicle_sidebar_row_get_entry:
 *
 * Returns: (transfer none) (nullable): what it shows
 */
ChronicleSidebarEntry *
chronicle_sidebar_row_get_entry (ChronicleSidebarRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR_ROW (self), NULL);

  return self->entry;
}

static void
add_item (GMenu      *section,
          const char *label,
          const char *action,
          const char *key)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, key != NULL ? g_variant_new_string (key) : NULL);
  g_menu_append_item (section, item);
}

/**
 * chronicle_sidebar_entry_dup_menu:
 *
 * Returns: (transfer full) (nullable): the context menu of @entry's row,
 *   of actions of the window and the application
 */
GMenuModel *
chronicle_sidebar_entry_dup_menu (ChronicleSidebarEntry *entry)
{
  ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (entry);
  const char *key = collection != NULL ? chronicle_collection_get_id (collection) : "";
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) second = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();

  if (chronicle_sidebar_entry_get_kind (entry) == CHRONICLE_SIDEBAR_STARRED)
    return NULL;

  if (collection != NULL && chronicle_collection_get_web (collection))
    add_item (first, _("_Refresh"), "app.refresh-subscription", key);
  add_item (first, _("Mark _All as Read"), "win.mark-source-read", key);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));

  if (collection != NULL && chronicle_collection_get_web (collection))
    {
      add_item (second, _("Re_name…"), "win.rename-subscription", key);
      add_item (second, _("_Move to Folder…"), "win.move-subscription", key);
      add_item (second, _("_Properties"), "win.subscription-properties", key);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (second));
      add_item (last, _("_Unsubscribe"), "win.remove-source", key);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (last));
    }
  else if (collection != NULL && !chronicle_collection_get_builtin (collection))
    {
      add_item (last, _("_Remove Collection"), "win.remove-source", key);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (last));
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
menu_closed_cb (ChronicleSidebarRow *self)
{
  /* Unparented once it has run its action. */
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, g_steal_pointer (&self->menu));
}

static void
popup_menu (ChronicleSidebarRow *self,
            double               x,
            double               y)
{
  g_autoptr(GMenuModel) model = NULL;

  if (self->entry == NULL || self->menu != NULL)
    return;

  model = chronicle_sidebar_entry_dup_menu (self->entry);
  if (model == NULL)
    return;

  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), x >= 0);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (menu_closed_cb), self);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
pressed_cb (GtkGestureClick     *gesture,
            int                  n_press,
            double               x,
            double               y,
            ChronicleSidebarRow *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 ChronicleSidebarRow *self)
{
  popup_menu (self, x, y);
}

static void
menu_popup_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  popup_menu (CHRONICLE_SIDEBAR_ROW (widget), -1, -1);
}

static void
chronicle_sidebar_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChronicleSidebarRow *self = CHRONICLE_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_take_string (value, dup_description (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_sidebar_row_dispose (GObject *object)
{
  ChronicleSidebarRow *self = CHRONICLE_SIDEBAR_ROW (object);

  unwatch (self);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->entry);
  g_clear_object (&self->library);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (chronicle_sidebar_row_parent_class)->dispose (object);
}

static void
chronicle_sidebar_row_class_init (ChronicleSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_sidebar_row_dispose;
  object_class->get_property = chronicle_sidebar_row_get_property;

  /**
   * ChronicleSidebarRow:description:
   *
   * What a screen reader says for the row: its title, its count, and
   * that its last refresh failed, which the row shows as a sign.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronicle_reader/Chronicle/chronicle-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSidebarRow, error_image);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSidebarRow, count_label);

  icon_quark = g_quark_from_static_string ("chronicle-sidebar-icon");

  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, menu_popup_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "menu.popup", NULL);
}

static void
chronicle_sidebar_row_init (ChronicleSidebarRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}
