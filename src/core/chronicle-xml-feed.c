/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "chronicle-feed-parser-private.h"
#include "chronicle-xml-feed.h"
#include "chronicle-xml-decode.h"
#include "chronicle-xml-feed-private.h"

/* Reading RSS and Atom with libxml2's SAX2 parser, fed the text in pieces:
 * the document is never held as a tree, and the text read can be given
 * back to the system on the way.
 *
 * Hostile input: no entity or DTD is ever loaded (the entity loader refuses
 * everything, and the options ask for nothing to be loaded: no XXE);
 * entities declared in the document's own DTD are expanded once, as they
 * are declared, within limits (no billion laughs, see
 * chronicle_xml_entity_decl()); HTML's named entities, which feeds use
 * without declaring them, are read as HTML defines them.  libxml2's limits stay on (256 levels of
 * nesting, 10 MB in one text), and its recovery mode reads on after an
 * error, so that a feed that is not well-formed still shows what can be
 * read of it. */

/* What a preview reads at most: a thousand items of news take a few
 * megabytes. */
#define PREVIEW_BYTES (16 * 1024 * 1024)

/* Text is given to the parser in pieces of this size. */
#define CHUNK_BYTES (1024 * 1024)

static xmlParserInputPtr
refuse_external (const char       *url,
                 const char       *id,
                 xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

/**
 * chronicle_xml_init:
 *
 * Sets libxml2 up, once, before threads parse with it at the same time,
 * and makes sure it never reads a file or an address that a document
 * names.
 */
void
chronicle_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external);
      g_once_init_leave (&initialized, 1);
    }
}

static XmlFrame *
top (XmlReader *reader)
{
  return reader->stack->len > 0 ? &g_array_index (reader->stack, XmlFrame, reader->stack->len - 1) : NULL;
}

static void
current_position (XmlReader             *reader,
                  ChronicleTextPosition *position)
{
  position->line = MAX (xmlSAX2GetLineNumber (reader->ctxt), 1);
  position->column = MAX (xmlSAX2GetColumnNumber (reader->ctxt), 1);
  position->offset = CHRONICLE_OFFSET_UNKNOWN;
}

/* A problem at @position, or where the parser is when it is %NULL. */
ChronicleDiagnostic *
chronicle_xml_report (XmlReader                   *reader,
                      ChronicleSeverity            severity,
                      ChronicleProblem             problem,
                      const char                  *path,
                      const ChronicleTextPosition *position)
{
  ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (severity, problem, path);

  if (position != NULL)
    diagnostic->position = *position;
  else
    current_position (reader, &diagnostic->position);

  if (severity == CHRONICLE_SEVERITY_ERROR)
    reader->n_errors++;
  g_ptr_array_add (reader->diagnostics, diagnostic);
  return diagnostic;
}

/* libxml2, told not to replace entities, keeps an "&" of an attribute as
 * "&#38;", to write the document back as it was. */
static char *
attribute_value (const xmlChar **attribute)
{
  gsize length = attribute[4] - attribute[3];
  GString *value = g_string_new_len ((const char *) attribute[3], length);

  if (memchr (value->str, '&', length) != NULL)
    g_string_replace (value, "&#38;", "&", 0);
  return chronicle_xml_map_c1 (g_string_free (value, FALSE));
}

/* The value of the attribute @ns:@name, among libxml2's SAX2 attributes
 * (local name, prefix, URI, value, end of value, for each). */
char *
chronicle_xml_attribute (const xmlChar **attributes,
                         int             n_attributes,
                         const char     *ns,
                         const char     *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      const char *uri = (const char *) attribute[2];

      if (g_str_equal ((const char *) attribute[0], name) && g_strcmp0 (uri != NULL ? uri : "", ns) == 0)
        return attribute_value (attribute);
    }

  return NULL;
}

