#!/usr/bin/env bash
# Installs the Debian packages the publisher and its tests need, where it can.
# Each argument is "package" or "package:command" (a command that proves it is there,
# for things a machine may have from elsewhere, such as java).
# As root with apt-get: installs what is missing. Otherwise: names the exact command, exit 1.
set -euo pipefail
missing=()
for spec in "$@"; do
  package=${spec%%:*}
  probe=${spec#*:}
  if [ "$probe" != "$spec" ] && command -v "$probe" >/dev/null 2>&1; then
    continue
  fi
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    continue
  fi
  missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
exit 1
