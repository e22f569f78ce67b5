import catalogue from './catalogue.json';
import opportunities from './opportunities.json';

/** Shipped starting points for a new framework. Tenants copy them; nothing refers to them by name afterwards. */
export const FRAMEWORK_TEMPLATES = { catalogue, opportunities } as const;
export type FrameworkTemplateName = keyof typeof FRAMEWORK_TEMPLATES;

export function isTemplateName(name: string): name is FrameworkTemplateName {
  return Object.hasOwn(FRAMEWORK_TEMPLATES, name);
}
