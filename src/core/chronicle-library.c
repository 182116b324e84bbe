/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library-private.h"
#include "chronicle-locale.h"

/* Everything the reader can read: the collections, their stories as one
 * list model in the article list's order for the views to filter, and
 * their timeline events.  Files are read and parsed on a worker thread. */


G_DEFINE_FINAL_TYPE (ChronicleLibrary, chronicle_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_STORING,
  PROP_N_UNREAD,
  PROP_N_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STORE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chronicle_library_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, chronicle_library_get_loading (CHRONICLE_LIBRARY (object)));
      break;

    case PROP_STORING:
      g_value_set_boolean (value, chronicle_library_get_storing (CHRONICLE_LIBRARY (object)));
      break;

    case PROP_N_UNREAD:
      g_value_set_uint (value, CHRONICLE_LIBRARY (object)->n_unread);
      break;

    case PROP_N_STARRED:
      g_value_set_uint (value, CHRONICLE_LIBRARY (object)->n_starred);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The story of @key, if listed, shows its new state. */
static void
tell_story (ChronicleLibrary *self,
            const char       *key)
{
  ChronicleStory *story = g_hash_table_lookup (self->stories_by_key, key);

  if (story != NULL)
    chronicle_story_state_changed (story);
}

static void
state_changed_cb (ChronicleLibrary *self,
                  const char       *key,
                  ChronicleState   *state)
{
  ChronicleStory *story;

  /* Many at once: every story may show another state. */
  if (key == NULL)
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, self->stories_by_key);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &story))
        chronicle_story_state_changed (story);
      chronicle_library_count_later (self);
      return;
    }

  tell_story (self, key);
  chronicle_library_count_later (self);
}

static void
state_changed_many_cb (ChronicleLibrary  *self,
                       char             **keys,
                       ChronicleState    *state)
{
  for (guint i = 0; keys[i] != NULL; i++)
    tell_story (self, keys[i]);
  chronicle_library_count_later (self);
}

static void
chronicle_library_finalize (GObject *object)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);

  g_clear_handle_id (&self->count_id, g_source_remove);
  g_clear_pointer (&self->counting, chronicle_counting_free);
  g_clear_object (&self->state);
  g_clear_object (&self->store);
  chronicle_library_free_bundled (self);
  g_hash_table_unref (self->to_store);
  g_clear_object (&self->stories);
  g_clear_object (&self->collections);
  g_hash_table_unref (self->stories_by_key);
  g_hash_table_unref (self->stories_by_item);
  g_clear_object (&self->events);
  g_hash_table_unref (self->search_tables);
  g_strfreev (self->languages);
  chronicle_library_clear_waiting (self);
  /* A reload being listed holds the library. */
  g_queue_free (self->reloadings);
  g_hash_table_unref (self->unlisted);
  g_clear_pointer (&self->web_state, chronicle_library_web_state_free);

  G_OBJECT_CLASS (chronicle_library_parent_class)->finalize (object);
}

