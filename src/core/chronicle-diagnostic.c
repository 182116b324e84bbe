/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-diagnostic"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-diagnostic.h"

/* Problems travel as values from the threads that find them to the code
 * that shows them, which alone turns them into words: the main thread, in
 * the language the reader has chosen by then. */

G_DEFINE_BOXED_TYPE (ChronicleDiagnostic, chronicle_diagnostic,
                     chronicle_diagnostic_copy, chronicle_diagnostic_free)

ChronicleDiagnostic *
chronicle_diagnostic_new (ChronicleSeverity  severity,
                          ChronicleProblem   problem,
                          const char        *path)
{
  ChronicleDiagnostic *self = g_new0 (ChronicleDiagnostic, 1);

  self->severity = severity;
  self->problem = problem;
  self->path = g_strdup (path);
  self->position.offset = CHRONICLE_OFFSET_UNKNOWN;

  return self;
}

/**
 * chronicle_diagnostic_new_at:
 * @offset: where in the text, in bytes
 *
 * Returns: an error at a place of the text, with no JSON path: a problem
 *   of the text itself
 */
ChronicleDiagnostic *
chronicle_diagnostic_new_at (ChronicleProblem problem,
                             gsize            offset)
{
  ChronicleDiagnostic *self = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, problem, NULL);

  self->position.offset = offset;
  return self;
}

ChronicleDiagnostic *
chronicle_diagnostic_copy (const ChronicleDiagnostic *self)
{
  ChronicleDiagnostic *copy = g_memdup2 (self, sizeof *self);

  copy->path = g_strdup (self->path);
  copy->text = g_strdup (self->text);
  copy->text2 = g_strdup (self->text2);
  return copy;
}

void
chronicle_diagnostic_free (ChronicleDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->text);
  g_free (self->text2);
  g_free (self);
}

/**
 * chronicle_diagnostic_is_fatal:
 *
 * Returns: %TRUE for the problems that leave no feed: the file cannot be
 *   read, is not JSON or XML, or is not a feed
 */
gboolean
chronicle_diagnostic_is_fatal (const ChronicleDiagnostic *self)
{
  return self->problem <= CHRONICLE_PROBLEM_XML_NOT_A_FEED;
}

/**
 * chronicle_diagnostic_breaks_xml:
 *
 * Returns: %TRUE for the problems that make a file not well-formed XML,
 *   which is then read only as far as libxml2's recovery reads it
 */
gboolean
chronicle_diagnostic_breaks_xml (const ChronicleDiagnostic *self)
{
  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_XML_SYNTAX:
    case CHRONICLE_PROBLEM_XML_TAG_MISMATCH:
    case CHRONICLE_PROBLEM_XML_UNCLOSED:
    case CHRONICLE_PROBLEM_XML_EXTRA_CONTENT:
    case CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY:
    case CHRONICLE_PROBLEM_XML_HTML_ENTITY:
    case CHRONICLE_PROBLEM_XML_BARE_AMPERSAND:
    case CHRONICLE_PROBLEM_XML_BARE_LESS_THAN:
    case CHRONICLE_PROBLEM_XML_INVALID_CHARACTER:
    case CHRONICLE_PROBLEM_XML_ENTITY_LOOP:
    case CHRONICLE_PROBLEM_XML_TOO_DEEP:
      return self->severity == CHRONICLE_SEVERITY_ERROR;
    default:
      return FALSE;
    }
}

static const char *
kind_name (ChronicleJsonKind kind)
{
  switch (kind)
    {
    case CHRONICLE_JSON_KIND_OBJECT: return _("an object");
    case CHRONICLE_JSON_KIND_ARRAY: return _("an array");
    case CHRONICLE_JSON_KIND_STRING: return _("a string");
    case CHRONICLE_JSON_KIND_NUMBER: return _("a number");
    case CHRONICLE_JSON_KIND_BOOLEAN: return _("true or false");
    case CHRONICLE_JSON_KIND_NULL: return _("null");
    case CHRONICLE_JSON_KIND_WHOLE_NUMBER: return _("a whole number from 0");
    default: g_return_val_if_reached ("");
    }
}

