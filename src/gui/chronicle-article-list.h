/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-library.h"
#include "chronicle-thumbnails.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ARTICLE_LIST (chronicle_article_list_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleArticleList, chronicle_article_list, CHRONICLE, ARTICLE_LIST, AdwBin)

void            chronicle_article_list_set_library       (ChronicleArticleList *self,
                                                          ChronicleLibrary     *library);
void            chronicle_article_list_set_thumbnails    (ChronicleArticleList *self,
                                                          ChronicleThumbnails  *thumbnails);
ChronicleStory *chronicle_article_list_get_selected      (ChronicleArticleList *self);
gboolean        chronicle_article_list_select_story      (ChronicleArticleList *self,
                                                          ChronicleStory       *story);
gboolean        chronicle_article_list_select_relative   (ChronicleArticleList *self,
                                                          int                   offset);
void            chronicle_article_list_start_search      (ChronicleArticleList *self);
const char     *chronicle_article_list_get_search_text   (ChronicleArticleList *self);
void            chronicle_article_list_set_search_text   (ChronicleArticleList *self,
                                                          const char           *text);
void            chronicle_article_list_set_key_capture   (ChronicleArticleList *self,
                                                          GtkWidget            *widget);
guint           chronicle_article_list_get_n_shown       (ChronicleArticleList *self);
GListModel     *chronicle_article_list_get_shown         (ChronicleArticleList *self);
void            chronicle_article_list_set_loading       (ChronicleArticleList *self,
                                                          gboolean              loading);
void            chronicle_article_list_refresh           (ChronicleArticleList *self);

G_END_DECLS
