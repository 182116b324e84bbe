/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-event"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "chronicle-event.h"
#include "chronicle-json-reader.h"

struct _ChronicleEvent
{
  GObject             parent_instance;

  char               *id;
  GDate               date;
  ChroniclePrecision  precision;
  char               *person;
  ChronicleEventKind  kind;
  char               *organization;
  char               *to_organization;
  char               *role;
  GArray             *sources;
  guint               order;
};

G_DEFINE_FINAL_TYPE (ChronicleEvent, chronicle_event, G_TYPE_OBJECT)

static const char * const kind_names[CHRONICLE_EVENT_N_KINDS] = {
  "joined", "left", "moved", "leave", "returned", "reassigned",
  "hired", "dismissed", "reinstated", "founded", "appointed",
};

static const struct {
  const char *key;
  const char *label;
} roles[] = {
  { "chief-executive", N_("chief executive") },
  { "president", N_("president") },
  { "chief-financial-officer", N_("chief financial officer") },
  { "chief-product-officer", N_("chief product officer") },
  { "chief-technology-officer", N_("chief technology officer") },
  { "chief-scientist", N_("chief scientist") },
  { "co-founder", N_("co-founder") },
  { "head-of-preparedness", N_("head of preparedness") },
  { "head-of-product", N_("head of product") },
  { "head-of-alignment", N_("head of alignment") },
};

static void
source_clear (gpointer data)
{
  ChronicleEventSource *source = data;

  g_free (source->item);
  g_free (source->quote);
}

static void
chronicle_event_finalize (GObject *object)
{
  ChronicleEvent *self = CHRONICLE_EVENT (object);

  g_free (self->id);
  g_free (self->person);
  g_free (self->organization);
  g_free (self->to_organization);
  g_free (self->role);
  g_array_unref (self->sources);

  G_OBJECT_CLASS (chronicle_event_parent_class)->finalize (object);
}

static void
chronicle_event_class_init (ChronicleEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronicle_event_finalize;
}

static void
chronicle_event_init (ChronicleEvent *self)
{
  g_date_clear (&self->date, 1);
  self->sources = g_array_new (FALSE, TRUE, sizeof (ChronicleEventSource));
  g_array_set_clear_func (self->sources, source_clear);
}

const char *
chronicle_event_get_id (ChronicleEvent *self)
{
  return self->id;
}

/**
 * chronicle_event_get_date:
 *
 * Returns: (transfer none): the date; at month precision its day is 1, at
 *   year precision its month and day are 1
 */
GDate *
chronicle_event_get_date (ChronicleEvent *self)
{
  return &self->date;
}

ChroniclePrecision
chronicle_event_get_precision (ChronicleEvent *self)
{
  return self->precision;
}

const char *
chronicle_event_get_person (ChronicleEvent *self)
{
  return self->person;
}

ChronicleEventKind
chronicle_event_get_kind (ChronicleEvent *self)
{
  return self->kind;
}

const char *
chronicle_event_get_organization (ChronicleEvent *self)
{
  return self->organization;
}

const char *
chronicle_event_get_to_organization (ChronicleEvent *self)
{
  return self->to_organization;
}

/**
 * chronicle_event_get_role:
 *
 * Returns: (nullable): the role's key, such as "chief-executive"
 */
const char *
chronicle_event_get_role (ChronicleEvent *self)
{
  return self->role;
}

guint
chronicle_event_get_n_sources (ChronicleEvent *self)
{
  return self->sources->len;
}

const ChronicleEventSource *
chronicle_event_get_source (ChronicleEvent *self,
                            guint           index)
{
  g_return_val_if_fail (index < self->sources->len, NULL);

  return &g_array_index (self->sources, ChronicleEventSource, index);
}

/**
 * chronicle_event_compare:
 *
 * Orders events oldest first.  A date known only to the month or year sorts
 * at the start of that month or year, before the days in it; events on the
 * same date keep the order of the file.
 */
int
chronicle_event_compare (ChronicleEvent *a,
                         ChronicleEvent *b)
{
  int result = g_date_compare (&a->date, &b->date);

  if (result != 0)
    return result;
  if (a->precision != b->precision)
    return a->precision > b->precision ? -1 : 1;
  return (a->order > b->order) - (a->order < b->order);
}

const char *
chronicle_event_kind_to_string (ChronicleEventKind kind)
{
  g_return_val_if_fail (kind < CHRONICLE_EVENT_N_KINDS, NULL);

  return kind_names[kind];
}

/**
 * chronicle_event_kind_get_label:
 *
 * Returns: the kind of change in the UI language, for filters and
 *   accessible descriptions
 */
