/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include "chronicle-diagnostic.h"
#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-store-private.h"

/* The changes the library makes to the store.  Each runs on the writer
 * thread inside the writer's transaction (see chronicle-store.c). */

ChronicleStoredSource *
chronicle_stored_source_new (const char          *key,
                             ChronicleSourceKind  kind,
                             const char          *name,
                             ChronicleFeed       *feed)
{
  ChronicleStoredSource *source = g_new0 (ChronicleStoredSource, 1);

  source->key = g_strdup (key);
  source->kind = kind;
  source->name = g_strdup (name);
  source->feed = feed != NULL ? g_object_ref (feed) : NULL;
  source->diagnostics = chronicle_diagnostics_new ();
  return source;
}

void
chronicle_stored_source_free (ChronicleStoredSource *source)
{
  g_free (source->key);
  g_free (source->name);
  g_free (source->location);
  g_free (source->content_hash);
  g_clear_object (&source->feed);
  g_clear_pointer (&source->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&source->table, chronicle_search_table_unref);
  chronicle_fetch_state_clear (&source->fetch);
  g_free (source->folder);
  g_free (source->user_title);
  g_free (source);
}

void
chronicle_state_row_clear (ChronicleStateRow *row)
{
  g_clear_pointer (&row->key, g_free);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *date)
{
  if (date != NULL)
    {
      sqlite3_bind_int64 (stmt, column, g_date_time_to_unix_usec (date));
      sqlite3_bind_int64 (stmt, column + 1, g_date_time_get_utc_offset (date) / G_TIME_SPAN_SECOND);
    }
  else
    {
      sqlite3_bind_null (stmt, column);
      sqlite3_bind_null (stmt, column + 1);
    }
}

/* Runs a statement that returns no rows, and resets it for the next. */
static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return chronicle_store_set_error (db, rc, error);
  return TRUE;
}

static gboolean
exec_with_id (sqlite3     *db,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (db, stmt, error);
}

/* The row of the source with @key, with its content hash, or 0. */
static gint64
find_source (sqlite3     *db,
             const char  *key,
             char       **content_hash,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT id, content_hash FROM sources WHERE key = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;

  chronicle_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (content_hash != NULL)
        *content_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    {
      chronicle_store_set_error (db, rc, error);
      return -1;
    }
  return id;
}

#define SOURCE_FIELDS \
  "kind, name, location, updated_at, content_hash, version, title, home_page_url, feed_url, " \
  "description, language, icon, items_left_out, events_left_out"

static gboolean
write_source_row (sqlite3                *db,
                  ChronicleStoredSource  *source,
                  gint64                 *id,
                  GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ChronicleFeed *feed = source->feed;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (*id > 0)
    stmt = chronicle_store_prepare (db, "UPDATE sources SET (" SOURCE_FIELDS ") = "
                                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) WHERE id = ?15", error);
  else
    stmt = chronicle_store_prepare (db, "INSERT INTO sources (" SOURCE_FIELDS ", key, added_at) VALUES "
                                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16, ?4)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, source->kind);
  chronicle_store_bind_text (stmt, 2, source->name);
  chronicle_store_bind_text (stmt, 3, source->location);
  sqlite3_bind_int64 (stmt, 4, now);
  chronicle_store_bind_text (stmt, 5, source->content_hash);
  chronicle_store_bind_text (stmt, 6, feed->version);
  chronicle_store_bind_text (stmt, 7, feed->title);
  chronicle_store_bind_text (stmt, 8, feed->home_page_url);
  chronicle_store_bind_text (stmt, 9, feed->feed_url);
  chronicle_store_bind_text (stmt, 10, feed->description);
  chronicle_store_bind_text (stmt, 11, feed->language);
  chronicle_store_bind_text (stmt, 12, feed->icon);
  sqlite3_bind_int (stmt, 13, feed->n_items_left_out);
  sqlite3_bind_int (stmt, 14, feed->n_events_left_out);
  if (*id > 0)
    sqlite3_bind_int64 (stmt, 15, *id);
  else
    chronicle_store_bind_text (stmt, 16, source->key);

  if (!step_done (db, stmt, error))
    return FALSE;
  if (*id <= 0)
    *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

