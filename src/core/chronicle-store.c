/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include "chronicle-error.h"
#include "chronicle-legacy.h"
#include "chronicle-store-private.h"
#include "chronicle-threads.h"

/* The library lives in one SQLite database.  One thread writes: each
 * change is a function queued to it, and the changes waiting when it wakes
 * are committed together, in one transaction, so that a thousand changes
 * cost one sync instead of a thousand.  Readers run on worker threads with
 * connections of their own, which WAL lets read while the writer writes,
 * and the main thread never waits for the database except when it quits. */

/* The changes committed in one transaction, at most. */
#define MAX_BATCH 256
typedef struct
{
  ChronicleStoreWriteFunc  func;
  gpointer                 data;
  GDestroyNotify           destroy;
  GTask                   *task;      /* or NULL for a synchronous change */
  GError                  *error;
  gboolean                 done;      /* for synchronous changes */
  gboolean                 quit;      /* ends the writer */
} Change;

struct _ChronicleStore
{
  GObject       parent_instance;

  char         *path;
  char         *set_aside;
  char         *state_set_aside;
  GThread      *writer;
  GAsyncQueue  *changes;      /* of Change */
  GAsyncQueue  *readers;      /* of idle sqlite3 connections */

  GMutex        mutex;
  GCond         cond;
  GRWLock       commit_lock;  /* held to write while committing */
  gboolean      opened;       /* the writer has opened (or failed to) */
  GError       *open_error;
};

G_DEFINE_FINAL_TYPE (ChronicleStore, chronicle_store, G_TYPE_OBJECT)

static void
change_free (Change *change)
{
  if (change->destroy != NULL)
    change->destroy (change->data);
  g_clear_object (&change->task);
  g_clear_error (&change->error);
  g_free (change);
}

/**
 * chronicle_store_set_error:
 *
 * Sets @error from a failed SQLite call, with a code a reader's message
 * can be chosen by.
 *
 * Returns: %FALSE, for returning it
 */
gboolean
chronicle_store_set_error (sqlite3  *db,
                           int       code,
                           GError  **error)
{
  ChronicleError chronicle_code;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      chronicle_code = CHRONICLE_ERROR_STORE_FULL;
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      chronicle_code = CHRONICLE_ERROR_STORE_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      chronicle_code = CHRONICLE_ERROR_STORE_BUSY;
      break;
    default:
      chronicle_code = CHRONICLE_ERROR_STORE;
      break;
    }

  g_set_error (error, CHRONICLE_ERROR, chronicle_code, "%s (SQLite %d)", message, code);
  return FALSE;
}

/**
 * chronicle_store_bind_text:
 * @text: (nullable): bound as NULL when %NULL; must outlive the step
 */
