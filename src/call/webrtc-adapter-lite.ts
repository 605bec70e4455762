// What PeerJS 1.5 takes from webrtc-adapter: `browserDetails` (browser and version), and
// nothing else (peerjs/dist/bundler.mjs, `util.supports`). The real adapter (with `sdp`,
// 49 kB minified, 13 kB gzip: more than half of PeerJS) also installs shims for browsers
// older than the ones a call needs here (Chromium 90+, Firefox 100+, Safari 15+, which have
// every API the call module uses natively). Both builds alias `webrtc-adapter` to this
// module (vite.config.ts). The detection is webrtc-adapter 9's `detectBrowser`, unchanged
// in its answers.

interface BrowserDetails {
  readonly browser: string;
  readonly version: number | null;
}

interface Navigatorish {
  readonly userAgent?: string;
  readonly userAgentData?: { readonly brands?: readonly { readonly brand: string; readonly version: string }[] };
  readonly mozGetUserMedia?: unknown;
  readonly webkitGetUserMedia?: unknown;
}

interface Windowish {
  readonly navigator?: Navigatorish;
  readonly isSecureContext?: boolean;
  readonly webkitRTCPeerConnection?: unknown;
  readonly RTCPeerConnection?: unknown;
}

const versionOf = (ua: string, pattern: RegExp, group: number): number | null => {
  const match = pattern.exec(ua);
  const version = match ? Number.parseInt(match[group] ?? '', 10) : Number.NaN;
  return Number.isNaN(version) ? null : version;
};

/** Which browser this is, as webrtc-adapter 9 says it ('chrome', 'firefox', 'safari', or not supported). */
export function detectBrowser(window: Windowish | undefined): BrowserDetails {
  const navigator = window?.navigator;
  const ua = navigator?.userAgent;
  if (!window || !navigator || !ua) return { browser: 'Not a browser.', version: null };
  const chromium = navigator.userAgentData?.brands?.find((b) => b.brand === 'Chromium');
  if (chromium) {
    const version = Number.parseInt(chromium.version, 10);
    // userAgentData came with Chromium 90: a lower version is not real.
    if (version >= 90) return { browser: 'chrome', version };
  }
  if (navigator.mozGetUserMedia) return { browser: 'firefox', version: versionOf(ua, /Firefox\/(\d+)\./, 1) };
  if (navigator.webkitGetUserMedia || (window.isSecureContext === false && window.webkitRTCPeerConnection)) {
    return { browser: 'chrome', version: versionOf(ua, /Chrom(e|ium)\/(\d+)\./, 2) };
  }
  if (window.RTCPeerConnection && /AppleWebKit\/(\d+)\./.test(ua)) return { browser: 'safari', version: versionOf(ua, /AppleWebKit\/(\d+)\./, 1) };
  return { browser: 'Not a supported browser.', version: null };
}

const adapter = { browserDetails: detectBrowser(typeof window === 'undefined' ? undefined : (window as unknown as Windowish)) };
export default adapter;
