/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <sqlite3.h>

#include "chronicle-library.h"
#include "chronicle-search-table.h"

G_BEGIN_DECLS

/* Without a view that paces the listing (see
 * chronicle_library_hold_pacing()), stories enter the model on idle turns
 * of the main loop: small slices until the first stories, which rows are
 * made for, are in, then large ones.  A list view makes rows for the 200
 * stories around what it shows (GTK's GTK_LIST_VIEW_MAX_LIST_ITEMS): 224
 * leaves a slice's margin, and a frame less than 256 did (the 10 000-item
 * file listed 24 ms sooner, median of 10 alternate loads). */
#define CHRONICLE_LIBRARY_FIRST_SLICE  32
#define CHRONICLE_LIBRARY_ROWS_AHEAD   224
#define CHRONICLE_LIBRARY_INSERT_SLICE 5000
/* Past this many runs of new or removed stories between old ones, one
 * splice replaces the whole list instead (see chronicle-library-insert.c). */
#define CHRONICLE_LIBRARY_MAX_RUNS     64

/* Stories next to each other in the stories model, added or removed. */
typedef struct
{
  guint position;
  guint start;    /* in the stories added */
  guint length;
} ChronicleLibraryRun;

typedef struct _ChronicleReloading ChronicleReloading;

/* A read of the web sources' state, when it was asked for: its number
 * among the reads, and how many renames and moves were written then. */
typedef struct
{
  guint serial;
  guint read_after;
} ChronicleLibraryWebAsk;

struct _ChronicleLibrary
{
  GObject         parent_instance;

  ChronicleState *state;
  ChronicleStore *store;            /* the state's, or NULL */
  GListStore     *stories;
  GListStore     *collections;
  GHashTable     *stories_by_key;   /* key → ChronicleStory, first one wins */
  GHashTable     *stories_by_item;  /* item id → ChronicleStory */
  GListStore     *events;           /* of ChronicleEvent, merged by id */
  GHashTable     *search_tables;    /* collection id → ChronicleSearchTable */
  GQueue         *insertions;       /* of stories waiting to be listed */
  guint           n_pacers;         /* views that list them */
  guint           idle_id;          /* listing them while no view does */
  guint           n_previews;       /* of stories no search table holds */
  guint           n_indexing;       /* collections whose table is being made */
  guint           n_late;           /* the same, not waited for (the bundled one) */
  guint           n_restoring;      /* restores reading the store */
  GQueue         *reloadings;       /* of ChronicleReloading, to list in turn */
  guint           apply_id;         /* listing the first of them */
  guint           reload_turn_sources;  /* for the tests: sources a turn, or 0 */
  GHashTable     *unlisted;         /* keys of collections unlisted, not removed */
  guint           web_reads;        /* reads of the web state asked for */
  ChronicleLibraryWebAsk web_asked; /* the one of web_state */
  struct _ChronicleLibraryWebState *web_state;  /* the latest read applied */
  guint           source_changes;   /* renames and moves made, counted */
  guint           source_changes_written;  /* of those, written to the store */
  guint           n_storing;        /* collections being written to the store */
  GHashTable     *to_store;         /* ids of collections to store once indexed */
  struct _ChronicleIndexing *bundled;  /* its keys, until they are folded */
  GPtrArray      *adding;           /* collections to list together, or NULL */
  char          **languages;
  guint           count_id;         /* counting unread soon, or now */
  struct _ChronicleCounting *counting;  /* the count under way */
  guint           n_unread;
  guint           n_starred;
};

GPtrArray           *chronicle_library_build_stories  (ChronicleState        *state,
                                                       const char            *collection_id,
                                                       ChronicleFeed         *feed,
                                                       const char * const    *languages,
                                                       guint                **serials);
void                 chronicle_library_queue_stories  (ChronicleLibrary      *self,
                                                       GPtrArray             *stories,
                                                       gboolean               preview,
                                                       GCancellable          *cancellable);
void                 chronicle_library_clear_waiting  (ChronicleLibrary      *self);
void                 chronicle_library_replace_listed (ChronicleLibrary      *self,
                                                       GHashTable            *set);
