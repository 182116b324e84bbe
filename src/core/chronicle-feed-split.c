/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-feed-split.h"
#include "chronicle-json-scan.h"

/* Finds the elements of a feed's "items" array without parsing them, so
 * that json-glib can parse them one at a time: in parts on the background
 * threads, and a first few before the rest, without ever holding the tree
 * of the whole file.
 *
 * It only finds where values end.  Whether they are valid JSON is for
 * json-glib to say when it parses them; anything this does not expect
 * (such as a member named " items") makes it give up, and the caller
 * parses the whole file the usual way, which reports what is wrong. */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       at;
} Cursor;

static void
skip_space (Cursor *cursor)
{
  cursor->at = chronicle_json_skip_space (cursor->data, cursor->length, cursor->at);
}

static gboolean
skip_string (Cursor *cursor)
{
  return chronicle_json_skip_string (cursor->data, cursor->length, &cursor->at);
}

/* A value at nesting @depth. */
static gboolean
skip_value (Cursor *cursor,
            guint   depth)
{
  return chronicle_json_skip_value (cursor->data, cursor->length, &cursor->at, CHRONICLE_JSON_MAX_DEPTH - depth);
}

static gboolean
expect (Cursor *cursor,
        char    c)
{
  skip_space (cursor);
  if (cursor->at >= cursor->length || cursor->data[cursor->at] != c)
    return FALSE;
  cursor->at++;
  return TRUE;
}

/* Reads the items array's elements; FALSE when it stopped after
 * max_elements of them. */
static gboolean
split_items (Cursor             *cursor,
             guint               max_elements,
             ChronicleFeedSplit *split,
             gboolean           *ok)
{
  *ok = FALSE;
  if (!expect (cursor, '['))
    return TRUE;

  skip_space (cursor);
  if (cursor->at < cursor->length && cursor->data[cursor->at] == ']')
    {
      cursor->at++;
      *ok = TRUE;
      return TRUE;
    }

  while (TRUE)
    {
      ChronicleSpan span;

      skip_space (cursor);
      span.start = cursor->at;
      if (!skip_value (cursor, 2))
        return TRUE;
      span.end = cursor->at;
      g_array_append_val (split->elements, span);

      if (split->elements->len >= max_elements)
        {
          *ok = TRUE;
          return FALSE;
        }

      skip_space (cursor);
      if (cursor->at < cursor->length && cursor->data[cursor->at] == ',')
        cursor->at++;
      else if (cursor->at < cursor->length && cursor->data[cursor->at] == ']')
        {
          cursor->at++;
          *ok = TRUE;
          return TRUE;
        }
      else
        return TRUE;
    }
}

/**
 * chronicle_feed_split:
 * @max_elements: stop after this many elements (the rest of the text is
 *   then not read, and @split is not complete)
 * @split: (out caller-allocates): where to put what was found; clear it
 *   with chronicle_feed_split_clear()
 *
 * Returns: %FALSE if the text is not laid out as expected
 */
gboolean
chronicle_feed_split (const char         *data,
                      gsize               length,
                      guint               max_elements,
                      ChronicleFeedSplit *split)
{
  Cursor cursor = { data, length, chronicle_json_skip_bom (data, length) };
  gboolean found = FALSE;

  memset (split, 0, sizeof *split);
  split->elements = g_array_new (FALSE, FALSE, sizeof (ChronicleSpan));

  if (!expect (&cursor, '{'))
    return FALSE;

  skip_space (&cursor);
  if (cursor.at < length && data[cursor.at] == '}')
    return FALSE;

  while (TRUE)
    {
      gsize name, name_end;

      skip_space (&cursor);
      name = cursor.at;
      if (cursor.at >= length || data[cursor.at] != '"' || !skip_string (&cursor))
        return FALSE;
      name_end = cursor.at;
      if (!expect (&cursor, ':'))
        return FALSE;
      skip_space (&cursor);

      if (name_end - name == strlen ("\"items\"") && memcmp (data + name, "\"items\"", name_end - name) == 0)
        {
          gboolean ok;

          if (found)
            return FALSE;
          found = TRUE;
          split->items_member = name;
          if (!split_items (&cursor, max_elements, split, &ok))
            return ok;
          if (!ok)
            return FALSE;
          split->items_end = cursor.at;
        }
      else if (!skip_value (&cursor, 1))
        return FALSE;

      skip_space (&cursor);
      if (cursor.at < length && data[cursor.at] == ',')
        cursor.at++;
      else if (cursor.at < length && data[cursor.at] == '}')
        {
          cursor.at++;
          break;
        }
      else
        return FALSE;
    }

  skip_space (&cursor);
  split->complete = found && cursor.at == length;
  return split->complete;
}

void
chronicle_feed_split_clear (ChronicleFeedSplit *split)
{
  g_clear_pointer (&split->elements, g_array_unref);
}
