/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include "chronicle-error.h"
#include "chronicle-feed-parser.h"

/* Helpers for the tests that read feeds without a window. */

/* The class of a fatal problem, for assertions. */
static inline int
chronicle_test_error_code (const ChronicleDiagnostic *fatal)
{
  switch (fatal->problem)
    {
    case CHRONICLE_PROBLEM_INVALID_UTF8:
    case CHRONICLE_PROBLEM_NUL_BYTE:
      return CHRONICLE_ERROR_ENCODING;
    case CHRONICLE_PROBLEM_TOO_DEEP:
      return CHRONICLE_ERROR_TOO_DEEP;
    case CHRONICLE_PROBLEM_FILE_TOO_LARGE:
      return CHRONICLE_ERROR_TOO_LARGE;
    case CHRONICLE_PROBLEM_ROOT_NOT_OBJECT:
    case CHRONICLE_PROBLEM_NO_VERSION:
    case CHRONICLE_PROBLEM_NOT_JSON_FEED_VERSION:
    case CHRONICLE_PROBLEM_NO_ITEMS:
      return CHRONICLE_ERROR_NOT_A_FEED;
    default:
      return chronicle_diagnostic_is_fatal (fatal) ? CHRONICLE_ERROR_SYNTAX : CHRONICLE_ERROR_INVALID;
    }
}

/* Parses @length bytes of @data; where there is no feed, @error says why
 * in the words of chronicle_diagnostic_to_string(). */
static inline ChronicleFeed *
chronicle_test_parse (const char  *data,
                      gsize        length,
                      GPtrArray  **diagnostics,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  ChronicleFeed *feed;

  *diagnostics = chronicle_diagnostics_new ();
  feed = chronicle_feed_parse (bytes, *diagnostics);
  if (feed == NULL)
    {
      const ChronicleDiagnostic *fatal = chronicle_diagnostics_find_fatal (*diagnostics);
      g_autofree char *text = NULL;

      g_assert_nonnull (fatal);
      text = chronicle_diagnostic_to_string (fatal, NULL);
      g_set_error_literal (error, CHRONICLE_ERROR, chronicle_test_error_code (fatal), text);
    }

  return feed;
}

/* The message of @diagnostic, kept until the test program ends. */
static inline const char *
chronicle_test_message (const ChronicleDiagnostic *diagnostic)
{
  static GPtrArray *messages;

  if (messages == NULL)
    messages = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (messages, chronicle_diagnostic_dup_message (diagnostic));
  return g_ptr_array_index (messages, messages->len - 1);
}

/* A feed that must be read from the NUL-terminated @text. */
static inline ChronicleFeed *
chronicle_test_parse_feed (const char  *text,
                           GPtrArray  **diagnostics)
{
  g_autoptr(GError) error = NULL;
  ChronicleFeed *feed = chronicle_test_parse (text, strlen (text), diagnostics, &error);

  if (feed == NULL)
    g_error ("no feed: %s", error->message);
  return feed;
}

/* The first problem of a kind, which must be there. */
static inline const ChronicleDiagnostic *
chronicle_test_find_problem (GPtrArray        *diagnostics,
                             ChronicleProblem  problem)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->problem == problem)
      return g_ptr_array_index (diagnostics, i);

  g_error ("no problem of kind %d among %u", problem, diagnostics->len);
  return NULL;
}
