#!/usr/bin/env bash
# Scanner pass with Debian's wapiti (modules xss, sql, exec, file, crlf, http_headers) and sqlmap --batch over the
# forms and query parameters of one tenant, anonymous and signed in as supplier, buyer and administrator.
# Only ever 127.0.0.1: the production build on a fresh embedded database, as if behind a TLS proxy
# (TRUST_PROXY=1, X-Forwarded-Proto: https), so HSTS and __Host- cookies are what a deployment sends.
# SCAN_SECONDS bounds each wapiti module and each sqlmap run (default 120). Exit 1 on any finding.
set -uo pipefail
cd "$(dirname "$0")/../.."
for tool in wapiti sqlmap; do
  command -v "$tool" >/dev/null || { echo "scan: $tool is missing (apt-get install wapiti sqlmap)" >&2; exit 2; }
done
PORT="${SCAN_PORT:-3430}"
SECONDS_PER="${SCAN_SECONDS:-120}"
OUT=".tmp/scan"
rm -rf "$OUT" && mkdir -p "$OUT"
export E2E_PORT="$PORT" EMBEDDED_DB_PORT="$((PORT + 1000))" TRUST_PROXY=1
setsid bash tests/e2e/serve.sh >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "scan: server did not start" >&2; tail -20 "$OUT/server.log"; exit 2; }
TOKENS="$(npx tsx tests/scan/sessions.ts)"
BASE="http://127.0.0.1:$PORT/t/uk/en/"
ORIGIN="https://127.0.0.1:$PORT"
findings=0
for persona in ${SCAN_PERSONAS:-anonymous supplier buyer admin}; do
  headers=(-H "X-Forwarded-Proto: https" -H "Origin: $ORIGIN")
  cookie=""
  if [ "$persona" != anonymous ]; then
    token="$(node -e "console.log(JSON.parse(process.argv[1])['$persona'])" "$TOKENS")"
    cookie="__Host-mp.session=$token"
    headers+=(-H "Cookie: $cookie")
  fi
  echo "== wapiti as $persona"
  # Scope "domain" on 127.0.0.1: the tenant's pages under /t/uk/ (and whatever they link to on loopback).
  wapiti -u "${BASE%/}" --scope domain -m xss,sql,exec,file,crlf,http_headers --flush-session \
    --max-scan-time "$((SECONDS_PER * 3))" --max-attack-time "$SECONDS_PER" -t 10 -d 3 --max-links-per-page 30 \
    "${headers[@]}" -f json -o "$OUT/wapiti-$persona.json" >"$OUT/wapiti-$persona.log" 2>&1
  # X-XSS-Protection is the one check accepted: the header is obsolete (browsers removed the XSS auditor) and
  # OWASP advises against setting it; the nonce CSP is what stops injected scripts here.
  n="$(node -e "
    const r = require('./$OUT/wapiti-$persona.json');
    const found = Object.entries(r.vulnerabilities || {}).flatMap(([k, v]) => v.map((x) => k + ': ' + (x.info || '') + ' ' + (x.path || '')));
    const real = found.filter((f) => !/X-XSS-Protection/i.test(f));
    for (const f of found) console.error((real.includes(f) ? 'FINDING ' : 'accepted ') + f);
    console.log(real.length);
  ")"
  echo "wapiti $persona: $n finding(s)"
  findings=$((findings + n))
  echo "== sqlmap as $persona"
  timeout "$((SECONDS_PER * 3))" sqlmap --batch --flush-session --disable-coloring --output-dir="$OUT/sqlmap-$persona" \
    -u "${BASE}catalogue?q=cloud&framework=cloud-services-14&lot=cloud-hosting&size=small&region=Wales&sort=relevance&page=1" \
    --forms --crawl=2 --crawl-exclude="sign-out" --dbms=PostgreSQL --level=2 --risk=1 --time-sec=2 --timeout=10 --threads=2 \
    --headers="X-Forwarded-Proto: https
Origin: $ORIGIN" ${cookie:+--cookie="$cookie"} >"$OUT/sqlmap-$persona.log" 2>&1
  status=$?
  if grep -qiE "is vulnerable|sqlmap identified the following injection" "$OUT/sqlmap-$persona.log"; then
    echo "sqlmap $persona: INJECTION FOUND"; findings=$((findings + 1))
  else
    bound=""; [ "$status" -eq 124 ] && bound=" (stopped at the ${SECONDS_PER}x3 s bound)"
    echo "sqlmap $persona: $(grep -ciE "testing '" "$OUT/sqlmap-$persona.log") injection tests over $(grep -ciE "testing (GET|POST) parameter|testing URI parameter" "$OUT/sqlmap-$persona.log") parameters, none positive$bound"
  fi
done
echo "Scanner findings: $findings"
[ "$findings" -eq 0 ]
