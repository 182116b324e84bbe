/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include <string.h>

#include "chronicle-diagnostic.h"
#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-store-private.h"
#include "chronicle-threads.h"

/* Reading the library back, on a reader's connection in a worker.  At
 * start only what the list shows is read; an article's body, authors,
 * tags and attachments are read when it is opened. */

/* Dates keep the offset they were written with; the time zones of those
 * offsets are made once per read. */
static GDateTime *
column_date (sqlite3_stmt *stmt,
             int           column,
             GHashTable   *zones)
{
  g_autoptr(GDateTime) utc = NULL;
  int offset;
  GTimeZone *zone;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  utc = g_date_time_new_from_unix_utc_usec (sqlite3_column_int64 (stmt, column));
  offset = sqlite3_column_int (stmt, column + 1);
  if (utc == NULL || offset == 0)
    return g_steal_pointer (&utc);

  zone = g_hash_table_lookup (zones, GINT_TO_POINTER (offset));
  if (zone == NULL)
    {
      zone = g_time_zone_new_offset (offset);
      g_hash_table_insert (zones, GINT_TO_POINTER (offset), zone);
    }
  return g_date_time_to_timezone (utc, zone);
}

static gboolean
finish_rows (sqlite3  *db,
             int       rc,
             GError  **error)
{
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);
  return TRUE;
}

/* The addresses are not among them: only the opened article's are used,
 * and they are the longest of an item's list fields. */
#define LIST_COLUMNS \
  "id, guid, story, translated_from, language, source_name, title, excerpt, " \
  "published, published_offset, modified, modified_offset, has_time, thumbnail"

/* Fills the list fields of @item from a row that starts with
 * LIST_COLUMNS. */
static void
fill_list_fields (ChronicleItem *item,
                  sqlite3_stmt  *stmt,
                  GHashTable    *zones)
{
  const char *source = (const char *) sqlite3_column_text (stmt, 5);

  item->store_id = sqlite3_column_int64 (stmt, 0);
  item->id = chronicle_store_column_dup (stmt, 1);
  item->story = chronicle_store_column_dup (stmt, 2);
  item->translated_from = chronicle_store_column_dup (stmt, 3);
  item->language = chronicle_store_column_dup (stmt, 4);
  item->source = source != NULL ? g_ref_string_new_intern (source) : NULL;
  item->title = chronicle_store_column_dup (stmt, 6);
  item->excerpt = chronicle_store_column_dup (stmt, 7);
  item->date_published = column_date (stmt, 8, zones);
  item->date_modified = column_date (stmt, 10, zones);
  item->has_time = sqlite3_column_int (stmt, 12) != 0;
  item->thumbnail = chronicle_store_column_dup (stmt, 13);
  item->thumbnail_known = TRUE;
}

static GHashTable *
zones_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_time_zone_unref);
}

/* A range of positions of a source's items, read on a connection of its
 * own. */
typedef struct
{
  sqlite3      *db;
  gint64        source_id;
  gint64        first;
  gint64        end;
  GPtrArray    *items;
  GCancellable *cancellable;
  GError       *error;
} ItemRange;

static gpointer
read_item_range (gpointer data)
{
  ItemRange *range = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) zones = zones_new ();
  int rc;

  stmt = chronicle_store_prepare (range->db, "SELECT " LIST_COLUMNS " FROM items WHERE source_id = ? AND "
                                  "position >= ? AND position < ? ORDER BY position", &range->error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, range->source_id);
  sqlite3_bind_int64 (stmt, 2, range->first);
  sqlite3_bind_int64 (stmt, 3, range->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronicleItem *item = chronicle_item_new ();

      fill_list_fields (item, stmt, zones);
      item->partial = TRUE;
      g_ptr_array_add (range->items, item);

      if ((range->items->len & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (range->cancellable, &range->error))
        return NULL;
    }

  finish_rows (range->db, rc, &range->error);
  return NULL;
}

