/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed"

#include "config.h"

#include "chronicle-event.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"

G_DEFINE_FINAL_TYPE (ChronicleFeed, chronicle_feed, G_TYPE_OBJECT)

static void
chronicle_feed_finalize (GObject *object)
{
  ChronicleFeed *self = CHRONICLE_FEED (object);

  g_free (self->version);
  g_free (self->title);
  g_free (self->home_page_url);
  g_free (self->feed_url);
  g_free (self->description);
  g_free (self->language);
  g_free (self->icon);
  g_strfreev (self->authors);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (chronicle_feed_parent_class)->finalize (object);
}

static void
chronicle_feed_class_init (ChronicleFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_feed_finalize;
}

static void
chronicle_feed_init (ChronicleFeed *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

ChronicleFeed *
chronicle_feed_new (void)
{
  return g_object_new (CHRONICLE_TYPE_FEED, NULL);
}

#define DEFINE_STRING_GETTER(field)                                  \
  const char *                                                       \
  chronicle_feed_get_##field (ChronicleFeed *self)                   \
  {                                                                  \
    g_return_val_if_fail (CHRONICLE_IS_FEED (self), NULL);           \
    return self->field;                                              \
  }

DEFINE_STRING_GETTER (version)
DEFINE_STRING_GETTER (title)
DEFINE_STRING_GETTER (home_page_url)
DEFINE_STRING_GETTER (feed_url)
DEFINE_STRING_GETTER (description)
DEFINE_STRING_GETTER (language)
DEFINE_STRING_GETTER (icon)

const char * const *
chronicle_feed_get_authors (ChronicleFeed *self)
{
  g_return_val_if_fail (CHRONICLE_IS_FEED (self), NULL);

  return (const char * const *) self->authors;
}

guint
chronicle_feed_get_n_items (ChronicleFeed *self)
{
  g_return_val_if_fail (CHRONICLE_IS_FEED (self), 0);

  return self->items->len;
}

/**
 * chronicle_feed_name_sources:
 *
 * Gives the items that do not say where they were published (in
 * `_chronicle.source`) the feed's title as their source: an article from a
 * site's feed is that site's.  One string serves them all.
 */
void
chronicle_feed_name_sources (ChronicleFeed *self)
{
  g_autoptr(GRefString) title = NULL;

  g_return_if_fail (CHRONICLE_IS_FEED (self));

  if (self->title == NULL || self->title[0] == '\0')
    return;

  title = g_ref_string_new (self->title);
  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (self->items, i);

      if (item->source == NULL)
        item->source = g_ref_string_acquire (title);
    }
}

/**
 * chronicle_feed_get_item:
 *
 * Returns: (transfer none): the item at @position, in file order
 */
ChronicleItem *
chronicle_feed_get_item (ChronicleFeed *self,
                         guint          position)
{
  g_return_val_if_fail (CHRONICLE_IS_FEED (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * chronicle_feed_get_events:
 *
 * Returns: (transfer none) (element-type ChronicleEvent): the timeline
 *   events of the feed's `_chronicle.timeline`, in file order
 */
GPtrArray *
chronicle_feed_get_events (ChronicleFeed *self)
{
  g_return_val_if_fail (CHRONICLE_IS_FEED (self), NULL);

  return self->events;
}

/**
 * chronicle_feed_get_n_left_out:
 * @n_items: (out) (optional): how many items could not be read
 * @n_events: (out) (optional): how many timeline events could not be read
 *
 * What was left out of a file that was read around its problems.
 */
void
chronicle_feed_get_n_left_out (ChronicleFeed *self,
                               guint         *n_items,
                               guint         *n_events)
{
  g_return_if_fail (CHRONICLE_IS_FEED (self));

  if (n_items != NULL)
    *n_items = self->n_items_left_out;
  if (n_events != NULL)
    *n_events = self->n_events_left_out;
}

/**
 * chronicle_feed_get_ttl_minutes:
 *
 * Returns: how many minutes the feed may be kept before it is fetched
 *   again, as an RSS channel's ttl says; 0 when it says nothing
 */
guint
chronicle_feed_get_ttl_minutes (ChronicleFeed *self)
{
  g_return_val_if_fail (CHRONICLE_IS_FEED (self), 0);

  return self->ttl_minutes;
}
