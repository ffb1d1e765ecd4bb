import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
const STORAGE_KEY = 'relais.lang';

function initialLanguage(): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved;
  } catch {
    // storage unavailable: French
  }
  return 'fr';
}

// Features may keep their words beside them (features/<module>/i18n/{fr,en}.json): merged here by top-level key.
const featureWords = import.meta.glob<Record<string, unknown>>('../features/*/i18n/*.json', { eager: true, import: 'default' });
function withFeatures(base: Record<string, unknown>, lang: string): Record<string, unknown> {
  const merged = { ...base };
  for (const [path, words] of Object.entries(featureWords)) if (path.endsWith(`/${lang}.json`)) Object.assign(merged, words);
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: withFeatures(fr, 'fr') }, en: { translation: withFeatures(en, 'en') } },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});

export default i18n;