static void
chronicle_library_class_init (ChronicleLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_library_finalize;
  object_class->get_property = chronicle_library_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ChronicleLibrary:storing:
   *
   * Whether collections are being written to the store.
   */
  properties[PROP_STORING] =
    g_param_spec_boolean ("storing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ChronicleLibrary:n-unread:
   *
   * How many listed stories are unread, counted a moment after they
   * change.
   */
  properties[PROP_N_UNREAD] =
    g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ChronicleLibrary:n-starred:
   *
   * How many listed stories are starred, as #ChronicleLibrary:n-unread.
   */
  properties[PROP_N_STARRED] =
    g_param_spec_uint ("n-starred", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleLibrary::store-failed:
   * @error: why the store could not keep a collection
   *
   * The collection stays listed for this session.
   */
  signals[STORE_FAILED] =
    g_signal_new ("store-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

void
chronicle_library_emit_store_failed (ChronicleLibrary *self,
                                     const GError     *error)
{
  g_signal_emit (self, signals[STORE_FAILED], 0, error);
}

static void
chronicle_library_init (ChronicleLibrary *self)
{
  self->stories = g_list_store_new (CHRONICLE_TYPE_STORY);
  self->collections = g_list_store_new (CHRONICLE_TYPE_COLLECTION);
  self->stories_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->stories_by_item = g_hash_table_new (g_str_hash, g_str_equal);
  self->events = g_list_store_new (CHRONICLE_TYPE_EVENT);
  self->search_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) chronicle_search_table_unref);
  self->languages = g_strdupv ((char **) chronicle_locale_get_language_names ());
  self->to_store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->insertions = g_queue_new ();
  self->reloadings = g_queue_new ();
  self->unlisted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_object (self->stories, "items-changed", G_CALLBACK (chronicle_library_count_later), self,
                           G_CONNECT_SWAPPED);
}

ChronicleLibrary *
chronicle_library_new (ChronicleState *state)
{
  ChronicleLibrary *self;

  g_return_val_if_fail (CHRONICLE_IS_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_LIBRARY, NULL);
  self->state = g_object_ref (state);
  g_set_object (&self->store, chronicle_state_get_store (state));
  g_signal_connect_object (state, "changed", G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "changed-many", G_CALLBACK (state_changed_many_cb), self, G_CONNECT_SWAPPED);

  return self;
}

ChronicleState *
chronicle_library_get_state (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return self->state;
}

/**
 * chronicle_library_get_stories:
 *
 * Returns: (transfer none): a list model of #ChronicleStory, in the order
 *   of chronicle_story_compare()
 */
GListModel *
chronicle_library_get_stories (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->stories);
}

/**
 * chronicle_library_search:
 * @terms: folded search terms, from chronicle_search_terms()
 * @narrowing: (nullable): an earlier result that every match is in
 *
 * Returns: (transfer full): which stories contain @terms
 */
ChronicleSearchResult *
chronicle_library_search (ChronicleLibrary      *self,
                          char                 **terms,
                          ChronicleSearchResult *narrowing)
{
  g_autoptr(GPtrArray) tables = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  tables = g_hash_table_get_values_as_ptr_array (self->search_tables);
  return chronicle_search_result_new (tables, terms, narrowing,
                                      self->n_previews == 0 && self->n_indexing == 0 && self->n_late == 0);
}

/**
 * chronicle_library_get_collections:
 *
 * Returns: (transfer none): a list model of #ChronicleCollection, in the
 *   order they were added
 */
GListModel *
chronicle_library_get_collections (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->collections);
}

/**
 * chronicle_library_get_events:
 *
 * Returns: (transfer none): a list model of the #ChronicleEvent of all
 *   collections, in no particular order; an event in several collections
 *   is there once
 */
GListModel *
chronicle_library_get_events (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->events);
}

ChronicleCollection *
chronicle_library_find_collection (ChronicleLibrary *self,
                                   const char       *id)
{
  guint n;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->collections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (G_LIST_MODEL (self->collections), i);

      if (g_str_equal (chronicle_collection_get_id (collection), id))
        return collection;
    }

  return NULL;
}

ChronicleStory *
chronicle_library_find_story (ChronicleLibrary *self,
                              const char       *key)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->stories_by_key, key);
}

/**
 * chronicle_library_find_story_by_item:
 *
 * Returns: (transfer none) (nullable): the story that holds the item
 *   @item_id, as a timeline source names it
 */
ChronicleStory *
chronicle_library_find_story_by_item (ChronicleLibrary *self,
                                      const char       *item_id)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  return g_hash_table_lookup (self->stories_by_item, item_id);
}

/**
 * chronicle_library_set_languages:
 * @languages: the reader's languages, most wanted first
 *
 * Makes each story show its translation in the first of @languages it has.
 */
