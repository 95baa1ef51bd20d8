// Run by `npm ci` (postinstall): the emulator is in place before the first `npm start` or `npm test`.
import { installDynamoDbLocal } from './dynamodb-local.ts';

console.log(`DynamoDB Local is in ${await installDynamoDbLocal()}`);
