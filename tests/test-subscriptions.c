/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscribing and refreshing against a web server the test starts on
 * 127.0.0.1, with the store in a folder of the test's own. */

#include "config.h"

#include <string.h>

#include "chronicle-collection.h"
#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library-private.h"
#include "chronicle-search.h"
#include "chronicle-store-test.h"
#include "chronicle-subscriptions.h"
#include "chronicle-test-network.h"
#include "chronicle-test-wait.h"

typedef struct
{
  guint  status;
  char  *type;
  char  *body;
  char  *etag;         /* answered, and a 304 when sent back */
  char  *header;       /* "Name: value" added to the answer */
  guint  requests;
  char  *if_none_match;
} Route;

static void
route_free (Route *route)
{
  g_free (route->type);
  g_free (route->body);
  g_free (route->etag);
  g_free (route->header);
  g_free (route->if_none_match);
  g_free (route);
}

typedef struct
{
  ChronicleTestNetwork    net;
  GHashTable             *routes;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *fixture = data;
  Route *route = g_hash_table_lookup (fixture->routes, path);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "If-None-Match");

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  route->requests++;
  g_free (route->if_none_match);
  route->if_none_match = g_strdup (if_none_match);
  if (route->header != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (route->header, ": ", 2);

      soup_message_headers_replace (response, parts[0], parts[1]);
    }

  if (route->etag != NULL && g_strcmp0 (if_none_match, route->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  if (route->etag != NULL)
    soup_message_headers_replace (response, "ETag", route->etag);

  soup_server_message_set_status (msg, route->status, NULL);
  if (route->body != NULL)
    soup_server_message_set_response (msg, route->type, SOUP_MEMORY_COPY, route->body, strlen (route->body));
}

static Route *
serve (Fixture    *fixture,
       const char *path,
       guint       status,
       const char *type,
       const char *body)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->type = g_strdup (type);
  route->body = g_strdup (body);
  g_hash_table_replace (fixture->routes, g_strdup (path), route);
  return route;
}

static char *
json_feed (const char *title,
           guint       first,
           guint       n)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"%s\", \"items\": [",
                          title);
  for (guint i = first; i < first + n; i++)
    g_string_append_printf (out, "%s{\"id\": \"%s-%u\", \"url\": \"posts/%u.html\", \"title\": \"Article %u\", "
                            "\"content_html\": \"<p>Body %u</p>\", \"date_published\": \"2024-08-0%uT10:00:00Z\"}",
                            i > first ? ", " : "", title, i, i, i, i, 1 + i % 9);
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

#define RSS \
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site RSS</title><link>https://example.org/</link>" \
  "<item><guid>r1</guid><title>One</title><description>First</description></item>" \
  "<item><guid>r2</guid><title>Two</title><description>Second</description></item></channel></rss>"

#define ATOM \
  "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Site Atom</title><id>urn:a</id>" \
  "<updated>2024-08-06T10:00:00Z</updated><entry><id>a1</id><title>One</title>" \
  "<updated>2024-08-06T10:00:00Z</updated></entry></feed>"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  chronicle_test_network_start (&fixture->net, handler, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  chronicle_test_network_stop (&fixture->net);
  g_hash_table_unref (fixture->routes);
}

static char *
url_of (Fixture    *fixture,
        const char *path)
{
  return g_strconcat (fixture->net.base, path, NULL);
}

static void
got_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static ChronicleRefreshReport *
subscribe_with (Fixture                 *fixture,
                const char              *path,
                ChronicleSubscribeFlags  flags,
                GError                 **error)
{
  g_autofree char *url = path[0] == '/' ? url_of (fixture, path) : g_strdup (path);
  g_autoptr(GAsyncResult) result = NULL;

  chronicle_subscriptions_subscribe_async (fixture->net.subscriptions, url, flags, NULL, got_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  return chronicle_subscriptions_subscribe_finish (fixture->net.subscriptions, result, error);
}

static ChronicleRefreshReport *
subscribe (Fixture     *fixture,
           const char  *path,
           GError     **error)
{
  return subscribe_with (fixture, path, CHRONICLE_SUBSCRIBE_FIRST, error);
}

static GPtrArray *
refresh (Fixture  *fixture,
         gboolean  only_due)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *reports;

  chronicle_subscriptions_refresh_async (fixture->net.subscriptions, only_due, NULL, got_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  reports = chronicle_subscriptions_refresh_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_subscriptions_get_n_to_refresh (fixture->net.subscriptions), ==, 0);
  return reports;
}

/* The web sources as the store has them. */
static GPtrArray *
read_web_sources (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  GPtrArray *sources;

  chronicle_test_store_barrier (fixture->net.store);
  db = chronicle_store_acquire_reader (fixture->net.store, &error);
  g_assert_no_error (error);
  sources = chronicle_store_read_web_sources (db, &error);
  g_assert_no_error (error);
  chronicle_store_release_reader (fixture->net.store, db);
  return sources;
}

static ChronicleStoredSource *
find_source (GPtrArray  *sources,
             const char *key)
{
  for (guint i = 0; i < sources->len; i++)
    if (g_str_equal (((ChronicleStoredSource *) g_ptr_array_index (sources, i))->key, key))
      return g_ptr_array_index (sources, i);
  g_assert_not_reached ();
}

