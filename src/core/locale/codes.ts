// Locale codes as generators write them in folder names, file suffixes and front matter:
// an ISO 639-1 language, optionally with a region or script (`de`, `pt-BR`, `zh_CN`, `zh-Hant`).

/** ISO 639-1 language codes: what a folder or suffix must start with to be taken for a locale. */
const LANGUAGES = new Set(
  (
    'aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko ' +
    'kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa ' +
    'pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ' +
    'ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

const SHAPE = /^([a-z]{2})(?:[-_]([a-z]{2}|[a-z]{4}|\d{3}))?$/i;

/** The code in the form the audit names locales by: lower case, `-` between language and region. */
export function normalizeLocale(code: string): string {
  return code.trim().toLowerCase().replace(/_/g, '-');
}

/** Is `text` written like a locale code of a known language (`de`, `pt-br`, `zh_CN`)? */
export function isLocaleCode(text: string): boolean {
  const m = SHAPE.exec(text);
  return m !== null && LANGUAGES.has(m[1].toLowerCase());
}

/** The language part of a locale (`pt` of `pt-br`). */
export function languageOf(locale: string): string {
  return normalizeLocale(locale).split('-')[0];
}

let names: Intl.DisplayNames | null | undefined;

/** The locale's name in English for messages ("German", "Chinese (China)"); the code when unknown. */
export function localeName(locale: string): string {
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(['en'], { type: 'language' });
    } catch {
      names = null;
    }
  }
  try {
    return names?.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
