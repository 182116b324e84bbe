/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-date-format.h"
#include "chronicle-day-sections.h"
#include "chronicle-story.h"

/* Stories in the article list's order, in sections by day.  The stories
 * come sorted from the library (see chronicle_story_compare()), so a
 * section is found by two binary searches instead of a sort model sorting
 * the list again each time the reader types into the search. */

struct _ChronicleDaySections
{
  GObject     parent_instance;

  GListModel *model;
};

static void list_model_iface_init    (GListModelInterface      *iface);
static void section_model_iface_init (GtkSectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronicleDaySections, chronicle_day_sections, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SECTION_MODEL, section_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CHRONICLE_TYPE_STORY;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (CHRONICLE_DAY_SECTIONS (model)->model);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (CHRONICLE_DAY_SECTIONS (model)->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static int
day_at (ChronicleDaySections *self,
        guint                 position)
{
  g_autoptr(ChronicleStory) story = g_list_model_get_item (self->model, position);

  return chronicle_story_get_day (story);
}

static void
get_section (GtkSectionModel *model,
             guint            position,
             guint           *out_start,
             guint           *out_end)
{
  ChronicleDaySections *self = CHRONICLE_DAY_SECTIONS (model);
  guint n = g_list_model_get_n_items (self->model);
  guint low, high;
  int day;

  if (position >= n)
    {
      *out_start = n;
      *out_end = G_MAXUINT;
      return;
    }

  /* Days never increase along the list. */
  day = day_at (self, position);

  low = 0;
  high = position;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (day_at (self, middle) > day)
        low = middle + 1;
      else
        high = middle;
    }
  *out_start = low;

  low = position + 1;
  high = n;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (day_at (self, middle) < day)
        high = middle;
      else
        low = middle + 1;
    }
  *out_end = low;
}

static void
section_model_iface_init (GtkSectionModelInterface *iface)
{
  iface->get_section = get_section;
}

static void
items_changed_cb (ChronicleDaySections *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added)
{
  /* GTK 4.18's list views abort when stories come in right after a day's
   * heading but belong to the day before it, as a search that widens can
   * do.  Starting such a change where the day before it starts avoids
   * that: those stories are the same before and after, so their rows stay.
   * Other changes are left as they are, since a list view keeps the rows
   * it shows in place only while they are not part of a change. */
  if (position > 0 && added > 0 && day_at (self, position - 1) == day_at (self, position))
    {
      guint start, end;

      get_section (GTK_SECTION_MODEL (self), position - 1, &start, &end);
      removed += position - start;
      added += position - start;
      position = start;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
chronicle_day_sections_dispose (GObject *object)
{
  ChronicleDaySections *self = CHRONICLE_DAY_SECTIONS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (chronicle_day_sections_parent_class)->dispose (object);
}

static void
chronicle_day_sections_class_init (ChronicleDaySectionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = chronicle_day_sections_dispose;
}

static void
chronicle_day_sections_init (ChronicleDaySections *self)
{
}

/**
 * chronicle_day_sections_new:
 * @model: (transfer full): stories in the order of chronicle_story_compare()
 */
ChronicleDaySections *
chronicle_day_sections_new (GListModel *model)
{
  ChronicleDaySections *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CHRONICLE_TYPE_DAY_SECTIONS, NULL);
  self->model = model;
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  return self;
}

static void
header_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListHeader            *header,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "day-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_list_header_set_child (header, label);
}

static void
header_bind_cb (GtkSignalListItemFactory *factory,
                GtkListHeader            *header,
                gpointer                  user_data)
{
  ChronicleStory *story = gtk_list_header_get_item (header);
  g_autoptr(GDateTime) date = chronicle_story_dup_display_date (story);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = chronicle_format_relative_day (date, now);

  gtk_label_set_text (GTK_LABEL (gtk_list_header_get_child (header)), text);
}

/**
 * chronicle_day_sections_header_factory_new:
 *
 * Returns: (transfer full): a factory of the sections' headers: each
 *   day's name, as a heading
 */
GtkListItemFactory *
chronicle_day_sections_header_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (header_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (header_bind_cb), NULL);

  return factory;
}
