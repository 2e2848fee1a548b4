// KafkaJS (a pure-JavaScript Kafka client) against DevHarness's embedded broker, with KafkaJS's defaults.
// Usage: node kafka/conformance.mjs <scenario>; BOOTSTRAP and TOPIC from the environment.
// Prints one JSON object on stdout; exits non-zero (with the error on stderr) when a step fails.
import { Kafka, CompressionTypes, logLevel } from "kafkajs";

const bootstrap = process.env.BOOTSTRAP;
const topic = process.env.TOPIC;
const kafka = new Kafka({ clientId: "kafkajs-conformance", brokers: [bootstrap], logLevel: logLevel.NOTHING });
const deadline = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref());
const text = (buffer) => (buffer === null ? null : buffer.toString("utf8"));

/** Reads `count` messages with a fresh group from the beginning (or from `seekTo`), then leaves. */
async function read(count, { group = `kafkajs-${Math.random().toString(16).slice(2)}`, fromBeginning = true, seekTo, onReady } = {}) {
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning });
  const messages = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => onReady?.());
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      messages.push({ partition, offset: Number(message.offset), key: text(message.key), value: text(message.value), timestamp: Number(message.timestamp) });
      if (messages.length === count) done();
    },
  });
  if (seekTo !== undefined) consumer.seek({ topic, partition: 0, offset: String(seekTo) });
  await Promise.race([finished, deadline(60000)]);
  await consumer.disconnect();
  return messages;
}

const scenarios = {
  // acks=-1 (all) with each codec KafkaJS implements (snappy, lz4 and zstd need plug-ins it does not ship).
  async codecs() {
    const producer = kafka.producer();
    await producer.connect();
    const codecs = { none: CompressionTypes.None, gzip: CompressionTypes.GZIP };
    for (const [name, compression] of Object.entries(codecs)) {
      const messages = Array.from({ length: 50 }, (_, i) => ({ key: `${name}-${i}`, value: `${name} value ${i} ${"y".repeat(i)}` }));
      await producer.send({ topic, acks: -1, compression, messages });
    }
    await producer.disconnect();
    return { messages: await read(100) };
  },

  // Earliest and latest offsets, the offset for a time, and consumers positioned at an offset, a time and the end.
  async positions() {
    const producer = kafka.producer();
    await producer.connect();
    const base = 1700000000000;
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}`, timestamp: String(base + i * 1000) })) });
    const admin = kafka.admin();
    await admin.connect();
    const bounds = await admin.fetchTopicOffsets(topic);
    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, base + 2500);
    await admin.disconnect();
    const fromOffset = await read(3, { seekTo: 2 });
    const fromTime = await read(2, { seekTo: Number(byTime[0].offset) });
    // From the end: a new group without commits, not from the beginning, sees only what comes after it
    // joined. When exactly it resolves the end is KafkaJS's business, so "after" is sent until one arrives.
    let ticker;
    const fromEnd = await read(1, {
      fromBeginning: false,
      onReady: () => (ticker ??= setInterval(() => producer.send({ topic, acks: -1, messages: [{ value: "after" }] }).catch(() => {}), 200)),
    });
    clearInterval(ticker);
    await producer.disconnect();
    return { low: Number(bounds[0].low), high: Number(bounds[0].high), byTime: Number(byTime[0].offset), fromOffset, fromTime, fromEnd };
  },

  // A group reads, commits and leaves; the next member of the group resumes after the committed offset.
  async resume() {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `m${i}` })) });
    const group = `kafkajs-resume-${Math.random().toString(16).slice(2)}`;
    const first = await read(6, { group });
    await producer.send({ topic, acks: -1, messages: [{ key: "k0", value: "after" }] });
    const second = await read(1, { group });
    await producer.disconnect();
    return { first, second };
  },

  // Two members share the topic's partitions; when one leaves, the other is given them all.
  async rebalance() {
    const group = `kafkajs-rebalance-${Math.random().toString(16).slice(2)}`;
    const members = [kafka.consumer({ groupId: group }), kafka.consumer({ groupId: group })];
    const assigned = [[], []];
    const history = [];
    for (const [index, consumer] of members.entries()) {
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        assigned[index] = e.payload.memberAssignment[topic] ?? [];
        history.push({ member: index, partitions: assigned[index] });
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => {} });
    }
    const until = async (condition) => {
      const started = Date.now();
      while (!condition()) {
        if (Date.now() - started > 60000) throw new Error(`group did not settle: ${JSON.stringify(history)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => assigned[0].length > 0 && assigned[1].length > 0 && assigned[0].length + assigned[1].length === 4);
    const shared = assigned.map((a) => [...a].sort());
    await members[1].disconnect();
    await until(() => assigned[0].length === 4);
    const after = [...assigned[0]].sort();
    await members[0].disconnect();
    return { shared, after };
  },

  // OCI's refusals: idempotent producers, a message over 1 MiB (key + value), an unknown topic.
  async refusals() {
    const result = {};
    const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      await idempotent.connect();
      await idempotent.send({ topic, acks: -1, messages: [{ value: "x" }] });
      result.idempotent = "accepted";
    } catch (e) {
      result.idempotent = `${e.name}: ${e.message}`;
    } finally {
      await idempotent.disconnect();
    }

    const producer = kafka.producer({ retry: { retries: 0 }, allowAutoTopicCreation: false });
    await producer.connect();
    const oneMebibyte = 1024 * 1024;
    const fits = await producer.send({ topic, acks: -1, messages: [{ key: "kk", value: Buffer.alloc(oneMebibyte - 2, 0x61) }] });
    result.fits = Number(fits[0].baseOffset);
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: "kk", value: Buffer.alloc(oneMebibyte - 1, 0x61) }] });
      result.tooLarge = "accepted";
    } catch (e) {
      result.tooLarge = e.type ?? `${e.name}: ${e.message}`;
    }
    try {
      await producer.send({ topic: "no-such-topic", acks: -1, messages: [{ value: "x" }] });
      result.unknown = "accepted";
    } catch (e) {
      result.unknown = e.type ?? `${e.name}: ${e.message}`;
    }
    await producer.disconnect();
    return result;
  },
};

const scenario = scenarios[process.argv[2]];
if (!scenario) {
  console.error(`unknown scenario '${process.argv[2]}'; one of: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await scenario()));
  process.exit(0);
} catch (e) {
  console.error(e?.stack ?? String(e));
  process.exit(1);
}
