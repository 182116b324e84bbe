/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-locale"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-languages.h"
#include "chronicle-locale.h"

/* Switching the interface language inside the running program, safely.
 *
 * Changing LANGUAGE or LOCPATH with setenv() while another thread calls
 * getenv() (gettext does, for every message) is undefined behaviour, and so
 * is setlocale() while other threads translate.  So the environment and the
 * locale are set once, in chronicle_locale_init(), before any thread
 * exists, and a switch only changes where gettext finds its catalogs:
 *
 * - LANGUAGE becomes "chronicle:" followed by the system's own languages.
 *   gettext looks for "DIR/chronicle/LC_MESSAGES/DOMAIN.mo" first.
 * - For a chosen language, each domain (Chronicle's, GLib's, GTK's,
 *   libadwaita's) is bound with bindtextdomain() to a private folder whose
 *   "chronicle" catalogs are links to that language's catalogs.  For the
 *   system's language, each domain is bound back to its own folder, where
 *   no "chronicle" catalog exists and the system's languages follow.
 *
 * bindtextdomain() takes gettext's lock and makes it forget what it looked
 * up, so a message translated on any thread meanwhile comes out whole, in
 * the old language or the new one.
 *
 * gettext ignores LANGUAGE while the messages locale is C, so that is set
 * to an installed UTF-8 locale when the system's is C; where there is none
 * at all (sandboxes with only C), Chronicle makes a private one, the
 * messages category of C.UTF-8 under another name, in a folder given to
 * glibc through LOCPATH for that one setlocale() call. */

#define PRIVATE_LOCALE "en_US.UTF-8"
#define CATALOG_NAME   "chronicle"

/* The LC_MESSAGES data of glibc's C.UTF-8 locale (yes/no expressions and
 * the codeset), for systems that do not even have C.UTF-8 on disk.  The
 * format has been stable since glibc 2.3. */
static const guint8 c_utf8_messages[48] = {
  0x10, 0x11, 0x03, 0x20, 0x05, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x22, 0x00, 0x00, 0x00,
  0x28, 0x00, 0x00, 0x00, 0x29, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x5e, 0x5b, 0x79, 0x59,
  0x5d, 0x00, 0x5e, 0x5b, 0x6e, 0x4e, 0x5d, 0x00, 0x00, 0x00, 0x55, 0x54, 0x46, 0x2d, 0x38, 0x00,
};

/* The domains whose messages the reader sees: Chronicle's own, GLib's
 * (--help, file errors), GTK's and libadwaita's (dialogs). */
static const char * const domains[] = { GETTEXT_PACKAGE, "glib20", "gtk40", "libadwaita" };

static char *own_folders[G_N_ELEMENTS (domains)];
static char *private_base;
static char **system_languages;
static char *current_language;
static char *current_names[3];
static gboolean initialized;

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

static gboolean
try_messages_locale (const char *name)
{
  const char *set = setlocale (LC_MESSAGES, name);

  return set != NULL && !is_c_locale (set);
}

/* Writes the private locale's messages category, copied from C.UTF-8 where
 * the system has it on disk. */
static char *
ensure_private_locale (void)
{
  g_autofree char *base = g_build_filename (g_get_user_runtime_dir (), "chronicle", "locale", NULL);
  g_autofree char *dir = g_build_filename (base, PRIVATE_LOCALE, "LC_MESSAGES", NULL);
  g_autofree char *file = g_build_filename (dir, "SYS_LC_MESSAGES", NULL);
  const char *sources[] = {
    "/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES",
    "/usr/lib/locale/C.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES",
  };
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&base);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;

  for (guint i = 0; contents == NULL && i < G_N_ELEMENTS (sources); i++)
    if (!g_file_get_contents (sources[i], &contents, &length, NULL))
      g_clear_pointer (&contents, g_free);

  if (contents == NULL)
    {
      contents = g_memdup2 (c_utf8_messages, sizeof c_utf8_messages);
      length = sizeof c_utf8_messages;
    }

  if (!g_file_set_contents (file, contents, length, NULL))
    return NULL;

  return g_steal_pointer (&base);
}

/* Only at start-up, before any other thread: it sets LOCPATH for one
 * setlocale() call. */
