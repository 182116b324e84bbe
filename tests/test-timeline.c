/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-feed-parser.h"
#include "chronicle-search.h"
#include "chronicle-timeline.h"

/* A feed with one event per line of @events, parsed. */
static ChronicleFeed *
parse_events (const char *events)
{
  g_autofree char *json = g_strdup_printf ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", "
                                           "\"items\": [], \"_chronicle\": {\"timeline\": [%s]}}", events);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  ChronicleFeed *feed = chronicle_feed_parse (bytes, diagnostics);

  g_assert_nonnull (feed);
  for (guint i = 0; i < diagnostics->len; i++)
    g_assert_cmpint (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity, !=, CHRONICLE_SEVERITY_ERROR);
  return feed;
}

static ChronicleEvent *
event_at (ChronicleFeed *feed,
          guint          i)
{
  return g_ptr_array_index (chronicle_feed_get_events (feed), i);
}

static void
test_sentences (void)
{
  struct {
    const char *json;
    const char *sentence;
  } cases[] = {
    { "\"kind\": \"joined\", \"organization\": \"Acme\"", "Ada Lovelace joined Acme" },
    { "\"kind\": \"joined\", \"organization\": \"Acme\", \"role\": \"president\"", "Ada Lovelace joined Acme as president" },
    { "\"kind\": \"left\", \"organization\": \"Acme\"", "Ada Lovelace left Acme" },
    { "\"kind\": \"left\", \"organization\": \"Acme\", \"role\": \"co-founder\"", "Ada Lovelace, co-founder, left Acme" },
    { "\"kind\": \"moved\", \"organization\": \"Acme\", \"to_organization\": \"Initech\"", "Ada Lovelace left Acme for Initech" },
    { "\"kind\": \"moved\", \"organization\": \"Acme\", \"to_organization\": \"Initech\", \"role\": \"chief-scientist\"", "Ada Lovelace, chief scientist, left Acme for Initech" },
    { "\"kind\": \"leave\", \"organization\": \"Acme\"", "Ada Lovelace began a leave of absence from Acme" },
    { "\"kind\": \"leave\", \"organization\": \"Acme\", \"role\": \"president\"", "Ada Lovelace, president, began a leave of absence from Acme" },
    { "\"kind\": \"returned\", \"organization\": \"Acme\"", "Ada Lovelace returned to Acme" },
    { "\"kind\": \"returned\", \"organization\": \"Acme\", \"role\": \"president\"", "Ada Lovelace returned to Acme as president" },
    { "\"kind\": \"reassigned\", \"organization\": \"Acme\"", "Ada Lovelace was reassigned within Acme" },
    { "\"kind\": \"reassigned\", \"organization\": \"Acme\", \"role\": \"head-of-preparedness\"", "Ada Lovelace, head of preparedness, was reassigned within Acme" },
    { "\"kind\": \"hired\", \"organization\": \"Acme\"", "Acme hired Ada Lovelace" },
    { "\"kind\": \"hired\", \"organization\": \"Acme\", \"role\": \"chief-financial-officer\"", "Acme hired Ada Lovelace as chief financial officer" },
    { "\"kind\": \"dismissed\", \"organization\": \"Acme\"", "Acme dismissed Ada Lovelace" },
    { "\"kind\": \"dismissed\", \"organization\": \"Acme\", \"role\": \"chief-executive\"", "Acme dismissed Ada Lovelace as chief executive" },
    { "\"kind\": \"reinstated\", \"organization\": \"Acme\"", "Acme reinstated Ada Lovelace" },
    { "\"kind\": \"reinstated\", \"organization\": \"Acme\", \"role\": \"chief-executive\"", "Acme reinstated Ada Lovelace as chief executive" },
    { "\"kind\": \"founded\", \"organization\": \"Acme\"", "Ada Lovelace founded Acme" },
    { "\"kind\": \"founded\", \"organization\": \"Acme\", \"role\": \"co-founder\"", "Ada Lovelace co-founded Acme" },
    { "\"kind\": \"appointed\", \"organization\": \"Acme\"", "Ada Lovelace took on a new role at Acme" },
    { "\"kind\": \"appointed\", \"organization\": \"Acme\", \"role\": \"head-of-alignment\"", "Ada Lovelace was appointed head of alignment at Acme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"e\", \"date\": \"2024\", \"person\": \"Ada Lovelace\", %s}",
                                               cases[i].json);
      g_autoptr(ChronicleFeed) feed = parse_events (json);
      g_autofree char *sentence = chronicle_event_dup_sentence (event_at (feed, 0));

      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }
}

