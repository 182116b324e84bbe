/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-fetch-state.h"
#include "chronicle-search-table.h"
#include "chronicle-store.h"

G_BEGIN_DECLS

/* How many changes of the schema a current database has had. */
#define CHRONICLE_STORE_VERSION 4

typedef enum
{
  CHRONICLE_STORE_FILE_MISSING,
  CHRONICLE_STORE_FILE_OK,
  CHRONICLE_STORE_FILE_DAMAGED,
} ChronicleStoreFile;

/* Where a source's articles come from. */
typedef enum
{
  CHRONICLE_SOURCE_BUNDLED,
  CHRONICLE_SOURCE_FILE,
  CHRONICLE_SOURCE_WEB,
} ChronicleSourceKind;

/**
 * ChronicleStoredSource:
 * @key: the collection's id
 * @name: the file name the reader opened, or the name they gave
 * @location: (nullable): the URI it was read from
 * @content_hash: (nullable): a checksum of the text last read
 * @feed: the source's feed; items read from the store hold their list
 *   fields only (see chronicle_item_get_partial())
 * @diagnostics: the problems found when it was read
 * @table: (nullable): the items' folded search keys, when they were made
 *   before the source is written
 * @fetch: for a web source, what is known of fetching it; @location is
 *   its address
 * @n_new: for a web source, how many of @feed's items the store did not
 *   have, set when it is written
 * @folder: (nullable): for a web source, its folder, "A/B" for folders in
 *   folders
 * @user_title: (nullable): for a web source, the title the reader gave it
 * @icon_checked_at: for a web source, when its icon was last looked for,
 *   in seconds since 1970; 0 never
 *
 * A source as the store keeps it, written in one transaction.
 */
typedef struct
{
  char                 *key;
  ChronicleSourceKind   kind;
  char                 *name;
  char                 *location;
  char                 *content_hash;
  ChronicleFeed        *feed;
  GPtrArray            *diagnostics;
  ChronicleSearchTable *table;
  ChronicleFetchState   fetch;
  guint                 n_new;
  char                 *folder;
  char                 *user_title;
  gint64                icon_checked_at;
} ChronicleStoredSource;

/* Which values of a stored row a write leaves as they are. */
typedef enum
{
  CHRONICLE_STATE_KEEP_READ = 1 << 0,      /* and when it was read */
  CHRONICLE_STATE_KEEP_STARRED = 1 << 1,
  CHRONICLE_STATE_KEEP_POSITION = 1 << 2,
} ChronicleStateKeep;

/* The reader's state of one story. */
typedef struct
{
  char              *key;
  gboolean           read;
  gboolean           starred;
  double             position;
  gint64             read_at;   /* unix seconds, 0 when unread or unknown */
  ChronicleStateKeep keep;      /* for a row stored before */
} ChronicleStateRow;

/* Binding and reading values (chronicle-store.c). */
void                   chronicle_store_bind_text     (sqlite3_stmt           *stmt,
                                                      int                     column,
                                                      const char             *text);
char                  *chronicle_store_column_dup    (sqlite3_stmt           *stmt,
                                                      int                     column);

/* Opening (chronicle-store-open.c). */
int                    chronicle_store_open_connection (const char           *path,
                                                        int                   flags,
                                                        sqlite3             **db);
gboolean               chronicle_store_configure     (sqlite3                *db,
                                                      gboolean                writer,
                                                      GError                **error);
sqlite3               *chronicle_store_open_writer   (const char             *path,
                                                      char                  **set_aside_path,
                                                      GError                **error);

ChronicleStoreFile     chronicle_store_check_file    (const char             *path);
gint64                 chronicle_store_check_ours    (sqlite3                *db,
                                                      GError                **error);
gboolean               chronicle_store_migrate       (sqlite3                *db,
                                                      GError                **error);
gboolean               chronicle_store_migrate_to    (sqlite3                *db,
                                                      guint                   version,
                                                      GError                **error);

ChronicleStoredSource *chronicle_stored_source_new   (const char             *key,
                                                      ChronicleSourceKind     kind,
                                                      const char             *name,
                                                      ChronicleFeed          *feed);
