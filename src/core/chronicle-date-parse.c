/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-date-parse"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle-date-parse.h"

/* Dates as feeds write them: RFC 822 and its successors (RSS), ISO 8601 and
 * RFC 3339 (Atom, Dublin Core, JSON Feed), and whatever sites make of
 * them: no weekday or a wrong one, no seconds, two-digit years, one-digit
 * days, zone names, military letters, offsets with or without a colon,
 * JavaScript's Date.toString(), text after the zone. */

static const char * const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};
static const char * const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static const struct {
  const char *name;
  int         minutes;
} zones[] = {
  { "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
  { "est", -5 * 60 }, { "edt", -4 * 60 }, { "cst", -6 * 60 }, { "cdt", -5 * 60 },
  { "mst", -7 * 60 }, { "mdt", -6 * 60 }, { "pst", -8 * 60 }, { "pdt", -7 * 60 },
};

typedef struct
{
  int      day, month, year;
  int      hour, minute;
  double   second;
  int      zone_minutes;
  gboolean has_day, has_month, has_year, has_time, has_zone;
  gboolean loose;
} Parts;

/* A month or weekday by its first three letters, as long as the rest of
 * the word could be its full name ("Aug", "August", "Sept"). */
static int
find_word (const char         *word,
           gsize               length,
           const char * const *names,
           guint               n_names)
{
  if (length < 3)
    return -1;

  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strncasecmp (word, names[i], 3) == 0)
      return i;

  return -1;
}

/* "+0200", "-05:00", "+02", as an offset in minutes. */
static gboolean
parse_offset (const char *text,
              gsize       length,
              int        *minutes)
{
  int sign = text[0] == '-' ? -1 : 1;
  char digits[5] = { 0 };
  guint n = 0;

  if (length < 2 || (text[0] != '+' && text[0] != '-'))
    return FALSE;

  for (gsize i = 1; i < length; i++)
    {
      if (g_ascii_isdigit (text[i]) && n < 4)
        digits[n++] = text[i];
      else if (text[i] != ':' || n != 2)
        return FALSE;
    }

  if (n == 2)
    *minutes = sign * 60 * atoi (digits);
  else if (n == 4)
    *minutes = sign * (60 * (10 * (digits[0] - '0') + digits[1] - '0') + 10 * (digits[2] - '0') + digits[3] - '0');
  else
    return FALSE;

  return ABS (*minutes) <= 14 * 60;
}

static gboolean
parse_zone_word (const char *word,
                 gsize       length,
                 Parts      *parts)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strlen (zones[i].name) == length && g_ascii_strncasecmp (word, zones[i].name, length) == 0)
      {
        parts->zone_minutes = zones[i].minutes;
        parts->has_zone = TRUE;
        return TRUE;
      }

  /* "GMT+0200", as JavaScript writes. */
  if (length > 3 && g_ascii_strncasecmp (word, "GMT", 3) == 0 && parse_offset (word + 3, length - 3, &parts->zone_minutes))
    {
      parts->has_zone = TRUE;
      return TRUE;
    }

  /* Military letters: RFC 2822 reads them, but for Z, as an unknown zone,
   * as their meaning was written backwards in RFC 822. */
  if (length == 1 && g_ascii_isalpha (word[0]) && g_ascii_tolower (word[0]) != 'j')
    {
      parts->zone_minutes = 0;
      parts->has_zone = TRUE;
      parts->loose = TRUE;
      return TRUE;
    }

  return FALSE;
}

/* "10:05", "9:05:59", "10:05:59.25". */
static gboolean
parse_time (const char *word,
            Parts      *parts)
{
  int hour, minute, read = 0;
  double second = 0;

  if (sscanf (word, "%2d:%2d%n", &hour, &minute, &read) != 2)
    return FALSE;
  if (word[read] == ':' && sscanf (word + read + 1, "%lf", &second) != 1)
    return FALSE;
  if (hour > 23 || minute > 59 || second < 0 || second >= 61)
    return FALSE;

  parts->hour = hour;
  parts->minute = minute;
  parts->second = MIN (second, 59.999999);
  parts->has_time = TRUE;
  return TRUE;
}

static void
take_number (const char *word,
             gsize       length,
             Parts      *parts)
{
  int value = atoi (word);

  if (!parts->has_day && length <= 2 && value >= 1 && value <= 31 && !parts->has_year)
    {
      parts->day = value;
      parts->has_day = TRUE;
    }
  else if (!parts->has_year && (length == 2 || length == 3 || length == 4))
    {
      /* Two digits: RFC 2822's rule, 00 to 49 in this century.  Three: the
       * year since 1900, as some old software wrote. */
      if (length == 2)
        value += value < 50 ? 2000 : 1900;
      else if (length == 3)
        value += 1900;
      if (length != 4)
        parts->loose = TRUE;
      parts->year = value;
      parts->has_year = TRUE;
    }
  else
    parts->loose = TRUE;
}

