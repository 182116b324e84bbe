/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-story.h"

G_BEGIN_DECLS

typedef struct _ChronicleSearchTable ChronicleSearchTable;
typedef struct _ChronicleSearchResult ChronicleSearchResult;
typedef struct _ChronicleSearchTableBuilder ChronicleSearchTableBuilder;

ChronicleSearchTable  *chronicle_search_table_new        (ChronicleFeed          *feed,
                                                          const guint            *stories);
char                  *chronicle_search_table_dup_key    (ChronicleSearchTable   *self,
                                                          guint                   index,
                                                          gsize                  *length);
guint                  chronicle_search_table_get_n_keys (ChronicleSearchTable   *self);
ChronicleSearchTable  *chronicle_search_table_ref        (ChronicleSearchTable   *self);
void                   chronicle_search_table_unref      (ChronicleSearchTable   *self);

ChronicleSearchTableBuilder *chronicle_search_table_builder_new     (const guint                 *stories,
                                                                    guint                        n_keys);
void                         chronicle_search_table_builder_set_key (ChronicleSearchTableBuilder *self,
                                                                    guint                        index,
                                                                    const char                  *key,
                                                                    gsize                        length);
ChronicleSearchTable        *chronicle_search_table_builder_end     (ChronicleSearchTableBuilder *self);
void                         chronicle_search_table_builder_free    (ChronicleSearchTableBuilder *self);

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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleSearchTableBuilder, chronicle_search_table_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleSearchResult, chronicle_search_result_free)

G_END_DECLS
