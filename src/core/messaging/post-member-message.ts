// Member messages are durable effects: see ../effects/durable-api.ts.
export { postMemberMessage } from '../effects/durable-api.ts';
