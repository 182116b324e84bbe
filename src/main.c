/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-application.h"
#include "chronicle-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronicleApplication) app = NULL;
  int status;

  /* Chronicle sets the locale itself, once, before any thread starts;
   * GTK would set it again when it starts, and undo the messages locale
   * that switching languages needs. */
  chronicle_locale_init ();
  gtk_disable_setlocale ();

  app = chronicle_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != 0 ? status : chronicle_application_get_exit_status (app);
}
