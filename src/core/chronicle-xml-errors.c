/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "chronicle-xml-feed-private.h"

/* libxml2's errors, as Chronicle says them: each mapped to a problem of
 * its own, at its place; and the entities XML does not have, read as
 * HTML has them. */

/* After this many errors in the XML itself, reading stops: the file is
 * not XML in any useful sense. */
#define MAX_SYNTAX_ERRORS 1000

/* Entities a document declares in its DTD are expanded as they are
 * declared, once, with the entities declared before them, and then given
 * as text: a billion laughs is cut at ENTITY_MAX_BYTES an entity and
 * ENTITY_BUDGET_BYTES a document, beyond which an entity is not defined. */
#define ENTITY_MAX_BYTES    (64 * 1024)
#define ENTITY_BUDGET_BYTES (16 * 1024 * 1024)
#define ENTITY_NAME_MAX     64

/* Marks the entities of the document's DTD among those kept, and those
 * it declared too large to keep. */
#define DECLARED GINT_TO_POINTER (1)
#define TOO_LARGE GINT_TO_POINTER (2)

static xmlEntityPtr
new_entity (const xmlChar *name,
            const char    *content,
            gsize          length)
{
  xmlEntityPtr entity = g_new0 (xmlEntity, 1);

  entity->type = XML_ENTITY_DECL;
  entity->etype = XML_INTERNAL_PREDEFINED_ENTITY;
  entity->name = xmlStrdup (name);
  entity->content = xmlStrndup ((const xmlChar *) content, (int) length);
  entity->length = (int) length;
  return entity;
}

/* @value with the references it makes to XML's own entities, to
 * characters and to entities declared before it replaced; others stay
 * as written.  NULL when it grows past ENTITY_MAX_BYTES. */
static GString *
expand_entity_value (XmlReader  *reader,
                     const char *value)
{
  static const char * const predefined[][2] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p = value;

  while (*p != '\0')
    {
      /* A name is short: a file of "&" without ";" costs no more than
       * that to read. */
      const char *end = *p == '&' ? memchr (p, ';', strnlen (p, ENTITY_NAME_MAX + 2)) : NULL;
      g_autofree char *name = end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;
      xmlEntityPtr entity = NULL;
      gunichar c = 0;
      guint i;

      if (text->len > ENTITY_MAX_BYTES)
        return NULL;
      if (name == NULL || name[0] == '\0')
        {
          g_string_append_c (text, *p++);
          continue;
        }

      if (name[0] == '#')
        {
          char *digits_end = NULL;
          guint64 number = name[1] == 'x' ? g_ascii_strtoull (name + 2, &digits_end, 16)
                                          : g_ascii_strtoull (name + 1, &digits_end, 10);

          if (digits_end != NULL && *digits_end == '\0' && number > 0 && number <= 0x10FFFF)
            c = (gunichar) number;
        }
      for (i = 0; i < G_N_ELEMENTS (predefined) && c == 0; i++)
        if (g_str_equal (name, predefined[i][0]))
          break;

      if (c != 0 && g_unichar_validate (c))
        g_string_append_unichar (text, c);
      else if (c == 0 && i < G_N_ELEMENTS (predefined))
        g_string_append (text, predefined[i][1]);
      else if (c == 0 && (entity = g_hash_table_lookup (reader->entities, name)) != NULL && entity->_private == DECLARED)
        g_string_append_len (text, (const char *) entity->content, entity->length);
      /* One made of one too large is too large. */
      else if (c == 0 && entity != NULL && entity->_private == TOO_LARGE)
        return NULL;
      else
        g_string_append_len (text, p, end + 1 - p);
      p = end + 1;
    }

  return text->len > ENTITY_MAX_BYTES ? NULL : g_steal_pointer (&text);
}

/* An entity of the document's DTD: only one of its own text, never one
 * in another file, and the first of a name counts, as XML says. */
