'use strict';
// Runs the simulator in its own process (for measurements that must not count
// the simulator's memory): sends { chromiumArgs } over IPC once listening, and
// answers { id, scan: qr } / { id, typeCode: [phone, code] } messages.
const { startSimulator } = require('../simulator');

(async () => {
  const sim = await startSimulator(JSON.parse(process.argv[2] || '{}'));
  process.on('message', async (msg) => {
    if (msg.close) {
      await sim.close();
      process.exit(0);
    }
    const result = msg.scan ? await sim.phone.scan(msg.scan) : await sim.phone.typeCode(...msg.typeCode);
    process.send({ id: msg.id, result });
  });
  process.on('disconnect', () => sim.close().then(() => process.exit(0)));
  process.send({ ready: true, chromiumArgs: sim.chromiumArgs });
})();
