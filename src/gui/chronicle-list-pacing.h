/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-library.h"

G_BEGIN_DECLS

typedef struct _ChronicleListPacing ChronicleListPacing;

ChronicleListPacing *chronicle_list_pacing_new  (GtkWidget           *widget,
                                                 ChronicleLibrary    *library);
void                 chronicle_list_pacing_free (ChronicleListPacing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleListPacing, chronicle_list_pacing_free)

G_END_DECLS
