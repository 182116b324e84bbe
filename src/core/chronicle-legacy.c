/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-json-scan.h"
#include "chronicle-legacy.h"

/* Before the store, the reader's state lived in `state.json` and the
 * collections they opened were kept as copies in `collections/`.  The
 * first start with the store brings both into it, in one transaction, and
 * then renames them: nothing is deleted, and a start that dies half-way
 * does it again. */

#define STATE_FILE "state.json"
#define STATE_VERSION 1
#define COLLECTIONS_DIR "collections"
/* What the old files are renamed to once they are in the store. */
#define IMPORTED_SUFFIX ".imported"

static void
saved_collection_free (gpointer data)
{
  ChronicleSavedCollection *collection = data;

  g_free (collection->id);
  g_free (collection->file);
  g_free (collection->name);
  g_free (collection);
}

static gboolean
parse_articles (JsonNode  *node,
                GArray    *rows,
                GError   **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "“articles” is not an object");
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      ChronicleStateRow row = { NULL };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        {
          g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "the state of “%s” is not an object", key);
          return FALSE;
        }

      object = json_node_get_object (value);
      row.key = g_strdup (key);
      row.read = json_object_get_boolean_member_with_default (object, "read", FALSE);
      row.starred = json_object_get_boolean_member_with_default (object, "starred", FALSE);
      row.position = CLAMP (json_object_get_double_member_with_default (object, "position", 0.0), 0.0, 1.0);
      g_array_append_val (rows, row);
    }

  return TRUE;
}

static gboolean
parse_collections (JsonNode   *node,
                   GPtrArray  *collections,
                   GError    **error)
{
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "“collections” is not an array");
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      ChronicleSavedCollection *collection;
      JsonObject *object;
      const char *id, *file, *name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto invalid;

      object = json_node_get_object (element);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      file = json_object_get_string_member_with_default (object, "file", NULL);
      name = json_object_get_string_member_with_default (object, "name", NULL);

      /* The file must stay inside the state's directory. */
      if (id == NULL || file == NULL || g_path_is_absolute (file) || strstr (file, "..") != NULL)
        goto invalid;

      collection = g_new0 (ChronicleSavedCollection, 1);
      collection->id = g_strdup (id);
      collection->file = g_strdup (file);
      collection->name = g_strdup (name != NULL ? name : file);
      g_ptr_array_add (collections, collection);
      continue;

    invalid:
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "collection %u is not valid", i);
      return FALSE;
    }

  return TRUE;
}

/**
 * chronicle_legacy_parse_state:
 * @rows: (out) (element-type ChronicleStateRow): the reader's state
 * @collections: (out) (element-type ChronicleSavedCollection): the kept
 *   collections
 *
 * Reads the text of a `state.json` of Chronicle before the store.  On
 * failure nothing is given.
 */
gboolean
chronicle_legacy_parse_state (const char  *contents,
                              gsize        length,
                              GArray     **rows,
                              GPtrArray  **collections,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ChronicleDiagnostic) problem = chronicle_json_check_text (contents, length, CHRONICLE_JSON_MAX_DEPTH);
  g_autoptr(GArray) parsed_rows = g_array_new (FALSE, TRUE, sizeof (ChronicleStateRow));
  g_autoptr(GPtrArray) parsed_collections = g_ptr_array_new_with_free_func (saved_collection_free);
  JsonObject *root;

  g_array_set_clear_func (parsed_rows, (GDestroyNotify) chronicle_state_row_clear);

  if (problem != NULL)
    {
      g_autofree char *message = chronicle_diagnostic_dup_message (problem);

      g_set_error_literal (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, contents, length, error))
    return FALSE;

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "the file does not hold an object");
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != STATE_VERSION)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, "the file has an unknown version");
      return FALSE;
    }

  if (!parse_articles (json_object_get_member (root, "articles"), parsed_rows, error) ||
      !parse_collections (json_object_get_member (root, "collections"), parsed_collections, error))
    return FALSE;

  *rows = g_steal_pointer (&parsed_rows);
  *collections = g_steal_pointer (&parsed_collections);
  return TRUE;
}

