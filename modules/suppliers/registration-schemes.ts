/*
 * Company registration schemes (org-id.guide codes). A tenant names its scheme in its config; the number is
 * normalised and checked here, including check digits where the scheme has them.
 */

export interface RegistrationScheme {
  code: string;
  normalise: (raw: string) => string;
  isValid: (normalised: string) => boolean;
  example: string;
}

const compactUpper = (raw: string) => raw.replace(/[\s.]/g, '').toUpperCase();

/** Chile's RUT: body digits, then a modulo-11 check digit (0-9 or K). */
export function rutCheckDigit(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const rest = 11 - (sum % 11);
  return rest === 11 ? '0' : rest === 10 ? 'K' : String(rest);
}

export const REGISTRATION_SCHEMES: Record<string, RegistrationScheme> = {
  'GB-COH': {
    code: 'GB-COH',
    normalise: compactUpper,
    isValid: (n) => /^(?:\d{8}|(?:SC|NI|OC|SO|NC|R0|FC|LP|SL|NL)\d{6})$/.test(n),
    example: '09876543',
  },
  'CA-BN': {
    code: 'CA-BN',
    normalise: (raw) => raw.replace(/[\s-]/g, ''),
    isValid: (n) => /^\d{9}$/.test(n),
    example: '123456789',
  },
  'CL-RUT': {
    code: 'CL-RUT',
    normalise: (raw) => {
      const c = compactUpper(raw).replace(/-/g, '');
      return c.length > 1 ? `${c.slice(0, -1)}-${c.slice(-1)}` : c;
    },
    isValid: (n) => {
      const m = /^(\d{7,8})-([\dK])$/.exec(n);
      return Boolean(m && rutCheckDigit(m[1]!) === m[2]);
    },
    example: '76.543.210-3',
  },
  other: {
    code: 'other',
    normalise: (raw) => raw.trim(),
    isValid: (n) => n.length >= 2 && n.length <= 40,
    example: 'ABC-12345',
  },
};

export function schemeFor(code: string | undefined): RegistrationScheme {
  return REGISTRATION_SCHEMES[code ?? 'other'] ?? REGISTRATION_SCHEMES.other!;
}
