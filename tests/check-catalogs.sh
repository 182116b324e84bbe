#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every catalog in po/LINGUAS is complete for the strings in the sources as
# they are now: no untranslated or fuzzy entry, valid format strings, the
# right plural forms for the language, and translator credits.  A string
# added without translations fails here.

set -eu

srcdir=${1:?usage: check-catalogs.sh SRCDIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "$*"
  status=1
}

# The catalog's template, made afresh from the sources with the keywords of
# meson's "glib" preset.
xgettext --package-name=chronicle --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" -o "$tmp/fresh.pot"

# The number of plural forms each language has (Sanskrit has a dual).
plurals () {
  case "$1" in
    ja|zh_CN|id) echo 1 ;;
    ru) echo 3 ;;
    sa) echo 3 ;;
    *) echo 2 ;;
  esac
}

languages=$(sed 's/#.*//' "$srcdir/po/LINGUAS")
[ -n "$languages" ] || fail "po/LINGUAS lists no language"

for lang in $languages; do
  po="$srcdir/po/$lang.po"
  [ -f "$po" ] || { fail "$lang: po/$lang.po is missing"; continue; }

  if ! stats=$(msgfmt --check --statistics -o "$tmp/$lang.mo" "$po" 2>&1); then
    fail "$lang: msgfmt --check failed: $stats"
    continue
  fi
  case "$stats" in
    *fuzzy*|*untranslated*) fail "$lang: $stats" ;;
  esac

  if ! missing=$(msgcmp "$po" "$tmp/fresh.pot" 2>&1); then
    fail "$lang: strings of the sources without a translation:
$(echo "$missing" | head -20)"
  fi

  expected=$(plurals "$lang")
  nplurals=$(sed -n 's/.*Plural-Forms: *nplurals=\([0-9]*\);.*/\1/p' "$po" | head -1)
  [ "$nplurals" = "$expected" ] || fail "$lang: Plural-Forms has nplurals=$nplurals, the language needs $expected"

  credits=$(sed -n '/^msgid "translator-credits"/,/^$/p' "$po" | sed -n 's/^\(msgstr \)\{0,1\}"\(.*\)"$/\2/p' | tr -d '\n')
  case "$credits" in
    ""|translator-credits) fail "$lang: translator-credits is not filled in" ;;
  esac

  [ $status -eq 0 ] && echo "$lang: complete ($stats)"
done

exit $status
