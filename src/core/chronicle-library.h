/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-collection.h"
#include "chronicle-search-table.h"
#include "chronicle-state.h"
#include "chronicle-story.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_LIBRARY (chronicle_library_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleLibrary, chronicle_library, CHRONICLE, LIBRARY, GObject)

/* The collection that ships with Chronicle. */
#define CHRONICLE_BUNDLED_COLLECTION "bundled"

ChronicleLibrary    *chronicle_library_new                (ChronicleState       *state);
ChronicleState      *chronicle_library_get_state          (ChronicleLibrary     *self);
gboolean             chronicle_library_get_loading        (ChronicleLibrary     *self);
gboolean             chronicle_library_get_indexing       (ChronicleLibrary     *self);
guint                chronicle_library_get_n_waiting      (ChronicleLibrary     *self);
guint                chronicle_library_list_waiting       (ChronicleLibrary     *self,
                                                           guint                 max_stories);
guint                chronicle_library_list_slice         (ChronicleLibrary     *self,
                                                           guint                 large_size,
                                                           gboolean             *large);
void                 chronicle_library_hold_pacing        (ChronicleLibrary     *self);
void                 chronicle_library_release_pacing     (ChronicleLibrary     *self);
gboolean             chronicle_library_get_storing        (ChronicleLibrary     *self);
ChronicleStore      *chronicle_library_get_store          (ChronicleLibrary     *self);
GListModel          *chronicle_library_get_stories        (ChronicleLibrary     *self);
ChronicleSearchResult *chronicle_library_search           (ChronicleLibrary     *self,
                                                           char                **terms,
                                                           ChronicleSearchResult *narrowing);
GListModel          *chronicle_library_get_collections    (ChronicleLibrary     *self);
GListModel          *chronicle_library_get_events         (ChronicleLibrary     *self);
ChronicleCollection *chronicle_library_find_collection    (ChronicleLibrary     *self,
                                                           const char           *id);
ChronicleStory      *chronicle_library_find_story         (ChronicleLibrary     *self,
                                                           const char           *key);
ChronicleStory      *chronicle_library_find_story_by_item (ChronicleLibrary     *self,
                                                           const char           *item_id);
void                 chronicle_library_set_languages      (ChronicleLibrary     *self,
                                                           const char * const   *languages);
ChronicleCollection *chronicle_library_add_feed           (ChronicleLibrary     *self,
                                                           const char           *id,
                                                           const char           *name,
                                                           ChronicleFeed        *feed,
                                                           gboolean              builtin);
ChronicleCollection *chronicle_library_add_bundled        (ChronicleLibrary     *self,
                                                           const char           *id,
                                                           const char           *name,
                                                           ChronicleFeed        *feed,
                                                           GBytes               *text);
void                 chronicle_library_index_bundled      (ChronicleLibrary     *self);
void                 chronicle_library_add_file_async     (ChronicleLibrary     *self,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
ChronicleCollection *chronicle_library_add_file_finish    (ChronicleLibrary     *self,
                                                           GAsyncResult         *result,
                                                           GPtrArray           **diagnostics,
                                                           GError              **error);
void                 chronicle_library_restore_async      (ChronicleLibrary     *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             chronicle_library_restore_finish     (ChronicleLibrary     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
gboolean             chronicle_library_remove_collection  (ChronicleLibrary     *self,
                                                           const char           *collection_id);
gboolean             chronicle_library_unlist_collection  (ChronicleLibrary     *self,
                                                           const char           *collection_id);
char                *chronicle_library_dup_file_id        (GFile                *file);
void                 chronicle_library_reload_sources_async (ChronicleLibrary *self,
                                                           const char * const   *keys,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             chronicle_library_reload_sources_finish (ChronicleLibrary *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                 chronicle_library_reload_source_async (ChronicleLibrary  *self,
                                                           const char           *key,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             chronicle_library_reload_source_finish (ChronicleLibrary *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                 chronicle_library_load_item_async    (ChronicleLibrary     *self,
                                                           ChronicleItem        *item,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
ChronicleItem       *chronicle_library_load_item_finish   (ChronicleLibrary     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
guint                chronicle_library_get_n_unread       (ChronicleLibrary     *self);
guint                chronicle_library_get_n_starred      (ChronicleLibrary     *self);
void                 chronicle_library_update_web_state_async (ChronicleLibrary *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             chronicle_library_update_web_state_finish (ChronicleLibrary *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                 chronicle_library_rename_subscription (ChronicleLibrary    *self,
                                                           const char           *key,
                                                           const char           *title);
void                 chronicle_library_move_subscription  (ChronicleLibrary     *self,
                                                           const char           *key,
                                                           const char           *folder);

G_END_DECLS