static gboolean
is_void_element (const char *name)
{
  static const char * const names[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;

  return FALSE;
}

/* Inside Atom's XHTML content: the element as markup, without the <div>
 * that wraps the content. */
static gboolean
is_xhtml_wrapper (XmlReader  *reader,
                  int         index,
                  const char *ns,
                  const char *name)
{
  return index == reader->markup_frame + 1 && g_str_equal (ns, NS_XHTML) && g_str_equal (name, "div");
}

static void
write_start_tag (XmlReader      *reader,
                 const char     *name,
                 const xmlChar **attributes,
                 int             n_attributes)
{
  g_string_append_printf (reader->markup, "<%s", name);
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      g_autofree char *value = attribute_value (attribute);
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      g_string_append_printf (reader->markup, " %s=\"%s\"", (const char *) attribute[0], escaped);
    }
  g_string_append_c (reader->markup, '>');
}

static void
stop (XmlReader *reader)
{
  reader->stopped = TRUE;
  xmlStopParser (reader->ctxt);
}

/* Namespaces as feeds write them, for what they mean: RSS 2.0 in the
 * namespaces Userland and Harvard once gave it, or any an <rss> declares
 * as its default (a site pointed one at the specification's page); iTunes'
 * and Media RSS's with other spellings; the names Atom 0.3 had before it
 * was called Atom; and an Atom feed that forgot its namespace. */
static const char *
normalize_namespace (XmlReader  *reader,
                     const char *uri,
                     const char *root)
{
  static const char * const rss[] = {
    "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss",
  };
  static const char * const atom03[] = { "http://purl.org/pie/", "http://purl.org/echo/" };

  if (uri == NULL || uri[0] == '\0')
    {
      if (root != NULL && g_str_equal (root, "feed"))
        reader->empty_namespace = NS_ATOM;
      return g_intern_string (reader->empty_namespace != NULL ? reader->empty_namespace : "");
    }

  if (root != NULL && g_str_equal (root, "rss"))
    reader->rss_namespace = g_intern_string (uri);
  if (reader->rss_namespace != NULL && g_str_equal (uri, reader->rss_namespace))
    return g_intern_static_string ("");
  for (guint i = 0; i < G_N_ELEMENTS (rss); i++)
    if (g_str_equal (uri, rss[i]) || (g_str_has_prefix (uri, rss[i]) && g_str_equal (uri + strlen (rss[i]), "/")))
      return g_intern_static_string ("");
  for (guint i = 0; i < G_N_ELEMENTS (atom03); i++)
    if (g_str_equal (uri, atom03[i]))
      return g_intern_static_string (NS_ATOM03);
  if (g_ascii_strcasecmp (uri, NS_ITUNES) == 0)
    return g_intern_static_string (NS_ITUNES);
  if (g_str_equal (uri, "http://search.yahoo.com/mrss"))
    return g_intern_static_string (NS_MEDIA);
  return g_intern_string (uri);
}

/* Whether there is more than a byte order mark, an XML declaration and
 * white space. */
static gboolean
has_text (const char *data,
          gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (end - p >= 5 && memcmp (p, "<?xml", 5) == 0)
    {
      const char *close = g_strstr_len (p, end - p, "?>");

      p = close != NULL ? close + 2 : end;
    }
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p < end;
}

static gboolean
is_body (const XmlFrame *frame)
{
  return (frame->field == XML_FIELD_DESCRIPTION || frame->field == XML_FIELD_CONTENT ||
          frame->field == XML_FIELD_ATOM_CONTENT || frame->field == XML_FIELD_SUMMARY) &&
         g_strcmp0 (frame->type, "text") != 0;
}

/* The text read so far of the field being read, as its element ends. */
static char *
take_captured (XmlReader *reader,
               XmlFrame  *frame)
{
  GString *taken = frame->xhtml ? reader->markup : reader->text;

  reader->capturing = -1;
  reader->markup_frame = -1;
  return chronicle_xml_map_c1 (g_strndup (taken->str, taken->len));
}