static gboolean
read_items (sqlite3               **dbs,
            guint                   n_dbs,
            gint64                  source_id,
            ChronicleStoredSource  *source,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree ItemRange *ranges = NULL;
  gint64 end = 0;
  guint n_parts;
  gboolean ok = TRUE;

  stmt = chronicle_store_prepare (dbs[0], "SELECT count(*), max(position) + 1 FROM items WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return chronicle_store_set_error (dbs[0], sqlite3_errcode (dbs[0]), error);
  end = sqlite3_column_int64 (stmt, 1);
  /* A large source in parts, one for each connection. */
  n_parts = MIN (n_dbs, chronicle_n_parts (MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT)));

  ranges = g_new0 (ItemRange, n_parts);
  for (guint p = 0; p < n_parts; p++)
    ranges[p] = (ItemRange) { dbs[p], source_id, end * p / n_parts, p + 1 < n_parts ? end * (p + 1) / n_parts : G_MAXINT64,
                              g_ptr_array_new_with_free_func (g_object_unref), cancellable, NULL };
  chronicle_run_parts (read_item_range, ranges, sizeof *ranges, n_parts);

  for (guint p = 0; p < n_parts; p++)
    {
      if (ok && ranges[p].error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&ranges[p].error));
          ok = FALSE;
        }
      g_clear_error (&ranges[p].error);
      if (ok)
        g_ptr_array_extend_and_steal (source->feed->items, g_steal_pointer (&ranges[p].items));
      else
        g_ptr_array_unref (ranges[p].items);
    }

  return ok;
}

/**
 * chronicle_store_read_newest:
 * @except: (nullable): the key of a source not to read
 *
 * Reads the list fields of the @limit newest items of all sources, for
 * the list to show while the rest is read.
 *
 * Returns: (transfer full) (nullable): a feed of them
 */
ChronicleFeed *
chronicle_store_read_newest (sqlite3     *db,
                             const char  *except,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) zones = zones_new ();
  g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT " LIST_COLUMNS " FROM items WHERE source_id NOT IN "
                                  "(SELECT id FROM sources WHERE key IS ?1) ORDER BY published DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  if (except != NULL)
    sqlite3_bind_text (stmt, 1, except, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronicleItem *item = chronicle_item_new ();

      fill_list_fields (item, stmt, zones);
      item->partial = TRUE;
      g_ptr_array_add (feed->items, item);
    }

  if (!finish_rows (db, rc, error))
    return NULL;
  return g_steal_pointer (&feed);
}

/**
 * chronicle_store_read_keys:
 * @feed: a feed read from the store
 * @keys: (out): the folded search key of each of @feed's items, "" for
 *   one the store no longer has
 * @lengths: (out): their lengths
 *
 * Reads the search keys of the items of the source @key, folded when they
 * were stored.
 */
gboolean
chronicle_store_read_keys (sqlite3                      *db,
                           const char                   *key,
                           ChronicleFeed                *feed,
                           ChronicleSearchTableBuilder  *builder,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = feed->items->len;
  g_autofree guint8 *done = g_new0 (guint8, n);
  guint n_read = 0;
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT items.id, search_key FROM items JOIN sources ON sources.id = source_id "
                                  "LEFT JOIN item_keys ON item_id = items.id WHERE sources.key = ?", error);
  if (stmt == NULL)
    return FALSE;

  /* By row, not by order: the rows the list was made from. */
  for (guint i = 0; i < n; i++)
    {
      ChronicleItem *item = g_ptr_array_index (feed->items, i);

      g_hash_table_insert (positions, &item->store_id, GUINT_TO_POINTER (i + 1));
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, &id));
      const void *blob = sqlite3_column_blob (stmt, 1);

      if (position == 0 || done[position - 1])
        continue;
      done[position - 1] = TRUE;
      if (blob != NULL)
        chronicle_search_table_builder_set_key (builder, position - 1, blob, sqlite3_column_bytes (stmt, 1));
      if ((++n_read & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error) && finish_rows (db, rc, error);
}

