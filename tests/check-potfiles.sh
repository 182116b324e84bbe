#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every source file with translatable strings must be listed in
# po/POTFILES.in, and every listed file must exist.  xgettext decides what is
# translatable, with the same keywords as the catalog's own extraction.

set -eu

srcdir=${1:?usage: check-potfiles.sh SRCDIR}
cd "$srcdir"
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/listed"

for file in $(grep -v '^#' po/POTFILES.in | sed '/^$/d'); do
  [ -f "$file" ] || { echo "po/POTFILES.in lists $file, which does not exist"; status=1; }
done

find src data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.in' -o -name '*.gschema.xml' \) | sort > "$tmp/sources"
while read -r file; do
  case "$file" in
    *.c) xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
           --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 -o "$tmp/out.pot" "$file" 2>/dev/null || true ;;
    *.ui) xgettext --from-code=UTF-8 --its=/usr/share/gettext/its/gtkbuilder.its -L Glade -o "$tmp/out.pot" "$file" 2>/dev/null \
            || xgettext --from-code=UTF-8 -L Glade -o "$tmp/out.pot" "$file" 2>/dev/null || true ;;
    *.desktop.in*) grep -qE '^(Name|GenericName|Comment|Keywords)=' "$file" && echo 'msgid "x"' > "$tmp/out.pot" ;;
    *.metainfo.xml.in*|*.gschema.xml) grep -qE '<(name|summary|p|li|caption|description)>' "$file" && echo 'msgid "x"' > "$tmp/out.pot" ;;
    *) ;;
  esac
  if [ -s "$tmp/out.pot" ] && grep -q '^msgid "' "$tmp/out.pot"; then
    if ! grep -qxF "$file" "$tmp/listed"; then
      echo "$file has translatable strings but is not listed in po/POTFILES.in"
      status=1
    fi
  fi
  rm -f "$tmp/out.pot"
done < "$tmp/sources"

[ $status -eq 0 ] && echo "po/POTFILES.in lists every file with translatable strings"
exit $status