/* The field being read ends before its element does: a new item starts
 * inside it, in a file whose tags do not match. */
static void
end_capture (XmlReader *reader)
{
  XmlFrame *frame = &g_array_index (reader->stack, XmlFrame, reader->capturing);

  chronicle_xml_end_field (reader, frame, take_captured (reader, frame));
  frame->field = XML_FIELD_NONE;
  frame->xhtml = FALSE;
}

static void
handle_start_element (XmlReader      *reader,
                      const xmlChar  *localname,
                      const xmlChar  *prefix,
                      const xmlChar  *uri,
                      int             n_attributes,
                      const xmlChar **attributes)
{
  XmlFrame frame = { 0 };
  XmlFrame *parent = top (reader);
  XmlFrame *current;
  g_autofree char *base = NULL;

  if (reader->stopped)
    return;

  /* libxml2's push parser sets no bound of its own to nesting, and each
   * level costs memory here and there: a file of nothing but opening
   * tags must not take the machine's memory. */
  if (reader->stack->len >= CHRONICLE_XML_MAX_DEPTH)
    {
      ChronicleDiagnostic *diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR,
                                                              CHRONICLE_PROBLEM_XML_TOO_DEEP,
                                                              reader->path->str, NULL);

      diagnostic->number = CHRONICLE_XML_MAX_DEPTH;
      stop (reader);
      return;
    }

  reader->n_elements++;
  frame.ns = normalize_namespace (reader, (const char *) uri, reader->stack->len == 0 ? (const char *) localname : NULL);
  frame.name = g_intern_string ((const char *) localname);
  frame.context = parent != NULL ? parent->context : XML_CONTEXT_DOCUMENT;
  frame.path_length = reader->path->len;
  current_position (reader, &frame.position);

  if (reader->capturing >= 0 && chronicle_xml_is_item (reader, frame.ns, frame.name))
    end_capture (reader);
  else if (reader->capturing >= 0 && reader->markup_frame < 0)
    {
      XmlFrame *captured = &g_array_index (reader->stack, XmlFrame, reader->capturing);

      /* An element inside text: HTML a feed did not escape, kept as
       * markup in a body; in a title or a date, its text is read. */
      if (!is_body (captured))
        {
          frame.context = XML_CONTEXT_SKIP;
          g_array_append_val (reader->stack, frame);
          return;
        }
      g_autofree char *escaped = g_markup_escape_text (reader->text->str, reader->text->len);

      g_string_assign (reader->markup, escaped);
      reader->markup_frame = reader->capturing;
      captured->xhtml = TRUE;
    }

  if (reader->markup_frame >= 0)
    {
      if (!is_xhtml_wrapper (reader, reader->stack->len, frame.ns, frame.name))
        write_start_tag (reader, frame.name, attributes, n_attributes);
      frame.context = XML_CONTEXT_SKIP;
      g_array_append_val (reader->stack, frame);
      return;
    }

  base = chronicle_xml_attribute (attributes, n_attributes, (const char *) XML_XML_NAMESPACE, "base");
  frame.lang = chronicle_xml_attribute (attributes, n_attributes, (const char *) XML_XML_NAMESPACE, "lang");
  g_array_append_val (reader->stack, frame);
  current = &g_array_index (reader->stack, XmlFrame, reader->stack->len - 1);
  if (base != NULL)
    current->base = chronicle_xml_resolve (reader, base);

  if (reader->path->len > 0)
    g_string_append_c (reader->path, '/');
  if (prefix != NULL)
    g_string_append_printf (reader->path, "%s:", (const char *) prefix);
  g_string_append (reader->path, (const char *) localname);

  chronicle_xml_start_field (reader, current, attributes, n_attributes);
  if (reader->stopped)
    return;

  if (current->field != XML_FIELD_NONE)
    {
      reader->capturing = reader->stack->len - 1;
      g_string_truncate (reader->text, 0);
    }
  if (current->xhtml)
    {
      reader->markup_frame = reader->stack->len - 1;
      g_string_truncate (reader->markup, 0);
    }
}

