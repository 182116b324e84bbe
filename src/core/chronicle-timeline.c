/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-date-format.h"
#include "chronicle-search.h"
#include "chronicle-timeline.h"

/* What the timeline view and its exports share: dates at their precision,
 * filtering, ordering, and the CSV and iCalendar writers. */

/**
 * chronicle_event_format_date:
 *
 * Returns: the event's date at its precision in the interface's language:
 *   "6 August 2024", "November 2023" or "2023"
 */
char *
chronicle_event_format_date (ChronicleEvent *event)
{
  GDate *date = chronicle_event_get_date (event);

  switch (chronicle_event_get_precision (event))
    {
    case CHRONICLE_PRECISION_YEAR:
      return chronicle_format_year (g_date_get_year (date));
    case CHRONICLE_PRECISION_MONTH:
      return chronicle_format_month (g_date_get_year (date), g_date_get_month (date));
    case CHRONICLE_PRECISION_DAY:
    default:
      return chronicle_format_day (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
    }
}

/**
 * chronicle_event_matches:
 * @person: (nullable): show only this person's events
 * @organization: (nullable): show only events of this organisation, as the
 *   one left or the one joined
 * @terms: (nullable): folded search terms, which the sentence, names and
 *   role must all contain
 */
gboolean
chronicle_event_matches (ChronicleEvent  *event,
                         const char      *person,
                         const char      *organization,
                         char           **terms)
{
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  const char *role;

  g_return_val_if_fail (CHRONICLE_IS_EVENT (event), FALSE);

  if (person != NULL && g_strcmp0 (chronicle_event_get_person (event), person) != 0)
    return FALSE;

  if (organization != NULL &&
      g_strcmp0 (chronicle_event_get_organization (event), organization) != 0 &&
      g_strcmp0 (chronicle_event_get_to_organization (event), organization) != 0)
    return FALSE;

  if (terms == NULL || terms[0] == NULL)
    return TRUE;

  /* The sentence is in the interface's language, so it is folded now. */
  role = chronicle_event_get_role (event);
  sentence = chronicle_event_dup_sentence (event);
  text = g_strjoin ("\n", sentence, chronicle_event_get_person (event),
                    chronicle_event_get_organization (event),
                    chronicle_event_get_to_organization (event) != NULL ? chronicle_event_get_to_organization (event) : "",
                    role != NULL ? chronicle_event_role_get_label (role) : "",
                    chronicle_event_kind_get_label (chronicle_event_get_kind (event)),
                    NULL);
  folded = chronicle_search_fold (text);

  return chronicle_search_matches (folded, terms);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return chronicle_event_compare (*(ChronicleEvent **) b, *(ChronicleEvent **) a);
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  return chronicle_event_compare (*(ChronicleEvent **) a, *(ChronicleEvent **) b);
}

/**
 * chronicle_timeline_sorted:
 *
 * Returns: (transfer container) (element-type ChronicleEvent): the events
 *   in date order
 */
GPtrArray *
chronicle_timeline_sorted (GListModel *events,
                           gboolean    newest_first)
{
  guint n = g_list_model_get_n_items (events);
  GPtrArray *sorted = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (events, i));

  g_ptr_array_sort (sorted, newest_first ? compare_newest_first : compare_oldest_first);
  return sorted;
}

static const char *
precision_name (ChroniclePrecision precision)
{
  switch (precision)
    {
    case CHRONICLE_PRECISION_YEAR: return "year";
    case CHRONICLE_PRECISION_MONTH: return "month";
    case CHRONICLE_PRECISION_DAY:
    default: return "day";
    }
}

static char *
iso_date (ChronicleEvent *event)
{
  GDate *date = chronicle_event_get_date (event);

  switch (chronicle_event_get_precision (event))
    {
    case CHRONICLE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", g_date_get_year (date));
    case CHRONICLE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", g_date_get_year (date), g_date_get_month (date));
    case CHRONICLE_PRECISION_DAY:
    default:
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date));
    }
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, and
 * quotes inside it are doubled. */
static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);

  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * chronicle_timeline_to_csv:
 *
 * Returns: the events as CSV (RFC 4180, with a header line): date,
 *   precision, person, kind, organization, to_organization, role, the
 *   sentence in the interface's language, and the id of the article that
 *   reports it
 */
