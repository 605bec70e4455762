// Every wire contract of Balcão Virtual, in one place: the line and clerk sockets, the HTTP
// bodies, the written channel, the call's data channel, close codes and error codes, with
// their parsers and the guards they share. Pure: no DOM, no Node.
export * from './guards.js';
export * from './text-guards.js';
export * from './errors.js';
export * from './close-codes.js';
export * from './attendance.js';
export * from './rtc.js';
export * from './line.js';
export * from './clerk.js';
export * from './http.js';
export * from './line-state.js';
export * from './written-message.js';
export * from './data-channel.js';
