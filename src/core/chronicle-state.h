/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_STATE (chronicle_state_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleState, chronicle_state, CHRONICLE, STATE, GObject)

typedef struct
{
  char *id;
  char *file;   /* relative to the state's directory */
  char *name;   /* the file name the reader opened */
} ChronicleSavedCollection;

ChronicleState *chronicle_state_new               (const char      *directory);
const char     *chronicle_state_get_directory     (ChronicleState  *self);
gboolean        chronicle_state_load              (ChronicleState  *self,
                                                   char           **set_aside,
                                                   GError         **error);
gboolean        chronicle_state_load_from_data    (ChronicleState  *self,
                                                   const char      *data,
                                                   gsize            length,
                                                   GError         **error);
gboolean        chronicle_state_peek              (ChronicleState  *self,
                                                   GError         **error);
gboolean        chronicle_state_save              (ChronicleState  *self,
                                                   GError         **error);
void            chronicle_state_save_soon         (ChronicleState  *self);
gboolean        chronicle_state_flush             (ChronicleState  *self);
gboolean        chronicle_state_get_read          (ChronicleState  *self,
                                                   const char      *key);
void            chronicle_state_set_read          (ChronicleState  *self,
                                                   const char      *key,
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
GPtrArray      *chronicle_state_get_collections   (ChronicleState  *self);
void            chronicle_state_add_collection    (ChronicleState  *self,
                                                   const char      *id,
                                                   const char      *file,
                                                   const char      *name);
void            chronicle_state_remove_collection (ChronicleState  *self,
                                                   const char      *id);

G_END_DECLS
