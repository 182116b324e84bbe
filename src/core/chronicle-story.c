/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-story"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-item-private.h"
#include "chronicle-search.h"
#include "chronicle-story.h"

/* One row of the article list: an article and its translations, which
 * share a `_chronicle.story`.  The row shows the translation in the
 * reader's language when there is one, else the original. */

struct _ChronicleStory
{
  GObject         parent_instance;

  char           *key;
  char           *collection_id;   /* a GRefString, shared by the collection's stories */
  ChronicleState *state;
  GPtrArray      *items;
  ChronicleItem  *preferred;
  char           *title;
  int             day;
  gint64          sort_time;
  guint           serial;
};

/* Serials name stories in the sets of search results. */
static gint next_serial;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_EXCERPT,
  PROP_SOURCE,
  PROP_DATE,
  PROP_READ,
  PROP_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleStory, chronicle_story, G_TYPE_OBJECT)

static void
chronicle_story_finalize (GObject *object)
{
  ChronicleStory *self = CHRONICLE_STORY (object);

  g_free (self->key);
  g_clear_pointer (&self->collection_id, g_ref_string_release);
  g_clear_object (&self->state);
  g_ptr_array_unref (self->items);
  g_free (self->title);

  G_OBJECT_CLASS (chronicle_story_parent_class)->finalize (object);
}

static void
chronicle_story_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronicleStory *self = CHRONICLE_STORY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, chronicle_story_get_title (self));
      break;

    case PROP_EXCERPT:
      g_value_set_string (value, chronicle_story_get_excerpt (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, chronicle_story_get_source (self));
      break;

    case PROP_DATE:
      g_value_set_boxed (value, chronicle_story_get_date (self));
      break;

    case PROP_READ:
      g_value_set_boolean (value, chronicle_story_get_read (self));
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, chronicle_story_get_starred (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_story_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronicleStory *self = CHRONICLE_STORY (object);

  switch (prop_id)
    {
    case PROP_READ:
      chronicle_story_set_read (self, g_value_get_boolean (value));
      break;

    case PROP_STARRED:
      chronicle_story_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_story_class_init (ChronicleStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_story_finalize;
  object_class->get_property = chronicle_story_get_property;
  object_class->set_property = chronicle_story_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXCERPT] =
    g_param_spec_string ("excerpt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_story_init (ChronicleStory *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->day = CHRONICLE_STORY_UNKNOWN_DAY;
  self->sort_time = G_MININT64;
}

ChronicleStory *
chronicle_story_new (const char     *key,
                     const char     *collection_id,
                     ChronicleState *state)
{
  ChronicleStory *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (CHRONICLE_IS_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_STORY, NULL);
  self->key = g_strdup (key);
  self->collection_id = collection_id != NULL ? g_ref_string_new_intern (collection_id) : NULL;
  self->state = g_object_ref (state);
  self->serial = (guint) g_atomic_int_add (&next_serial, 1);

  return self;
}

/**
 * chronicle_story_get_serial:
 *
 * Returns: a number no other story of this process has
 */
guint
chronicle_story_get_serial (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), 0);

  return self->serial;
}

/**
 * chronicle_story_compare:
 *
 * The article list's order: by day, newest first, then by time, then by
 * key and collection so that no two stories are equal.
 *
 * Returns: a negative number if @a comes first, a positive one if @b does
 */
int
chronicle_story_compare (ChronicleStory *a,
                         ChronicleStory *b)
{
  if (a->day != b->day)
    return a->day > b->day ? -1 : 1;
  if (a->sort_time != b->sort_time)
    return a->sort_time > b->sort_time ? -1 : 1;
  if (a != b && strcmp (a->key, b->key) == 0)
    return g_strcmp0 (a->collection_id, b->collection_id);
  return strcmp (a->key, b->key);
}

const char *
chronicle_story_get_key (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  return self->key;
}

const char *
chronicle_story_get_collection_id (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  return self->collection_id;
}

static void
update_day (ChronicleStory *self)
{
  g_autoptr(GDateTime) local = chronicle_story_dup_display_date (self);
  GDateTime *date = chronicle_story_get_date (self);

  self->sort_time = date != NULL ? g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date)
                                 : G_MININT64;

  if (local == NULL)
    self->day = CHRONICLE_STORY_UNKNOWN_DAY;
  else
    {
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day,
                      g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local),
                      g_date_time_get_year (local));
      self->day = (int) g_date_get_julian (&day);
    }
}

void
chronicle_story_add_item (ChronicleStory *self,
                          ChronicleItem  *item)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));
  g_return_if_fail (CHRONICLE_IS_ITEM (item));

  g_ptr_array_add (self->items, g_object_ref (item));
  if (self->preferred == NULL)
    self->preferred = item;
  update_day (self);
}

