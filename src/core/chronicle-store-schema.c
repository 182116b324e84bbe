/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "chronicle-error.h"
#include "chronicle-item-private.h"
#include "chronicle-store-private.h"

/* The schema, as the list of changes that made it: a database records in
 * `user_version` how many of them it has had, and opening it applies the
 * rest in one transaction.  Never edit a change once released; add one.
 *
 * What the tables hold:
 * - sources: what articles come from — the bundled collection, files the
 *   reader opened, and web subscriptions, with room for their fetch state
 *   (HTTP validators, schedule, failures) and an OPML folder;
 * - items: the fields the article list shows, the addresses and when the
 *   item was first seen (for retention); since version 2, the bodies
 *   (item_bodies) and the folded search keys (item_keys) are in tables of
 *   their own, as are authors, tags and attachments;
 * - events and event_sources: the timeline;
 * - diagnostics: the problems found in a source when it was read;
 * - reader_state: read, starred and reading position, by story key, apart
 *   from the items so that replacing or removing a source never loses it. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  kind INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  location TEXT,"
  "  folder TEXT,"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  added_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  content_hash TEXT,"
  "  version TEXT,"
  "  title TEXT,"
  "  home_page_url TEXT,"
  "  feed_url TEXT,"
  "  description TEXT,"
  "  language TEXT,"
  "  icon TEXT,"
  "  items_left_out INTEGER NOT NULL DEFAULT 0,"
  "  events_left_out INTEGER NOT NULL DEFAULT 0,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  fetched_at INTEGER,"
  "  next_fetch_at INTEGER,"
  "  retry_after INTEGER,"
  "  failures INTEGER NOT NULL DEFAULT 0,"
  "  last_status INTEGER,"
  "  last_error TEXT,"
  "  gone INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE source_authors ("
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (source_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE diagnostics ("
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  severity INTEGER NOT NULL,"
  "  problem INTEGER NOT NULL,"
  "  remedy INTEGER NOT NULL,"
  "  path TEXT,"
  "  line INTEGER NOT NULL,"
  "  col INTEGER NOT NULL,"
  "  byte_offset INTEGER,"
  "  expected INTEGER NOT NULL,"
  "  found INTEGER NOT NULL,"
  "  text TEXT,"
  "  text2 TEXT,"
  "  number INTEGER NOT NULL,"
  "  number2 INTEGER NOT NULL,"
  "  PRIMARY KEY (source_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  guid TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  first_seen_at INTEGER NOT NULL,"
  "  story TEXT,"
  "  translated_from TEXT,"
  "  language TEXT,"
  "  source_name TEXT,"
  "  title TEXT,"
  "  excerpt TEXT NOT NULL DEFAULT '',"
  "  url TEXT,"
  "  external_url TEXT,"
  "  image TEXT,"
  "  base_url TEXT,"
  "  published INTEGER,"
  "  published_offset INTEGER,"
  "  modified INTEGER,"
  "  modified_offset INTEGER,"
  "  has_time INTEGER NOT NULL DEFAULT 0,"
  "  summary TEXT,"
  "  content_html TEXT,"
  "  content_text TEXT,"
  "  search_key BLOB,"
  "  UNIQUE (source_id, guid)"
  ");"
  "CREATE INDEX items_in_order ON items (source_id, position);"
  "CREATE INDEX items_by_date ON items (published);"
  "CREATE TABLE item_authors ("
  "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  url TEXT,"
  "  PRIMARY KEY (item_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE item_tags ("
  "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (item_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE attachments ("
  "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  url TEXT NOT NULL,"
  "  mime_type TEXT,"
  "  title TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  duration INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (item_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE events ("
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  event_id TEXT NOT NULL,"
  "  julian_day INTEGER NOT NULL,"
  "  precision INTEGER NOT NULL,"
  "  person TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  organization TEXT,"
  "  to_organization TEXT,"
  "  role TEXT,"
  "  PRIMARY KEY (source_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE event_sources ("
  "  source_id INTEGER NOT NULL,"
  "  event_position INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  item TEXT NOT NULL,"
  "  paragraph INTEGER NOT NULL,"
  "  quote TEXT,"
  "  PRIMARY KEY (source_id, event_position, position),"
  "  FOREIGN KEY (source_id, event_position) REFERENCES events (source_id, position) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE TABLE reader_state ("
  "  key TEXT PRIMARY KEY,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  position REAL NOT NULL DEFAULT 0,"
  "  read_at INTEGER,"
  "  changed_at INTEGER NOT NULL"
  ") WITHOUT ROWID;",

  /* 2: the bodies and the search keys leave the items' rows, which a
   * start reads whole: reading the list columns of 100 000 items took 29
   * to 31 ms of SQLite's time instead of 113 to 120; the keys, read once
   * the list is complete, are read without the bodies.  A trigger removes
   * both with their item, instead of foreign keys, which checked every row
   * written: an import of 100 000 items wrote for 4.6 s with them, 3.2 s
   * without.
   * The columns are dropped largest first: each drop rewrites the table. */
  "CREATE TABLE item_bodies ("
  "  item_id INTEGER PRIMARY KEY,"
  "  summary TEXT,"
  "  content_html TEXT,"
  "  content_text TEXT"
  ");"
  "CREATE TABLE item_keys ("
  "  item_id INTEGER PRIMARY KEY,"
  "  search_key BLOB NOT NULL"
  ");"
  "INSERT INTO item_bodies SELECT id, summary, content_html, content_text FROM items;"
  "INSERT INTO item_keys SELECT id, search_key FROM items WHERE search_key IS NOT NULL;"
  "ALTER TABLE items DROP COLUMN content_html;"
  "ALTER TABLE items DROP COLUMN content_text;"
  "ALTER TABLE items DROP COLUMN search_key;"
  "ALTER TABLE items DROP COLUMN summary;"
  "CREATE TRIGGER item_removed AFTER DELETE ON items BEGIN"
  "  DELETE FROM item_bodies WHERE item_id = old.id;"
  "  DELETE FROM item_keys WHERE item_id = old.id;"
  "END;",

  /* 3: the title the reader gives a subscription, apart from the feed's
   * own, which every refresh writes again; its icon, and when it was last
   * looked for. */
  "ALTER TABLE sources ADD COLUMN user_title TEXT;"
  "ALTER TABLE sources ADD COLUMN icon_data BLOB;"
  "ALTER TABLE sources ADD COLUMN icon_checked_at INTEGER;",

  /* 4: the picture the list shows for each article, found when it is
   * stored (see chronicle_item_dup_thumbnail()), and for the articles
   * stored before, here. */
  "ALTER TABLE items ADD COLUMN thumbnail TEXT;"
  "UPDATE items SET thumbnail = chronicle_thumbnail (image, "
  "  (SELECT content_html FROM item_bodies WHERE item_id = id), base_url);",
};

