// Localization, configured once per page (runtime mode of @lit/localize, source pt-BR).
// The language of an element is its own `lang`, else the nearest ancestor's (across
// shadow roots), else the document's. One page shows one language at a time: the last
// element to ask for a language sets it for all (a page in two languages is rare enough).

import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

let localization: ReturnType<typeof configureLocalization> | undefined;

function runtime(): ReturnType<typeof configureLocalization> {
  localization ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => import(`../generated/locales/${locale}.ts`),
  });
  return localization;
}

/** The supported locale closest to a BCP 47 tag; pt-BR when nothing matches. */
export function supportedLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').trim().toLowerCase();
  for (const locale of targetLocales) {
    if (lower === locale.toLowerCase() || lower.startsWith(`${locale.toLowerCase()}-`)) return locale;
  }
  return sourceLocale;
}

/** The `lang` that applies to an element: its own, an ancestor's, the document's. */
export function langOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}

/** The locale shown now. */
export function currentLocale(): Locale {
  return runtime().getLocale() as Locale;
}

/** Switches the page's widgets to a locale (loading its messages once). */
export async function useLocale(locale: Locale): Promise<void> {
  const { getLocale, setLocale } = runtime();
  if (getLocale() !== locale) await setLocale(locale);
}