static const char *
remedy_text (ChronicleRemedy remedy)
{
  switch (remedy)
    {
    case CHRONICLE_REMEDY_IGNORED: return _("the value is ignored");
    case CHRONICLE_REMEDY_ONE_ELEMENT: return _("it is read as a list of one");
    case CHRONICLE_REMEDY_ITEM_LEFT_OUT: return _("the item is left out");
    case CHRONICLE_REMEDY_ID_FROM_URL: return _("its “url” is used as its id");
    case CHRONICLE_REMEDY_ID_MADE: return _("an id is made from its title, date and content");
    case CHRONICLE_REMEDY_NONE:
    default: return NULL;
    }
}

/* Messages about the JSON text itself. */
static char *
syntax_message (const ChronicleDiagnostic *self)
{
  const char *found = self->text != NULL ? self->text : "";

  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_INVALID_UTF8:
      return g_strdup (_("the file is not valid UTF-8 text"));
    case CHRONICLE_PROBLEM_NUL_BYTE:
      return g_strdup (_("the file contains a NUL byte, which JSON does not allow"));
    case CHRONICLE_PROBLEM_TOO_DEEP:
      return g_strdup_printf (ngettext ("the file nests arrays and objects more than %u level deep",
                                        "the file nests arrays and objects more than %u levels deep",
                                        (gulong) self->number),
                              (guint) self->number);
    case CHRONICLE_PROBLEM_EXPECTED_VALUE:
      /* Translators: %s is what the file has instead, such as "}" */
      return g_strdup_printf (_("expected a value, found “%s”"), found);
    case CHRONICLE_PROBLEM_EXPECTED_NAME:
      /* Translators: %s is what the file has instead */
      return g_strdup_printf (_("expected a member name in double quotes, found “%s”"), found);
    case CHRONICLE_PROBLEM_EXPECTED_COLON:
      /* Translators: %s is what the file has instead */
      return g_strdup_printf (_("expected “:” after the member name, found “%s”"), found);
    case CHRONICLE_PROBLEM_EXPECTED_OBJECT_END:
      /* Translators: %s is what the file has instead */
      return g_strdup_printf (_("expected “,” or “}”, found “%s”"), found);
    case CHRONICLE_PROBLEM_EXPECTED_ARRAY_END:
      /* Translators: %s is what the file has instead */
      return g_strdup_printf (_("expected “,” or “]”, found “%s”"), found);
    case CHRONICLE_PROBLEM_TRAILING_COMMA:
      return g_strdup (_("a comma follows the last element, which JSON does not allow"));
    case CHRONICLE_PROBLEM_TRAILING_CONTENT:
      /* Translators: %s is what comes after the end of the JSON value */
      return g_strdup_printf (_("the JSON value ends before the file does; then comes “%s”"), found);
    case CHRONICLE_PROBLEM_UNEXPECTED_END:
      return g_strdup (_("the file ends in the middle of a JSON value"));
    case CHRONICLE_PROBLEM_UNTERMINATED_STRING:
      return g_strdup (_("the string is not closed: its ending quote is missing"));
    case CHRONICLE_PROBLEM_CONTROL_CHARACTER:
      /* Translators: %04X is a character's code, such as 000A */
      return g_strdup_printf (_("a string holds the control character U+%04X, which JSON writes as an escape such as \\n"),
                              (guint) self->number);
    case CHRONICLE_PROBLEM_INVALID_ESCAPE:
      /* Translators: %s is a backslash sequence such as "\x" */
      return g_strdup_printf (_("“%s” is not a JSON escape; a backslash itself is written \\\\"), found);
    case CHRONICLE_PROBLEM_LONE_SURROGATE:
      /* Translators: %s is an escape such as "\ud800" */
      return g_strdup_printf (_("“%s” is half of a UTF-16 surrogate pair, without the other half"), found);
    case CHRONICLE_PROBLEM_INVALID_NUMBER:
      /* Translators: %s is what the file has */
      return g_strdup_printf (_("“%s” is not a JSON number"), found);
    case CHRONICLE_PROBLEM_JSON_UNREADABLE:
      return g_strdup (_("the file could not be read as JSON"));
    default:
      return NULL;
    }
}

