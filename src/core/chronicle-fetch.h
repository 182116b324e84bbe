/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What one fetch may take: a feed larger than this is not one, and a
 * server that takes longer is treated as down. */
#define CHRONICLE_FETCH_MAX_SIZE      (50 * 1024 * 1024)
#define CHRONICLE_FETCH_TIMEOUT_S     60
#define CHRONICLE_FETCH_MAX_REDIRECTS 10

/**
 * ChronicleFetchOutcome:
 * @CHRONICLE_FETCH_CONTENT: a body to read came
 * @CHRONICLE_FETCH_NOT_MODIFIED: the server answered 304: nothing to read
 * @CHRONICLE_FETCH_UNCHANGED: a body came, the same as the last one read
 * @CHRONICLE_FETCH_GONE: the server answered 410: the feed is gone for good
 * @CHRONICLE_FETCH_RETRY_LATER: the server answered 429 or 503: it asks
 *   to be left alone, until #ChronicleFetchResult.retry_after if it said
 * @CHRONICLE_FETCH_FAILED: anything else; #ChronicleFetchResult.error says
 *   what
 */
typedef enum
{
  CHRONICLE_FETCH_CONTENT,
  CHRONICLE_FETCH_NOT_MODIFIED,
  CHRONICLE_FETCH_UNCHANGED,
  CHRONICLE_FETCH_GONE,
  CHRONICLE_FETCH_RETRY_LATER,
  CHRONICLE_FETCH_FAILED,
} ChronicleFetchOutcome;

/**
 * ChronicleFetchRequest:
 * @url: the http or https address
 * @etag: (nullable): the validators of the last answer, sent back so that
 *   an unchanged feed costs a 304
 * @last_modified: (nullable): as @etag
 * @content_hash: (nullable): the SHA-256 of the last body read, so that an
 *   unchanged body is not read again
 * @max_size: the most of a body to read, 0 for %CHRONICLE_FETCH_MAX_SIZE
 * @timeout_s: the most the whole fetch may take, 0 for
 *   %CHRONICLE_FETCH_TIMEOUT_S
 */
typedef struct
{
  const char *url;
  const char *etag;
  const char *last_modified;
  const char *content_hash;
  gsize       max_size;
  guint       timeout_s;
} ChronicleFetchRequest;

/**
 * ChronicleFetchResult:
 * @outcome: what came of it
 * @status: the last HTTP status, 0 when no answer came
 * @url: the address that answered, after redirects
 * @permanent_url: (nullable): where the feed moved for good (301 and 308
 *   redirects only), to be kept instead of the request's
 * @etag: (nullable): the validators to send next time
 * @last_modified: (nullable): as @etag
 * @content_type: (nullable): the media type of the body, without
 *   parameters
 * @content_hash: (nullable): the SHA-256 of the body
 * @body: (nullable): the body, for %CHRONICLE_FETCH_CONTENT only
 * @fresh_until: until when the server says the answer stays fresh
 *   (Cache-Control max-age or Expires), in seconds since 1970; 0 if it
 *   did not say
 * @retry_after: until when the server asked to be left alone
 *   (Retry-After), in seconds since 1970; 0 if it did not say
 * @error: (nullable): what failed, for %CHRONICLE_FETCH_FAILED
 */
typedef struct
{
  ChronicleFetchOutcome  outcome;
  guint                  status;
  char                  *url;
  char                  *permanent_url;
  char                  *etag;
  char                  *last_modified;
  char                  *content_type;
  char                  *content_hash;
  GBytes                *body;
  gint64                 fresh_until;
  gint64                 retry_after;
  GError                *error;
} ChronicleFetchResult;

SoupSession          *chronicle_fetch_session_new (void);

void                  chronicle_fetch_async       (SoupSession                 *session,
                                                   const ChronicleFetchRequest *request,
                                                   GCancellable                *cancellable,
                                                   GAsyncReadyCallback          callback,
                                                   gpointer                     user_data);
ChronicleFetchResult *chronicle_fetch_finish      (GAsyncResult                *result);

void                  chronicle_fetch_result_free (ChronicleFetchResult        *result);

gint64                chronicle_fetch_parse_retry_after (const char *value,
                                                         gint64      now);

GError               *chronicle_fetch_result_dup_error (const ChronicleFetchResult *result);
GBytes               *chronicle_fetch_sync        (const char                  *url,
                                                   char                       **final_url,
                                                   GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleFetchResult, chronicle_fetch_result_free)

G_END_DECLS