const char *
chronicle_event_kind_get_label (ChronicleEventKind kind)
{
  switch (kind)
    {
    case CHRONICLE_EVENT_JOINED: return C_("event kind", "Joined");
    case CHRONICLE_EVENT_LEFT: return C_("event kind", "Left");
    case CHRONICLE_EVENT_MOVED: return C_("event kind", "Moved");
    case CHRONICLE_EVENT_LEAVE: return C_("event kind", "Leave of absence");
    case CHRONICLE_EVENT_RETURNED: return C_("event kind", "Returned");
    case CHRONICLE_EVENT_REASSIGNED: return C_("event kind", "Reassigned");
    case CHRONICLE_EVENT_HIRED: return C_("event kind", "Hired");
    case CHRONICLE_EVENT_DISMISSED: return C_("event kind", "Dismissed");
    case CHRONICLE_EVENT_REINSTATED: return C_("event kind", "Reinstated");
    case CHRONICLE_EVENT_FOUNDED: return C_("event kind", "Founded");
    case CHRONICLE_EVENT_APPOINTED: return C_("event kind", "Appointed");
    case CHRONICLE_EVENT_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * chronicle_event_role_get_label:
 *
 * Returns: the role in the UI language, or @role itself when it is not
 *   one Chronicle knows
 */
const char *
chronicle_event_role_get_label (const char *role)
{
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].key, role))
      return _(roles[i].label);

  return role;
}

/* The sentences are generated from translatable templates, so that the
 * timeline reads naturally in every language; names stay as they are. */
