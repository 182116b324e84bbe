/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-store-private.h"

G_BEGIN_DECLS

/* A collection kept by Chronicle before the store. */
typedef struct
{
  char *id;
  char *file;   /* relative to the data folder */
  char *name;   /* the file name the reader opened */
} ChronicleSavedCollection;

gboolean chronicle_legacy_parse_state (const char  *contents,
                                       gsize        length,
                                       GArray     **rows,
                                       GPtrArray  **collections,
                                       GError     **error);
gboolean chronicle_legacy_import      (sqlite3     *db,
                                       const char  *directory,
                                       char       **set_aside,
                                       GError     **error);

G_END_DECLS
