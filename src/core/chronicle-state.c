/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-state"

#include "config.h"

#include "chronicle-state.h"
#include "chronicle-store-private.h"

/* What the reader did to each story: read, starred, how far they read.
 * The window asks it on every row it binds, so it is held in memory; each
 * change is written to the store half a second later, together with the
 * changes made meanwhile (scrolling moves the position many times), so
 * that it is committed within a second of being made. */

#define SAVE_DELAY_MS 500
/* After a failed write, the next try. */
#define RETRY_DELAY_MS 5000

/* Which of a story's values the reader changed in this session; the same
 * bits as the values a write keeps. */
typedef enum
{
  CHANGED_READ = CHRONICLE_STATE_KEEP_READ,
  CHANGED_STARRED = CHRONICLE_STATE_KEEP_STARRED,
  CHANGED_POSITION = CHRONICLE_STATE_KEEP_POSITION,
  CHANGED_ALL = CHANGED_READ | CHANGED_STARRED | CHANGED_POSITION,
} Changed;

typedef struct
{
  guint  read : 1;
  guint  starred : 1;
  guint  changed : 3;
  double position;
  gint64 read_at;
} ArticleState;

struct _ChronicleState
{
  GObject         parent_instance;

  ChronicleStore *store;       /* or NULL: kept in memory only */
  GHashTable     *articles;    /* key → ArticleState */
  GHashTable     *dirty;       /* keys changed since the last write */
  guint           save_source;
  guint           n_writing;
  gboolean        failing;
  gboolean        rows_taken;  /* what the store holds is known */
};

G_DEFINE_FINAL_TYPE (ChronicleState, chronicle_state, G_TYPE_OBJECT)

enum {
  CHANGED,
  CHANGED_MANY,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chronicle_state_finalize (GObject *object)
{
  ChronicleState *self = CHRONICLE_STATE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->store);
  g_hash_table_unref (self->articles);
  g_hash_table_unref (self->dirty);

  G_OBJECT_CLASS (chronicle_state_parent_class)->finalize (object);
}

static void
chronicle_state_class_init (ChronicleStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_state_finalize;

  /**
   * ChronicleState::changed:
   * @key: (nullable): the story whose state changed, or %NULL for many
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * ChronicleState::changed-many:
   * @keys: (array zero-terminated=1): the stories whose state changed
   *
   * Emitted once for the stories chronicle_state_set_read_many() changed,
   * so that those of a slice of a large view are told without the others.
   */
  signals[CHANGED_MANY] =
    g_signal_new ("changed-many",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * ChronicleState::save-failed:
   * @error: why the store could not write the changes
   *
   * Emitted once when writing starts failing; the changes are kept and
   * tried again.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
chronicle_state_init (ChronicleState *self)
{
  self->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dirty = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * chronicle_state_new:
 * @store: (nullable): where changes are written, or %NULL to keep them in
 *   memory only
 */
ChronicleState *
chronicle_state_new (ChronicleStore *store)
{
  ChronicleState *self;

  g_return_val_if_fail (store == NULL || CHRONICLE_IS_STORE (store), NULL);

  self = g_object_new (CHRONICLE_TYPE_STATE, NULL);
  g_set_object (&self->store, store);
  self->rows_taken = store == NULL;
  return self;
}

/**
 * chronicle_state_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
ChronicleStore *
chronicle_state_get_store (ChronicleState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STATE (self), NULL);

  return self->store;
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

/* Whether @article's value @what is known: before the store's rows are
 * taken, a value the reader did not set in this session may be another in
 * the store, so setting what the cache holds is a change too. */
static gboolean
known (ChronicleState *self,
       ArticleState   *article,
       Changed         what)
{
  return self->rows_taken || (article->changed & what) != 0;
}

/**
 * chronicle_state_take_rows:
 * @rows: (transfer full) (element-type ChronicleStateRow): as read from
 *   the store
 *
 * Fills the state with what the store holds.  What the reader changed
 * since, while the store was being read, stays as they made it.
 */
void
chronicle_state_take_rows (ChronicleState *self,
                           GArray         *rows)
{
  g_autoptr(GArray) owned = rows;

  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (rows != NULL);

  self->rows_taken = TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      ChronicleStateRow *row = &g_array_index (rows, ChronicleStateRow, i);
      ArticleState *article = lookup (self, row->key, TRUE);

      if (!(article->changed & CHANGED_READ))
        {
          article->read = row->read;
          article->read_at = row->read_at;
        }
      if (!(article->changed & CHANGED_STARRED))
        article->starred = row->starred;
      if (!(article->changed & CHANGED_POSITION))
        article->position = row->position;
    }

  if (rows->len > 0)
    g_signal_emit (self, signals[CHANGED], 0, NULL);
}

/* Hands the changed stories to the store, and forgets that they changed. */
static GArray *
take_dirty_rows (ChronicleState *self)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (ChronicleStateRow), g_hash_table_size (self->dirty));
  GHashTableIter iter;
  gpointer key;

  g_array_set_clear_func (rows, (GDestroyNotify) chronicle_state_row_clear);
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ArticleState *article = g_hash_table_lookup (self->articles, key);
      ChronicleStateRow row = { g_strdup (key), article->read, article->starred, article->position, article->read_at,
                                self->rows_taken ? 0 : (ChronicleStateKeep) (CHANGED_ALL & ~article->changed) };

      g_array_append_val (rows, row);
      g_hash_table_iter_remove (&iter);
    }

  return rows;
}

/* Marks the rows of a failed write as changed again, unless they changed
 * meanwhile and are already marked. */