void                   chronicle_stored_source_free  (ChronicleStoredSource  *source);
void                   chronicle_state_row_clear     (ChronicleStateRow      *row);

/* What retention removes (see chronicle_store_prune_web()). */
typedef struct
{
  gint64   cutoff;      /* articles first seen before, in seconds since 1970 */
  guint    n_removed;   /* set: how many went */
  char   **keys;        /* set: the sources that lost some */
} ChroniclePrune;

/* What an import of a reading list adds (see chronicle_store_import_web()). */
typedef struct
{
  GPtrArray  *entries;   /* of ChronicleOpmlEntry */
  guint       n_added;   /* set: the subscriptions new to the store */
  char      **keys;      /* set: their keys */
} ChronicleImport;

/* A title or folder the reader gives a web source (see
 * chronicle_store_change_source()). */
typedef struct
{
  char     *key;
  gboolean  folder;      /* the folder, else the title */
  char     *value;       /* NULL or empty: none */
} ChronicleSourceChange;

void                   chronicle_source_change_free  (ChronicleSourceChange  *change);

/* A web source's icon, as it was looked for (see chronicle_store_put_icons()). */
typedef struct
{
  char     *key;
  GBytes   *data;        /* NULL: none found, the one stored stays */
  gint64    checked_at;
} ChronicleIconWrite;

void                   chronicle_icon_write_free     (ChronicleIconWrite     *icon);

/* Web sources (chronicle-store-web.c). */
gboolean               chronicle_store_write_fetch_state (sqlite3                *db,
                                                          gint64                  id,
                                                          ChronicleStoredSource  *source,
                                                          gboolean                new_source,
                                                          GError                **error);
gboolean               chronicle_store_put_fetch_state (sqlite3                *db,
                                                        gpointer                source,
                                                        GError                **error);
GPtrArray             *chronicle_store_read_web_sources (sqlite3               *db,
                                                         GError               **error);
gboolean               chronicle_store_import_web    (sqlite3                *db,
                                                      gpointer                import,
                                                      GError                **error);
gboolean               chronicle_store_prune_web     (sqlite3                *db,
                                                      gpointer                prune,
                                                      GError                **error);
gboolean               chronicle_store_change_source (sqlite3                *db,
                                                      gpointer                change,
                                                      GError                **error);
gboolean               chronicle_store_put_icons     (sqlite3                *db,
                                                      gpointer                icons,
                                                      GError                **error);
GHashTable            *chronicle_store_read_icons    (sqlite3                *db,
                                                      GError                **error);

/* Changes, for chronicle_store_write_async() and _sync(). */
gboolean               chronicle_store_put_source    (sqlite3                *db,
                                                      gpointer                source,
                                                      GError                **error);
gboolean               chronicle_store_delete_source (sqlite3                *db,
                                                      gpointer                key,
                                                      GError                **error);
gboolean               chronicle_store_put_states    (sqlite3                *db,
                                                      gpointer                rows,
                                                      GError                **error);

/* Reads, on a reader's connection. */
GPtrArray             *chronicle_store_read_sources  (sqlite3               **dbs,
                                                      guint                   n_dbs,
                                                      const char             *except,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
ChronicleStoredSource *chronicle_store_read_source   (sqlite3               **dbs,
                                                      guint                   n_dbs,
                                                      const char             *key,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
GArray                *chronicle_store_read_states   (sqlite3                *db,
                                                      GError                **error);
ChronicleFeed         *chronicle_store_read_newest   (sqlite3                *db,
                                                      const char             *except,
                                                      guint                   limit,
                                                      GError                **error);
gboolean               chronicle_store_read_keys     (sqlite3                      *db,
                                                      const char                   *key,
                                                      ChronicleFeed                *feed,
                                                      ChronicleSearchTableBuilder  *builder,
                                                      GCancellable                 *cancellable,
                                                      GError                      **error);
ChronicleItem         *chronicle_store_read_item     (sqlite3                *db,
                                                      gint64                  id,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleStoredSource, chronicle_stored_source_free)

G_END_DECLS
