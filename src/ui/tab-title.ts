// The tab's title as an alert ("Sua vez! — …" for the citizen, "(2) Fila — …" for a clerk):
// set over the page's own title and put back afterwards, only if nobody changed it meanwhile.

export class TabTitle {
  private original: string | undefined;
  private shown: string | undefined;

  /** Shows `make(the page's own title)`. */
  set(make: (original: string) => string): void {
    if (this.original === undefined) this.original = document.title;
    this.shown = make(this.original);
    document.title = this.shown;
  }

  /** Puts the page's title back, unless the page changed it meanwhile. */
  restore(): void {
    if (this.original !== undefined && document.title === this.shown) document.title = this.original;
    this.original = undefined;
    this.shown = undefined;
  }
}
