/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-fetch-state.h"

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
gboolean             chronicle_collection_get_web          (ChronicleCollection *self);
const char          *chronicle_collection_get_folder       (ChronicleCollection *self);
void                 chronicle_collection_set_folder       (ChronicleCollection *self,
                                                            const char          *folder);
const char          *chronicle_collection_get_user_title   (ChronicleCollection *self);
void                 chronicle_collection_set_user_title   (ChronicleCollection *self,
                                                            const char          *title);
const ChronicleFetchState *chronicle_collection_get_fetch_state (ChronicleCollection *self);
void                 chronicle_collection_set_web_state    (ChronicleCollection       *self,
                                                            const char                *folder,
                                                            const char                *user_title,
                                                            const ChronicleFetchState *fetch);
gboolean             chronicle_collection_get_failed       (ChronicleCollection *self);
GBytes              *chronicle_collection_get_icon         (ChronicleCollection *self);
void                 chronicle_collection_set_icon         (ChronicleCollection *self,
                                                            GBytes              *icon);
guint                chronicle_collection_get_n_unread     (ChronicleCollection *self);
void                 chronicle_collection_set_n_unread     (ChronicleCollection *self,
                                                            guint                n_unread);

G_END_DECLS
