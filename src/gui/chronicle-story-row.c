/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-story-row"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-date-format.h"
#include "chronicle-document-renderer.h"
#include "chronicle-image.h"
#include "chronicle-story-row.h"

struct _ChronicleStoryRow
{
  GtkWidget       parent_instance;

  ChronicleStory *story;
  gulong          notify_id;
  char           *description;

  GtkWidget      *dot;
  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkLabel       *excerpt_label;
  GtkWidget      *star_image;

  ChronicleThumbnails *thumbnails;
  gulong          thumbnails_id;
  GtkWidget      *thumbnail;      /* a GtkImage, made for the first story that has one */
  char           *thumbnail_url;
  GCancellable   *thumbnail_loading;
};

enum {
  PROP_0,
  PROP_STORY,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleStoryRow, chronicle_story_row, GTK_TYPE_WIDGET)

/**
 * chronicle_story_dup_meta:
 *
 * Returns: (transfer full): the line under a story's title: where and
 *   when it was published
 */
char *
chronicle_story_dup_meta (ChronicleStory *story)
{
  const char *source = chronicle_story_get_source (story);
  g_autoptr(GDateTime) date = chronicle_story_dup_display_date (story);
  g_autofree char *day = NULL;

  if (date != NULL)
    day = chronicle_format_date (date);
  else
    day = g_strdup (_("Unknown date"));

  if (source == NULL || source[0] == '\0')
    return g_steal_pointer (&day);

  /* Translators: the line under an article's title: %1$s is the
   * publication, %2$s its date */
  return g_strdup_printf (_("%1$s · %2$s"), source, day);
}

/**
 * chronicle_story_describe:
 *
 * Returns: what a screen reader says for the story's row: its title, where
 *   and when it was published, and whether it is unread and starred, which
 *   the row shows only as a dot and a star
 */
char *
chronicle_story_describe (ChronicleStory *story)
{
  g_autofree char *meta = chronicle_story_dup_meta (story);
  GString *text = g_string_new (chronicle_story_get_title (story));

  g_string_append_printf (text, ". %s", meta);
  if (!chronicle_story_get_read (story))
    g_string_append_printf (text, ". %s", _("Unread"));
  if (chronicle_story_get_starred (story))
    g_string_append_printf (text, ". %s", _("Starred"));

  return g_string_free (text, FALSE);
}

/* The star is made only for a starred story: most are not, and a list
 * makes up to about 200 rows at once. */
static void
show_star (ChronicleStoryRow *self,
           gboolean           starred)
{
  if (self->star_image == NULL && starred)
    {
      self->star_image = g_object_new (GTK_TYPE_IMAGE,
                                       "icon-name", "starred-symbolic",
                                       "valign", GTK_ALIGN_START,
                                       "margin-top", 2,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       "css-classes", (const char *[]) { "star", NULL },
                                       NULL);
      gtk_widget_insert_before (self->star_image, GTK_WIDGET (self), self->thumbnail);
    }

  if (self->star_image != NULL)
    gtk_widget_set_visible (self->star_image, starred);
}

static void
stop_thumbnail (ChronicleStoryRow *self)
{
  if (self->thumbnail_loading != NULL)
    g_cancellable_cancel (self->thumbnail_loading);
  g_clear_object (&self->thumbnail_loading);
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(ChronicleStoryRow) self = data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = chronicle_thumbnails_load_finish (CHRONICLE_THUMBNAILS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->thumbnail == NULL)
    return;

  g_clear_object (&self->thumbnail_loading);
  /* One that cannot be had leaves its room to the text. */
  if (texture == NULL)
    gtk_widget_set_visible (self->thumbnail, FALSE);
  else
    gtk_image_set_from_paintable (GTK_IMAGE (self->thumbnail), GDK_PAINTABLE (texture));
}

static GtkWidget *
make_thumbnail (ChronicleStoryRow *self)
{
  /* An image, not a picture: it draws the square at its pixel size on
   * every screen, where a picture would take the texture's pixels as its
   * natural size. */
  GtkWidget *picture = g_object_new (GTK_TYPE_IMAGE,
                                     "pixel-size", CHRONICLE_IMAGE_THUMBNAIL_SIDE,
                                     "width-request", CHRONICLE_IMAGE_THUMBNAIL_SIDE,
                                     "height-request", CHRONICLE_IMAGE_THUMBNAIL_SIDE,
                                     "valign", GTK_ALIGN_START,
                                     "overflow", GTK_OVERFLOW_HIDDEN,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     "css-classes", (const char *[]) { "thumbnail", NULL },
                                     NULL);

  gtk_widget_set_parent (picture, GTK_WIDGET (self));
  return picture;
}

