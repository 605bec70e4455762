// The real `startCall` of the flow (src/call/citizen-seam.ts): the call module is a chunk of its own,
// fetched only when the citizen enters the call, so no page pays for PeerJS before that.

import { canCall } from '../../ui/can-call.js';
import type { StartCall } from '../../call/citizen-seam.js';

export const videoCall: StartCall = (call) => {
  if (!canCall()) return 'unavailable';
  import('../../call-ui/citizen-call.js').then(
    ({ runCitizenCall }) => runCitizenCall(call),
    () => {
      if (!call.signal.aborted) call.onEnded('unavailable');
    },
  );
  return 'started';
};
