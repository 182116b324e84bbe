/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-store-test.h"
#include "chronicle-subscriptions.h"
#include "chronicle-test-web.h"

/* What the tests of fetching from the web start with: a server of their
 * own on 127.0.0.1, and a library in a folder of its own with the
 * subscriptions' network on it. */
typedef struct
{
  SoupServer             *server;
  char                   *base;
  char                   *dir;
  ChronicleStore         *store;
  ChronicleSubscriptions *subscriptions;
} ChronicleTestNetwork;

static inline void
chronicle_test_network_start (ChronicleTestNetwork *net,
                              SoupServerCallback    handler,
                              gpointer              data)
{
  g_autofree char *path = NULL;

  net->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (net->server, NULL, handler, data, NULL);
  net->base = chronicle_test_web_listen (net->server, FALSE);

  net->dir = chronicle_test_make_data_dir ();
  path = g_build_filename (net->dir, CHRONICLE_STORE_FILE, NULL);
  net->store = chronicle_store_new (path);
  net->subscriptions = chronicle_subscriptions_new (net->store);
}

static inline void
chronicle_test_network_stop (ChronicleTestNetwork *net)
{
  g_object_unref (net->subscriptions);
  chronicle_store_close (net->store);
  g_object_unref (net->store);
  chronicle_test_remove_tree (net->dir);
  g_free (net->dir);
  soup_server_disconnect (net->server);
  g_object_unref (net->server);
  g_free (net->base);
}