static gboolean
read_events (sqlite3         *db,
             gint64           source_id,
             ChronicleFeed   *feed,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) cited = NULL;
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT position, event_id, julian_day, precision, person, kind, organization, "
                                  "to_organization, role FROM events WHERE source_id = ? ORDER BY position", error);
  cited = chronicle_store_prepare (db, "SELECT item, paragraph, quote FROM event_sources "
                                   "WHERE source_id = ? AND event_position = ? ORDER BY position", error);
  if (stmt == NULL || cited == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ChronicleEvent) event = NULL;
      ChronicleEventKind kind;
      gint64 julian = sqlite3_column_int64 (stmt, 2);
      GDate date;

      /* A row no Chronicle writes is left out rather than trusted. */
      if (!g_date_valid_julian (julian) || sqlite3_column_text (stmt, 4) == NULL ||
          !chronicle_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &kind))
        continue;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      event = chronicle_event_new ((const char *) sqlite3_column_text (stmt, 1), &date,
                                   CLAMP (sqlite3_column_int (stmt, 3), CHRONICLE_PRECISION_DAY, CHRONICLE_PRECISION_YEAR),
                                   (const char *) sqlite3_column_text (stmt, 4), kind,
                                   (const char *) sqlite3_column_text (stmt, 6),
                                   (const char *) sqlite3_column_text (stmt, 7),
                                   (const char *) sqlite3_column_text (stmt, 8), feed->events->len);

      sqlite3_bind_int64 (cited, 1, source_id);
      sqlite3_bind_int (cited, 2, sqlite3_column_int (stmt, 0));
      while (sqlite3_step (cited) == SQLITE_ROW)
        chronicle_event_add_source (event, (const char *) sqlite3_column_text (cited, 0), sqlite3_column_int (cited, 1),
                                    (const char *) sqlite3_column_text (cited, 2));
      sqlite3_reset (cited);
      g_ptr_array_add (feed->events, g_steal_pointer (&event));
    }

  return finish_rows (db, rc, error);
}

static gboolean
read_source_details (sqlite3                *db,
                     gint64                  source_id,
                     ChronicleStoredSource  *source,
                     GError                **error)
{
  g_autoptr(sqlite3_stmt) authors = NULL;
  g_autoptr(sqlite3_stmt) diagnostics = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  authors = chronicle_store_prepare (db, "SELECT name FROM source_authors WHERE source_id = ? ORDER BY position", error);
  diagnostics = chronicle_store_prepare (db, "SELECT severity, problem, remedy, path, line, col, byte_offset, expected, "
                                         "found, text, text2, number, number2 FROM diagnostics WHERE source_id = ? "
                                         "ORDER BY position", error);
  if (authors == NULL || diagnostics == NULL)
    return FALSE;

  sqlite3_bind_int64 (authors, 1, source_id);
  while ((rc = sqlite3_step (authors)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (authors, 0));
  if (!finish_rows (db, rc, error))
    return FALSE;
  source->feed->authors = g_strv_builder_end (names);
  if (source->feed->authors[0] == NULL)
    g_clear_pointer (&source->feed->authors, g_strfreev);

  sqlite3_bind_int64 (diagnostics, 1, source_id);
  while ((rc = sqlite3_step (diagnostics)) == SQLITE_ROW)
    {
      ChronicleDiagnostic *d = chronicle_diagnostic_new (sqlite3_column_int (diagnostics, 0),
                                                         sqlite3_column_int (diagnostics, 1),
                                                         (const char *) sqlite3_column_text (diagnostics, 3));

      d->remedy = sqlite3_column_int (diagnostics, 2);
      d->position.line = sqlite3_column_int (diagnostics, 4);
      d->position.column = sqlite3_column_int (diagnostics, 5);
      d->position.offset = sqlite3_column_type (diagnostics, 6) == SQLITE_NULL
                           ? CHRONICLE_OFFSET_UNKNOWN : (gsize) sqlite3_column_int64 (diagnostics, 6);
      d->expected = sqlite3_column_int (diagnostics, 7);
      d->found = sqlite3_column_int (diagnostics, 8);
      d->text = chronicle_store_column_dup (diagnostics, 9);
      d->text2 = chronicle_store_column_dup (diagnostics, 10);
      d->number = sqlite3_column_int64 (diagnostics, 11);
      d->number2 = sqlite3_column_int64 (diagnostics, 12);
      g_ptr_array_add (source->diagnostics, d);
    }

  return finish_rows (db, rc, error);
}

/* The sources whose key is @key (@only) or is not (!@only). */
static GPtrArray *
read_sources (sqlite3      **dbs,
              guint          n_dbs,
              const char    *key,
              gboolean       only,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_stored_source_free);
  sqlite3 *db = dbs[0];
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT id, key, kind, name, location, content_hash, version, title, home_page_url, "
                                  "feed_url, description, language, icon, items_left_out, events_left_out "
                                  "FROM sources WHERE CASE WHEN ?2 THEN key = ?1 ELSE key IS NOT ?1 END "
                                  "ORDER BY added_at, id", error);
  if (stmt == NULL)
    return NULL;

  chronicle_store_bind_text (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, only);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
      ChronicleStoredSource *source;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      feed->version = chronicle_store_column_dup (stmt, 6);
      feed->title = chronicle_store_column_dup (stmt, 7);
      feed->home_page_url = chronicle_store_column_dup (stmt, 8);
      feed->feed_url = chronicle_store_column_dup (stmt, 9);
      feed->description = chronicle_store_column_dup (stmt, 10);
      feed->language = chronicle_store_column_dup (stmt, 11);
      feed->icon = chronicle_store_column_dup (stmt, 12);
      feed->n_items_left_out = sqlite3_column_int (stmt, 13);
      feed->n_events_left_out = sqlite3_column_int (stmt, 14);

      source = chronicle_stored_source_new ((const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                                            (const char *) sqlite3_column_text (stmt, 3), feed);
      source->location = chronicle_store_column_dup (stmt, 4);
      source->content_hash = chronicle_store_column_dup (stmt, 5);
      g_ptr_array_add (sources, source);

      if (!read_source_details (db, id, source, error) ||
          !read_events (db, id, source->feed, error) ||
          !read_items (dbs, n_dbs, id, source, cancellable, error))
        return NULL;
    }

  if (!finish_rows (db, rc, error))
    return NULL;
  return g_steal_pointer (&sources);
}