static void
start_element (void           *user_data,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             n_namespaces,
               const xmlChar **namespaces,
               int             n_attributes,
               int             n_defaulted,
               const xmlChar **attributes)
{
  XmlReader *reader = user_data;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree const xmlChar **fixed = NULL;
  g_autofree const xmlChar **expanded = NULL;

  chronicle_xml_keep_reading (reader);
  if (reader->raw_tag >= 0)
    fixed = chronicle_xml_recover_attributes (reader, attributes, n_attributes, keep);
  expanded = chronicle_xml_expand_attributes (reader, fixed != NULL ? fixed : attributes, n_attributes, keep);
  handle_start_element (reader, localname, prefix, uri, n_attributes,
                        expanded != NULL ? expanded : fixed != NULL ? fixed : attributes);
}

static void
frame_clear (XmlFrame *frame)
{
  g_free (frame->base);
  g_free (frame->lang);
  g_free (frame->type);
}

static void
end_element (void          *user_data,
             const xmlChar *localname,
             const xmlChar *prefix,
             const xmlChar *uri)
{
  XmlReader *reader = user_data;
  XmlFrame *frame = top (reader);
  int index = (int) reader->stack->len - 1;

  chronicle_xml_keep_reading (reader);
  if (reader->stopped || frame == NULL)
    return;

  if (reader->markup_frame >= 0 && index > reader->markup_frame)
    {
      if (!is_xhtml_wrapper (reader, index, frame->ns, frame->name) && !is_void_element (frame->name))
        g_string_append_printf (reader->markup, "</%s>", frame->name);
      g_array_set_size (reader->stack, index);
      return;
    }

  if (reader->capturing == index)
    chronicle_xml_end_field (reader, frame, take_captured (reader, frame));
  else
    chronicle_xml_end_field (reader, frame, NULL);

  frame = &g_array_index (reader->stack, XmlFrame, index);
  g_string_truncate (reader->path, frame->path_length);
  frame_clear (frame);
  g_array_set_size (reader->stack, index);
}

void
chronicle_xml_characters (void          *user_data,
                          const xmlChar *text,
                          int            length)
{
  XmlReader *reader = user_data;

  chronicle_xml_keep_reading (reader);
  if (reader->stopped)
    return;

  if (reader->markup_frame >= 0)
    {
      g_autofree char *escaped = g_markup_escape_text ((const char *) text, length);

      g_string_append (reader->markup, escaped);
    }
  else if (reader->capturing >= 0)
    g_string_append_len (reader->text, (const char *) text, length);
}

static void
reader_clear (XmlReader *reader)
{
  for (guint i = 0; i < reader->stack->len; i++)
    frame_clear (&g_array_index (reader->stack, XmlFrame, i));
  g_array_unref (reader->stack);
  g_string_free (reader->path, TRUE);
  g_string_free (reader->text, TRUE);
  g_string_free (reader->markup, TRUE);
  g_hash_table_unref (reader->ids);
  g_hash_table_unref (reader->entities);
  g_hash_table_unref (reader->attribute_entities);
  g_clear_pointer (&reader->item, chronicle_xml_item_free);
  g_free (reader->author_name);
  g_free (reader->author_email);
  g_free (reader->author_uri);
  g_free (reader->channel_link);
  g_clear_pointer (&reader->feed_authors, g_ptr_array_unref);
  g_clear_pointer (&reader->feed_author_urls, g_ptr_array_unref);
  g_clear_object (&reader->feed);
}

/* Stops reading once @reader has what it wants (a preview's first items)
 * or knows the file is not a feed. */
void
chronicle_xml_stop (XmlReader *reader)
{
  stop (reader);
}

