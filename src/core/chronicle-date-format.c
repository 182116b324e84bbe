/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-date-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "chronicle-date-format.h"

/* Dates follow the language of the interface, not LC_TIME: the reader can
 * switch languages inside the app, and some (Latin, Sanskrit) have no
 * glibc locale at all.  So month names and date patterns come from our own
 * catalogs, as translatable templates with positional arguments. */

static const char *
month_in_date (int month)
{
  switch (month)
    {
    /* Translators: month names as they appear inside a date, after the day
     * ("6 August 2024"); use the genitive where the language has one. */
    case 1: return C_("month name in a date", "January");
    case 2: return C_("month name in a date", "February");
    case 3: return C_("month name in a date", "March");
    case 4: return C_("month name in a date", "April");
    case 5: return C_("month name in a date", "May");
    case 6: return C_("month name in a date", "June");
    case 7: return C_("month name in a date", "July");
    case 8: return C_("month name in a date", "August");
    case 9: return C_("month name in a date", "September");
    case 10: return C_("month name in a date", "October");
    case 11: return C_("month name in a date", "November");
    case 12: return C_("month name in a date", "December");
    default: g_return_val_if_reached ("");
    }
}

static const char *
month_standalone (int month)
{
  switch (month)
    {
    /* Translators: month names on their own, as in "November 2023"; use the
     * nominative. */
    case 1: return C_("month name standalone", "January");
    case 2: return C_("month name standalone", "February");
    case 3: return C_("month name standalone", "March");
    case 4: return C_("month name standalone", "April");
    case 5: return C_("month name standalone", "May");
    case 6: return C_("month name standalone", "June");
    case 7: return C_("month name standalone", "July");
    case 8: return C_("month name standalone", "August");
    case 9: return C_("month name standalone", "September");
    case 10: return C_("month name standalone", "October");
    case 11: return C_("month name standalone", "November");
    case 12: return C_("month name standalone", "December");
    default: g_return_val_if_reached ("");
    }
}

/* Fills a date pattern such as "{day} {month} {year}".  Patterns use named
 * fields rather than printf arguments, so that a language may leave one out
 * (Japanese writes the month's number, not its name). */
static char *
fill_pattern (const char *pattern,
              ...)
{
  GString *out = g_string_new (NULL);
  const char *p = pattern;

  while (*p != '\0')
    {
      const char *close;
      gboolean found = FALSE;
      va_list args;

      if (*p != '{' || (close = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      va_start (args, pattern);
      for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
        {
          const char *value = va_arg (args, const char *);

          if (strlen (name) == (gsize) (close - p - 1) && strncmp (p + 1, name, close - p - 1) == 0)
            {
              g_string_append (out, value);
              found = TRUE;
              break;
            }
        }
      va_end (args);

      /* An unknown field is kept as written, so a mistake shows. */
      if (!found)
        g_string_append_len (out, p, close - p + 1);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

/**
 * chronicle_format_day:
 *
 * Returns: a day in the interface's language, such as "6 August 2024",
 *   "6. August 2024" or "2024年8月6日"
 */
char *
chronicle_format_day (int year,
                      int month,
                      int day)
{
  char day_text[16], month_number[16], year_text[16];

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  g_snprintf (day_text, sizeof day_text, "%d", day);
  g_snprintf (month_number, sizeof month_number, "%d", month);
  g_snprintf (year_text, sizeof year_text, "%d", year);

  /* Translators: the pattern of a full date.  Keep the words in braces as
   * they are: {day} is the day of the month, {month} the month's name (from
   * "month name in a date"), {month_number} the month as a number, {year}
   * the year.  For example "{day}. {month} {year}" or
   * "{year}年{month_number}月{day}日". */
  return fill_pattern (C_("date pattern", "{day} {month} {year}"),
                       "day", day_text, "month", month_in_date (month),
                       "month_number", month_number, "year", year_text, NULL);
}

/**
 * chronicle_format_month:
 *
 * Returns: a month in the interface's language, such as "November 2023"
 */
char *
chronicle_format_month (int year,
                        int month)
{
  char month_number[16], year_text[16];

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  g_snprintf (month_number, sizeof month_number, "%d", month);
  g_snprintf (year_text, sizeof year_text, "%d", year);

  /* Translators: the pattern of a month of a year.  Keep the words in
   * braces: {month} is the month's name (from "month name standalone"),
   * {month_number} its number, {year} the year.  For example
   * "{year}年{month_number}月". */
  return fill_pattern (C_("date pattern", "{month} {year}"),
                       "month", month_standalone (month), "month_number", month_number,
                       "year", year_text, NULL);
}

/**
 * chronicle_format_year:
 *
 * Returns: a year in the interface's language, such as "2023" or "2023年"
 */
char *
chronicle_format_year (int year)
{
  char year_text[16];

  g_snprintf (year_text, sizeof year_text, "%d", year);

  /* Translators: the pattern of a year on its own, as the timeline shows an
   * event known only to the year.  Keep {year}.  For example "{year}年". */
  return fill_pattern (C_("date pattern", "{year}"), "year", year_text, NULL);
}

/**
 * chronicle_format_date_time:
 *
 * Returns: a date with its time of day in the interface's language, in the
 *   time zone the date carries
 */
char *
chronicle_format_date_time (GDateTime *date)
{
  g_autofree char *day = chronicle_format_date (date);
  char hour[8], minute[8];

  g_snprintf (hour, sizeof hour, "%02d", g_date_time_get_hour (date));
  g_snprintf (minute, sizeof minute, "%02d", g_date_time_get_minute (date));

  /* Translators: the pattern of a date with a time of day.  Keep the words
   * in braces: {date} is a date such as "6 August 2024", {hour} the hour
   * from 00 to 23 and {minute} the minutes. */
  return fill_pattern (C_("date pattern", "{date}, {hour}:{minute}"),
                       "date", day, "hour", hour, "minute", minute, NULL);
}

char *
chronicle_format_date (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return chronicle_format_day (g_date_time_get_year (date),
                               g_date_time_get_month (date),
                               g_date_time_get_day_of_month (date));
}

/**
 * chronicle_format_relative_day:
 * @date: (nullable): a date, in the time zone to show it in
 * @now: the current time, in the same time zone
 *
 * Returns: "Today", "Yesterday", the date, or "Unknown Date", for the
 *   headings of the article list
 */
char *
chronicle_format_relative_day (GDateTime *date,
                               GDateTime *now)
{
  GDate day, today;
  int distance;

  if (date == NULL)
    return g_strdup (_("Unknown Date"));

  g_date_clear (&day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                  g_date_time_get_year (date));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  distance = g_date_days_between (&day, &today);
  if (distance == 0)
    return g_strdup (_("Today"));
  if (distance == 1)
    return g_strdup (_("Yesterday"));

  return chronicle_format_date (date);
}

/**
 * chronicle_local_time_zone:
 *
 * The local time zone, looked up once.  With TZ unset,
 * g_time_zone_new_local() (and so g_date_time_to_local()) reads
 * /etc/localtime again at each call, under a global lock: grouping the
 * 100 000 items of a restored library into stories took 1.25 s, two
 * threads waiting for each other, and 0.13 s with the zone looked up
 * once.  A change of time zone shows after a restart.
 *
 * Returns: (transfer none): the zone
 */
GTimeZone *
chronicle_local_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter_pointer (&zone))
    g_once_init_leave_pointer (&zone, g_time_zone_new_local ());

  return zone;
}
