/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-view"

#include "config.h"

#include <math.h>

#include "chronicle-article-image.h"
#include "chronicle-image-fetch.h"
#include "chronicle-article-view-private.h"

/* The pictures of the article shown: each in its place in the text, and
 * loaded only when it comes near the part of the article in view (a
 * screen above and two below), so that a long article with many
 * pictures costs only what is read.  Leaving the article cancels what is
 * still being fetched or decoded. */

static gboolean recheck_cb (gpointer data);

/* How far beyond the view, in screens, pictures are loaded ahead, and
 * how far they may be before they are let go; apart, so that a reader
 * going back and forth does not read them again and again. */
#define AHEAD_ABOVE 1.0
#define AHEAD_BELOW 2.0
#define KEEP_ABOVE  4.0
#define KEEP_BELOW  5.0

/* Looks, this far apart, during which the text's height must stay the
 * same before it counts as laid out.  Apart, not at every frame: frames
 * drawn without a pause would keep GtkTextView from laying out. */
#define STILL_LOOKS      3
#define RECHECK_DELAY_MS 50

/* The width AdwClamp gives the text for the width of the view, as
 * libadwaita computes it.  GtkTextView gives its children their minimum
 * width and takes theirs as its own: pictures sized from the text's own
 * width would keep it from ever getting narrower. */
static int
clamp_width (AdwClamp *clamp,
             int       available)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (clamp));
  AdwLengthUnit unit = adw_clamp_get_unit (clamp);
  double maximum = adw_length_unit_to_px (unit, adw_clamp_get_maximum_size (clamp), settings);
  double lower = MIN (adw_length_unit_to_px (unit, adw_clamp_get_tightening_threshold (clamp), settings), maximum);
  double upper = lower + 3 * (maximum - lower);
  double progress;

  if (available <= lower)
    return available;
  if (available >= upper)
    return (int) ceil (maximum);

  progress = (available - lower) / (upper - lower);
  return (int) floor (lower + (maximum - lower) * adw_easing_ease (ADW_EASE_OUT_CUBIC, progress));
}

static int
column_width (ChronicleArticleView *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->text_view));
  int width = clamp_width (self->clamp, gtk_widget_get_width (GTK_WIDGET (self->scrolled_window)));

  width -= gtk_widget_get_margin_start (box) + gtk_widget_get_margin_end (box);
  width -= gtk_text_view_get_left_margin (self->text_view) + gtk_text_view_get_right_margin (self->text_view);

  return width > 0 ? width : 0;
}

static ChronicleCollection *
find_collection (ChronicleArticleView *self)
{
  const char *id = self->story != NULL ? chronicle_story_get_collection_id (self->story) : NULL;

  /* A story of a file being read has no collection yet. */
  if (self->library == NULL || id == NULL)
    return NULL;

  return chronicle_library_find_collection (self->library, id);
}

/**
 * chronicle_article_view_stop_images:
 *
 * Cancels what is being fetched or decoded for the pictures shown.
 */
void
chronicle_article_view_stop_images (ChronicleArticleView *self)
{
  if (self->images_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->images_tick);
  self->images_tick = 0;
  g_clear_handle_id (&self->images_recheck, g_source_remove);
  if (self->images_loading != NULL)
    g_cancellable_cancel (self->images_loading);
  g_clear_object (&self->images_loading);
  g_ptr_array_set_size (self->images, 0);
}

/**
 * chronicle_article_view_load_images:
 *
 * Asks for the pictures near the view that were not asked for yet.
 */
void
chronicle_article_view_load_images (ChronicleArticleView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double page = gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double above = AHEAD_ABOVE, below = AHEAD_BELOW;
  ChronicleCollection *collection = NULL;
  gboolean found = FALSE;

  if (page <= 0)
    return;

  /* GtkTextView lays out its text in idle time, and places its children
   * by the height of the lines laid out so far: while the text grows,
   * pictures below the view may seem near.  Until its height has stayed
   * the same a few looks apart, only those in view are asked for. */
  if (upper != self->images_upper)
    self->images_still = 0;
  else if (self->images_still < STILL_LOOKS)
    self->images_still++;
  self->images_upper = upper;
  if (self->images_still < STILL_LOOKS)
    {
      above = below = 0;
      if (self->images_recheck == 0)
        self->images_recheck = g_timeout_add (RECHECK_DELAY_MS, recheck_cb, self);
    }

  for (guint i = 0; i < self->images->len; i++)
    {
      ChronicleArticleImage *image = g_ptr_array_index (self->images, i);
      graphene_rect_t bounds;
      double top;

      ChronicleArticleImageState state = chronicle_article_image_get_state (image);

      if (state != CHRONICLE_ARTICLE_IMAGE_WAITING && state != CHRONICLE_ARTICLE_IMAGE_SHOWN)
        continue;
      /* Where it stands in the article, against the part in view (the
       * scrolled content's own offset is applied only at the next frame);
       * not laid out yet, it says so when it is ("placed"). */
      if (!chronicle_article_image_get_placed (image) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (image), GTK_WIDGET (self->clamp), &bounds))
        continue;
      top = bounds.origin.y - value;
      if (state == CHRONICLE_ARTICLE_IMAGE_SHOWN)
        {
          if (top + bounds.size.height < -KEEP_ABOVE * page || top > (1 + KEEP_BELOW) * page)
            chronicle_article_image_unload (image);
          continue;
        }
      if (top + bounds.size.height < -above * page || top > (1 + below) * page)
        continue;

      if (!found)
        {
          collection = find_collection (self);
          found = TRUE;
        }
      if (!chronicle_image_may_load (self->settings, collection))
        chronicle_article_image_withhold (image);
      else
        chronicle_article_image_load (image, self->network,
                                      collection != NULL ? chronicle_collection_get_location (collection) : NULL,
                                      self->image_cache, chronicle_story_get_starred (self->story),
                                      self->images_loading);
    }
}

