/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "chronicle-threads.h"
#include "chronicle-xml-feed-private.h"

/* A large feed read on two threads, as JSON Feed is (see
 * chronicle-feed-parts.c): libxml2's parser runs on one thread only, and
 * is most of the time it takes to open a feed of tens of thousands of
 * items.  The text is cut at an item that starts a line, after one that
 * ends the line before, where no CDATA section or comment is open: the
 * first thread reads everything before, the second the feed's head
 * (everything before its first item, read again) and everything after.
 * Their items, problems and positions are then joined as one reading
 * would have made them.  Feeds that cannot be cut so are read whole. */

/* Below this, one thread reads faster than two start. */
#define MIN_HALVES_BYTES (4 * 1024 * 1024)

typedef struct
{
  XmlReader      reader;
  const char    *prefix;          /* the head, read again; NULL for the first half */
  gsize          prefix_length;
  const char    *text;
  gsize          length;
  gboolean       discard;
  gboolean       terminate;
  GPtrArray     *diagnostics;
  ChronicleFeed *feed;
  guint          n_items;         /* items started, left out ones too */
} Half;

static gpointer
read_half (gpointer data)
{
  Half *half = data;

  chronicle_xml_reader_init (&half->reader, half->reader.document_uri, 0, half->diagnostics);
  chronicle_xml_reader_run (&half->reader, FALSE, half->prefix, half->prefix_length, half->text, half->length,
                            half->discard, half->terminate);
  half->n_items = half->reader.n_items;
  half->feed = chronicle_xml_reader_finish (&half->reader, 0);
  return NULL;
}

/* The root's local name tells which element is an item. */
static const char *
item_name (const char *text,
           gsize       length)
{
  const char *end = text + MIN (length, 64 * 1024);
  const char *p = text;

  /* The first element after the declaration, comments and white space. */
  while ((p = memchr (p, '<', end - p)) != NULL && p + 1 < end && (p[1] == '?' || p[1] == '!'))
    {
      if (p + 9 <= end && memcmp (p, "<!DOCTYPE", 9) == 0)
        return NULL;   /* entities of its own: read whole */
      p++;
    }
  if (p == NULL)
    return NULL;

  if (g_str_has_prefix (p, "<rss") || g_str_has_prefix (p, "<rdf:RDF"))
    return "item";
  if (g_str_has_prefix (p, "<feed"))
    return "entry";
  return NULL;
}

/* Where an item starts: "<item>" or "<item "; one that begins a line
 * (after white space only) when @at_line_start.  Searches from @from. */
static const char *
find_item (const char *text,
           const char *from,
           const char *end,
           const char *name,
           gboolean    at_line_start)
{
  gsize n = strlen (name);

  for (const char *p = from; p < end && (p = memchr (p, '<', end - p)) != NULL; p++)
    {
      const char *line = p;

      if ((gsize) (end - p) < n + 2 || memcmp (p + 1, name, n) != 0 || (p[n + 1] != '>' && !g_ascii_isspace (p[n + 1])))
        continue;
      if (!at_line_start)
        return p;
      while (line > text && (line[-1] == ' ' || line[-1] == '\t'))
        line--;
      if (line == text || line[-1] == '\n')
        return line;
    }

  return NULL;
}

/* The last @needle in [@text, @end), looked for in the last megabyte
 * only: an item's CDATA section is not that long. */