/* The tables a database of the current version has. */
static const char * const tables[] = {
  "sources", "source_authors", "diagnostics", "items", "item_bodies", "item_keys", "item_authors",
  "item_tags", "attachments", "events", "event_sources", "reader_state",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHRONICLE_STORE_VERSION);

/**
 * chronicle_store_check_file:
 *
 * Looks at the header of the database file without opening it, so that a
 * file that is not SQLite or was cut short is caught before anything
 * reads it.
 */
ChronicleStoreFile
chronicle_store_check_file (const char *path)
{
  guint8 header[100];
  FILE *file = fopen (path, "rb");
  gsize n;
  GStatBuf buf;
  guint32 page_size, n_pages, change, valid_for;

  if (file == NULL)
    return CHRONICLE_STORE_FILE_MISSING;

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n == 0)
    return CHRONICLE_STORE_FILE_OK;   /* SQLite makes an empty file a database */
  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return CHRONICLE_STORE_FILE_DAMAGED;

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = ((guint32) header[28] << 24) | (header[29] << 16) | (header[30] << 8) | header[31];
  change = ((guint32) header[24] << 24) | (header[25] << 16) | (header[26] << 8) | header[27];
  valid_for = ((guint32) header[92] << 24) | (header[93] << 16) | (header[94] << 8) | header[95];

  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    return CHRONICLE_STORE_FILE_DAMAGED;

  /* The page count is only kept by SQLite ≥ 3.7, and trusted while the
   * change counter says it is current. */
  if (change == valid_for && g_stat (path, &buf) == 0 && (guint64) buf.st_size < (guint64) n_pages * page_size)
    return CHRONICLE_STORE_FILE_DAMAGED;

  return CHRONICLE_STORE_FILE_OK;
}

