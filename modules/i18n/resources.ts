/*
 * Each locale's strings are split by feature (one JSON file per feature, each under its own top-level keys) so
 * features can be worked on side by side; they merge into one bundle per locale.
 */
import type { LocaleCode } from './locales';
import en_common from '@/locales/en/common.json';
import en_onboarding from '@/locales/en/onboarding.json';
import en_security from '@/locales/en/security.json';
import en_ocds from '@/locales/en/ocds.json';
import en_opendata from '@/locales/en/opendata.json';
import en_opportunities from '@/locales/en/opportunities.json';
import en_contracts from '@/locales/en/contracts.json';
import en_search from '@/locales/en/search.json';
import cy_common from '@/locales/cy/common.json';
import cy_onboarding from '@/locales/cy/onboarding.json';
import cy_security from '@/locales/cy/security.json';
import cy_ocds from '@/locales/cy/ocds.json';
import cy_opendata from '@/locales/cy/opendata.json';
import cy_opportunities from '@/locales/cy/opportunities.json';
import cy_contracts from '@/locales/cy/contracts.json';
import cy_search from '@/locales/cy/search.json';
import fr_common from '@/locales/fr/common.json';
import fr_onboarding from '@/locales/fr/onboarding.json';
import fr_security from '@/locales/fr/security.json';
import fr_ocds from '@/locales/fr/ocds.json';
import fr_opendata from '@/locales/fr/opendata.json';
import fr_opportunities from '@/locales/fr/opportunities.json';
import fr_contracts from '@/locales/fr/contracts.json';
import fr_search from '@/locales/fr/search.json';
import es_common from '@/locales/es/common.json';
import es_onboarding from '@/locales/es/onboarding.json';
import es_security from '@/locales/es/security.json';
import es_ocds from '@/locales/es/ocds.json';
import es_opendata from '@/locales/es/opendata.json';
import es_opportunities from '@/locales/es/opportunities.json';
import es_contracts from '@/locales/es/contracts.json';
import es_search from '@/locales/es/search.json';
import ar_common from '@/locales/ar/common.json';
import ar_onboarding from '@/locales/ar/onboarding.json';
import ar_security from '@/locales/ar/security.json';
import ar_ocds from '@/locales/ar/ocds.json';
import ar_opendata from '@/locales/ar/opendata.json';
import ar_opportunities from '@/locales/ar/opportunities.json';
import ar_contracts from '@/locales/ar/contracts.json';
import ar_search from '@/locales/ar/search.json';

type Bundle = Record<string, unknown>;

/** Merges feature files; a top-level key defined twice is a mistake worth failing on at startup. */
function bundle(...parts: Bundle[]): Bundle {
  const merged: Bundle = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`Translation key "${key}" is defined in two feature files`);
      merged[key] = value;
    }
  }
  return merged;
}

export const BASE_RESOURCES: Record<LocaleCode, Bundle> = {
  en: bundle(en_common, en_onboarding, en_security, en_ocds, en_opendata, en_opportunities, en_contracts, en_search),
  cy: bundle(cy_common, cy_onboarding, cy_security, cy_ocds, cy_opendata, cy_opportunities, cy_contracts, cy_search),
  fr: bundle(fr_common, fr_onboarding, fr_security, fr_ocds, fr_opendata, fr_opportunities, fr_contracts, fr_search),
  es: bundle(es_common, es_onboarding, es_security, es_ocds, es_opendata, es_opportunities, es_contracts, es_search),
  ar: bundle(ar_common, ar_onboarding, ar_security, ar_ocds, ar_opendata, ar_opportunities, ar_contracts, ar_search),
};
