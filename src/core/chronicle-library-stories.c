/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"
#include "chronicle-threads.h"

/* Building a feed's stories and the table of their search keys, which
 * touches nothing of the library, so that it can run on a loading
 * thread.  For large files, a second thread takes half of the items:
 * making a story for each item and folding the search keys are most of
 * the work, and both only read the items. */

typedef struct
{
  ChronicleState      *state;
  const char          *collection_id;
  ChronicleFeed       *feed;
  const char * const  *languages;
  gboolean             fold;
  guint                start;
  guint                end;
  GHashTable          *by_key;         /* story key → ChronicleStory */
  GPtrArray           *stories;        /* in the order of their first items */
  ChronicleStory     **item_stories;   /* the story of each item of the feed */
} Half;

static gpointer
build_half (gpointer data)
{
  Half *half = data;

  for (guint i = half->start; i < half->end; i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (half->feed, i);
      const char *key = chronicle_item_get_story (item);
      ChronicleStory *story;

      if (key == NULL)
        key = chronicle_item_get_id (item);

      story = g_hash_table_lookup (half->by_key, key);
      if (story == NULL)
        {
          story = chronicle_story_new (key, half->collection_id, half->state);
          g_hash_table_insert (half->by_key, (gpointer) chronicle_story_get_key (story), story);
          g_ptr_array_add (half->stories, story);
        }

      chronicle_story_add_item (story, item);
      half->item_stories[i] = story;
      if (half->fold)
        (void) chronicle_item_get_search_key (item);
    }

  for (guint i = 0; i < half->stories->len; i++)
    chronicle_story_set_languages (g_ptr_array_index (half->stories, i), half->languages);

  return NULL;
}

/* Moves the items of the second half's stories that the first half has
 * too into the first half's, as one story, and gathers all stories. */
static GPtrArray *
join_halves (Half *first,
             Half *second)
{
  GPtrArray *stories = g_ptr_array_new_full (first->stories->len + second->stories->len, g_object_unref);
  g_autoptr(GHashTable) moved = g_hash_table_new (NULL, NULL);   /* story → story */

  g_ptr_array_extend_and_steal (stories, g_ptr_array_ref (first->stories));
  for (guint i = 0; i < second->stories->len; i++)
    {
      ChronicleStory *story = g_ptr_array_index (second->stories, i);
      ChronicleStory *same = g_hash_table_lookup (first->by_key, chronicle_story_get_key (story));

      if (same == NULL)
        {
          g_ptr_array_add (stories, g_object_ref (story));
          continue;
        }

      for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
        chronicle_story_add_item (same, chronicle_story_get_item (story, j));
      chronicle_story_set_languages (same, first->languages);
      g_hash_table_insert (moved, story, same);
    }

  for (guint i = second->start; i < second->end && g_hash_table_size (moved) > 0; i++)
    {
      ChronicleStory *same = g_hash_table_lookup (moved, second->item_stories[i]);

      if (same != NULL)
        second->item_stories[i] = same;
    }

  return stories;
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
chronicle_library_build_stories (ChronicleState         *state,
                                 const char             *collection_id,
                                 ChronicleFeed          *feed,
                                 const char * const     *languages,
                                 ChronicleSearchTable  **search_table)
{
  guint n_items = chronicle_feed_get_n_items (feed);
  g_autofree ChronicleStory **item_stories = g_new (ChronicleStory *, n_items + 1);
  Half halves[2];
  GPtrArray *stories;

  for (guint h = 0; h < 2; h++)
    {
      halves[h] = (Half) { state, collection_id, feed, languages, search_table != NULL,
                           h == 0 ? 0 : n_items / 2, h == 0 ? n_items / 2 : n_items,
                           g_hash_table_new (g_str_hash, g_str_equal),
                           g_ptr_array_new_with_free_func (g_object_unref), item_stories };
    }

  chronicle_run_halves ("chronicle-stories", build_half, &halves[0], &halves[1], n_items);

  stories = join_halves (&halves[0], &halves[1]);
  if (search_table != NULL)
    *search_table = chronicle_search_table_new (feed, item_stories);

  for (guint h = 0; h < 2; h++)
    {
      g_hash_table_unref (halves[h].by_key);
      g_ptr_array_unref (halves[h].stories);
    }

  g_ptr_array_sort (stories, compare_stories);
  return stories;
}
