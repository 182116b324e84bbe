/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-shell-search"

#include "config.h"

#include <string.h>

#include "chronicle-search.h"
#include "chronicle-shell-search.h"
#include "chronicle-timeline.h"

/* The desktop's search shows a handful of results per application: the
 * newest articles first, the events after the first few of them, so that
 * both show, then the other articles.  It reads the search keys the
 * in-app search reads, never the bodies. */

#define ARTICLE_PREFIX     "article:"
#define EVENT_PREFIX       "event:"
#define ARTICLES_BEFORE    3

static char **
fold_terms (const char * const *terms)
{
  g_autofree char *query = g_strjoinv (" ", (char **) terms);

  return chronicle_search_terms (query);
}

static char *
story_result (ChronicleStory *story)
{
  ChronicleItem *item = chronicle_story_get_preferred (story);

  if (item == NULL)
    item = chronicle_story_get_item (story, 0);
  return g_strconcat (ARTICLE_PREFIX, chronicle_item_get_id (item), NULL);
}

/* The newest stories that contain every term, at most @max. */
static GPtrArray *
find_articles (ChronicleLibrary  *library,
               char             **terms,
               guint              max)
{
  g_autoptr(ChronicleSearchResult) result = chronicle_library_search (library, terms, NULL);
  GListModel *stories = chronicle_library_get_stories (library);
  guint n = g_list_model_get_n_items (stories);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n && found->len < max; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      if (chronicle_search_result_contains (result, story))
        g_ptr_array_add (found, story_result (story));
    }
  return found;
}

static GPtrArray *
find_events (ChronicleLibrary  *library,
             char             **terms,
             guint              max)
{
  g_autoptr(GPtrArray) events = chronicle_timeline_sorted (chronicle_library_get_events (library), TRUE);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len && found->len < max; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);

      if (chronicle_event_matches (event, NULL, NULL, terms))
        g_ptr_array_add (found, g_strconcat (EVENT_PREFIX, chronicle_event_get_id (event), NULL));
    }
  return found;
}

static gboolean
still_matches (ChronicleLibrary  *library,
               const char        *result,
               char             **terms)
{
  ChronicleStory *story = chronicle_shell_result_get_story (library, result);
  ChronicleEvent *event;

  if (story != NULL)
    return chronicle_story_matches (story, terms);

  event = chronicle_shell_result_get_event (library, result);
  return event != NULL && chronicle_event_matches (event, NULL, NULL, terms);
}

/**
 * chronicle_shell_search:
 * @terms: the words typed, as the desktop splits them
 * @previous: (nullable): the results of a search these words narrow
 *
 * Finds the newest articles that contain every word (case and accents
 * ignored, as the in-app search does) and the timeline events whose
 * people, organisations or sentence do.  With @previous, only those of
 * @previous that still match, in their order.
 *
 * Returns: (transfer full): the results, as strings that name them
 */
char **
chronicle_shell_search (ChronicleLibrary   *library,
                        const char * const *terms,
                        const char * const *previous)
{
  g_auto(GStrv) folded = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  folded = fold_terms (terms);
  /* Words that fold to nothing (punctuation alone) would match all. */
  if (folded[0] == NULL)
    return g_strv_builder_end (builder);

  if (previous != NULL)
    {
      for (guint i = 0; previous[i] != NULL; i++)
        if (still_matches (library, previous[i], folded))
          g_strv_builder_add (builder, previous[i]);
      return g_strv_builder_end (builder);
    }

  articles = find_articles (library, folded, CHRONICLE_SHELL_MAX_ARTICLES);
  events = find_events (library, folded, CHRONICLE_SHELL_MAX_EVENTS);
  for (guint i = 0; i < articles->len && i < ARTICLES_BEFORE; i++)
    g_strv_builder_add (builder, g_ptr_array_index (articles, i));
  for (guint i = 0; i < events->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (events, i));
  for (guint i = ARTICLES_BEFORE; i < articles->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (articles, i));
  return g_strv_builder_end (builder);
}

/**
 * chronicle_shell_result_get_story:
 *
 * Returns: (transfer none) (nullable): the story of an article @result
 *   names, if it is listed
 */
ChronicleStory *
chronicle_shell_result_get_story (ChronicleLibrary *library,
                                  const char       *result)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  if (!g_str_has_prefix (result, ARTICLE_PREFIX))
    return NULL;
  return chronicle_library_find_story_by_item (library, result + strlen (ARTICLE_PREFIX));
}

/**
 * chronicle_shell_result_get_event:
 *
 * Returns: (transfer none) (nullable): the event @result names
 */
ChronicleEvent *
chronicle_shell_result_get_event (ChronicleLibrary *library,
                                  const char       *result)
{
  GListModel *events;
  guint n;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  if (!g_str_has_prefix (result, EVENT_PREFIX))
    return NULL;

  events = chronicle_library_get_events (library);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (chronicle_event_get_id (event), result + strlen (EVENT_PREFIX)))
        return event;
    }
  return NULL;
}
