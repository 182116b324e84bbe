/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-item.h"
#include "chronicle-state.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_STORY (chronicle_story_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleStory, chronicle_story, CHRONICLE, STORY, GObject)

/* The day of a story whose date is unknown, for sorting and sections. */
#define CHRONICLE_STORY_UNKNOWN_DAY G_MININT

ChronicleStory *chronicle_story_new             (const char          *key,
                                                 const char          *collection_id,
                                                 ChronicleState      *state);
guint           chronicle_story_get_serial      (ChronicleStory      *self);
int             chronicle_story_compare         (ChronicleStory      *a,
                                                 ChronicleStory      *b);
const char     *chronicle_story_get_key         (ChronicleStory      *self);
const char     *chronicle_story_get_collection_id (ChronicleStory    *self);
void            chronicle_story_add_item        (ChronicleStory      *self,
                                                 ChronicleItem       *item);
gboolean        chronicle_story_take_place_of   (ChronicleStory      *self,
                                                 ChronicleStory      *other);
void            chronicle_story_fields_changed  (ChronicleStory      *self);
guint           chronicle_story_get_n_items     (ChronicleStory      *self);
ChronicleItem  *chronicle_story_get_item        (ChronicleStory      *self,
                                                 guint                position);
ChronicleItem  *chronicle_story_get_original    (ChronicleStory      *self);
ChronicleItem  *chronicle_story_get_item_for_language (ChronicleStory *self,
                                                 const char          *language);
ChronicleItem  *chronicle_story_get_preferred   (ChronicleStory      *self);
void            chronicle_story_set_languages   (ChronicleStory      *self,
                                                 const char * const  *languages);
const char     *chronicle_story_get_title       (ChronicleStory      *self);
const char     *chronicle_story_get_excerpt     (ChronicleStory      *self);
const char     *chronicle_story_get_source      (ChronicleStory      *self);
const char     *chronicle_story_get_thumbnail   (ChronicleStory      *self);
GDateTime      *chronicle_story_get_date        (ChronicleStory      *self);
GDateTime      *chronicle_story_dup_display_date (ChronicleStory     *self);
int             chronicle_story_get_day         (ChronicleStory      *self);
gboolean        chronicle_story_get_read        (ChronicleStory      *self);
void            chronicle_story_set_read        (ChronicleStory      *self,
                                                 gboolean             read);
gboolean        chronicle_story_get_starred     (ChronicleStory      *self);
void            chronicle_story_set_starred     (ChronicleStory      *self,
                                                 gboolean             starred);
double          chronicle_story_get_position    (ChronicleStory      *self);
void            chronicle_story_set_position    (ChronicleStory      *self,
                                                 double               position);
gboolean        chronicle_story_matches         (ChronicleStory      *self,
                                                 char               **terms);
void            chronicle_story_state_changed   (ChronicleStory      *self);

G_END_DECLS
