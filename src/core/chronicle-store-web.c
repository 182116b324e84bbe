/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include "chronicle-feed-private.h"
#include "chronicle-opml.h"
#include "chronicle-store-private.h"

/* What the store keeps of web sources besides their articles: their
 * address and how fetching them went, in the columns the first schema
 * made for them. */

static void
bind_time (sqlite3_stmt *stmt,
           int           column,
           gint64        time)
{
  if (time > 0)
    sqlite3_bind_int64 (stmt, column, time);
  else
    sqlite3_bind_null (stmt, column);
}

#define FETCH_COLUMNS \
  "location, etag, last_modified, fetched_at, next_fetch_at, retry_after, failures, last_status, last_error, gone"

/* The folder is written with a new source only: a fetch that began
 * before the reader moved the subscription does not move it back. */
static gboolean
write_fetch_state (sqlite3                *db,
                   const char             *where,
                   ChronicleStoredSource  *source,
                   gint64                  id,
                   gboolean                with_folder,
                   GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE sources SET (" FETCH_COLUMNS "%s) = "
                                          "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10%s) WHERE %s = ?11",
                                          with_folder ? ", folder" : "", with_folder ? ", ?12" : "", where);
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, sql, error);
  const ChronicleFetchState *fetch = &source->fetch;
  int rc;

  if (stmt == NULL)
    return FALSE;

  chronicle_store_bind_text (stmt, 1, source->location);
  chronicle_store_bind_text (stmt, 2, fetch->etag);
  chronicle_store_bind_text (stmt, 3, fetch->last_modified);
  bind_time (stmt, 4, fetch->fetched_at);
  bind_time (stmt, 5, fetch->next_fetch_at);
  bind_time (stmt, 6, fetch->retry_after);
  sqlite3_bind_int (stmt, 7, (int) fetch->failures);
  if (fetch->last_status > 0)
    sqlite3_bind_int (stmt, 8, (int) fetch->last_status);
  chronicle_store_bind_text (stmt, 9, fetch->last_error);
  sqlite3_bind_int (stmt, 10, fetch->gone);
  if (with_folder)
    chronicle_store_bind_text (stmt, 12, source->folder);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 11, id);
  else
    chronicle_store_bind_text (stmt, 11, source->key);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);
  return TRUE;
}

/**
 * chronicle_store_write_fetch_state:
 * @id: the row of @source, written before
 * @new_source: whether the row was just made, when @source's folder is
 *   written too
 *
 * Writes @source's address and fetch state, as a part of writing it.
 */
gboolean
chronicle_store_write_fetch_state (sqlite3                *db,
                                   gint64                  id,
                                   ChronicleStoredSource  *source,
                                   gboolean                new_source,
                                   GError                **error)
{
  return write_fetch_state (db, "id", source, id, new_source, error);
}

/**
 * chronicle_store_put_fetch_state:
 * @source: a #ChronicleStoredSource: its key, location and fetch state
 *
 * Writes only how fetching a web source went, when nothing new came
 * (an unchanged feed, a failure); its articles stay as they are.
 */
gboolean
chronicle_store_put_fetch_state (sqlite3  *db,
                                 gpointer  data,
                                 GError  **error)
{
  return write_fetch_state (db, "key", data, 0, FALSE, error);
}

/**
 * chronicle_store_read_web_sources:
 *
 * The web sources with what is needed to fetch them again; their feeds
 * hold their title and addresses, not their items.
 *
 * Returns: (transfer full) (element-type ChronicleStoredSource): the
 *   sources in the order they were added, or %NULL on error
 */
