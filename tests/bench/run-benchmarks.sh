#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Chronicle's benchmarks: one "BENCH NAME VALUE UNIT" line per figure, the
# median of several runs.  Run with "build-aux/devenv test --benchmark".

set -eu

builddir=${1:?usage: run-benchmarks.sh BUILDDIR}
bench=$builddir/tests/bench/chronicle-bench
generate=$builddir/tests/bench/chronicle-generate
data=$builddir/tests/bench/data
runs=${CHRONICLE_BENCH_RUNS:-5}
mkdir -p "$data"

# Collections of 1 000, 10 000 and 100 000 items, and one long article.
for n in 1000 10000 100000; do
  [ -f "$data/items-$n.json" ] || "$generate" "$n" 20240806 "$data/items-$n.json"
done
[ -f "$data/long.json" ] || "$generate" 1 7 "$data/long.json" 102400
# The same items as RSS 2.0 and Atom 1.0.
for f in rss atom; do
  [ -f "$data/items-10000.$f" ] || "$generate" 10000 20240806 "$data/items-10000.$f" 0 "$f"
done
[ -f "$data/items-100000.rss" ] || "$generate" 100000 20240806 "$data/items-100000.rss" 0 rss
# The same collections with one warning per item (ids written as numbers).
for n in 10000 100000; do
  [ -f "$data/items-$n-warnings.json" ] || "$generate" "$n" 20240806 "$data/items-$n-warnings.json" 0 numeric-ids
done

# The median of the numbers on standard input.
middle () {
  sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The median of the VALUE of NAME over $runs runs of a command.
median () {
  name=$1; shift
  for i in $(seq "$runs"); do
    "$@" | sed -n "s/^$name //p"
  done | middle
}

bench () {
  printf 'BENCH %s %s %s\n' "$1" "$2" "$3"
}

# Accessibility is off in the tests' environment, which this runs in.
printf 'ENV GTK_A11Y=%s\n' "${GTK_A11Y:-default}"

# Chronicle itself keeps its library in the data folder: a start of its
# own, with only the bundled collection, not what the environment's folder
# holds (a 10 000-item library there made this 5% slower).
chronicle=$builddir/src/chronicle

# The medians of Chronicle's start with the data folder $1 and of the bare
# window's, as "CHRONICLE HELLO".  Files just written are written out
# first, and the two start in turn, 2 × $runs - 1 times each, so that what
# the machine does meanwhile weighs on both alike.
startups () {
  sync
  out=$(mktemp)
  for i in $(seq $((runs * 2 - 1))); do
    printf 'C %s\n' "$(XDG_DATA_HOME=$1 "$bench" startup "$chronicle" --quit-after-first-frame --geometry=1100x720 |
                       sed -n 's/^startup_ms //p')" >> "$out"
    printf 'H %s\n' "$("$bench" startup "$builddir/tests/bench/chronicle-hello" | sed -n 's/^startup_ms //p')" >> "$out"
  done
  printf '%s %s\n' "$(sed -n 's/^C //p' "$out" | middle)" "$(sed -n 's/^H //p' "$out" | middle)"
  rm -f "$out"
}

