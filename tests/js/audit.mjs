// Runs the GraphQL-over-HTTP audit of graphql-http against a server.
//
//   node audit.mjs <http-url>
//
// Prints one JSON line per audit: {"id","name","status","reason","httpStatus","body"};
// status is "ok", "notice" (a MAY), "warn" (a SHOULD) or "error" (a MUST).
import { auditServer } from 'graphql-http';

const [url] = process.argv.slice(2);
const results = await auditServer({ url });
for (const result of results) {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
    line.httpStatus = result.response?.status;
    line.contentType = result.response?.headers?.get('content-type');
    try {
      line.body = (await result.response.text()).slice(0, 500);
    } catch {
      line.body = null; // the audit may have read the body already
    }
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
