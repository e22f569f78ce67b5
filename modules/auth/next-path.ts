/** Accepts only a same-site path under the given prefix, so sign-in can never redirect off the marketplace. */
export function safeNextPath(candidate: unknown, prefix: string): string | null {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 500) return null;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return null;
  if (candidate !== prefix && !candidate.startsWith(`${prefix}/`) && !candidate.startsWith(`${prefix}?`)) return null;
  return candidate;
}
