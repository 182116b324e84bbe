/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *chronicle_format_day            (int         year,
                                       int         month,
                                       int         day);
char *chronicle_format_month          (int         year,
                                       int         month);
char *chronicle_format_year           (int         year);
char *chronicle_format_date           (GDateTime  *date);
char *chronicle_format_date_time      (GDateTime  *date);
char *chronicle_format_relative_day   (GDateTime  *date,
                                       GDateTime  *now);

GTimeZone *chronicle_local_time_zone  (void);

G_END_DECLS