void
chronicle_store_bind_text (sqlite3_stmt *stmt,
                           int           column,
                           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/**
 * chronicle_store_column_dup:
 *
 * Returns: (transfer full) (nullable): a copy of the text in @column
 */
char *
chronicle_store_column_dup (sqlite3_stmt *stmt,
                            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

gboolean
chronicle_store_exec (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return chronicle_store_set_error (db, rc, error);
  return TRUE;
}

sqlite3_stmt *
chronicle_store_prepare (sqlite3     *db,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      chronicle_store_set_error (db, rc, error);
      return NULL;
    }
  return stmt;
}

/* Runs a batch of changes in one transaction, each in a savepoint of its
 * own so that one that fails leaves the others. */
static void
run_batch (ChronicleStore *self,
           sqlite3        *db,
           GPtrArray      *batch)
{
  gboolean committed;
  g_autoptr(GError) error = NULL;

  if (!chronicle_store_exec (db, "BEGIN IMMEDIATE", &error))
    {
      for (guint i = 0; i < batch->len; i++)
        {
          Change *change = g_ptr_array_index (batch, i);
          change->error = g_error_copy (error);
        }
      return;
    }

  for (guint i = 0; i < batch->len; i++)
    {
      Change *change = g_ptr_array_index (batch, i);

      chronicle_store_exec (db, "SAVEPOINT change", NULL);
      if (!change->func (db, change->data, &change->error))
        chronicle_store_exec (db, "ROLLBACK TO change", NULL);
      chronicle_store_exec (db, "RELEASE change", NULL);
    }

  g_rw_lock_writer_lock (&self->commit_lock);
  committed = chronicle_store_exec (db, "COMMIT", &error);
  g_rw_lock_writer_unlock (&self->commit_lock);
  if (!committed)
    {
      chronicle_store_exec (db, "ROLLBACK", NULL);
      for (guint i = 0; i < batch->len; i++)
        {
          Change *change = g_ptr_array_index (batch, i);

          if (change->error == NULL)
            change->error = g_error_copy (error);
        }
    }
}

static void
finish_change (ChronicleStore *self,
               Change         *change)
{
  if (change->task != NULL)
    {
      if (change->error != NULL)
        g_task_return_error (change->task, g_steal_pointer (&change->error));
      else
        g_task_return_boolean (change->task, TRUE);
      change_free (change);
      return;
    }

  /* A synchronous change is freed by whoever waits for it. */
  g_mutex_lock (&self->mutex);
  change->done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static void
fail_change (ChronicleStore *self,
             Change         *change,
             const GError   *error)
{
  if (change->quit)
    return;
  change->error = g_error_copy (error);
  finish_change (self, change);
}

/* The writer folds the journal into the database itself, after it has
 * told what it committed and only when no change waits: SQLite's own
 * checkpoint ran inside the commit, and took a second of an import of
 * 100 000 items. */
#define CHECKPOINT_PAGES 1000

static int
wal_written_cb (gpointer  data,
                sqlite3  *db,
                const char *name,
                int       n_pages)
{
  *(int *) data = n_pages;
  return SQLITE_OK;
}

static void
checkpoint_when_idle (ChronicleStore *self,
                      sqlite3        *db,
                      int            *wal_pages)
{
  if (*wal_pages < CHECKPOINT_PAGES || g_async_queue_length (self->changes) > 0)
    return;
  sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  *wal_pages = 0;
}

/* Opens the writer's connection, brings in an earlier Chronicle's library
 * the first time, and tells those waiting how the opening went. */
static sqlite3 *
open_and_bring_in (ChronicleStore  *self,
                   int             *wal_pages,
                   GError         **error)
{
  sqlite3 *db = chronicle_store_open_writer (self->path, &self->set_aside, error);

  if (db != NULL)
    {
      g_autofree char *directory = g_path_get_dirname (self->path);
      g_autoptr(GError) legacy_error = NULL;

      /* In place of SQLite's checkpoint at commit. */
      sqlite3_wal_hook (db, wal_written_cb, wal_pages);
      if (!chronicle_legacy_import (db, directory, &self->state_set_aside, &legacy_error))
        g_warning ("The library of an earlier Chronicle could not be brought in (it stays where it is): %s",
                   legacy_error->message);
    }

  g_mutex_lock (&self->mutex);
  self->opened = TRUE;
  g_clear_error (&self->open_error);
  if (db == NULL)
    self->open_error = g_error_copy (*error);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return db;
}

static gpointer
writer_thread (gpointer data)
{
  ChronicleStore *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  gboolean quit = FALSE;
  int wal_pages = 0;
  sqlite3 *db = open_and_bring_in (self, &wal_pages, &error);

  while (!quit)
    {
      Change *change = g_async_queue_pop (self->changes);

      g_ptr_array_set_size (batch, 0);
      while (change != NULL)
        {
          if (change->quit)
            {
              quit = TRUE;
              g_free (change);
              break;
            }
          g_ptr_array_add (batch, change);
          if (batch->len == MAX_BATCH)
            break;
          change = g_async_queue_try_pop (self->changes);
        }

      /* The folder may be there by now, or writable again. */
      if (db == NULL && batch->len > 0)
        {
          g_clear_error (&error);
          db = open_and_bring_in (self, &wal_pages, &error);
        }
      if (db == NULL)
        {
          for (guint i = 0; i < batch->len; i++)
            fail_change (self, g_ptr_array_index (batch, i), error);
          continue;
        }

      if (batch->len > 0)
        run_batch (self, db, batch);
      for (guint i = 0; i < batch->len; i++)
        finish_change (self, g_ptr_array_index (batch, i));
      checkpoint_when_idle (self, db, &wal_pages);
    }

  /* Folds the journal into the database, so that it starts small. */
  if (db != NULL)
    {
      sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      sqlite3_close (db);
    }
  return NULL;
}

static void
chronicle_store_finalize (GObject *object)
{
  ChronicleStore *self = CHRONICLE_STORE (object);
  sqlite3 *db;

  chronicle_store_close (self);
  while ((db = g_async_queue_try_pop (self->readers)) != NULL)
    sqlite3_close (db);
  g_async_queue_unref (self->readers);
  g_async_queue_unref (self->changes);
  g_clear_error (&self->open_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_rw_lock_clear (&self->commit_lock);
  g_free (self->path);
  g_free (self->set_aside);
  g_free (self->state_set_aside);

  G_OBJECT_CLASS (chronicle_store_parent_class)->finalize (object);
}

static void
chronicle_store_class_init (ChronicleStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_store_finalize;
}

static void
chronicle_store_init (ChronicleStore *self)
{
  self->changes = g_async_queue_new ();
  self->readers = g_async_queue_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_rw_lock_init (&self->commit_lock);
}

/**
 * chronicle_store_new:
 * @path: the database file
 *
 * Starts the writer thread, which opens @path (making it and its folder
 * when they are not there) and brings its schema up to date.  Nothing
 * waits for that: changes queue until it is done.
 *
 * Returns: (transfer full): the store
 */
ChronicleStore *
chronicle_store_new (const char *path)
{
  ChronicleStore *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->writer = g_thread_new ("chronicle-store", writer_thread, self);
  return self;
}

const char *
chronicle_store_get_path (ChronicleStore *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORE (self), NULL);

  return self->path;
}

/**
 * chronicle_store_wait_open:
 *
 * Waits until the writer has opened the database.  Call it from workers
 * only: it can take as long as a migration.
 *
 * Returns: whether the database could be opened
 */
gboolean
chronicle_store_wait_open (ChronicleStore  *self,
                           GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (CHRONICLE_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  while (!self->opened)
    g_cond_wait (&self->cond, &self->mutex);
  ok = self->open_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->open_error));
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * chronicle_store_get_set_aside:
 *
 * Returns: (nullable): where a damaged database was moved when it was
 *   opened, once chronicle_store_wait_open() has returned
 */
const char *
chronicle_store_get_set_aside (ChronicleStore *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORE (self), NULL);

  return self->set_aside;
}

/**
 * chronicle_store_get_state_set_aside:
 *
 * Returns: (nullable): where the reading state of an earlier Chronicle
 *   was moved because it could not be read, once
 *   chronicle_store_wait_open() has returned
 */
const char *
chronicle_store_get_state_set_aside (ChronicleStore *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORE (self), NULL);

  return self->state_set_aside;
}

