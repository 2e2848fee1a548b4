// Posts <count> distinct createobject events (one object each) to an events emulator from <clients>
// keep-alive connections; prints events/s. node post-events.mjs <eventsUrl> <count> <clients>
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const [url, countText, clientsText] = process.argv.slice(2);
const count = Number(countText);
const clients = Number(clientsText);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const compartment = 'ocid1.compartment.oc1..aaaaaaaadevharnessdevharnessdevharnessdevharness';

function event(i) {
  const name = `bench/object-${i}.bin`;
  return JSON.stringify({
    eventType: 'com.oraclecloud.objectstorage.createobject', cloudEventsVersion: '0.1', eventTypeVersion: '2.0',
    source: 'ObjectStorage', eventTime: new Date().toISOString(), contentType: 'application/json',
    data: {
      compartmentId: compartment, compartmentName: 'devharness', resourceName: name,
      resourceId: `/n/devharness/b/uploads/o/${name}`, availabilityDomain: 'AD1',
      additionalDetails: { bucketName: 'uploads', archivalState: 'Available', namespace: 'devharness', eTag: randomUUID() },
    },
    eventID: randomUUID(), extensions: { compartmentId: compartment },
  });
}

let next = 0;
let failed = 0;
function post() {
  if (next >= count) {
    return Promise.resolve();
  }

  const body = event(next++);
  return new Promise((resolve) => {
    const request = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => { failed += response.statusCode === 202 ? 0 : 1; resolve(); });
    });
    request.on('error', () => { failed++; resolve(); });
    request.end(body);
  }).then(post);
}

const started = process.hrtime.bigint();
await Promise.all(Array.from({ length: clients }, post));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`posted ${count} in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(0)} events/s), failed ${failed}`);
agent.destroy();
