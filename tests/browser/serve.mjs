// Serves a built site over HTTP on 127.0.0.1 for the browser checks, as a
// web server would: a folder's index.html, the right content types, and,
// as if hosted under base_url's path, a path found from where the site's
// own files begin (the 404 page's links start there).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
                '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml',
                '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8' };

// Starts serving `siteDir`; returns the server and its base address.
export async function serve(siteDir) {
  const root = path.resolve(siteDir);
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.normalize(path.join(root, url));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    for (let rest = url; !fs.existsSync(file) && rest.indexOf('/', 1) > 0;) {
      rest = rest.slice(rest.indexOf('/', 1));
      file = path.normalize(path.join(root, rest));
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}
