/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONICLE_SEVERITY_WARNING,
  CHRONICLE_SEVERITY_ERROR,
} ChronicleSeverity;

/**
 * ChronicleProblem:
 *
 * What is wrong.  The fatal ones (reading the file, its JSON, and whether
 * it is a JSON Feed at all) leave no feed; the others are read around.
 */
typedef enum
{
  /* Reading the file */
  CHRONICLE_PROBLEM_FILE_UNREADABLE,      /* text: the system's reason */
  CHRONICLE_PROBLEM_FILE_IS_FOLDER,
  CHRONICLE_PROBLEM_FILE_TOO_LARGE,       /* number: the size, number2: the limit */
  CHRONICLE_PROBLEM_FILE_EMPTY,
  /* The JSON text */
  CHRONICLE_PROBLEM_INVALID_UTF8,
  CHRONICLE_PROBLEM_NUL_BYTE,
  CHRONICLE_PROBLEM_TOO_DEEP,             /* number: the deepest nesting read */
  CHRONICLE_PROBLEM_EXPECTED_VALUE,       /* text: what was found instead */
  CHRONICLE_PROBLEM_EXPECTED_NAME,        /* text: what was found */
  CHRONICLE_PROBLEM_EXPECTED_COLON,       /* text: what was found */
  CHRONICLE_PROBLEM_EXPECTED_OBJECT_END,  /* text: what was found */
  CHRONICLE_PROBLEM_EXPECTED_ARRAY_END,   /* text: what was found */
  CHRONICLE_PROBLEM_TRAILING_COMMA,
  CHRONICLE_PROBLEM_TRAILING_CONTENT,     /* text: what was found */
  CHRONICLE_PROBLEM_UNEXPECTED_END,
  CHRONICLE_PROBLEM_UNTERMINATED_STRING,
  CHRONICLE_PROBLEM_CONTROL_CHARACTER,    /* number: the character */
  CHRONICLE_PROBLEM_INVALID_ESCAPE,       /* text: the escape as written */
  CHRONICLE_PROBLEM_LONE_SURROGATE,       /* text: the escape as written */
  CHRONICLE_PROBLEM_INVALID_NUMBER,       /* text: the number as written */
  CHRONICLE_PROBLEM_JSON_UNREADABLE,
  /* Not a JSON Feed */
  CHRONICLE_PROBLEM_ROOT_NOT_OBJECT,      /* found */
  CHRONICLE_PROBLEM_NO_VERSION,
  CHRONICLE_PROBLEM_NOT_JSON_FEED_VERSION, /* text: the version */
  CHRONICLE_PROBLEM_NO_ITEMS,
  CHRONICLE_PROBLEM_XML_UNREADABLE,       /* no feed could be read from the XML */
  CHRONICLE_PROBLEM_XML_NOT_A_FEED,       /* text: the root element, text2: its namespace, if any */
  /* The XML text, read around in recovery mode */
  CHRONICLE_PROBLEM_XML_SYNTAX,           /* text: libxml2's own words */
  CHRONICLE_PROBLEM_XML_TAG_MISMATCH,     /* text: the element opened, text2: the one closed */
  CHRONICLE_PROBLEM_XML_UNCLOSED,         /* text: the element */
  CHRONICLE_PROBLEM_XML_EXTRA_CONTENT,
  CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY, /* text: its name */
  CHRONICLE_PROBLEM_XML_HTML_ENTITY,      /* text: its name */
  CHRONICLE_PROBLEM_XML_BARE_AMPERSAND,
  CHRONICLE_PROBLEM_XML_INVALID_CHARACTER, /* number: the character */
  CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING, /* text: the encoding */
  CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH, /* text: the encoding read, text2: the one some bytes are read in */
  CHRONICLE_PROBLEM_XML_WRONG_ENCODING,   /* text: the encoding declared, text2: the one the text is in */
  CHRONICLE_PROBLEM_XML_UNDECODABLE,      /* text: the encoding some bytes are not in */
  CHRONICLE_PROBLEM_XML_BARE_LESS_THAN,
  CHRONICLE_PROBLEM_XML_ENTITY_LOOP,
  CHRONICLE_PROBLEM_XML_TOO_DEEP,         /* number: the deepest nesting read */
  /* RSS and Atom */
  CHRONICLE_PROBLEM_XML_MISSING,          /* text: the element the format asks for */
  CHRONICLE_PROBLEM_DATE_UNREADABLE,      /* text: the date */
  CHRONICLE_PROBLEM_DATE_LOOSE,           /* text: the date, text2: how it was read (RFC 3339) */
  CHRONICLE_PROBLEM_ATTACHMENT_NO_URL,
  /* The feed and its items */
  CHRONICLE_PROBLEM_VERSION_HTTP,
  CHRONICLE_PROBLEM_VERSION_UNKNOWN,      /* text: the version number */
  CHRONICLE_PROBLEM_NO_TITLE,
  CHRONICLE_PROBLEM_WRONG_TYPE,           /* expected, found, remedy */
  CHRONICLE_PROBLEM_NAME_SPACES,          /* text: the name read */
  CHRONICLE_PROBLEM_URL_EMPTY,
  CHRONICLE_PROBLEM_URL_UNRESOLVED,       /* text: the URL */
  CHRONICLE_PROBLEM_URL_INVALID,          /* text: the URL */
  CHRONICLE_PROBLEM_URL_RESOLVED,         /* text: the URL, text2: what it became */
  CHRONICLE_PROBLEM_AUTHOR_VERSION_1,
  CHRONICLE_PROBLEM_DATE_NO_ZONE,         /* text: the date */
  CHRONICLE_PROBLEM_DATE_NO_TIME,         /* text: the date */
  CHRONICLE_PROBLEM_DATE_INVALID,         /* text: the date */
  CHRONICLE_PROBLEM_ITEM_NO_ID,           /* remedy */
  CHRONICLE_PROBLEM_ITEM_EMPTY_ID,        /* remedy */
  CHRONICLE_PROBLEM_ITEM_NUMERIC_ID,
  CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID,    /* text: the id */
  CHRONICLE_PROBLEM_ITEM_NOTHING_TO_SHOW,
  CHRONICLE_PROBLEM_SUMMARY_HTML,
  CHRONICLE_PROBLEM_NO_CONTENT,
  /* Timeline events */
  CHRONICLE_PROBLEM_EVENT_NO_DATE,
  CHRONICLE_PROBLEM_EVENT_BAD_DATE,       /* text: the date */
  CHRONICLE_PROBLEM_EVENT_BAD_PRECISION,  /* text: the precision */
  CHRONICLE_PROBLEM_EVENT_WRONG_PRECISION, /* text: the date, text2: the precision */
  CHRONICLE_PROBLEM_EVENT_MISSING,        /* text: the member's name */
  CHRONICLE_PROBLEM_EVENT_UNKNOWN_KIND,   /* text: the kind, text2: the known ones */
  CHRONICLE_PROBLEM_EVENT_MOVED_NO_TO,
  CHRONICLE_PROBLEM_EVENT_UNKNOWN_ROLE,   /* text: the role */
  CHRONICLE_PROBLEM_EVENT_DUPLICATE_ID,   /* text: the id */
  CHRONICLE_PROBLEM_N_PROBLEMS
} ChronicleProblem;

