/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-fetch"

#include "config.h"

#include <string.h>

#include "chronicle-error.h"
#include "chronicle-fetch.h"
#include "chronicle-uri.h"

/* Fetching one feed over HTTP, politely: validators sent back, redirects
 * followed here (so that only permanent ones move a subscription), the
 * body read in chunks up to a limit and hashed on the way, and the whole
 * fetch bounded in time.  The caller keeps what the result says. */

#define USER_AGENT   PACKAGE_NAME "/" PACKAGE_VERSION " (+" PACKAGE_WEBSITE ")"
#define READ_CHUNK   (64 * 1024)

/* Not among libsoup's SoupStatus. */
#define STATUS_TOO_MANY_REQUESTS 429

/* libsoup's "timeout" bounds connecting and every wait for bytes. */
#define IO_TIMEOUT_S 15

/* Feeds first, then what may lead to one (a web page to search for its
 * feeds). */
#define ACCEPT \
  "application/feed+json, application/atom+xml, application/rss+xml, " \
  "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, " \
  "application/json;q=0.8, text/html;q=0.7, */*;q=0.5"

/**
 * chronicle_fetch_session_new:
 *
 * The session every fetch of the application shares: it names Chronicle
 * to servers, keeps at most 2 connections to one host and 8 in all, and
 * gives up on a connection that stays silent for 15 s.  libsoup decodes
 * gzip, deflate and brotli and follows the system's proxy settings.
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
chronicle_fetch_session_new (void)
{
  return soup_session_new_with_options ("user-agent", USER_AGENT,
                                        "timeout", IO_TIMEOUT_S,
                                        "max-conns", 8,
                                        "max-conns-per-host", 2,
                                        NULL);
}

void
chronicle_fetch_result_free (ChronicleFetchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->permanent_url);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->content_type);
  g_free (result->content_hash);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static gint64
http_date_to_unix (const char *value)
{
  g_autoptr(GDateTime) date = NULL;

  if (value == NULL)
    return 0;
  date = soup_date_time_new_from_http_string (value);
  return date != NULL ? g_date_time_to_unix (date) : 0;
}

/**
 * chronicle_fetch_parse_retry_after:
 * @value: (nullable): a Retry-After header: seconds, or an HTTP date
 * @now: the time the answer came, in seconds since 1970
 *
 * Returns: until when the server asked to be left alone, in seconds since
 *   1970; 0 when @value says nothing that can be read
 */
gint64
chronicle_fetch_parse_retry_after (const char *value,
                                   gint64      now)
{
  guint64 seconds;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      g_autofree char *digits = g_strndup (value, strspn (value, "0123456789"));
      const char *rest = value + strlen (digits);

      /* Digits and then something else ("120 seconds") is no delay. */
      while (g_ascii_isspace (*rest))
        rest++;
      if (*rest != '\0')
        return 0;
      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &seconds, NULL))
        seconds = G_MAXUINT64;
      return seconds > (guint64) (G_MAXINT64 - now) ? G_MAXINT64 : now + (gint64) seconds;
    }

  return http_date_to_unix (value);
}

typedef struct
{
  SoupSession          *session;
  SoupMessage          *message;
  GInputStream         *stream;
  GCancellable         *cancellable;   /* our own: the caller's and the timer cancel it */
  GCancellable         *caller_cancellable;
  gulong                caller_handler;
  GSource              *timer;
  gboolean              timed_out;
  guint                 timeout_s;
  gsize                 max_size;
  char                 *etag;
  char                 *last_modified;
  char                 *content_hash;
  gboolean              permanent_so_far;
  guint                 hops;
  GByteArray           *body;
  GChecksum            *checksum;
  ChronicleFetchResult *result;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  if (fetch->caller_cancellable != NULL)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->caller_handler);
  g_clear_object (&fetch->caller_cancellable);
  if (fetch->timer != NULL)
    g_source_destroy (fetch->timer);
  g_clear_pointer (&fetch->timer, g_source_unref);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->cancellable);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch->content_hash);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->checksum, g_checksum_free);
  chronicle_fetch_result_free (fetch->result);
  g_free (fetch);
}

static void
return_result (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&fetch->result), (GDestroyNotify) chronicle_fetch_result_free);
  g_object_unref (task);
}