/**
 * chronicle_store_read_sources:
 * @dbs: (array length=n_dbs): connections in read transactions on one
 *   snapshot (see chronicle_store_acquire_snapshot()), for reading a large
 *   source in parts
 * @except: (nullable): the key of a source not to read
 *
 * Reads every source but @except, in the order they were added, with the
 * list fields of their items.
 *
 * Returns: (transfer full) (element-type ChronicleStoredSource): the
 *   sources, or %NULL on error
 */
GPtrArray *
chronicle_store_read_sources (sqlite3      **dbs,
                              guint          n_dbs,
                              const char    *except,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return read_sources (dbs, n_dbs, except, FALSE, cancellable, error);
}

/**
 * chronicle_store_read_source:
 * @key: the source's key
 *
 * Reads one source as chronicle_store_read_sources() does.
 *
 * Returns: (transfer full) (nullable): the source; %NULL without @error
 *   set when there is none of that key
 */
ChronicleStoredSource *
chronicle_store_read_source (sqlite3      **dbs,
                             guint          n_dbs,
                             const char    *key,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  sources = read_sources (dbs, n_dbs, key, TRUE, cancellable, error);
  if (sources == NULL || sources->len == 0)
    return NULL;
  return g_ptr_array_steal_index (sources, 0);
}

/**
 * chronicle_store_read_states:
 *
 * Returns: (transfer full) (element-type ChronicleStateRow): the reader's
 *   state of every story they touched, or %NULL on error
 */
