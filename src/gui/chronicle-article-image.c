/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-image"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-image-private.h"
#include "chronicle-icon-texture.h"
#include "chronicle-image-fetch.h"

/* A picture in the text of an article.  Until it is loaded it keeps the
 * place it will take, so that the text does not move under the reader:
 * the size its HTML gives, else the size its file's header gives, else
 * a placeholder.  It is as wide as the picture, never wider than the text
 * column and never scaled up.  When it cannot be had, its alternative
 * text stands in its place. */

/* The text column is at most this wide (the clamp of the reading view);
 * pictures are decoded for it, so that a narrower window that widens
 * again shows them as sharp without reading them again. */
#define MAX_COLUMN_WIDTH 720


G_DEFINE_FINAL_TYPE (ChronicleArticleImage, chronicle_article_image, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PLACED,
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The media types of <source>s that the installed loaders read. */
static gboolean
type_supported (const char *type,
                gpointer    user_data)
{
  static GHashTable *types;

  if (types == NULL)
    {
      g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

      types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (GSList *l = formats; l != NULL; l = l->next)
        {
          g_auto(GStrv) mime_types = gdk_pixbuf_format_get_mime_types (l->data);

          for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
            g_hash_table_add (types, g_ascii_strdown (mime_types[i], -1));
        }
    }

  return g_hash_table_contains (types, type);
}

static int
shown_width (ChronicleArticleImage *self)
{
  int column = MAX (self->column_width, 1);

  return self->natural_width > 0 ? MIN (self->natural_width, column) : column;
}

static int
shown_height (ChronicleArticleImage *self,
              int                    width)
{
  if (self->natural_width > 0 && self->natural_height > 0)
    return MAX (1, (int) ((double) width * self->natural_height / self->natural_width + 0.5));

  /* Nothing tells its size yet: a picture's usual shape, not too tall. */
  return MIN (width * 9 / 16, 320);
}

static void
chronicle_article_image_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);
  int width;

  if (self->state == CHRONICLE_ARTICLE_IMAGE_FAILED)
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* GtkTextView gives its children their minimum width. */
          gtk_widget_measure (GTK_WIDGET (self->alt_label), orientation, for_size, minimum, natural, NULL, NULL);
          *minimum = *natural = MIN (*natural, MAX (self->column_width, *minimum));
        }
      else
        {
          gtk_widget_measure (GTK_WIDGET (self->alt_label), orientation,
                              for_size >= 0 ? for_size : MAX (self->column_width, 1), minimum, natural, NULL, NULL);
        }
      return;
    }

  width = shown_width (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = width;
    }
  else
    {
      if (for_size >= 0)
        width = MIN (width, for_size);
      *minimum = *natural = shown_height (self, width);
    }
}

static void
chronicle_article_image_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->alt_label)))
    gtk_widget_allocate (GTK_WIDGET (self->alt_label), width, height, baseline, NULL);
  self->placed = TRUE;

  /* The text view places its children as it lays out their lines, after
   * a scroll too: where this one stands is known only now. */
  if (self->state == CHRONICLE_ARTICLE_IMAGE_WAITING)
    g_signal_emit (self, signals[PLACED], 0);
}

static void
chronicle_article_image_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (widget);

  if (self->texture != NULL)
    {
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                   gtk_widget_get_height (widget));

      gtk_snapshot_append_scaled_texture (snapshot, self->texture, GSK_SCALING_FILTER_LINEAR, &bounds);
      return;
    }

  GTK_WIDGET_CLASS (chronicle_article_image_parent_class)->snapshot (widget, snapshot);
}

static void
set_state (ChronicleArticleImage      *self,
           ChronicleArticleImageState  state)
{
  self->state = state;
  if (state == CHRONICLE_ARTICLE_IMAGE_SHOWN || state == CHRONICLE_ARTICLE_IMAGE_FAILED)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "loading");
  /* A picture shown opens large, from the pointer or the keyboard. */
  if (state == CHRONICLE_ARTICLE_IMAGE_SHOWN)
    {
      gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "zoom-in");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Show Larger"));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * chronicle_article_image_unload:
 *
 * Lets the decoded picture go, keeping its place: it is far from the
 * view, and is read again (from the cache, usually) if the reader comes
 * back to it.  An article of many pictures costs only those near the
 * view.
 */