/* Ends @task as failed with @error, taken. */
static void
return_error (GTask  *task,
              GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "%s: no complete answer within %u seconds", fetch->result->url, fetch->timeout_s);
    }

  /* Every error names the address that failed (after redirects, the
   * last): GIO's and libsoup's ("Socket I/O timed out") do not. */
  if (fetch->result->url != NULL && !g_str_has_prefix (error->message, fetch->result->url))
    g_prefix_error (&error, "%s: ", fetch->result->url);

  fetch->result->outcome = CHRONICLE_FETCH_FAILED;
  g_clear_pointer (&fetch->result->body, g_bytes_unref);
  fetch->result->error = error;
  return_result (task);
}

static gboolean
timed_out_cb (gpointer data)
{
  Fetch *fetch = data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  g_clear_pointer (&fetch->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* Until when the answer stays fresh: max-age, else Expires counted from
 * the server's own Date so that a wrong clock on either side does not
 * matter. */
static gint64
fresh_until (SoupMessageHeaders *headers,
             gint64              now)
{
  const char *cache_control = soup_message_headers_get_list (headers, "Cache-Control");
  gint64 expires, date;

  if (cache_control != NULL)
    {
      g_autoptr(GHashTable) params = soup_header_parse_param_list (cache_control);
      const char *max_age = NULL;
      guint64 seconds;

      if (g_hash_table_contains (params, "no-store") || g_hash_table_contains (params, "no-cache"))
        return 0;
      if (g_hash_table_lookup_extended (params, "max-age", NULL, (gpointer *) &max_age) &&
          max_age != NULL && g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXINT32, &seconds, NULL))
        return now + (gint64) seconds;
    }

  expires = http_date_to_unix (soup_message_headers_get_one (headers, "Expires"));
  if (expires == 0)
    return 0;
  date = http_date_to_unix (soup_message_headers_get_one (headers, "Date"));
  return date != 0 ? now + MAX (expires - date, 0) : MAX (expires, now);
}

static void start_hop (GTask *task);

/* What a server says of itself (a reason phrase, a type), fit to be
 * shown: valid UTF-8, no control characters (a terminal would obey an
 * escape), not too long. */
static char *
printable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && out->len < 200; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The server closed the connection before the whole body came: its
 * Content-Length counts what is sent, encoded. */
static gboolean
cut_short (Fetch   *fetch,
           GError **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  SoupMessageMetrics *metrics = soup_message_get_metrics (fetch->message);
  goffset expected;
  guint64 received;

  if (metrics == NULL || soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return FALSE;
  expected = soup_message_headers_get_content_length (headers);
  received = soup_message_metrics_get_response_body_bytes_received (metrics);
  if (expected <= 0 || received >= (guint64) expected)
    return FALSE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
               "%s: the server closed the connection after %" G_GUINT64_FORMAT " of the %" G_GINT64_FORMAT
               " bytes it announced", fetch->result->url, received, (gint64) expected);
  return TRUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      data)
{
  GTask *task = data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size > 0)
    {
      if (fetch->body->len + size > fetch->max_size)
        {
          /* Stop the transfer: the rest is not wanted. */
          g_cancellable_cancel (fetch->cancellable);
          return_error (task, g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE,
                                           "%s: the answer is larger than %" G_GSIZE_FORMAT " bytes",
                                           fetch->result->url, fetch->max_size));
          return;
        }

      g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), size);
      g_checksum_update (fetch->checksum, g_bytes_get_data (chunk, NULL), size);
      g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       fetch->cancellable, read_cb, task);
      return;
    }

  if (cut_short (fetch, &error))
    {
      return_error (task, error);
      return;
    }

  fetch->result->content_hash = g_strdup (g_checksum_get_string (fetch->checksum));
  if (g_strcmp0 (fetch->result->content_hash, fetch->content_hash) == 0)
    fetch->result->outcome = CHRONICLE_FETCH_UNCHANGED;
  else
    {
      fetch->result->outcome = CHRONICLE_FETCH_CONTENT;
      fetch->result->body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
    }
  return_result (task);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* Follows the redirect @fetch's message answered, or fails. */
