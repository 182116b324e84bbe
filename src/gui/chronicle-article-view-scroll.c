/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-view"

#include "config.h"

#include "chronicle-article-view-private.h"

/* The reading pane's scrolling: the reader's position in an article, kept
 * and restored, and a paragraph shown and highlighted for a moment. */

#define HIGHLIGHT_MS 2500

static gboolean scroll_to_highlight_cb (gpointer data);

/* How long the text may keep growing (being laid out) after an article is
 * shown before the reader's scrolling counts again. */
#define RESTORE_SETTLE_MS 400

static gboolean
restore_done_cb (gpointer data)
{
  ChronicleArticleView *self = data;

  self->restore_source = 0;
  self->restoring_position = FALSE;
  return G_SOURCE_REMOVE;
}

/* Scrolls to where the reader left the article, again each time the text
 * grows, until it has settled. */
void
chronicle_article_view_apply_saved_position (ChronicleArticleView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  g_clear_handle_id (&self->restore_source, g_source_remove);

  /* Nothing laid out yet (a window not shown, or a slow first frame):
   * the settling starts when the text has a height, not before. */
  if (range <= 0)
    return;

  if (self->story != NULL)
    {
      self->applying_position = TRUE;
      gtk_adjustment_set_value (adjustment, chronicle_story_get_position (self->story) * range);
      self->applying_position = FALSE;
    }

  self->restore_source = g_timeout_add (RESTORE_SETTLE_MS, restore_done_cb, self);
}


void
chronicle_article_view_scrolled_cb (ChronicleArticleView *self,
                                    GtkAdjustment        *adjustment)
{
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  chronicle_article_view_queue_load_images (self);
  if (self->applying_position)
    return;

  /* The reader scrolls: whatever was being restored gives way. */
  if (self->restoring_position)
    {
      self->restoring_position = FALSE;
      g_clear_handle_id (&self->restore_source, g_source_remove);
    }

  if (self->story != NULL && range > 0)
    chronicle_story_set_position (self->story, gtk_adjustment_get_value (adjustment) / range);
}

void
chronicle_article_view_text_grew_cb (ChronicleArticleView *self,
                                     GtkAdjustment        *adjustment)
{
  chronicle_article_view_queue_load_images (self);
  if (self->restoring_position)
    {
      chronicle_article_view_apply_saved_position (self);
      return;
    }

  /* The text grows as it is laid out: keep the highlighted paragraph in
   * view until it is. */
  if (self->highlight_source != 0 && self->follow_highlight)
    {
      self->follow_highlight = FALSE;
      scroll_to_highlight_cb (self);
      self->follow_highlight = TRUE;
    }
}

void
chronicle_article_view_clear_highlight (ChronicleArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "highlight", &start, &end);
}

static gboolean
highlight_timeout_cb (gpointer data)
{
  ChronicleArticleView *self = data;

  self->highlight_source = 0;
  chronicle_article_view_clear_highlight (self);
  return G_SOURCE_REMOVE;
}

/* The text view does not scroll itself: it sits in a column inside the
 * scrolled window.  Once it is laid out, the paragraph's place in the text
 * is turned into a place in the scrolled window. */
static gboolean
scroll_to_highlight_cb (gpointer data)
{
  ChronicleArticleView *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled_window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  GdkRectangle location;
  graphene_point_t point;
  int x, y;

  self->scroll_source = 0;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, self->highlight_offset);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);

  if (gtk_widget_compute_point (GTK_WIDGET (self->text_view), content, &GRAPHENE_POINT_INIT (x, y), &point))
    {
      /* A little room above, so the paragraph reads in its context. */
      double target = point.y - gtk_adjustment_get_page_size (adjustment) * 0.15;

      gtk_adjustment_set_value (adjustment, CLAMP (target, 0, gtk_adjustment_get_upper (adjustment)));
    }

  return G_SOURCE_REMOVE;
}

/**
 * chronicle_article_view_show_paragraph:
 * @paragraph: the index of a block of the document
 *
 * Scrolls to a paragraph and highlights it for a moment, as when the
 * timeline shows where an event is reported.
 *
 * Returns: %TRUE if the article has that paragraph
 */
gboolean
chronicle_article_view_show_paragraph (ChronicleArticleView *self,
                                       guint                 paragraph)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), FALSE);

  /* Once the body is in. */
  if (self->loading != NULL)
    {
      self->pending_paragraph = paragraph;
      return TRUE;
    }

  if (paragraph >= self->block_starts->len)
    return FALSE;

  chronicle_article_view_clear_highlight (self);
  self->restoring_position = FALSE;
  g_clear_handle_id (&self->restore_source, g_source_remove);
  self->highlight_offset = g_array_index (self->block_starts, int, paragraph);
  self->highlight_paragraph = paragraph;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, self->highlight_offset);
  if (paragraph + 1 < self->block_starts->len)
    gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (self->block_starts, int, paragraph + 1));
  else
    gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "highlight", &start, &end);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_highlight_cb, self, NULL);
  self->highlight_source = g_timeout_add (HIGHLIGHT_MS, highlight_timeout_cb, self);
  self->follow_highlight = TRUE;
  return TRUE;
}

/**
 * chronicle_article_view_get_highlighted:
 *
 * Returns: the paragraph highlighted now, or -1
 */
int
chronicle_article_view_get_highlighted (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), -1);

  return self->highlight_source != 0 ? (int) self->highlight_paragraph : -1;
}

/**
 * chronicle_article_view_get_scroll_position:
 *
 * Returns: how far the article is scrolled, in pixels from the top
 */
double
chronicle_article_view_get_scroll_position (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), 0.0);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window));
}

static gboolean
scroll_to_pixels_cb (gpointer data)
{
  ChronicleArticleView *self = data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), self->pending_scroll);
  self->scroll_source = 0;
  return G_SOURCE_REMOVE;
}

/**
 * chronicle_article_view_set_scroll_position:
 * @position: pixels from the top, as chronicle_article_view_get_scroll_position()
 *   gave them
 *
 * Scrolls there once the article is laid out, as when a window is rebuilt.
 */
void
chronicle_article_view_set_scroll_position (ChronicleArticleView *self,
                                            double                position)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self));

  self->restoring_position = FALSE;
  g_clear_handle_id (&self->restore_source, g_source_remove);
  self->pending_scroll = position;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_pixels_cb, self, NULL);
}
