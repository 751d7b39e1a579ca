#!/usr/bin/env bash
# Regenerates every SBOM in this folder from ./project (see README.md). Needs Node.js with npm, the npm registry, and
# Debian's reuse. Not run by the tests: they read the committed files, which are what these tools wrote.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
(cd project && npm ci --no-audit --no-fund >/dev/null)
mkdir -p generated file-level
for v in 1.4 1.5 1.6 1.7; do
  for f in JSON XML; do
    ext=$(echo "$f" | tr A-Z a-z)
    (cd project && npx --yes @cyclonedx/cyclonedx-npm@6.0.1 --sv "$v" --of "$f" --output-reproducible -o "../generated/cyclonedx-npm-$v.cdx.$ext")
  done
done
(cd project && npm sbom --sbom-format spdx > ../generated/npm-sbom.spdx.json && npm sbom --sbom-format cyclonedx > ../generated/npm-sbom.cdx.json)
(cd project && reuse --root . spdx 2>/dev/null > ../generated/reuse.spdx)
lib=$(mktemp -d)
(cd "$lib" && npm init -y >/dev/null && npm install --no-audit --no-fund @cyclonedx/cyclonedx-library@10.3.0 xmlbuilder2 ajv ajv-formats ajv-formats-draft2019 >/dev/null)
CDX_LIB_DIR="$lib/node_modules" node make_file_boms.mjs
rm -rf "$lib"
