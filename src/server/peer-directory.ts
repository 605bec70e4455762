// What the signaling server asks the line: who may connect, and who may talk to whom.

export interface PeerDirectory {
  /** Whether `id` with `token` is a live, server-issued PeerJS id (a ticket in the line or a clerk session). */
  verifyPeer(id: string, token: string): boolean;
  /** Whether `src` may send signaling messages to `dst` now: only a citizen and the clerk the line paired it with. */
  mayTalk(src: string, dst: string): boolean;
}