void
chronicle_article_image_unload (ChronicleArticleImage *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (self->state != CHRONICLE_ARTICLE_IMAGE_SHOWN)
    return;

  g_clear_object (&self->texture);
  gtk_widget_add_css_class (GTK_WIDGET (self), "loading");
  set_state (self, CHRONICLE_ARTICLE_IMAGE_WAITING);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * chronicle_article_image_fail:
 *
 * Shows the alternative text instead of the picture, for good.
 */
void
chronicle_article_image_fail (ChronicleArticleImage *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (self->state == CHRONICLE_ARTICLE_IMAGE_FAILED || self->state == CHRONICLE_ARTICLE_IMAGE_SHOWN)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->alt_label), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  set_state (self, CHRONICLE_ARTICLE_IMAGE_FAILED);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * chronicle_article_image_withhold:
 *
 * Shows the alternative text instead of the picture, until
 * chronicle_article_image_release(): the reader does not let it load.
 */
void
chronicle_article_image_withhold (ChronicleArticleImage *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (self->state != CHRONICLE_ARTICLE_IMAGE_WAITING)
    return;

  chronicle_article_image_fail (self);
  self->withheld = TRUE;
}

/**
 * chronicle_article_image_release:
 *
 * A picture withheld waits to be loaded again: the reader let it.
 */
void
chronicle_article_image_release (ChronicleArticleImage *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (!self->withheld)
    return;

  self->withheld = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->alt_label), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "loading");
  set_state (self, CHRONICLE_ARTICLE_IMAGE_WAITING);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(ChronicleArticleImage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = chronicle_icon_texture_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      g_debug ("%s: %s", self->url, error != NULL ? error->message : "no image");
      chronicle_article_image_fail (self);
      return;
    }

  self->texture = g_steal_pointer (&texture);
  set_state (self, CHRONICLE_ARTICLE_IMAGE_SHOWN);

  /* An SVG tells its size only once read.  Otherwise the place kept is
   * the picture's: a resize would have the text laid out again. */
  if (self->natural_width <= 0 || self->natural_height <= 0)
    {
      self->natural_width = MAX (1, (int) (gdk_texture_get_width (self->texture) / self->density));
      self->natural_height = MAX (1, (int) (gdk_texture_get_height (self->texture) / self->density));
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

typedef struct
{
  ChronicleArticleImage *self;
  GCancellable          *cancellable;
} Loading;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  Loading *loading = data;
  g_autoptr(ChronicleArticleImage) self = loading->self;
  g_autoptr(GCancellable) cancellable = loading->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = chronicle_image_fetch_finish (result, &error);
  const guint8 *data_bytes;
  gsize size = 0;
  guint width, height;
  int scale;

  g_free (loading);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_debug ("%s: %s", self->url, error->message);
      chronicle_article_image_fail (self);
      return;
    }

  /* The header tells the size before the picture is decoded: its place
   * is kept from now on. */
  data_bytes = g_bytes_get_data (bytes, &size);
  chronicle_image_sniff (data_bytes, size, &width, &height);
  if (width > 0 && height > 0)
    {
      int natural_width = MAX (1, (int) (width / self->density));
      int natural_height = MAX (1, (int) (height / self->density));

      /* The HTML's width wins; its height follows the file's shape. */
      if (self->natural_width > 0 && self->natural_height <= 0)
        natural_height = MAX (1, (int) ((double) self->natural_width * height / width));
      if (self->natural_width > 0)
        natural_width = self->natural_width;
      if (natural_width != self->natural_width || natural_height != self->natural_height)
        {
          self->natural_width = natural_width;
          self->natural_height = natural_height;
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
    }

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  chronicle_picture_texture_load_async (bytes, MAX_COLUMN_WIDTH * MAX (scale, 1), CHRONICLE_IMAGE_MAX_PIXELS,
                                        cancellable, decoded_cb, g_object_ref (self));
}

/**
 * chronicle_article_image_load:
 * @network: (nullable): what fetches from the web
 * @location: (nullable): where the article's collection was read from
 * @cache: (nullable): where pictures are kept on disk
 * @keep: whether the article is starred: its pictures are kept for good
 * @cancellable: (nullable): cancelled when the article is left
 *
 * Fetches and decodes the picture, unless that was done already.
 */
void
chronicle_article_image_load (ChronicleArticleImage  *self,
                              ChronicleSubscriptions *network,
                              const char             *location,
                              ChronicleImageCache    *cache,
                              gboolean                keep,
                              GCancellable           *cancellable)
{
  Loading *loading;
  const char *url;
  double scale;

  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (self->state != CHRONICLE_ARTICLE_IMAGE_WAITING)
    return;

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  url = chronicle_image_choose (self->image, MAX (scale, 1), shown_width (self), type_supported, NULL,
                                &self->density);
  if (url == NULL)
    {
      chronicle_article_image_fail (self);
      return;
    }
  if (self->density <= 0)
    self->density = 1;

  g_set_str (&self->url, url);
  g_set_object (&self->network, network);
  g_set_str (&self->location, location);
  g_set_object (&self->cache, cache);
  g_set_object (&self->cancellable, cancellable);
  set_state (self, CHRONICLE_ARTICLE_IMAGE_LOADING);

  loading = g_new0 (Loading, 1);
  loading->self = g_object_ref (self);
  loading->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  chronicle_image_fetch_async (network, url, location, cache, keep, cancellable, fetched_cb, loading);
}

