// A TLS-terminating reverse proxy on 127.0.0.1 for the scanner pass, as a deployment would have in front of the
// app: HTTPS on LISTEN_PORT (a throwaway self-signed certificate), plain HTTP to the app on TARGET_PORT, with
// X-Forwarded-Proto: https set (a client-sent one is overwritten) and Host kept, so the app (TRUST_PROXY=1) sends
// HSTS and __Host- cookies and builds its links as https://127.0.0.1:LISTEN_PORT/…, which the scanners can follow.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const [listenPort, targetPort, keyFile, certFile] = process.argv.slice(2);
const server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
  const headers = { ...req.headers, 'x-forwarded-proto': 'https' };
  delete headers['x-forwarded-host'];
  const upstream = http.request({ host: '127.0.0.1', port: Number(targetPort), method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    answer.pipe(res);
  });
  upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.listen(Number(listenPort), '127.0.0.1');
