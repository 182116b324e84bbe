/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "chronicle-application.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_SEARCH_PROVIDER (chronicle_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSearchProvider, chronicle_search_provider, CHRONICLE, SEARCH_PROVIDER, GObject)

ChronicleSearchProvider *chronicle_search_provider_new      (ChronicleApplication    *application);
gboolean                 chronicle_search_provider_export   (ChronicleSearchProvider *self,
                                                             GDBusConnection         *connection,
                                                             const char              *object_path,
                                                             GError                 **error);
void                     chronicle_search_provider_unexport (ChronicleSearchProvider *self);
GVariant                *chronicle_search_provider_get_metas (ChronicleSearchProvider *self,
                                                              const char * const      *results);

G_END_DECLS
