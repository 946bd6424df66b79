#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Vendor the portal's front-end assets: install the pinned npm packages of frontend/ (package-lock.json)
# and copy their built dist files, with their licences, into src/stuurdata/portal/static/vendor/.
# The copied files are committed: nothing needs npm (or a CDN) at run time or in CI.
# Run after changing frontend/package.json: `bash scripts/vendor-assets.sh`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
VENDOR="$ROOT/src/stuurdata/portal/static/vendor"
MODULES="$FRONTEND/node_modules"
MAX_BYTES=$((2 * 1024 * 1024))

(cd "$FRONTEND" && npm ci --ignore-scripts --no-audit --no-fund)

rm -rf "$VENDOR"
mkdir -p "$VENDOR"

# copy <package> <destination folder> <file in package>...
copy() {
  local package="$1" dest="$VENDOR/$2"
  shift 2
  mkdir -p "$dest"
  for file in "$@"; do
    cp "$MODULES/$package/$file" "$dest/$(basename "$file")"
  done
  local version
  version="$(node -p "require('$MODULES/$package/package.json').version")"
  echo "$package $version -> vendor/$(basename "$dest")" >>"$VENDOR/VERSIONS.txt"
}

copy maplibre-gl maplibre-gl dist/maplibre-gl.js dist/maplibre-gl.css LICENSE.txt
copy @utrecht/component-library-css utrecht-component-library-css dist/index.css LICENSE.md
copy @nl-design-system-unstable/voorbeeld-design-tokens voorbeeld-design-tokens dist/theme.css LICENSE.md
# Charts: vega-embed bundles vega's CSP-safe expression interpreter (used with `ast: true`)
copy vega vega build/vega.min.js LICENSE
copy vega-lite vega-lite build/vega-lite.min.js LICENSE
copy vega-embed vega-embed build/vega-embed.min.js LICENSE
copy htmx.org htmx dist/htmx.min.js LICENSE

# axe-core runs only in the browser tests (injected by Playwright): vendored beside them, outside
# the package, so the portal never serves it.
AXE="$ROOT/tests/browser/vendor/axe-core"
rm -rf "$AXE"
mkdir -p "$AXE"
cp "$MODULES/axe-core/axe.min.js" "$MODULES/axe-core/LICENSE" "$AXE/"
echo "axe-core $(node -p "require('$MODULES/axe-core/package.json').version")" >"$AXE/VERSION.txt"

# Vendored files stay small: minified dist files only.
while IFS= read -r -d '' file; do
  size=$(stat -c %s "$file")
  if ((size > MAX_BYTES)); then
    echo "te groot om te vendoren (${size} bytes > ${MAX_BYTES}): $file" >&2
    exit 1
  fi
done < <(find "$VENDOR" -type f -print0)

echo "Vendored into $VENDOR:"
cat "$VENDOR/VERSIONS.txt"
