#!/usr/bin/env bash
# Sourced: what this machine's own apt configuration says about where Debian packages come from,
# so no package mirror is ever named in this repository.
#   apt_source_files   the enabled source files (one-line .list and deb822 .sources)
#   debian_mirror      the first URI that serves bookworm's main suite (for debootstrap)

apt_source_files() {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -s "$file" ] && printf '%s\n' "$file"
  done
  return 0
}

debian_mirror() {
  local file mirror=""
  while read -r file; do
    case "$file" in
      *.sources)
        # deb822 stanzas: a URIs line and a Suites line per stanza, blank lines between stanzas.
        mirror=$(awk '
          function serves() { return uris != "" && !off && suites ~ /(^| )bookworm( |$)/ }
          /^[[:space:]]*$/ { if (serves()) { print uris; exit } uris = ""; suites = ""; off = 0; next }
          /^URIs:/ { uris = $2 }
          /^Suites:/ { $1 = ""; suites = $0 " " }
          /^Enabled:[[:space:]]*no/ { off = 1 }
          END { if (serves()) print uris }
        ' "$file" | head -1) ;;
      *)
        mirror=$(awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == "bookworm") { print $i; exit } }' "$file") ;;
    esac
    [ -n "$mirror" ] && break
  done < <(apt_source_files)
  if [ -z "$mirror" ]; then
    echo "no enabled apt source serves Debian bookworm (looked in $(apt_source_files | tr '\n' ' '))" >&2
    return 1
  fi
  printf '%s\n' "$mirror"
}
