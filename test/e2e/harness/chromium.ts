// Headless Chromium for the end-to-end tests: `launchCallBrowser()`, one Chromium per side of
// a call (separate processes and profiles, as two computers would be), with fake camera and
// microphone; a persistent context, so the profile's Local State can carry a chrome://flags
// entry (below). `isLoopbackUrl` for the tests' "nothing leaves 127.0.0.1" assertions.
//
// Chromium (156, Debian's /usr/bin/chromium) flags, each checked with tcpdump on every
// interface during the whole suite: with all of them, not one packet had a non-loopback
// source or destination.
// - `--no-sandbox --disable-gpu --use-fake-device-for-media-stream
//   --use-fake-ui-for-media-stream`: headless as root, fake camera/microphone, no prompt.
// - `--webrtc-ip-handling-policy=default_public_interface_only`: without it Chromium binds
//   its ICE sockets to each interface address (192.0.2.2 on eth0 here) and sends to the TURN
//   at 127.0.0.1 from there, so coturn answers to 192.0.2.2. With it the sockets bind to the
//   wildcard address and the kernel picks 127.0.0.1: loopback to loopback.
// - `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`: even with Playwright's
//   defaults (--disable-background-networking, --disable-component-update, …) this
//   Chromium looks up accounts.google.com and update.googleapis.com at start-up (DNS to
//   the machine's resolver). No name resolves now; IP literals still work. A test that
//   needs a TURN *name* must add its own rule.
// - chrome://flags `enable-webrtc-hide-local-ips-with-mdns@2` (WebRtcHideLocalIpsWithMdns
//   off), written to the profile's Local State: otherwise every page with an
//   RTCPeerConnection joins the mDNS group 224.0.0.251 (IGMP reports on eth0), though a
//   relay-only call has no host candidate to hide. Passing `--disable-features=…` instead
//   replaces the list Playwright passes (the last flag wins; Chromium then resumed the
//   network-time queries to clients2.google.com that Playwright turns off); Local State
//   entries are merged into it. `launchCallBrowser()` checks chrome://version for the merge.
// Not avoidable without a network namespace: Chromium's P2P code connect()s (no datagram)
// UDP sockets to 8.8.8.8 and 2001:4860:4860::8888 to learn the default local addresses;
// the route lookup may make the kernel probe the IPv6 router (one neighbour solicitation,
// at most once a minute). Seen in 1 of 5 captured runs; nothing is sent to those addresses.
//

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The command-line flags every call test needs; see the top of this file for why each one. */
export const CALL_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--webrtc-ip-handling-policy=default_public_interface_only',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * chrome://flags entries, written to the profile's Local State before launch: Chromium
 * merges them into the `--disable-features` list Playwright passes (a second
 * `--disable-features` flag would replace that list instead).
 */
export const CALL_CHROMIUM_LAB_FLAGS: readonly string[] = ['enable-webrtc-hide-local-ips-with-mdns@2'];

/** One Chromium process with its own temporary profile: one side of a call, as its own computer. */
export interface CallBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchCallBrowser(extraArgs: readonly string[] = []): Promise<CallBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'balcao-call-chromium-'));
  writeFileSync(path.join(profile, 'Local State'), JSON.stringify({ browser: { enabled_labs_experiments: CALL_CHROMIUM_LAB_FLAGS } }));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CALL_CHROMIUM_FLAGS, ...extraArgs] });
    // Chromium ignores a Local State it cannot read: check that the merge happened.
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('chrome://version');
    const commandLine = (await page.locator('#command_line').textContent()) ?? '';
    await page.close();
    if (!/--disable-features=\S*\bWebRtcHideLocalIpsWithMdns\b/.test(commandLine)) {
      await context.close();
      throw new Error(`Chromium did not apply the chrome://flags entries from Local State; its command line: ${commandLine}`);
    }
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Whether a URL's host is a loopback address literal (127.0.0.0/8 or ::1); names such as localhost are not. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]';
}
