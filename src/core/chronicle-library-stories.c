/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"

/* Building a feed's stories and the table of their search keys, which
 * touches nothing of the library, so that it can run on a loading
 * thread. */

typedef struct
{
  ChronicleFeed *feed;
  guint          start;
  guint          end;
} FoldRange;

static gpointer
fold_range (gpointer data)
{
  FoldRange *range = data;

  for (guint i = range->start; i < range->end; i++)
    (void) chronicle_item_get_search_key (chronicle_feed_get_item (range->feed, i));

  return NULL;
}

/* Folding the search keys is most of the work of building a large
 * collection's stories: a second thread takes half of the items. */
static void
fold_keys (ChronicleFeed *feed)
{
  guint n_items = chronicle_feed_get_n_items (feed);
  FoldRange first = { feed, 0, n_items / 2 };
  FoldRange second = { feed, n_items / 2, n_items };
  GThread *thread = NULL;

  /* As for parsing, small files are not worth a thread. */
  if (n_items >= 1000)
    thread = g_thread_new ("chronicle-fold", fold_range, &second);
  else
    fold_range (&second);
  fold_range (&first);
  if (thread != NULL)
    g_thread_join (thread);
}

/* The order of the library's stories model. */
static int
compare_stories (gconstpointer a,
                 gconstpointer b)
{
  return chronicle_story_compare (*(ChronicleStory **) a, *(ChronicleStory **) b);
}

/* Groups a feed's items into stories.  It touches nothing of the library
 * but reads, so it runs on the loading thread for large files.  With
 * @search_table, the search keys are folded there too and listed in a
 * table, so that the first search is as quick as the others. */
GPtrArray *
chronicle_library_build_stories (ChronicleState     *state,
               const char         *collection_id,
               ChronicleFeed      *feed,
               const char * const *languages,
               ChronicleSearchTable **search_table)
{
  g_autoptr(GHashTable) stories = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = chronicle_feed_get_n_items (feed);
  g_autofree ChronicleStory **item_stories = g_new (ChronicleStory *, n_items + 1);

  for (guint i = 0; i < n_items; i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (feed, i);
      const char *key = chronicle_item_get_story (item);
      ChronicleStory *story;

      if (key == NULL)
        key = chronicle_item_get_id (item);

      story = g_hash_table_lookup (stories, key);
      if (story == NULL)
        {
          story = chronicle_story_new (key, collection_id, state);
          g_hash_table_insert (stories, (gpointer) chronicle_story_get_key (story), story);
          g_ptr_array_add (added, story);
        }

      chronicle_story_add_item (story, item);
      item_stories[i] = story;
    }

  if (search_table != NULL)
    {
      fold_keys (feed);
      *search_table = chronicle_search_table_new (feed, item_stories);
    }

  for (guint i = 0; i < added->len; i++)
    chronicle_story_set_languages (g_ptr_array_index (added, i), languages);
  g_ptr_array_sort (added, compare_stories);

  return added;
}
