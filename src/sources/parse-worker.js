// Parses feed XML off the main thread. Plain JavaScript so the worker needs no TypeScript loader.
// rss-parser's parseString is synchronous: a multi-megabyte feed would otherwise block the event loop
// (Discord heartbeats, Slack's 3-second acks) for seconds.
import { parentPort, workerData } from 'node:worker_threads';
import Parser from 'rss-parser';

const { maxItems, ...options } = workerData;
const parser = new Parser(options);

parentPort.on('message', async ({ id, xml }) => {
  try {
    // A JSON string crosses to the main thread much faster than a structured clone of thousands of
    // small objects, whose deserialisation would itself stall the main thread.
    const output = await parser.parseString(xml);
    output.items = output.items.slice(0, maxItems);
    parentPort.postMessage({ id, json: JSON.stringify(output) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