home=$(mktemp -d)
pair=$(startups "$home")
rm -rf "$home"
startup_bundled=${pair% *}
startup_hello=${pair#* }
bench startup_bundled_ms "$startup_bundled" ms
bench startup_hello_ms "$startup_hello" ms
bench startup_ratio "$(awk -v a="$startup_bundled" -v b="$startup_hello" 'BEGIN { printf "%.2f", a / b }')" ratio

bench parse_floor_10k_ms "$(median parse_floor_ms "$bench" parse-floor "$data/items-10000.json")" ms
bench load_1k_ms "$(median load_ms "$bench" load "$data/items-1000.json" 1000)" ms
load_10k=$(median load_ms "$bench" load "$data/items-10000.json" 10000)
bench load_10k_ms "$load_10k" ms

# RSS and Atom open as fast as JSON Feed: libxml2's SAX parser on one
# thread against json-glib on two.
for f in rss atom; do
  load_xml=$(median load_ms "$bench" load "$data/items-10000.$f" 10000)
  bench "load_10k_${f}_ms" "$load_xml" ms
  bench "load_10k_${f}_ratio" "$(awk -v a="$load_xml" -v b="$load_10k" 'BEGIN { printf "%.2f", a / b }')" ratio
done

# Problems cost time in proportion to their number: one warning per item
# at most doubles the time of opening a file, or of checking it.
load_10k_warnings=$(median load_ms "$bench" load "$data/items-10000-warnings.json" 10000)
bench load_10k_warnings_ms "$load_10k_warnings" ms
bench load_10k_warnings_ratio "$(awk -v a="$load_10k_warnings" -v b="$load_10k" 'BEGIN { printf "%.2f", a / b }')" ratio
check_100k=$(CHRONICLE_BENCH_RUNS=3 median check_ms "$bench" check "$chronicle" "$data/items-100000.json")
check_100k_warnings=$(CHRONICLE_BENCH_RUNS=3 median check_ms "$bench" check "$chronicle" "$data/items-100000-warnings.json")
bench check_100k_ms "$check_100k" ms
bench check_100k_warnings_ms "$check_100k_warnings" ms
bench check_100k_warnings_ratio "$(awk -v a="$check_100k_warnings" -v b="$check_100k" 'BEGIN { printf "%.2f", a / b }')" ratio

# The 100 000-item figures come from the same runs, for JSON Feed and RSS.
for format in json rss; do
  out=$(mktemp)
  for i in $(seq 3); do "$bench" load "$data/items-100000.$format" 100000 >> "$out"; done
  suffix=$([ "$format" = json ] && echo "" || echo "_$format")
  for name in first_rows_ms load_ms max_frame_gap_ms rss_mb file_mb; do
    value=$(sed -n "s/^$name //p" "$out" | middle)
    case $name in
      first_rows_ms) bench "first_rows_100k${suffix}_ms" "$value" ms ;;
      load_ms) bench "load_100k${suffix}_ms" "$value" ms ;;
      max_frame_gap_ms) bench "max_frame_gap_100k${suffix}_ms" "$value" ms ;;
      rss_mb) bench "rss_100k${suffix}_mb" "$value" MB ;;
      file_mb) bench "file_100k${suffix}_mb" "$value" MB ;;
    esac
  done
  rm -f "$out"
done

bench search_10k_ms "$(median search_ms "$bench" search "$data/items-10000.json" 10000)" ms
bench search_100k_ms "$(CHRONICLE_BENCH_RUNS=3 median search_ms "$bench" search "$data/items-100000.json" 100000)" ms
bench search_provider_100k_ms "$(CHRONICLE_BENCH_RUNS=3 median search_provider_ms "$bench" search-provider "$data/items-100000.json" 100000)" ms
bench open_long_article_ms "$(median open_long_article_ms "$bench" open-long "$data/long.json")" ms
bench hostile_huge_string_ms "$(median hostile_huge_string_ms "$bench" hostile)" ms
bench hostile_nested_html_ms "$(median hostile_nested_html_ms "$bench" hostile)" ms

# The store.  A library of 100 000 (and 10 000) stored items, made once by
# opening the files: opening until stored, then starting on it.
for n in 10000 100000; do
  if [ ! -f "$data/library-$n.db" ]; then
    "$bench" import "$data/items-$n.json" "$n" "$data/library-$n.db" > "$data/import-$n.txt"
  fi
done
# Written out first: the kernel writing a gigabyte of them back to disk
# meanwhile would be measured with the restores.
sync
bench import_100k_ms "$(sed -n 's/^import_ms //p' "$data/import-100000.txt")" ms
bench import_100k_load_ms "$(sed -n 's/^load_ms //p' "$data/import-100000.txt")" ms