/**
 * chronicle_store_write_async:
 * @func: the change, run on the writer thread
 * @data: (transfer full): for @func, freed with @destroy after it ran
 *
 * Queues a change.  It is committed with whatever else is queued then;
 * @callback runs once it is committed or failed.
 */
void
chronicle_store_write_async (ChronicleStore          *self,
                             ChronicleStoreWriteFunc  func,
                             gpointer                 data,
                             GDestroyNotify           destroy,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  Change *change;

  g_return_if_fail (CHRONICLE_IS_STORE (self));
  g_return_if_fail (func != NULL);

  change = g_new0 (Change, 1);
  change->func = func;
  change->data = data;
  change->destroy = destroy;
  change->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (change->task, chronicle_store_write_async);

  if (self->writer == NULL)
    {
      g_task_return_new_error (change->task, G_IO_ERROR, G_IO_ERROR_CLOSED, "the library is closed");
      change_free (change);
      return;
    }

  g_async_queue_push (self->changes, change);
}

gboolean
chronicle_store_write_finish (ChronicleStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chronicle_store_write_sync:
 *
 * Queues a change and waits until it is committed: for quitting, for
 * tools and for tests.  @data stays the caller's.
 */
gboolean
chronicle_store_write_sync (ChronicleStore           *self,
                            ChronicleStoreWriteFunc   func,
                            gpointer                  data,
                            GError                  **error)
{
  Change *change;
  gboolean ok;

  g_return_val_if_fail (CHRONICLE_IS_STORE (self), FALSE);

  if (self->writer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "the library is closed");
      return FALSE;
    }

  change = g_new0 (Change, 1);
  change->func = func;
  change->data = data;
  g_async_queue_push (self->changes, change);

  g_mutex_lock (&self->mutex);
  while (!change->done)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  ok = change->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&change->error));
  change_free (change);
  return ok;
}

