/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-json-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "chronicle-json-reader.h"

void
chronicle_json_reader_report (ChronicleJsonReader            *reader,
        ChronicleSeverity  severity,
        const char        *path,
        const char        *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (severity == CHRONICLE_SEVERITY_ERROR)
    reader->n_errors++;

  g_ptr_array_add (reader->diagnostics, chronicle_diagnostic_new (severity, path, message));
}

const char *
chronicle_json_describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
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

void
chronicle_json_reader_report_type (ChronicleJsonReader     *reader,
             const char *prefix,
             const char *name,
             const char *expected,
             JsonNode   *found)
{
  g_autofree char *path = chronicle_json_member_path (prefix, name);

  /* Translators: for example "expected a string, found a number" */
  chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_ERROR, path, _("expected %s, found %s"),
          expected, chronicle_json_describe (found));
}

gboolean
chronicle_json_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Members whose names carry stray spaces ("description  ") are read under
 * their real name, with a warning. */
void
chronicle_json_reader_repair_names (ChronicleJsonReader     *reader,
                     JsonObject *object,
                     const char *prefix)
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

      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
              /* Translators: %s is the name of a JSON member */
              _("the name has spaces around it; read as “%s”"), stripped);
      json_object_set_member (object, stripped, json_node_copy (json_object_get_member (object, original)));
    }
}

/* Returns the string member @name, NULL when absent or null, and reports
 * any other type. */
char *
chronicle_json_reader_get_string (ChronicleJsonReader     *reader,
            JsonObject *object,
            const char *prefix,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!chronicle_json_is_string (node))
    {
      chronicle_json_reader_report_type (reader, prefix, name, _("a string"), node);
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
chronicle_json_reader_get_url (ChronicleJsonReader     *reader,
         JsonObject *object,
         const char *prefix,
         const char *name)
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
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path, _("the URL is empty and is ignored"));
      return NULL;
    }

  if (chronicle_url_is_absolute (url))
    return g_steal_pointer (&url);

  if (reader->base_url == NULL)
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
              /* Translators: %s is a URL such as "/feed.json" */
              _("the relative URL “%s” cannot be resolved: the feed has no absolute “home_page_url” or “feed_url”"),
              url);
      return g_steal_pointer (&url);
    }

  resolved = g_uri_resolve_relative (reader->base_url, url, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
              /* Translators: %s is a URL */
              _("“%s” is not a valid URL"), url);
      return g_steal_pointer (&url);
    }

  chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
          /* Translators: %1$s is a relative URL, %2$s the absolute URL made from it */
          _("the relative URL “%1$s” was resolved to “%2$s”"), url, resolved);
  return g_steal_pointer (&resolved);
}

static void
add_author (ChronicleJsonReader       *reader,
            GStrvBuilder *names,
            JsonNode     *node,
            const char   *path)
{
  JsonObject *object;
  g_autofree char *name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_ERROR, path, _("expected %s, found %s"),
              _("an object"), chronicle_json_describe (node));
      return;
    }

  object = json_node_get_object (node);
  name = chronicle_json_reader_get_string (reader, object, path, "name");
  if (name != NULL && name[0] != '\0')
    g_strv_builder_add (names, name);
}

/* "authors" (1.1) is an array of objects; "author" (1) a single object. */
char **
chronicle_json_reader_get_authors (ChronicleJsonReader     *reader,
             JsonObject *object,
             const char *prefix)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonNode *authors = json_object_get_member (object, "authors");
  JsonNode *author = json_object_get_member (object, "author");

  if (authors != NULL && !JSON_NODE_HOLDS_NULL (authors))
    {
      if (!JSON_NODE_HOLDS_ARRAY (authors))
        chronicle_json_reader_report_type (reader, prefix, "authors", _("an array"), authors);
      else
        {
          JsonArray *array = json_node_get_array (authors);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *base = chronicle_json_member_path (prefix, "authors");
              g_autofree char *path = g_strdup_printf ("%s[%u]", base, i);

              add_author (reader, names, json_array_get_element (array, i), path);
            }
        }
    }
  else if (author != NULL && !JSON_NODE_HOLDS_NULL (author))
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "author");

      if (!reader->version_1)
        chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
                _("“author” is from JSON Feed 1; version 1.1 uses an “authors” array"));
      add_author (reader, names, author, path);
    }

  return g_strv_builder_end (names);
}

char **
chronicle_json_reader_get_strv (ChronicleJsonReader     *reader,
                  JsonObject *object,
                  const char *prefix,
                  const char *name)
{
  g_autoptr(GStrvBuilder) strings = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strv_builder_end (strings);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      chronicle_json_reader_report_type (reader, prefix, name, _("an array"), node);
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
          chronicle_json_reader_report_type (reader, prefix, element_name, _("a string"), element);
        }
    }

  return g_strv_builder_end (strings);
}

/* RFC 3339, as JSON Feed asks; a missing time zone is read as UTC and a
 * bare day as that day, with a warning.  Anything else leaves the date
 * unknown: the article is kept and shown with "unknown date". */
GDateTime *
chronicle_json_reader_get_date (ChronicleJsonReader     *reader,
          JsonObject *object,
          const char *prefix,
          const char *name,
          gboolean   *has_time)
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
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
              /* Translators: %s is a date as written in the file */
              _("the date “%s” has no time zone; read as UTC"), text);
      *has_time = TRUE;
      return date;
    }

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
              /* Translators: %s is a date as written in the file */
              _("the date “%s” has no time; JSON Feed dates are RFC 3339 date-times"), text);
      return g_date_time_new (utc, year, month, day, 0, 0, 0);
    }

  chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_WARNING, path,
          /* Translators: %s is a date as written in the file */
          _("“%s” is not an RFC 3339 date; the article is shown with an unknown date"), text);
  return NULL;
}