/* The items of the source @key as the window would restore them. */
static ChronicleFeed *
read_items (Fixture    *fixture,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3 *db;

  chronicle_test_store_barrier (fixture->net.store);
  db = chronicle_store_acquire_reader (fixture->net.store, &error);
  g_assert_no_error (error);
  sources = chronicle_store_read_sources (&db, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  chronicle_store_release_reader (fixture->net.store, db);
  for (guint i = 0; i < sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (sources, i);

      if (g_str_equal (source->key, key))
        {
          g_assert_cmpint (source->kind, ==, CHRONICLE_SOURCE_WEB);
          return g_object_ref (source->feed);
        }
    }
  g_assert_not_reached ();
}

static gboolean
has_item (ChronicleFeed *feed,
          const char    *id)
{
  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    if (g_strcmp0 (chronicle_item_get_id (chronicle_feed_get_item (feed, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_normalize (void)
{
  static const char * const cases[][2] = {
    { "example.org", "https://example.org" },
    { "  https://example.org/feed.xml \n", "https://example.org/feed.xml" },
    { "feed://example.org/rss", "http://example.org/rss" },
    { "feed:https://example.org/atom", "https://example.org/atom" },
    { "FEED:http://example.org/a?b=c", "http://example.org/a?b=c" },
    { "HTTP://Example.org/", "http://example.org/" },
    { "ftp://example.org/feed", NULL },
    { "file:///etc/passwd", NULL },
    { "javascript:alert(1)", NULL },
    { "two words", NULL },
    { "", NULL },
    { "https://", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = chronicle_subscriptions_normalize_url (cases[i][0]);

      g_test_message ("“%s”", cases[i][0]);
      g_assert_cmpstr (url, ==, cases[i][1]);
    }
}

/* An RSS ttl longer than the interval puts the next fetch later. */
static void
test_subscribe_ttl (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char body[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Slow</title><link>http://127.0.0.1/</link>"
    "<description>d</description><ttl>180</ttl><item><title>One</title><guid>slow-1</guid></item></channel></rss>";
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleStoredSource *source;

  serve (fixture, "/slow.xml", 200, "application/rss+xml", body);
  report = subscribe (fixture, "/slow.xml", &error);
  g_assert_no_error (error);
  sources = read_web_sources (fixture);
  source = find_source (sources, report->key);
  g_assert_cmpint (source->fetch.next_fetch_at - source->fetch.fetched_at, ==, 180 * 60);
}

static void
test_subscribe_feed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *body = json_feed ("News", 0, 3);
  g_autofree char *url = url_of (fixture, "/news/feed.json");
  g_autofree char *post = url_of (fixture, "/news/posts/1.html");
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleStoredSource *source;
  Route *route = serve (fixture, "/news/feed.json", 200, "application/feed+json", body);

  route->etag = g_strdup ("\"1\"");
  report = subscribe (fixture, "/news/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->title, ==, "News");
  g_assert_cmpstr (report->url, ==, url);
  g_assert_cmpuint (report->n_items, ==, 3);
  g_assert_cmpuint (report->n_new, ==, 3);

  sources = read_web_sources (fixture);
  g_assert_cmpuint (sources->len, ==, 1);
  source = find_source (sources, report->key);
  g_assert_cmpstr (source->location, ==, url);
  g_assert_cmpstr (source->fetch.etag, ==, "\"1\"");
  g_assert_cmpuint (source->fetch.last_status, ==, 200);
  g_assert_cmpuint (source->fetch.failures, ==, 0);
  g_assert_cmpint (source->fetch.fetched_at, >, 0);
  /* The default interval: an hour. */
  g_assert_cmpint (source->fetch.next_fetch_at, ==, source->fetch.fetched_at + 3600);

  /* Its articles are stored, their links resolved against the feed's
   * address. */
  feed = read_items (fixture, report->key);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 3);
  g_assert_true (has_item (feed, "News-1"));
  {
    g_autoptr(GError) read_error = NULL;
    sqlite3 *db = chronicle_store_acquire_reader (fixture->net.store, &read_error);
    ChronicleItem *listed = chronicle_feed_get_item (feed, 1);
    g_autoptr(ChronicleItem) whole = chronicle_store_read_item (db, chronicle_item_get_store_id (listed), &read_error);

    g_assert_no_error (read_error);
    g_assert_cmpstr (chronicle_item_get_url (whole), ==, post);
    chronicle_store_release_reader (fixture->net.store, db);
  }
}

static void
test_subscribe_page (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *rss_url = url_of (fixture, "/rss.xml");
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Route *atom;
  Route *rss;

  serve (fixture, "/blog/", 200, "text/html; charset=utf-8",
         "<!DOCTYPE html><html><head><title>Blog</title>"
         "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/rss.xml\">"
         "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"../atom.xml\">"
         "</head><body>Hello</body></html>");
  rss = serve (fixture, "/rss.xml", 200, "application/rss+xml", RSS);
  atom = serve (fixture, "/atom.xml", 200, "application/atom+xml", ATOM);

  /* Asked to, it gives both feeds, with their titles and kinds, and
   * subscribes to neither. */
  {
    g_autoptr(ChronicleRefreshReport) choosing = subscribe_with (fixture, "/blog/", CHRONICLE_SUBSCRIBE_ASK, &error);
    g_autofree char *atom_url = url_of (fixture, "/atom.xml");
    const ChronicleFeedLink *first, *second;

    g_assert_no_error (error);
    g_assert_nonnull (choosing->choices);
    g_assert_null (choosing->key);
    g_assert_cmpuint (choosing->choices->len, ==, 2);
    first = g_ptr_array_index (choosing->choices, 0);
    second = g_ptr_array_index (choosing->choices, 1);
    g_assert_cmpstr (first->url, ==, rss_url);
    g_assert_cmpstr (first->title, ==, "RSS");
    g_assert_cmpint (first->kind, ==, CHRONICLE_FEED_KIND_RSS);
    g_assert_cmpstr (second->url, ==, atom_url);
    g_assert_cmpint (second->kind, ==, CHRONICLE_FEED_KIND_ATOM);
    g_assert_cmpuint (rss->requests, ==, 0);
    g_assert_cmpuint (atom->requests, ==, 0);
  }

  report = subscribe (fixture, "/blog/", &error);
  g_assert_no_error (error);
  g_assert_null (report->choices);
  g_assert_cmpstr (report->title, ==, "Site RSS");
  g_assert_cmpstr (report->url, ==, rss_url);
  g_assert_cmpuint (report->n_items, ==, 2);
  g_assert_cmpuint (rss->requests, ==, 1);
  g_assert_cmpuint (atom->requests, ==, 0);
}

static void
test_subscribe_usual_place (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *atom_url = url_of (fixture, "/atom.xml");
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  Route *feed;
  Route *rss;

  serve (fixture, "/", 200, "text/html", "<html><head><title>No links</title></head><body></body></html>");
  /* /feed is missing; /rss is a page, not a feed; /atom.xml is it. */
  rss = serve (fixture, "/rss", 200, "text/html", "<html><body>Subscribe by mail</body></html>");
  feed = serve (fixture, "/atom.xml", 200, "text/xml", ATOM);

  report = subscribe (fixture, fixture->net.base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->url, ==, atom_url);
  g_assert_cmpstr (report->title, ==, "Site Atom");
  g_assert_cmpuint (rss->requests, ==, 1);
  g_assert_cmpuint (feed->requests, ==, 1);

  /* A site that asks to be left alone at the first usual place is not
   * asked at the others: the search ends with what it said. */
  serve (fixture, "/feed", 429, "text/plain", "Slow down");
  g_assert_null (subscribe (fixture, fixture->net.base, &refused));
  g_assert_error (refused, CHRONICLE_HTTP_ERROR, 429);
  g_assert_cmpuint (rss->requests, ==, 1);
  g_assert_cmpuint (feed->requests, ==, 1);
}

static void
test_subscribe_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) image = NULL;
  g_autoptr(GError) no_feeds = NULL;
  g_autoptr(GError) broken = NULL;
  g_autoptr(GError) not_web = NULL;
  g_autoptr(GError) itself = NULL;
  g_autoptr(GError) nothing = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *broken_url = url_of (fixture, "/broken.json");

  serve (fixture, "/image.png", 200, "image/png", "\x89PNG\r\n\x1a\n....");
  serve (fixture, "/page", 200, "text/html", "<html><head></head><body>Nothing</body></html>");
  serve (fixture, "/broken.json", 200, "application/feed+json", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n"
                                                                "  \"title\": \"Broken\", \"items\": [ }");

  g_assert_null (subscribe (fixture, "/missing.xml", &missing));
  g_assert_error (missing, CHRONICLE_HTTP_ERROR, 404);
  g_assert_nonnull (strstr (missing->message, "404"));

  g_assert_null (subscribe (fixture, "/image.png", &image));
  g_assert_error (image, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (image->message, "image/png"));

  g_assert_null (subscribe (fixture, "/page", &no_feeds));
  g_assert_error (no_feeds, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (no_feeds->message, "/feed.json"));

  /* A page that names itself as its feed; an answer of nothing. */
  serve (fixture, "/self", 200, "text/html",
         "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/self\"></head></html>");
  serve (fixture, "/nothing", 200, "text/plain", "");
  g_assert_null (subscribe (fixture, "/self", &itself));
  g_assert_error (itself, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (itself->message, "names this as its feed, but it is not one"));
  g_assert_null (subscribe (fixture, "/nothing", &nothing));
  g_assert_error (nothing, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (nothing->message, "with nothing"));

  /* The message names the address and the place in it. */
  g_assert_null (subscribe (fixture, "/broken.json", &broken));
  g_assert_error (broken, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED);
  g_assert_true (g_str_has_prefix (broken->message, broken_url));
  g_assert_nonnull (strstr (broken->message, ":2:"));

  g_assert_null (subscribe (fixture, "ftp://127.0.0.1/feed", &not_web));
  g_assert_error (not_web, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* Nothing was stored. */
  sources = read_web_sources (fixture);
  g_assert_cmpuint (sources->len, ==, 0);
}

static void
test_subscribe_twice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *body = json_feed ("Twice", 0, 2);
  g_autoptr(ChronicleRefreshReport) first = NULL;
  g_autoptr(ChronicleRefreshReport) second = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  serve (fixture, "/feed.json", 200, "application/feed+json", body);
  first = subscribe (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  second = subscribe (fixture, "/feed.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (second->key, ==, first->key);
  g_assert_cmpuint (second->n_new, ==, 0);
  sources = read_web_sources (fixture);
  g_assert_cmpuint (sources->len, ==, 1);
}

static const ChronicleRefreshReport *
report_for (GPtrArray  *reports,
            const char *key)
{
  for (guint i = 0; i < reports->len; i++)
    if (g_str_equal (((ChronicleRefreshReport *) g_ptr_array_index (reports, i))->key, key))
      return g_ptr_array_index (reports, i);
  g_assert_not_reached ();
}

static void
test_refresh_merges (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *first_body = json_feed ("A", 0, 3);
  g_autofree char *later_body = json_feed ("A", 1, 3);
  g_autofree char *b_body = json_feed ("B", 0, 2);
  g_autoptr(ChronicleRefreshReport) a = NULL;
  g_autoptr(ChronicleRefreshReport) b = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  const ChronicleRefreshReport *report;
  Route *a_route = serve (fixture, "/a.json", 200, "application/feed+json", first_body);
  Route *b_route = serve (fixture, "/b.json", 200, "application/feed+json", b_body);

  b_route->etag = g_strdup ("\"b\"");
  a = subscribe (fixture, "/a.json", &error);
  g_assert_no_error (error);
  b = subscribe (fixture, "/b.json", &error);
  g_assert_no_error (error);

  /* A drops its first article and adds a fourth; B has not changed. */
  g_free (a_route->body);
  a_route->body = g_strdup (later_body);
  reports = refresh (fixture, FALSE);
  g_assert_cmpuint (reports->len, ==, 2);

  report = report_for (reports, a->key);
  g_assert_cmpint (report->outcome, ==, CHRONICLE_FETCH_CONTENT);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_null (report->error);
  report = report_for (reports, b->key);
  g_assert_cmpint (report->outcome, ==, CHRONICLE_FETCH_NOT_MODIFIED);
  g_assert_cmpstr (b_route->if_none_match, ==, "\"b\"");

  /* The article that left the feed stays. */
  feed = read_items (fixture, a->key);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 4);
  g_assert_true (has_item (feed, "A-0"));
  g_assert_true (has_item (feed, "A-3"));

  /* Nothing is due an hour early; the same body again is not read. */
  again = refresh (fixture, TRUE);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (a_route->requests, ==, 2);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = refresh (fixture, FALSE);
  g_assert_cmpint (report_for (again, a->key)->outcome, ==, CHRONICLE_FETCH_UNCHANGED);
}

static void
test_refresh_statuses (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *body = json_feed ("S", 0, 1);
  g_autofree char *moved_url = url_of (fixture, "/moved.json");
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/moving.json", "/gone.json", "/limited.json", "/broken.json" };
  ChronicleRefreshReport *subscribed[G_N_ELEMENTS (paths)];
  ChronicleStoredSource *source;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Route *routes[G_N_ELEMENTS (paths)];
  g_autofree char *location = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      routes[i] = serve (fixture, paths[i], 200, "application/feed+json", body);
      subscribed[i] = subscribe (fixture, paths[i], &error);
      g_assert_no_error (error);
    }
  serve (fixture, "/moved.json", 200, "application/feed+json", body);

  routes[0]->status = SOUP_STATUS_MOVED_PERMANENTLY;
  routes[0]->header = g_strdup ("Location: /moved.json");
  routes[1]->status = SOUP_STATUS_GONE;
  routes[2]->status = 429;
  routes[2]->header = g_strdup ("Retry-After: 7200");
  routes[3]->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  reports = refresh (fixture, FALSE);
  g_assert_cmpuint (reports->len, ==, 4);
  g_assert_cmpint (report_for (reports, subscribed[1]->key)->outcome, ==, CHRONICLE_FETCH_GONE);
  g_assert_cmpint (report_for (reports, subscribed[2]->key)->outcome, ==, CHRONICLE_FETCH_RETRY_LATER);
  g_assert_cmpint (report_for (reports, subscribed[2]->key)->not_before, >=, now + 7200);
  g_assert_cmpint (report_for (reports, subscribed[3]->key)->outcome, ==, CHRONICLE_FETCH_FAILED);
  g_assert_error (report_for (reports, subscribed[3]->key)->error, CHRONICLE_HTTP_ERROR, 500);

  sources = read_web_sources (fixture);
  /* 301: the subscription moved. */
  source = find_source (sources, subscribed[0]->key);
  g_assert_cmpstr (source->location, ==, moved_url);
  /* 410: it stays, marked gone. */
  source = find_source (sources, subscribed[1]->key);
  g_assert_true (source->fetch.gone);
  /* 429: not before the time it asked for. */
  source = find_source (sources, subscribed[2]->key);
  g_assert_cmpint (source->fetch.retry_after, >=, now + 7200);
  g_assert_cmpint (source->fetch.next_fetch_at, >=, now + 7200);
  /* 500: a failure, backed off. */
  source = find_source (sources, subscribed[3]->key);
  g_assert_cmpuint (source->fetch.failures, ==, 1);
  g_assert_cmpuint (source->fetch.last_status, ==, 500);
  g_assert_nonnull (strstr (source->fetch.last_error, "500"));

  /* Asked again: the gone and the limited are not fetched, even now. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    routes[i]->requests = 0;
  later = refresh (fixture, FALSE);
  g_assert_cmpuint (routes[0]->requests, ==, 0);   /* it is at its new address */
  g_assert_cmpuint (routes[1]->requests, ==, 0);
  g_assert_cmpuint (routes[2]->requests, ==, 0);
  g_assert_cmpuint (routes[3]->requests, ==, 1);
  g_assert_cmpint (report_for (later, subscribed[2]->key)->not_before, >=, now + 7200);
  g_assert_error (report_for (later, subscribed[1]->key)->error, CHRONICLE_HTTP_ERROR, 410);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    chronicle_refresh_report_free (subscribed[i]);
}

static void
test_refresh_host_limited (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *body = json_feed ("H", 0, 1);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  Route *routes[6];
  ChronicleRefreshReport *subscribed[G_N_ELEMENTS (routes)];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint fetched = 0;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/h%u.json", i);

      routes[i] = serve (fixture, path, 200, "application/feed+json", body);
      subscribed[i] = subscribe (fixture, path, &error);
      g_assert_no_error (error);
      routes[i]->status = 429;
      routes[i]->requests = 0;
    }

  /* Two feeds answer 429 without saying until when: the host asks, and
   * its other feeds wait without being fetched.  (Two fetch at once, so
   * a third may have started before the second answer.) */
  reports = refresh (fixture, FALSE);
  g_assert_cmpuint (reports->len, ==, G_N_ELEMENTS (routes));
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const ChronicleRefreshReport *report = report_for (reports, subscribed[i]->key);

      g_assert_cmpint (report->outcome, ==, CHRONICLE_FETCH_RETRY_LATER);
      g_assert_cmpuint (routes[i]->requests, <=, 1);
      if (routes[i]->requests == 0)
        g_assert_cmpint (report->not_before, >=, now + 15 * 60);
      fetched += routes[i]->requests;
      chronicle_refresh_report_free (subscribed[i]);
    }
  g_assert_cmpuint (fetched, >=, 2);
  g_assert_cmpuint (fetched, <=, 3);
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A reading list: its feeds added without being fetched, with their
 * folders; the next refresh fetches them; the list read back has them. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *body = json_feed ("I", 0, 2);
  g_autofree char *one = url_of (fixture, "/i.json");
  g_autofree char *two = url_of (fixture, "/gone.json");
  g_autofree char *opml = g_strdup_printf ("<opml version=\"2.0\"><body><outline text=\"Tech\">"
                                           "<outline text=\"I feed\" xmlUrl=\"%s\"/></outline>"
                                           "<outline text=\"Missing\" xmlUrl=\"%s\"/></body></opml>", one, two);
  g_autoptr(GPtrArray) entries = chronicle_opml_parse (opml, strlen (opml), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) again = NULL;
  Route *route = serve (fixture, "/i.json", 200, "application/feed+json", body);

  g_assert_nonnull (entries);
  chronicle_subscriptions_import_async (fixture->net.subscriptions, entries, NULL, got_result_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  keys = chronicle_subscriptions_import_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_cmpuint (route->requests, ==, 0);

  sources = read_web_sources (fixture);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (find_source (sources, keys[0])->location, ==, one);
  g_assert_cmpstr (find_source (sources, keys[0])->name, ==, "I feed");
  g_assert_cmpstr (find_source (sources, keys[0])->folder, ==, "Tech");
  g_assert_null (find_source (sources, keys[1])->folder);
  g_assert_cmpint (find_source (sources, keys[0])->fetch.fetched_at, ==, 0);

  /* Importing again adds nothing. */
  g_clear_object (&result);
  chronicle_subscriptions_import_async (fixture->net.subscriptions, entries, NULL, got_result_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  again = chronicle_subscriptions_import_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (again), ==, 0);

  /* Never fetched: due at the refresh of every interval. */
  reports = refresh (fixture, TRUE);
  g_assert_cmpuint (reports->len, ==, 2);
  g_assert_cmpuint (report_for (reports, keys[0])->n_new, ==, 2);
  g_assert_error (report_for (reports, keys[1])->error, CHRONICLE_HTTP_ERROR, 404);
  g_assert_cmpuint (route->requests, ==, 1);

  g_clear_object (&result);
  chronicle_subscriptions_list_async (fixture->net.subscriptions, NULL, got_result_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  listed = chronicle_subscriptions_list_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((ChronicleOpmlEntry *) g_ptr_array_index (listed, 0))->url, ==, one);
  g_assert_cmpstr (((ChronicleOpmlEntry *) g_ptr_array_index (listed, 0))->folder, ==, "Tech");
}

static gboolean
age_items (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  return chronicle_store_exec (db, "UPDATE items SET first_seen_at = 1000", error);
}

static void
pruned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Retention takes the read, unstarred articles of subscriptions past
 * their time, and nothing else. */
static void
test_prune (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *body = json_feed ("P", 0, 3);
  static const char file_feed[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"File\", "
                                  "\"items\": [{\"id\": \"file-0\", \"content_text\": \"Kept\"}]}";
  g_autoptr(GBytes) file_bytes = g_bytes_new_static (file_feed, strlen (file_feed));
  g_autoptr(ChronicleFeed) parsed = chronicle_feed_parse (file_bytes, NULL);
  g_autoptr(ChronicleStoredSource) file = chronicle_stored_source_new ("file-key", CHRONICLE_SOURCE_FILE, "file.json",
                                                                       parsed);
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ChronicleStateRow));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChronicleFeed) kept = NULL;
  g_autoptr(ChronicleFeed) file_kept = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  const char *read_keys[] = { "P-0", "P-1", "file-0" };

  serve (fixture, "/p.json", 200, "application/feed+json", body);
  report = subscribe (fixture, "/p.json", &error);
  g_assert_no_error (error);
  g_assert_true (chronicle_store_write_sync (fixture->net.store, chronicle_store_put_source, file, &error));

  /* P-0 read, P-1 read and starred, P-2 unread; the file's read. */
  for (guint i = 0; i < G_N_ELEMENTS (read_keys); i++)
    {
      ChronicleStateRow row = { g_strdup (read_keys[i]), TRUE, i == 1, 0, 1000, 0 };

      g_array_append_val (rows, row);
    }
  g_array_set_clear_func (rows, (GDestroyNotify) chronicle_state_row_clear);
  g_assert_true (chronicle_store_write_sync (fixture->net.store, chronicle_store_put_states, rows, &error));

  /* Nothing is old yet. */
  chronicle_subscriptions_prune_async (fixture->net.subscriptions, 24 * 60 * 60, NULL, pruned_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  keys = chronicle_subscriptions_prune_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
  g_clear_object (&result);
  g_clear_pointer (&keys, g_strfreev);

  /* Seen long ago: only the read, unstarred article of the subscription
   * goes. */
  g_assert_true (chronicle_store_write_sync (fixture->net.store, age_items, NULL, &error));
  chronicle_subscriptions_prune_async (fixture->net.subscriptions, 24 * 60 * 60, NULL, pruned_cb, &result);
  g_assert_true (chronicle_test_wait_until (is_set, &result, 30000));
  keys = chronicle_subscriptions_prune_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, report->key);

  kept = read_items (fixture, report->key);
  g_assert_false (has_item (kept, "P-0"));
  g_assert_true (has_item (kept, "P-1"));
  g_assert_true (has_item (kept, "P-2"));
  {
    g_autoptr(GPtrArray) all = NULL;
    sqlite3 *db = chronicle_store_acquire_reader (fixture->net.store, &error);

    g_assert_no_error (error);
    all = chronicle_store_read_sources (&db, 1, report->key, NULL, &error);
    g_assert_no_error (error);
    chronicle_store_release_reader (fixture->net.store, db);
    g_assert_cmpuint (all->len, ==, 1);
    file_kept = g_object_ref (((ChronicleStoredSource *) g_ptr_array_index (all, 0))->feed);
  }
  g_assert_true (has_item (file_kept, "file-0"));
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chronicle_library_reload_source_finish (CHRONICLE_LIBRARY (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
reload (ChronicleLibrary *library,
        const char       *key)
{
  gboolean done = FALSE;

  chronicle_library_reload_source_async (library, key, NULL, reloaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  chronicle_test_library_settle (library);
}

static void
reload_sources (ChronicleLibrary   *library,
                const char * const *keys)
{
  gboolean done = FALSE;

  chronicle_library_reload_sources_async (library, keys, NULL, reloaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  chronicle_test_library_settle (library);
}

static ChronicleStory *
find_story (ChronicleLibrary *library,
            const char       *item_id)
{
  ChronicleStory *story = chronicle_library_find_story_by_item (library, item_id);

  g_assert_nonnull (story);
  return story;
}

/* A subscription and its refreshes listed in the library, the reader's
 * state kept, and the search finding the new articles. */
static void
test_library_reload (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *first_body = json_feed ("L", 0, 2);
  g_autofree char *later_body = json_feed ("L", 1, 3);
  ChronicleStory *kept;
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleCollection *collection;
  GListModel *stories = chronicle_library_get_stories (library);
  Route *route = serve (fixture, "/l.json", 200, "application/feed+json", first_body);

  report = subscribe (fixture, "/l.json", &error);
  g_assert_no_error (error);
  reload (library, report->key);

  collection = chronicle_library_find_collection (library, report->key);
  g_assert_nonnull (collection);
  g_assert_cmpstr (chronicle_collection_get_name (collection), ==, "L");
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 2);
  chronicle_story_set_read (find_story (library, "L-1"), TRUE);
  chronicle_story_set_starred (find_story (library, "L-0"), TRUE);
  kept = find_story (library, "L-1");

  /* Article 1 comes again with a corrected title. */
  g_free (route->body);
  {
    g_auto(GStrv) parts = g_strsplit (later_body, "\"Article 1\"", 2);

    route->body = g_strjoinv ("\"Article 1, corrected\"", parts);
  }
  reports = refresh (fixture, FALSE);
  g_assert_cmpuint (((ChronicleRefreshReport *) g_ptr_array_index (reports, 0))->n_new, ==, 2);
  reload (library, report->key);

  /* The old articles, the one that left the feed too, and the new. */
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 4);
  g_assert_true (chronicle_story_get_read (find_story (library, "L-1")));
  g_assert_true (chronicle_story_get_starred (find_story (library, "L-0")));
  g_assert_false (chronicle_story_get_read (find_story (library, "L-3")));
  /* The same story stays listed, and shows what changed. */
  g_assert_true (find_story (library, "L-1") == kept);
  g_assert_cmpstr (chronicle_story_get_title (kept), ==, "Article 1, corrected");

  /* Found by a search, from the keys stored with them. */
  {
    g_auto(GStrv) terms = chronicle_search_terms ("ARTICLE 3");
    g_autoptr(ChronicleSearchResult) found = chronicle_library_search (library, terms, NULL);

    g_assert_true (chronicle_search_result_contains (found, find_story (library, "L-3")));
    g_assert_false (chronicle_search_result_contains (found, find_story (library, "L-2")));
  }
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
refilled_with (gpointer data)
{
  gpointer *args = data;
  ChronicleCollection *collection = chronicle_library_find_collection (args[0], args[1]);

  return collection != NULL &&
         chronicle_feed_get_n_items (chronicle_collection_get_feed (collection)) == GPOINTER_TO_UINT (args[2]);
}

/* A refresh of many subscriptions is listed over several turns of the
 * main loop, the library loading meanwhile; a subscription the reader
 * removes before its turn comes is not listed again. */
static void
test_library_reload_in_turns (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *titles[] = { "A", "B", "C" };
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports = NULL;
  GListModel *stories = chronicle_library_get_stories (library);
  Route *routes[3];
  gboolean done = FALSE;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/%s.json", titles[i]);
      g_autofree char *body = json_feed (titles[i], 0, 2);
      g_autoptr(ChronicleRefreshReport) report = NULL;
      g_autoptr(GError) error = NULL;

      routes[i] = serve (fixture, path, 200, "application/feed+json", body);
      report = subscribe (fixture, path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (keys, g_strdup (report->key));
    }
  g_ptr_array_add (keys, NULL);
  reload_sources (library, (const char * const *) keys->pdata);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 6);

  /* Each gets two new articles. */
  for (guint i = 0; i < 3; i++)
    {
      g_free (routes[i]->body);
      routes[i]->body = json_feed (titles[i], 0, 4);
    }
  reports = refresh (fixture, FALSE);
  g_assert_cmpuint (reports->len, ==, 3);

  /* One subscription a turn. */
  library->reload_turn_sources = 1;
  done = FALSE;
  chronicle_library_reload_sources_async (library, (const char * const *) keys->pdata, NULL, reloaded_cb, &done);
  {
    gpointer args[] = { library, g_ptr_array_index (keys, 0), GUINT_TO_POINTER (4) };

    g_assert_true (chronicle_test_wait_until (refilled_with, args, 10000));
  }
  g_assert_false (done);
  g_assert_true (chronicle_library_get_loading (library));
  g_assert_cmpuint (chronicle_feed_get_n_items (chronicle_collection_get_feed (
                      chronicle_library_find_collection (library, g_ptr_array_index (keys, 2)))), ==, 2);

  g_assert_true (chronicle_library_remove_collection (library, g_ptr_array_index (keys, 2)));
  g_assert_true (chronicle_test_wait_until (is_true, &done, 10000));
  chronicle_test_library_settle (library);

  g_assert_null (chronicle_library_find_collection (library, g_ptr_array_index (keys, 2)));
  g_assert_null (chronicle_library_find_story_by_item (library, "C-0"));
  g_assert_null (chronicle_library_find_story_by_item (library, "C-3"));
  g_assert_nonnull (find_story (library, "A-3"));
  g_assert_nonnull (find_story (library, "B-3"));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      g_assert_cmpstr (chronicle_story_get_collection_id (story), !=, g_ptr_array_index (keys, 2));
    }
}

static gboolean
n_unread_is (gpointer data)
{
  gpointer *args = data;

  return chronicle_collection_get_n_unread (args[0]) == GPOINTER_TO_UINT (args[1]) &&
         chronicle_library_get_n_unread (args[2]) == GPOINTER_TO_UINT (args[1]);
}

#define assert_n_unread(collection, n, library) \
  G_STMT_START { \
    gpointer args[] = { (collection), GUINT_TO_POINTER (n), (library) }; \
    g_assert_true (chronicle_test_wait_until (n_unread_is, args, 5000)); \
  } G_STMT_END

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static ChronicleLibrary *
restored_library (Fixture *fixture)
{
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  ChronicleLibrary *library = chronicle_library_new (state);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  chronicle_library_restore_async (library, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (chronicle_library_restore_finish (library, result, &error));
  g_assert_no_error (error);
  chronicle_test_library_settle (library);
  return library;
}

/* What the sidebar shows of a subscription, from the library: its unread
 * count, the title and folder the reader gave it, and how fetching it
 * went, also after a restart. */
static void
test_library_web_state (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *body = json_feed ("W", 0, 2);
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  g_autoptr(ChronicleLibrary) again = NULL;
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleCollection *collection;
  Route *route = serve (fixture, "/w.json", 200, "application/feed+json", body);

  report = subscribe (fixture, "/w.json", &error);
  g_assert_no_error (error);
  reload (library, report->key);
  collection = chronicle_library_find_collection (library, report->key);
  g_assert_true (chronicle_collection_get_web (collection));
  g_assert_false (chronicle_collection_get_failed (collection));
  g_assert_cmpint (chronicle_collection_get_fetch_state (collection)->fetched_at, >, 0);

  /* Counted, and counted again when one is read. */
  assert_n_unread (collection, 2, library);
  chronicle_story_set_read (find_story (library, "W-0"), TRUE);
  assert_n_unread (collection, 1, library);
  chronicle_story_set_starred (find_story (library, "W-1"), TRUE);
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) chronicle_library_get_n_starred, library, 5000));

  /* Renamed and moved while the store is being read for the fetch
   * states (after a refresh, or icons found): what was read before the
   * change was written does not undo it. */
  chronicle_library_update_web_state_async (library, NULL, done_cb, &result);
  chronicle_library_rename_subscription (library, report->key, "Mine");
  chronicle_library_move_subscription (library, report->key, "News/World");
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Mine");
  g_assert_cmpstr (chronicle_collection_get_folder (collection), ==, "News/World");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (chronicle_library_update_web_state_finish (library, result, &error));
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Mine");
  g_assert_cmpstr (chronicle_collection_get_folder (collection), ==, "News/World");

  /* A failed refresh of that one only; the library reads how it went. */
  route->status = 500;
  g_clear_object (&result);
  chronicle_subscriptions_refresh_one_async (fixture->net.subscriptions, report->key, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reports = chronicle_subscriptions_refresh_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_cmpuint (route->requests, ==, 2);
  g_clear_object (&result);
  chronicle_library_update_web_state_async (library, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (chronicle_library_update_web_state_finish (library, result, &error));
  g_assert_true (chronicle_collection_get_failed (collection));
  g_assert_cmpuint (chronicle_collection_get_fetch_state (collection)->last_status, ==, 500);

  /* After a restart: the same title, folder, failure and count. */
  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);
  chronicle_test_library_settle (library);
  again = restored_library (fixture);
  collection = chronicle_library_find_collection (again, report->key);
  g_assert_cmpstr (chronicle_collection_get_title (collection), ==, "Mine");
  g_assert_cmpstr (chronicle_collection_get_folder (collection), ==, "News/World");
  g_assert_true (chronicle_collection_get_failed (collection));
  assert_n_unread (collection, 1, again);
}

/* A subscription the reader removed, while the removal can be undone, is
 * not listed again by a refresh's reload; undone, it is. */
static void
test_library_reload_unlisted (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *body = json_feed ("U", 0, 2);
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;

  serve (fixture, "/u.json", 200, "application/feed+json", body);
  report = subscribe (fixture, "/u.json", &error);
  g_assert_no_error (error);
  reload (library, report->key);
  g_assert_true (chronicle_library_unlist_collection (library, report->key));

  /* As after a refresh, which fetched it too. */
  {
    const char *keys[] = { report->key, NULL };

    reload_sources (library, keys);
  }
  g_assert_null (chronicle_library_find_collection (library, report->key));
  g_assert_null (chronicle_library_find_story_by_item (library, "U-0"));

  reload (library, report->key);
  g_assert_nonnull (chronicle_library_find_collection (library, report->key));
  g_assert_nonnull (find_story (library, "U-1"));
}

static ChronicleLibraryWebState *
read_web_state (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ChronicleLibraryWebState *web;
  sqlite3 *db;

  chronicle_test_store_barrier (fixture->net.store);
  db = chronicle_store_acquire_reader (fixture->net.store, &error);
  g_assert_no_error (error);
  web = chronicle_library_read_web_state (db, &error);
  g_assert_no_error (error);
  chronicle_store_release_reader (fixture->net.store, db);
  return web;
}

/* Reads of how fetching went come back in any order (a reload's, asked
 * with a refresh, is read after all its articles): one asked before the
 * one shown does not undo it, and a subscription listed later gets the
 * latest. */
static void
test_library_web_state_order (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *body = json_feed ("O", 0, 2);
  g_autoptr(ChronicleState) state = chronicle_state_new (fixture->net.store);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleLibraryWebState *before, *after;
  ChronicleCollection *collection;
  ChronicleLibraryWebAsk first, second;
  Route *route = serve (fixture, "/o.json", 200, "application/feed+json", body);

  report = subscribe (fixture, "/o.json", &error);
  g_assert_no_error (error);
  reload (library, report->key);
  collection = chronicle_library_find_collection (library, report->key);
  g_assert_false (chronicle_collection_get_failed (collection));

  first = chronicle_library_ask_web_state (library);
  before = read_web_state (fixture);
  route->status = 500;
  reports = refresh (fixture, FALSE);
  second = chronicle_library_ask_web_state (library);
  after = read_web_state (fixture);

  chronicle_library_take_web_state (library, second, after);
  g_assert_true (chronicle_collection_get_failed (collection));
  chronicle_library_take_web_state (library, first, before);
  g_assert_true (chronicle_collection_get_failed (collection));

  /* Listed again after the reader unsubscribed and undid it. */
  g_assert_true (chronicle_library_unlist_collection (library, report->key));
  g_assert_null (chronicle_library_find_collection (library, report->key));
  reload (library, report->key);
  collection = chronicle_library_find_collection (library, report->key);
  g_assert_nonnull (collection);
  g_assert_true (chronicle_collection_get_failed (collection));
}

/* What looks like an image is an icon; a page sent instead is not. */
static void
test_icon_sniff (void)
{
  static const struct { const char *data; gsize size; gboolean icon; } cases[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, TRUE },
    { "\0\0\1\0\1\0\x10\x10", 8, TRUE },
    { "GIF89a\1\0\1\0", 10, TRUE },
    { "\xff\xd8\xff\xe0\0\x10JFIF", 10, TRUE },
    { "RIFF\x10\0\0\0WEBPVP8 ", 16, TRUE },
    { "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 63, TRUE },
    { "<!DOCTYPE html><html><body>Not found</body></html>", 50, FALSE },
    { "", 0, FALSE },
    { "\x89P", 2, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].size);

      g_assert_true (chronicle_icon_sniff (bytes) == cases[i].icon);
    }
}

static char **
fetch_icons (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char **keys;

  chronicle_subscriptions_fetch_icons_async (fixture->net.subscriptions, NULL, chronicle_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  keys = chronicle_subscriptions_fetch_icons_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  return keys;
}

/* The feed's icon, else the site's favicon, else none; looked for once a
 * week, not at every refresh. */
static void
test_icons (Fixture       *fixture,
            gconstpointer  data)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>";
  g_autofree char *with_icon = g_strdup_printf ("{\"version\": \"https://jsonfeed.org/version/1.1\", "
                                                "\"title\": \"I\", \"icon\": \"%s/i.svg\", \"items\": []}",
                                                fixture->net.base);
  g_autofree char *page_icon = g_strdup_printf ("{\"version\": \"https://jsonfeed.org/version/1.1\", "
                                                "\"title\": \"P\", \"icon\": \"%s/page.html\", "
                                                "\"home_page_url\": \"%s/\", \"items\": []}",
                                                fixture->net.base, fixture->net.base);
  g_autoptr(ChronicleRefreshReport) first = NULL;
  g_autoptr(ChronicleRefreshReport) second = NULL;
  g_autoptr(GHashTable) icons = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) again = NULL;
  Route *icon, *page, *favicon;
  sqlite3 *db;

  serve (fixture, "/i.json", 200, "application/feed+json", with_icon);
  serve (fixture, "/p.json", 200, "application/feed+json", page_icon);
  icon = serve (fixture, "/i.svg", 200, "image/svg+xml", svg);
  page = serve (fixture, "/page.html", 200, "image/png", "<!DOCTYPE html><p>Not an icon</p>");
  favicon = serve (fixture, "/favicon.ico", 404, "text/html", "Not found");
  first = subscribe (fixture, "/i.json", &error);
  g_assert_no_error (error);
  second = subscribe (fixture, "/p.json", &error);
  g_assert_no_error (error);

  /* The first has its own; the second's is a page, and the site has no
   * favicon: it has none. */
  keys = fetch_icons (fixture);
  g_assert_cmpstrv (keys, ((const char *[]) { first->key, NULL }));
  g_assert_cmpuint (icon->requests, ==, 1);
  g_assert_cmpuint (page->requests, ==, 1);
  g_assert_cmpuint (favicon->requests, ==, 1);

  chronicle_test_store_barrier (fixture->net.store);
  db = chronicle_store_acquire_reader (fixture->net.store, &error);
  icons = chronicle_store_read_icons (db, &error);
  chronicle_store_release_reader (fixture->net.store, db);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (icons), ==, 1);
  g_assert_cmpmem (g_bytes_get_data (g_hash_table_lookup (icons, first->key), NULL),
                   g_bytes_get_size (g_hash_table_lookup (icons, first->key)), svg, strlen (svg));

  /* Not again within the week, found or not. */
  again = fetch_icons (fixture);
  g_assert_cmpstrv (again, ((const char *[]) { NULL }));
  g_assert_cmpuint (icon->requests + page->requests + favicon->requests, ==, 3);
}