static void
test_dates_at_precision (void)
{
  g_autoptr(ChronicleFeed) feed =
    parse_events ("{\"id\": \"a\", \"date\": \"2024-08-06\", \"date_precision\": \"day\", \"person\": \"A\", \"kind\": \"left\", \"organization\": \"O\"},"
                  "{\"id\": \"b\", \"date\": \"2023-11\", \"person\": \"B\", \"kind\": \"left\", \"organization\": \"O\"},"
                  "{\"id\": \"c\", \"date\": \"2023\", \"date_precision\": \"year\", \"person\": \"C\", \"kind\": \"left\", \"organization\": \"O\"}");
  g_autofree char *day = chronicle_event_format_date (event_at (feed, 0));
  g_autofree char *month = chronicle_event_format_date (event_at (feed, 1));
  g_autofree char *year = chronicle_event_format_date (event_at (feed, 2));

  g_assert_cmpstr (day, ==, "6 August 2024");
  g_assert_cmpstr (month, ==, "November 2023");
  g_assert_cmpstr (year, ==, "2023");
  g_assert_cmpint (chronicle_event_get_precision (event_at (feed, 1)), ==, CHRONICLE_PRECISION_MONTH);
}

static void
test_ordering_mixed_precision (void)
{
  g_autoptr(ChronicleFeed) feed =
    parse_events ("{\"id\": \"day-late\", \"date\": \"2023-11-20\", \"person\": \"A\", \"kind\": \"left\", \"organization\": \"O\"},"
                  "{\"id\": \"year\", \"date\": \"2023\", \"person\": \"B\", \"kind\": \"left\", \"organization\": \"O\"},"
                  "{\"id\": \"month\", \"date\": \"2023-11\", \"person\": \"C\", \"kind\": \"dismissed\", \"organization\": \"O\"},"
                  "{\"id\": \"month-2\", \"date\": \"2023-11\", \"person\": \"C\", \"kind\": \"reinstated\", \"organization\": \"O\"},"
                  "{\"id\": \"day-first\", \"date\": \"2023-11-01\", \"person\": \"D\", \"kind\": \"left\", \"organization\": \"O\"},"
                  "{\"id\": \"older\", \"date\": \"2022-12-31\", \"person\": \"E\", \"kind\": \"left\", \"organization\": \"O\"}");
  g_autoptr(GListStore) store = g_list_store_new (CHRONICLE_TYPE_EVENT);
  g_autoptr(GPtrArray) oldest = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  const char *expected[] = { "older", "year", "month", "month-2", "day-first", "day-late" };

  for (guint i = 0; i < chronicle_feed_get_events (feed)->len; i++)
    g_list_store_append (store, event_at (feed, i));

  /* A year or month sorts at its start, before the days in it; events on
   * the same date keep the file's order (dismissed before reinstated). */
  oldest = chronicle_timeline_sorted (G_LIST_MODEL (store), FALSE);
  newest = chronicle_timeline_sorted (G_LIST_MODEL (store), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (chronicle_event_get_id (g_ptr_array_index (oldest, i)), ==, expected[i]);
      g_assert_cmpstr (chronicle_event_get_id (g_ptr_array_index (newest, G_N_ELEMENTS (expected) - 1 - i)), ==, expected[i]);
    }
}

static void
test_filters (void)
{
  g_autoptr(ChronicleFeed) feed =
    parse_events ("{\"id\": \"a\", \"date\": \"2024\", \"person\": \"John Schulman\", \"kind\": \"moved\", \"organization\": \"OpenAI\", \"to_organization\": \"Anthropic\"},"
                  "{\"id\": \"b\", \"date\": \"2024\", \"person\": \"Greg Brockman\", \"kind\": \"leave\", \"organization\": \"OpenAI\", \"role\": \"president\"},"
                  "{\"id\": \"c\", \"date\": \"2024\", \"person\": \"Andrej Karpathy\", \"kind\": \"founded\", \"organization\": \"Eureka Labs\"}");
  g_auto(GStrv) president = chronicle_search_terms ("PRESIDENT");
  g_auto(GStrv) leave = chronicle_search_terms ("leave brockman");
  g_auto(GStrv) nothing = chronicle_search_terms ("nobody");

  g_assert_true (chronicle_event_matches (event_at (feed, 0), NULL, NULL, NULL));
  g_assert_true (chronicle_event_matches (event_at (feed, 0), "John Schulman", NULL, NULL));
  g_assert_false (chronicle_event_matches (event_at (feed, 1), "John Schulman", NULL, NULL));

  /* An organisation matches as the one left and as the one joined. */
  g_assert_true (chronicle_event_matches (event_at (feed, 0), NULL, "OpenAI", NULL));
  g_assert_true (chronicle_event_matches (event_at (feed, 0), NULL, "Anthropic", NULL));
  g_assert_true (chronicle_event_matches (event_at (feed, 1), NULL, "OpenAI", NULL));
  g_assert_false (chronicle_event_matches (event_at (feed, 2), NULL, "OpenAI", NULL));

  /* Search covers the role and the sentence. */
  g_assert_true (chronicle_event_matches (event_at (feed, 1), NULL, NULL, president));
  g_assert_true (chronicle_event_matches (event_at (feed, 1), NULL, NULL, leave));
  g_assert_false (chronicle_event_matches (event_at (feed, 0), NULL, NULL, president));
  g_assert_false (chronicle_event_matches (event_at (feed, 2), NULL, NULL, nothing));
}

