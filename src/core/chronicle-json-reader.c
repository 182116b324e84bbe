/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-json-reader"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "chronicle-json-reader.h"

/* Adds a problem found at @path; the caller fills in what it quotes. */
ChronicleDiagnostic *
chronicle_json_reader_report (ChronicleJsonReader *reader,
                              ChronicleSeverity    severity,
                              ChronicleProblem     problem,
                              const char          *path)
{
  ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (severity, problem, path);

  if (severity == CHRONICLE_SEVERITY_ERROR)
    reader->n_errors++;

  g_ptr_array_add (reader->diagnostics, diagnostic);
  return diagnostic;
}

/* A problem that quotes what the file says: @text, and @text2 where the
 * message quotes two values. */
void
chronicle_json_reader_report_text (ChronicleJsonReader *reader,
                                   ChronicleSeverity    severity,
                                   ChronicleProblem     problem,
                                   const char          *path,
                                   const char          *text,
                                   const char          *text2)
{
  ChronicleDiagnostic *diagnostic = chronicle_json_reader_report (reader, severity, problem, path);

  diagnostic->text = g_strdup (text);
  diagnostic->text2 = g_strdup (text2);
}

ChronicleJsonKind
chronicle_json_kind_of (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return CHRONICLE_JSON_KIND_OBJECT;
    case JSON_NODE_ARRAY:
      return CHRONICLE_JSON_KIND_ARRAY;
    case JSON_NODE_NULL:
      return CHRONICLE_JSON_KIND_NULL;
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return CHRONICLE_JSON_KIND_STRING;
    case G_TYPE_BOOLEAN:
      return CHRONICLE_JSON_KIND_BOOLEAN;
    default:
      return CHRONICLE_JSON_KIND_NUMBER;
    }
}

char *
chronicle_json_member_path (const char *prefix,
                            const char *name)
{
  if (prefix == NULL || prefix[0] == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s.%s", prefix, name);
}

/* A value of the wrong type: an error of the specification, which the
 * reader reads around as @remedy says. */
void
chronicle_json_reader_report_type (ChronicleJsonReader *reader,
                                   const char          *prefix,
                                   const char          *name,
                                   ChronicleJsonKind    expected,
                                   JsonNode            *found,
                                   ChronicleRemedy      remedy)
{
  g_autofree char *path = name != NULL ? chronicle_json_member_path (prefix, name) : g_strdup (prefix);
  ChronicleDiagnostic *diagnostic;

  diagnostic = chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_WRONG_TYPE, path);
  diagnostic->expected = expected;
  diagnostic->found = chronicle_json_kind_of (found);
  diagnostic->remedy = remedy;
}

gboolean
chronicle_json_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Members whose names carry stray spaces ("description  ") are read under
 * their real name, with a warning. */
void
chronicle_json_reader_repair_names (ChronicleJsonReader *reader,
                                    JsonObject          *object,
                                    const char          *prefix)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  g_autoptr(GPtrArray) spaced = NULL;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (name[0] != '\0' && (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1])))
        {
          if (spaced == NULL)
            spaced = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (spaced, g_strdup (name));
        }
    }

  for (guint i = 0; spaced != NULL && i < spaced->len; i++)
    {
      const char *original = g_ptr_array_index (spaced, i);
      g_autofree char *stripped = g_strstrip (g_strdup (original));
      g_autofree char *path = chronicle_json_member_path (prefix, original);

      if (stripped[0] == '\0' || json_object_has_member (object, stripped))
        continue;

      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_NAME_SPACES, path,
                                         stripped, NULL);
      json_object_set_member (object, stripped, json_node_copy (json_object_get_member (object, original)));
    }
}

/* Returns the string member @name, NULL when absent or null; a value of
 * another type is reported and ignored. */
char *
chronicle_json_reader_get_string (ChronicleJsonReader *reader,
                                  JsonObject          *object,
                                  const char          *prefix,
                                  const char          *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!chronicle_json_is_string (node))
    {
      chronicle_json_reader_report_type (reader, prefix, name, CHRONICLE_JSON_KIND_STRING, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

gboolean
chronicle_url_is_absolute (const char *url)
{
  return g_uri_peek_scheme (url) != NULL;
}

/* URLs: empty strings are dropped and relative ones resolved against the
 * feed's home page or feed URL, both with a warning. */
char *
chronicle_json_reader_get_url (ChronicleJsonReader *reader,
                               JsonObject          *object,
                               const char          *prefix,
                               const char          *name)
{
  g_autofree char *url = chronicle_json_reader_get_string (reader, object, prefix, name);
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;

  if (url == NULL)
    return NULL;

  g_strstrip (url);
  path = chronicle_json_member_path (prefix, name);

  if (url[0] == '\0')
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_URL_EMPTY, path);
      return NULL;
    }

  if (chronicle_url_is_absolute (url))
    return g_steal_pointer (&url);

  if (reader->base_url == NULL)
    {
      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_URL_UNRESOLVED, path, url, NULL);
      return g_steal_pointer (&url);
    }

  resolved = g_uri_resolve_relative (reader->base_url, url, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    {
      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_URL_INVALID, path, url, NULL);
      return g_steal_pointer (&url);
    }

  chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_URL_RESOLVED, path, url, resolved);
  return g_steal_pointer (&resolved);
}