/**
 * chronicle_store_acquire_reader:
 *
 * A connection for reading on this thread, once the database is open.
 * Give it back with chronicle_store_release_reader().
 *
 * Returns: (nullable): the connection
 */
sqlite3 *
chronicle_store_acquire_reader (ChronicleStore  *self,
                                GError         **error)
{
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CHRONICLE_IS_STORE (self), NULL);

  if (!chronicle_store_wait_open (self, error))
    return NULL;

  db = g_async_queue_try_pop (self->readers);
  if (db != NULL)
    return db;

  rc = chronicle_store_open_connection (self->path, SQLITE_OPEN_READONLY, &db);
  if (rc != SQLITE_OK)
    {
      chronicle_store_set_error (NULL, rc, error);
      return NULL;
    }
  if (!chronicle_store_configure (db, FALSE, error))
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

void
chronicle_store_release_reader (ChronicleStore *self,
                                sqlite3        *db)
{
  g_return_if_fail (CHRONICLE_IS_STORE (self));

  if (db != NULL)
    g_async_queue_push (self->readers, db);
}

/**
 * chronicle_store_acquire_snapshot:
 * @readers: (out caller-allocates) (array length=n_readers): the
 *   connections
 *
 * @n_readers connections for reading on as many threads, each in a read
 * transaction that sees the same state of the database: no commit comes
 * between their starts.  Give them back with
 * chronicle_store_release_snapshot().
 *
 * Returns: whether they could be had; none is held otherwise
 */
gboolean
chronicle_store_acquire_snapshot (ChronicleStore  *self,
                                  sqlite3        **readers,
                                  guint            n_readers,
                                  GError         **error)
{
  guint acquired = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CHRONICLE_IS_STORE (self), FALSE);

  while (ok && acquired < n_readers)
    {
      readers[acquired] = chronicle_store_acquire_reader (self, error);
      ok = readers[acquired] != NULL;
      acquired += ok;
    }

  /* A read transaction takes its snapshot at its first read. */
  g_rw_lock_reader_lock (&self->commit_lock);
  for (guint i = 0; ok && i < acquired; i++)
    ok = chronicle_store_exec (readers[i], "BEGIN; SELECT count(*) FROM sqlite_schema", error);
  g_rw_lock_reader_unlock (&self->commit_lock);

  if (ok)
    return TRUE;
  for (guint i = 0; i < acquired; i++)
    {
      if (!sqlite3_get_autocommit (readers[i]))
        chronicle_store_exec (readers[i], "ROLLBACK", NULL);
      chronicle_store_release_reader (self, readers[i]);
    }
  return FALSE;
}

void
chronicle_store_release_snapshot (ChronicleStore  *self,
                                  sqlite3        **readers,
                                  guint            n_readers)
{
  g_return_if_fail (CHRONICLE_IS_STORE (self));

  for (guint i = 0; i < n_readers; i++)
    {
      chronicle_store_exec (readers[i], "COMMIT", NULL);
      chronicle_store_release_reader (self, readers[i]);
    }
}

/**
 * chronicle_store_close:
 *
 * Commits what is queued and stops the writer.  Nothing can be written
 * after it.
 */
void
chronicle_store_close (ChronicleStore *self)
{
  Change *quit;

  g_return_if_fail (CHRONICLE_IS_STORE (self));

  if (self->writer == NULL)
    return;

  quit = g_new0 (Change, 1);
  quit->quit = TRUE;
  g_async_queue_push (self->changes, quit);
  g_thread_join (g_steal_pointer (&self->writer));
}
