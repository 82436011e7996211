#!/usr/bin/env bash
# Print the path of the Chromium the browser tests drive, installing it first if
# it is missing. We use Debian's `chromium` package, never a browser downloaded by
# Playwright (see docs: "never download a browser"), plus a CJK font so Chinese
# pages render as text rather than boxes in screenshots and layout checks.
#
#   CHROMIUM_PATH="$(scripts/chromium.sh)"
#
# Installing needs root (CI runs as root); otherwise it names the packages to install.
# Progress goes to stderr; stdout carries only the path.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
log() { echo "chromium.sh: $*" >&2; }

missing=()
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
# Any installed Chinese font will do; fonts-wqy-microhei is the small one (~5 MB).
if ! { command -v fc-list >/dev/null && fc-list ':lang=zh' family | grep -q .; }; then
  missing+=(fonts-wqy-microhei)
fi

if (( ${#missing[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y "${missing[@]}" >&2
  else
    log "error: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}"
    exit 1
  fi
fi

[[ -x "$CHROMIUM" ]] || { log "error: $CHROMIUM is still missing after installing"; exit 1; }
log "$("$CHROMIUM" --version 2>/dev/null || echo 'chromium (version unknown)')"
echo "$CHROMIUM"