/* One word of a date in the manner of RFC 822. */
static gboolean
take_word (const char *word,
           gsize       length,
           Parts      *parts)
{
  int found;

  if (word[0] == '(')
    return FALSE;   /* "(Central European Summer Time)": the rest is a comment */

  if (strchr (word, ':') != NULL && g_ascii_isdigit (word[0]))
    {
      if (!parts->has_time && parse_time (word, parts))
        return TRUE;
      parts->loose = TRUE;
      return TRUE;
    }

  if ((word[0] == '+' || word[0] == '-') && !parts->has_zone)
    {
      if (parse_offset (word, length, &parts->zone_minutes))
        parts->has_zone = TRUE;
      else
        parts->loose = TRUE;
      return TRUE;
    }

  if (g_ascii_isdigit (word[0]))
    {
      take_number (word, length, parts);
      return TRUE;
    }

  if (!parts->has_month && (found = find_word (word, length, months, G_N_ELEMENTS (months))) >= 0)
    {
      parts->month = found + 1;
      parts->has_month = TRUE;
      return TRUE;
    }

  if (find_word (word, length, weekdays, G_N_ELEMENTS (weekdays)) >= 0 && !parts->has_day)
    return TRUE;

  if (!parts->has_zone && parts->has_time && parse_zone_word (word, length, parts))
    return TRUE;

  parts->loose = TRUE;
  return TRUE;
}

static GDateTime *
build (const Parts *parts,
       gboolean    *has_time)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (!parts->has_day || !parts->has_month || !parts->has_year || !g_date_valid_dmy (parts->day, parts->month, parts->year))
    return NULL;

  zone = g_time_zone_new_offset (parts->zone_minutes * 60);
  *has_time = parts->has_time;
  return g_date_time_new (zone, parts->year, parts->month, parts->day, parts->hour, parts->minute, parts->second);
}

static GDateTime *
parse_rfc822 (const char *text,
              gboolean   *has_time,
              gboolean   *loose)
{
  Parts parts = { 0 };
  const char *p = text;
  GDateTime *date;

  while (*p != '\0')
    {
      gsize length;
      g_autofree char *word = NULL;

      while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r')
        p++;
      length = strcspn (p, " \t,\r\n");
      if (length == 0)
        break;

      word = g_strndup (p, length);
      p += length;

      /* "06-Aug-2024", as some servers write the day. */
      if (g_ascii_isdigit (word[0]) && strchr (word, '-') != NULL && strchr (word, ':') == NULL && !parts.has_month)
        {
          g_auto(GStrv) pieces = g_strsplit (word, "-", 3);

          for (guint i = 0; pieces[i] != NULL; i++)
            take_word (pieces[i], strlen (pieces[i]), &parts);
          parts.loose = TRUE;
          continue;
        }

      if (!take_word (word, length, &parts))
        break;
    }

  if (!parts.has_zone)
    parts.loose = TRUE;

  date = build (&parts, has_time);
  if (date != NULL)
    *loose = parts.loose;
  return date;
}

/* ISO 8601 and RFC 3339: the full form, a missing zone (read as UTC), a
 * space for the T, and a bare day. */
static GDateTime *
parse_iso8601 (const char *text,
               gboolean   *has_time,
               gboolean   *loose)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *copy = g_strdup (text);
  GDateTime *date;
  int year, month, day;
  char end;

  if (strlen (copy) > 10 && copy[10] == ' ')
    {
      copy[10] = 'T';
      *loose = TRUE;
    }

  date = g_date_time_new_from_iso8601 (copy, NULL);
  if (date == NULL && (date = g_date_time_new_from_iso8601 (copy, utc)) != NULL)
    *loose = TRUE;
  if (date != NULL)
    {
      *has_time = TRUE;
      return date;
    }

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 && strlen (text) == 10 &&
      g_date_valid_dmy (day, month, year))
    {
      *has_time = FALSE;
      return g_date_time_new (utc, year, month, day, 0, 0, 0);
    }

  return NULL;
}

static gboolean
looks_like_iso8601 (const char *text)
{
  return strlen (text) >= 10 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-';
}

/**
 * chronicle_date_parse:
 * @text: a date as a feed writes it
 * @style: how the format asks for dates to be written
 * @has_time: (out): whether the date says the time of day
 * @loose: (out): whether it is written otherwise than @style asks, though
 *   it could be read
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when it cannot be
 *   read
 */
GDateTime *
chronicle_date_parse (const char          *text,
                      ChronicleDateStyle   style,
                      gboolean            *has_time,
                      gboolean            *loose)
{
  g_autofree char *trimmed = NULL;
  GDateTime *date;

  g_return_val_if_fail (text != NULL, NULL);

  *has_time = FALSE;
  *loose = FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    return NULL;

  if (looks_like_iso8601 (trimmed))
    {
      date = parse_iso8601 (trimmed, has_time, loose);
      if (style == CHRONICLE_DATE_RFC822)
        *loose = TRUE;
      return date;
    }

  date = parse_rfc822 (trimmed, has_time, loose);
  if (date != NULL && style == CHRONICLE_DATE_ISO8601)
    *loose = TRUE;
  return date;
}
