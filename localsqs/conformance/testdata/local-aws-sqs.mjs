// Serves local-aws-sqs@2.0.2 (npm) on 127.0.0.1 for the conformance suite's
// optional third target. Run from a folder where it is installed:
//
//	npm install local-aws-sqs@2.0.2
//	node local-aws-sqs.mjs PORT
//	SQSCOPE_LOCALAWSSQS_ENDPOINT=http://127.0.0.1:PORT go test ./localsqs/conformance/
import { createSqsServer } from "local-aws-sqs";

const port = Number(process.argv[2] || 9325);
await createSqsServer({ port, hostname: "127.0.0.1" });
console.log(`local-aws-sqs listening on 127.0.0.1:${port}`);
