import { customType } from 'drizzle-orm/pg-core';

/** Binary content (brand assets, uploaded documents); postgres.js reads and writes it as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
