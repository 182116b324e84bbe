/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fetching feeds from a web server the test starts on 127.0.0.1: what
 * Chronicle sends, and what it makes of each kind of answer, of servers
 * that are slow, endless, wrong or hostile among them. */

#include "config.h"

#include <string.h>

#include "chronicle-error.h"
#include "chronicle-fetch.h"
#include "chronicle-refresh-schedule.h"
#include "chronicle-test-wait.h"
#include "chronicle-test-web.h"

#define FEED "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": []}"
#define ETAG "\"v1\""
#define LAST_MODIFIED "Tue, 06 Aug 2024 10:00:00 GMT"

typedef struct
{
  SoupServer  *server;
  char        *base;          /* "http://127.0.0.1:PORT" */
  SoupSession *session;

  /* What the server saw. */
  guint        requests;
  char        *if_none_match;
  char        *if_modified_since;
  char        *user_agent;
  char        *accept;
  guint        in_flight;
  guint        max_in_flight;
  guint        chunks_written;
  GPtrArray   *paused;
  const char  *body;          /* what /feed serves */
} Fixture;

static void
remember (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
feed_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fixture *fixture = data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  fixture->requests++;
  remember (&fixture->if_none_match, soup_message_headers_get_one (request, "If-None-Match"));
  remember (&fixture->if_modified_since, soup_message_headers_get_one (request, "If-Modified-Since"));
  remember (&fixture->user_agent, soup_message_headers_get_one (request, "User-Agent"));
  remember (&fixture->accept, soup_message_headers_get_one (request, "Accept"));

  if (g_strcmp0 (path, "/validated") == 0)
    {
      if (g_strcmp0 (fixture->if_none_match, ETAG) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", ETAG);
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
    }
  else if (g_strcmp0 (path, "/fresh") == 0)
    soup_message_headers_replace (response, "Cache-Control", "public, max-age=3600");
  else if (g_strcmp0 (path, "/no-cache") == 0)
    soup_message_headers_replace (response, "Cache-Control", "no-cache, max-age=3600");
  else if (g_strcmp0 (path, "/expires") == 0)
    {
      /* An hour after the server's own clock, which is a day off. */
      soup_message_headers_replace (response, "Date", "Tue, 06 Aug 2024 10:00:00 GMT");
      soup_message_headers_replace (response, "Expires", "Tue, 06 Aug 2024 11:00:00 GMT");
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/feed+json; charset=utf-8", SOUP_MEMORY_COPY,
                                    fixture->body, strlen (fixture->body));
}

/* /status/N answers N; /status/N?v=VALUE sends VALUE as Location (for a
 * redirect) or Retry-After. */
static void
status_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  Fixture *fixture = data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  guint status = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10);
  const char *value = query != NULL ? g_hash_table_lookup (query, "v") : NULL;

  fixture->requests++;
  soup_server_message_set_status (msg, status, NULL);
  if (value != NULL)
    soup_message_headers_replace (response, status >= 300 && status < 400 ? "Location" : "Retry-After", value);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "answer", 6);
}

static void
loop_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fixture *fixture = data;

  fixture->requests++;
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
}

static void
gzip_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fixture *fixture = data;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autofree char *zeros = NULL;
  gsize size;

  fixture->requests++;
  if (g_strcmp0 (path, "/gzip/bomb") == 0)
    {
      /* 100 MB of zeros, about 100 KB on the wire. */
      size = 1024 * 1024;
      zeros = g_malloc0 (size);
      for (guint i = 0; i < 100; i++)
        g_assert_true (g_output_stream_write_all (out, zeros, size, NULL, NULL, NULL));
    }
  else
    g_assert_true (g_output_stream_write_all (out, fixture->body, strlen (fixture->body), NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_COPY,
                                    g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
}

/* A body without end, 1 MB a chunk, until 200 MB: the server stops on its
 * own even if the client does not. */
#define ENDLESS_CHUNK (1024 * 1024)
#define ENDLESS_MAX_CHUNKS 200

static void
wrote_chunk_cb (SoupServerMessage *msg,
                gpointer           data)
{
  Fixture *fixture = data;
  static char chunk[ENDLESS_CHUNK];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (++fixture->chunks_written < ENDLESS_MAX_CHUNKS)
    soup_message_body_append (body, SOUP_MEMORY_STATIC, memset (chunk, ' ', sizeof chunk), sizeof chunk);
  else
    soup_message_body_complete (body);
}

static void
endless_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  Fixture *fixture = data;
  static const char start[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"";

  fixture->requests++;
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), fixture);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, start, strlen (start));
}

