#!/usr/bin/env bash
# Scanner pass with Debian's wapiti (modules xss, sql, exec, file, crlf, http_headers) and sqlmap --batch over the
# forms and query parameters of one tenant, anonymous and signed in as supplier, buyer and administrator.
# Only ever 127.0.0.1: the production build on a fresh embedded database (SCAN_PORT, default 3425) behind a
# TLS-terminating proxy (tests/scan/tls-proxy.mjs on SCAN_PORT+1, self-signed), with TRUST_PROXY=1, so HSTS,
# __Host- cookies and https links are what a deployment sends. (Sending X-Forwarded-Proto: https straight to the
# app is not enough: its pages then link to https:// URLs that nothing answers, and both scanners stopped at
# "SSL connection error" on every link after the first page.)
#
# Bounds (SCAN_SECONDS, default 40): wapiti crawls for at most 2x, then each of its 6 modules attacks for at most
# 1x (+15 s); sqlmap for at most 4x in two runs. One persona takes at most about 13x (9 minutes at the default).
# sqlmap: boolean, error and union techniques (time-based and stacked left out for time); on the forms --smart
# (full tests only where its heuristics see a sign of injection) so that every form is tried inside the bound. SCAN_PERSONAS picks personas (default: all four); SCAN_PORT (default 3425).
# Raw output in .tmp/scan/; summary in tests/scan/results/summary.{json,md}. Exit 1 on any finding.
#
# Triage (why a reported item is not counted; tests/scan/summarise.ts applies the same rules):
# - wapiti http_headers "X-XSS-Protection is not set": the header is obsolete (browsers removed the XSS auditor)
#   and OWASP advises against setting it; the nonce CSP is what stops injected scripts here.
# Everything else a scanner reports — vulnerabilities, wapiti "anomalies" (a 500 or a timeout it provoked),
# sqlmap injections, and any 5xx in the server log during the pass — counts as a finding.
set -uo pipefail
cd "$(dirname "$0")/../.."
for tool in wapiti sqlmap; do
  command -v "$tool" >/dev/null || { echo "scan: $tool is missing (apt-get install wapiti sqlmap)" >&2; exit 2; }