/* When no feed came of the text: why. */
static void
report_no_feed (XmlReader *reader,
                guint      first)
{
  for (guint i = first; i < reader->diagnostics->len; i++)
    if (chronicle_diagnostic_is_fatal (g_ptr_array_index (reader->diagnostics, i)))
      return;

  for (guint i = first; i < reader->diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (reader->diagnostics, i);

      if (diagnostic->severity != CHRONICLE_SEVERITY_ERROR)
        continue;

      /* Nothing but a declaration and white space: libxml2 finds no root. */
      if (reader->stack->len == 0 && reader->n_elements == 0 &&
          (diagnostic->problem == CHRONICLE_PROBLEM_XML_EXTRA_CONTENT ||
           diagnostic->problem == CHRONICLE_PROBLEM_FILE_EMPTY))
        break;

      /* The first error of the XML made it unreadable. */
      chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_UNREADABLE, NULL,
                            &diagnostic->position);
      return;
    }

  chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_FILE_EMPTY, NULL, NULL);
}

/**
 * chronicle_xml_reader_init:
 *
 * A reader of a document, adding its problems to @diagnostics.
 */
void
chronicle_xml_reader_init (XmlReader  *reader,
                           const char *document_uri,
                           guint       max_items,
                           GPtrArray  *diagnostics)
{
  *reader = (XmlReader) { 0 };
  reader->document_uri = document_uri;
  reader->diagnostics = diagnostics;
  reader->max_items = max_items;
  reader->stack = g_array_new (FALSE, FALSE, sizeof (XmlFrame));
  reader->path = g_string_new (NULL);
  reader->text = g_string_new (NULL);
  reader->markup = g_string_new (NULL);
  reader->capturing = -1;
  reader->markup_frame = -1;
  reader->raw_tag = -1;
  reader->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, chronicle_xml_free_entity);
  reader->attribute_entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, chronicle_xml_free_entity);
}

/* Gives @length bytes of @text to the parser, a piece at a time, and
 * the pages read back to the system with @discard. */
static void
give_text (XmlReader  *reader,
           const char *text,
           gsize       length,
           gboolean    discard)
{
  gsize at = 0, discarded = 0;

  while (at < length && !reader->stopped)
    {
      gsize n = MIN (CHUNK_BYTES, length - at);

      xmlParseChunk (reader->ctxt, text + at, (int) n, 0);
      at += n;

      /* The parser keeps what it still needs in buffers of its own. */
      if (discard && at - discarded >= 4 * CHUNK_BYTES)
        {
          chronicle_discard_pages (text, discarded, at);
          discarded = at;
        }
    }
  if (discard)
    chronicle_discard_pages (text, discarded, at);
}

/**
 * chronicle_xml_reader_run:
 * @prefix: (nullable): text read before @text, as if it were written
 *   there
 * @terminate: whether @text ends the document
 *
 * Reads @prefix and @text with libxml2's SAX2 push parser.
 *
 * Returns: %FALSE when libxml2 could not start
 */
gboolean
chronicle_xml_reader_run (XmlReader  *reader,
                          gboolean    ebcdic,
                          const char *prefix,
                          gsize       prefix_length,
                          const char *text,
                          gsize       length,
                          gboolean    discard,
                          gboolean    terminate)
{
  xmlSAXHandler handler = { 0 };
  int options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;
  const char *start = prefix != NULL ? prefix : text;
  gsize start_length = prefix != NULL ? prefix_length : length;
  gsize at = MIN (start_length, 4);

  handler.initialized = XML_SAX2_MAGIC;
  handler.startElementNs = start_element;
  handler.endElementNs = end_element;
  handler.characters = chronicle_xml_characters;
  handler.cdataBlock = chronicle_xml_characters;
  handler.getEntity = chronicle_xml_get_entity;
  handler.entityDecl = chronicle_xml_entity_decl;
  handler.serror = chronicle_xml_structured_error;

  /* EBCDIC is left to libxml2's own decoding. */
  if (ebcdic)
    options &= ~XML_PARSE_IGNORE_ENC;

  reader->has_text = has_text (start, start_length) || (prefix != NULL && length > 0);
  reader->ctxt = xmlCreatePushParserCtxt (&handler, reader, start, (int) at, reader->document_uri);
  if (reader->ctxt == NULL)
    {
      g_ptr_array_add (reader->diagnostics, chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR,
                                                                      CHRONICLE_PROBLEM_XML_UNREADABLE, NULL));
      return FALSE;
    }
  xmlCtxtUseOptions (reader->ctxt, options);

  if (prefix != NULL)
    {
      give_text (reader, prefix + at, prefix_length - at, FALSE);
      give_text (reader, text, length, discard);
    }
  else
    give_text (reader, text + at, length - at, discard);

  if (terminate && !reader->stopped)
    xmlParseChunk (reader->ctxt, NULL, 0, 1);
  return TRUE;
}