/* The picture beside the text, from memory at once when it was shown a
 * short while ago, else fetched; the room is kept while it comes. */
static void
show_thumbnail (ChronicleStoryRow *self)
{
  const char *url = NULL;
  GdkTexture *texture;
  int scale;

  if (self->story != NULL && self->thumbnails != NULL)
    url = chronicle_thumbnails_get_url (self->thumbnails, self->story);
  if (self->thumbnail_url != NULL && g_strcmp0 (url, self->thumbnail_url) == 0)
    return;

  stop_thumbnail (self);
  g_set_str (&self->thumbnail_url, url);
  if (url == NULL)
    {
      if (self->thumbnail != NULL)
        gtk_widget_set_visible (self->thumbnail, FALSE);
      return;
    }

  if (self->thumbnail == NULL)
    self->thumbnail = make_thumbnail (self);
  gtk_widget_set_visible (self->thumbnail, TRUE);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  texture = chronicle_thumbnails_lookup (self->thumbnails, url, scale);
  gtk_image_set_from_paintable (GTK_IMAGE (self->thumbnail), GDK_PAINTABLE (texture));
  if (texture != NULL)
    return;

  self->thumbnail_loading = g_cancellable_new ();
  chronicle_thumbnails_load_async (self->thumbnails, self->story, scale, self->thumbnail_loading,
                                   thumbnail_loaded_cb, g_object_ref (self));
}

/**
 * chronicle_story_row_get_thumbnail_loading:
 *
 * Returns: whether the row's thumbnail is on its way
 */
gboolean
chronicle_story_row_get_thumbnail_loading (ChronicleStoryRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY_ROW (self), FALSE);

  return self->thumbnail_loading != NULL;
}

static void
thumbnails_changed_cb (ChronicleStoryRow *self)
{
  g_clear_pointer (&self->thumbnail_url, g_free);
  show_thumbnail (self);
}

/**
 * chronicle_story_row_set_thumbnails:
 * @thumbnails: (nullable): where the row's picture comes from
 */