static GPtrArray *
all_events (ChronicleFeed *feed)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < chronicle_feed_get_events (feed)->len; i++)
    g_ptr_array_add (events, g_object_ref (event_at (feed, i)));
  return events;
}

static void
test_csv (void)
{
  g_autoptr(ChronicleFeed) feed =
    parse_events ("{\"id\": \"a\", \"date\": \"2024-08-06\", \"person\": \"John Schulman\", \"kind\": \"moved\", \"organization\": \"OpenAI\", \"to_organization\": \"Anthropic\", \"role\": \"co-founder\","
                  " \"sources\": [{\"item\": \"article-1\", \"paragraph\": 0, \"quote\": \"x\"}]},"
                  "{\"id\": \"b\", \"date\": \"2023-11\", \"person\": \"Smith, \\\"Jo\\\"\", \"kind\": \"joined\", \"organization\": \"Acme\\nInc\"}");
  g_autoptr(GPtrArray) events = all_events (feed);
  g_autofree char *csv = chronicle_timeline_to_csv (events);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpstr (lines[0], ==, "date,precision,person,kind,organization,to_organization,role,sentence,source");
  g_assert_cmpstr (lines[1], ==, "2024-08-06,day,John Schulman,moved,OpenAI,Anthropic,co-founder,"
                                 "\"John Schulman, co-founder, left OpenAI for Anthropic\",article-1");
  /* Quotes doubled, fields with commas, quotes or line breaks quoted. */
  g_assert_cmpstr (lines[2], ==, "2023-11,month,\"Smith, \"\"Jo\"\"\",joined,\"Acme\nInc\",,,"
                                 "\"Smith, \"\"Jo\"\" joined Acme\nInc\",");
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);
}

static void
test_ics (void)
{
  g_autoptr(ChronicleFeed) feed =
    parse_events ("{\"id\": \"a\", \"date\": \"2024-08-06\", \"person\": \"John Schulman\", \"kind\": \"moved\", \"organization\": \"OpenAI\", \"to_organization\": \"Anthropic\"},"
                  "{\"id\": \"b\", \"date\": \"2023-12\", \"person\": \"Name; with, specials\\\\\", \"kind\": \"joined\","
                  " \"organization\": \"Ölgesellschaft für außerordentlich lange Namen und Überschriften mit Umlauten\"}");
  g_autoptr(GPtrArray) events = all_events (feed);
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 11, 26, 5, 30, 0);
  g_autofree char *ics = chronicle_timeline_to_ics (events, stamp);
  g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);
  g_autoptr(GString) unfolded = g_string_new (NULL);
  guint n = g_strv_length (lines);

  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));
  g_assert_cmpstr (lines[0], ==, "BEGIN:VCALENDAR");
  g_assert_cmpstr (lines[1], ==, "VERSION:2.0");
  g_assert_true (g_str_has_prefix (lines[2], "PRODID:"));

  /* No line is longer than 75 octets, and each is valid UTF-8 by itself:
   * folding never splits a character. */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else
        g_string_append_printf (unfolded, "%s%s", unfolded->len > 0 ? "\n" : "", lines[i]);
    }

  g_assert_nonnull (strstr (unfolded->str, "BEGIN:VEVENT\nUID:a@" BASE_ID "\nDTSTAMP:20261126T053000Z\n"
                                           "DTSTART;VALUE=DATE:20240806\nDTEND;VALUE=DATE:20240807\n"
                                           "SUMMARY:John Schulman left OpenAI for Anthropic\n"));
  /* A month: its first day, and the description says only the month is known. */
  g_assert_nonnull (strstr (unfolded->str, "DTSTART;VALUE=DATE:20231201\nDTEND;VALUE=DATE:20231202\n"));
  g_assert_nonnull (strstr (unfolded->str, "Only the month or year is known: December 2023."));
  /* Escaping of TEXT values. */
  g_assert_nonnull (strstr (unfolded->str, "SUMMARY:Name\\; with\\, specials\\\\ joined Ölgesellschaft für "
                                           "außerordentlich lange Namen und Überschriften mit Umlauten\n"));
  g_assert_cmpuint (g_strv_length (lines), >, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/sentences", test_sentences);
  g_test_add_func ("/timeline/dates-at-precision", test_dates_at_precision);
  g_test_add_func ("/timeline/ordering", test_ordering_mixed_precision);
  g_test_add_func ("/timeline/filters", test_filters);
  g_test_add_func ("/timeline/csv", test_csv);
  g_test_add_func ("/timeline/ics", test_ics);

  return g_test_run ();
}