static gboolean
use_private_locale (void)
{
  g_autofree char *path = ensure_private_locale ();
  g_autofree char *saved = g_strdup (g_getenv ("LOCPATH"));
  gboolean ok;

  if (path == NULL)
    return FALSE;

  g_setenv ("LOCPATH", path, TRUE);
  ok = try_messages_locale (PRIVATE_LOCALE);
  if (saved != NULL)
    g_setenv ("LOCPATH", saved, TRUE);
  else
    g_unsetenv ("LOCPATH");

  return ok;
}

/* Makes gettext honour LANGUAGE: a messages locale that is not C.  Any
 * installed UTF-8 locale will do, since only the catalogs matter. */
static void
ensure_messages_locale (const char *system_locale)
{
  const char *fallbacks[] = { "en_US.UTF-8", "en_GB.UTF-8", "C.UTF-8" };

  if (!is_c_locale (system_locale))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    if (try_messages_locale (fallbacks[i]))
      return;

  if (!use_private_locale ())
    {
      setlocale (LC_MESSAGES, system_locale);
      g_warning ("No locale could be set for messages; the interface stays in English");
    }
}

/* Under LANG=C, characters are ASCII, and every translation would be
 * printed as question marks.  As Python does since PEP 538, a C locale's
 * characters are taken to be UTF-8: only LC_CTYPE changes. */
static void
coerce_c_ctype (void)
{
  const char *utf8[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
  const char *ctype = setlocale (LC_CTYPE, NULL);

  if (ctype == NULL || !(g_str_equal (ctype, "C") || g_str_equal (ctype, "POSIX")))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (utf8); i++)
    if (setlocale (LC_CTYPE, utf8[i]) != NULL)
      return;
}

/* The languages gettext used before Chronicle changed anything: LANGUAGE
 * where the messages locale lets it count, else that locale. */
static char *
system_language_list (const char *system_locale)
{
  const char *language = g_getenv ("LANGUAGE");

  if (is_c_locale (system_locale))
    return g_strdup ("C");
  if (language != NULL && language[0] != '\0')
    return g_strdup (language);
  return g_strdup (system_locale);
}

/**
 * chronicle_locale_init:
 *
 * Sets the process locale from the environment, binds Chronicle's catalogs
 * (the build tree's when CHRONICLE_LOCALEDIR is set, for "meson devenv" and
 * the tests) and prepares switching languages.  Call it first in main(),
 * before any thread is started and anything is translated: it is the only
 * place where Chronicle changes the environment or the locale.  Later calls
 * do nothing.
 */
void
chronicle_locale_init (void)
{
  const char *localedir = g_getenv ("CHRONICLE_LOCALEDIR");
  g_autofree char *system_locale = NULL;
  g_autofree char *system_list = NULL;
  g_autofree char *language = NULL;
  g_autoptr(GOptionContext) context = NULL;

  if (initialized)
    return;

  initialized = TRUE;
  setlocale (LC_ALL, "");
  coerce_c_ctype ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  system_languages = g_strdupv ((char **) g_get_language_names ());
  system_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  system_list = system_language_list (system_locale);

  /* GLib decides once, at the first translation, whether to translate at
   * all: it does not when the system's language has no catalog.  Decide it
   * under the C locale, where it always translates, so that switching to a
   * language with a catalog works whatever the system's language is. */
  setlocale (LC_MESSAGES, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_MESSAGES, system_locale);

  ensure_messages_locale (system_locale);
  language = g_strconcat (CATALOG_NAME ":", system_list, NULL);
  g_setenv ("LANGUAGE", language, TRUE);

  /* GLib binds its own domain at its first message; make it do so now, so
   * that it never undoes a binding made here. */
  context = g_option_context_new (NULL);
  g_free (g_option_context_get_help (context, TRUE, NULL));

  private_base = g_build_filename (g_get_user_runtime_dir (), "chronicle", "catalogs", NULL);
}

/* The catalog of @domain for @code under @folder, as gettext would find
 * it: "zh_CN", then "zh". */
