/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-json-scan"

#include "config.h"

#include <string.h>

#include "chronicle-json-scan.h"

/* The strict half of the lexer (see chronicle-json-scan.c): whether a text
 * is JSON as RFC 8259 has it, and where it is not. */

/* The validator: RFC 8259 as written, nothing more, nothing less. */
typedef struct
{
  const char *data;
  gsize       length;
  gsize       at;
} Scanner;

/* A problem at the scanner's place, quoting what was found there: a word
 * whole (up to 32 bytes), any other character alone. */
static ChronicleDiagnostic *
found_problem (Scanner          *scanner,
               ChronicleProblem  problem)
{
  ChronicleDiagnostic *diagnostic;
  gsize end = scanner->at;
  gunichar c;

  if (scanner->at >= scanner->length)
    return chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_UNEXPECTED_END, scanner->length);

  diagnostic = chronicle_diagnostic_new_at (problem, scanner->at);
  while (end < scanner->length && end - scanner->at < 32 &&
         (g_ascii_isalnum (scanner->data[end]) || scanner->data[end] == '_'))
    end++;
  if (end > scanner->at)
    {
      diagnostic->text = g_strndup (scanner->data + scanner->at, end - scanner->at);
      return diagnostic;
    }

  c = g_utf8_get_char (scanner->data + scanner->at);
  if (g_unichar_isgraph (c))
    diagnostic->text = g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
  else
    diagnostic->text = g_strdup_printf ("U+%04X", c);
  return diagnostic;
}

/* At "\u": checks the escape, and the low half that must follow a high one. */
static ChronicleDiagnostic *
scan_unicode_escape (Scanner *scanner)
{
  const char *p = scanner->data + scanner->at;
  gsize available = scanner->length - scanner->at;
  guint value, low;

  if (!chronicle_json_read_hex4 (p + 2, available - 2, &value))
    {
      ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_INVALID_ESCAPE, scanner->at);

      diagnostic->text = g_strndup (p, MIN (available, 6));
      return diagnostic;
    }

  if (value >= 0xD800 && value <= 0xDBFF && available >= 12 && p[6] == '\\' && p[7] == 'u' &&
      chronicle_json_read_hex4 (p + 8, 4, &low))
    {
      if (low >= 0xDC00 && low <= 0xDFFF)
        {
          scanner->at += 12;
          return NULL;
        }
    }

  if (value >= 0xD800 && value <= 0xDFFF)
    {
      ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_LONE_SURROGATE, scanner->at);

      diagnostic->text = g_strndup (p, 6);
      return diagnostic;
    }

  scanner->at += 6;
  return NULL;
}

static ChronicleDiagnostic *
scan_string (Scanner *scanner)
{
  gsize start = scanner->at;

  scanner->at++;
  while (scanner->at < scanner->length)
    {
      guchar c = scanner->data[scanner->at];

      if (c == '"')
        {
          scanner->at++;
          return NULL;
        }

      if (c < 0x20)
        {
          ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_CONTROL_CHARACTER, scanner->at);

          diagnostic->number = c;
          return diagnostic;
        }

      if (c != '\\')
        {
          scanner->at++;
          continue;
        }

      if (scanner->at + 1 < scanner->length && scanner->data[scanner->at + 1] == 'u')
        {
          ChronicleDiagnostic *diagnostic = scan_unicode_escape (scanner);

          if (diagnostic != NULL)
            return diagnostic;
          continue;
        }

      if (scanner->at + 1 >= scanner->length || strchr ("\"\\/bfnrt", scanner->data[scanner->at + 1]) == NULL ||
          scanner->data[scanner->at + 1] == '\0')
        {
          ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_INVALID_ESCAPE, scanner->at);
          gsize end = scanner->at + 1;

          if (end < scanner->length)
            end = g_utf8_next_char (scanner->data + end) - scanner->data;
          diagnostic->text = g_strndup (scanner->data + scanner->at, MIN (end, scanner->length) - scanner->at);
          return diagnostic;
        }
      scanner->at += 2;
    }

  return chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_UNTERMINATED_STRING, start);
}

static gsize
skip_digits (Scanner *scanner)
{
  gsize start = scanner->at;

  while (scanner->at < scanner->length && g_ascii_isdigit (scanner->data[scanner->at]))
    scanner->at++;
  return scanner->at - start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, then a delimiter. */
static ChronicleDiagnostic *
scan_number (Scanner *scanner)
{
  gsize start = scanner->at;
  gboolean ok = TRUE;

  if (scanner->data[scanner->at] == '-')
    scanner->at++;

  if (scanner->at < scanner->length && scanner->data[scanner->at] == '0')
    scanner->at++;
  else
    ok = skip_digits (scanner) > 0;

  if (ok && scanner->at < scanner->length && scanner->data[scanner->at] == '.')
    {
      scanner->at++;
      ok = skip_digits (scanner) > 0;
    }

  if (ok && scanner->at < scanner->length && (scanner->data[scanner->at] == 'e' || scanner->data[scanner->at] == 'E'))
    {
      scanner->at++;
      if (scanner->at < scanner->length && (scanner->data[scanner->at] == '+' || scanner->data[scanner->at] == '-'))
        scanner->at++;
      ok = skip_digits (scanner) > 0;
    }

  if (ok && (scanner->at >= scanner->length || strchr (",]} \t\r\n", scanner->data[scanner->at]) != NULL))
    return NULL;

  {
    ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_INVALID_NUMBER, start);
    gsize end = start;

    /* Quote the whole word, up to a delimiter, as far as 32 bytes. */
    while (end < scanner->length && end - start < 32 && strchr (",]}:\"[{ \t\r\n", scanner->data[end]) == NULL)
      end++;
    while (end > start && (scanner->data[end - 1] & 0xC0) == 0x80 && !g_utf8_validate_len (scanner->data + start, end - start, NULL))
      end--;
    diagnostic->text = g_strndup (scanner->data + start, MAX (end - start, 1));
    return diagnostic;
  }
}

