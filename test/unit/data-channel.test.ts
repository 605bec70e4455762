// The call's data channel contract (core/protocol/data-channel.ts): what one side accepts
// from the other (a browser nobody controls).

import { describe, expect, it } from 'vitest';
import { MAX_CHANNEL_MESSAGE_LENGTH, MAX_CHAT_LENGTH, parseChannelMessage } from '../../src/core/protocol/index.js';

describe('data channel messages', () => {
  it('reads chat, identification, switches and goodbye', () => {
    expect(parseChannelMessage('{"type":"chat","text":"Olá"}')).toEqual({ type: 'chat', text: 'Olá' });
    expect(parseChannelMessage('{"type":"identification","data":{"cpf":"52998224725"}}')).toEqual({ type: 'identification', data: { cpf: '52998224725' } });
    expect(parseChannelMessage('{"type":"media","microphone":false,"camera":true,"audioOnly":false}')).toEqual({ type: 'media', microphone: false, camera: true, audioOnly: false });
    expect(parseChannelMessage('{"type":"bye"}')).toEqual({ type: 'bye' });
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'x', 'null', '[]', '"bye"', '{"type":"chat","text":""}', '{"type":"chat","text":5}', '{"type":"identification","data":[1]}', '{"type":"media","microphone":1,"camera":true,"audioOnly":false}', '{"type":"offer"}']) {
      expect(parseChannelMessage(bad), bad).toBeNull();
    }
    expect(parseChannelMessage(JSON.stringify({ type: 'chat', text: 'a'.repeat(MAX_CHAT_LENGTH + 1) }))).toBeNull();
    expect(parseChannelMessage(new ArrayBuffer(4))).toBeNull();
    const identification = JSON.stringify({ type: 'identification', data: { name: 'x'.repeat(MAX_CHANNEL_MESSAGE_LENGTH) } });
    expect(parseChannelMessage(identification)).toBeNull();
  });
});
