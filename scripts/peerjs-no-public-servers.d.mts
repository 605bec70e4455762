export function withoutPublicIceServers(code: string, id?: string): string;
export function isPeerjsBundle(id: string): boolean;
