// The real `startClerkCall` of the clerk's element (call-seam.ts): the call module is a
// chunk of its own, fetched when the first citizen answers.

import { canCall } from '../widget/can-call.js';
import type { StartClerkCall } from './call-seam.js';

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
