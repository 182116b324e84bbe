/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a format asks for its dates to be written. */
typedef enum
{
  CHRONICLE_DATE_RFC822,    /* RSS: "Tue, 06 Aug 2024 10:00:00 GMT" */
  CHRONICLE_DATE_ISO8601,   /* Atom, Dublin Core, JSON Feed: RFC 3339 */
} ChronicleDateStyle;

GDateTime *chronicle_date_parse (const char          *text,
                                 ChronicleDateStyle   style,
                                 gboolean            *has_time,
                                 gboolean            *loose);

G_END_DECLS
