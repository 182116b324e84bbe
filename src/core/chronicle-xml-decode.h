/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-diagnostic.h"

G_BEGIN_DECLS

char     *chronicle_xml_decode       (const char *data,
                                      gsize       length,
                                      gsize      *out_length,
                                      GPtrArray  *diagnostics);
gboolean  chronicle_xml_is_ebcdic    (const char *data,
                                      gsize       length);
gunichar  chronicle_xml_windows_1252 (guchar      byte);
char     *chronicle_xml_map_c1       (char       *text);
char     *chronicle_xml_unescape     (const char *raw,
                                      gsize       length);

G_END_DECLS
