// Subscribes with graphql-ws, the reference client of Apollo, urql and Relay, over `ws`.
//
//   node subscribe.mjs <ws-url> <token> <query> [count]
//
// Prints one JSON line per happening on stdout: {"event":"connected"} once the server
// acknowledged the connection, {"event":"next","payload":...} per result, then
// {"event":"complete"} after <count> results (default 1), or {"event":"error",...} and a
// non-zero exit status. Gives up after SUBSCRIBE_TIMEOUT_MS (default 60000).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, query, countArg] = process.argv.slice(2);
const count = Number(countArg || 1);
const timeoutMs = Number(process.env.SUBSCRIBE_TIMEOUT_MS || 60000);

const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

function describe(err) {
  if (Array.isArray(err)) return { errors: err };
  if (err && typeof err === 'object' && 'code' in err && 'reason' in err) {
    return { closeCode: err.code, reason: String(err.reason) };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

const timer = setTimeout(() => {
  print({ event: 'error', message: `timed out after ${timeoutMs} ms` });
  process.exit(3);
}, timeoutMs);

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: {
    connected: () => print({ event: 'connected' }),
  },
});

let status = 0;
try {
  let received = 0;
  for await (const result of client.iterate({ query })) {
    print({ event: 'next', payload: result });
    received += 1;
    if (received >= count) break;
  }
  print({ event: 'complete' });
} catch (err) {
  print({ event: 'error', ...describe(err) });
  status = 1;
} finally {
  clearTimeout(timer);
  await client.dispose();
}
process.exit(status);