/* Renames @path to @path.imported, or to a name with the time when that
 * is taken. */
static void
rename_imported (const char *path)
{
  g_autofree char *target = g_strconcat (path, IMPORTED_SUFFIX, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

      g_free (target);
      target = g_strdup_printf ("%s%s-%s", path, IMPORTED_SUFFIX, stamp);
    }

  if (g_rename (path, target) != 0)
    g_warning ("Could not rename %s to %s: %s", path, target, g_strerror (errno));
}

/* Reads the kept copy of a collection into a source for the store, or
 * gives %NULL (with a warning) when it cannot be read: the copy stays in
 * the renamed folder. */
static ChronicleStoredSource *
read_kept_copy (const char               *directory,
                ChronicleSavedCollection *saved)
{
  g_autofree char *path = g_build_filename (directory, saved->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = chronicle_feed_load_file (file, diagnostics, NULL);
  ChronicleStoredSource *source;

  if (feed == NULL)
    {
      g_warning ("The kept collection %s (%s) could not be read; it stays in %s%s", saved->name, path,
                 COLLECTIONS_DIR, IMPORTED_SUFFIX);
      return NULL;
    }

  source = chronicle_stored_source_new (saved->id, CHRONICLE_SOURCE_FILE, saved->name, feed);
  /* The id was the checksum of the text. */
  source->content_hash = g_strdup (saved->id);
  g_ptr_array_extend_and_steal (source->diagnostics, g_steal_pointer (&diagnostics));
  return source;
}

typedef struct
{
  GArray    *rows;
  GPtrArray *sources;   /* of ChronicleStoredSource */
} Legacy;

static gboolean
put_legacy (sqlite3  *db,
            gpointer  data,
            GError  **error)
{
  Legacy *legacy = data;

  for (guint i = 0; i < legacy->sources->len; i++)
    if (!chronicle_store_put_source (db, g_ptr_array_index (legacy->sources, i), error))
      return FALSE;

  return chronicle_store_put_states (db, legacy->rows, error);
}

/**
 * chronicle_legacy_import:
 * @directory: the data folder, where `state.json` and `collections/` were
 * @set_aside: (out) (nullable): where a `state.json` that could not be read
 *   was moved
 *
 * Brings the state and the kept collections of Chronicle before the store
 * into it, in one transaction on the writer's connection, and renames the
 * old files.  Runs on the writer thread, right after the store is opened.
 */
gboolean
chronicle_legacy_import (sqlite3     *db,
                         const char  *directory,
                         char       **set_aside,
                         GError     **error)
{
  g_autofree char *state_path = g_build_filename (directory, STATE_FILE, NULL);
  g_autofree char *collections_path = g_build_filename (directory, COLLECTIONS_DIR, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  Legacy legacy;
  gsize length;

  *set_aside = NULL;
  if (!g_file_test (state_path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!g_file_get_contents (state_path, &contents, &length, &local_error) ||
      !chronicle_legacy_parse_state (contents, length, &rows, &collections, &local_error))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s.broken-%s", state_path, stamp);

      /* As before the store: a broken file is kept beside, for the reader
       * or a bug report, and Chronicle starts afresh. */
      g_warning ("The reading state %s could not be read (%s); it was moved to %s", state_path, local_error->message,
                 aside);
      if (g_rename (state_path, aside) == 0)
        *set_aside = g_steal_pointer (&aside);
      return TRUE;
    }

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_stored_source_free);
  for (guint i = 0; i < collections->len; i++)
    {
      ChronicleStoredSource *source = read_kept_copy (directory, g_ptr_array_index (collections, i));

      if (source != NULL)
        g_ptr_array_add (sources, source);
    }

  legacy = (Legacy) { rows, sources };
  if (!chronicle_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!put_legacy (db, &legacy, error) || !chronicle_store_exec (db, "COMMIT", error))
    {
      chronicle_store_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  rename_imported (state_path);
  rename_imported (collections_path);
  return TRUE;
}
