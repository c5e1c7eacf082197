// Loaded by path into the workflow sandbox and used by clients: failure messages and stack traces are
// moved into an encoded payload, so the codec encrypts them too.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
