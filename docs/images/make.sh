#!/usr/bin/env bash
# Regenerates the pictures of the reports in this folder from the failing sample:
# the scorecard's C.1 and C.4 pages (LibreOffice → PDF → PNG) and the HTML report (headless chromium).
# Needs libreoffice-calc-nogui, poppler-utils, chromium, fonts-wqy-microhei. Usage: docs/images/make.sh [IQ_COMMAND]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
iq=${1:-./iq}
out=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$iq audit --facts checklists/samples/failing --as-of 2026-11-22 --report report_no=EVAL-2026-031 \
  --report place=某三甲医院影像科机房 --report "assessors=周静（检测工程师）" \
  --xlsx "$work/scorecard.xlsx" --html "$work/report.html" --pdf "$work/report.pdf" >/dev/null || true
soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work" "$work/scorecard.xlsx" >/dev/null
pages=$(pdfinfo "$work/scorecard.pdf" | awk '/^Pages:/ {print $2}')
echo "scorecard.pdf: $pages pages, $(pdfinfo "$work/scorecard.pdf" | awk -F': *' '/^Page size:/ {print $2}')"
echo "report.pdf: $(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}') pages, $(pdfinfo "$work/report.pdf" | awk -F': *' '/^Page size:/ {print $2}')"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/scorecard.pdf" "$out/scorecard-c1"
for p in $(seq 1 "$pages"); do
  if pdftotext -f "$p" -l "$p" "$work/scorecard.pdf" - | grep -q "6.4.2 c)"; then
    pdftoppm -png -r 80 -f "$p" -l "$p" -singlefile "$work/scorecard.pdf" "$out/scorecard-c4"; break
  fi
done
flags=(--headless --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync
       "--user-data-dir=$work/chromium" --hide-scrollbars --window-size=1400,1600)
[ "$(id -u)" = 0 ] && flags+=(--no-sandbox)
chromium "${flags[@]}" "--screenshot=$out/html-report.png" "file://$work/report.html" 2>/dev/null
ls -la "$out"/*.png
