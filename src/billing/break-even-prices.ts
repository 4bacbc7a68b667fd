/**
 * Prices of the always-on alternatives the break-even compares Lambda with (break-even.ts):
 * a few EC2 instance types and Fargate, us-east-1, Linux, on-demand, USD per hour.
 *
 * Only us-east-1 is built in (as for Lambda, prices.ts); another Region uses these with a note,
 * or the scenario gives its own `pricePerHour`. Savings plans are a discount the scenario chooses
 * (`savingsPlanDiscount`): AWS's discounts vary by instance family, term and payment option
 * ("up to 72%", https://aws.amazon.com/savingsplans/compute-pricing/), so no single figure is built in.
 */

/** An EC2 instance type: its size (for the report) and its on-demand price. */
export interface InstancePrice {
  vcpu: number;
  memoryGb: number;
  architecture: 'x86_64' | 'arm64';
  /** USD per instance-hour, on-demand, Linux, us-east-1. */
  hourly: number;
  /** Where the price comes from (URL and date). */
  source: string;
}

const EC2_PAGE = 'https://aws.amazon.com/ec2/pricing/on-demand/ (us-east-1, Linux)';

/**
 * Built-in EC2 types. A Map, so a name like `constructor` cannot match by accident.
 *
 * - m7g.large $0.0816/h: https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/
 *   (read 2026-06, quoting the on-demand page for us-east-1 Linux).
 * - m7i.large $0.1008/h, c7g.large $0.0725/h, t4g.medium $0.0336/h: the EC2 on-demand page's us-east-1
 *   Linux rates as published since each type's launch (t4g 2020, c7g 2022, m7i 2023); not re-read
 *   here from AWS's page (it renders the rates with a script), so check them before relying on them.
 */
export const INSTANCE_PRICES: ReadonlyMap<string, InstancePrice> = new Map([
  ['t4g.medium', { vcpu: 2, memoryGb: 4, architecture: 'arm64', hourly: 0.0336, source: `${EC2_PAGE}, rate as published since 2020` }],
  ['c7g.large', { vcpu: 2, memoryGb: 4, architecture: 'arm64', hourly: 0.0725, source: `${EC2_PAGE}, rate as published since 2022` }],
  ['m7g.large', { vcpu: 2, memoryGb: 8, architecture: 'arm64', hourly: 0.0816, source: `${EC2_PAGE}; https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/ (2026-06)` }],
  ['m7i.large', { vcpu: 2, memoryGb: 8, architecture: 'x86_64', hourly: 0.1008, source: `${EC2_PAGE}, rate as published since 2023` }],
] as const);

/** Fargate's price per vCPU-hour and per GB-hour of a task. */
export interface FargatePrice {
  vcpuHour: number;
  gbHour: number;
  source: string;
}

/**
 * Fargate, us-east-1, on-demand, Linux. https://aws.amazon.com/fargate/pricing/ renders the rates with a
 * script; the figures are AWS's as quoted by https://www.vantage.sh/blog/fargate-pricing and
 * https://www.factualminds.com/blog/amazon-fargate-ecs-task-pricing-2026/ (2026-06), and the ECS page's
 * example "$0.000011244 per vCPU second" (= $0.04048 / 3600) https://aws.amazon.com/ecs/pricing/ (read 2026-09).
 */
export const FARGATE_PRICES: Readonly<Record<'x86_64' | 'arm64', FargatePrice>> = {
  x86_64: { vcpuHour: 0.04048, gbHour: 0.004445, source: 'https://aws.amazon.com/fargate/pricing/ (us-east-1 Linux/x86, 2026)' },
  arm64: { vcpuHour: 0.03238, gbHour: 0.00356, source: 'https://aws.amazon.com/fargate/pricing/ (us-east-1 Linux/ARM, 2026)' },
};

/** The Region whose instance prices are built in. */
export const INSTANCE_PRICE_REGION = 'us-east-1';