static const char *
find_last (const char *text,
           const char *end,
           const char *needle)
{
  gsize n = strlen (needle);
  const char *start = (gsize) (end - text) > 1024 * 1024 ? end - 1024 * 1024 : text;

  for (const char *p = memrchr (start, needle[0], end - start); p != NULL; p = memrchr (start, needle[0], p - start))
    if ((gsize) (end - p) >= n && memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* Whether a CDATA section or comment is open at @at. */
static gboolean
inside_verbatim (const char *text,
                 const char *at)
{
  const char *cdata = find_last (text, at, "<![CDATA[");
  const char *comment = find_last (text, at, "<!--");

  if (cdata != NULL && (find_last (cdata, at, "]]>") == NULL))
    return TRUE;
  return comment != NULL && find_last (comment, at, "-->") == NULL;
}

/* Whether the line before @line ends with the end tag of an item. */
static gboolean
follows_item_end (const char *text,
                  const char *line,
                  const char *name)
{
  g_autofree char *end_tag = g_strdup_printf ("</%s>", name);
  const char *p = line;
  gsize n = strlen (end_tag);

  while (p > text && g_ascii_isspace (p[-1]))
    p--;
  return (gsize) (p - text) >= n && memcmp (p - n, end_tag, n) == 0;
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint lines = 0;

  for (const char *p = text; (p = memchr (p, '\n', end - p)) != NULL; p++)
    lines++;
  return lines;
}

/* The item index in a problem's path, as the whole reading counts. */
static void
shift_path (ChronicleDiagnostic *diagnostic,
            const char          *name,
            guint                offset)
{
  g_autofree char *pattern = g_strdup_printf ("/%s[", name);
  char *at = diagnostic->path != NULL ? strstr (diagnostic->path, pattern) : NULL;
  guint64 index;
  char *number_end;

  if (at == NULL)
    return;

  at += strlen (pattern);
  index = g_ascii_strtoull (at, &number_end, 10);
  if (number_end == at || *number_end != ']')
    return;

  {
    g_autofree char *before = g_strndup (diagnostic->path, at - diagnostic->path);
    char *shifted = g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s", before, index + offset, number_end);

    g_free (diagnostic->path);
    diagnostic->path = shifted;
  }
}

/* The second half's feed and problems joined to the first's. */
static void
join (Half       *first,
      Half       *second,
      const char *name,
      guint       head_lines,
      guint       split_line,
      GPtrArray  *diagnostics)
{
  ChronicleFeed *feed = first->feed;
  ChronicleFeed *more = second->feed;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  /* The head's problems are in both: the second half's have those of the
   * channel's end too.  In the order of the file. */
  for (guint i = 0; i < second->diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (second->diagnostics, i);

      if (diagnostic->position.line <= head_lines)
        g_ptr_array_add (diagnostics, g_steal_pointer (&second->diagnostics->pdata[i]));
    }
  for (guint i = 0; i < first->diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (first->diagnostics, i);

      if (diagnostic->position.line > head_lines)
        g_ptr_array_add (diagnostics, g_steal_pointer (&first->diagnostics->pdata[i]));
    }
  for (guint i = 0; i < second->diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (second->diagnostics, i);

      if (diagnostic == NULL)
        continue;
      diagnostic->position.line += split_line - head_lines;
      diagnostic->position.offset = CHRONICLE_OFFSET_UNKNOWN;
      shift_path (diagnostic, name, first->n_items);
      g_ptr_array_add (diagnostics, g_steal_pointer (&second->diagnostics->pdata[i]));
    }

  for (guint i = 0; i < feed->items->len; i++)
    g_hash_table_add (ids, (gpointer) chronicle_item_get_id (g_ptr_array_index (feed->items, i)));
  for (guint i = 0; i < more->items->len; i++)
    {
      ChronicleItem *item = g_ptr_array_index (more->items, i);

      /* An id the first half has: the first is kept, as in one reading. */
      if (g_hash_table_contains (ids, chronicle_item_get_id (item)))
        {
          ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_WARNING,
                                                                      CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID, NULL);

          diagnostic->text = g_strdup (chronicle_item_get_id (item));
          g_ptr_array_add (diagnostics, diagnostic);
          feed->n_items_left_out++;
          continue;
        }
      g_ptr_array_add (feed->items, g_object_ref (item));
    }
  feed->n_items_left_out += more->n_items_left_out;

  /* Channel elements after the items are read by the second half. */
#define TAKE(field) if (feed->field == NULL) feed->field = g_steal_pointer (&more->field)
  TAKE (title);
  TAKE (home_page_url);
  TAKE (feed_url);
  TAKE (description);
  TAKE (language);
  TAKE (icon);
#undef TAKE
}

static void
half_clear (Half *half)
{
  g_clear_object (&half->feed);
  g_clear_pointer (&half->diagnostics, g_ptr_array_unref);
}

/**
 * chronicle_xml_parse_halves:
 * @text: a whole feed, as UTF-8
 * @feed: (out) (transfer full) (nullable): what was read
 *
 * Reads a large feed on two threads, where it can be cut.
 *
 * Returns: %TRUE when @text was read so, %FALSE when it must be read
 *   whole (nothing was read then)
 */
gboolean
chronicle_xml_parse_halves (const char     *text,
                            gsize           length,
                            const char     *document_uri,
                            gboolean        discard,
                            GPtrArray      *diagnostics,
                            ChronicleFeed **feed)
{
  const char *end = text + length;
  const char *name, *head_end, *split;
  Half halves[2] = { { { 0 } } };

  *feed = NULL;
  /* The head ends where the first item starts; it must begin a line, for
   * the two readings' lines to be told apart (a head that ended with a
   * line's start, the first item on its end, was read in both). */
  if (length < MIN_HALVES_BYTES || (name = item_name (text, length)) == NULL ||
      (head_end = find_item (text, text, end, name, FALSE)) == NULL || head_end - text > 1024 * 1024)
    return FALSE;
  while (head_end > text && (head_end[-1] == ' ' || head_end[-1] == '\t'))
    head_end--;
  if (head_end > text && head_end[-1] != '\n')
    return FALSE;

  /* The first item line past the middle that is safe to cut at. */
  for (split = find_item (text, text + length / 2, end, name, TRUE);
       split != NULL && (!follows_item_end (text, split, name) || inside_verbatim (head_end, split));
       split = find_item (text, split + 1, end, name, TRUE))
    ;
  if (split == NULL || memchr (text, '<', head_end - text) == NULL || inside_verbatim (text, head_end))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      halves[i].reader.document_uri = document_uri;
      halves[i].diagnostics = chronicle_diagnostics_new ();
      halves[i].discard = discard;
    }
  halves[0].text = text;
  halves[0].length = split - text;
  halves[1].prefix = text;
  halves[1].prefix_length = head_end - text;
  halves[1].text = split;
  halves[1].length = end - split;
  halves[1].terminate = TRUE;

  /* In two, where the text can be cut, on the background threads. */
  chronicle_run_parts (read_half, halves, sizeof *halves, 2);

  /* What only one reading can tell (the file is no feed): read whole. */
  if (halves[0].feed == NULL || halves[1].feed == NULL)
    {
      /* The text is still there unless it was given back. */
      if (discard)
        {
          for (guint i = 0; i < halves[0].diagnostics->len; i++)
            g_ptr_array_add (diagnostics, g_steal_pointer (&halves[0].diagnostics->pdata[i]));
          half_clear (&halves[0]);
          half_clear (&halves[1]);
          return TRUE;
        }
      half_clear (&halves[0]);
      half_clear (&halves[1]);
      return FALSE;
    }

  join (&halves[0], &halves[1], name, count_lines (text, head_end), count_lines (text, split), diagnostics);
  *feed = g_steal_pointer (&halves[0].feed);
  half_clear (&halves[0]);
  half_clear (&halves[1]);
  return TRUE;
}
