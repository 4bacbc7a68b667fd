/** Billing: AWS Lambda price tables and billing rules. The model imports from here. */
export type * from './types.js';
export { billedDurationMs, roundProvisionedMs, PROVISIONED_STEP_MS } from './rounding.js';
export { priceTable, pricedRegions, DEFAULT_PRICE_REGION, LEGACY_X86_GB_SECOND } from './prices.js';
export { tieredCost, validateTiers } from './tiers.js';
export { computeCharges, ARCHITECTURES, FREE_EPHEMERAL_MB } from './charges.js';
export type { FunctionCharges, ArchitectureCharges, AccountCharges, Charges } from './charges.js';
export { computeBill } from './bill.js';
export { projectMonth, MONTH_DAYS, MONTH_MS, type MonthlyProjection } from './month.js';
export { invoice, roundCents, roundCostCents } from './invoice.js';
export { snapStartCharges, snapStartCharged, SNAPSTART_CACHE_GB_SECOND, SNAPSTART_RESTORE_GB, SNAPSTART_MIN_CACHE_MS } from './snapstart.js';
export type { Invoice, InvoiceLine, InvoiceItem } from './invoice.js';
