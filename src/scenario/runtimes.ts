/**
 * Lambda runtime identifiers a scenario may name. The runtime picks the model's default INIT
 * distribution (lambda-behavior.md 2.2). Identifiers as listed in
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (deprecated ones that
 * lambda-behavior.md still measures are kept so old scenarios load). Adding one is one line.
 */
export const LAMBDA_RUNTIMES = [
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'java11',
  'java17',
  'java21',
  'dotnet8',
  'ruby3.2',
  'ruby3.3',
  'provided.al2',
  'provided.al2023',
  'go1.x',
] as const;

/** One of {@link LAMBDA_RUNTIMES}. */
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];
