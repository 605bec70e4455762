// The Portuguese property names of the first release (`el.unidade = …`) keep working for
// one more release, each write warning in the console; the attributes (`unidade="…"`) stay
// Portuguese for good. Programmatic names are English (DESIGN.md, "Public API"). Kept
// short: it is in every court page's first chunk.

/** Defines `old` → `now` accessors on an element's prototype; each write warns "<tag>.old is deprecated: use now". */
export function deprecatedAliases(proto: object, aliases: Readonly<Record<string, string>>): void {
  for (const [old, now] of Object.entries(aliases)) {
    Object.defineProperty(proto, old, {
      get(this: HTMLElement & Record<string, unknown>) {
        return this[now];
      },
      set(this: HTMLElement & Record<string, unknown>, value: unknown) {
        console.warn(`${old} is deprecated: use ${now}`, this);
        this[now] = value;
      },
    });
  }
}
