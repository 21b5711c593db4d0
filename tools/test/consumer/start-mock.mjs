// Starts the mock from the installed @aidp/mock, prints its URL as JSON, stops when stdin closes.
import { startMock } from "@aidp/mock";

const mock = await startMock({ port: 0 });
console.log(JSON.stringify({ url: mock.url }));
process.stdin.resume();
process.stdin.on("end", async () => {
  await mock.stop();
  process.exit(0);
});