static void
restore_dirty_rows (ChronicleState *self,
                    GArray         *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      ChronicleStateRow *row = &g_array_index (rows, ChronicleStateRow, i);
      char *key = NULL;
      ArticleState *article = NULL;

      if (!g_hash_table_lookup_extended (self->articles, row->key, (gpointer *) &key, (gpointer *) &article))
        continue;
      g_hash_table_add (self->dirty, key);
    }
}

static void save_soon (ChronicleState *self,
                       guint           delay);

/* What a write's callback needs. */
typedef struct
{
  ChronicleState *state;
  GArray         *rows;
} Writing;

static void
writing_free (Writing *writing)
{
  g_object_unref (writing->state);
  g_array_unref (writing->rows);
  g_free (writing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Writing, writing_free)

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Writing) writing = user_data;
  ChronicleState *self = writing->state;
  g_autoptr(GError) error = NULL;

  self->n_writing--;
  if (chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error))
    {
      self->failing = FALSE;
      return;
    }

  /* The store closed first: chronicle_state_flush() had its chance. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return;

  g_warning ("Could not save the reading state: %s", error->message);
  restore_dirty_rows (self, writing->rows);
  if (!self->failing)
    {
      self->failing = TRUE;
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
    }
  save_soon (self, RETRY_DELAY_MS);
}

static void
write_dirty (ChronicleState *self)
{
  Writing *writing;
  GArray *rows;

  if (self->store == NULL || g_hash_table_size (self->dirty) == 0)
    return;

  rows = take_dirty_rows (self);
  writing = g_new0 (Writing, 1);
  writing->state = g_object_ref (self);
  writing->rows = g_array_ref (rows);
  self->n_writing++;
  chronicle_store_write_async (self->store, chronicle_store_put_states, rows, (GDestroyNotify) g_array_unref,
                               NULL, write_done_cb, writing);
}

static gboolean
save_timeout_cb (gpointer data)
{
  ChronicleState *self = data;

  self->save_source = 0;
  write_dirty (self);
  return G_SOURCE_REMOVE;
}

static void
save_soon (ChronicleState *self,
           guint           delay)
{
  if (self->save_source == 0 && self->store != NULL)
    self->save_source = g_timeout_add (delay, save_timeout_cb, self);
}

static void
mark_dirty (ChronicleState *self,
            const char     *key,
            Changed         changed)
{
  char *stored_key = NULL;
  ArticleState *article = NULL;

  if (!g_hash_table_lookup_extended (self->articles, key, (gpointer *) &stored_key, (gpointer *) &article))
    return;

  article->changed |= changed;
  g_hash_table_add (self->dirty, stored_key);
  save_soon (self, SAVE_DELAY_MS);
}

/**
 * chronicle_state_get_pending:
 *
 * Returns: whether changes wait to be written or are being written
 */
gboolean
chronicle_state_get_pending (ChronicleState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  return g_hash_table_size (self->dirty) > 0 || self->n_writing > 0;
}

/**
 * chronicle_state_flush:
 *
 * Writes the pending changes now and waits until they are committed, as
 * when the application quits.
 *
 * Returns: %TRUE if nothing was pending or it was written
 */
gboolean
chronicle_state_flush (ChronicleState  *self,
                       GError         **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->store == NULL || g_hash_table_size (self->dirty) == 0)
    return TRUE;

  rows = take_dirty_rows (self);
  if (chronicle_store_write_sync (self->store, chronicle_store_put_states, rows, error))
    return TRUE;

  restore_dirty_rows (self, rows);
  return FALSE;
}

static void
changed (ChronicleState *self,
         const char     *key,
         Changed         what)
{
  mark_dirty (self, key, what);
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

static gboolean
set_read (ChronicleState *self,
          const char     *key,
          gboolean        read)
{
  ArticleState *article = lookup (self, key, TRUE);

  if (known (self, article, CHANGED_READ) && article->read == !!read)
    return FALSE;

  article->read = !!read;
  article->read_at = read ? g_get_real_time () / G_USEC_PER_SEC : 0;
  mark_dirty (self, key, CHANGED_READ);
  return TRUE;
}

void
chronicle_state_set_read (ChronicleState *self,
                          const char     *key,
                          gboolean        read)
{
  g_return_if_fail (CHRONICLE_IS_STATE (self));
  g_return_if_fail (key != NULL);

  if (set_read (self, key, read))
    g_signal_emit (self, signals[CHANGED], 0, key);
}

/**
 * chronicle_state_set_read_many:
 *
 * Marks many stories at once, with one ::changed-many signal for those
 * that changed, written in one transaction.
 *
 * Returns: (transfer full): the keys of the stories that changed, for
 *   undoing it
 */
char **
chronicle_state_set_read_many (ChronicleState  *self,
                               const char     **keys,
                               guint            n_keys,
                               gboolean         read)
{
  g_autoptr(GStrvBuilder) changed_keys = g_strv_builder_new ();

  g_return_val_if_fail (CHRONICLE_IS_STATE (self), NULL);
  g_return_val_if_fail (n_keys == 0 || keys != NULL, NULL);

  for (guint i = 0; i < n_keys; i++)
    if (set_read (self, keys[i], read))
      g_strv_builder_add (changed_keys, keys[i]);

  {
    g_auto(GStrv) result = g_strv_builder_end (changed_keys);

    if (result[0] != NULL)
      g_signal_emit (self, signals[CHANGED_MANY], 0, result);
    return g_steal_pointer (&result);
  }
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
  if (known (self, article, CHANGED_STARRED) && article->starred == !!starred)
    return;

  article->starred = !!starred;
  changed (self, key, CHANGED_STARRED);
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
  if (known (self, article, CHANGED_POSITION) && G_APPROX_VALUE (article->position, position, 0.001))
    return;

  /* Positions are saved, but nothing shown depends on them. */
  article->position = position;
  mark_dirty (self, key, CHANGED_POSITION);
}