/* Messages about reading the file and what it holds. */
static char *
file_message (const ChronicleDiagnostic *self)
{
  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_FILE_UNREADABLE:
      /* Translators: %s is the system's reason, such as "No such file or directory" */
      return g_strdup_printf (_("the file could not be read: %s"), self->text != NULL ? self->text : "");
    case CHRONICLE_PROBLEM_FILE_IS_FOLDER:
      return g_strdup (_("it is a folder, not a file"));
    case CHRONICLE_PROBLEM_FILE_TOO_LARGE:
      {
        g_autofree char *size = g_format_size_full (self->number, G_FORMAT_SIZE_IEC_UNITS);
        g_autofree char *limit = g_format_size_full (self->number2, G_FORMAT_SIZE_IEC_UNITS);

        /* Translators: %1$s is the file's size, %2$s the limit, such as "512.0 MB" */
        return g_strdup_printf (_("the file is %1$s; Chronicle opens collections of up to %2$s"), size, limit);
      }
    case CHRONICLE_PROBLEM_FILE_EMPTY:
      return g_strdup (_("the file is empty"));
    case CHRONICLE_PROBLEM_ROOT_NOT_OBJECT:
      /* Translators: %s is a JSON type, such as "an array" */
      return g_strdup_printf (_("the file is JSON, but not a JSON Feed: its top level is %s, not an object"),
                              kind_name (self->found));
    case CHRONICLE_PROBLEM_NO_VERSION:
      return g_strdup (_("the file is JSON, but not a JSON Feed: it has no “version” naming jsonfeed.org"));
    case CHRONICLE_PROBLEM_NOT_JSON_FEED_VERSION:
      /* Translators: %s is the value of the file's "version" member */
      return g_strdup_printf (_("the file is JSON, but not a JSON Feed: its version “%s” is not a jsonfeed.org version"),
                              self->text);
    case CHRONICLE_PROBLEM_NO_ITEMS:
      return g_strdup (_("the file is not a JSON Feed: it has no “items” array"));
    case CHRONICLE_PROBLEM_XML_UNREADABLE:
      return g_strdup (_("the file is not well-formed XML, and no feed could be read from it"));
    case CHRONICLE_PROBLEM_XML_NOT_A_FEED:
      if (self->text2 != NULL)
        /* Translators: %1$s is an XML element's name, such as "feed", %2$s a namespace URI */
        return g_strdup_printf (_("the file is XML, but not a feed: its root element <%1$s> is in the namespace “%2$s”, "
                                  "which is not that of RSS, RDF or Atom"), self->text != NULL ? self->text : "",
                                self->text2);
      /* Translators: %s is an XML element's name, such as "html" */
      return g_strdup_printf (_("the file is XML, but not a feed: its root element is <%s>, not <rss>, <rdf:RDF> or <feed>"),
                              self->text != NULL ? self->text : "");
    default:
      return NULL;
    }
}

