// The panel's texts: one JSON bundle per language under i18n/; the browser's preferred languages pick one.

const SUPPORTED = ['en', 'es'];

export async function loadBundle(preferred = navigator.languages?.length ? navigator.languages : [navigator.language]) {
  const lang = preferred.map(tag => String(tag).toLowerCase().split('-')[0]).find(l => SUPPORTED.includes(l)) ?? 'en';
  const response = await fetch(new URL(`i18n/${lang}.json`, import.meta.url));
  const messages = await response.json();
  const plurals = new Intl.PluralRules(lang);
  const t = (key, vars = {}) => {
    const text = messages[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
  };
  return {
    lang,
    t,
    /** A text with a count: key.one, key.other, ... as the language's plural rules say. */
    plural: (key, count, vars = {}) => {
      const form = plurals.select(count);
      return t(messages[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`, vars);
    },
    /** Fills elements marked data-i18n (text), data-i18n-label (aria-label) and data-i18n-placeholder. */
    apply: (root = document) => {
      root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
      root.querySelectorAll('[data-i18n-label]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
      root.querySelectorAll('[data-i18n-placeholder]').forEach(el => el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder)));
    },
  };
}
