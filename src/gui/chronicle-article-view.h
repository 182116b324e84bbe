/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-library.h"
#include "chronicle-image-cache.h"
#include "chronicle-story.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ARTICLE_VIEW (chronicle_article_view_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleArticleView, chronicle_article_view, CHRONICLE, ARTICLE_VIEW, AdwBin)

void            chronicle_article_view_set_story      (ChronicleArticleView *self,
                                                       ChronicleStory       *story,
                                                       ChronicleItem        *item);
ChronicleStory *chronicle_article_view_get_story      (ChronicleArticleView *self);
void            chronicle_article_view_set_library    (ChronicleArticleView *self,
                                                       ChronicleLibrary     *library);
gboolean        chronicle_article_view_get_loading    (ChronicleArticleView *self);
ChronicleItem  *chronicle_article_view_get_item       (ChronicleArticleView *self);
void            chronicle_article_view_set_zoom       (ChronicleArticleView *self,
                                                       double                zoom);
gboolean        chronicle_article_view_show_paragraph (ChronicleArticleView *self,
                                                       guint                 paragraph);
int             chronicle_article_view_get_highlighted (ChronicleArticleView *self);
double          chronicle_article_view_get_scroll_position (ChronicleArticleView *self);
void            chronicle_article_view_set_scroll_position (ChronicleArticleView *self,
                                                            double                position);
char           *chronicle_article_view_dup_text       (ChronicleArticleView *self);
void            chronicle_article_view_set_network    (ChronicleArticleView   *self,
                                                       ChronicleSubscriptions *network,
                                                       ChronicleImageCache    *cache);
GPtrArray      *chronicle_article_view_get_images     (ChronicleArticleView *self);

G_END_DECLS