/* At the start of a value other than an object or an array. */
static ChronicleDiagnostic *
scan_scalar (Scanner *scanner)
{
  static const char * const literals[] = { "true", "false", "null" };
  char c = scanner->data[scanner->at];

  if (c == '"')
    return scan_string (scanner);
  if (c == '-' || g_ascii_isdigit (c))
    return scan_number (scanner);

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (scanner->length - scanner->at >= n && memcmp (scanner->data + scanner->at, literals[i], n) == 0 &&
          (scanner->at + n == scanner->length || strchr (",]} \t\r\n", scanner->data[scanner->at + n]) != NULL))
        {
          scanner->at += n;
          return NULL;
        }
    }

  return found_problem (scanner, CHRONICLE_PROBLEM_EXPECTED_VALUE);
}

static void
skip (Scanner *scanner)
{
  scanner->at = chronicle_json_skip_space (scanner->data, scanner->length, scanner->at);
}

/* After "{" or the comma at @comma: a member's name and its colon. */
static ChronicleDiagnostic *
scan_member_name (Scanner *scanner,
                  gsize    comma)
{
  ChronicleDiagnostic *diagnostic;

  skip (scanner);
  if (scanner->at < scanner->length && scanner->data[scanner->at] != '"')
    {
      if (comma != CHRONICLE_OFFSET_UNKNOWN && scanner->data[scanner->at] == '}')
        return chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_TRAILING_COMMA, comma);
      return found_problem (scanner, CHRONICLE_PROBLEM_EXPECTED_NAME);
    }
  if (scanner->at >= scanner->length)
    return found_problem (scanner, CHRONICLE_PROBLEM_EXPECTED_NAME);

  if ((diagnostic = scan_string (scanner)) != NULL)
    return diagnostic;

  skip (scanner);
  if (scanner->at >= scanner->length || scanner->data[scanner->at] != ':')
    return found_problem (scanner, CHRONICLE_PROBLEM_EXPECTED_COLON);
  scanner->at++;
  return NULL;
}

/**
 * chronicle_json_validate:
 * @max_depth: the deepest nesting of arrays and objects accepted
 *
 * Checks that the text is one JSON value as RFC 8259 defines it, stricter
 * than json-glib (which allows comments, single quotes and unknown
 * escapes): for `chronicle --check`, and to place a syntax error that
 * json-glib found.  A byte order mark at the start is allowed.
 *
 * Returns: (transfer full) (nullable): the first problem, placed at its
 *   offset, or %NULL when the text is valid
 */
ChronicleDiagnostic *
chronicle_json_validate (const char *data,
                         gsize       length,
                         guint       max_depth)
{
  g_autoptr(GString) stack = g_string_new (NULL);   /* '{' and '[' */
  Scanner scanner = { data, length, 0 };
  ChronicleDiagnostic *diagnostic;

  if ((diagnostic = chronicle_json_check_text (data, length, max_depth)) != NULL)
    return diagnostic;

  scanner.at = chronicle_json_skip_bom (data, length);
  skip (&scanner);
  if (scanner.at >= length)
    return chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_FILE_EMPTY, scanner.at);

  while (TRUE)
    {
      char c;

      /* A value. */
      skip (&scanner);
      if (scanner.at >= length)
        return chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_UNEXPECTED_END, length);

      c = data[scanner.at];
      if (c == '{' || c == '[')
        {
          g_string_append_c (stack, c);
          scanner.at++;
          skip (&scanner);
          if (scanner.at < length && data[scanner.at] == (c == '{' ? '}' : ']'))
            {
              scanner.at++;
              g_string_truncate (stack, stack->len - 1);
            }
          else if (c == '{')
            {
              if ((diagnostic = scan_member_name (&scanner, CHRONICLE_OFFSET_UNKNOWN)) != NULL)
                return diagnostic;
              continue;
            }
          else
            continue;
        }
      else if ((diagnostic = scan_scalar (&scanner)) != NULL)
        return diagnostic;

      /* What comes after a value: a comma, or the end of its container. */
      while (TRUE)
        {
          char open;

          skip (&scanner);
          if (stack->len == 0)
            return scanner.at < length ? found_problem (&scanner, CHRONICLE_PROBLEM_TRAILING_CONTENT) : NULL;

          open = stack->str[stack->len - 1];
          if (scanner.at < length && data[scanner.at] == ',')
            {
              gsize comma = scanner.at++;

              if (open == '{')
                diagnostic = scan_member_name (&scanner, comma);
              else
                {
                  skip (&scanner);
                  if (scanner.at < length && data[scanner.at] == ']')
                    diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_TRAILING_COMMA, comma);
                }
              if (diagnostic != NULL)
                return diagnostic;
              break;
            }

          if (scanner.at < length && data[scanner.at] == (open == '{' ? '}' : ']'))
            {
              scanner.at++;
              g_string_truncate (stack, stack->len - 1);
              continue;
            }

          return found_problem (&scanner, open == '{' ? CHRONICLE_PROBLEM_EXPECTED_OBJECT_END
                                                      : CHRONICLE_PROBLEM_EXPECTED_ARRAY_END);
        }
    }
}

