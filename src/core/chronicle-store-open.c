/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "chronicle-error.h"
#include "chronicle-store-private.h"

/* Opening the library's connections: how they are set up, and the
 * writer's, which makes the folder, brings the schema up to date and sets
 * a damaged file aside. */

/* How long a connection waits for another program's lock. */
#define BUSY_TIMEOUT_MS 5000

gboolean
chronicle_store_configure (sqlite3  *db,
                           gboolean  writer,
                           GError  **error)
{
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, TRUE);

  /* Pages of 16 KiB hold an article's body of a few KiB in one page, where
   * those of 4 KiB chained it over several: the statements of an import of
   * 100 000 items took 3.1 s instead of 6.0.  It only takes effect on a new
   * database, before WAL. */
  if (writer && !chronicle_store_exec (db, "PRAGMA page_size=16384", error))
    return FALSE;

  /* WAL lets readers read while the writer writes; with it, NORMAL syncs
   * at checkpoints only and still loses nothing when the program dies. */
  if (writer && !chronicle_store_exec (db, "PRAGMA journal_mode=WAL", error))
    return FALSE;

  return chronicle_store_exec (db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", error);
}

/* Moves a damaged database and its journal out of the way, with the date
 * in their names.  Nothing is deleted. */
static char *
set_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      g_warning ("The damaged library %s could not be set aside: %s", path, g_strerror (errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_steal_pointer (&target);
}

int
chronicle_store_open_connection (const char  *path,
                                 int          flags,
                                 sqlite3    **db)
{
  int rc = sqlite3_open_v2 (path, db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    g_clear_pointer (db, sqlite3_close);
  return rc;
}

/* Opens a writing connection on @path and brings the schema up to date;
 * nothing is written to a file until it is known to be ours. */
static sqlite3 *
open_current (const char  *path,
              GError     **error)
{
  sqlite3 *db = NULL;
  int rc = chronicle_store_open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db);

  if (rc != SQLITE_OK)
    {
      chronicle_store_set_error (NULL, rc, error);
      return NULL;
    }
  if (chronicle_store_check_ours (db, error) < 0 || !chronicle_store_configure (db, TRUE, error) ||
      !chronicle_store_migrate (db, error))
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

/**
 * chronicle_store_open_writer:
 * @set_aside_path: (inout): where a damaged database was moved, replaced when
 *   one is moved now
 *
 * Opens the writer's connection and brings the schema up to date.  A file
 * that is not a database of ours, or is cut short, is set aside and a new
 * one made.
 */
sqlite3 *
chronicle_store_open_writer (const char  *path,
                             char       **set_aside_path,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CHRONICLE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? CHRONICLE_ERROR_STORE_READ_ONLY : CHRONICLE_ERROR_STORE,
                   "%s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  if (chronicle_store_check_file (path) != CHRONICLE_STORE_FILE_DAMAGED)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = open_current (path, &local_error);

      if (db != NULL)
        return db;
      if (!g_error_matches (local_error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_DAMAGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_warning ("%s: %s", path, local_error->message);
    }

  g_free (*set_aside_path);
  *set_aside_path = set_aside (path);
  if (*set_aside_path == NULL)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE,
                   "%s is damaged and could not be moved aside", path);
      return NULL;
    }

  return open_current (path, error);
}