void
chronicle_xml_entity_decl (void          *user_data,
                           const xmlChar *name,
                           int            type,
                           const xmlChar *public_id,
                           const xmlChar *system_id,
                           xmlChar       *content)
{
  XmlReader *reader = user_data;
  g_autoptr(GString) text = NULL;
  xmlEntityPtr entity;

  if (type != XML_INTERNAL_GENERAL_ENTITY || name == NULL || content == NULL ||
      g_hash_table_contains (reader->entities, name))
    return;

  text = expand_entity_value (reader, (const char *) content);
  entity = new_entity (name, text != NULL ? text->str : "", text != NULL ? text->len : 0);
  entity->_private = text != NULL ? DECLARED : TOO_LARGE;
  g_hash_table_insert (reader->entities, (gpointer) entity->name, entity);
}

/* libxml2 puts only the first byte of an entity it does not expand into
 * an attribute's value: there, entities are given as ones it keeps as
 * written, "&name;", and expand_in_value() replaces them. */
static xmlEntityPtr
attribute_stand_in (XmlReader     *reader,
                    const xmlChar *name)
{
  xmlEntityPtr stand_in = g_hash_table_lookup (reader->attribute_entities, name);

  if (stand_in == NULL)
    {
      stand_in = new_entity (name, "", 0);
      stand_in->etype = XML_INTERNAL_GENERAL_ENTITY;
      /* Checked: nothing in it for libxml2 to look at. */
      stand_in->checked = 2;
      g_hash_table_insert (reader->attribute_entities, (gpointer) stand_in->name, stand_in);
    }
  return stand_in;
}

static gboolean
in_attribute (XmlReader *reader)
{
  return reader->ctxt != NULL &&
         (reader->ctxt->instate == XML_PARSER_START_TAG || reader->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE);
}

/* Named entities that XML does not have but feeds use (&nbsp;, &eacute;):
 * read as HTML defines them, as an error of the file.  Those the document
 * declared, within its budget. */
xmlEntityPtr
chronicle_xml_get_entity (void          *user_data,
                          const xmlChar *name)
{
  XmlReader *reader = user_data;
  xmlEntityPtr entity = g_hash_table_lookup (reader->entities, name);
  const htmlEntityDesc *html;

  chronicle_xml_keep_reading (reader);
  if (entity != NULL && entity->_private == TOO_LARGE)
    return NULL;
  if (entity != NULL && entity->_private == DECLARED)
    {
      if (reader->entity_bytes + entity->length > ENTITY_BUDGET_BYTES)
        return NULL;
      reader->entity_bytes += entity->length;
      return in_attribute (reader) ? attribute_stand_in (reader, name) : entity;
    }

  if (entity == NULL)
    {
      char utf8[8];
      int length;

      html = htmlEntityLookup (name);
      if (html == NULL)
        return NULL;

      length = g_unichar_to_utf8 (html->value, utf8);
      entity = new_entity (name, utf8, length);
      g_hash_table_insert (reader->entities, (gpointer) entity->name, entity);
    }

  if (!reader->stopped)
    {
      ChronicleDiagnostic *diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR,
                                                              CHRONICLE_PROBLEM_XML_HTML_ENTITY, reader->path->str, NULL);
      diagnostic->text = g_strdup ((const char *) name);
    }
  return in_attribute (reader) ? attribute_stand_in (reader, name) : entity;
}

/* @value with the "&name;" libxml2 kept of the entities it was given
 * replaced by their text; NULL when there were none. */