/* What a JSON value is, or was expected to be. */
typedef enum
{
  CHRONICLE_JSON_KIND_OBJECT,
  CHRONICLE_JSON_KIND_ARRAY,
  CHRONICLE_JSON_KIND_STRING,
  CHRONICLE_JSON_KIND_NUMBER,
  CHRONICLE_JSON_KIND_BOOLEAN,
  CHRONICLE_JSON_KIND_NULL,
  CHRONICLE_JSON_KIND_WHOLE_NUMBER,
} ChronicleJsonKind;

/* What the reader did about a problem it read around. */
typedef enum
{
  CHRONICLE_REMEDY_NONE,
  CHRONICLE_REMEDY_IGNORED,        /* the value is ignored */
  CHRONICLE_REMEDY_ONE_ELEMENT,    /* a lone value read as a list of one */
  CHRONICLE_REMEDY_ITEM_LEFT_OUT,
  CHRONICLE_REMEDY_ID_FROM_URL,
  CHRONICLE_REMEDY_ID_MADE,        /* from the title, date and content */
} ChronicleRemedy;

/**
 * ChronicleTextPosition:
 * @line: 1-based line, or 0 when unknown
 * @column: 1-based column in characters, or 0 when unknown
 * @offset: bytes from the start of the file, or %CHRONICLE_OFFSET_UNKNOWN
 */
