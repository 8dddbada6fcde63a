#!/usr/bin/env bash
# DAISY Ace for the talking book's tests: `npm ci` here, from package-lock.json, without Puppeteer's own
# browser (the tests drive Debian's Chromium). Ace 1.4 needs Node.js 20 or later; where the machine's is
# older (Debian 12 has 18), Node.js 20 comes from the npm registry (the node-linux-<arch> package) into
# node20/, and tests/test_epub.py runs Ace with it. Writes node_modules/.installed last: make's stamp.
set -euo pipefail
cd "$(dirname "$0")"
wanted=${ACE_NODE_MAJOR:-20}
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt "$wanted" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "DAISY Ace needs Node.js $wanted or later; this machine has $(node --version): install it" >&2; exit 1 ;;
  esac
  echo "Node.js $(node --version) is older than $wanted: fetching node-linux-$arch@$wanted from the npm registry"
  npm install --prefix node20 --no-save --no-audit --no-fund --loglevel=error "node-linux-$arch@$wanted"
  PATH="$PWD/node20/node_modules/node-linux-$arch/bin:$PATH"
  export PATH
fi
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
touch node_modules/.installed
