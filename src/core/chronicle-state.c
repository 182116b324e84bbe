/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-state"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "chronicle-error.h"
#include "chronicle-json-scan.h"
#include "chronicle-state.h"

/* What the reader did: read and starred articles, reading positions and
 * the collections they added.  It lives in one small JSON file that is
 * replaced atomically, so a crash at any moment leaves either the old or
 * the new state; a file that cannot be read is set aside, never lost. */

#define STATE_FILE "state.json"
#define STATE_VERSION 1
#define SAVE_DELAY_MS 500

typedef struct
{
  guint  read : 1;
  guint  starred : 1;
  double position;
} ArticleState;

struct _ChronicleState
{
  GObject     parent_instance;

  char       *directory;
  GHashTable *articles;     /* key → ArticleState */
  GPtrArray  *collections;  /* of ChronicleSavedCollection */
  guint       save_source;
};

G_DEFINE_FINAL_TYPE (ChronicleState, chronicle_state, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
saved_collection_free (gpointer data)
{
  ChronicleSavedCollection *collection = data;

  g_free (collection->id);
  g_free (collection->file);
  g_free (collection->name);
  g_free (collection);
}

static void
chronicle_state_finalize (GObject *object)
{
  ChronicleState *self = CHRONICLE_STATE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_free (self->directory);
  g_hash_table_unref (self->articles);
  g_ptr_array_unref (self->collections);

  G_OBJECT_CLASS (chronicle_state_parent_class)->finalize (object);
}

static void
chronicle_state_class_init (ChronicleStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_state_finalize;

  /**
   * ChronicleState::changed:
   * @key: (nullable): the article whose state changed, or %NULL
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
chronicle_state_init (ChronicleState *self)
{
  self->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->collections = g_ptr_array_new_with_free_func (saved_collection_free);
}

/**
 * chronicle_state_new:
 * @directory: where the state file lives, usually
 *   `g_get_user_data_dir()/chronicle`
 */
ChronicleState *
chronicle_state_new (const char *directory)
{
  ChronicleState *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_STATE, NULL);
  self->directory = g_strdup (directory);
  return self;
}

const char *
chronicle_state_get_directory (ChronicleState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STATE (self), NULL);

  return self->directory;
}

static gboolean
parse_articles (ChronicleState  *self,
                JsonNode        *node,
                GError         **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, _("“articles” is not an object"));
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      ArticleState *article;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        {
          g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE,
                       /* Translators: %s identifies an article */
                       _("the state of “%s” is not an object"), key);
          return FALSE;
        }

      object = json_node_get_object (value);
      article = g_new0 (ArticleState, 1);
      article->read = json_object_get_boolean_member_with_default (object, "read", FALSE);
      article->starred = json_object_get_boolean_member_with_default (object, "starred", FALSE);
      article->position = CLAMP (json_object_get_double_member_with_default (object, "position", 0.0), 0.0, 1.0);
      g_hash_table_replace (self->articles, g_strdup (key), article);
    }

  return TRUE;
}

static gboolean
parse_collections (ChronicleState  *self,
                   JsonNode        *node,
                   GError         **error)
{
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, _("“collections” is not an array"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
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

      chronicle_state_add_collection (self, id, file, name != NULL ? name : file);
      continue;

    invalid:
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE,
                   /* Translators: %u is a position in a list, from 0 */
                   _("collection %u is not valid"), i);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_state (ChronicleState  *self,
             const char      *contents,
             gsize            length,
             GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ChronicleDiagnostic) problem = chronicle_json_check_text (contents, length, CHRONICLE_JSON_MAX_DEPTH);
  JsonObject *root;

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
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, _("the file does not hold an object"));
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != STATE_VERSION)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_STATE, _("the file has an unknown version"));
      return FALSE;
    }

  return parse_articles (self, json_object_get_member (root, "articles"), error) &&
         parse_collections (self, json_object_get_member (root, "collections"), error);
}

/**
 * chronicle_state_load_from_data:
 *
 * Replaces the state with the one in @data, the contents of a state file.
 * On failure the state is empty.
 */
