/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-search-table.h"
#include "chronicle-store.h"

G_BEGIN_DECLS

/* How many changes of the schema a current database has had. */
#define CHRONICLE_STORE_VERSION 2

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
GArray                *chronicle_store_read_states   (sqlite3                *db,
                                                      GError                **error);
ChronicleFeed         *chronicle_store_read_newest   (sqlite3                *db,
                                                      const char             *except,
                                                      guint                   limit,
                                                      GError                **error);
gboolean               chronicle_store_read_keys     (sqlite3                *db,
                                                      const char             *key,
                                                      ChronicleFeed          *feed,
                                                      char                 ***keys,
                                                      guint32               **lengths,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
ChronicleItem         *chronicle_store_read_item     (sqlite3                *db,
                                                      gint64                  id,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleStoredSource, chronicle_stored_source_free)

G_END_DECLS
