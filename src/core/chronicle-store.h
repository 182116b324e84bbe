/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_STORE (chronicle_store_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleStore, chronicle_store, CHRONICLE, STORE, GObject)

/* The file of the library, in the data folder. */
#define CHRONICLE_STORE_FILE "library.db"

/**
 * ChronicleStoreWriteFunc:
 * @db: the writer's connection, inside a transaction
 *
 * One change to the store, run on the writer thread.  Returning %FALSE
 * undoes what it did; the other changes of the same transaction stay.
 */
typedef gboolean (*ChronicleStoreWriteFunc) (sqlite3   *db,
                                             gpointer   data,
                                             GError   **error);

ChronicleStore *chronicle_store_new                (const char              *path);
const char     *chronicle_store_get_path           (ChronicleStore          *self);
const char     *chronicle_store_get_set_aside      (ChronicleStore          *self);
const char     *chronicle_store_get_state_set_aside (ChronicleStore         *self);
gboolean        chronicle_store_wait_open          (ChronicleStore          *self,
                                                    GError                 **error);
void            chronicle_store_write_async        (ChronicleStore          *self,
                                                    ChronicleStoreWriteFunc  func,
                                                    gpointer                 data,
                                                    GDestroyNotify           destroy,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
gboolean        chronicle_store_write_finish       (ChronicleStore          *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
gboolean        chronicle_store_write_sync         (ChronicleStore          *self,
                                                    ChronicleStoreWriteFunc  func,
                                                    gpointer                 data,
                                                    GError                 **error);
sqlite3        *chronicle_store_acquire_reader     (ChronicleStore          *self,
                                                    GError                 **error);
void            chronicle_store_release_reader     (ChronicleStore          *self,
                                                    sqlite3                 *db);
gboolean        chronicle_store_acquire_snapshot   (ChronicleStore          *self,
                                                    sqlite3                **readers,
                                                    guint                    n_readers,
                                                    GError                 **error);
void            chronicle_store_release_snapshot   (ChronicleStore          *self,
                                                    sqlite3                **readers,
                                                    guint                    n_readers);
void            chronicle_store_close              (ChronicleStore          *self);

gboolean        chronicle_store_set_error          (sqlite3                 *db,
                                                    int                      code,
                                                    GError                 **error);
gboolean        chronicle_store_exec               (sqlite3                 *db,
                                                    const char              *sql,
                                                    GError                 **error);
sqlite3_stmt   *chronicle_store_prepare            (sqlite3                 *db,
                                                    const char              *sql,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