/* Messages about the feed, its items and its events. */
static char *
content_message (const ChronicleDiagnostic *self)
{
  const char *text = self->text != NULL ? self->text : "";
  const char *text2 = self->text2 != NULL ? self->text2 : "";

  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_VERSION_HTTP:
      return g_strdup (_("the version URL should start with https://"));
    case CHRONICLE_PROBLEM_VERSION_UNKNOWN:
      /* Translators: %s is a version number such as "2" */
      return g_strdup_printf (_("JSON Feed version “%s” is unknown; read as version 1.1"), text);
    case CHRONICLE_PROBLEM_NO_TITLE:
      return g_strdup (_("the feed has no “title”"));
    case CHRONICLE_PROBLEM_WRONG_TYPE:
      /* Translators: for example "expected a string, found a number" */
      return g_strdup_printf (_("expected %s, found %s"), kind_name (self->expected), kind_name (self->found));
    case CHRONICLE_PROBLEM_NAME_SPACES:
      /* Translators: %s is the name of a JSON member */
      return g_strdup_printf (_("the name has spaces around it; read as “%s”"), text);
    case CHRONICLE_PROBLEM_URL_EMPTY:
      return g_strdup (_("the URL is empty and is ignored"));
    case CHRONICLE_PROBLEM_URL_UNRESOLVED:
      /* Translators: %s is a URL such as "/feed.json" */
      return g_strdup_printf (_("the relative URL “%s” cannot be resolved: the feed has no absolute “home_page_url” or “feed_url”"), text);
    case CHRONICLE_PROBLEM_URL_INVALID:
      /* Translators: %s is a URL */
      return g_strdup_printf (_("“%s” is not a valid URL"), text);
    case CHRONICLE_PROBLEM_URL_RESOLVED:
      /* Translators: %1$s is a relative URL, %2$s the absolute URL made from it */
      return g_strdup_printf (_("the relative URL “%1$s” was resolved to “%2$s”"), text, text2);
    case CHRONICLE_PROBLEM_AUTHOR_VERSION_1:
      return g_strdup (_("“author” is from JSON Feed 1; version 1.1 uses an “authors” array"));
    case CHRONICLE_PROBLEM_DATE_NO_ZONE:
      /* Translators: %s is a date as written in the file */
      return g_strdup_printf (_("the date “%s” has no time zone; read as UTC"), text);
    case CHRONICLE_PROBLEM_DATE_NO_TIME:
      /* Translators: %s is a date as written in the file */
      return g_strdup_printf (_("the date “%s” has no time; JSON Feed dates are RFC 3339 date-times"), text);
    case CHRONICLE_PROBLEM_DATE_INVALID:
      /* Translators: %s is a date as written in the file */
      return g_strdup_printf (_("“%s” is not an RFC 3339 date; the article is shown with an unknown date"), text);
    case CHRONICLE_PROBLEM_ITEM_NO_ID:
      return g_strdup (_("the item has no “id”"));
    case CHRONICLE_PROBLEM_ITEM_EMPTY_ID:
      return g_strdup (_("the “id” is empty"));
    case CHRONICLE_PROBLEM_ITEM_NUMERIC_ID:
      return g_strdup (_("the “id” is a number; JSON Feed asks for a string"));
    case CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID:
      /* Translators: %s is an article's id */
      return g_strdup_printf (_("another item already has the id “%s”; this one is left out"), text);
    case CHRONICLE_PROBLEM_ITEM_NOTHING_TO_SHOW:
      return g_strdup (_("the item has no title, summary, content or link, so there is nothing to show"));
    case CHRONICLE_PROBLEM_SUMMARY_HTML:
      return g_strdup (_("the summary contains HTML; it is shown as plain text"));
    case CHRONICLE_PROBLEM_NO_CONTENT:
      return g_strdup (_("the item has neither “content_html” nor “content_text”"));
    default:
      return NULL;
    }
}