/* Answers after a while: /slow never, /busy after 20 ms. */
static gboolean
answer_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_STATIC, FEED, strlen (FEED));
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           data)
{
  Fixture *fixture = data;

  fixture->in_flight--;
}

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fixture *fixture = data;

  fixture->requests++;
  fixture->in_flight++;
  fixture->max_in_flight = MAX (fixture->max_in_flight, fixture->in_flight);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), fixture);
  soup_server_message_pause (msg);
  g_ptr_array_add (fixture->paused, g_object_ref (msg));
  if (g_strcmp0 (path, "/busy") == 0)
    g_timeout_add (20, answer_cb, msg);
}

static SoupServer *
start_server (Fixture         *fixture,
              GTlsCertificate *certificate,
              char           **base)
{
  SoupServer *server;

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/", feed_handler, fixture, NULL);
  soup_server_add_handler (server, "/status", status_handler, fixture, NULL);
  soup_server_add_handler (server, "/loop", loop_handler, fixture, NULL);
  soup_server_add_handler (server, "/gzip", gzip_handler, fixture, NULL);
  soup_server_add_handler (server, "/endless", endless_handler, fixture, NULL);
  soup_server_add_handler (server, "/slow", slow_handler, fixture, NULL);
  soup_server_add_handler (server, "/busy", slow_handler, fixture, NULL);

  *base = chronicle_test_web_listen (server, certificate != NULL);
  return server;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->body = FEED;
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = start_server (fixture, NULL, &fixture->base);
  fixture->session = chronicle_fetch_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_unref (fixture->session);
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_ptr_array_unref (fixture->paused);
  g_free (fixture->base);
  g_free (fixture->if_none_match);
  g_free (fixture->if_modified_since);
  g_free (fixture->user_agent);
  g_free (fixture->accept);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      data)
{
  ChronicleFetchResult **result = data;

  *result = chronicle_fetch_finish (res);
  g_assert_nonnull (*result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Fetches @request (its url relative to the server) and waits. */
static ChronicleFetchResult *
fetch_with (Fixture                     *fixture,
            const ChronicleFetchRequest *request,
            GCancellable                *cancellable)
{
  ChronicleFetchRequest copy = *request;
  g_autofree char *url = g_str_has_prefix (request->url, "/") ? g_strconcat (fixture->base, request->url, NULL)
                                                             : g_strdup (request->url);
  ChronicleFetchResult *result = NULL;

  copy.url = url;
  chronicle_fetch_async (fixture->session, &copy, cancellable, fetched_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  return result;
}

static ChronicleFetchResult *
fetch (Fixture    *fixture,
       const char *path)
{
  return fetch_with (fixture, &(ChronicleFetchRequest) { .url = path }, NULL);
}

static void
test_conditional (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) first = fetch (fixture, "/validated");
  g_autoptr(ChronicleFetchResult) second = NULL;
  g_autofree char *url = g_strconcat (fixture->base, "/validated", NULL);

  g_assert_cmpint (first->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first->url, ==, url);
  g_assert_null (first->permanent_url);
  g_assert_cmpstr (first->etag, ==, ETAG);
  g_assert_cmpstr (first->last_modified, ==, LAST_MODIFIED);
  g_assert_cmpstr (first->content_type, ==, "application/feed+json");
  g_assert_cmpmem (g_bytes_get_data (first->body, NULL), g_bytes_get_size (first->body), FEED, strlen (FEED));
  g_assert_nonnull (first->content_hash);

  /* Chronicle says who it is, and that it wants feeds. */
  g_assert_true (g_str_has_prefix (fixture->user_agent, "Chronicle/" PACKAGE_VERSION " (+https://"));
  g_assert_true (g_str_has_prefix (fixture->accept, "application/feed+json, application/atom+xml, application/rss+xml"));
  g_assert_null (fixture->if_none_match);
  g_assert_null (fixture->if_modified_since);

  /* Both validators go back; the 304 has no body to read. */
  second = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/validated", .etag = first->etag,
                                                           .last_modified = first->last_modified }, NULL);
  g_assert_cmpstr (fixture->if_none_match, ==, ETAG);
  g_assert_cmpstr (fixture->if_modified_since, ==, LAST_MODIFIED);
  g_assert_cmpint (second->outcome, ==, CHRONICLE_FETCH_NOT_MODIFIED);
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_null (second->body);
  g_assert_null (second->error);
  g_assert_cmpstr (second->etag, ==, ETAG);
  g_assert_cmpstr (second->last_modified, ==, LAST_MODIFIED);
}