void
chronicle_story_row_set_thumbnails (ChronicleStoryRow   *self,
                                    ChronicleThumbnails *thumbnails)
{
  g_return_if_fail (CHRONICLE_IS_STORY_ROW (self));

  if (self->thumbnails == thumbnails)
    return;

  if (self->thumbnails != NULL)
    g_clear_signal_handler (&self->thumbnails_id, self->thumbnails);
  g_set_object (&self->thumbnails, thumbnails);
  if (thumbnails != NULL)
    self->thumbnails_id = g_signal_connect_object (thumbnails, "changed", G_CALLBACK (thumbnails_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  thumbnails_changed_cb (self);
}

static void
update (ChronicleStoryRow *self)
{
  g_autofree char *meta = NULL;
  g_autofree char *description = NULL;
  g_autoptr(PangoAttrList) language = NULL;
  ChronicleItem *preferred;
  gboolean read;

  if (self->story == NULL)
    return;

  read = chronicle_story_get_read (self->story);
  meta = chronicle_story_dup_meta (self->story);
  description = chronicle_story_describe (self->story);

  preferred = chronicle_story_get_preferred (self->story);
  language = chronicle_language_attributes_new (preferred != NULL ? chronicle_item_get_language (preferred) : NULL);
  gtk_label_set_text (self->title_label, chronicle_story_get_title (self->story));
  gtk_label_set_attributes (self->title_label, language);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->excerpt_label, chronicle_story_get_excerpt (self->story));
  gtk_label_set_attributes (self->excerpt_label, language);
  gtk_widget_set_opacity (self->dot, read ? 0.0 : 1.0);
  show_star (self, chronicle_story_get_starred (self->story));
  show_thumbnail (self);

  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");

  if (g_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* The row lays out its children itself: the unread dot, the text (title,
 * source and date, excerpt) and, at the other end, the star and the
 * thumbnail.  Each label is asked for its height at the one width the
 * text gets, and the title for its smallest width (text_minimum_width()).
 * A grid layout asked every label for every size: listing a file of 1 000
 * stories ran HarfBuzz 10 361 times with it, 6 819 without, and its
 * frames of 32 new rows took 21 ms against 15.  A list makes up to about
 * 200 rows at once. */
#define COLUMN_SPACING 8
#define LINE_SPACING   3

static gboolean
shown (GtkWidget *child)
{
  return child != NULL && gtk_widget_get_visible (child);
}

static int
natural_size (GtkWidget      *child,
              GtkOrientation  orientation,
              int             for_size)
{
  int natural;

  gtk_widget_measure (child, orientation, for_size, NULL, &natural, NULL, NULL);
  return natural;
}

/* The width of the columns beside the text, with their spacing. */
static int
sides_width (ChronicleStoryRow *self)
{
  GtkWidget *sides[] = { self->dot, self->star_image, self->thumbnail };
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      if (shown (sides[i]))
        width += natural_size (sides[i], GTK_ORIENTATION_HORIZONTAL, -1) + COLUMN_SPACING;
    }
  return width;
}

/* The width the text needs: the title's smallest, which GTK measures
 * anyway to check the width it is laid out at.  The lines under it
 * ellipsize to any width the title can take (their smallest is an
 * ellipsis, in a smaller font): asking them for their widths laid their
 * whole text out twice more, for nothing.  The row asks for no more
 * than that, naturally too: the list gives it the pane's width whatever
 * it asks, and a natural width that followed the title's made each frame
 * that lists 32 rows 2 to 3 ms longer. */
static int
text_minimum_width (ChronicleStoryRow *self)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (self->title_label), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The width the text gets in a row @width wide, or in a row of no given
 * width, the title's natural one, which GTK measured with its smallest.
 * Laid out with no width, the title was shaped twice more, on one line and
 * a word to a line: each new row is asked once, for the window's size. */
static int
text_width_for (ChronicleStoryRow *self,
                int                width)
{
  int natural;

  if (width >= 0)
    return MAX (width - sides_width (self), text_minimum_width (self));

  gtk_widget_measure (GTK_WIDGET (self->title_label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The height of a line under the title: they do not wrap, so it does not
 * depend on the width; asked with no width, a label keeps one answer for
 * its text, where each width asked for laid its text out twice more. */
static int
line_height (GtkLabel *label)
{
  return natural_size (GTK_WIDGET (label), GTK_ORIENTATION_VERTICAL, -1);
}

/* The height of the first line: the title's, or the dot's or the star's
 * beside it, if taller. */
static int
first_line_height (ChronicleStoryRow *self,
                   int                text_width)
{
  int height = natural_size (GTK_WIDGET (self->title_label), GTK_ORIENTATION_VERTICAL, text_width);

  height = MAX (height, natural_size (self->dot, GTK_ORIENTATION_VERTICAL, -1));
  if (shown (self->star_image))
    height = MAX (height, natural_size (self->star_image, GTK_ORIENTATION_VERTICAL, -1));
  return height;
}

static GtkSizeRequestMode
chronicle_story_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
chronicle_story_row_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ChronicleStoryRow *self = CHRONICLE_STORY_ROW (widget);
  int text_width, height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = text_minimum_width (self) + sides_width (self);
      return;
    }

  text_width = text_width_for (self, for_size);
  height = first_line_height (self, text_width) +
           LINE_SPACING + line_height (self->meta_label) +
           LINE_SPACING + line_height (self->excerpt_label);
  if (shown (self->thumbnail))
    height = MAX (height, natural_size (self->thumbnail, GTK_ORIENTATION_VERTICAL, -1));
  *minimum = *natural = height;
}

/* Places @child at @x from the start of a row @row_width wide: from its
 * left, or from its right in a right-to-left language. */
static void
place (ChronicleStoryRow *self,
       int                row_width,
       GtkWidget         *child,
       int                x,
       int                y,
       int                width,
       int                height)
{
  GtkAllocation allocation = { x, y, width, height };

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    allocation.x = row_width - x - width;
  gtk_widget_size_allocate (child, &allocation, -1);
}

static int
place_line (ChronicleStoryRow *self,
            int                row_width,
            GtkLabel          *label,
            int                x,
            int                y,
            int                text_width)
{
  int height = line_height (label);

  place (self, row_width, GTK_WIDGET (label), x, y, text_width, height);
  return y + height + LINE_SPACING;
}

static void
chronicle_story_row_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ChronicleStoryRow *self = CHRONICLE_STORY_ROW (widget);
  int dot_width = natural_size (self->dot, GTK_ORIENTATION_HORIZONTAL, -1);
  int text_width = text_width_for (self, width);
  int text_x = dot_width + COLUMN_SPACING;
  int end = width;
  int y;

  place (self, width, self->dot, 0, 0, dot_width, natural_size (self->dot, GTK_ORIENTATION_VERTICAL, -1));
  if (shown (self->thumbnail))
    {
      int side = natural_size (self->thumbnail, GTK_ORIENTATION_HORIZONTAL, -1);

      end -= side;
      place (self, width, self->thumbnail, end, 0, side, natural_size (self->thumbnail, GTK_ORIENTATION_VERTICAL, -1));
      end -= COLUMN_SPACING;
    }
  if (shown (self->star_image))
    {
      int side = natural_size (self->star_image, GTK_ORIENTATION_HORIZONTAL, -1);

      place (self, width, self->star_image, end - side, 0, side,
             natural_size (self->star_image, GTK_ORIENTATION_VERTICAL, -1));
    }

  place (self, width, GTK_WIDGET (self->title_label), text_x, 0, text_width,
         natural_size (GTK_WIDGET (self->title_label), GTK_ORIENTATION_VERTICAL, text_width));
  y = first_line_height (self, text_width) + LINE_SPACING;
  y = place_line (self, width, self->meta_label, text_x, y, text_width);
  place_line (self, width, self->excerpt_label, text_x, y, text_width);
}

ChronicleStory *
chronicle_story_row_get_story (ChronicleStoryRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY_ROW (self), NULL);

  return self->story;
}

void
chronicle_story_row_set_story (ChronicleStoryRow *self,
                               ChronicleStory    *story)
{
  g_return_if_fail (CHRONICLE_IS_STORY_ROW (self));
  g_return_if_fail (story == NULL || CHRONICLE_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_clear_signal_handler (&self->notify_id, self->story);

  g_set_object (&self->story, story);

  if (story != NULL)
    {
      self->notify_id = g_signal_connect_object (story, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      update (self);
    }
  else
    show_thumbnail (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

static void
chronicle_story_row_dispose (GObject *object)
{
  ChronicleStoryRow *self = CHRONICLE_STORY_ROW (object);

  chronicle_story_row_set_story (self, NULL);
  chronicle_story_row_set_thumbnails (self, NULL);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->star_image, gtk_widget_unparent);
  g_clear_pointer (&self->thumbnail, gtk_widget_unparent);
  g_clear_pointer (&self->thumbnail_url, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_STORY_ROW);

  G_OBJECT_CLASS (chronicle_story_row_parent_class)->dispose (object);
}

static void
chronicle_story_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChronicleStoryRow *self = CHRONICLE_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_story_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChronicleStoryRow *self = CHRONICLE_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      chronicle_story_row_set_story (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_story_row_class_init (ChronicleStoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_story_row_dispose;
  object_class->get_property = chronicle_story_row_get_property;
  object_class->set_property = chronicle_story_row_set_property;
  widget_class->get_request_mode = chronicle_story_row_get_request_mode;
  widget_class->measure = chronicle_story_row_measure;
  widget_class->size_allocate = chronicle_story_row_size_allocate;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL,
                         CHRONICLE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* What the row says to a screen reader; the list item takes it as its
   * accessible label (see the list's factory). */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-story-row.ui");
  /* Bound so that gtk_widget_dispose_template() unparents it. */
  gtk_widget_class_bind_template_child (widget_class, ChronicleStoryRow, dot);
  gtk_widget_class_bind_template_child (widget_class, ChronicleStoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleStoryRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleStoryRow, excerpt_label);
  gtk_widget_class_set_css_name (widget_class, "storyrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chronicle_story_row_init (ChronicleStoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Rows are made in code rather than from a builder file: a search or a
 * large collection makes many of them at once, and parsing a template for
 * each was a fifth of the time. */
static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = g_object_new (CHRONICLE_TYPE_STORY_ROW, NULL);

  gtk_list_item_set_child (list_item, row);
  /* What the row says is what a screen reader says for the item. */
  g_object_bind_property (row, "description", list_item, "accessible-label", G_BINDING_SYNC_CREATE);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  ChronicleStoryRow *row = CHRONICLE_STORY_ROW (gtk_list_item_get_child (list_item));

  chronicle_story_row_set_thumbnails (row, g_object_get_data (G_OBJECT (factory), "chronicle-thumbnails"));
  chronicle_story_row_set_story (row, gtk_list_item_get_item (list_item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  chronicle_story_row_set_story (CHRONICLE_STORY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * chronicle_story_row_factory_new:
 *
 * Returns: (transfer full): a factory of story rows, for a list of
 *   #ChronicleStory
 */
GtkListItemFactory *
chronicle_story_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);

  return factory;
}

/**
 * chronicle_story_row_factory_set_thumbnails:
 * @thumbnails: (nullable): where the rows' pictures come from; set before
 *   the list has rows
 */
void
chronicle_story_row_factory_set_thumbnails (GtkListItemFactory  *factory,
                                            ChronicleThumbnails *thumbnails)
{
  g_return_if_fail (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory));

  g_object_set_data_full (G_OBJECT (factory), "chronicle-thumbnails",
                          thumbnails != NULL ? g_object_ref (thumbnails) : NULL, g_object_unref);
}