GArray *
chronicle_store_read_states (sqlite3  *db,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ChronicleStateRow));
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) chronicle_state_row_clear);

  stmt = chronicle_store_prepare (db, "SELECT key, read, starred, position, read_at FROM reader_state", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronicleStateRow row = {
        chronicle_store_column_dup (stmt, 0),
        sqlite3_column_int (stmt, 1) != 0,
        sqlite3_column_int (stmt, 2) != 0,
        CLAMP (sqlite3_column_double (stmt, 3), 0.0, 1.0),
        sqlite3_column_int64 (stmt, 4),
      };

      if (row.key == NULL)
        continue;
      g_array_append_val (rows, row);
    }

  if (!finish_rows (db, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static char **
read_strings (sqlite3      *db,
              const char   *sql,
              gint64        id,
              int           column,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, column);

      /* An author without an address has "" for it, as the parsers give. */
      g_strv_builder_add (builder, text != NULL ? text : "");
    }
  if (!finish_rows (db, rc, error))
    return NULL;

  strings = g_strv_builder_end (builder);
  return g_steal_pointer (&strings);
}

static gboolean
read_attachments (sqlite3        *db,
                  ChronicleItem  *item,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT url, mime_type, title, size, duration FROM attachments "
                                  "WHERE item_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->store_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronicleAttachment *attachment = chronicle_attachment_new ((const char *) sqlite3_column_text (stmt, 0));

      attachment->mime_type = chronicle_store_column_dup (stmt, 1);
      attachment->title = chronicle_store_column_dup (stmt, 2);
      attachment->size = sqlite3_column_int64 (stmt, 3);
      attachment->duration = sqlite3_column_int64 (stmt, 4);
      if (item->attachments == NULL)
        item->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_attachment_free);
      g_ptr_array_add (item->attachments, attachment);
    }

  return finish_rows (db, rc, error);
}

static void
drop_empty (char ***strings)
{
  if (*strings != NULL && (*strings)[0] == NULL)
    g_clear_pointer (strings, g_strfreev);
}

/**
 * chronicle_store_read_item:
 * @id: the item's row, chronicle_item_get_partial() items keep it
 *
 * Returns: (transfer full) (nullable): the whole item, or %NULL when it is
 *   no longer stored (@error unset) or on error
 */
ChronicleItem *
chronicle_store_read_item (sqlite3  *db,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ChronicleItem) item = NULL;
  g_autoptr(GHashTable) zones = zones_new ();
  gboolean has_urls = FALSE;
  int rc;

  if (!chronicle_store_exec (db, "BEGIN", error))
    return NULL;

  stmt = chronicle_store_prepare (db, "SELECT " LIST_COLUMNS ", summary, content_html, content_text, url, external_url, image, "
                                  "base_url FROM items LEFT JOIN item_bodies ON item_id = id WHERE id = ?", error);
  if (stmt == NULL)
    goto done;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      finish_rows (db, rc, error);
      goto done;
    }

  item = chronicle_item_new ();
  fill_list_fields (item, stmt, zones);
  item->summary = chronicle_store_column_dup (stmt, 14);
  item->content_html = chronicle_store_column_dup (stmt, 15);
  item->content_text = chronicle_store_column_dup (stmt, 16);
  item->url = chronicle_store_column_dup (stmt, 17);
  item->external_url = chronicle_store_column_dup (stmt, 18);
  item->image = chronicle_store_column_dup (stmt, 19);
  item->base_url = chronicle_store_column_dup (stmt, 20);

  item->authors = read_strings (db, "SELECT name FROM item_authors WHERE item_id = ? ORDER BY position", id, 0,
                                error);
  item->author_urls = read_strings (db, "SELECT url FROM item_authors WHERE item_id = ? ORDER BY position", id, 0,
                                    error);
  item->tags = read_strings (db, "SELECT tag FROM item_tags WHERE item_id = ? ORDER BY position", id, 0, error);
  if (item->authors == NULL || item->author_urls == NULL || item->tags == NULL || !read_attachments (db, item, error))
    {
      g_clear_object (&item);
      goto done;
    }

  for (guint i = 0; item->author_urls[i] != NULL; i++)
    has_urls |= item->author_urls[i][0] != '\0';
  if (!has_urls)
    g_clear_pointer (&item->author_urls, g_strfreev);
  drop_empty (&item->authors);
  drop_empty (&item->tags);

done:
  chronicle_store_exec (db, "COMMIT", NULL);
  return g_steal_pointer (&item);
}