static void
follow (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  guint status = soup_message_get_status (fetch->message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->message), "Location");
  g_autofree char *target = NULL;

  if (++fetch->hops > CHRONICLE_FETCH_MAX_REDIRECTS)
    {
      return_error (task, g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS,
                                       "%s: more than %u redirects", fetch->result->url,
                                       CHRONICLE_FETCH_MAX_REDIRECTS));
      return;
    }

  if (location == NULL)
    {
      return_error (task, g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS,
                                       "%s: redirected (HTTP %u) without saying where to", fetch->result->url,
                                       status));
      return;
    }

  target = g_uri_resolve_relative (fetch->result->url, location, G_URI_FLAGS_NONE, NULL);
  if (target == NULL || !chronicle_uri_is_web (target))
    {
      g_autofree char *shown = printable (location);

      return_error (task, g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS,
                                       "%s: redirected (HTTP %u) to “%s”, which is not a web address",
                                       fetch->result->url, status, shown));
      return;
    }

  /* Only an unbroken chain of permanent moves moves the subscription. */
  fetch->permanent_so_far = fetch->permanent_so_far &&
                            (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_PERMANENT_REDIRECT);
  if (fetch->permanent_so_far)
    g_set_str (&fetch->result->permanent_url, target);

  g_set_str (&fetch->result->url, target);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->message);
  start_hop (task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      data)
{
  GTask *task = data;
  Fetch *fetch = g_task_get_task_data (task);
  ChronicleFetchResult *result = fetch->result;
  SoupMessageHeaders *headers;
  GError *error = NULL;
  gint64 now;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (fetch->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  result->status = soup_message_get_status (fetch->message);
  headers = soup_message_get_response_headers (fetch->message);
  now = g_get_real_time () / G_USEC_PER_SEC;

  if (is_redirect (result->status))
    {
      follow (task);
      return;
    }

  if (result->status == SOUP_STATUS_NOT_MODIFIED || SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      const char *etag = soup_message_headers_get_one (headers, "ETag");
      const char *last_modified = soup_message_headers_get_one (headers, "Last-Modified");

      /* A 304 may leave out validators that still hold; a 200 replaces
       * both, as they describe the same answer. */
      if (result->status == SOUP_STATUS_NOT_MODIFIED)
        {
          result->etag = g_strdup (etag != NULL ? etag : fetch->etag);
          result->last_modified = g_strdup (last_modified != NULL ? last_modified : fetch->last_modified);
        }
      else
        {
          result->etag = g_strdup (etag);
          result->last_modified = g_strdup (last_modified);
        }
      result->fresh_until = fresh_until (headers, now);
    }

  if (result->status == SOUP_STATUS_NOT_MODIFIED)
    {
      result->outcome = CHRONICLE_FETCH_NOT_MODIFIED;
      return_result (task);
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      result->content_type = printable (soup_message_headers_get_content_type (headers, NULL));
      fetch->body = g_byte_array_new ();
      fetch->checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       fetch->cancellable, read_cb, task);
    }
  else if (result->status == SOUP_STATUS_GONE)
    {
      result->outcome = CHRONICLE_FETCH_GONE;
      return_result (task);
    }
  else if (result->status == STATUS_TOO_MANY_REQUESTS || result->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      result->outcome = CHRONICLE_FETCH_RETRY_LATER;
      result->retry_after = chronicle_fetch_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), now);
      return_result (task);
    }
  else
    {
      g_autofree char *phrase = printable (soup_message_get_reason_phrase (fetch->message));

      return_error (task, g_error_new (CHRONICLE_HTTP_ERROR, (int) result->status, "%s: HTTP %u %s", result->url,
                                       result->status, phrase != NULL ? phrase : ""));
    }
}

static void
start_hop (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  fetch->message = soup_message_new (SOUP_METHOD_GET, fetch->result->url);
  if (fetch->message == NULL)
    {
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                       "“%s” is not a web address", fetch->result->url));
      return;
    }

  /* The metrics tell what came on the wire: see cut_short(). */
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_replace (headers, "Accept", ACCEPT);
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);

  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT, fetch->cancellable, sent_cb, task);
}

/**
 * chronicle_fetch_async:
 * @session: the session from chronicle_fetch_session_new()
 * @request: what to fetch and what is known of it; copied
 * @cancellable: (nullable): cancels the fetch, which then fails with
 *   %G_IO_ERROR_CANCELLED
 *
 * Fetches a feed on the thread-default main context, without blocking
 * it.  Redirects are followed (at most %CHRONICLE_FETCH_MAX_REDIRECTS, to
 * http and https only), the body is read up to @request's limit, and the
 * whole fetch ends after @request's time limit.
 */