static char *
find_catalog (const char *folder,
              const char *domain,
              const char *code)
{
  g_autofree char *file = g_strconcat (domain, ".mo", NULL);
  g_autofree char *language = g_strndup (code, strcspn (code, "_"));
  const char *candidates[] = { code, language };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = g_build_filename (folder, candidates[i], "LC_MESSAGES", file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* Points @link at @target, replacing what was there in one step, so that
 * a gettext reading it meanwhile sees the old catalog or the new one. */
static gboolean
set_link (const char *target,
          const char *link)
{
  g_autofree char *current = g_file_read_link (link, NULL);
  g_autofree char *partial = NULL;

  if (g_strcmp0 (current, target) == 0)
    return TRUE;

  partial = g_strdup_printf ("%s.%d", link, (int) getpid ());
  g_unlink (partial);
  if (symlink (target, partial) != 0 || g_rename (partial, link) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_warning ("Could not link %s to %s: %s", link, target, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Libraries bind their domains when they start (GTK and libadwaita after
 * Chronicle, in the application's start-up): a binding that is not one of
 * Chronicle's folders is the library's own. */
static void
remember_own_folders (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      const char *bound = bindtextdomain (domains[i], NULL);

      if (bound != NULL && !g_str_has_prefix (bound, private_base))
        g_set_str (&own_folders[i], bound);
    }
}

/* The private folder for @code: "BASE/CODE-HASH/chronicle/LC_MESSAGES",
 * one per set of catalogs, so that programs with other catalog folders
 * (the tests, the build tree) never change each other's links. */
static char *
prepare_folder (const char *code)
{
  char *targets[G_N_ELEMENTS (domains)] = { NULL };
  g_autoptr(GString) key = g_string_new (code);
  g_autofree char *folder = NULL;
  g_autofree char *messages = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      targets[i] = own_folders[i] != NULL ? find_catalog (own_folders[i], domains[i], code) : NULL;
      g_string_append_printf (key, "\n%s", targets[i] != NULL ? targets[i] : "");
    }

  folder = g_strdup_printf ("%s/%s-%08x", private_base, code, g_str_hash (key->str));
  messages = g_build_filename (folder, CATALOG_NAME, "LC_MESSAGES", NULL);
  if (g_mkdir_with_parents (messages, 0700) != 0)
    {
      g_warning ("Could not create %s: %s", messages, g_strerror (errno));
      for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
        g_free (targets[i]);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autofree char *file = g_strconcat (domains[i], ".mo", NULL);
      g_autofree char *link = g_build_filename (messages, file, NULL);

      if (targets[i] != NULL)
        set_link (targets[i], link);
      else
        g_unlink (link);
      g_free (targets[i]);
    }

  return g_steal_pointer (&folder);
}

/**
 * chronicle_locale_set_language:
 * @code: (nullable): a language of the interface such as "de" or "zh_CN",
 *   or %NULL or "" for the system's
 *
 * Switches the language of translations, dates and GTK's own strings for
 * everything translated from now on.  Windows must be rebuilt to show it.
 * It changes neither the environment nor the locale, so other threads may
 * translate meanwhile.  Call it again after GTK and libadwaita are
 * initialized, as they bind their catalogs then.
 *
 * Returns: %TRUE if the language is one Chronicle has
 */
gboolean
chronicle_locale_set_language (const char *code)
{
  const ChronicleLanguage *language = NULL;
  g_autofree char *folder = NULL;

  chronicle_locale_init ();

  if (code != NULL && code[0] != '\0')
    {
      language = chronicle_languages_lookup (code);
      if (language == NULL)
        return FALSE;
    }

  remember_own_folders ();
  if (language != NULL)
    folder = prepare_folder (language->code);

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      const char *bind_to = folder != NULL ? folder : own_folders[i];

      if (bind_to != NULL)
        bindtextdomain (domains[i], bind_to);
    }

  g_set_str (&current_language, language != NULL ? language->code : NULL);
  return TRUE;
}

/**
 * chronicle_locale_get_language:
 *
 * Returns: (nullable): the language chosen in Chronicle, or %NULL when it
 *   follows the system
 */
const char *
chronicle_locale_get_language (void)
{
  return current_language;
}

/**
 * chronicle_locale_get_language_names:
 *
 * Returns: (transfer none): the reader's languages, most wanted first, in
 *   the form of g_get_language_names(): the chosen one, or the system's
 */
const char * const *
chronicle_locale_get_language_names (void)
{
  chronicle_locale_init ();

  if (current_language == NULL)
    return (const char * const *) system_languages;

  g_set_str (&current_names[0], current_language);
  g_set_str (&current_names[1], "C");
  return (const char * const *) current_names;
}

/**
 * chronicle_locale_get_messages_locale:
 *
 * Returns: the locale now set for messages, for diagnostics
 */
const char *
chronicle_locale_get_messages_locale (void)
{
  return setlocale (LC_MESSAGES, NULL);
}
