import i18next, { type TFunction } from 'i18next';
import { BASE_RESOURCES } from './resources';
export { BASE_RESOURCES };

/*
 * One shared instance for the whole server. Requests never call changeLanguage: each gets a fixed t for
 * its locale, looking first in the tenant's override namespace, then in the base strings.
 */
const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(BASE_RESOURCES).map(([lng, common]) => [lng, { common }])),
  ns: ['common'],
  defaultNS: 'common',
  fallbackLng: 'en',
  // React escapes output; escaping here would double-escape.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const loadedOverrides = new Map<string, number>();

export interface TerminologySource {
  slug: string;
  configVersion: number;
  terminology: Partial<Record<string, Record<string, string>>>;
}

function overrideNamespace(slug: string): string {
  return `tenant_${slug}`;
}

/** Loads (or refreshes, when the tenant config changed) the tenant's overrides as flat keys. */
function ensureOverrides(source: TerminologySource): string {
  const ns = overrideNamespace(source.slug);
  if (loadedOverrides.get(ns) === source.configVersion) return ns;
  // Every overridden key gets a value in every language (its own override, else its own base string): otherwise
  // i18next's fallback language would show, say, an English override on the Welsh site before the Welsh string.
  const keys = new Set(Object.values(source.terminology).flatMap((flat) => Object.keys(flat ?? {})));
  for (const lng of Object.keys(BASE_RESOURCES)) {
    if (instance.hasResourceBundle(lng, ns)) instance.removeResourceBundle(lng, ns);
    const flat = source.terminology[lng] ?? {};
    const nested: Record<string, unknown> = {};
    for (const key of keys) {
      const value = flat[key] ?? getPath(BASE_RESOURCES[lng as keyof typeof BASE_RESOURCES], key);
      if (typeof value === 'string') setPath(nested, key, value);
    }
    instance.addResourceBundle(lng, ns, nested, true, true);
  }
  loadedOverrides.set(ns, source.configVersion);
  return ns;
}

function getPath(source: unknown, dotted: string): unknown {
  let node = source;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(target: Record<string, unknown>, dotted: string, value: string): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

export function getTranslator(locale: string, tenant?: TerminologySource): TFunction {
  const namespaces = tenant ? [ensureOverrides(tenant), 'common'] : ['common'];
  return instance.getFixedT(locale, namespaces);
}

export type { TFunction };