static void
add_author (ChronicleJsonReader *reader,
            GStrvBuilder        *names,
            JsonNode            *node,
            const char          *path)
{
  JsonObject *object;
  g_autofree char *name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (reader, path, NULL, CHRONICLE_JSON_KIND_OBJECT, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return;
    }

  object = json_node_get_object (node);
  name = chronicle_json_reader_get_string (reader, object, path, "name");
  if (name != NULL && name[0] != '\0')
    g_strv_builder_add (names, name);
}

/* "authors" (1.1) is an array of objects; "author" (1) a single object.
 * One author object where the array belongs is read as a list of one. */
char **
chronicle_json_reader_get_authors (ChronicleJsonReader *reader,
                                   JsonObject          *object,
                                   const char          *prefix)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonNode *authors = json_object_get_member (object, "authors");
  JsonNode *author = json_object_get_member (object, "author");

  if (authors != NULL && !JSON_NODE_HOLDS_NULL (authors))
    {
      g_autofree char *base = chronicle_json_member_path (prefix, "authors");

      if (JSON_NODE_HOLDS_OBJECT (authors))
        {
          chronicle_json_reader_report_type (reader, prefix, "authors", CHRONICLE_JSON_KIND_ARRAY, authors,
                                             CHRONICLE_REMEDY_ONE_ELEMENT);
          add_author (reader, names, authors, base);
        }
      else if (!JSON_NODE_HOLDS_ARRAY (authors))
        chronicle_json_reader_report_type (reader, prefix, "authors", CHRONICLE_JSON_KIND_ARRAY, authors,
                                           CHRONICLE_REMEDY_IGNORED);
      else
        {
          JsonArray *array = json_node_get_array (authors);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *path = g_strdup_printf ("%s[%u]", base, i);

              add_author (reader, names, json_array_get_element (array, i), path);
            }
        }
    }
  else if (author != NULL && !JSON_NODE_HOLDS_NULL (author))
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "author");

      if (!reader->version_1)
        chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_AUTHOR_VERSION_1, path);
      add_author (reader, names, author, path);
    }

  return g_strv_builder_end (names);
}

/* An array of strings; a lone string where it belongs is read as a list
 * of one, as other readers do. */
char **
chronicle_json_reader_get_strv (ChronicleJsonReader *reader,
                                JsonObject          *object,
                                const char          *prefix,
                                const char          *name)
{
  g_autoptr(GStrvBuilder) strings = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strv_builder_end (strings);

  if (chronicle_json_is_string (node))
    {
      chronicle_json_reader_report_type (reader, prefix, name, CHRONICLE_JSON_KIND_ARRAY, node,
                                         CHRONICLE_REMEDY_ONE_ELEMENT);
      g_strv_builder_add (strings, json_node_get_string (node));
      return g_strv_builder_end (strings);
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      chronicle_json_reader_report_type (reader, prefix, name, CHRONICLE_JSON_KIND_ARRAY, node,
                                         CHRONICLE_REMEDY_IGNORED);
      return g_strv_builder_end (strings);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (chronicle_json_is_string (element))
        g_strv_builder_add (strings, json_node_get_string (element));
      else
        {
          g_autofree char *element_name = g_strdup_printf ("%s[%u]", name, i);
          chronicle_json_reader_report_type (reader, prefix, element_name, CHRONICLE_JSON_KIND_STRING, element,
                                             CHRONICLE_REMEDY_IGNORED);
        }
    }

  return g_strv_builder_end (strings);
}

/* RFC 3339, as JSON Feed asks; a missing time zone is read as UTC and a
 * bare day as that day, with a warning.  Anything else leaves the date
 * unknown: the article is kept and shown with "unknown date". */
GDateTime *
chronicle_json_reader_get_date (ChronicleJsonReader *reader,
                                JsonObject          *object,
                                const char          *prefix,
                                const char          *name,
                                gboolean            *has_time)
{
  g_autofree char *text = chronicle_json_reader_get_string (reader, object, prefix, name);
  g_autofree char *path = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  GDateTime *date;
  int year, month, day;
  char end;

  *has_time = FALSE;
  if (text == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date != NULL)
    {
      *has_time = g_date_time_get_hour (date) != 0 ||
                  g_date_time_get_minute (date) != 0 ||
                  g_date_time_get_second (date) != 0;
      return date;
    }

  path = chronicle_json_member_path (prefix, name);
  utc = g_time_zone_new_utc ();

  date = g_date_time_new_from_iso8601 (text, utc);
  if (date != NULL)
    {
      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_DATE_NO_ZONE, path, text, NULL);
      *has_time = TRUE;
      return date;
    }

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_DATE_NO_TIME, path, text, NULL);
      return g_date_time_new (utc, year, month, day, 0, 0, 0);
    }

  chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_DATE_INVALID, path, text, NULL);
  return NULL;
}