void
chronicle_library_set_languages (ChronicleLibrary   *self,
                                 const char * const *languages)
{
  guint n;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **) languages);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);

      chronicle_story_set_languages (story, (const char * const *) self->languages);
    }
}

/* Events with the same id are one event: the first one read stays. */
static void
collect_events (GHashTable    *known,
                GPtrArray     *out,
                ChronicleFeed *feed)
{
  GPtrArray *events = chronicle_feed_get_events (feed);

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_add (known, (gpointer) chronicle_event_get_id (event)))
        g_ptr_array_add (out, event);
    }
}

static void
merge_events (ChronicleLibrary *self,
              ChronicleFeed    *feed)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);
      g_hash_table_add (known, (gpointer) chronicle_event_get_id (event));
    }

  collect_events (known, added, feed);
  if (added->len > 0)
    g_list_store_splice (self->events, n, 0, added->pdata, added->len);
}

static void
rebuild_events (ChronicleLibrary *self)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->collections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (G_LIST_MODEL (self->collections), i);

      collect_events (known, events, chronicle_collection_get_feed (collection));
    }

  g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                       events->pdata, events->len);
}

ChronicleCollection *
chronicle_library_insert_stories (ChronicleLibrary     *self,
                                  const char           *id,
                                  const char           *name,
                                  ChronicleFeed        *feed,
                                  gboolean              builtin,
                                  GPtrArray            *stories,
                                  ChronicleSearchTable *search_table,
                                  GPtrArray            *diagnostics)
{
  g_autoptr(ChronicleCollection) collection = chronicle_collection_new (id, name, feed, builtin);

  /* Before it is listed: what lists it shows its problems. */
  if (diagnostics != NULL)
    {
      chronicle_diagnostics_sort (diagnostics);
      chronicle_collection_set_diagnostics (collection, diagnostics);
    }
  if (self->adding != NULL)
    g_ptr_array_add (self->adding, g_object_ref (collection));
  else
    g_list_store_append (self->collections, collection);
  if (search_table != NULL)
    g_hash_table_replace (self->search_tables, g_strdup (id), chronicle_search_table_ref (search_table));
  /* The slices still to come belong to the collection and stop with it. */
  chronicle_library_queue_stories (self, stories, FALSE, chronicle_collection_get_cancellable (collection));
  merge_events (self, feed);

  return collection;
}

/**
 * chronicle_library_get_loading:
 *
 * Returns: %TRUE while the store is read at start (which takes seconds
 *   when an older library is brought up to date), or the stories of a
 *   large collection are still being added to the list, or their search
 *   keys folded
 */
gboolean
chronicle_library_get_loading (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);

  return !g_queue_is_empty (self->insertions) || self->n_indexing > 0 || self->n_restoring > 0;
}

/**
 * chronicle_library_get_indexing:
 *
 * Returns: %TRUE while the search keys of a collection whose stories are
 *   listed are still being folded; a search waits for them
 */
gboolean
chronicle_library_get_indexing (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);

  return self->n_indexing > 0;
}

void
chronicle_library_notify_loading (ChronicleLibrary *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * chronicle_library_add_feed:
 * @id: the collection's identifier
 * @name: the file's name, for messages
 *
 * Adds a parsed feed as a collection: its items grouped into stories, and
 * its timeline events.
 *
 * Returns: (transfer none): the new collection
 */
ChronicleCollection *
chronicle_library_add_feed (ChronicleLibrary *self,
                            const char       *id,
                            const char       *name,
                            ChronicleFeed    *feed,
                            gboolean          builtin)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(ChronicleSearchTable) search_table = NULL;
  g_autofree guint *serials = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);

  stories = chronicle_library_build_stories (self->state, id, feed, (const char * const *) self->languages, &serials);
  search_table = chronicle_search_table_new (feed, serials);
  return chronicle_library_insert_stories (self, id, name, feed, builtin, stories, search_table, NULL);
}

