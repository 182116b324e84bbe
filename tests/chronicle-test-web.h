/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

/* Web servers of the tests' own, on 127.0.0.1 only, on a port the system
 * gives: never any other address. */

/* Starts @server listening (with TLS when it has a certificate) on the
 * current thread-default main context; returns its base address,
 * "http://127.0.0.1:PORT". */
static inline char *
chronicle_test_web_listen (SoupServer *server,
                           gboolean    https)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base = g_strdup_printf ("%s://127.0.0.1:%d", https ? "https" : "http", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

/* A server on a thread of its own, for a test or benchmark whose own
 * thread waits for a program or is busy drawing. */
typedef struct
{
  SoupServerCallback  handler;
  gpointer            data;
  char               *base;
  GMainContext       *context;
  GMainLoop          *loop;
  GThread            *thread;
  GMutex              lock;
  GCond               ready;
} ChronicleTestWebThread;

static inline gpointer
chronicle_test_web_thread_run (gpointer data)
{
  ChronicleTestWebThread *web = data;
  SoupServer *server;
  char *base;

  g_main_context_push_thread_default (web->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, web->handler, web->data, NULL);
  base = chronicle_test_web_listen (server, FALSE);

  g_mutex_lock (&web->lock);
  web->base = base;
  g_cond_signal (&web->ready);
  g_mutex_unlock (&web->lock);

  g_main_loop_run (web->loop);
  soup_server_disconnect (server);
  g_object_unref (server);
  g_main_context_pop_thread_default (web->context);
  return NULL;
}

/* Serves every path with @handler, called on the server's thread. */
static inline void
chronicle_test_web_thread_start (ChronicleTestWebThread *web,
                                 SoupServerCallback      handler,
                                 gpointer                data)
{
  web->handler = handler;
  web->data = data;
  web->base = NULL;
  web->context = g_main_context_new ();
  web->loop = g_main_loop_new (web->context, FALSE);
  g_mutex_init (&web->lock);
  g_cond_init (&web->ready);

  g_mutex_lock (&web->lock);
  web->thread = g_thread_new ("test web server", chronicle_test_web_thread_run, web);
  while (web->base == NULL)
    g_cond_wait (&web->ready, &web->lock);
  g_mutex_unlock (&web->lock);
}

static inline void
chronicle_test_web_thread_stop (ChronicleTestWebThread *web)
{
  g_main_loop_quit (web->loop);
  g_thread_join (web->thread);
  g_main_loop_unref (web->loop);
  g_main_context_unref (web->context);
  g_mutex_clear (&web->lock);
  g_cond_clear (&web->ready);
  g_clear_pointer (&web->base, g_free);
}
