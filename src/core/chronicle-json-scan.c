/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-json-scan"

#include "config.h"

#include <string.h>

#include "chronicle-json-scan.h"

/* json-glib reads JSON into trees, but does not say where a value that
 * parsed fine sits in the text, words its syntax errors for display only,
 * and does not check the encoding.  This file is the small, iterative
 * lexer that fills those gaps: everything in Chronicle that reads JSON text
 * itself goes through it. */

#define IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

/**
 * chronicle_json_skip_bom:
 *
 * Returns: the length of a UTF-8 byte order mark at the start of @data,
 *   which JSON readers may ignore (RFC 8259, 8.1), or 0
 */
gsize
chronicle_json_skip_bom (const char *data,
                         gsize       length)
{
  return length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

gsize
chronicle_json_skip_space (const char *data,
                           gsize       length,
                           gsize       at)
{
  while (at < length && IS_SPACE (data[at]))
    at++;
  return at;
}

/**
 * chronicle_json_skip_string:
 * @at: (inout): the offset of a '"'; set past the closing one
 *
 * Returns: %FALSE if the string is not closed
 */
gboolean
chronicle_json_skip_string (const char *data,
                            gsize       length,
                            gsize      *at)
{
  gsize from = *at + 1;

  while (from < length)
    {
      const char *quote = memchr (data + from, '"', length - from);
      gsize backslashes = 0;

      if (quote == NULL)
        return FALSE;

      /* A quote is escaped when an odd number of backslashes comes before it. */
      while (quote - backslashes > data + from && quote[-1 - (gssize) backslashes] == '\\')
        backslashes++;

      from = quote - data + 1;
      if (backslashes % 2 == 0)
        {
          *at = from;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * chronicle_json_skip_value:
 * @at: (inout): the offset where a value starts; set just past it
 * @max_depth: how deep arrays and objects may nest inside it
 *
 * Finds where a value ends without checking it: whether it is valid JSON
 * is for a parser to say.
 *
 * Returns: %FALSE if it does not end, nests too deep, or does not start
 *   like a value
 */
gboolean
chronicle_json_skip_value (const char *data,
                           gsize       length,
                           gsize      *at,
                           guint       max_depth)
{
  gsize i = *at;
  guint level = 0;
  char c;

  if (i >= length)
    return FALSE;

  c = data[i];
  if (c == '"')
    return chronicle_json_skip_string (data, length, at);

  if (c != '{' && c != '[')
    {
      if (c != '-' && !g_ascii_isdigit (c) && c != 't' && c != 'f' && c != 'n')
        return FALSE;
      while (i < length && strchr (",]} \t\r\n", data[i]) == NULL)
        i++;
      *at = i;
      return TRUE;
    }

  while (i < length)
    {
      c = data[i];
      if (c == '"')
        {
          if (!chronicle_json_skip_string (data, length, &i))
            return FALSE;
          continue;
        }
      if (c == '{' || c == '[')
        {
          if (++level > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && --level == 0)
        {
          *at = i + 1;
          return TRUE;
        }
      i++;
    }

  return FALSE;
}

/**
 * chronicle_json_read_hex4:
 * @p: where four hexadecimal digits should be, as after "\u"
 * @available: how many bytes there are from @p on
 * @value: (out): their value
 *
 * Returns: %TRUE if there are four hexadecimal digits
 */
gboolean
chronicle_json_read_hex4 (const char *p,
                          gsize       available,
                          guint      *value)
{
  guint v = 0;

  if (available < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }

  *value = v;
  return TRUE;
}

/**
 * chronicle_json_check_text:
 * @max_depth: the deepest nesting of arrays and objects accepted
 *
 * Checks what json-glib does not: that the text is UTF-8 without NUL bytes,
 * and that it does not nest deeper than @max_depth.
 *
 * Returns: (transfer full) (nullable): the first problem, placed at its
 *   offset, or %NULL when the text may be given to json-glib
 */
ChronicleDiagnostic *
chronicle_json_check_text (const char *data,
                           gsize       length,
                           guint       max_depth)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (data, length, &end))
    return chronicle_diagnostic_new_at (*end == '\0' ? CHRONICLE_PROBLEM_NUL_BYTE : CHRONICLE_PROBLEM_INVALID_UTF8, end - data);

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

      if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > max_depth)
        {
          ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new_at (CHRONICLE_PROBLEM_TOO_DEEP, i);

          diagnostic->number = max_depth;
          return diagnostic;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return NULL;
}

/* Placing problems: one walk over the text finds the values their paths
 * name, however many there are. */
typedef struct
{
  GHashTable *targets;    /* path → GPtrArray of ChronicleDiagnostic */
  GHashTable *wanted;     /* paths of containers to walk into → offset + 1 */
} Placing;

/* Member names are compared as json-glib gives them, unescaped.  The text
 * was read by json-glib, so its escapes are whole. */
static void
append_name (GString    *path,
             const char *name,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guint c, low;

      if (name[i] != '\\' || i + 1 >= length)
        {
          g_string_append_c (path, name[i]);
          continue;
        }

      switch (name[++i])
        {
        case 'b': g_string_append_c (path, '\b'); break;
        case 'f': g_string_append_c (path, '\f'); break;
        case 'n': g_string_append_c (path, '\n'); break;
        case 'r': g_string_append_c (path, '\r'); break;
        case 't': g_string_append_c (path, '\t'); break;
        case 'u':
          if (!chronicle_json_read_hex4 (name + i + 1, length - i - 1, &c))
            break;
          i += 4;
          if (c >= 0xD800 && c <= 0xDBFF && i + 2 < length && name[i + 1] == '\\' && name[i + 2] == 'u' &&
              chronicle_json_read_hex4 (name + i + 3, length - i - 3, &low))
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          g_string_append_unichar (path, c);
          break;
        default: g_string_append_c (path, name[i]); break;
        }
    }
}

static void
visit (Placing    *placing,
       GString    *path,
       gsize       offset)
{
  GPtrArray *diagnostics = g_hash_table_lookup (placing->targets, path->str);

  /* Of duplicate members, the last one counts, as in json-glib. */
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    ((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->position.offset = offset;

  if (g_hash_table_contains (placing->wanted, path->str))
    g_hash_table_insert (placing->wanted, g_strdup (path->str), GSIZE_TO_POINTER (offset + 1));
}

/* At a member's name: adds it to @path and moves to its value. */
static gboolean
enter_member (const char *data,
              gsize       length,
              gsize      *at,
              GString    *path,
              gsize       parent_length)
{
  gsize start;

  *at = chronicle_json_skip_space (data, length, *at);
  start = *at;
  if (start >= length || data[start] != '"' || !chronicle_json_skip_string (data, length, at))
    return FALSE;

  g_string_truncate (path, parent_length);
  if (parent_length > 0)
    g_string_append_c (path, '.');
  append_name (path, data + start + 1, *at - start - 2);

  *at = chronicle_json_skip_space (data, length, *at);
  if (*at >= length || data[*at] != ':')
    return FALSE;
  (*at)++;
  return TRUE;
}

typedef struct
{
  char  open;
  gsize path_length;
  guint index;
} Frame;

static void
walk (Placing    *placing,
      const char *data,
      gsize       length)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(GString) path = g_string_new (NULL);
  gsize at = chronicle_json_skip_bom (data, length);

  while (TRUE)
    {
      Frame *frame;

      /* At a value, whose path is @path. */
      at = chronicle_json_skip_space (data, length, at);
      if (at >= length)
        return;
      visit (placing, path, at);

      if ((data[at] == '{' || data[at] == '[') &&
          (stack->len == 0 || g_hash_table_contains (placing->wanted, path->str)))
        {
          Frame entered = { data[at], path->len, 0 };

          g_array_append_val (stack, entered);
          at = chronicle_json_skip_space (data, length, at + 1);
          if (at < length && data[at] != (entered.open == '{' ? '}' : ']'))
            {
              if (entered.open == '[')
                g_string_append (path, "[0]");
              else if (!enter_member (data, length, &at, path, entered.path_length))
                return;
              continue;
            }
        }
      else if (!chronicle_json_skip_value (data, length, &at, G_MAXUINT))
        return;
      else
        at = chronicle_json_skip_space (data, length, at);

      /* After a value: the next one in its container, or the container's end. */
      while (TRUE)
        {
          if (stack->len == 0 || at >= length)
            return;

          frame = &g_array_index (stack, Frame, stack->len - 1);
          g_string_truncate (path, frame->path_length);
          if (data[at] == ',')
            {
              at++;
              if (frame->open == '[')
                g_string_append_printf (path, "[%u]", ++frame->index);
              else if (!enter_member (data, length, &at, path, frame->path_length))
                return;
              break;
            }

          /* The container's own end. */
          g_array_set_size (stack, stack->len - 1);
          at = chronicle_json_skip_space (data, length, at + 1);
        }
    }
}

/* Adds @target and the paths of the containers that hold it. */
static void
want (Placing             *placing,
      ChronicleDiagnostic *diagnostic)
{
  const char *target = diagnostic->path != NULL ? diagnostic->path : "";
  GPtrArray *diagnostics = g_hash_table_lookup (placing->targets, target);

  if (diagnostics == NULL)
    {
      diagnostics = g_ptr_array_new ();
      g_hash_table_insert (placing->targets, g_strdup (target), diagnostics);
    }
  g_ptr_array_add (diagnostics, diagnostic);

  for (const char *p = target; *p != '\0'; p++)
    if ((*p == '.' || *p == '[') && p > target)
      g_hash_table_insert (placing->wanted, g_strndup (target, p - target), NULL);
}

/* A problem whose value was not found (a member added by a repair, say) is
 * placed at the nearest container that holds it. */
static void
place_at_container (Placing             *placing,
                    ChronicleDiagnostic *diagnostic)
{
  g_autofree char *path = g_strdup (diagnostic->path != NULL ? diagnostic->path : "");

  for (char *p = path + strlen (path); p > path; p--)
    {
      gpointer offset;

      if (*p != '.' && *p != '[')
        continue;
      *p = '\0';
      offset = g_hash_table_lookup (placing->wanted, path);
      if (offset != NULL)
        {
          diagnostic->position.offset = GPOINTER_TO_SIZE (offset) - 1;
          return;
        }
    }
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize oa = (*(const ChronicleDiagnostic **) a)->position.offset;
  gsize ob = (*(const ChronicleDiagnostic **) b)->position.offset;

  return (oa > ob) - (oa < ob);
}

/* Turns offsets into lines and columns (counted in characters) in one pass
 * over the text. */
static void
set_lines (const char *data,
           gsize       length,
           GPtrArray  *placed)
{
  guint line = 1, column = 1;
  gsize at = 0;

  g_ptr_array_sort (placed, compare_offsets);
  for (guint i = 0; i < placed->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (placed, i);
      gsize offset = MIN (diagnostic->position.offset, length);
      const char *newline;

      while (at < offset && (newline = memchr (data + at, '\n', offset - at)) != NULL)
        {
          line++;
          column = 1;
          at = newline - data + 1;
        }

      /* Continuation bytes do not start a character. */
      for (; at < offset; at++)
        if (((guchar) data[at] & 0xC0) != 0x80)
          column++;

      diagnostic->position.line = line;
      diagnostic->position.column = column;
    }
}

/**
 * chronicle_json_place:
 * @data: JSON text that json-glib parsed
 * @diagnostics: (element-type ChronicleDiagnostic): problems found in it
 * @first: the first of @diagnostics to place
 *
 * Places the problems from @first on: those without an offset at the
 * value their path names (the root for none), then each at its line and
 * column.  It reads the text once, whatever the number of problems.
 */
void
chronicle_json_place (const char *data,
                      gsize       length,
                      GPtrArray  *diagnostics,
                      guint       first)
{
  g_autoptr(GPtrArray) placed = g_ptr_array_new ();
  Placing placing;

  g_return_if_fail (data != NULL || length == 0);

  placing.targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  placing.wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = first; i < diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->position.offset == CHRONICLE_OFFSET_UNKNOWN)
        want (&placing, diagnostic);
    }

  if (g_hash_table_size (placing.targets) > 0)
    walk (&placing, data, length);

  for (guint i = first; i < diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->position.offset == CHRONICLE_OFFSET_UNKNOWN)
        place_at_container (&placing, diagnostic);
      if (diagnostic->position.offset != CHRONICLE_OFFSET_UNKNOWN && diagnostic->position.line == 0)
        g_ptr_array_add (placed, diagnostic);
    }

  set_lines (data, length, placed);
  g_hash_table_unref (placing.targets);
  g_hash_table_unref (placing.wanted);
}