static void
forget_story (ChronicleLibrary *self,
              ChronicleStory   *story)
{
  if (g_hash_table_lookup (self->stories_by_key, chronicle_story_get_key (story)) == story)
    g_hash_table_remove (self->stories_by_key, chronicle_story_get_key (story));
  for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
    {
      const char *item_id = chronicle_item_get_id (chronicle_story_get_item (story, j));

      if (g_hash_table_lookup (self->stories_by_item, item_id) == story)
        g_hash_table_remove (self->stories_by_item, item_id);
    }
}

typedef ChronicleLibraryRun Run;

typedef gboolean (*StoryPredicate) (ChronicleStory *story,
                                    gconstpointer   data);

/* Removes the stories @func picks: one splice for each run of them, or one
 * for the whole list past CHRONICLE_LIBRARY_MAX_RUNS. */
static void
remove_matching (ChronicleLibrary *self,
                 StoryPredicate    func,
                 gconstpointer     data)
{
  GListModel *model = G_LIST_MODEL (self->stories);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));

  for (guint i = 0; i < n; i++)
    {
      ChronicleStory *story = g_list_model_get_item (model, i);

      if (!func (story, data))
        {
          g_ptr_array_add (kept, story);
          continue;
        }

      forget_story (self, story);
      if (runs->len > 0 && g_array_index (runs, Run, runs->len - 1).position +
                           g_array_index (runs, Run, runs->len - 1).length == i)
        g_array_index (runs, Run, runs->len - 1).length++;
      else
        g_array_append_val (runs, ((Run) { i, 0, 1 }));
      g_object_unref (story);
    }

  if (runs->len > CHRONICLE_LIBRARY_MAX_RUNS)
    {
      g_list_store_splice (self->stories, 0, n, kept->pdata, kept->len);
      return;
    }

  /* From the last run, so that the positions of the others hold. */
  for (guint r = runs->len; r > 0; r--)
    g_list_store_splice (self->stories, g_array_index (runs, Run, r - 1).position,
                         g_array_index (runs, Run, r - 1).length, NULL, 0);
}

static gboolean
in_collection (ChronicleStory *story,
               gconstpointer   collection_id)
{
  return g_strcmp0 (chronicle_story_get_collection_id (story), collection_id) == 0;
}

/**
 * chronicle_library_show_preview:
 * @stories: sorted stories of no collection
 *
 * Lists stories read from the start of a file while the rest is read, in
 * slices until @cancellable is cancelled.  They are not looked up by key
 * or item, and chronicle_library_hide_preview() takes them away again.
 */
void
chronicle_library_show_preview (ChronicleLibrary *self,
                                GPtrArray        *stories,
                                GCancellable     *cancellable)
{
  self->n_previews++;
  chronicle_library_queue_stories (self, stories, TRUE, cancellable);
}

/* Stops the slices of the preview in *@stories still to come, puts
 * stories waiting in place of those listed (see
 * chronicle_library_replace_listed()) and clears both; nothing when there
 * is none.  Called once what replaces the preview is queued. */
void
chronicle_library_hide_preview (ChronicleLibrary  *self,
                                GPtrArray        **stories,
                                GCancellable     **cancellable)
{
  g_autoptr(GHashTable) set = NULL;

  if (*stories == NULL)
    return;

  g_cancellable_cancel (*cancellable);
  set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < (*stories)->len; i++)
    g_hash_table_add (set, g_ptr_array_index (*stories, i));
  chronicle_library_replace_listed (self, set);
  self->n_previews--;
  g_clear_pointer (stories, g_ptr_array_unref);
  g_clear_object (cancellable);
}

/* Takes a collection out of the library in memory: its stories, events
 * and search keys, and what is still being done for it. */
void
chronicle_library_forget_collection (ChronicleLibrary    *self,
                                     ChronicleCollection *collection)
{
  g_autofree char *id = g_strdup (chronicle_collection_get_id (collection));
  guint position;

  /* First stop what is still being done for it: stories entering the list,
   * search keys being folded. */
  g_cancellable_cancel (chronicle_collection_get_cancellable (collection));
  remove_matching (self, in_collection, id);
  g_hash_table_remove (self->search_tables, id);
  g_hash_table_remove (self->to_store, id);

  if (g_list_store_find (self->collections, collection, &position))
    g_list_store_remove (self->collections, position);

  rebuild_events (self);
}

