#!/usr/bin/env bash
# Regenerates the README's console screenshots (docs/screenshots/*.png): the headless
# Chromium test walks the console on fake incidents and saves each page it visits.
# Needs chromium and chromium-driver (Debian packages; .ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
SENTINELLE_SCREENSHOTS=1 cargo test --locked --test it -- --exact \
  console::a_security_officer_reviews_a_refusal_in_headless_chromium
ls -l docs/screenshots/