static void
test_unchanged_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) first = fetch (fixture, "/plain");
  g_autoptr(ChronicleFetchResult) same = NULL;
  g_autoptr(ChronicleFetchResult) changed = NULL;

  g_assert_cmpint (first->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_null (first->etag);

  same = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/plain", .content_hash = first->content_hash }, NULL);
  g_assert_cmpint (same->outcome, ==, CHRONICLE_FETCH_UNCHANGED);
  g_assert_null (same->body);
  g_assert_cmpstr (same->content_hash, ==, first->content_hash);

  fixture->body = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"New\", \"items\": []}";
  changed = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/plain", .content_hash = first->content_hash }, NULL);
  g_assert_cmpint (changed->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_cmpstr (changed->content_hash, !=, first->content_hash);
  g_assert_cmpuint (g_bytes_get_size (changed->body), ==, strlen (fixture->body));
}

static void
test_freshness (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(ChronicleFetchResult) fresh = fetch (fixture, "/fresh");
  g_autoptr(ChronicleFetchResult) no_cache = fetch (fixture, "/no-cache");
  g_autoptr(ChronicleFetchResult) expires = fetch (fixture, "/expires");
  g_autoptr(ChronicleFetchResult) plain = fetch (fixture, "/plain");

  g_assert_cmpint (fresh->fresh_until, >=, now + 3600);
  g_assert_cmpint (fresh->fresh_until, <=, now + 3600 + 5);
  g_assert_cmpint (no_cache->fresh_until, ==, 0);
  /* Expires counts from the server's Date, not from our clock. */
  g_assert_cmpint (expires->fresh_until, >=, now + 3600);
  g_assert_cmpint (expires->fresh_until, <=, now + 3600 + 5);
  g_assert_cmpint (plain->fresh_until, ==, 0);
}

static char *
status_path (guint       status,
             const char *value)
{
  g_autofree char *escaped = value != NULL ? g_uri_escape_string (value, NULL, FALSE) : NULL;

  return escaped != NULL ? g_strdup_printf ("/status/%u?v=%s", status, escaped) : g_strdup_printf ("/status/%u", status);
}

static ChronicleFetchResult *
fetch_redirect (Fixture    *fixture,
                guint       status,
                const char *location)
{
  g_autofree char *path = status_path (status, location);

  return fetch (fixture, path);
}

static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (fixture->base, "/moved", NULL);
  guint permanent[] = { 301, 308 };
  guint temporary[] = { 302, 303, 307 };

  for (guint i = 0; i < G_N_ELEMENTS (permanent); i++)
    {
      g_autoptr(ChronicleFetchResult) result = fetch_redirect (fixture, permanent[i], "/moved");

      g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_CONTENT);
      g_assert_cmpuint (result->status, ==, 200);
      g_assert_cmpstr (result->url, ==, moved);
      g_assert_cmpstr (result->permanent_url, ==, moved);
    }

  for (guint i = 0; i < G_N_ELEMENTS (temporary); i++)
    {
      /* Relative to the address that redirected, /status/N. */
      g_autoptr(ChronicleFetchResult) result = fetch_redirect (fixture, temporary[i], "../moved");

      g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_CONTENT);
      g_assert_cmpstr (result->url, ==, moved);
      g_assert_null (result->permanent_url);
    }

  /* 301 to a 302: the subscription moves to where the 301 pointed. */
  {
    g_autofree char *second = status_path (302, "/moved");
    g_autofree char *second_url = g_strconcat (fixture->base, second, NULL);
    g_autoptr(ChronicleFetchResult) result = fetch_redirect (fixture, 301, second);

    g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_CONTENT);
    g_assert_cmpstr (result->url, ==, moved);
    g_assert_cmpstr (result->permanent_url, ==, second_url);
  }
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) loop = fetch (fixture, "/loop");
  g_autoptr(ChronicleFetchResult) elsewhere = NULL;

  g_assert_cmpint (loop->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (loop->error, CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS);
  /* The first request and ten redirects, no more. */
  g_assert_cmpuint (fixture->requests, ==, 1 + CHRONICLE_FETCH_MAX_REDIRECTS);

  /* Never to anything but the web. */
  fixture->requests = 0;
  elsewhere = fetch_redirect (fixture, 301, "file:///etc/passwd");
  g_assert_cmpint (elsewhere->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (elsewhere->error, CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS);
  g_assert_nonnull (strstr (elsewhere->error->message, "file:///etc/passwd"));
  g_assert_null (elsewhere->permanent_url);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_statuses (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) gone = fetch_redirect (fixture, 410, NULL);
  g_autoptr(ChronicleFetchResult) missing = fetch_redirect (fixture, 404, NULL);
  g_autoptr(ChronicleFetchResult) broken = fetch_redirect (fixture, 500, NULL);
  g_autoptr(ChronicleFetchResult) no_web = fetch (fixture, "file:///etc/passwd");

  g_assert_cmpint (gone->outcome, ==, CHRONICLE_FETCH_GONE);
  g_assert_cmpuint (gone->status, ==, 410);
  g_assert_null (gone->body);

  g_assert_cmpint (missing->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_error (missing->error, CHRONICLE_HTTP_ERROR, 404);
  g_assert_nonnull (strstr (missing->error->message, "404 Not Found"));
  g_assert_nonnull (strstr (missing->error->message, fixture->base));
  g_assert_null (missing->body);

  g_assert_cmpint (broken->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_cmpuint (broken->status, ==, 500);
  g_assert_error (broken->error, CHRONICLE_HTTP_ERROR, 500);

  g_assert_cmpint (no_web->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (no_web->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (fixture->requests, ==, 3);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(ChronicleFetchResult) seconds = fetch_redirect (fixture, 429, "120");
  g_autoptr(ChronicleFetchResult) date = fetch_redirect (fixture, 503, "Wed, 21 Oct 2099 07:28:00 GMT");
  g_autoptr(ChronicleFetchResult) unsaid = fetch_redirect (fixture, 429, NULL);
  g_autoptr(GDateTime) then = g_date_time_new_utc (2099, 10, 21, 7, 28, 0);

  g_assert_cmpint (seconds->outcome, ==, CHRONICLE_FETCH_RETRY_LATER);
  g_assert_cmpuint (seconds->status, ==, 429);
  g_assert_cmpint (seconds->retry_after, >=, now + 120);
  g_assert_cmpint (seconds->retry_after, <=, now + 125);

  g_assert_cmpint (date->outcome, ==, CHRONICLE_FETCH_RETRY_LATER);
  g_assert_cmpint (date->retry_after, ==, g_date_time_to_unix (then));

  g_assert_cmpint (unsaid->outcome, ==, CHRONICLE_FETCH_RETRY_LATER);
  g_assert_cmpint (unsaid->retry_after, ==, 0);
}

static void
test_parse_retry_after (void)
{
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("120", 1000), ==, 1120);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("  0 ", 1000), ==, 1000);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("Thu, 01 Jan 1970 00:30:00 GMT", 1000), ==, 1800);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("Thursday, 01-Jan-70 00:30:00 GMT", 1000), ==, 1800);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("99999999999999999999999", 1000), ==, G_MAXINT64);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("120 seconds", 1000), ==, 0);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("-5", 1000), ==, 0);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("soon", 1000), ==, 0);
  g_assert_cmpint (chronicle_fetch_parse_retry_after ("", 1000), ==, 0);
  g_assert_cmpint (chronicle_fetch_parse_retry_after (NULL, 1000), ==, 0);
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) plain = fetch (fixture, "/gzip/feed");
  g_autoptr(ChronicleFetchResult) bomb = fetch (fixture, "/gzip/bomb");

  g_assert_cmpint (plain->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_cmpmem (g_bytes_get_data (plain->body, NULL), g_bytes_get_size (plain->body), FEED, strlen (FEED));

  /* 100 MB once decoded: cut at the limit. */
  g_assert_cmpint (bomb->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (bomb->error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE);
  g_assert_null (bomb->body);
}

static void
test_endless (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) result = fetch (fixture, "/endless");

  g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (result->error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (result->error->message, fixture->base));
  g_assert_null (result->body);
  /* Cut at 50 MB: the server did not get to write much more. */
  g_assert_cmpuint (fixture->chunks_written, <, 60);
}