/* Messages about RSS and Atom documents. */
static char *
xml_message (const ChronicleDiagnostic *self)
{
  const char *text = self->text != NULL ? self->text : "";
  const char *text2 = self->text2 != NULL ? self->text2 : "";

  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_XML_SYNTAX:
      /* Translators: %s is libxml2's description of the error, in English */
      return g_strdup_printf (_("the XML is not well-formed: %s"), text);
    case CHRONICLE_PROBLEM_XML_TAG_MISMATCH:
      /* Translators: %1$s and %2$s are XML element names */
      return g_strdup_printf (_("the element <%1$s> is closed by </%2$s>"), text, text2);
    case CHRONICLE_PROBLEM_XML_UNCLOSED:
      /* Translators: %s is an XML element name */
      return g_strdup_printf (_("the file ends before the element <%s> is closed"), text);
    case CHRONICLE_PROBLEM_XML_EXTRA_CONTENT:
      return g_strdup (_("there is more after the end of the root element"));
    case CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY:
      /* Translators: %s is the name of an entity, such as "copy" */
      return g_strdup_printf (_("the entity “&%s;” is not defined; it is shown as written"), text);
    case CHRONICLE_PROBLEM_XML_HTML_ENTITY:
      /* Translators: %s is the name of an entity, such as "nbsp" */
      return g_strdup_printf (_("“&%s;” is an HTML entity, which XML does not have; it is read as HTML has it"), text);
    case CHRONICLE_PROBLEM_XML_BARE_AMPERSAND:
      return g_strdup (_("a “&” that does not start an entity must be written “&amp;”; it is kept as written"));
    case CHRONICLE_PROBLEM_XML_INVALID_CHARACTER:
      /* Translators: %04X is a character's code, such as 000C */
      return g_strdup_printf (_("the character U+%04X is not allowed in XML; it is left out"), (guint) self->number);
    case CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING:
      /* Translators: %s is the name of a character encoding */
      return g_strdup_printf (_("the encoding “%s” is not one Chronicle knows; the text is read as UTF-8"), text);
    case CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH:
      /* Translators: %1$s and %2$s are names of character encodings, such as "UTF-8" */
      return g_strdup_printf (_("some of the text is not %1$s; those characters are read as %2$s"), text, text2);
    case CHRONICLE_PROBLEM_XML_WRONG_ENCODING:
      /* Translators: %1$s and %2$s are names of character encodings, such as "ISO-8859-1" */
      return g_strdup_printf (_("the file says its text is %1$s, but it is %2$s; it is read as %2$s"), text, text2);
    case CHRONICLE_PROBLEM_XML_UNDECODABLE:
      /* Translators: %s is the name of a character encoding */
      return g_strdup_printf (_("some of the text is not %s; those characters are shown as “�”"), text);
    case CHRONICLE_PROBLEM_XML_BARE_LESS_THAN:
      return g_strdup (_("a “<” that does not start a tag must be written “&lt;”; it is kept as written"));
    case CHRONICLE_PROBLEM_XML_ENTITY_LOOP:
      return g_strdup (_("an entity refers to itself, without end"));
    case CHRONICLE_PROBLEM_XML_TOO_DEEP:
      return g_strdup_printf (ngettext ("the file nests elements more than %u level deep; the rest is not read",
                                        "the file nests elements more than %u levels deep; the rest is not read",
                                        (gulong) self->number),
                              (guint) self->number);
    case CHRONICLE_PROBLEM_XML_MISSING:
      /* Translators: %s is an XML element name, such as "title" */
      return g_strdup_printf (_("it has no <%s>, which the format asks for"), text);
    case CHRONICLE_PROBLEM_DATE_UNREADABLE:
      /* Translators: %s is a date as written in the file */
      return g_strdup_printf (_("“%s” is not a date Chronicle can read; the article is shown with an unknown date"), text);
    case CHRONICLE_PROBLEM_DATE_LOOSE:
      /* Translators: %1$s is a date as written in the file, %2$s the same as Chronicle read it, such as 2024-08-06T10:00:00Z */
      return g_strdup_printf (_("the date “%1$s” is not written as the format asks; it is read as %2$s"), text, text2);
    case CHRONICLE_PROBLEM_ATTACHMENT_NO_URL:
      return g_strdup (_("the attachment has no address; it is left out"));
    default:
      return NULL;
    }
}