GPtrArray *
chronicle_store_read_web_sources (sqlite3  *db,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_stored_source_free);
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT key, name, content_hash, title, home_page_url, feed_url, "
                                  FETCH_COLUMNS ", folder, user_title, icon, icon_checked_at FROM sources WHERE kind = ?1 ORDER BY added_at, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, CHRONICLE_SOURCE_WEB);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
      ChronicleStoredSource *source;

      feed->title = chronicle_store_column_dup (stmt, 3);
      feed->home_page_url = chronicle_store_column_dup (stmt, 4);
      feed->feed_url = chronicle_store_column_dup (stmt, 5);
      source = chronicle_stored_source_new ((const char *) sqlite3_column_text (stmt, 0), CHRONICLE_SOURCE_WEB,
                                            (const char *) sqlite3_column_text (stmt, 1), feed);
      source->content_hash = chronicle_store_column_dup (stmt, 2);
      source->location = chronicle_store_column_dup (stmt, 6);
      source->fetch.etag = chronicle_store_column_dup (stmt, 7);
      source->fetch.last_modified = chronicle_store_column_dup (stmt, 8);
      source->fetch.fetched_at = sqlite3_column_int64 (stmt, 9);
      source->fetch.next_fetch_at = sqlite3_column_int64 (stmt, 10);
      source->fetch.retry_after = sqlite3_column_int64 (stmt, 11);
      source->fetch.failures = (guint) sqlite3_column_int (stmt, 12);
      source->fetch.last_status = (guint) sqlite3_column_int (stmt, 13);
      source->fetch.last_error = chronicle_store_column_dup (stmt, 14);
      source->fetch.gone = sqlite3_column_int (stmt, 15) != 0;
      source->folder = chronicle_store_column_dup (stmt, 16);
      source->user_title = chronicle_store_column_dup (stmt, 17);
      feed->icon = chronicle_store_column_dup (stmt, 18);
      source->icon_checked_at = sqlite3_column_int64 (stmt, 19);
      g_ptr_array_add (sources, source);
    }

  if (rc != SQLITE_DONE)
    {
      chronicle_store_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sources);
}

/**
 * chronicle_store_prune_web:
 * @data: a #ChroniclePrune
 *
 * Retention: removes the articles of web sources first seen before the
 * prune's cutoff that the reader has read and not starred, in one
 * transaction.  Articles of files and the bundled collection, unread and
 * starred ones stay; the reader's state stays with the story keys.  The
 * keys of the sources that lost articles are set in the prune.
 */
gboolean
chronicle_store_prune_web (sqlite3  *db,
                           gpointer  data,
                           GError  **error)
{
  ChroniclePrune *prune = data;
  g_autoptr(sqlite3_stmt) sources = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  int rc;

#define PRUNED \
  "FROM items WHERE source_id IN (SELECT id FROM sources WHERE kind = ?1) AND first_seen_at < ?2 AND " \
  "coalesce(story, guid) IN (SELECT key FROM reader_state WHERE read AND NOT starred)"

  sources = chronicle_store_prepare (db, "SELECT key FROM sources WHERE id IN (SELECT DISTINCT source_id " PRUNED ")",
                                     error);
  delete = chronicle_store_prepare (db, "DELETE " PRUNED, error);
#undef PRUNED
  if (sources == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int (sources, 1, CHRONICLE_SOURCE_WEB);
  sqlite3_bind_int64 (sources, 2, prune->cutoff);
  while ((rc = sqlite3_step (sources)) == SQLITE_ROW)
    g_strv_builder_add (keys, (const char *) sqlite3_column_text (sources, 0));
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);

  sqlite3_bind_int (delete, 1, CHRONICLE_SOURCE_WEB);
  sqlite3_bind_int64 (delete, 2, prune->cutoff);
  rc = sqlite3_step (delete);
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);

  prune->n_removed = (guint) sqlite3_changes (db);
  g_strfreev (prune->keys);
  prune->keys = g_strv_builder_end (keys);
  return TRUE;
}

/**
 * chronicle_store_import_web:
 * @data: a #ChronicleImport
 *
 * Adds the subscriptions of a reading list that the store does not have
 * (by address), without articles: the next refresh fetches them, as they
 * were never fetched.  Those it has move to the list's folder.
 */