static void
test_small_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ChronicleFetchResult) over = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/plain",
                                                                                         .max_size = strlen (FEED) - 1 }, NULL);
  g_autoptr(ChronicleFetchResult) at = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/plain",
                                                                                       .max_size = strlen (FEED) }, NULL);

  g_assert_error (over->error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE);
  g_assert_cmpint (at->outcome, ==, CHRONICLE_FETCH_CONTENT);
}

static void
test_slow (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ChronicleFetchResult) result = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/slow", .timeout_s = 1 }, NULL);
  double elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (result->error->message, "/slow"));
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 10);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(ChronicleFetchResult) result = NULL;
  g_autoptr(ChronicleFetchResult) never = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  result = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/slow" }, cancellable);
  g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_cancellable_cancel (before);
  never = fetch_with (fixture, &(ChronicleFetchRequest) { .url = "/plain" }, before);
  g_assert_error (never->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  guint                 done;
  GPtrArray            *results;
} Many;

static void
many_fetched_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      data)
{
  Many *many = data;

  g_ptr_array_add (many->results, chronicle_fetch_finish (res));
  many->done++;
}

static gboolean
all_done (gpointer data)
{
  Many *many = data;

  return many->done == 100;
}

static void
test_connections_per_host (Fixture       *fixture,
                           gconstpointer  data)
{
  Many many = { 0, g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_fetch_result_free) };

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/busy?feed=%u", fixture->base, i);

      chronicle_fetch_async (fixture->session, &(ChronicleFetchRequest) { .url = url }, NULL, many_fetched_cb, &many);
    }
  g_assert_true (chronicle_test_wait_until (all_done, &many, 60000));

  for (guint i = 0; i < many.results->len; i++)
    g_assert_cmpint (((ChronicleFetchResult *) g_ptr_array_index (many.results, i))->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_cmpuint (fixture->requests, ==, 100);
  /* In parallel, but never more than two at once to one host. */
  g_assert_cmpuint (fixture->max_in_flight, ==, 2);
  g_ptr_array_unref (many.results);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
test_tls_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tls", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  Fixture fixture = { .body = FEED };
  g_autoptr(ChronicleFetchResult) result = NULL;

  g_assert_no_error (error);
  fixture.paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture.server = start_server (&fixture, certificate, &fixture.base);
  fixture.session = chronicle_fetch_session_new ();

  /* A certificate no authority signed is an error, never ignored. */
  result = fetch (&fixture, "/plain");
  g_assert_cmpint (result->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (result->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (fixture.requests, ==, 0);

  /* The server's side of the failed handshake ends before it goes. */
  chronicle_test_wait_until (never, NULL, 200);
  fixture_tear_down (&fixture, NULL);
}

static void
test_schedule (void)
{
  const gint64 now = 1722938400;   /* 2024-08-06 10:00 UTC */
  const gint64 hour = 3600;
  ChronicleRefreshTimes times = { .now = now, .interval = hour };

  /* The reader's interval. */
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + hour);
  g_assert_cmpint (chronicle_refresh_not_before (&times), ==, 0);

  /* Never more often than every 15 minutes, whatever is set. */
  times.interval = 60;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 15 * 60);

  /* Manual: never on its own. */
  times.interval = 0;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, 0);
  times.interval = hour;

  /* The server's freshness and the feed's ttl push it later, up to a day;
   * they never bring it sooner. */
  times.fresh_until = now + 3 * hour;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 3 * hour);
  times.fresh_until = now + 30 * 24 * hour;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 24 * hour);
  times.fresh_until = now + 60;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + hour);
  times.fresh_until = 0;
  times.ttl = 2 * hour;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 2 * hour);
  times.ttl = 0;

  /* Failures double the wait, up to a day. */
  times.failures = 1;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + hour);
  times.failures = 2;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 2 * hour);
  times.failures = 4;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 8 * hour);
  times.failures = 6;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 24 * hour);
  times.failures = 1000;
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 24 * hour);
  times.failures = 0;

  /* Retry-After holds every fetch back, the reader's too, up to a week. */
  times.retry_after = now + 2 * hour;
  g_assert_cmpint (chronicle_refresh_not_before (&times), ==, now + 2 * hour);
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + 2 * hour);
  times.retry_after = now + 60;
  g_assert_cmpint (chronicle_refresh_not_before (&times), ==, now + 60);
  g_assert_cmpint (chronicle_refresh_next_fetch (&times), ==, now + hour);
  times.retry_after = G_MAXINT64;
  g_assert_cmpint (chronicle_refresh_not_before (&times), ==, now + 7 * 24 * hour);
  times.retry_after = now - 10;
  g_assert_cmpint (chronicle_refresh_not_before (&times), ==, 0);
}

