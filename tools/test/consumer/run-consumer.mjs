// Runs the compiled consumer against the mock URL given as argument and prints its report as JSON.
import { runConsumer } from "./out/consumer.js";

const report = await runConsumer(process.argv[2]);
console.log(JSON.stringify({ node: process.version, ...report }));