done
PORT="${SCAN_PORT:-3425}"
SECONDS_PER="${SCAN_SECONDS:-40}"
PERSONAS="${SCAN_PERSONAS:-anonymous supplier buyer admin}"
OUT=".tmp/scan"
rm -rf "$OUT" && mkdir -p "$OUT"
TLS_PORT=$((PORT + 1))
export E2E_PORT="$PORT" EMBEDDED_DB_PORT="$((PORT + 1000))" TRUST_PROXY=1
started=$(date +%s)
setsid bash tests/e2e/serve.sh >"$OUT/server.log" 2>&1 &
SERVER=$!
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -keyout "$OUT/tls.key" -out "$OUT/tls.crt" >/dev/null 2>&1
node tests/scan/tls-proxy.mjs "$TLS_PORT" "$PORT" "$OUT/tls.key" "$OUT/tls.crt" &
TLS=$!
KEEPER=""
trap 'kill -- -$SERVER 2>/dev/null; kill $TLS 2>/dev/null; [ -n "$KEEPER" ] && kill -- -$KEEPER 2>/dev/null' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "scan: server did not start" >&2; tail -20 "$OUT/server.log"; exit 2; }
echo "scan: server up after $(( $(date +%s) - started )) s"
TOKENS="$(npx tsx tests/scan/sessions.ts)"
# wapiti loads all its modules, and the unused "wapp" one downloads a technology list from GitHub when it has none:
# a HOME of its own with an empty list keeps every request of the pass on 127.0.0.1.
WAPITI_HOME="$PWD/$OUT/wapiti-home"
mkdir -p "$WAPITI_HOME/.wapiti/config" && echo '{"apps": {}, "categories": {}}' >"$WAPITI_HOME/.wapiti/config/apps.json"
setsid npx tsx tests/scan/sessions.ts keep "$TOKENS" 2>"$OUT/sessions-restored.log" &
KEEPER=$!
BASE="https://127.0.0.1:$TLS_PORT/t/uk/en/"
ORIGIN="https://127.0.0.1:$TLS_PORT"
for persona in $PERSONAS; do
  headers=(-H "Origin: $ORIGIN")
  cookie=""
  if [ "$persona" != anonymous ]; then
    token="$(node -e "console.log(JSON.parse(process.argv[1])['$persona'])" "$TOKENS")"
    cookie="__Host-mp.session=$token"
    headers+=(-H "Cookie: $cookie")
  fi
  from=$(( $(wc -l <"$OUT/server.log") + 1 ))
  restored_from=$(wc -l <"$OUT/sessions-restored.log")
  t0=$(date +%s)
  echo "== wapiti as $persona"
  # One process per module over one crawl (the session file is kept between them), each stopped with SIGINT at its
  # bound with "r" waiting on stdin: wapiti then stops that module and still writes its report. (Its own
  # --max-attack-time is only checked between pages, and one catalogue page with 20 filter fields took the exec
  # module past 8 minutes; killed outright, wapiti writes no report at all.)
  # Scope "domain" on 127.0.0.1: the tenant's pages under /t/uk/ (and whatever they link to on loopback).
  common=(-u "${BASE%/}" --scope domain --verify-ssl 0 -S polite -t 10 -d 3 --max-links-per-page 30 --max-attack-time "$SECONDS_PER" "${headers[@]}" -f json)
  first=1
  for module in http_headers xss sql exec file crlf; do
    if [ "$first" = 1 ]; then
      crawl=(--flush-session --max-scan-time "$((SECONDS_PER * 2))"); bound=$((SECONDS_PER * 3 + 15)); first=0
    else
      crawl=(--skip-crawl); bound=$((SECONDS_PER + 15))
    fi
    printf 'r\nr\n' | HOME="$WAPITI_HOME" timeout -s INT -k 30 "$bound" wapiti "${common[@]}" "${crawl[@]}" -m "$module" -o "$OUT/wapiti-$persona-$module.json" \
      >>"$OUT/wapiti-$persona.log" 2>&1
    echo "wapiti $module exit $? after $(( $(date +%s) - t0 )) s" >>"$OUT/wapiti-$persona.log"
  done
  HOME="$WAPITI_HOME" python3 tests/scan/wapiti-stats.py "$TLS_PORT" >"$OUT/wapiti-$persona-stats.json"
  t1=$(date +%s)
  echo "== sqlmap as $persona"
  # Two runs: the catalogue's query parameters (the one GET form with free text), then every form reachable from
  # the persona's own start page, with catalogue pages left out of that crawl (its 20-field filter form, found on
  # every catalogue page, would otherwise use the whole bound: 2 of 17 forms were tried in 120 s).
  sqlopts=(--batch --disable-coloring --dbms=PostgreSQL --level=1 --risk=1 --smart --technique=BEU --timeout=15 --threads=2 --headers="Origin: $ORIGIN" ${cookie:+--cookie="$cookie"})
  # The catalogue URL is one with results (a Welsh small supplier's hosting service), so a changed parameter changes
  # the page and boolean-based blind injection can be seen; no --smart here: the app shows no database errors, so
  # the heuristic that --smart relies on never fires (a deliberately injectable region filter went unnoticed with it).
  timeout "$((SECONDS_PER * 2))" sqlmap "${sqlopts[@]/--smart/}" --flush-session --output-dir="$OUT/sqlmap-$persona" \
    -u "${BASE}catalogue?q=hosting&framework=cloud-services-14&lot=cloud-hosting&size=small&region=Wales&sort=relevance&page=1" \
    >"$OUT/sqlmap-$persona.log" 2>&1
  echo "sqlmap catalogue exit $? after $(( $(date +%s) - t1 )) s" >>"$OUT/sqlmap-$persona.log"
  start="${BASE}"; case "$persona" in supplier) start="${BASE}supplier";; buyer) start="${BASE}buyer";; admin) start="${BASE}admin";; esac
  timeout "$((SECONDS_PER * 2))" sqlmap "${sqlopts[@]}" --output-dir="$OUT/sqlmap-$persona" -u "$start" \
    --forms --crawl=2 --crawl-exclude="sign-out|catalogue" >>"$OUT/sqlmap-$persona.log" 2>&1
  echo "sqlmap forms exit $? after $(( $(date +%s) - t1 )) s" >>"$OUT/sqlmap-$persona.log"
  tail -n "+$from" "$OUT/server.log" >"$OUT/server-$persona.log"
  tail -n "+$((restored_from + 1))" "$OUT/sessions-restored.log" | grep -c . >"$OUT/restored-$persona.txt"
  echo "$(( $(date +%s) - t0 ))" >"$OUT/seconds-$persona.txt"
done
npx tsx tests/scan/summarise.ts "$OUT" $PERSONAS