/* A server that writes its answers by hand, as no well-behaved server
 * would: on a thread of the service's, one answer a connection. */
static gboolean
lying_answer_cb (GThreadedSocketService *service,
                 GSocketConnection      *connection,
                 GObject                *source,
                 gpointer                data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  char buffer[1024];
  gssize n;

  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (request, buffer, n);

  if (g_str_has_prefix (request->str, "GET /short "))
    {
      /* 1000 bytes announced, 59 sent, then the connection closed. */
      g_string_append (answer, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                               "Content-Length: 1000\r\nConnection: close\r\n\r\n");
      g_string_append (answer, "<rss version=\"2.0\"><channel><title>Cut</title><item><title>");
    }
  else if (g_str_has_prefix (request->str, "GET /no-location "))
    g_string_append (answer, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  else if (g_str_has_prefix (request->str, "GET /to-closed "))
    {
      /* Port 1 of the loopback: nothing listens there. */
      g_string_append (answer, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/feed\r\n"
                               "Content-Length: 0\r\nConnection: close\r\n\r\n");
    }
  else
    {
      /* A reason phrase with a terminal's escape and a byte that is not
       * UTF-8, and a type as bad. */
      g_string_append (answer, "HTTP/1.1 500 Bad \033[31mred\xff\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

  g_output_stream_write_all (out, answer->str, answer->len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_lying_server (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  g_autoptr(ChronicleFetchResult) short_answer = NULL;
  g_autoptr(ChronicleFetchResult) escape = NULL;
  g_autoptr(ChronicleFetchResult) nowhere = NULL;
  g_autoptr(ChronicleFetchResult) closed = NULL;

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (lying_answer_cb), NULL);
  g_socket_service_start (service);
  fixture.base = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  fixture.session = chronicle_fetch_session_new ();

  /* Cut short: an error that says so, not a feed of half the items. */
  short_answer = fetch (&fixture, "/short");
  g_assert_cmpint (short_answer->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (short_answer->error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_nonnull (strstr (short_answer->error->message, "after 59 of the 1000 bytes"));
  g_assert_null (short_answer->body);

  /* What the server says of itself is shown as text, never obeyed. */
  escape = fetch (&fixture, "/escape");
  g_assert_error (escape->error, CHRONICLE_HTTP_ERROR, 500);
  g_assert_true (g_utf8_validate (escape->error->message, -1, NULL));
  g_assert_null (strchr (escape->error->message, '\033'));
  g_assert_nonnull (strstr (escape->error->message, "red"));

  /* A redirect that names no place; one to where nothing answers: the
   * error names the address that failed. */
  nowhere = fetch (&fixture, "/no-location");
  g_assert_error (nowhere->error, CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS);
  g_assert_nonnull (strstr (nowhere->error->message, "without saying where"));
  closed = fetch (&fixture, "/to-closed");
  g_assert_cmpint (closed->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_true (g_str_has_prefix (closed->error->message, "http://127.0.0.1:1/feed: "));

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (fixture.session);
  g_free (fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fetch/conditional", test_conditional);
  ADD ("/fetch/unchanged-body", test_unchanged_body);
  ADD ("/fetch/freshness", test_freshness);
  ADD ("/fetch/redirects", test_redirects);
  ADD ("/fetch/redirect-loop", test_redirect_loop);
  ADD ("/fetch/statuses", test_statuses);
  ADD ("/fetch/retry-after", test_retry_after);
  ADD ("/fetch/gzip", test_gzip);
  ADD ("/fetch/endless", test_endless);
  ADD ("/fetch/small-limit", test_small_limit);
  ADD ("/fetch/slow", test_slow);
  ADD ("/fetch/cancel", test_cancel);
  ADD ("/fetch/connections-per-host", test_connections_per_host);
#undef ADD
  g_test_add_func ("/fetch/lying-server", test_lying_server);
  g_test_add_func ("/fetch/tls-failure", test_tls_failure);
  g_test_add_func ("/fetch/parse-retry-after", test_parse_retry_after);
  g_test_add_func ("/refresh/schedule", test_schedule);

  return g_test_run ();
}
