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

/* Named entities that XML does not have but feeds use (&nbsp;, &eacute;):
 * read as HTML defines them, as an error of the file. */
xmlEntityPtr
chronicle_xml_get_entity (void          *user_data,
                          const xmlChar *name)
{
  XmlReader *reader = user_data;
  xmlEntityPtr entity = g_hash_table_lookup (reader->entities, name);
  const htmlEntityDesc *html;

  chronicle_xml_keep_reading (reader);
  if (entity == NULL)
    {
      char utf8[8];
      int length;

      html = htmlEntityLookup (name);
      if (html == NULL)
        return NULL;

      length = g_unichar_to_utf8 (html->value, utf8);
      entity = g_new0 (xmlEntity, 1);
      entity->type = XML_ENTITY_DECL;
      entity->etype = XML_INTERNAL_PREDEFINED_ENTITY;
      entity->name = xmlStrdup (name);
      entity->content = xmlStrndup ((const xmlChar *) utf8, length);
      entity->length = length;
      g_hash_table_insert (reader->entities, (gpointer) entity->name, entity);
    }

  if (!reader->stopped)
    {
      ChronicleDiagnostic *diagnostic = chronicle_xml_report (reader, CHRONICLE_SEVERITY_ERROR,
                                                              CHRONICLE_PROBLEM_XML_HTML_ENTITY, reader->path->str, NULL);
      diagnostic->text = g_strdup ((const char *) name);
    }
  return entity;
}

void
chronicle_xml_free_entity (gpointer data)
{
  xmlEntityPtr entity = data;

  xmlFree ((xmlChar *) entity->name);
  xmlFree (entity->content);
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

