import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite is only opened by the launcher and tests, never inside Next; listed so an accidental import still works.
  // pdfkit reads its font metrics from files next to its own code, which bundling would lose.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pdfkit'],
  poweredByHeader: false,
  typedRoutes: false,
  // Multiple root layouts (tenant sites, platform console): unknown hosts get one global 404 page.
  experimental: { globalNotFound: true },
};

export default nextConfig;