static gboolean
damaged (sqlite3  *db,
         int       rc,
         GError  **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_DAMAGED, "%s", sqlite3_errmsg (db));
      return FALSE;
    default:
      return chronicle_store_set_error (db, rc, error);
    }
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? TRUE : damaged (db, rc, error);
}

/**
 * chronicle_store_check_ours:
 *
 * Reads, without writing anything, whether @db is a library this Chronicle
 * can open: none yet, or one of this version or an earlier one.  A
 * database of a later version, or one that has tables but no version, is
 * not: %CHRONICLE_ERROR_STORE_DAMAGED.
 *
 * Returns: the version, or -1 on error
 */
gint64
chronicle_store_check_ours (sqlite3  *db,
                            GError  **error)
{
  gint64 current = 0, n_tables = 0;

  if (!query_int (db, "PRAGMA user_version", &current, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return -1;

  if (current > CHRONICLE_STORE_VERSION || current < 0)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_DAMAGED,
                   "the library has version %" G_GINT64_FORMAT ", newer than this Chronicle's %d",
                   current, CHRONICLE_STORE_VERSION);
      return -1;
    }
  if (current == 0 && n_tables > 0)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_DAMAGED,
                   "the file holds a database that is not a Chronicle library");
      return -1;
    }

  return current;
}

/* chronicle_thumbnail(image, content_html, base_url), for migration 4:
 * what chronicle_item_dup_thumbnail() finds for an item of those fields. */
static void
thumbnail_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  g_autoptr(ChronicleItem) item = chronicle_item_new ();
  g_autofree char *thumbnail = NULL;

  item->image = g_strdup ((const char *) sqlite3_value_text (argv[0]));
  item->content_html = g_strdup ((const char *) sqlite3_value_text (argv[1]));
  item->base_url = g_strdup ((const char *) sqlite3_value_text (argv[2]));
  thumbnail = chronicle_item_dup_thumbnail (item);
  if (thumbnail != NULL)
    sqlite3_result_text (context, g_steal_pointer (&thumbnail), -1, g_free);
  else
    sqlite3_result_null (context);
}

/**
 * chronicle_store_migrate_to:
 * @version: the version to bring the database to, at most
 *   %CHRONICLE_STORE_VERSION; the tests make databases of earlier ones
 *
 * Applies the changes of the schema that @db lacks, in one transaction,
 * once chronicle_store_check_ours() agrees.
 */
gboolean
chronicle_store_migrate_to (sqlite3  *db,
                            guint     version,
                            GError  **error)
{
  gint64 current;
  int rc;

  g_return_val_if_fail (version <= CHRONICLE_STORE_VERSION, FALSE);

  current = chronicle_store_check_ours (db, error);
  if (current < 0)
    return FALSE;

  if ((guint) current < version)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);

      rc = sqlite3_create_function (db, "chronicle_thumbnail", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                    thumbnail_function, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return damaged (db, rc, error);

      for (guint i = current; i < version; i++)
        {
          rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            break;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_autoptr(GError) local_error = NULL;

          damaged (db, rc, &local_error);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Version 2 moved the bodies out of the items' rows and left their
       * pages mostly empty: a library of 100 000 items took 915 MB after
       * it, 463 MB once rewritten (1.9 s).  Without the room, it stays as
       * it is. */
      if (current == 1 && version >= 2)
        {
          rc = sqlite3_exec (db, "VACUUM", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            g_warning ("The library could not be compacted after it was brought up to date: %s", sqlite3_errmsg (db));
        }
    }

  if (version == CHRONICLE_STORE_VERSION)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                                                  tables[i]);
          gint64 found = 0;

          if (!query_int (db, sql, &found, error))
            return FALSE;
          if (found != 1)
            {
              g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STORE_DAMAGED,
                           "the library has no table “%s”", tables[i]);
              return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
chronicle_store_migrate (sqlite3  *db,
                         GError  **error)
{
  return chronicle_store_migrate_to (db, CHRONICLE_STORE_VERSION, error);
}