static char *
event_message (const ChronicleDiagnostic *self)
{
  const char *text = self->text != NULL ? self->text : "";
  const char *text2 = self->text2 != NULL ? self->text2 : "";

  switch (self->problem)
    {
    case CHRONICLE_PROBLEM_EVENT_NO_DATE:
      return g_strdup (_("the event has no “date”"));
    case CHRONICLE_PROBLEM_EVENT_BAD_DATE:
      /* Translators: %s is a date as written in the file */
      return g_strdup_printf (_("“%s” is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY"), text);
    case CHRONICLE_PROBLEM_EVENT_BAD_PRECISION:
      /* Translators: %s is what the file says; do not translate day, month, year */
      return g_strdup_printf (_("“%s” is not a precision: expected “day”, “month” or “year”"), text);
    case CHRONICLE_PROBLEM_EVENT_WRONG_PRECISION:
      /* Translators: %1$s is a date, %2$s a precision word (day, month, year), not translated */
      return g_strdup_printf (_("the date “%1$s” does not have the precision “%2$s”"), text, text2);
    case CHRONICLE_PROBLEM_EVENT_MISSING:
      /* Translators: %s is the name of a JSON member, such as "person" */
      return g_strdup_printf (_("the event has no “%s”"), text);
    case CHRONICLE_PROBLEM_EVENT_UNKNOWN_KIND:
      /* Translators: %1$s is what the file says, %2$s the list of known kinds (not translated) */
      return g_strdup_printf (_("“%1$s” is not a kind of event; known kinds: %2$s"), text, text2);
    case CHRONICLE_PROBLEM_EVENT_MOVED_NO_TO:
      return g_strdup (_("a “moved” event needs “to_organization”"));
    case CHRONICLE_PROBLEM_EVENT_UNKNOWN_ROLE:
      /* Translators: %s is a role as written in the file */
      return g_strdup_printf (_("“%s” is not a role Chronicle knows; it is shown as written"), text);
    case CHRONICLE_PROBLEM_EVENT_DUPLICATE_ID:
      /* Translators: %s is an event's id */
      return g_strdup_printf (_("another event already has the id “%s”; this one is left out"), text);
    default:
      return NULL;
    }
}

/**
 * chronicle_diagnostic_dup_message:
 *
 * Words the problem for the person who wrote the file, in the language of
 * the interface.  Call it on the main thread only.
 *
 * Returns: (transfer full): the message, such as "expected a string,
 *   found a number; the value is ignored"
 */
char *
chronicle_diagnostic_dup_message (const ChronicleDiagnostic *self)
{
  g_autofree char *message = NULL;
  const char *remedy;

  g_return_val_if_fail (self != NULL, NULL);

  message = syntax_message (self);
  if (message == NULL)
    message = file_message (self);
  if (message == NULL)
    message = content_message (self);
  if (message == NULL)
    message = xml_message (self);
  if (message == NULL)
    message = event_message (self);
  g_return_val_if_fail (message != NULL, g_strdup (""));

  remedy = remedy_text (self->remedy);
  if (remedy == NULL)
    return g_steal_pointer (&message);

  /* Translators: a problem, then what Chronicle did about it, such as
   * "expected an array, found a string; it is read as a list of one" */
  return g_strdup_printf (_("%1$s; %2$s"), message, remedy);
}

/**
 * chronicle_diagnostic_to_string:
 * @filename: (nullable): the file's name as the user knows it
 *
 * Formats the problem in the GNU style that editors and build tools
 * understand: "FILE:LINE:COLUMN: error: PATH: MESSAGE".  The words "error"
 * and "warning" stay untranslated there, as compilers keep them, so that
 * tools can match them.
 */
char *
chronicle_diagnostic_to_string (const ChronicleDiagnostic *self,
                                const char                *filename)
{
  GString *out = g_string_new (NULL);
  g_autofree char *message = chronicle_diagnostic_dup_message (self);

  if (filename != NULL)
    g_string_append_printf (out, "%s:", filename);
  if (self->position.line > 0)
    g_string_append_printf (out, "%u:%u:", self->position.line, self->position.column);
  if (out->len > 0)
    g_string_append_c (out, ' ');

  g_string_append (out, self->severity == CHRONICLE_SEVERITY_ERROR ? "error: " : "warning: ");

  if (self->path != NULL && self->path[0] != '\0')
    g_string_append_printf (out, "%s: ", self->path);
  g_string_append (out, message);

  return g_string_free (out, FALSE);
}

/**
 * chronicle_diagnostic_group_to_string:
 *
 * Returns: the line that stands for the problems of one kind that were
 *   not listed: "FILE: note: 19980 more warnings like “…”"
 */