/**
 * chronicle_xml_reader_finish:
 * @first: where the document's problems start in the reader's diagnostics
 *
 * Returns: (transfer full) (nullable): the feed read, or %NULL, with the
 *   reason among the diagnostics; @reader is cleared
 */
ChronicleFeed *
chronicle_xml_reader_finish (XmlReader *reader,
                             guint      first)
{
  ChronicleFeed *feed;

  if (reader->feed != NULL && !reader->fatal)
    chronicle_xml_finish_feed (reader);
  else
    report_no_feed (reader, first);

  feed = reader->fatal ? NULL : g_steal_pointer (&reader->feed);
  /* Entities a DOCTYPE declares are kept in a document of libxml2's own
   * ("for expat compatibility in SAX mode"), which is the caller's. */
  if (reader->ctxt != NULL)
    g_clear_pointer (&reader->ctxt->myDoc, xmlFreeDoc);
  g_clear_pointer (&reader->ctxt, xmlFreeParserCtxt);
  reader_clear (reader);
  return feed;
}

/**
 * chronicle_xml_feed_parse:
 * @data: the text of an RSS or Atom document
 * @document_uri: (nullable): where it comes from, for relative URLs
 * @max_items: stop after this many items, for a preview
 * @discard: give the text back to the system as it is read (@data must
 *   then be no one else's)
 * @diagnostics: (element-type ChronicleDiagnostic): where to add problems
 *
 * Returns: (transfer full) (nullable): the feed, or %NULL when the text is
 *   not a feed, with the reason in @diagnostics
 */
ChronicleFeed *
chronicle_xml_feed_parse (const char *data,
                          gsize       length,
                          const char *document_uri,
                          guint       max_items,
                          gboolean    discard,
                          GPtrArray  *diagnostics)
{
  XmlReader reader;
  guint first = diagnostics->len;
  g_autofree char *decoded = NULL;
  gsize decoded_length = 0;
  gboolean ebcdic;
  ChronicleFeed *feed;

  chronicle_xml_init ();

  /* A preview wants the first items only: the text they are in, not the
   * whole file decoded first. */
  if (max_items > 0)
    length = MIN (length, PREVIEW_BYTES);

  /* libxml2 reads UTF-8 only: the text decoded and repaired, if it needs
   * to be, or as it is. */
  ebcdic = chronicle_xml_is_ebcdic (data, length);
  decoded = chronicle_xml_decode (data, length, &decoded_length, diagnostics);
  if (decoded != NULL)
    {
      if (discard)
        chronicle_discard_pages (data, 0, length);
      data = decoded;
      length = decoded_length;
    }

  if (max_items == 0 && !ebcdic && chronicle_xml_parse_halves (data, length, document_uri, discard, diagnostics, &feed))
    return feed;

  chronicle_xml_reader_init (&reader, document_uri, max_items, diagnostics);
  if (!chronicle_xml_reader_run (&reader, ebcdic, NULL, 0, data, length, discard, TRUE))
    {
      reader_clear (&reader);
      return NULL;
    }
  return chronicle_xml_reader_finish (&reader, first);
}
