/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-article-image.h"

G_BEGIN_DECLS

struct _ChronicleArticleImage
{
  GtkWidget                   parent_instance;

  ChronicleImage             *image;
  ChronicleArticleImageState  state;
  char                       *url;
  double                      density;
  int                         natural_width;    /* CSS pixels, 0 unknown */
  int                         natural_height;
  int                         column_width;
  GdkTexture                 *texture;
  ChronicleSubscriptions     *network;     /* where it was read from, to */
  char                       *location;    /* read it again in full */
  ChronicleImageCache        *cache;
  GCancellable               *cancellable;
  GtkWidget                  *menu;
  gboolean                    placed;
  gboolean                    withheld;    /* by the reader's Load Images */

  GtkLabel                   *alt_label;
};

/* What the reader can do with a picture shown, in
 * chronicle-article-image-actions.c. */

void chronicle_article_image_class_init_actions (GtkWidgetClass        *widget_class);
void chronicle_article_image_init_gestures      (ChronicleArticleImage *self);
void chronicle_article_image_activate_link      (ChronicleArticleImage *self);

G_END_DECLS
