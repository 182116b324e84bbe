/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-image.h"
#include "chronicle-image-cache.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ARTICLE_IMAGE (chronicle_article_image_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleArticleImage, chronicle_article_image, CHRONICLE, ARTICLE_IMAGE, GtkWidget)

/**
 * ChronicleArticleImageState:
 * @CHRONICLE_ARTICLE_IMAGE_WAITING: not asked for yet: far from the view
 * @CHRONICLE_ARTICLE_IMAGE_LOADING: being fetched and decoded
 * @CHRONICLE_ARTICLE_IMAGE_SHOWN: the picture is shown
 * @CHRONICLE_ARTICLE_IMAGE_FAILED: it could not be had: its alternative
 *   text shows
 */
typedef enum
{
  CHRONICLE_ARTICLE_IMAGE_WAITING,
  CHRONICLE_ARTICLE_IMAGE_LOADING,
  CHRONICLE_ARTICLE_IMAGE_SHOWN,
  CHRONICLE_ARTICLE_IMAGE_FAILED,
} ChronicleArticleImageState;

GtkWidget                  *chronicle_article_image_new              (const ChronicleImage   *image);
const ChronicleImage       *chronicle_article_image_get_image        (ChronicleArticleImage  *self);
void                        chronicle_article_image_set_column_width (ChronicleArticleImage  *self,
                                                                      int                     width);
void                        chronicle_article_image_load             (ChronicleArticleImage  *self,
                                                                      ChronicleSubscriptions *network,
                                                                      const char             *location,
                                                                      ChronicleImageCache    *cache,
                                                                      gboolean                keep,
                                                                      GCancellable           *cancellable);
void                        chronicle_article_image_fail             (ChronicleArticleImage  *self);
void                        chronicle_article_image_save_async       (ChronicleArticleImage  *self,
                                                                      GFile                  *file,
                                                                      GCancellable           *cancellable,
                                                                      GAsyncReadyCallback     callback,
                                                                      gpointer                user_data);
gboolean                    chronicle_article_image_save_finish      (ChronicleArticleImage  *self,
                                                                      GAsyncResult           *result,
                                                                      GError                **error);
void                        chronicle_article_image_withhold         (ChronicleArticleImage  *self);
void                        chronicle_article_image_release          (ChronicleArticleImage  *self);
void                        chronicle_article_image_unload           (ChronicleArticleImage  *self);
ChronicleArticleImageState  chronicle_article_image_get_state        (ChronicleArticleImage  *self);
gboolean                    chronicle_article_image_get_placed       (ChronicleArticleImage  *self);
GdkTexture                 *chronicle_article_image_get_texture      (ChronicleArticleImage  *self);
const char                 *chronicle_article_image_get_url          (ChronicleArticleImage  *self);

G_END_DECLS