static char *
expand_in_value (XmlReader  *reader,
                 const char *value,
                 gsize       length)
{
  const char *end = value + length;
  const char *p = value;
  GString *text = NULL;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *semicolon = amp != NULL ? memchr (amp, ';', MIN (end - amp, ENTITY_NAME_MAX + 2)) : NULL;
      g_autofree char *name = NULL;
      xmlEntityPtr entity;

      if (amp == NULL)
        break;
      if (semicolon == NULL)
        {
          p = amp + 1;
          continue;
        }
      name = g_strndup (amp + 1, semicolon - amp - 1);
      entity = g_hash_table_contains (reader->attribute_entities, name) ? g_hash_table_lookup (reader->entities, name)
                                                                        : NULL;
      if (entity == NULL)
        {
          p = amp + 1;
          continue;
        }
      if (text == NULL)
        text = g_string_new (NULL);
      g_string_append_len (text, value, amp - value);
      g_string_append_len (text, (const char *) entity->content, entity->length);
      p = semicolon + 1;
      value = p;
    }

  if (text == NULL)
    return NULL;
  g_string_append_len (text, value, end - value);
  return g_string_free (text, FALSE);
}

/**
 * chronicle_xml_expand_attributes:
 * @attributes: libxml2's SAX2 attributes of the element just started
 * @keep: where to keep the strings the returned array points to
 *
 * Returns: (transfer full) (nullable): the attributes with the entities of
 *   their values expanded; %NULL when there were none
 */
const xmlChar **
chronicle_xml_expand_attributes (XmlReader      *reader,
                                 const xmlChar **attributes,
                                 int             n_attributes,
                                 GPtrArray      *keep)
{
  const xmlChar **fixed = NULL;

  if (g_hash_table_size (reader->attribute_entities) == 0)
    return NULL;

  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      char *value = expand_in_value (reader, (const char *) attribute[3], attribute[4] - attribute[3]);

      if (value == NULL)
        continue;
      if (fixed == NULL)
        fixed = g_memdup2 (attributes, sizeof (xmlChar *) * 5 * n_attributes);
      g_ptr_array_add (keep, value);
      fixed[5 * i + 3] = (const xmlChar *) value;
      fixed[5 * i + 4] = (const xmlChar *) value + strlen (value);
    }

  return fixed;
}

void
chronicle_xml_free_entity (gpointer data)
{
  xmlEntityPtr entity = data;

  xmlFree ((xmlChar *) entity->name);
  xmlFree (entity->content);
  /* libxml2 gives a declared entity its text as written. */
  xmlFree (entity->orig);
  g_free (entity);
}

/* libxml2's own words, for problems Chronicle has none for. */
static char *
first_line (const char *message)
{
  g_autofree char *copy = g_strdup (message != NULL ? message : "");

  copy[strcspn (copy, "\n")] = '\0';
  return g_strdup (g_strstrip (copy));
}

static ChronicleProblem
problem_of (const xmlError *error,
            gboolean       *encoding)
{
  const char *message = error->message != NULL ? error->message : "";

  *encoding = FALSE;
  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      /* Also "Start tag expected": text where the root element should be. */
      return strstr (message, "empty") != NULL ? CHRONICLE_PROBLEM_FILE_EMPTY : CHRONICLE_PROBLEM_XML_SYNTAX;
    case XML_ERR_TAG_NAME_MISMATCH:
      return CHRONICLE_PROBLEM_XML_TAG_MISMATCH;
    case XML_ERR_TAG_NOT_FINISHED:
      return CHRONICLE_PROBLEM_XML_UNCLOSED;
    case XML_ERR_DOCUMENT_END:
      return CHRONICLE_PROBLEM_XML_EXTRA_CONTENT;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      return CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
      return CHRONICLE_PROBLEM_XML_BARE_AMPERSAND;
    case XML_ERR_NAME_REQUIRED:
      return strstr (message, "EntityRef") != NULL ? CHRONICLE_PROBLEM_XML_BARE_AMPERSAND : CHRONICLE_PROBLEM_XML_SYNTAX;
    case XML_ERR_UNSUPPORTED_ENCODING:
      return CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING;
    case XML_ERR_ENTITY_LOOP:
      return CHRONICLE_PROBLEM_XML_ENTITY_LOOP;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      if (strstr (message, "not proper UTF-8") != NULL || strstr (message, "encoding") != NULL)
        {
          *encoding = TRUE;
          return CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH;
        }
      return CHRONICLE_PROBLEM_XML_INVALID_CHARACTER;
    case XML_ERR_INTERNAL_ERROR:
      return strstr (message, "depth") != NULL ? CHRONICLE_PROBLEM_XML_TOO_DEEP : CHRONICLE_PROBLEM_XML_SYNTAX;
    default:
      return CHRONICLE_PROBLEM_XML_SYNTAX;
    }
}