gboolean
chronicle_state_load_from_data (ChronicleState  *self,
                                const char      *data,
                                gsize            length,
                                GError         **error)
{
  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  g_hash_table_remove_all (self->articles);
  g_ptr_array_set_size (self->collections, 0);

  if (parse_state (self, data, length, error))
    return TRUE;

  g_hash_table_remove_all (self->articles);
  g_ptr_array_set_size (self->collections, 0);
  return FALSE;
}

/**
 * chronicle_state_peek:
 *
 * Loads the state like chronicle_state_load(), but leaves a broken file
 * where it is, for readers that only look (`--export-timeline`).
 *
 * Returns: %TRUE if the saved state (or none) was loaded
 */
gboolean
chronicle_state_peek (ChronicleState  *self,
                      GError         **error)
{
  g_autofree char *path = g_build_filename (self->directory, STATE_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_hash_table_remove_all (self->articles);
      g_ptr_array_set_size (self->collections, 0);
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return chronicle_state_load_from_data (self, contents, length, error);
}

/**
 * chronicle_state_load:
 * @set_aside: (out) (optional) (nullable): the path a broken state file was
 *   moved to
 * @error: why the state could not be read, when @set_aside is set
 *
 * Loads the state.  A missing file is an empty state.  A file that cannot
 * be read is renamed with a timestamp, the state starts empty, and %FALSE
 * is returned so that the reader can be told.
 *
 * Returns: %TRUE if the saved state (or none) was loaded
 */
gboolean
chronicle_state_load (ChronicleState  *self,
                      char           **set_aside,
                      GError         **error)
{
  g_autofree char *path = g_build_filename (self->directory, STATE_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  if (set_aside != NULL)
    *set_aside = NULL;

  if (chronicle_state_peek (self, &local_error))
    return TRUE;

  /* Whatever was read of a broken file was dropped, not half-used; the
   * file itself is kept beside, for the reader or a bug report. */
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.broken-%s", path, stamp);
  if (g_rename (path, aside) != 0)
    g_clear_pointer (&aside, g_free);

  g_propagate_error (error, g_steal_pointer (&local_error));
  if (set_aside != NULL)
    *set_aside = g_steal_pointer (&aside);

  return FALSE;
}

static char *
serialize (ChronicleState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);

  /* Sorted, so that the file changes only where the state does. */
  keys = g_hash_table_get_keys_as_ptr_array (self->articles);
  g_ptr_array_sort_values (keys, (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (builder, "articles");
  json_builder_begin_object (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      ArticleState *article = g_hash_table_lookup (self->articles, key);

      if (!article->read && !article->starred && article->position == 0.0)
        continue;

      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "read");
      json_builder_add_boolean_value (builder, article->read);
      json_builder_set_member_name (builder, "starred");
      json_builder_add_boolean_value (builder, article->starred);
      json_builder_set_member_name (builder, "position");
      json_builder_add_double_value (builder, article->position);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "collections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->collections->len; i++)
    {
      ChronicleSavedCollection *collection = g_ptr_array_index (self->collections, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, collection->id);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, collection->file);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, collection->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

/**
 * chronicle_state_save:
 *
 * Writes the state now, atomically: a new file is written beside the old
 * one, synced, and renamed over it.
 */
gboolean
chronicle_state_save (ChronicleState  *self,
                      GError         **error)
{
  g_autofree char *path = g_build_filename (self->directory, STATE_FILE, NULL);
  g_autofree char *contents = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %1$s is a folder, %2$s the system's reason */
                   _("Could not create “%1$s”: %2$s"), self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  contents = serialize (self);
  return g_file_set_contents_full (path, contents, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  ChronicleState *self = data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!chronicle_state_save (self, &error))
    g_warning ("Could not save the reading state: %s", error->message);

  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (scrolling moves the position many times): they
 * are written once things are quiet. */
void
chronicle_state_save_soon (ChronicleState *self)
{
  g_return_if_fail (CHRONICLE_IS_STATE (self));

  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/**
 * chronicle_state_flush:
 *
 * Writes a pending change now, as when the application quits.
 *
 * Returns: %TRUE if nothing was pending or it was written
 */
gboolean
chronicle_state_flush (ChronicleState *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  if (self->save_source == 0)
    return TRUE;

  if (!chronicle_state_save (self, &error))
    {
      g_warning ("Could not save the reading state: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

static ArticleState *
lookup (ChronicleState *self,
        const char     *key,
        gboolean        create)
{
  ArticleState *article = g_hash_table_lookup (self->articles, key);

  if (article == NULL && create)
    {
      article = g_new0 (ArticleState, 1);
      g_hash_table_insert (self->articles, g_strdup (key), article);
    }

  return article;
}

static void
changed (ChronicleState *self,
         const char     *key)
{
  chronicle_state_save_soon (self);
  g_signal_emit (self, signals[CHANGED], 0, key);
}

gboolean
chronicle_state_get_read (ChronicleState *self,
                          const char     *key)
{
  ArticleState *article;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  article = lookup (self, key, FALSE);
  return article != NULL && article->read;
}

void
chronicle_state_set_read (ChronicleState *self,
                          const char     *key,
                          gboolean        read)
{
  ArticleState *article;

  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (key != NULL);

  article = lookup (self, key, TRUE);
  if (article->read == !!read)
    return;

  article->read = !!read;
  changed (self, key);
}

gboolean
chronicle_state_get_starred (ChronicleState *self,
                             const char     *key)
{
  ArticleState *article;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  article = lookup (self, key, FALSE);
  return article != NULL && article->starred;
}

void
chronicle_state_set_starred (ChronicleState *self,
                             const char     *key,
                             gboolean        starred)
{
  ArticleState *article;

  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (key != NULL);

  article = lookup (self, key, TRUE);
  if (article->starred == !!starred)
    return;

  article->starred = !!starred;
  changed (self, key);
}

/**
 * chronicle_state_get_position:
 *
 * Returns: how far the reader had scrolled, from 0 (top) to 1 (end)
 */
double
chronicle_state_get_position (ChronicleState *self,
                              const char     *key)
{
  ArticleState *article;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), 0.0);
  g_return_val_if_fail (key != NULL, 0.0);

  article = lookup (self, key, FALSE);
  return article != NULL ? article->position : 0.0;
}

void
chronicle_state_set_position (ChronicleState *self,
                              const char     *key,
                              double          position)
{
  ArticleState *article;

  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (key != NULL);

  position = CLAMP (position, 0.0, 1.0);
  article = lookup (self, key, TRUE);
  if (G_APPROX_VALUE (article->position, position, 0.001))
    return;

  /* Positions are saved, but nothing shown depends on them. */
  article->position = position;
  chronicle_state_save_soon (self);
}

/**
 * chronicle_state_get_collections:
 *
 * Returns: (transfer none) (element-type ChronicleSavedCollection): the
 *   collections the reader added, in the order they were added
 */
GPtrArray *
chronicle_state_get_collections (ChronicleState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STATE (self), NULL);

  return self->collections;
}

void
chronicle_state_add_collection (ChronicleState *self,
                                const char     *id,
                                const char     *file,
                                const char     *name)
{
  ChronicleSavedCollection *collection;

  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (id != NULL && file != NULL && name != NULL);

  chronicle_state_remove_collection (self, id);

  collection = g_new0 (ChronicleSavedCollection, 1);
  collection->id = g_strdup (id);
  collection->file = g_strdup (file);
  collection->name = g_strdup (name);
  g_ptr_array_add (self->collections, collection);
  chronicle_state_save_soon (self);
}

void
chronicle_state_remove_collection (ChronicleState *self,
                                   const char     *id)
{
  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (id != NULL);

  for (guint i = 0; i < self->collections->len; i++)
    {
      ChronicleSavedCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_str_equal (collection->id, id))
        {
          g_ptr_array_remove_index (self->collections, i);
          chronicle_state_save_soon (self);
          return;
        }
    }
}