void                 chronicle_library_show_preview   (ChronicleLibrary      *self,
                                                       GPtrArray             *stories,
                                                       GCancellable          *cancellable);
void                 chronicle_library_hide_preview   (ChronicleLibrary      *self,
                                                       GPtrArray            **stories,
                                                       GCancellable         **cancellable);
ChronicleCollection *chronicle_library_insert_stories (ChronicleLibrary      *self,
                                                       const char            *id,
                                                       const char            *name,
                                                       ChronicleFeed         *feed,
                                                       gboolean               builtin,
                                                       GPtrArray             *stories,
                                                       ChronicleSearchTable  *search_table,
                                                       GPtrArray             *diagnostics);
void                 chronicle_library_index          (ChronicleLibrary      *self,
                                                       ChronicleCollection   *collection,
                                                       guint                 *serials);
void                 chronicle_library_index_listed   (ChronicleLibrary      *self,
                                                       ChronicleCollection   *collection,
                                                       guint                 *serials);
void                 chronicle_library_start_index    (ChronicleLibrary      *self,
                                                       ChronicleCollection   *collection,
                                                       guint                 *serials);
void                 chronicle_library_free_bundled   (ChronicleLibrary      *self);
void                 chronicle_library_keep_bundled   (ChronicleLibrary      *self,
                                                       ChronicleCollection   *collection,
                                                       const char            *content_hash);
void                 chronicle_library_drop_index     (ChronicleLibrary      *self,
                                                       guint                 *serials);
gboolean             chronicle_library_index_after    (ChronicleLibrary      *self,
                                                       ChronicleCollection   *collection,
                                                       guint                 *serials);
void                 chronicle_library_notify_loading (ChronicleLibrary      *self);
void                 chronicle_library_forget_collection (ChronicleLibrary   *self,
                                                       ChronicleCollection   *collection);
void                 chronicle_library_forget_collections (ChronicleLibrary  *self,
                                                       GPtrArray             *collections);
void                 chronicle_library_forget_stories (ChronicleLibrary      *self,
                                                       GHashTable            *ids,
                                                       GHashTable            *staying);
void                 chronicle_library_register_story (ChronicleLibrary      *self,
                                                       ChronicleStory        *story,
                                                       ChronicleStory        *in_place_of);
void                 chronicle_library_rebuild_events (ChronicleLibrary      *self);
void                 chronicle_library_begin_adding   (ChronicleLibrary      *self);
void                 chronicle_library_end_adding     (ChronicleLibrary      *self);
void                 chronicle_library_unstore_collection (ChronicleLibrary  *self,
                                                       const char            *collection_id);
void                 chronicle_library_store_collection (ChronicleLibrary    *self,
                                                       ChronicleCollection   *collection);
typedef struct _ChronicleCounting ChronicleCounting;

void                 chronicle_library_count_later    (ChronicleLibrary      *self);
void                 chronicle_counting_free          (ChronicleCounting     *counting);
/* What the store says of the web sources besides their items. */
typedef struct _ChronicleLibraryWebState
{
  GPtrArray  *sources;   /* of ChronicleStoredSource */
  GHashTable *icons;     /* key → GBytes */
} ChronicleLibraryWebState;

ChronicleLibraryWebState *chronicle_library_read_web_state (sqlite3          *db,
                                                       GError               **error);
ChronicleLibraryWebAsk chronicle_library_ask_web_state (ChronicleLibrary    *self);
void                 chronicle_library_take_web_state (ChronicleLibrary      *self,
                                                       ChronicleLibraryWebAsk asked,
                                                       ChronicleLibraryWebState *state);
void                 chronicle_library_give_web_state (ChronicleLibrary      *self,
                                                       ChronicleCollection  **collections,
                                                       guint                  n_collections);
void                 chronicle_library_web_state_free (ChronicleLibraryWebState *state);
void                 chronicle_library_emit_store_failed (ChronicleLibrary   *self,
                                                       const GError          *error);

G_END_DECLS
