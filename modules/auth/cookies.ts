/**
 * Session cookie: host-only (no Domain attribute), so every tenant host keeps its own session.
 * Over HTTPS it carries the __Host- prefix, which the browser only accepts with Secure, Path=/ and no Domain.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-mp.session' : 'mp.session';
}

export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)] as const;

export function sessionCookieOptions(secure: boolean, expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, expires };
}

/** Idle and absolute timeouts (ASVS 7.3): configurable, defaults suit a government back office. */
export function sessionTimeouts(): { idleMs: number; absoluteMs: number } {
  return {
    idleMs: Number(process.env.SESSION_IDLE_MINUTES ?? 30) * 60_000,
    absoluteMs: Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000,
  };
}
