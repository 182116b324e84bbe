/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronicleFeedKind:
 * @CHRONICLE_FEED_KIND_UNKNOWN: a feed of a kind its page did not say
 * @CHRONICLE_FEED_KIND_RSS: RSS (0.9x, 1.0 or 2.0)
 * @CHRONICLE_FEED_KIND_ATOM: Atom
 * @CHRONICLE_FEED_KIND_JSON_FEED: JSON Feed
 */
typedef enum
{
  CHRONICLE_FEED_KIND_UNKNOWN,
  CHRONICLE_FEED_KIND_RSS,
  CHRONICLE_FEED_KIND_ATOM,
  CHRONICLE_FEED_KIND_JSON_FEED,
} ChronicleFeedKind;

/**
 * ChronicleContentKind:
 * @CHRONICLE_CONTENT_OTHER: neither a feed nor a web page
 * @CHRONICLE_CONTENT_FEED: looks like RSS, Atom or JSON, to be parsed
 * @CHRONICLE_CONTENT_PAGE: a web page, to be searched for its feeds
 */
typedef enum
{
  CHRONICLE_CONTENT_OTHER,
  CHRONICLE_CONTENT_FEED,
  CHRONICLE_CONTENT_PAGE,
} ChronicleContentKind;

/**
 * ChronicleFeedLink:
 * @url: the feed's absolute address
 * @title: (nullable): what the page calls it
 * @kind: what the page says it is
 *
 * A feed a web page points to.
 */
typedef struct
{
  char              *url;
  char              *title;
  ChronicleFeedKind  kind;
} ChronicleFeedLink;

void                 chronicle_feed_link_free         (ChronicleFeedLink *link);

ChronicleContentKind chronicle_discover_sniff         (const char        *data,
                                                       gsize              length,
                                                       const char        *content_type);
GPtrArray           *chronicle_discover_links         (const char        *html,
                                                       gsize              length,
                                                       const char        *page_url);
char               **chronicle_discover_usual_paths   (const char        *page_url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleFeedLink, chronicle_feed_link_free)

G_END_DECLS