static gboolean
has_stored_item (ChronicleStory *self,
                 ChronicleItem  *item)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *own = g_ptr_array_index (self->items, i);

      if (own->store_id == item->store_id)
        return TRUE;
    }
  return FALSE;
}

/**
 * chronicle_story_take_place_of:
 * @other: the same story, read again from the store with all its articles
 *
 * Makes @self stand for @other, its collection, articles and serial, so
 * that a row that shows @self stays as it is where @other would have
 * replaced it: a restored library's newest stories, listed first, become
 * the library's own.
 *
 * Returns: whether @self could: the same key and place in the list, and
 *   every article of it a stored one that @other has too
 */
gboolean
chronicle_story_take_place_of (ChronicleStory *self,
                               ChronicleStory *other)
{
  g_autofree char *shown_id = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STORY (self), FALSE);
  g_return_val_if_fail (CHRONICLE_IS_STORY (other), FALSE);

  /* Nor may it move in the list it is in. */
  if (!g_str_equal (self->key, other->key) || other->preferred == NULL ||
      self->day != other->day || self->sort_time != other->sort_time)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (self->items, i);

      if (item->store_id == 0 || !has_stored_item (other, item))
        return FALSE;
    }

  /* Its items go with the array. */
  shown_id = self->preferred != NULL ? g_strdup (self->preferred->id) : NULL;
  g_clear_pointer (&self->collection_id, g_ref_string_release);
  self->collection_id = other->collection_id != NULL ? g_ref_string_acquire (other->collection_id) : NULL;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < other->items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (other->items, i)));
  self->day = other->day;
  self->sort_time = other->sort_time;
  self->serial = other->serial;

  /* The same article's list fields, from the same row: only another
   * translation, one the preview did not have, shows differently. */
  self->preferred = other->preferred;
  if (g_strcmp0 (shown_id, self->preferred->id) != 0)
    {
      g_clear_pointer (&self->title, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
    }
  return TRUE;
}

guint
chronicle_story_get_n_items (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), 0);

  return self->items->len;
}

ChronicleItem *
chronicle_story_get_item (ChronicleStory *self,
                          guint           position)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * chronicle_story_get_original:
 *
 * Returns: (transfer none): the item that is not a translation, or the
 *   first item when all say they are
 */
ChronicleItem *
chronicle_story_get_original (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);
  g_return_val_if_fail (self->items->len > 0, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (self->items, i);

      if (chronicle_item_get_translated_from (item) == NULL)
        return item;
    }

  return g_ptr_array_index (self->items, 0);
}

static gboolean
language_matches (const char *item_language,
                  const char *language)
{
  gsize len;

  if (item_language == NULL || language == NULL)
    return FALSE;

  /* "de" matches "de-AT" and "de_DE"; "zh_CN" matches "zh-CN". */
  len = strcspn (language, "_-.@");
  if (g_ascii_strncasecmp (item_language, language, len) != 0)
    return FALSE;

  if (item_language[len] == '\0')
    return TRUE;
  if (language[len] != '_' && language[len] != '-')
    return TRUE;

  return g_ascii_strncasecmp (item_language + len + 1, language + len + 1,
                              strcspn (language + len + 1, ".@")) == 0;
}

/**
 * chronicle_story_get_item_for_language:
 *
 * Returns: (transfer none) (nullable): the item written in @language
 */
ChronicleItem *
chronicle_story_get_item_for_language (ChronicleStory *self,
                                       const char     *language)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (self->items, i);

      if (language_matches (chronicle_item_get_language (item), language))
        return item;
    }

  return NULL;
}

/**
 * chronicle_story_get_preferred:
 *
 * Returns: (transfer none): the item shown for this story: in the reader's
 *   language when there is one, else the original
 */
ChronicleItem *
chronicle_story_get_preferred (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  return self->preferred;
}

/**
 * chronicle_story_set_languages:
 * @languages: the reader's languages, most wanted first, as
 *   g_get_language_names() gives them
 */