static gboolean
recheck_cb (gpointer data)
{
  ChronicleArticleView *self = data;

  self->images_recheck = 0;
  chronicle_article_view_queue_load_images (self);

  return G_SOURCE_REMOVE;
}

static gboolean
load_images_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  ChronicleArticleView *self = data;

  self->images_tick = 0;
  chronicle_article_view_load_images (self);

  return G_SOURCE_REMOVE;
}

/**
 * chronicle_article_view_queue_load_images:
 *
 * Looks for pictures to load at the next frame, once the text is laid
 * out.  A frame, not an idle: while the window draws without a pause (a
 * spinner, scrolling on a slow renderer) an idle may wait for seconds.
 */
void
chronicle_article_view_queue_load_images (ChronicleArticleView *self)
{
  if (self->images->len == 0 || self->images_tick != 0)
    return;

  self->images_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), load_images_cb, self, NULL);
}

/**
 * chronicle_article_view_place_images:
 * @anchors: (element-type GtkTextChildAnchor): where the document's
 *   pictures go, in order
 *
 * Puts a placeholder for each picture of the document shown at its
 * place; they are loaded as they come near the view.
 */
void
chronicle_article_view_place_images (ChronicleArticleView *self,
                                     ChronicleDocument    *document,
                                     GPtrArray            *anchors)
{
  guint n_blocks = chronicle_document_get_n_blocks (document);
  guint next = 0;
  int width = column_width (self);

  chronicle_article_view_stop_images (self);
  self->images_loading = g_cancellable_new ();
  self->images_upper = -1;
  self->images_still = 0;

  for (guint i = 0; i < n_blocks && next < anchors->len; i++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, i);
      GtkWidget *image;

      if (block->kind != CHRONICLE_BLOCK_IMAGE)
        continue;

      image = chronicle_article_image_new (block->image);
      if (width > 0)
        chronicle_article_image_set_column_width (CHRONICLE_ARTICLE_IMAGE (image), width);
      g_signal_connect_object (image, "placed", G_CALLBACK (chronicle_article_view_queue_load_images), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (image, "activate-link", G_CALLBACK (chronicle_article_view_activate_link), self,
                               G_CONNECT_SWAPPED);
      gtk_text_view_add_child_at_anchor (self->text_view, image, g_ptr_array_index (anchors, next++));
      g_ptr_array_add (self->images, g_object_ref (image));
    }

  chronicle_article_view_queue_load_images (self);
}

/**
 * chronicle_article_view_resize_images:
 *
 * Pictures are never wider than the text column.
 */
void
chronicle_article_view_resize_images (ChronicleArticleView *self)
{
  int width = column_width (self);

  if (width <= 0)
    return;
  for (guint i = 0; i < self->images->len; i++)
    chronicle_article_image_set_column_width (g_ptr_array_index (self->images, i), width);
  chronicle_article_view_queue_load_images (self);
}

/**
 * chronicle_article_view_reconsider_images:
 *
 * The reader changed Load Images: the pictures it withheld are asked for
 * again, and withheld again if it still does not let them load.
 */
void
chronicle_article_view_reconsider_images (ChronicleArticleView *self)
{
  for (guint i = 0; i < self->images->len; i++)
    chronicle_article_image_release (g_ptr_array_index (self->images, i));
  chronicle_article_view_queue_load_images (self);
}

/**
 * chronicle_article_view_keep_images:
 *
 * The article was starred: its pictures move from the cache to beside
 * the library, so that it reads fully offline for good.
 */
void
chronicle_article_view_keep_images (ChronicleArticleView *self)
{
  if (self->image_cache == NULL)
    return;

  for (guint i = 0; i < self->images->len; i++)
    {
      const char *url = chronicle_article_image_get_url (g_ptr_array_index (self->images, i));

      if (url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
        chronicle_image_cache_keep_async (self->image_cache, url);
    }
}

/**
 * chronicle_article_view_get_images:
 *
 * Returns: (transfer none) (element-type ChronicleArticleImage): the
 *   pictures of the article shown, in order
 */
GPtrArray *
chronicle_article_view_get_images (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), NULL);

  return self->images;
}

/**
 * chronicle_article_view_set_network:
 * @network: (nullable): what fetches pictures from the web
 * @cache: (nullable): where they are kept on disk
 */
void
chronicle_article_view_set_network (ChronicleArticleView   *self,
                                    ChronicleSubscriptions *network,
                                    ChronicleImageCache    *cache)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self));

  g_set_object (&self->network, network);
  g_set_object (&self->image_cache, cache);
}
