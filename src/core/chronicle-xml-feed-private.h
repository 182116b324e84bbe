/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libxml/parser.h>

#include "chronicle-diagnostic.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"

G_BEGIN_DECLS

/* Reading RSS and Atom: chronicle-xml-feed.c runs libxml2's SAX2 parser
 * over the text and keeps the elements' stack; chronicle-xml-fields.c
 * says what each element means and builds the items. */

/* As deep as libxml2 itself reads without XML_PARSE_HUGE. */
#define CHRONICLE_XML_MAX_DEPTH 256

#define NS_RSS10   "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_ATOM03  "http://purl.org/atom/ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_ITUNES  "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_MEDIA   "http://search.yahoo.com/mrss/"
#define NS_XHTML   "http://www.w3.org/1999/xhtml"

typedef enum
{
  XML_FORMAT_UNKNOWN,
  XML_FORMAT_RSS,      /* RSS 0.91, 0.92, 2.0: <rss> */
  XML_FORMAT_RDF,      /* RSS 1.0 and 0.90: <rdf:RDF> */
  XML_FORMAT_ATOM,     /* Atom 1.0 */
  XML_FORMAT_ATOM03,   /* Atom 0.3 */
} XmlFormat;

/* What the elements around the current one are. */
typedef enum
{
  XML_CONTEXT_DOCUMENT,
  XML_CONTEXT_FEED,          /* <channel>, or Atom's <feed> */
  XML_CONTEXT_ITEM,          /* <item>, <entry> */
  XML_CONTEXT_IMAGE,         /* RSS's channel <image> */
  XML_CONTEXT_AUTHOR,        /* Atom's <author> and <contributor> */
  XML_CONTEXT_MEDIA_GROUP,   /* <media:group> */
  XML_CONTEXT_SKIP,          /* Atom's <source>: another feed's data */
} XmlContext;

/* What the text of an element fills. */
typedef enum
{
  XML_FIELD_NONE,
  XML_FIELD_TITLE,
  XML_FIELD_LINK,
  XML_FIELD_DESCRIPTION,
  XML_FIELD_CONTENT,         /* content:encoded */
  XML_FIELD_ATOM_CONTENT,
  XML_FIELD_SUMMARY,         /* Atom summary, itunes:summary */
  XML_FIELD_GUID,
  XML_FIELD_ID,              /* Atom id */
  XML_FIELD_PUBLISHED,
  XML_FIELD_UPDATED,
  XML_FIELD_DC_DATE,
  XML_FIELD_AUTHOR,          /* RSS author: "mail@example.com (Name)" */
  XML_FIELD_CREATOR,         /* dc:creator, itunes:author */
  XML_FIELD_AUTHOR_NAME,
  XML_FIELD_AUTHOR_EMAIL,
  XML_FIELD_AUTHOR_URI,
  XML_FIELD_CATEGORY,
  XML_FIELD_LANGUAGE,
  XML_FIELD_ICON,            /* Atom icon and logo, RSS image url */
  XML_FIELD_DURATION,        /* itunes:duration */
  XML_FIELD_TTL,             /* RSS ttl, minutes */
} XmlField;

typedef struct
{
  const char *ns;            /* interned; "" for none */
  const char *name;          /* interned local name */
  char       *base;          /* xml:base here, resolved; NULL: the parent's */
  char       *lang;          /* xml:lang here; NULL: the parent's */
  XmlContext  context;
  XmlField    field;
  char       *type;          /* an Atom text construct's type */
  gboolean    is_permalink;  /* RSS guid */
  gboolean    xhtml;         /* its children are XHTML, kept as markup */
  gboolean    base64;        /* Atom 0.3's mode="base64" */
  gsize       path_length;
  ChronicleTextPosition position;
} XmlFrame;

typedef struct
{
  char                 *text;
  char                 *path;
  ChronicleTextPosition position;
} XmlDate;

/* An item as it is read, before its fields are settled. */
typedef struct
{
  guint                 index;          /* 1-based, as in XPath */
  guint                 frame;          /* the depth of its element in the stack */
  ChronicleTextPosition position;
  char                 *path;
  char                 *base;           /* in effect at the item */
  char                 *content_base;   /* in effect at its body */
  char                 *lang;
  char                 *title;
  char                 *title_type;
  char                 *link;           /* RSS <link> */
  char                 *alternate;      /* Atom link rel="alternate" */
  gboolean              alternate_is_html;
  char                 *guid;
  gboolean              guid_is_permalink;
  char                 *about;          /* RSS 1.0's rdf:about */
  char                 *id;
  char                 *description;
  char                 *content;        /* content:encoded */
  char                 *atom_content;
  char                 *atom_content_type;
  char                 *content_src;
  char                 *summary;
  char                 *summary_type;
  XmlDate               published;
  XmlDate               updated;
  XmlDate               dc_date;
  GPtrArray            *authors;        /* of char *, then their URLs */
  GPtrArray            *author_urls;
  GPtrArray            *tags;
  GPtrArray            *attachments;
  char                 *duration;
  char                 *thumbnail;
  char                 *image;
  char                 *language;
} XmlItem;

