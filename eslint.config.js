// Lint: the recommended sets plus the rules that catch what tests miss (floating
// promises, `any`), type-aware through the project's tsconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One `no-restricted-imports` rule per folder: `folders` are the src/ folders it may not import. */
function boundaries(rules) {
  return Object.entries(rules).map(([files, folders]) => ({
    files: [files],
    rules: {
      // import('…') too: a lazy chunk is still a dependency.
      'no-restricted-syntax': [
        'error',
        ...folders.map((folder) => ({
          selector: `ImportExpression[source.value=/(^|\\/)${folder}\\//]`,
          message: `${files.replace('/**', '')} must not import from src/${folder}, lazily either (see the boundaries in eslint.config.js).`,
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: folders.map((folder) => ({
            regex: `(^|/)${folder}/`,
            message: `${files.replace('/**', '')} must not import from src/${folder} (see the boundaries in eslint.config.js).`,
          })),
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'custom-elements.json', 'test-results/', 'data/', '.*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  // Boundaries between the folders: a wrong import fails the lint (and so `npm test`).
  {
    // The core runs in the browser and in Node alike: it imports only itself (no package, no
    // module of another folder). Files directly in src/core may import './…'; files one level
    // down (src/core/protocol) './…' and '../…' (still the core).
    files: ['src/core/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'src/core imports nothing outside src/core.' }] }],
    },
  },
  {
    files: ['src/core/*/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./|\\.\\./(?!\\.\\./))', message: 'src/core imports nothing outside src/core.' }] }],
    },
  },
  // The other folders: the shared UI layer (src/ui) imports core only (and the generated
  // locales, and the call module's types); the call module and the server import no element; the clerk's element
  // nothing of the citizen's widget; the call view nothing of either element.
  ...boundaries({
    'src/clerk/**': ['widget'],
    'src/call/**': ['widget', 'clerk', 'call-ui'],
    'src/server/**': ['widget', 'clerk', 'call-ui'],
    'src/call-ui/**': ['widget', 'clerk'],
    'src/ui/**': ['widget', 'clerk', 'call-ui', 'server'],
  }),
  {
    // The shared UI layer may name the call module's types (the call host hands both seams
    // a `DescriptionRelay`), never import its code: the call stays a chunk of its own.
    files: ['src/ui/**'],
    rules: {
      // `import { type X }` alone would still load the module (verbatimModuleSyntax): `import type` only.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)call/', allowTypeImports: true, message: 'src/ui may import types only from src/call (see the boundaries in eslint.config.js).' },
          ],
        },
      ],
    },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