char *
chronicle_timeline_to_csv (GPtrArray *events)
{
  GString *out = g_string_new ("date,precision,person,kind,organization,to_organization,role,sentence,source\r\n");

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = iso_date (event);
      g_autofree char *sentence = chronicle_event_dup_sentence (event);
      const char *source = chronicle_event_get_n_sources (event) > 0
                           ? chronicle_event_get_source (event, 0)->item : NULL;

      append_csv_field (out, date, FALSE);
      append_csv_field (out, precision_name (chronicle_event_get_precision (event)), FALSE);
      append_csv_field (out, chronicle_event_get_person (event), FALSE);
      append_csv_field (out, chronicle_event_kind_to_string (chronicle_event_get_kind (event)), FALSE);
      append_csv_field (out, chronicle_event_get_organization (event), FALSE);
      append_csv_field (out, chronicle_event_get_to_organization (event), FALSE);
      append_csv_field (out, chronicle_event_get_role (event), FALSE);
      append_csv_field (out, sentence, FALSE);
      append_csv_field (out, source, TRUE);
    }

  return g_string_free (out, FALSE);
}

/* RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped
 * in TEXT values. */
static char *
ics_escape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';': g_string_append (out, "\\;"); break;
        case ',': g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default: g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and a
 * space, never inside a UTF-8 character. */
static void
append_ics_line (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, value, NULL);
  gsize length = strlen (line);
  gsize start = 0;
  gsize limit = 75;

  while (length - start > limit)
    {
      gsize end = start + limit;

      while (end > start && ((guchar) line[end] & 0xC0) == 0x80)
        end--;

      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      /* Continuation lines begin with the space, which counts. */
      limit = 74;
    }

  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

/**
 * chronicle_timeline_to_ics:
 * @stamp: when the calendar is made (DTSTAMP)
 *
 * Returns: the events as an iCalendar file (RFC 5545): one all-day event
 *   each, on the event's day, or the first day of its month or year when
 *   only those are known, with the sentence as its summary
 */
char *
chronicle_timeline_to_ics (GPtrArray *events,
                           GDateTime *stamp)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (stamp);
  g_autofree char *dtstamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

  append_ics_line (out, "BEGIN:", "VCALENDAR");
  append_ics_line (out, "VERSION:", "2.0");
  append_ics_line (out, "PRODID:", "-//Chronicle//Chronicle " PACKAGE_VERSION "//EN");
  append_ics_line (out, "CALSCALE:", "GREGORIAN");

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      GDate start = *chronicle_event_get_date (event);
      GDate end = start;
      char start_text[16], end_text[16];
      g_autofree char *uid = NULL;
      g_autofree char *sentence = chronicle_event_dup_sentence (event);
      g_autofree char *summary = ics_escape (sentence);
      g_autofree char *when = chronicle_event_format_date (event);
      g_autofree char *description = NULL;
      g_autofree char *escaped_description = NULL;

      g_date_add_days (&end, 1);
      g_snprintf (start_text, sizeof start_text, "%04d%02d%02d",
                  g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
      g_snprintf (end_text, sizeof end_text, "%04d%02d%02d",
                  g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));

      uid = g_strconcat (chronicle_event_get_id (event), "@" BASE_ID, NULL);
      if (chronicle_event_get_precision (event) == CHRONICLE_PRECISION_DAY)
        description = g_strdup (sentence);
      else
        /* Translators: in an exported calendar; %1$s is a sentence such as
         * "Sam Altman left OpenAI", %2$s a month or year such as
         * "November 2023" */
        description = g_strdup_printf (_("%1$s. Only the month or year is known: %2$s."), sentence, when);
      escaped_description = ics_escape (description);

      append_ics_line (out, "BEGIN:", "VEVENT");
      append_ics_line (out, "UID:", uid);
      append_ics_line (out, "DTSTAMP:", dtstamp);
      append_ics_line (out, "DTSTART;VALUE=DATE:", start_text);
      append_ics_line (out, "DTEND;VALUE=DATE:", end_text);
      append_ics_line (out, "SUMMARY:", summary);
      append_ics_line (out, "DESCRIPTION:", escaped_description);
      append_ics_line (out, "CATEGORIES:", chronicle_event_kind_to_string (chronicle_event_get_kind (event)));
      append_ics_line (out, "TRANSP:", "TRANSPARENT");
      append_ics_line (out, "END:", "VEVENT");
    }

  append_ics_line (out, "END:", "VCALENDAR");
  return g_string_free (out, FALSE);
}