typedef struct
{
  guint line;
  guint column;
  gsize offset;
} ChronicleTextPosition;

#define CHRONICLE_OFFSET_UNKNOWN G_MAXSIZE

/**
 * ChronicleDiagnostic:
 * @severity: an error breaks the JSON Feed specification; a warning is
 *   something the author may want to know
 * @problem: what is wrong
 * @remedy: what the reader did about it
 * @path: (nullable): where in the JSON tree, such as "items[3].title"
 * @position: where in the text
 * @expected: with %CHRONICLE_PROBLEM_WRONG_TYPE, what was expected
 * @found: what was found, with %CHRONICLE_PROBLEM_WRONG_TYPE and
 *   %CHRONICLE_PROBLEM_ROOT_NOT_OBJECT
 * @text: (nullable): what the file says, which the message quotes
 * @text2: (nullable): a second value the message quotes
 * @number: a number the message says
 * @number2: a second number
 *
 * One problem found in a collection file, as values: only the code that
 * shows it turns it into words, in the interface's language.
 */
typedef struct
{
  ChronicleSeverity      severity;
  ChronicleProblem       problem;
  ChronicleRemedy        remedy;
  char                  *path;
  ChronicleTextPosition  position;
  ChronicleJsonKind      expected;
  ChronicleJsonKind      found;
  char                  *text;
  char                  *text2;
  guint64                number;
  guint64                number2;
} ChronicleDiagnostic;

/* How many problems of one kind are listed for a file before the rest are
 * counted in one line. */
#define CHRONICLE_DIAGNOSTICS_PER_KIND 20

/**
 * ChronicleDiagnosticGroup:
 * @example: the first problem of its kind that was not listed
 * @n_more: how many of its kind were not listed
 */
typedef struct
{
  const ChronicleDiagnostic *example;
  guint                      n_more;
} ChronicleDiagnosticGroup;

#define CHRONICLE_TYPE_DIAGNOSTIC (chronicle_diagnostic_get_type ())

GType                chronicle_diagnostic_get_type     (void) G_GNUC_CONST;
ChronicleDiagnostic *chronicle_diagnostic_new          (ChronicleSeverity          severity,
                                                        ChronicleProblem           problem,
                                                        const char                *path);
ChronicleDiagnostic *chronicle_diagnostic_new_at       (ChronicleProblem           problem,
                                                        gsize                      offset);
ChronicleDiagnostic *chronicle_diagnostic_copy         (const ChronicleDiagnostic *self);
void                 chronicle_diagnostic_free         (ChronicleDiagnostic       *self);
gboolean             chronicle_diagnostic_is_fatal     (const ChronicleDiagnostic *self);
gboolean             chronicle_diagnostic_breaks_xml   (const ChronicleDiagnostic *self);
char                *chronicle_diagnostic_dup_message  (const ChronicleDiagnostic *self);
char                *chronicle_diagnostic_to_string    (const ChronicleDiagnostic *self,
                                                        const char                *filename);
char                *chronicle_diagnostic_group_to_string (const ChronicleDiagnosticGroup *group,
                                                           const char                     *filename);

GPtrArray           *chronicle_diagnostics_new         (void);
void                 chronicle_diagnostics_sort        (GPtrArray                 *diagnostics);
const ChronicleDiagnostic *chronicle_diagnostics_find_fatal (GPtrArray            *diagnostics);
GPtrArray           *chronicle_diagnostics_select      (GPtrArray                 *diagnostics,
                                                        guint                      per_kind,
                                                        GArray                   **groups);
guint                chronicle_diagnostics_count       (GPtrArray                 *diagnostics,
                                                        ChronicleSeverity          severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleDiagnostic, chronicle_diagnostic_free)

G_END_DECLS
