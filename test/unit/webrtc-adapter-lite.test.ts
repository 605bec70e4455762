// Our stand-in for webrtc-adapter (src/call/webrtc-adapter-lite.ts) must tell PeerJS the same
// browser and version as the real adapter's detection, for the browsers citizens and clerks
// use: compared with webrtc-adapter's own `detectBrowser` on the same windows.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: webrtc-adapter ships its sources without types for this module.
import { detectBrowser as adapterDetect } from 'webrtc-adapter/src/js/utils.js';
import adapter, { detectBrowser } from '../../src/call/webrtc-adapter-lite.js';

const UA = {
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  chromeDesktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  samsung: 'Mozilla/5.0 (Linux; Android 13; SM-A135M) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  old: 'Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko',
} as const;

const fn = (): void => undefined;
type FakeWindow = Parameters<typeof detectBrowser>[0];

const windows: Record<string, FakeWindow> = {
  'Chrome on Android (userAgentData)': {
    navigator: { userAgent: UA.chromeAndroid, userAgentData: { brands: [{ brand: 'Chromium', version: '131' }, { brand: 'Google Chrome', version: '131' }] }, webkitGetUserMedia: fn },
    RTCPeerConnection: fn,
  },
  'Chrome on Windows': { navigator: { userAgent: UA.chromeDesktop, webkitGetUserMedia: fn }, RTCPeerConnection: fn },
  'Samsung Internet': { navigator: { userAgent: UA.samsung, webkitGetUserMedia: fn }, RTCPeerConnection: fn },
  Edge: { navigator: { userAgent: UA.edge, userAgentData: { brands: [{ brand: 'Chromium', version: '140' }] }, webkitGetUserMedia: fn }, RTCPeerConnection: fn },
  'Chrome on http (no webkitGetUserMedia)': { navigator: { userAgent: UA.chromeDesktop }, isSecureContext: false, webkitRTCPeerConnection: fn, RTCPeerConnection: fn },
  'Chromium brand below 90 (not trusted)': { navigator: { userAgent: UA.chromeDesktop, userAgentData: { brands: [{ brand: 'Chromium', version: '89' }] }, webkitGetUserMedia: fn }, RTCPeerConnection: fn },
  Firefox: { navigator: { userAgent: UA.firefox, mozGetUserMedia: fn }, RTCPeerConnection: fn },
  'Safari on the Mac': { navigator: { userAgent: UA.safariMac }, RTCPeerConnection: fn },
  'Safari on the iPhone': { navigator: { userAgent: UA.safariIphone }, RTCPeerConnection: fn },
  'Chrome on the iPhone (WebKit)': { navigator: { userAgent: UA.chromeIphone }, RTCPeerConnection: fn },
  'an old browser without WebRTC': { navigator: { userAgent: UA.old } },
  'no user agent': { navigator: {} },
};

describe('webrtc-adapter-lite', () => {
  for (const [name, win] of Object.entries(windows)) {
    it(`says what webrtc-adapter says: ${name}`, () => {
      const ours = detectBrowser(win);
      const theirs = adapterDetect(win) as { browser: string; version: number | null };
      expect({ browser: ours.browser, version: ours.version }).toEqual({ browser: theirs.browser, version: theirs.version });
    });
  }

  it('knows the usual browsers by name and version', () => {
    expect(detectBrowser(windows['Chrome on Android (userAgentData)'])).toEqual({ browser: 'chrome', version: 131 });
    expect(detectBrowser(windows.Firefox)).toEqual({ browser: 'firefox', version: 128 });
    expect(detectBrowser(windows['Safari on the iPhone'])).toEqual({ browser: 'safari', version: 605 });
    expect(detectBrowser(undefined).browser).toBe('Not a browser.');
  });

  it('gives PeerJS the shape it reads (default export with browserDetails), in Node too', () => {
    expect(adapter.browserDetails).toEqual({ browser: 'Not a browser.', version: null });
  });
});
