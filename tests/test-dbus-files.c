/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>

/* The files that let D-Bus start Chronicle and GNOME Shell find its search
 * provider, as they are installed: read as the Shell and D-Bus read them,
 * with GKeyFile. */

static const char *service_path;
static const char *provider_path;
static const char *desktop_path;

static GKeyFile *
load (const char *path)
{
  GKeyFile *file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error))
    g_error ("%s: %s", path, error->message);
  return file;
}

static char *
get (GKeyFile   *file,
     const char *group,
     const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = g_key_file_get_string (file, group, key, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_search_provider (void)
{
  g_autoptr(GKeyFile) file = load (provider_path);
  g_autofree char *desktop_id = get (file, "Shell Search Provider", "DesktopId");
  g_autofree char *bus_name = get (file, "Shell Search Provider", "BusName");
  g_autofree char *object_path = get (file, "Shell Search Provider", "ObjectPath");
  g_autofree char *version = get (file, "Shell Search Provider", "Version");
  g_autofree char *desktop_name = g_path_get_basename (desktop_path);

  g_assert_cmpstr (desktop_id, ==, APP_ID ".desktop");
  g_assert_cmpstr (desktop_id, ==, desktop_name);
  g_assert_cmpstr (bus_name, ==, APP_ID);
  g_assert_true (g_dbus_is_name (bus_name) && !g_dbus_is_unique_name (bus_name));
  g_assert_true (g_variant_is_object_path (object_path));
  g_assert_true (g_str_has_suffix (object_path, "/SearchProvider"));
  g_assert_cmpstr (version, ==, "2");
  /* The Shell finds it by the file's name, under the application's id. */
  g_assert_true (g_str_has_suffix (provider_path, "/" APP_ID ".search-provider.ini"));
}

static void
test_service (void)
{
  g_autoptr(GKeyFile) file = load (service_path);
  g_autofree char *name = get (file, "D-BUS Service", "Name");
  g_autofree char *exec = get (file, "D-BUS Service", "Exec");
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (name, ==, APP_ID);
  /* D-Bus looks for "NAME.service". */
  g_assert_true (g_str_has_suffix (service_path, "/" APP_ID ".service"));
  g_assert_true (g_shell_parse_argv (exec, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 2);
  g_assert_true (g_path_is_absolute (argv[0]));
  g_assert_true (g_str_has_suffix (argv[0], "/chronicle"));
  g_assert_cmpstr (argv[1], ==, "--gapplication-service");
}

static void
test_desktop_activatable (void)
{
  g_autoptr(GKeyFile) file = load (desktop_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_get_boolean (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_DBUS_ACTIVATABLE,
                                         &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, ==, 4);
  service_path = argv[1];
  provider_path = argv[2];
  desktop_path = argv[3];

  g_test_add_func ("/dbus-files/search-provider", test_search_provider);
  g_test_add_func ("/dbus-files/service", test_service);
  g_test_add_func ("/dbus-files/desktop-activatable", test_desktop_activatable);
  return g_test_run ();
}