char *
chronicle_diagnostic_group_to_string (const ChronicleDiagnosticGroup *group,
                                      const char                     *filename)
{
  g_autofree char *message = chronicle_diagnostic_dup_message (group->example);
  g_autofree char *text = NULL;

  if (group->example->severity == CHRONICLE_SEVERITY_ERROR)
    /* Translators: %1$u is a number of problems, %2$s the message of one of them */
    text = g_strdup_printf (ngettext ("%1$u more error like “%2$s”", "%1$u more errors like “%2$s”", group->n_more),
                            group->n_more, message);
  else
    /* Translators: %1$u is a number of problems, %2$s the message of one of them */
    text = g_strdup_printf (ngettext ("%1$u more warning like “%2$s”", "%1$u more warnings like “%2$s”", group->n_more),
                            group->n_more, message);

  /* "note" stays untranslated, as "error" and "warning" do. */
  return filename != NULL ? g_strdup_printf ("%s: note: %s", filename, text) : g_steal_pointer (&text);
}

GPtrArray *
chronicle_diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const ChronicleTextPosition *pa = &(*(const ChronicleDiagnostic **) a)->position;
  const ChronicleTextPosition *pb = &(*(const ChronicleDiagnostic **) b)->position;

  /* Problems of the whole file, with no place, come first. */
  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return (pa->column > pb->column) - (pa->column < pb->column);
}

/**
 * chronicle_diagnostics_sort:
 *
 * Puts problems in the order of the file, those of one place in the order
 * they were found (the sort is stable).
 */
void
chronicle_diagnostics_sort (GPtrArray *diagnostics)
{
  g_ptr_array_sort (diagnostics, compare_positions);
}

/**
 * chronicle_diagnostics_find_fatal:
 *
 * Returns: (transfer none) (nullable): the problem that left no feed
 */
const ChronicleDiagnostic *
chronicle_diagnostics_find_fatal (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    if (chronicle_diagnostic_is_fatal (g_ptr_array_index (diagnostics, i)))
      return g_ptr_array_index (diagnostics, i);

  return NULL;
}

guint
chronicle_diagnostics_count (GPtrArray         *diagnostics,
                             ChronicleSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;

  return n;
}

/**
 * chronicle_diagnostics_select:
 * @diagnostics: (element-type ChronicleDiagnostic): problems, in file order
 * @per_kind: how many of each kind to list, or 0 for all
 * @groups: (out) (element-type ChronicleDiagnosticGroup): one for each kind
 *   with problems left out, in the order of the first one left out
 *
 * Thousands of problems of one kind drown the others: this keeps the first
 * @per_kind of each kind (its severity and problem).
 *
 * Returns: (transfer container) (element-type ChronicleDiagnostic): those
 *   to list, pointing into @diagnostics
 */
GPtrArray *
chronicle_diagnostics_select (GPtrArray  *diagnostics,
                              guint       per_kind,
                              GArray    **groups)
{
  GPtrArray *listed = g_ptr_array_new ();
  guint counts[2][CHRONICLE_PROBLEM_N_PROBLEMS] = { { 0 } };
  int group_of[2][CHRONICLE_PROBLEM_N_PROBLEMS];

  memset (group_of, 0xff, sizeof group_of);
  *groups = g_array_new (FALSE, FALSE, sizeof (ChronicleDiagnosticGroup));

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      guint severity = diagnostic->severity == CHRONICLE_SEVERITY_ERROR;
      guint problem = MIN (diagnostic->problem, CHRONICLE_PROBLEM_N_PROBLEMS - 1);

      if (per_kind == 0 || counts[severity][problem]++ < per_kind)
        {
          g_ptr_array_add (listed, (gpointer) diagnostic);
          continue;
        }

      if (group_of[severity][problem] < 0)
        {
          group_of[severity][problem] = (*groups)->len;
          g_array_append_val (*groups, ((ChronicleDiagnosticGroup) { diagnostic, 0 }));
        }
      g_array_index (*groups, ChronicleDiagnosticGroup, group_of[severity][problem]).n_more++;
    }

  return listed;
}
