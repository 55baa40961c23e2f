#!/bin/sh
# Chromium for the page tests (test/support/serve-browser.ts launchChromium): the browser named in
# TONGBAO_CHROMIUM_REAL with the omnibox's WebUI popups turned off. Headless Chromium otherwise
# starts a renderer of its own for the address bar's popup (about 1 s of CPU a launch, for
# nothing a test looks at). Chromium keeps only the last --disable-features it is given, so the
# list playwright passes and ours are merged into one here.
dis="WebUIOmniboxAimPopup,WebUIOmniboxPopup"
for a in "$@"; do
  shift
  case "$a" in
    --disable-features=*) dis="$dis,${a#--disable-features=}" ;;
    *) set -- "$@" "$a" ;;
  esac
done
exec "${TONGBAO_CHROMIUM_REAL:?}" "$@" "--disable-features=$dis"