typedef struct
{
  GHashTable *ids;
  GHashTable *staying;
} Leaving;

static gboolean
in_collections (ChronicleStory *story,
                gconstpointer   data)
{
  const Leaving *leaving = data;
  const char *id = chronicle_story_get_collection_id (story);

  return id != NULL && g_hash_table_contains (leaving->ids, id) &&
         (leaving->staying == NULL || !g_hash_table_contains (leaving->staying, story));
}

/* Takes the stories of the collections @ids (a set of ids) out of the
 * list in one pass, but those of @staying (a set of stories, nullable),
 * with their search tables. */
void
chronicle_library_forget_stories (ChronicleLibrary *self,
                                  GHashTable       *ids,
                                  GHashTable       *staying)
{
  Leaving leaving = { ids, staying };
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (ids) == 0)
    return;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_hash_table_remove (self->search_tables, id);
      g_hash_table_remove (self->to_store, id);
    }
  remove_matching (self, in_collections, &leaving);
}

/* Forgets several collections at once: one pass over the list, and the
 * timeline made again once. */
void
chronicle_library_forget_collections (ChronicleLibrary *self,
                                      GPtrArray        *collections)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < collections->len; i++)
    {
      ChronicleCollection *collection = g_ptr_array_index (collections, i);
      guint position;

      g_cancellable_cancel (chronicle_collection_get_cancellable (collection));
      g_hash_table_add (ids, g_strdup (chronicle_collection_get_id (collection)));
      if (g_list_store_find (self->collections, collection, &position))
        g_list_store_remove (self->collections, position);
    }

  if (g_hash_table_size (ids) == 0)
    return;
  chronicle_library_forget_stories (self, ids, NULL);
  rebuild_events (self);
}

void
chronicle_library_rebuild_events (ChronicleLibrary *self)
{
  rebuild_events (self);
}

/* Collections inserted from here to chronicle_library_end_adding() are
 * listed with one change of the list of collections: each change costs
 * its views about 7 ms, and a restore of 500 subscriptions blocked the
 * window for 3.7 s with one change each. */
void
chronicle_library_begin_adding (ChronicleLibrary *self)
{
  g_return_if_fail (self->adding == NULL);

  self->adding = g_ptr_array_new_with_free_func (g_object_unref);
}

void
chronicle_library_end_adding (ChronicleLibrary *self)
{
  g_autoptr(GPtrArray) adding = g_steal_pointer (&self->adding);

  g_return_if_fail (adding != NULL);

  if (adding->len > 0)
    g_list_store_splice (self->collections, g_list_model_get_n_items (G_LIST_MODEL (self->collections)), 0,
                         adding->pdata, adding->len);
}

/**
 * chronicle_library_remove_collection:
 *
 * Removes a collection the reader added, its stories, its events and its
 * rows in the store (in one transaction; the reader's state stays), also
 * after chronicle_library_unlist_collection().  The bundled collection
 * cannot be removed.
 *
 * Returns: %TRUE if it was removed
 */
gboolean
chronicle_library_remove_collection (ChronicleLibrary *self,
                                     const char       *collection_id)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (collection_id != NULL, FALSE);

  if (g_str_equal (collection_id, CHRONICLE_BUNDLED_COLLECTION))
    return FALSE;

  /* The id may belong to the collection that goes. */
  id = g_strdup (collection_id);
  if (chronicle_library_find_collection (self, id) != NULL && !chronicle_library_unlist_collection (self, id))
    return FALSE;
  chronicle_library_unstore_collection (self, id);
  g_hash_table_remove (self->unlisted, id);
  return TRUE;
}
