/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "chronicle-application.h"
#include "chronicle-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronicleApplication) app = NULL;
  int status;

  const char *localedir = g_getenv ("CHRONICLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The build tree's catalogs, for "meson devenv" and the tests. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  chronicle_locale_init ();

  app = chronicle_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != 0 ? status : chronicle_application_get_exit_status (app);
}