/* Feeds of one site share its favicon: it is asked for once. */
static void
test_icons_shared (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>";
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_refresh_report_free);
  g_auto(GStrv) keys = NULL;
  Route *favicon = serve (fixture, "/favicon.ico", 200, "image/svg+xml", svg);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *path = g_strdup_printf ("/s%u.json", i);
      g_autofree char *name = g_strdup_printf ("S%u", i);
      g_autofree char *body = json_feed (name, 0, 1);
      g_autoptr(GError) error = NULL;

      serve (fixture, path, 200, "application/feed+json", body);
      g_ptr_array_add (reports, subscribe (fixture, path, &error));
      g_assert_no_error (error);
    }

  keys = fetch_icons (fixture);
  g_assert_cmpuint (g_strv_length (keys), ==, 6);
  /* Only the fetches started together, before the first answer, ask
   * again (4 at once); the rest take that answer. */
  g_assert_cmpuint (favicon->requests, <=, 4);
  g_assert_cmpuint (favicon->requests, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subscriptions/normalize", test_normalize);
  g_test_add_func ("/subscriptions/icon-sniff", test_icon_sniff);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/subscriptions/subscribe/feed", test_subscribe_feed);
  ADD ("/subscriptions/subscribe/ttl", test_subscribe_ttl);
  ADD ("/subscriptions/subscribe/page", test_subscribe_page);
  ADD ("/subscriptions/subscribe/usual-place", test_subscribe_usual_place);
  ADD ("/subscriptions/subscribe/errors", test_subscribe_errors);
  ADD ("/subscriptions/subscribe/twice", test_subscribe_twice);
  ADD ("/subscriptions/refresh/merges", test_refresh_merges);
  ADD ("/subscriptions/refresh/statuses", test_refresh_statuses);
  ADD ("/subscriptions/refresh/host-limited", test_refresh_host_limited);
  ADD ("/subscriptions/library-reload", test_library_reload);
  ADD ("/subscriptions/library-reload-in-turns", test_library_reload_in_turns);
  ADD ("/subscriptions/library-reload-unlisted", test_library_reload_unlisted);
  ADD ("/subscriptions/library-web-state", test_library_web_state);
  ADD ("/subscriptions/library-web-state-order", test_library_web_state_order);
  ADD ("/subscriptions/icons", test_icons);
  ADD ("/subscriptions/icons-shared", test_icons_shared);
  ADD ("/subscriptions/prune", test_prune);
  ADD ("/subscriptions/import", test_import);
#undef ADD

  return g_test_run ();
}
