/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-story.h"

G_BEGIN_DECLS

typedef struct _ChronicleSearchTable ChronicleSearchTable;
typedef struct _ChronicleSearchResult ChronicleSearchResult;

ChronicleSearchTable  *chronicle_search_table_new        (ChronicleFeed          *feed,
                                                          const guint            *stories);
ChronicleSearchTable  *chronicle_search_table_new_take_keys (char          **keys,
                                                            const guint32  *lengths,
                                                            const guint    *stories,
                                                            guint           n_keys);
const char            *chronicle_search_table_get_key    (ChronicleSearchTable   *self,
                                                          guint                   index,
                                                          gsize                  *length);
guint                  chronicle_search_table_get_n_keys (ChronicleSearchTable   *self);
ChronicleSearchTable  *chronicle_search_table_ref        (ChronicleSearchTable   *self);
void                   chronicle_search_table_unref      (ChronicleSearchTable   *self);

ChronicleSearchResult *chronicle_search_result_new       (GPtrArray              *tables,
                                                          char                  **terms,
                                                          ChronicleSearchResult  *narrowing,
                                                          gboolean                complete);
void                   chronicle_search_result_free      (ChronicleSearchResult  *self);
gboolean               chronicle_search_result_same      (ChronicleSearchResult  *a,
                                                          ChronicleSearchResult  *b);
gboolean               chronicle_search_result_contains  (ChronicleSearchResult  *self,
                                                          ChronicleStory         *story);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleSearchTable, chronicle_search_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleSearchResult, chronicle_search_result_free)

G_END_DECLS
