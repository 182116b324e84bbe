/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONICLE_EVENT_JOINED,
  CHRONICLE_EVENT_LEFT,
  CHRONICLE_EVENT_MOVED,
  CHRONICLE_EVENT_LEAVE,
  CHRONICLE_EVENT_RETURNED,
  CHRONICLE_EVENT_REASSIGNED,
  CHRONICLE_EVENT_HIRED,
  CHRONICLE_EVENT_DISMISSED,
  CHRONICLE_EVENT_REINSTATED,
  CHRONICLE_EVENT_FOUNDED,
  CHRONICLE_EVENT_APPOINTED,
  CHRONICLE_EVENT_N_KINDS
} ChronicleEventKind;

typedef enum
{
  CHRONICLE_PRECISION_DAY,
  CHRONICLE_PRECISION_MONTH,
  CHRONICLE_PRECISION_YEAR,
} ChroniclePrecision;

typedef struct
{
  char  *item;
  guint  paragraph;
  char  *quote;
} ChronicleEventSource;

#define CHRONICLE_TYPE_EVENT (chronicle_event_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleEvent, chronicle_event, CHRONICLE, EVENT, GObject)

ChronicleEvent             *chronicle_event_new              (const char         *id,
                                                              const GDate        *date,
                                                              ChroniclePrecision  precision,
                                                              const char         *person,
                                                              ChronicleEventKind  kind,
                                                              const char         *organization,
                                                              const char         *to_organization,
                                                              const char         *role,
                                                              guint               order);
void                        chronicle_event_add_source       (ChronicleEvent     *self,
                                                              const char         *item,
                                                              guint               paragraph,
                                                              const char         *quote);
gboolean                    chronicle_event_kind_from_string (const char         *text,
                                                              ChronicleEventKind *kind);
const char                 *chronicle_event_get_id           (ChronicleEvent     *self);
GDate                      *chronicle_event_get_date         (ChronicleEvent     *self);
ChroniclePrecision          chronicle_event_get_precision    (ChronicleEvent     *self);
const char                 *chronicle_event_get_person       (ChronicleEvent     *self);
ChronicleEventKind          chronicle_event_get_kind         (ChronicleEvent     *self);
const char                 *chronicle_event_get_organization (ChronicleEvent     *self);
const char                 *chronicle_event_get_to_organization (ChronicleEvent  *self);
const char                 *chronicle_event_get_role         (ChronicleEvent     *self);
guint                       chronicle_event_get_n_sources    (ChronicleEvent     *self);
const ChronicleEventSource *chronicle_event_get_source       (ChronicleEvent     *self,
                                                              guint               index);
int                         chronicle_event_compare          (ChronicleEvent     *a,
                                                              ChronicleEvent     *b);
char                       *chronicle_event_dup_sentence     (ChronicleEvent     *self);
const char                 *chronicle_event_kind_to_string   (ChronicleEventKind  kind);
const char                 *chronicle_event_kind_get_label   (ChronicleEventKind  kind);
const char                 *chronicle_event_role_get_label   (const char         *role);
guint                       chronicle_events_parse           (JsonArray          *array,
                                                              const char         *path,
                                                              GPtrArray          *events,
                                                              GPtrArray          *diagnostics);

G_END_DECLS
