// The BDD globals that @web/test-runner's mocha puts on the page, typed just enough for
// the browser tests (the project does not depend on @types/mocha).

interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}

type MochaCallback = (this: MochaContext) => void | Promise<void>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaCallback): void;
declare function before(body: MochaCallback): void;
declare function after(body: MochaCallback): void;
declare function beforeEach(body: MochaCallback): void;
declare function afterEach(body: MochaCallback): void;