static gboolean
write_source_details (sqlite3                *db,
                      gint64                  id,
                      ChronicleStoredSource  *source,
                      GError                **error)
{
  g_autoptr(sqlite3_stmt) author = NULL;
  g_autoptr(sqlite3_stmt) diagnostic = NULL;

  author = chronicle_store_prepare (db, "INSERT INTO source_authors VALUES (?, ?, ?)", error);
  diagnostic = chronicle_store_prepare (db, "INSERT INTO diagnostics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                        error);
  if (author == NULL || diagnostic == NULL)
    return FALSE;

  for (guint i = 0; source->feed->authors != NULL && source->feed->authors[i] != NULL; i++)
    {
      sqlite3_bind_int64 (author, 1, id);
      sqlite3_bind_int (author, 2, i);
      chronicle_store_bind_text (author, 3, source->feed->authors[i]);
      if (!step_done (db, author, error))
        return FALSE;
    }

  for (guint i = 0; source->diagnostics != NULL && i < source->diagnostics->len; i++)
    {
      const ChronicleDiagnostic *d = g_ptr_array_index (source->diagnostics, i);

      sqlite3_bind_int64 (diagnostic, 1, id);
      sqlite3_bind_int (diagnostic, 2, i);
      sqlite3_bind_int (diagnostic, 3, d->severity);
      sqlite3_bind_int (diagnostic, 4, d->problem);
      sqlite3_bind_int (diagnostic, 5, d->remedy);
      chronicle_store_bind_text (diagnostic, 6, d->path);
      sqlite3_bind_int (diagnostic, 7, d->position.line);
      sqlite3_bind_int (diagnostic, 8, d->position.column);
      if (d->position.offset != CHRONICLE_OFFSET_UNKNOWN)
        sqlite3_bind_int64 (diagnostic, 9, d->position.offset);
      sqlite3_bind_int (diagnostic, 10, d->expected);
      sqlite3_bind_int (diagnostic, 11, d->found);
      chronicle_store_bind_text (diagnostic, 12, d->text);
      chronicle_store_bind_text (diagnostic, 13, d->text2);
      sqlite3_bind_int64 (diagnostic, 14, d->number);
      sqlite3_bind_int64 (diagnostic, 15, d->number2);
      if (!step_done (db, diagnostic, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_events (sqlite3        *db,
              gint64          id,
              ChronicleFeed  *feed,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) event = NULL;
  g_autoptr(sqlite3_stmt) cited = NULL;

  if (feed->events == NULL || feed->events->len == 0)
    return TRUE;

  event = chronicle_store_prepare (db, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  cited = chronicle_store_prepare (db, "INSERT INTO event_sources VALUES (?, ?, ?, ?, ?, ?)", error);
  if (event == NULL || cited == NULL)
    return FALSE;

  for (guint i = 0; i < feed->events->len; i++)
    {
      ChronicleEvent *e = g_ptr_array_index (feed->events, i);

      sqlite3_bind_int64 (event, 1, id);
      sqlite3_bind_int (event, 2, i);
      chronicle_store_bind_text (event, 3, chronicle_event_get_id (e));
      sqlite3_bind_int64 (event, 4, g_date_get_julian (chronicle_event_get_date (e)));
      sqlite3_bind_int (event, 5, chronicle_event_get_precision (e));
      chronicle_store_bind_text (event, 6, chronicle_event_get_person (e));
      chronicle_store_bind_text (event, 7, chronicle_event_kind_to_string (chronicle_event_get_kind (e)));
      chronicle_store_bind_text (event, 8, chronicle_event_get_organization (e));
      chronicle_store_bind_text (event, 9, chronicle_event_get_to_organization (e));
      chronicle_store_bind_text (event, 10, chronicle_event_get_role (e));
      if (!step_done (db, event, error))
        return FALSE;

      for (guint j = 0; j < chronicle_event_get_n_sources (e); j++)
        {
          const ChronicleEventSource *source = chronicle_event_get_source (e, j);

          sqlite3_bind_int64 (cited, 1, id);
          sqlite3_bind_int (cited, 2, i);
          sqlite3_bind_int (cited, 3, j);
          chronicle_store_bind_text (cited, 4, source->item);
          sqlite3_bind_int (cited, 5, source->paragraph);
          chronicle_store_bind_text (cited, 6, source->quote);
          if (!step_done (db, cited, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The statements of writing items, prepared once per source. */
typedef struct
{
  sqlite3_stmt *item;
  sqlite3_stmt *body;
  sqlite3_stmt *key;
  sqlite3_stmt *clear[3];
  sqlite3_stmt *author;
  sqlite3_stmt *tag;
  sqlite3_stmt *attachment;
  sqlite3_stmt *seen;
} ItemStatements;

static void
item_statements_clear (ItemStatements *s)
{
  g_clear_pointer (&s->item, sqlite3_finalize);
  g_clear_pointer (&s->body, sqlite3_finalize);
  g_clear_pointer (&s->key, sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (s->clear); i++)
    g_clear_pointer (&s->clear[i], sqlite3_finalize);
  g_clear_pointer (&s->author, sqlite3_finalize);
  g_clear_pointer (&s->tag, sqlite3_finalize);
  g_clear_pointer (&s->attachment, sqlite3_finalize);
  g_clear_pointer (&s->seen, sqlite3_finalize);
}

#define ITEM_FIELDS \
  "position, story, translated_from, language, source_name, title, excerpt, url, external_url, image, " \
  "base_url, published, published_offset, modified, modified_offset, has_time, thumbnail"

static gboolean
prepare_items (sqlite3         *db,
               ItemStatements  *s,
               GError         **error)
{
  s->item = chronicle_store_prepare (db,
    "INSERT INTO items (source_id, guid, first_seen_at, " ITEM_FIELDS ") VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) "
    "ON CONFLICT (source_id, guid) DO UPDATE SET (" ITEM_FIELDS ") = "
    "(?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) "
    "RETURNING id", error);
  s->body = chronicle_store_prepare (db, "INSERT OR REPLACE INTO item_bodies (item_id, summary, content_html, "
                                     "content_text) VALUES (?, ?, ?, ?)", error);
  s->key = chronicle_store_prepare (db, "INSERT OR REPLACE INTO item_keys (item_id, search_key) VALUES (?, ?)", error);
  s->clear[0] = chronicle_store_prepare (db, "DELETE FROM item_authors WHERE item_id = ?", error);
  s->clear[1] = chronicle_store_prepare (db, "DELETE FROM item_tags WHERE item_id = ?", error);
  s->clear[2] = chronicle_store_prepare (db, "DELETE FROM attachments WHERE item_id = ?", error);
  s->author = chronicle_store_prepare (db, "INSERT INTO item_authors VALUES (?, ?, ?, ?)", error);
  s->tag = chronicle_store_prepare (db, "INSERT INTO item_tags VALUES (?, ?, ?)", error);
  s->attachment = chronicle_store_prepare (db, "INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  s->seen = chronicle_store_prepare (db, "INSERT OR IGNORE INTO temp.seen VALUES (?)", error);

  return s->item != NULL && s->body != NULL && s->key != NULL && s->clear[0] != NULL && s->clear[1] != NULL &&
         s->clear[2] != NULL && s->author != NULL && s->tag != NULL && s->attachment != NULL && s->seen != NULL;
}

static gboolean
write_item_details (sqlite3         *db,
                    ItemStatements  *s,
                    gint64           item_id,
                    ChronicleItem   *item,
                    gboolean         replacing,
                    GError         **error)
{
  for (guint i = 0; replacing && i < G_N_ELEMENTS (s->clear); i++)
    {
      sqlite3_bind_int64 (s->clear[i], 1, item_id);
      if (!step_done (db, s->clear[i], error))
        return FALSE;
    }

  for (guint i = 0; item->authors != NULL && item->authors[i] != NULL; i++)
    {
      const char *url = item->author_urls != NULL ? item->author_urls[i] : NULL;

      sqlite3_bind_int64 (s->author, 1, item_id);
      sqlite3_bind_int (s->author, 2, i);
      chronicle_store_bind_text (s->author, 3, item->authors[i]);
      chronicle_store_bind_text (s->author, 4, url != NULL && url[0] != '\0' ? url : NULL);
      if (!step_done (db, s->author, error))
        return FALSE;
    }

  for (guint i = 0; item->tags != NULL && item->tags[i] != NULL; i++)
    {
      sqlite3_bind_int64 (s->tag, 1, item_id);
      sqlite3_bind_int (s->tag, 2, i);
      chronicle_store_bind_text (s->tag, 3, item->tags[i]);
      if (!step_done (db, s->tag, error))
        return FALSE;
    }

  for (guint i = 0; item->attachments != NULL && i < item->attachments->len; i++)
    {
      const ChronicleAttachment *a = g_ptr_array_index (item->attachments, i);

      sqlite3_bind_int64 (s->attachment, 1, item_id);
      sqlite3_bind_int (s->attachment, 2, i);
      chronicle_store_bind_text (s->attachment, 3, a->url);
      chronicle_store_bind_text (s->attachment, 4, a->mime_type);
      chronicle_store_bind_text (s->attachment, 5, a->title);
      sqlite3_bind_int64 (s->attachment, 6, a->size);
      sqlite3_bind_int64 (s->attachment, 7, a->duration);
      if (!step_done (db, s->attachment, error))
        return FALSE;
    }

  return TRUE;
}

/* Binds the folded search key of the item at @position as the second
 * value of @stmt: from the source's table, or folded here. */
static void
bind_key (sqlite3_stmt          *stmt,
          ChronicleStoredSource *source,
          guint                  position)
{
  const int column = 2;
  gsize length;

  if (source->table != NULL && position < chronicle_search_table_get_n_keys (source->table))
    {
      char *key = chronicle_search_table_dup_key (source->table, position, &length);

      sqlite3_bind_blob64 (stmt, column, key, length, g_free);
    }
  else
    {
      char *key = chronicle_item_dup_search_key (chronicle_feed_get_item (source->feed, position), &length);

      sqlite3_bind_blob64 (stmt, column, key, length, g_free);
    }
}

/* Writes the item at @index of @source's feed at @position among the
 * source's items. */
static gboolean
write_item (sqlite3                *db,
            ItemStatements         *s,
            gint64                  source_id,
            ChronicleStoredSource  *source,
            guint                   index,
            gint64                  position,
            gboolean                replacing,
            GError                **error)
{
  ChronicleItem *item = chronicle_feed_get_item (source->feed, index);
  sqlite3_stmt *stmt = s->item;
  g_autofree char *stand_in = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *thumbnail = NULL;
  gint64 item_id;
  int rc;

  /* Items the store gave with their list fields only are not written
   * again; that would lose their bodies. */
  g_return_val_if_fail (!item->partial, FALSE);

  if (item->id == NULL)
    stand_in = chronicle_item_dup_stand_in_id (item);

  excerpt = chronicle_item_dup_excerpt (item);
  thumbnail = chronicle_item_dup_thumbnail (item);
  sqlite3_bind_int64 (stmt, 1, source_id);
  chronicle_store_bind_text (stmt, 2, item->id != NULL ? item->id : stand_in);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 4, position);
  chronicle_store_bind_text (stmt, 5, item->story);
  chronicle_store_bind_text (stmt, 6, item->translated_from);
  chronicle_store_bind_text (stmt, 7, item->language);
  chronicle_store_bind_text (stmt, 8, item->source);
  chronicle_store_bind_text (stmt, 9, item->title);
  chronicle_store_bind_text (stmt, 10, excerpt);
  chronicle_store_bind_text (stmt, 11, item->url);
  chronicle_store_bind_text (stmt, 12, item->external_url);
  chronicle_store_bind_text (stmt, 13, item->image);
  chronicle_store_bind_text (stmt, 14, item->base_url);
  bind_date (stmt, 15, item->date_published);
  bind_date (stmt, 17, item->date_modified);
  sqlite3_bind_int (stmt, 19, item->has_time);
  chronicle_store_bind_text (stmt, 20, thumbnail);

  rc = sqlite3_step (stmt);
  item_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return chronicle_store_set_error (db, rc, error);

  sqlite3_bind_int64 (s->body, 1, item_id);
  chronicle_store_bind_text (s->body, 2, item->summary);
  chronicle_store_bind_text (s->body, 3, item->content_html);
  chronicle_store_bind_text (s->body, 4, item->content_text);
  if (!step_done (db, s->body, error))
    return FALSE;

  sqlite3_bind_int64 (s->key, 1, item_id);
  bind_key (s->key, source, index);
  if (!step_done (db, s->key, error))
    return FALSE;

  if (replacing)
    {
      sqlite3_bind_int64 (s->seen, 1, item_id);
      if (!step_done (db, s->seen, error))
        return FALSE;
    }

  return write_item_details (db, s, item_id, item, replacing, error);
}

/* How many of @source's items the store does not have yet. */
static gboolean
count_new_items (sqlite3                *db,
                 gint64                  source_id,
                 ChronicleStoredSource  *source,
                 GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT 1 FROM items WHERE source_id = ? AND guid = ?",
                                                          error);

  if (stmt == NULL)
    return FALSE;

  source->n_new = 0;
  for (guint i = 0; i < chronicle_feed_get_n_items (source->feed); i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (source->feed, i);
      g_autofree char *stand_in = item->id == NULL ? chronicle_item_dup_stand_in_id (item) : NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, source_id);
      chronicle_store_bind_text (stmt, 2, item->id != NULL ? item->id : stand_in);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        source->n_new++;
      else if (rc != SQLITE_ROW)
        return chronicle_store_set_error (db, rc, error);
    }
  return TRUE;
}

/* The first position for a web source's items of this fetch: after those
 * stored, so that positions stay in the order they were seen. */
static gint64
next_position (sqlite3  *db,
               gint64    source_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT coalesce(max(position) + 1, 0) FROM items "
                                                          "WHERE source_id = ?", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      chronicle_store_set_error (db, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Replaces the items of a source that was there before: those of the new
 * text are written over the old ones with the same id, and those it no
 * longer has are removed, but for a web source, whose feed only has the
 * latest: its items stay until retention removes them.  The reader's
 * state, kept by story, stays. */
static gboolean
write_items (sqlite3                *db,
             gint64                  source_id,
             ChronicleStoredSource  *source,
             gboolean                replacing,
             GError                **error)
{
  ItemStatements s = { NULL };
  gboolean ok = TRUE;
  gint64 first = 0;

  if (source->kind == CHRONICLE_SOURCE_WEB)
    {
      if (!count_new_items (db, source_id, source, error) ||
          (first = next_position (db, source_id, error)) < 0)
        return FALSE;
      replacing = FALSE;
    }

  if (!chronicle_store_exec (db, "CREATE TEMP TABLE IF NOT EXISTS seen (id INTEGER PRIMARY KEY);"
                                 "DELETE FROM temp.seen", error))
    return FALSE;

  if (!prepare_items (db, &s, error))
    {
      item_statements_clear (&s);
      return FALSE;
    }

  for (guint i = 0; ok && i < chronicle_feed_get_n_items (source->feed); i++)
    ok = write_item (db, &s, source_id, source, i, first + i, replacing, error);
  item_statements_clear (&s);

  if (ok && replacing)
    ok = exec_with_id (db, "DELETE FROM items WHERE source_id = ? AND id NOT IN (SELECT id FROM temp.seen)",
                       source_id, error) &&
         chronicle_store_exec (db, "DELETE FROM temp.seen", error);
  return ok;
}

/**
 * chronicle_store_put_source:
 * @source: a #ChronicleStoredSource whose feed holds whole items
 *
 * Writes a source with its items, events and diagnostics, over the source
 * of the same key if there is one.  A source whose content hash is the one
 * stored is left as it is.
 */
gboolean
chronicle_store_put_source (sqlite3  *db,
                            gpointer  data,
                            GError  **error)
{
  ChronicleStoredSource *source = data;
  g_autofree char *stored_hash = NULL;
  gint64 id = find_source (db, source->key, &stored_hash, error);
  gboolean replacing = id > 0;

  if (id < 0)
    return FALSE;

  if (replacing && source->content_hash != NULL && g_strcmp0 (source->content_hash, stored_hash) == 0)
    return TRUE;

  if (replacing &&
      (!exec_with_id (db, "DELETE FROM source_authors WHERE source_id = ?", id, error) ||
       !exec_with_id (db, "DELETE FROM diagnostics WHERE source_id = ?", id, error) ||
       !exec_with_id (db, "DELETE FROM events WHERE source_id = ?", id, error)))
    return FALSE;

  return write_source_row (db, source, &id, error) &&
         (source->kind != CHRONICLE_SOURCE_WEB || chronicle_store_write_fetch_state (db, id, source, !replacing, error)) &&
         write_source_details (db, id, source, error) &&
         write_events (db, id, source->feed, error) &&
         write_items (db, id, source, replacing, error);
}

/**
 * chronicle_store_delete_source:
 * @key: the source's key, a string
 *
 * Removes a source and everything of it but the reader's state.
 */
gboolean
chronicle_store_delete_source (sqlite3  *db,
                               gpointer  key,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "DELETE FROM sources WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;
  chronicle_store_bind_text (stmt, 1, key);
  return step_done (db, stmt, error);
}

/**
 * chronicle_store_put_states:
 * @rows: a #GArray of #ChronicleStateRow
 *
 * Writes the reader's state of stories: of a story stored before, the
 * values its row does not keep.
 */
gboolean
chronicle_store_put_states (sqlite3  *db,
                            gpointer  data,
                            GError  **error)
{
  GArray *rows = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  stmt = chronicle_store_prepare (db, "INSERT INTO reader_state (key, read, starred, position, read_at, changed_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO UPDATE SET "
                                  "read = iif(?7 & 1, read, ?2), read_at = iif(?7 & 1, read_at, ?5), "
                                  "starred = iif(?7 & 2, starred, ?3), position = iif(?7 & 4, position, ?4), "
                                  "changed_at = ?6", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      ChronicleStateRow *row = &g_array_index (rows, ChronicleStateRow, i);

      chronicle_store_bind_text (stmt, 1, row->key);
      sqlite3_bind_int (stmt, 2, row->read);
      sqlite3_bind_int (stmt, 3, row->starred);
      sqlite3_bind_double (stmt, 4, row->position);
      if (row->read_at > 0)
        sqlite3_bind_int64 (stmt, 5, row->read_at);
      sqlite3_bind_int64 (stmt, 6, now);
      sqlite3_bind_int (stmt, 7, row->keep);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}
