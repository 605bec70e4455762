// The real `startClerkCall` of the clerk's element (src/call/clerk-seam.ts): the call module is a
// chunk of its own, fetched when the first citizen answers.

import { canCall } from '../ui/can-call.js';
import type { StartClerkCall } from '../call/clerk-seam.js';

export const clerkVideoCall: StartClerkCall = (call) => {
  if (!canCall()) return 'unavailable';
  import('../call-ui/clerk-call.js').then(
    ({ runClerkCall }) => runClerkCall(call),
    () => {
      if (!call.signal.aborted) call.onEnded('unavailable');
    },
  );
  return 'started';
};
