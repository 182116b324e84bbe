/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-json-scan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-error.h"
#include "chronicle-json-scan.h"

/* json-glib tells where a syntax error is, but not where a value that parsed
 * fine sits in the text, and it does not check the encoding.  This file holds
 * the small, iterative scanner that fills those gaps. */

/**
 * chronicle_text_position:
 * @data: UTF-8 text
 * @offset: a byte offset into @data
 *
 * Turns a byte offset into a 1-based line and a 1-based column counted in
 * characters, as editors show them.
 */
void
chronicle_text_position (const char *data,
                         gsize       offset,
                         guint      *line,
                         guint      *column)
{
  guint l = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          line_start = i + 1;
        }
    }

  *line = l;
  /* Count characters, not bytes; continuation bytes do not start one. */
  *column = 1;
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      (*column)++;
}

static gboolean
set_error_at (GError     **error,
              int          code,
              const char  *data,
              gsize        offset,
              const char  *message)
{
  guint line, column;

  chronicle_text_position (data, offset, &line, &column);
  g_set_error (error, CHRONICLE_ERROR, code, "%u:%u: %s", line, column, message);
  return FALSE;
}

/**
 * chronicle_json_scan:
 * @data: the file's contents
 * @length: their length in bytes
 * @max_depth: the deepest nesting of arrays and objects accepted
 *
 * Checks what json-glib does not: that the text is UTF-8 without NUL bytes,
 * and that it does not nest deeper than @max_depth.  The error message
 * starts with "LINE:COLUMN: " of the first problem.
 *
 * Returns: %TRUE when the text may be given to json-glib
 */
gboolean
chronicle_json_scan (const char  *data,
                     gsize        length,
                     guint        max_depth,
                     GError     **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = end - data;

      if (data[offset] == '\0')
        return set_error_at (error, CHRONICLE_ERROR_ENCODING, data, offset,
                             _("the file contains a NUL byte, which JSON does not allow"));

      return set_error_at (error, CHRONICLE_ERROR_ENCODING, data, offset,
                           _("the file is not valid UTF-8 text"));
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_autofree char *message =
                g_strdup_printf (ngettext ("the file nests arrays and objects more than %u level deep",
                                           "the file nests arrays and objects more than %u levels deep",
                                           max_depth),
                                 max_depth);
              return set_error_at (error, CHRONICLE_ERROR_TOO_DEEP, data, i, message);
            }
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

static gsize
skip_space (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

/* Returns the offset just past the string that starts at @i. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i)
{
  for (i++; i < length; i++)
    {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        return i + 1;
    }
  return length;
}

/* Returns the offset just past the value that starts at @i, without
 * recursion: nesting is tracked as a count. */
static gsize
skip_value (const char *data,
            gsize       length,
            gsize       i)
{
  guint depth = 0;

  while (i < length)
    {
      char c = data[i];

      if (c == '"')
        {
          i = skip_string (data, length, i);
          if (depth == 0)
            return i;
          continue;
        }

      if (c == '[' || c == '{')
        depth++;
      else if (c == ']' || c == '}')
        {
          if (depth == 0)
            return i;
          if (--depth == 0)
            return i + 1;
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t'))
        return i;

      i++;
    }

  return i;
}

/* Finds the member @name of the object that starts at @i; returns the offset
 * of its value, or -1. */
static gssize
find_member (const char *data,
             gsize       length,
             gsize       i,
             const char *name,
             gsize       name_len)
{
  gssize found = -1;

  i = skip_space (data, length, i);
  if (i >= length || data[i] != '{')
    return -1;
  i++;

  while (i < length)
    {
      gsize key_start, key_end;

      i = skip_space (data, length, i);
      if (i >= length || data[i] != '"')
        return found;

      key_start = i + 1;
      i = skip_string (data, length, i);
      key_end = i - 1;
      i = skip_space (data, length, i);
      if (i >= length || data[i] != ':')
        return found;
      i = skip_space (data, length, i + 1);

      /* Keys are compared as written; escaped keys are rare enough. The last
       * duplicate wins, as in json-glib. */
      if (key_end - key_start == name_len && memcmp (data + key_start, name, name_len) == 0)
        found = i;

      i = skip_space (data, length, skip_value (data, length, i));
      if (i >= length || data[i] != ',')
        return found;
      i++;
    }

  return found;
}

static gssize
find_element (const char *data,
              gsize       length,
              gsize       i,
              guint       index)
{
  i = skip_space (data, length, i);
  if (i >= length || data[i] != '[')
    return -1;
  i = skip_space (data, length, i + 1);

  for (guint n = 0; i < length; n++)
    {
      if (data[i] == ']')
        return -1;
      if (n == index)
        return i;
      i = skip_space (data, length, skip_value (data, length, i));
      if (i >= length || data[i] != ',')
        return -1;
      i = skip_space (data, length, i + 1);
    }

  return -1;
}

/**
 * chronicle_json_locate:
 * @data: JSON text that json-glib parsed
 * @length: its length in bytes
 * @path: a path such as "items[3].title"
 * @line: (out): the 1-based line of the value
 * @column: (out): the 1-based column of the value, in characters
 *
 * Finds where the value at @path starts in the text, so that a problem
 * found in the parsed tree can be reported at its place in the file.
 *
 * Returns: %TRUE if the value was found
 */
gboolean
chronicle_json_locate (const char *data,
                       gsize       length,
                       const char *path,
                       guint      *line,
                       guint      *column)
{
  gssize offset = skip_space (data, length, 0);
  const char *p = path;

  g_return_val_if_fail (path != NULL, FALSE);

  while (*p != '\0' && offset >= 0)
    {
      if (*p == '[')
        {
          guint64 index = g_ascii_strtoull (p + 1, (char **) &p, 10);

          if (*p != ']')
            return FALSE;
          p++;
          offset = find_element (data, length, offset, (guint) index);
        }
      else
        {
          const char *name;

          if (*p == '.')
            p++;
          name = p;
          while (*p != '\0' && *p != '.' && *p != '[')
            p++;
          offset = find_member (data, length, offset, name, p - name);
        }
    }

  if (offset < 0)
    return FALSE;

  chronicle_text_position (data, offset, line, column);
  return TRUE;
}