static const char *
sentence_template (ChronicleEventKind  kind,
                   gboolean            with_role,
                   const char         *role)
{
  switch (kind)
    {
    case CHRONICLE_EVENT_JOINED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role such as "chief executive" */
      return with_role ? _("%1$s joined %2$s as %3$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s joined %2$s");
    case CHRONICLE_EVENT_LEFT:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s the role the person had */
      return with_role ? _("%1$s, %3$s, left %2$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s left %2$s");
    case CHRONICLE_EVENT_MOVED:
      /* Translators: %1$s is a person, %2$s and %3$s are organisations, %4$s the role the person had */
      return with_role ? _("%1$s, %4$s, left %2$s for %3$s")
                       /* Translators: %1$s is a person, %2$s and %3$s are organisations */
                       : _("%1$s left %2$s for %3$s");
    case CHRONICLE_EVENT_LEAVE:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s the person's role */
      return with_role ? _("%1$s, %3$s, began a leave of absence from %2$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s began a leave of absence from %2$s");
    case CHRONICLE_EVENT_RETURNED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role */
      return with_role ? _("%1$s returned to %2$s as %3$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s returned to %2$s");
    case CHRONICLE_EVENT_REASSIGNED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s the role the person had */
      return with_role ? _("%1$s, %3$s, was reassigned within %2$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s was reassigned within %2$s");
    case CHRONICLE_EVENT_HIRED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role */
      return with_role ? _("%2$s hired %1$s as %3$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%2$s hired %1$s");
    case CHRONICLE_EVENT_DISMISSED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role */
      return with_role ? _("%2$s dismissed %1$s as %3$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%2$s dismissed %1$s");
    case CHRONICLE_EVENT_REINSTATED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role */
      return with_role ? _("%2$s reinstated %1$s as %3$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%2$s reinstated %1$s");
    case CHRONICLE_EVENT_FOUNDED:
      if (with_role && g_str_equal (role, "co-founder"))
        /* Translators: %1$s is a person, %2$s an organisation */
        return _("%1$s co-founded %2$s");
      /* Translators: %1$s is a person, %2$s an organisation */
      return _("%1$s founded %2$s");
    case CHRONICLE_EVENT_APPOINTED:
      /* Translators: %1$s is a person, %2$s an organisation, %3$s a role such as "head of alignment" */
      return with_role ? _("%1$s was appointed %3$s at %2$s")
                       /* Translators: %1$s is a person, %2$s an organisation */
                       : _("%1$s took on a new role at %2$s");
    case CHRONICLE_EVENT_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * chronicle_event_dup_sentence:
 *
 * Returns: the event as a sentence in the UI language, such as "John
 *   Schulman left OpenAI for Anthropic"
 */
char *
chronicle_event_dup_sentence (ChronicleEvent *self)
{
  const char *role = self->role != NULL ? chronicle_event_role_get_label (self->role) : NULL;
  const char *template = sentence_template (self->kind, role != NULL, self->role);
  char *sentence;

  /* The templates are translations of c-format strings, which msgfmt
   * checks against the original's arguments. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (self->kind == CHRONICLE_EVENT_MOVED)
    sentence = g_strdup_printf (template, self->person, self->organization,
                                self->to_organization, role != NULL ? role : "");
  else
    sentence = g_strdup_printf (template, self->person, self->organization, role != NULL ? role : "");
#pragma GCC diagnostic pop

  return sentence;
}

static gboolean
parse_kind (const char         *text,
            ChronicleEventKind *kind)
{
  for (guint i = 0; i < CHRONICLE_EVENT_N_KINDS; i++)
    {
      if (g_str_equal (text, kind_names[i]))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_date (ChronicleJsonReader *reader,
            JsonObject          *object,
            const char          *prefix,
            ChronicleEvent      *event)
{
  g_autofree char *text = chronicle_json_reader_get_string (reader, object, prefix, "date");
  g_autofree char *precision = chronicle_json_reader_get_string (reader, object, prefix, "date_precision");
  g_autofree char *path = chronicle_json_member_path (prefix, "date");
  int year = 0, month = 1, day = 1, parts;
  ChroniclePrecision found;
  char end;

  if (text == NULL)
    {
      chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_NO_DATE, prefix);
      return FALSE;
    }

  parts = sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end);
  if (parts < 1 || parts > 3 || strlen (text) != (parts == 1 ? 4 : parts == 2 ? 7 : 10) ||
      !g_date_valid_dmy (day, month, year))
    {
      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_BAD_DATE, path,
                                         text, NULL);
      return FALSE;
    }

  found = parts == 3 ? CHRONICLE_PRECISION_DAY : parts == 2 ? CHRONICLE_PRECISION_MONTH : CHRONICLE_PRECISION_YEAR;
  if (precision != NULL)
    {
      static const char * const names[] = { "day", "month", "year" };
      g_autofree char *precision_path = chronicle_json_member_path (prefix, "date_precision");

      if (!g_strv_contains (names, precision))
        {
          chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_BAD_PRECISION,
                                             precision_path, precision, NULL);
          return FALSE;
        }
      if (!g_str_equal (precision, names[found]))
        {
          chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_WRONG_PRECISION,
                                             precision_path, text, precision);
          return FALSE;
        }
    }

  event->precision = found;
  g_date_set_dmy (&event->date, day, month, year);
  return TRUE;
}

static char *
get_required (ChronicleJsonReader *reader,
              JsonObject          *object,
              const char          *prefix,
              const char          *name)
{
  g_autofree char *value = chronicle_json_reader_get_string (reader, object, prefix, name);
  JsonNode *node = json_object_get_member (object, name);

  if (value == NULL || g_strstrip (value)[0] == '\0')
    {
      /* A value of the wrong type has been reported already. */
      if (node == NULL || JSON_NODE_HOLDS_NULL (node) || value != NULL)
        chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_MISSING, prefix,
                                           name, NULL);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static void
parse_sources (ChronicleJsonReader *reader,
               JsonObject          *object,
               const char          *prefix,
               ChronicleEvent      *event)
{
  JsonNode *node = json_object_get_member (object, "sources");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      chronicle_json_reader_report_type (reader, prefix, "sources", CHRONICLE_JSON_KIND_ARRAY, node,
                                         CHRONICLE_REMEDY_NONE);
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *base = chronicle_json_member_path (prefix, "sources");
      g_autofree char *path = g_strdup_printf ("%s[%u]", base, i);
      ChronicleEventSource source = { 0 };
      JsonObject *source_object;
      JsonNode *paragraph;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          chronicle_json_reader_report_type (reader, path, NULL, CHRONICLE_JSON_KIND_OBJECT, element,
                                             CHRONICLE_REMEDY_NONE);
          continue;
        }

      source_object = json_node_get_object (element);
      source.item = get_required (reader, source_object, path, "item");
      source.quote = chronicle_json_reader_get_string (reader, source_object, path, "quote");
      paragraph = json_object_get_member (source_object, "paragraph");
      if (paragraph != NULL && JSON_NODE_HOLDS_VALUE (paragraph) &&
          json_node_get_value_type (paragraph) == G_TYPE_INT64 && json_node_get_int (paragraph) >= 0 &&
          json_node_get_int (paragraph) <= G_MAXINT)
        source.paragraph = (guint) json_node_get_int (paragraph);
      else if (paragraph != NULL)
        chronicle_json_reader_report_type (reader, path, "paragraph", CHRONICLE_JSON_KIND_WHOLE_NUMBER, paragraph,
                                           CHRONICLE_REMEDY_NONE);

      if (source.item != NULL)
        g_array_append_val (event->sources, source);
      else
        source_clear (&source);
    }
}

/**
 * chronicle_event_new:
 * @order: its place in its collection, which orders events of one date
 *
 * An event made from values that were read before, such as the store's.
 *
 * Returns: (transfer full): the event, without sources
 */
