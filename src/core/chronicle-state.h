/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-store.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_STATE (chronicle_state_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleState, chronicle_state, CHRONICLE, STATE, GObject)

ChronicleState *chronicle_state_new               (ChronicleStore  *store);
ChronicleStore *chronicle_state_get_store         (ChronicleState  *self);
void            chronicle_state_take_rows         (ChronicleState  *self,
                                                   GArray          *rows);
gboolean        chronicle_state_flush             (ChronicleState  *self,
                                                   GError         **error);
gboolean        chronicle_state_get_pending       (ChronicleState  *self);
gboolean        chronicle_state_get_read          (ChronicleState  *self,
                                                   const char      *key);
void            chronicle_state_set_read          (ChronicleState  *self,
                                                   const char      *key,
                                                   gboolean         read);
char          **chronicle_state_set_read_many     (ChronicleState  *self,
                                                   const char     **keys,
                                                   guint            n_keys,
                                                   gboolean         read);
gboolean        chronicle_state_get_starred       (ChronicleState  *self,
                                                   const char      *key);
void            chronicle_state_set_starred       (ChronicleState  *self,
                                                   const char      *key,
                                                   gboolean         starred);
double          chronicle_state_get_position      (ChronicleState  *self,
                                                   const char      *key);
void            chronicle_state_set_position      (ChronicleState  *self,
                                                   const char      *key,
                                                   double           position);

G_END_DECLS