void
chronicle_article_image_set_column_width (ChronicleArticleImage *self,
                                          int                    width)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self));

  if (self->column_width == width)
    return;
  self->column_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const ChronicleImage *
chronicle_article_image_get_image (ChronicleArticleImage *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self), NULL);

  return self->image;
}

/**
 * chronicle_article_image_get_placed:
 *
 * Returns: whether the text view gave the picture its place yet: until
 *   then, where it stands is not known
 */
gboolean
chronicle_article_image_get_placed (ChronicleArticleImage *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self), FALSE);

  return self->placed;
}

ChronicleArticleImageState
chronicle_article_image_get_state (ChronicleArticleImage *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self), CHRONICLE_ARTICLE_IMAGE_FAILED);

  return self->state;
}

/**
 * chronicle_article_image_get_texture:
 *
 * Returns: (transfer none) (nullable): the picture, once shown
 */
GdkTexture *
chronicle_article_image_get_texture (ChronicleArticleImage *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self), NULL);

  return self->texture;
}

/**
 * chronicle_article_image_get_url:
 *
 * Returns: (nullable): the address of the image chosen, once asked for
 */
const char *
chronicle_article_image_get_url (ChronicleArticleImage *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_IMAGE (self), NULL);

  return self->url;
}

/* Asks for the link around the picture to be opened. */
void
chronicle_article_image_activate_link (ChronicleArticleImage *self)
{
  if (self->image->href != NULL)
    g_signal_emit (self, signals[ACTIVATE_LINK], 0, self->image->href);
}

static void
chronicle_article_image_dispose (GObject *object)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHRONICLE_TYPE_ARTICLE_IMAGE);

  G_OBJECT_CLASS (chronicle_article_image_parent_class)->dispose (object);
}

static void
chronicle_article_image_finalize (GObject *object)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (object);

  chronicle_image_free (self->image);
  g_free (self->url);
  g_free (self->location);
  g_clear_object (&self->texture);
  g_clear_object (&self->network);
  g_clear_object (&self->cache);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (chronicle_article_image_parent_class)->finalize (object);
}

static void
chronicle_article_image_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ChronicleArticleImage *self = CHRONICLE_ARTICLE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_article_image_class_init (ChronicleArticleImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_article_image_dispose;
  object_class->finalize = chronicle_article_image_finalize;
  object_class->get_property = chronicle_article_image_get_property;

  widget_class->measure = chronicle_article_image_measure;
  widget_class->size_allocate = chronicle_article_image_size_allocate;
  widget_class->snapshot = chronicle_article_image_snapshot;

  /**
   * ChronicleArticleImage:state:
   *
   * A #ChronicleArticleImageState: whether the picture is shown yet.
   */
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, CHRONICLE_ARTICLE_IMAGE_FAILED,
                                             CHRONICLE_ARTICLE_IMAGE_WAITING,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleArticleImage::placed:
   *
   * The picture, not asked for yet, was given its place: whoever decides
   * when pictures load may look where it stands.
   */
  signals[PLACED] = g_signal_new ("placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * ChronicleArticleImage::activate-link:
   * @uri: where the link around the picture leads
   *
   * The reader asked to open the link around the picture.
   */
  signals[ACTIVATE_LINK] = g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  chronicle_article_image_class_init_actions (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle_reader/Chronicle/chronicle-article-image.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleImage, alt_label);
  gtk_widget_class_set_css_name (widget_class, "articleimage");
}

static void
chronicle_article_image_init (ChronicleArticleImage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chronicle_article_image_init_gestures (self);
}

/**
 * chronicle_article_image_new:
 * @image: what the article says of the picture
 *
 * Returns: (transfer floating): a placeholder for the picture, until it is
 *   loaded
 */
GtkWidget *
chronicle_article_image_new (const ChronicleImage *image)
{
  ChronicleArticleImage *self;
  const char *alt;

  g_return_val_if_fail (image != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_ARTICLE_IMAGE, NULL);
  self->image = chronicle_image_copy (image);
  self->natural_width = (int) MIN (image->width, G_MAXINT / 2);
  self->natural_height = (int) MIN (image->height, G_MAXINT / 2);
  self->column_width = MAX_COLUMN_WIDTH;

  /* Translators: the name of a picture that comes without a description */
  alt = image->alt != NULL ? image->alt : _("Image");
  gtk_label_set_text (self->alt_label, alt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, alt, -1);

  return GTK_WIDGET (self);
}