gboolean
chronicle_store_import_web (sqlite3  *db,
                            gpointer  data,
                            GError  **error)
{
  ChronicleImport *import = data;
  g_autoptr(sqlite3_stmt) find = chronicle_store_prepare (db, "SELECT key FROM sources WHERE kind = ? AND location = ?",
                                                          error);
  g_autoptr(sqlite3_stmt) move = chronicle_store_prepare (db, "UPDATE sources SET folder = ? WHERE key = ?", error);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  if (find == NULL || move == NULL)
    return FALSE;

  import->n_added = 0;
  for (guint i = 0; i < import->entries->len; i++)
    {
      const ChronicleOpmlEntry *entry = g_ptr_array_index (import->entries, i);
      g_autoptr(ChronicleFeed) feed = NULL;
      g_autoptr(ChronicleStoredSource) source = NULL;
      g_autofree char *uuid = NULL;
      g_autofree char *key = NULL;
      int rc;

      sqlite3_bind_int (find, 1, CHRONICLE_SOURCE_WEB);
      chronicle_store_bind_text (find, 2, entry->url);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          chronicle_store_bind_text (move, 1, entry->folder);
          sqlite3_bind_text (move, 2, (const char *) sqlite3_column_text (find, 0), -1, SQLITE_TRANSIENT);
          sqlite3_reset (find);
          rc = sqlite3_step (move);
          sqlite3_reset (move);
          if (rc != SQLITE_DONE)
            return chronicle_store_set_error (db, rc, error);
          continue;
        }
      sqlite3_reset (find);
      if (rc != SQLITE_DONE)
        return chronicle_store_set_error (db, rc, error);

      feed = chronicle_feed_new ();
      feed->title = g_strdup (entry->title);
      feed->home_page_url = g_strdup (entry->home_page_url);
      uuid = g_uuid_string_random ();
      key = g_strconcat ("web-", uuid, NULL);
      source = chronicle_stored_source_new (key, CHRONICLE_SOURCE_WEB, entry->title != NULL ? entry->title : entry->url,
                                            feed);
      source->location = g_strdup (entry->url);
      source->folder = g_strdup (entry->folder);
      if (!chronicle_store_put_source (db, source, error))
        return FALSE;
      g_strv_builder_add (keys, key);
      import->n_added++;
    }

  g_strfreev (import->keys);
  import->keys = g_strv_builder_end (keys);
  return TRUE;
}

/**
 * chronicle_store_change_source:
 * @data: a #ChronicleSourceChange
 *
 * Gives a web source the title or the folder the reader chose.
 */
gboolean
chronicle_store_change_source (sqlite3  *db,
                               gpointer  data,
                               GError  **error)
{
  const ChronicleSourceChange *change = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = chronicle_store_prepare (db, change->folder ? "UPDATE sources SET folder = ?1 WHERE key = ?2"
                                                     : "UPDATE sources SET user_title = ?1 WHERE key = ?2", error);
  if (stmt == NULL)
    return FALSE;

  chronicle_store_bind_text (stmt, 1, change->value != NULL && change->value[0] != '\0' ? change->value : NULL);
  chronicle_store_bind_text (stmt, 2, change->key);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);
  return TRUE;
}

void
chronicle_source_change_free (ChronicleSourceChange *change)
{
  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

void
chronicle_icon_write_free (ChronicleIconWrite *icon)
{
  g_free (icon->key);
  g_clear_pointer (&icon->data, g_bytes_unref);
  g_free (icon);
}

/**
 * chronicle_store_put_icons:
 * @data: a #GPtrArray of #ChronicleIconWrite
 *
 * Keeps the icons found for web sources, and when they were looked for;
 * where none was found, the one stored stays.
 */
gboolean
chronicle_store_put_icons (sqlite3  *db,
                           gpointer  data,
                           GError  **error)
{
  GPtrArray *icons = data;
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "UPDATE sources SET icon_data = coalesce(?1, icon_data), "
                                                          "icon_checked_at = ?2 WHERE key = ?3", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < icons->len; i++)
    {
      const ChronicleIconWrite *icon = g_ptr_array_index (icons, i);
      gsize size = 0;
      gconstpointer bytes = icon->data != NULL ? g_bytes_get_data (icon->data, &size) : NULL;
      int rc;

      if (bytes != NULL)
        sqlite3_bind_blob64 (stmt, 1, bytes, size, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, icon->checked_at);
      chronicle_store_bind_text (stmt, 3, icon->key);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return chronicle_store_set_error (db, rc, error);
    }
  return TRUE;
}

/**
 * chronicle_store_read_icons:
 *
 * Returns: (transfer full) (element-type utf8 GBytes): the icons of web
 *   sources, by key, or %NULL on error
 */
GHashTable *
chronicle_store_read_icons (sqlite3  *db,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT key, icon_data FROM sources WHERE icon_data IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (icons, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      chronicle_store_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&icons);
}
