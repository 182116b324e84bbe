/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;         /* as in po/LINGUAS, "en" for the source */
  const char *native_name;  /* the language's name for itself */
  const char *name;         /* the English name, translated with _() */
} ChronicleLanguage;

const ChronicleLanguage *chronicle_languages_get_all      (guint      *n_languages);
const ChronicleLanguage *chronicle_languages_lookup       (const char *code);
const char              *chronicle_language_native_name   (const char *code);
const char              *chronicle_language_display_name  (const char *code);

G_END_DECLS