void
chronicle_story_set_languages (ChronicleStory     *self,
                               const char * const *languages)
{
  ChronicleItem *preferred = NULL;
  gboolean seen_language = FALSE;

  g_return_if_fail (CHRONICLE_IS_STORY (self));

  if (self->items->len == 0)
    return;

  for (guint i = 0; preferred == NULL && languages != NULL && languages[i] != NULL; i++)
    {
      const char *language = languages[i];

      /* "C" ends every list; alone it stands for English, the language of
       * the interface's source, but after a language it only means that
       * there is no more to try. */
      if (g_str_equal (language, "C") || g_str_equal (language, "POSIX") || g_str_has_prefix (language, "C."))
        {
          if (seen_language)
            break;
          language = "en";
        }
      else
        seen_language = TRUE;

      preferred = chronicle_story_get_item_for_language (self, language);
    }

  if (preferred == NULL)
    preferred = chronicle_story_get_original (self);

  if (preferred == self->preferred)
    return;

  self->preferred = preferred;
  g_clear_pointer (&self->title, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
}

const char *
chronicle_story_get_title (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  if (self->title == NULL && self->preferred != NULL)
    self->title = chronicle_item_dup_display_title (self->preferred);

  return self->title;
}

const char *
chronicle_story_get_excerpt (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  return self->preferred != NULL ? chronicle_item_get_excerpt (self->preferred) : "";
}

/**
 * chronicle_story_get_thumbnail:
 *
 * Returns: (nullable): the address of the picture the list shows for the
 *   story, of the article in the reader's language, else of the original
 */
const char *
chronicle_story_get_thumbnail (ChronicleStory *self)
{
  ChronicleItem *original;
  const char *thumbnail = NULL;

  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  if (self->preferred != NULL)
    thumbnail = chronicle_item_get_thumbnail (self->preferred);
  original = self->items->len > 0 ? chronicle_story_get_original (self) : NULL;
  if (thumbnail == NULL && original != NULL && original != self->preferred)
    thumbnail = chronicle_item_get_thumbnail (original);

  return thumbnail;
}

const char *
chronicle_story_get_source (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  return self->preferred != NULL ? chronicle_item_get_source (self->preferred) : NULL;
}

/**
 * chronicle_story_get_date:
 *
 * Returns: (transfer none) (nullable): when the original was published
 */
GDateTime *
chronicle_story_get_date (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  if (self->items->len == 0)
    return NULL;

  return chronicle_item_get_date_published (chronicle_story_get_original (self));
}

/**
 * chronicle_story_dup_display_date:
 *
 * Returns: (transfer full) (nullable): the date to show for the story, see
 *   chronicle_item_dup_display_date()
 */
GDateTime *
chronicle_story_dup_display_date (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), NULL);

  if (self->items->len == 0)
    return NULL;

  return chronicle_item_dup_display_date (chronicle_story_get_original (self));
}

/**
 * chronicle_story_get_day:
 *
 * Returns: the Julian day of the story's date in local time, or
 *   %CHRONICLE_STORY_UNKNOWN_DAY
 */
int
chronicle_story_get_day (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), CHRONICLE_STORY_UNKNOWN_DAY);

  return self->day;
}

gboolean
chronicle_story_get_read (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), FALSE);

  return chronicle_state_get_read (self->state, self->key);
}

void
chronicle_story_set_read (ChronicleStory *self,
                          gboolean        read)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));

  chronicle_state_set_read (self->state, self->key, read);
}

gboolean
chronicle_story_get_starred (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), FALSE);

  return chronicle_state_get_starred (self->state, self->key);
}

void
chronicle_story_set_starred (ChronicleStory *self,
                             gboolean        starred)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));

  chronicle_state_set_starred (self->state, self->key, starred);
}

double
chronicle_story_get_position (ChronicleStory *self)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), 0.0);

  return chronicle_state_get_position (self->state, self->key);
}

void
chronicle_story_set_position (ChronicleStory *self,
                              double          position)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));

  chronicle_state_set_position (self->state, self->key, position);
}

/**
 * chronicle_story_state_changed:
 *
 * Tells views that the read or starred state of the story changed in the
 * #ChronicleState.
 */
void
chronicle_story_state_changed (ChronicleStory *self)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

/**
 * chronicle_story_matches:
 * @terms: folded search terms, from chronicle_search_terms()
 *
 * Returns: %TRUE if one of the story's items contains every term
 */
gboolean
chronicle_story_matches (ChronicleStory  *self,
                         char           **terms)
{
  g_return_val_if_fail (CHRONICLE_IS_STORY (self), FALSE);

  /* This runs for every story on each keystroke of a search: the keys are
   * read directly, and memmem() uses their known lengths. */
  for (guint i = 0; i < self->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (self->items, i);
      const char *key = item->search_key != NULL ? item->search_key : chronicle_item_get_search_key (item);
      guint t;

      for (t = 0; terms != NULL && terms[t] != NULL; t++)
        if (memmem (key, item->search_key_length, terms[t], strlen (terms[t])) == NULL)
          break;

      if (terms == NULL || terms[t] == NULL)
        return TRUE;
    }

  return FALSE;
}


/**
 * chronicle_story_fields_changed:
 *
 * Its article was read again (a refreshed subscription): the fields the
 * list shows are read again from it, and rows that show them redraw.
 */
void
chronicle_story_fields_changed (ChronicleStory *self)
{
  g_return_if_fail (CHRONICLE_IS_STORY (self));

  g_clear_pointer (&self->title, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
}