ChronicleEvent *
chronicle_event_new (const char         *id,
                     const GDate        *date,
                     ChroniclePrecision  precision,
                     const char         *person,
                     ChronicleEventKind  kind,
                     const char         *organization,
                     const char         *to_organization,
                     const char         *role,
                     guint               order)
{
  ChronicleEvent *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (kind < CHRONICLE_EVENT_N_KINDS, NULL);

  self = g_object_new (CHRONICLE_TYPE_EVENT, NULL);
  self->id = g_strdup (id);
  self->date = *date;
  self->precision = precision;
  self->person = g_strdup (person);
  self->kind = kind;
  self->organization = g_strdup (organization);
  self->to_organization = g_strdup (to_organization);
  self->role = g_strdup (role);
  self->order = order;
  return self;
}

void
chronicle_event_add_source (ChronicleEvent *self,
                            const char     *item,
                            guint           paragraph,
                            const char     *quote)
{
  ChronicleEventSource source = { g_strdup (item), paragraph, g_strdup (quote) };

  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  g_array_append_val (self->sources, source);
}

/**
 * chronicle_event_kind_from_string:
 *
 * Returns: whether @text names a kind, as chronicle_event_kind_to_string()
 *   does
 */
gboolean
chronicle_event_kind_from_string (const char         *text,
                                  ChronicleEventKind *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return parse_kind (text, kind);
}

static ChronicleEvent *
parse_event (ChronicleJsonReader *reader,
             JsonNode            *node,
             const char          *prefix)
{
  g_autoptr(ChronicleEvent) event = g_object_new (CHRONICLE_TYPE_EVENT, NULL);
  g_autofree char *kind = NULL;
  JsonObject *object;
  guint errors = reader->n_errors;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      chronicle_json_reader_report_type (reader, prefix, NULL, CHRONICLE_JSON_KIND_OBJECT, node, CHRONICLE_REMEDY_NONE);
      return NULL;
    }

  object = json_node_get_object (node);
  chronicle_json_reader_repair_names (reader, object, prefix);

  event->id = get_required (reader, object, prefix, "id");
  event->person = get_required (reader, object, prefix, "person");
  event->organization = get_required (reader, object, prefix, "organization");
  event->to_organization = chronicle_json_reader_get_string (reader, object, prefix, "to_organization");
  event->role = chronicle_json_reader_get_string (reader, object, prefix, "role");
  kind = get_required (reader, object, prefix, "kind");
  parse_date (reader, object, prefix, event);
  parse_sources (reader, object, prefix, event);

  if (kind != NULL && !parse_kind (kind, &event->kind))
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "kind");
      g_autofree char *known = g_strjoinv (", ", (char **) kind_names);

      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_UNKNOWN_KIND, path,
                                         kind, known);
    }
  else if (event->kind == CHRONICLE_EVENT_MOVED && event->to_organization == NULL)
    chronicle_json_reader_report (reader, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_EVENT_MOVED_NO_TO, prefix);

  if (event->role != NULL && chronicle_event_role_get_label (event->role) == event->role)
    {
      g_autofree char *path = chronicle_json_member_path (prefix, "role");

      chronicle_json_reader_report_text (reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_EVENT_UNKNOWN_ROLE,
                                         path, event->role, NULL);
    }

  if (reader->n_errors > errors)
    return NULL;

  return g_steal_pointer (&event);
}

/**
 * chronicle_events_parse:
 * @array: the `_chronicle.timeline` array
 * @path: its JSON path, for messages
 * @events: (element-type ChronicleEvent): where to add the events read
 * @diagnostics: (element-type ChronicleDiagnostic): where to add problems
 *
 * Reads the events of a timeline.  An event with an error is left out and
 * reported; the others are read.
 *
 * Returns: how many events were left out
 */
guint
chronicle_events_parse (JsonArray  *array,
                        const char *path,
                        GPtrArray  *events,
                        GPtrArray  *diagnostics)
{
  ChronicleJsonReader reader = { .diagnostics = diagnostics };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint left_out = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s[%u]", path, i);
      ChronicleEvent *event = parse_event (&reader, json_array_get_element (array, i), prefix);

      if (event == NULL)
        {
          left_out++;
          continue;
        }

      /* Checked before adding: g_hash_table_add() would replace the key
       * with this event's id, which is freed with the event. */
      if (g_hash_table_contains (ids, event->id))
        {
          g_autofree char *id_path = chronicle_json_member_path (prefix, "id");

          chronicle_json_reader_report_text (&reader, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_EVENT_DUPLICATE_ID,
                                             id_path, event->id, NULL);
          g_object_unref (event);
          left_out++;
          continue;
        }

      g_hash_table_add (ids, event->id);
      event->order = events->len;
      g_ptr_array_add (events, event);
    }

  return left_out;
}
