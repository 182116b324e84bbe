/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *chronicle_search_fold    (const char  *text);
void      chronicle_search_fold_fast_append (GString    *out,
                                             const char *text,
                                             gboolean    html);
gsize     chronicle_search_unique_words (char   *text,
                                         gsize   length);
char    **chronicle_search_terms   (const char  *query);
gboolean  chronicle_search_matches (const char  *folded_text,
                                    char       **terms);

G_END_DECLS
