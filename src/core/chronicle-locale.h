/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        chronicle_locale_init          (void);
gboolean    chronicle_locale_set_language  (const char *code);
const char *chronicle_locale_get_language  (void);
const char * const *chronicle_locale_get_language_names (void);
const char *chronicle_locale_get_messages_locale (void);

G_END_DECLS