void
chronicle_fetch_async (SoupSession                 *session,
                       const ChronicleFetchRequest *request,
                       GCancellable                *cancellable,
                       GAsyncReadyCallback          callback,
                       gpointer                     user_data)
{
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (request != NULL && request->url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The result tells a failure, cancellation included. */
  task = g_task_new (session, NULL, callback, user_data);
  g_task_set_source_tag (task, chronicle_fetch_async);

  fetch = g_new0 (Fetch, 1);
  fetch->session = g_object_ref (session);
  fetch->cancellable = g_cancellable_new ();
  fetch->timeout_s = request->timeout_s > 0 ? request->timeout_s : CHRONICLE_FETCH_TIMEOUT_S;
  fetch->max_size = request->max_size > 0 ? request->max_size : CHRONICLE_FETCH_MAX_SIZE;
  fetch->etag = g_strdup (request->etag);
  fetch->last_modified = g_strdup (request->last_modified);
  fetch->content_hash = g_strdup (request->content_hash);
  fetch->permanent_so_far = TRUE;
  fetch->result = g_new0 (ChronicleFetchResult, 1);
  fetch->result->url = g_strdup (request->url);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (fetch->cancellable), g_object_unref);
    }

  fetch->timer = g_timeout_source_new (fetch->timeout_s * 1000);
  g_source_set_callback (fetch->timer, timed_out_cb, fetch, NULL);
  g_source_set_static_name (fetch->timer, "[chronicle] fetch time limit");
  g_source_attach (fetch->timer, g_main_context_get_thread_default ());

  if (!chronicle_uri_is_web (request->url))
    {
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                       "“%s” is not a web address", request->url));
      return;
    }

  start_hop (task);
}

/**
 * chronicle_fetch_finish:
 *
 * Returns: (transfer full): what came of the fetch; never %NULL, a
 *   failure is told by its outcome and error
 */
ChronicleFetchResult *
chronicle_fetch_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chronicle_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/**
 * chronicle_fetch_result_dup_error:
 *
 * Returns: (transfer full): the error a fetch that gave nothing to read
 *   comes to
 */
GError *
chronicle_fetch_result_dup_error (const ChronicleFetchResult *result)
{
  if (result->error != NULL)
    return g_error_copy (result->error);

  switch (result->outcome)
    {
    case CHRONICLE_FETCH_GONE:
      return g_error_new (CHRONICLE_HTTP_ERROR, (int) result->status, "%s: HTTP %u: the feed is gone for good",
                          result->url, result->status);
    case CHRONICLE_FETCH_RETRY_LATER:
      return g_error_new (CHRONICLE_HTTP_ERROR, (int) result->status, "%s: HTTP %u: the server asks to come back later",
                          result->url, result->status);
    case CHRONICLE_FETCH_CONTENT:
    case CHRONICLE_FETCH_NOT_MODIFIED:
    case CHRONICLE_FETCH_UNCHANGED:
    case CHRONICLE_FETCH_FAILED:
    default:
      return g_error_new (CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED, "%s: nothing to read", result->url);
    }
}

static void
fetched_sync_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * chronicle_fetch_sync:
 * @url: an http or https address
 * @final_url: (out) (optional): where it was read from, after redirects
 *
 * Fetches @url as a feed is fetched, with a session and a main context of
 * its own, for the command line.
 *
 * Returns: (transfer full): what the server sent, or %NULL with @error
 *   set
 */
GBytes *
chronicle_fetch_sync (const char  *url,
                      char       **final_url,
                      GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChronicleFetchResult) fetched = NULL;
  SoupSession *session;

  g_return_val_if_fail (url != NULL, NULL);

  g_main_context_push_thread_default (context);
  session = chronicle_fetch_session_new ();
  chronicle_fetch_async (session, &(ChronicleFetchRequest) { .url = url }, NULL, fetched_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  fetched = chronicle_fetch_finish (result);
  g_clear_object (&result);
  g_object_unref (session);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (fetched->outcome != CHRONICLE_FETCH_CONTENT || fetched->body == NULL)
    {
      g_propagate_error (error, chronicle_fetch_result_dup_error (fetched));
      return NULL;
    }
  if (final_url != NULL)
    *final_url = g_strdup (fetched->url);
  return g_bytes_ref (fetched->body);
}