typedef struct
{
  xmlParserCtxtPtr  ctxt;
  XmlFormat         format;
  const char       *document_uri;
  GPtrArray        *diagnostics;
  guint             n_errors;
  guint             n_syntax_errors;
  gboolean          fatal;           /* the file is not a feed */
  gboolean          stopped;
  guint             max_items;
  ChronicleFeed    *feed;
  GArray           *stack;           /* of XmlFrame */
  GString          *path;
  GString          *text;            /* the text of the element read now */
  int               capturing;       /* the frame whose text is read, or -1 */
  GString          *markup;          /* XHTML kept as markup */
  int               markup_frame;    /* the frame whose children are XHTML */
  GHashTable       *ids;             /* the items' ids, to keep the first */
  GHashTable       *entities;        /* HTML entities met and the DTD's, as libxml2 wants them */
  gsize             entity_bytes;    /* the text the DTD's entities gave */
  GHashTable       *attribute_entities; /* those met in attributes, see chronicle_xml_get_entity() */
  guint             n_items;
  guint64           n_elements;
  XmlItem          *item;
  char             *author_name;     /* Atom <author> being read */
  char             *author_email;
  char             *author_uri;
  char             *channel_link;
  gboolean          feed_has_id;
  /* The channel's <title>, <link> and <description> were there, if
   * empty: feeds leave them empty, and readers never minded. */
  guint             channel_has_title : 1;
  guint             channel_has_link : 1;
  guint             channel_has_description : 1;
  gboolean          feed_has_updated;
  GPtrArray        *feed_authors;
  GPtrArray        *feed_author_urls;
  gboolean          has_text;        /* more than a declaration and white space */
  const char       *empty_namespace; /* what no namespace means: Atom's in a <feed> without one */
  const char       *rss_namespace;   /* one an <rss> gave itself, which means none */
  gssize            raw_tag;         /* a start tag to read again, or -1 */
  gconstpointer     raw_tag_input;   /* in this input of libxml2's */
} XmlReader;

const char *chronicle_xml_base             (XmlReader            *reader);
const char *chronicle_xml_explicit_base    (XmlReader            *reader);
const char *chronicle_xml_document_base    (XmlReader            *reader);
gboolean    chronicle_xml_is_web_address   (const char           *url);
const char *chronicle_xml_lang             (XmlReader            *reader);
char       *chronicle_xml_resolve          (XmlReader            *reader,
                                            const char           *url);
ChronicleDiagnostic *chronicle_xml_report  (XmlReader            *reader,
                                            ChronicleSeverity     severity,
                                            ChronicleProblem      problem,
                                            const char           *path,
                                            const ChronicleTextPosition *position);
char       *chronicle_xml_attribute        (const xmlChar       **attributes,
                                            int                   n_attributes,
                                            const char           *ns,
                                            const char           *name);
void        chronicle_xml_start_field      (XmlReader            *reader,
                                            XmlFrame             *frame,
                                            const xmlChar       **attributes,
                                            int                   n_attributes);
void        chronicle_xml_end_field        (XmlReader            *reader,
                                            XmlFrame             *frame,
                                            char                 *text);
void        chronicle_xml_item_free        (XmlItem              *item);
char       *chronicle_xml_plain_text       (char                 *text,
                                            const char           *type);
void        chronicle_xml_finish_item      (XmlReader            *reader);
guint64     chronicle_xml_parse_duration   (const char           *text);
void        chronicle_xml_add_unique       (GPtrArray            *array,
                                            const char           *value);
void        chronicle_xml_check_feed       (XmlReader            *reader,
                                            XmlFrame             *frame);
void        chronicle_xml_stop             (XmlReader            *reader);
gboolean    chronicle_xml_is_item          (XmlReader            *reader,
                                            const char           *ns,
                                            const char           *name);
void        chronicle_xml_finish_feed      (XmlReader            *reader);
void        chronicle_xml_characters       (void                 *user_data,
                                            const xmlChar        *text,
                                            int                   length);
void        chronicle_xml_recover_literal  (XmlReader            *reader);
const xmlChar **chronicle_xml_recover_attributes (XmlReader      *reader,
                                                  const xmlChar **attributes,
                                                  int             n_attributes,
                                                  GPtrArray      *keep);

void           chronicle_xml_reader_init   (XmlReader  *reader,
                                            const char *document_uri,
                                            guint       max_items,
                                            GPtrArray  *diagnostics);
gboolean       chronicle_xml_reader_run    (XmlReader  *reader,
                                            gboolean    ebcdic,
                                            const char *prefix,
                                            gsize       prefix_length,
                                            const char *text,
                                            gsize       length,
                                            gboolean    discard,
                                            gboolean    terminate);
ChronicleFeed *chronicle_xml_reader_finish (XmlReader  *reader,
                                            guint       first);
gboolean       chronicle_xml_parse_halves  (const char     *text,
                                            gsize           length,
                                            const char     *document_uri,
                                            gboolean        discard,
                                            GPtrArray      *diagnostics,
                                            ChronicleFeed **feed);

void        chronicle_xml_entity_decl      (void                 *user_data,
                                            const xmlChar        *name,
                                            int                   type,
                                            const xmlChar        *public_id,
                                            const xmlChar        *system_id,
                                            xmlChar              *content);
xmlEntityPtr chronicle_xml_get_entity       (void                 *user_data,
                                            const xmlChar        *name);
void        chronicle_xml_free_entity      (gpointer              data);
const xmlChar **chronicle_xml_expand_attributes (XmlReader      *reader,
                                                 const xmlChar **attributes,
                                                 int             n_attributes,
                                                 GPtrArray      *keep);
void        chronicle_xml_structured_error (void                 *user_data,
                                            xmlError             *error);

/* libxml2 marks the document not well-formed at its first error and,
 * recovering, from then on drops every entity reference: each "&amp;" and
 * "&lt;" of the rest of the file.  Chronicle keeps its own count of
 * errors; each event tells libxml2 to go on reading the text in full. */
static inline void
chronicle_xml_keep_reading (XmlReader *reader)
{
  reader->ctxt->wellFormed = 1;
}

G_END_DECLS
