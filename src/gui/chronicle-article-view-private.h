/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-article-view.h"

G_BEGIN_DECLS

struct _ChronicleArticleView
{
  AdwBin          parent_instance;

  ChronicleStory *story;
  ChronicleItem  *item;
  ChronicleLibrary *library;
  GCancellable   *loading;          /* reading the item's body from the store */
  ChronicleSubscriptions *network;  /* fetches pictures from the web */
  ChronicleImageCache *image_cache;
  GPtrArray      *images;           /* of ChronicleArticleImage, in order */
  GCancellable   *images_loading;
  guint           images_tick;
  double          images_upper;     /* the text's height at the last look */
  guint           images_still;     /* looks it has not changed since */
  guint           images_recheck;
  int             pending_paragraph; /* to show once the body is in, or -1 */
  GSettings      *settings;
  GtkCssProvider *css;
  GArray         *block_starts;
  guint           highlight_source;
  guint           scroll_source;
  int             highlight_offset;
  guint           highlight_paragraph;
  gboolean        follow_highlight;
  gboolean        css_attached;
  double          pending_scroll;
  gboolean        restoring_position;
  gboolean        applying_position;
  guint           restore_source;

  AdwHeaderBar   *header_bar;
  GtkMenuButton  *language_button;
  GtkButton      *star_button;
  GtkStack       *stack;
  GtkScrolledWindow *scrolled_window;
  AdwClamp       *clamp;
  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkLabel       *translated_label;
  GtkListBox     *attachments_list;
  GtkTextView    *text_view;
};

void chronicle_article_view_apply_saved_position (ChronicleArticleView *self);
void chronicle_article_view_clear_highlight      (ChronicleArticleView *self);
void chronicle_article_view_scrolled_cb          (ChronicleArticleView *self,
                                                  GtkAdjustment        *adjustment);
void chronicle_article_view_text_grew_cb         (ChronicleArticleView *self,
                                                  GtkAdjustment        *adjustment);

/* Pictures, in chronicle-article-view-images.c. */

void chronicle_article_view_place_images      (ChronicleArticleView *self,
                                               ChronicleDocument    *document,
                                               GPtrArray            *anchors);
void chronicle_article_view_stop_images       (ChronicleArticleView *self);
void chronicle_article_view_load_images       (ChronicleArticleView *self);
void chronicle_article_view_queue_load_images (ChronicleArticleView *self);
void chronicle_article_view_resize_images     (ChronicleArticleView *self);
void chronicle_article_view_keep_images       (ChronicleArticleView *self);
void chronicle_article_view_reconsider_images (ChronicleArticleView *self);
void chronicle_article_view_activate_link     (ChronicleArticleView *self,
                                               const char           *uri);

G_END_DECLS
