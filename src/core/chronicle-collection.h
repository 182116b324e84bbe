/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_COLLECTION (chronicle_collection_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleCollection, chronicle_collection, CHRONICLE, COLLECTION, GObject)

ChronicleCollection *chronicle_collection_new         (const char          *id,
                                                       const char          *name,
                                                       ChronicleFeed       *feed,
                                                       gboolean             builtin);
const char          *chronicle_collection_get_id      (ChronicleCollection *self);
const char          *chronicle_collection_get_name    (ChronicleCollection *self);
const char          *chronicle_collection_get_title   (ChronicleCollection *self);
ChronicleFeed       *chronicle_collection_get_feed    (ChronicleCollection *self);
gboolean             chronicle_collection_get_builtin (ChronicleCollection *self);
GCancellable        *chronicle_collection_get_cancellable (ChronicleCollection *self);
GPtrArray           *chronicle_collection_get_diagnostics (ChronicleCollection *self);
void                 chronicle_collection_set_diagnostics (ChronicleCollection *self,
                                                           GPtrArray           *diagnostics);
void                 chronicle_collection_set_origin      (ChronicleCollection *self,
                                                           const char          *location,
                                                           const char          *content_hash);
void                 chronicle_collection_refill          (ChronicleCollection *self,
                                                           const char          *name,
                                                           ChronicleFeed       *feed);
const char          *chronicle_collection_get_location    (ChronicleCollection *self);
const char          *chronicle_collection_get_content_hash (ChronicleCollection *self);

G_END_DECLS
