/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib/gstdio.h>

#include "chronicle-library-private.h"
#include "chronicle-store-private.h"

/* What the tests of the store share: a data folder of their own, and
 * waiting for the store's threads. */

static inline char *
chronicle_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp ("chronicle-store-XXXXXX", &error);

  g_assert_no_error (error);
  return directory;
}

static inline void
chronicle_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        chronicle_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline gboolean
chronicle_test_nothing (sqlite3  *db,
                        gpointer  data,
                        GError  **error)
{
  return TRUE;
}

/* Returns once everything queued to @store before is committed. */
static inline void
chronicle_test_store_barrier (ChronicleStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chronicle_store_write_sync (store, chronicle_test_nothing, NULL, &error));
  g_assert_no_error (error);
}

/* Turns the main loop until @library has listed, indexed and stored all
 * it was given, and the store has committed it. */
static inline void
chronicle_test_library_settle (ChronicleLibrary *library)
{
  while (chronicle_library_get_loading (library) || chronicle_library_get_storing (library))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (chronicle_library_get_store (library) != NULL)
    chronicle_test_store_barrier (chronicle_library_get_store (library));
}

static inline void
chronicle_test_store_result (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A new library on the store at @path, as the next start makes it; it
 * keeps the store. */
static inline ChronicleLibrary *
chronicle_test_library_new (const char *path)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);

  return chronicle_library_new (state);
}

/* Waits for the restore that gives @result, and checks that it went well. */
static inline void
chronicle_test_restore_finish (ChronicleLibrary  *library,
                               GAsyncResult     **result)
{
  g_autoptr(GError) error = NULL;

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (chronicle_library_restore_finish (library, *result, &error));
  g_assert_no_error (error);
}

/* A library on the store at @path, restored as the next start restores
 * it. */
static inline ChronicleLibrary *
chronicle_test_restore (const char *path)
{
  ChronicleLibrary *library = chronicle_test_library_new (path);
  g_autoptr(GAsyncResult) result = NULL;

  chronicle_library_restore_async (library, NULL, chronicle_test_store_result, &result);
  chronicle_test_restore_finish (library, &result);
  chronicle_test_library_settle (library);
  return library;
}

/* The whole of @item, read from the store when it came from there. */
static inline ChronicleItem *
chronicle_test_load_item (ChronicleLibrary *library,
                          ChronicleItem    *item)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleItem *whole;

  chronicle_library_load_item_async (library, item, NULL, chronicle_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  whole = chronicle_library_load_item_finish (library, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (whole);
  g_assert_false (chronicle_item_get_partial (whole));
  return whole;
}

/* Runs @sql on the database at @path with a connection of its own, and
 * gives the first column of its first row. */
static inline gint64
chronicle_test_query_int (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