for n in 10000 100000; do
  out=$(mktemp)
  for i in $(seq 3); do "$bench" restore "$data/library-$n.db" "$n" >> "$out"; done
  k=$((n / 1000))k
  for name in restore_first_rows_ms restore_ms restore_max_frame_gap_ms restore_listing_max_frame_gap_ms restore_rss_mb \
              open_first_article_stored_ms open_second_article_stored_ms \
              open_article_stored_ms open_article_stored_read_ms search_restored_ms mark_all_read_ms mark_all_read_max_frame_gap_ms; do
    value=$(sed -n "s/^$name //p" "$out" | middle)
    case $name in
      restore_first_rows_ms) bench "restore_${k}_first_rows_ms" "$value" ms ;;
      restore_ms) bench "restore_${k}_ms" "$value" ms ;;
      restore_max_frame_gap_ms) bench "restore_${k}_max_frame_gap_ms" "$value" ms ;;
      restore_listing_max_frame_gap_ms) bench "restore_${k}_listing_max_frame_gap_ms" "$value" ms ;;
      restore_rss_mb) bench "restore_${k}_rss_mb" "$value" MB ;;
      open_first_article_stored_ms) bench "open_first_article_stored_${k}_ms" "$value" ms ;;
      open_second_article_stored_ms) bench "open_second_article_stored_${k}_ms" "$value" ms ;;
      open_article_stored_ms) bench "open_article_stored_${k}_ms" "$value" ms ;;
      open_article_stored_read_ms) bench "open_article_stored_read_${k}_ms" "$value" ms ;;
      search_restored_ms) bench "search_restored_${k}_ms" "$value" ms ;;
      mark_all_read_ms) bench "mark_all_read_${k}_ms" "$value" ms ;;
      mark_all_read_max_frame_gap_ms) bench "mark_all_read_${k}_max_frame_gap_ms" "$value" ms ;;
    esac
  done
  rm -f "$out"
done

# A library of 100 000 stored items must not slow the window's start.
home=$(mktemp -d)
mkdir -p "$home/chronicle"
cp "$data/library-100000.db" "$home/chronicle/library.db"
pair=$(startups "$home")
rm -rf "$home"
startup_library=${pair% *}
bench startup_100k_library_ms "$startup_library" ms
bench startup_100k_library_hello_ms "${pair#* }" ms
bench startup_100k_library_ratio "$(awk -v a="$startup_library" -v b="${pair#* }" 'BEGIN { printf "%.2f", a / b }')" ratio

# 500 subscriptions of 50 articles each, served from 127.0.0.1, refreshed
# from the window: every feed changed, then every feed unchanged (304).
# The bench's data folder is its own each run (see chronicle-test-utils.c).
out=$(mktemp)
for i in $(seq "$runs"); do
  GIO_USE_PROXY_RESOLVER=dummy "$bench" refresh 500 50 >> "$out"
done
for name in refresh_feeds_ms refresh_max_frame_gap_ms refresh_feeds_304_ms refresh_304_max_frame_gap_ms \
            refresh_rss_before_mb refresh_rss_after_mb; do
  value=$(sed -n "s/^$name //p" "$out" | middle)
  case $name in
    refresh_feeds_ms) bench refresh_500_feeds_ms "$value" ms ;;
    refresh_max_frame_gap_ms) bench refresh_max_frame_gap_ms "$value" ms ;;
    refresh_feeds_304_ms) bench refresh_500_feeds_304_ms "$value" ms ;;
    refresh_304_max_frame_gap_ms) bench refresh_304_max_frame_gap_ms "$value" ms ;;
    refresh_rss_before_mb) before=$value; bench refresh_rss_before_mb "$value" MB ;;
    refresh_rss_after_mb) bench refresh_rss_after_mb "$value" MB
      bench refresh_rss_limit_mb "$(awk -v b="$before" 'BEGIN { printf "%.1f", 1.5 * b + 100 }')" MB ;;
  esac
done
rm -f "$out"

# An article of 50 pictures served from 127.0.0.1, read to its end a
# screen at a time: its text shown, the longest frame while the pictures
# come, and the memory it takes above the window without it.
out=$(mktemp)
for i in $(seq "$runs"); do
  GIO_USE_PROXY_RESOLVER=dummy "$bench" images >> "$out"
done
for name in open_article_50_images_ms images_max_frame_gap_ms images_rss_above_mb; do
  value=$(sed -n "s/^$name //p" "$out" | middle)
  case $name in
    images_rss_above_mb) bench images_rss_above_mb "$value" MB ;;
    *) bench "$name" "$value" ms ;;
  esac
done
rm -f "$out"
