// Defines a custom element unless its tag already is (a page that loads the script twice,
// or two scripts that share an element, keep working).

export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