/* Errors of the XML itself, as libxml2 finds them: each is said, and
 * reading goes on in recovery mode. */
void
chronicle_xml_structured_error (void     *user_data,
                                xmlError *error)
{
  XmlReader *reader = user_data;
  ChronicleDiagnostic *diagnostic;
  ChronicleProblem problem;
  gboolean encoding;

  if (reader->stopped || error->level == XML_ERR_NONE)
    return;
  /* Warnings of libxml2's (a relative namespace URI, say) are not the
   * author's concern; undeclared entities are. */
  if (error->level == XML_ERR_WARNING && error->code != XML_WAR_UNDECLARED_ENTITY)
    return;

  problem = problem_of (error, &encoding);
  /* libxml2 says "empty" of text without a root element too. */
  if (problem == CHRONICLE_PROBLEM_FILE_EMPTY && reader->has_text)
    problem = CHRONICLE_PROBLEM_XML_UNREADABLE;
  /* And "extra content at the end" of a file that ends with elements
   * still open, cut short as a download can be. */
  if (problem == CHRONICLE_PROBLEM_XML_EXTRA_CONTENT && reader->stack->len > 0)
    problem = CHRONICLE_PROBLEM_XML_UNCLOSED;
  diagnostic = chronicle_diagnostic_new (encoding ? CHRONICLE_SEVERITY_WARNING : CHRONICLE_SEVERITY_ERROR, problem,
                                         reader->path->len > 0 ? reader->path->str : NULL);
  diagnostic->position.line = MAX (error->line, 1);
  diagnostic->position.column = MAX (error->int2, 1);

  switch (problem)
    {
    case CHRONICLE_PROBLEM_XML_TAG_MISMATCH:
      diagnostic->text = g_strdup (error->str1);
      diagnostic->text2 = g_strdup (error->str3 != NULL ? error->str3 : error->str2);
      break;
    case CHRONICLE_PROBLEM_XML_UNCLOSED:
      diagnostic->text = g_strdup (error->code == XML_ERR_DOCUMENT_END
                                   ? g_array_index (reader->stack, XmlFrame, reader->stack->len - 1).name
                                   : error->str1);
      break;
    case CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY:
    case CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING:
      diagnostic->text = g_strdup (error->str1);
      break;
    case CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH:
      /* Only EBCDIC reaches libxml2 undecoded: its decoder stops here. */
      diagnostic->problem = CHRONICLE_PROBLEM_XML_UNDECODABLE;
      diagnostic->text = g_strdup (reader->ctxt->encoding != NULL ? (const char *) reader->ctxt->encoding : "EBCDIC");
      break;
    case CHRONICLE_PROBLEM_XML_INVALID_CHARACTER:
      diagnostic->number = error->int1;
      break;
    case CHRONICLE_PROBLEM_XML_TOO_DEEP:
      diagnostic->number = CHRONICLE_XML_MAX_DEPTH;
      break;
    case CHRONICLE_PROBLEM_XML_SYNTAX:
      diagnostic->text = first_line (error->message);
      break;
    default:
      break;
    }

  g_ptr_array_add (reader->diagnostics, diagnostic);
  if (problem == CHRONICLE_PROBLEM_XML_BARE_AMPERSAND || problem == CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY)
    chronicle_xml_recover_literal (reader);
  if (diagnostic->severity == CHRONICLE_SEVERITY_ERROR)
    {
      reader->n_errors++;
      if (++reader->n_syntax_errors >= MAX_SYNTAX_ERRORS)
        chronicle_xml_stop (reader);
    }
}

