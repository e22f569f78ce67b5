import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite is only opened by the launcher and tests, never inside Next; listed so an accidental import still works.
  // pdfkit reads its font metrics from files next to its own code, which bundling would lose.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pdfkit'],
  poweredByHeader: false,
  typedRoutes: false,
  // Multiple root layouts (tenant sites, platform console): unknown hosts get one global 404 page.
  // Multipart forms carry uploaded documents: the same ceiling as MAX_MULTIPART_BODY_BYTES (modules/security/csrf.ts),
  // which the proxy enforces first with a 413 page (forms without files stay at 1 MB there).
  experimental: { globalNotFound: true, serverActions: { bodySizeLimit: '25mb' }, proxyClientMaxBodySize: '25mb' },
};

export default nextConfig;
