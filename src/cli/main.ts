/**
 * The `sim` command line: a thin layer over the library. It parses arguments, loads the scenario,
 * runs the simulation with progress on a terminal, writes the reports and maps outcomes to exit
 * codes: 0 ok, 1 an `expect` line broken, 2 bad input (one clear line; a run above the work limit
 * too), 3 internal error (a bug), 4 the model's state passed its memory budget (docs/limits.md).
 *
 * Each command's code (the scenario loader with zod and yaml, the model, the reports) is imported
 * inside its handler, so `sim --version` and `sim --help` load only yargs and start at once.
 */
import { createRequire } from 'node:module';
import type yargsType from 'yargs';
import { LINE_CHARS, ScenarioError, quoteInput, shorten } from '../scenario/errors.js';
import { ReportFolderError } from '../run/report-folder.js';
import { WorkLimitError } from '../run/work-limit-error.js';
import { StateLimitError } from '../model/state-budget.js';
import { UsageError } from './usage-error.js';
import { simulatorInfo } from './version.js';
import { SHARD_HELP } from './shard-help.js';
import { didYouMean } from '../scenario/suggest.js';

/**
 * yargs through its CommonJS entry: its ES module build lays out --help with cliui's ESM helpers,
 * which wrap at a fixed character count and break words in two ("a\nnd", "JO\nB_COMPLETION_INDEX");
 * the CommonJS build wraps with wrap-ansi, at word boundaries.
 */
const yargs = createRequire(import.meta.url)('yargs') as typeof yargsType;

export const EXIT_OK = 0;
export const EXIT_EXPECT_BROKEN = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;
/** The model's state passed its memory budget mid-run (src/model/state-budget.ts): no report is written. */
export const EXIT_STATE_LIMIT = 4;

const COMMANDS = ['run', 'validate', 'sweep', 'compare', 'merge', 'import', 'schema'];

/**
 * yargs' "Unknown argument: replicatons" with a did-you-mean from the commands and the options of
 * the command that failed ("runn" -> run, "--replicatons" -> --replications).
 */
function withSuggestion(msg: string, failed: unknown): string {
  const m = /^Unknown arguments?: ([^,\s]+)/.exec(msg);
  if (m === null) return msg;
  const word = m[1];
  // yargs hands `fail` its usage object (typed as the parser): its descriptions are the failing command's options.
  const described = (failed as { getDescriptions?: () => Record<string, unknown> } | undefined)?.getDescriptions?.() ?? {};
  const options = Object.keys(described).filter((k) => k.length > 1);
  const optionHint = didYouMean(word, options);
  if (optionHint !== undefined) return `${msg} (${optionHint.replace('"', '"--')})`;
  const commandHint = didYouMean(word, COMMANDS);
  return commandHint === undefined ? msg : `${msg} (${commandHint})`;
}

/** Where the CLI writes; injectable so tests can capture output. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout / stderr are terminals (colour, progress). */
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** NO_COLOR is set (https://no-color.org): no colour even on a terminal. */
  noColor?: boolean;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
  noColor: Boolean(process.env.NO_COLOR),
};

/** `--seed` as a whole number; anything else is a usage error (not a NaN passed on to the loader). */
function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--seed: expected a whole number >= 0, found ${quoteInput(text)}`);
  }
  return Number(text);
}

/** A limit such as `--max-invocations 5e9`: a positive number; anything else is a usage error. */
function parseLimit(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${option}: expected a positive number such as 5e9, found ${quoteInput(text)}`);
  }
  return value;
}

/** Whether `err` is an Error named `name` (the class of an error thrown in a worker thread is lost). */
function isNamed(err: unknown, name: string): err is Error {
  return err instanceof Error && err.name === name;
}

/** Options that take one value: yargs collects a repeated one into a list, which is refused. */
const MAX_INVOCATIONS_HELP = 'refuse a run expected to send more invocations than this (default 1e9; docs/limits.md)';

const SINGLE_VALUED = ['out', 'seed', 'replications', 'workers', 'pick', 'shard', 'region', 'max-invocations'] as const;

/**
 * Refuse a single-valued option given twice (`--seed 1 --seed 2`: which one was meant?) and an
 * empty `--out` (it would write into the current folder).
 */
function checkOptionValues(argv: Record<string, unknown>): void {
  for (const name of SINGLE_VALUED) {
    const value = argv[name];
    if (Array.isArray(value)) {
      throw new UsageError(`--${name} given ${value.length} times (${value.map((v) => quoteInput(String(v))).join(', ')}): give it once`);
    }
  }
  if (argv.out !== undefined && String(argv.out).trim() === '') {
    throw new UsageError('--out: expected a folder name, found an empty string');
  }
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const info = simulatorInfo();
  const parser = yargs(argv)
    .scriptName('sim')
    .usage('$0 <command> [options]\n\nDeterministic discrete-event simulator of AWS Lambda.')
    .command(
      'run <file>',
      'simulate a scenario and write its reports',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('out', { type: 'string', describe: 'report folder (default: reports.dir, else reports/<name>)' })
          .option('set', {
            type: 'string',
            array: true,
            default: [] as string[],
            describe: 'override a scenario value before validation: PATH=VALUE (repeatable)',
          })
          .option('seed', { type: 'string', describe: 'override the scenario seed (a whole number >= 0)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'do not print the summary' })
          .option('replications', { type: 'string', describe: 'runs with derived seeds: metrics as mean ± 95% interval in replications.md/json' })
          .option('workers', { type: 'string', describe: 'worker threads for --replications (default: the number of cores)' })
          .option('shard', { type: 'string', describe: `with --replications: ${SHARD_HELP}` })
          .option('max-invocations', { type: 'string', describe: MAX_INVOCATIONS_HELP }),
      async (args) => {
        const { runCommand } = await import('./commands.js');
        exitCode = await runCommand(
          {
            file: args.file,
            out: args.out,
            set: args.set,
            seed: parseSeed(args.seed),
            quiet: args.quiet,
            replications: args.replications,
            workers: args.workers,
            shard: args.shard,
            maxInvocations: parseLimit('--max-invocations', args.maxInvocations),
          },
          io,
          info,
        );
      },
    )
    .command(
      'validate <file>',
      'load and check a scenario only (exit 0 or 2)',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'PATH=VALUE override' }),
      async (args) => {
        const { validateCommand } = await import('./commands.js');
        exitCode = await validateCommand({ file: args.file, set: args.set }, io);
      },
    )
    .command(
      'sweep <file>',
      'run a grid of variants (--vary PATH=V1,V2 or PATH=FROM..TO step STEP) and recommend one',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('vary', { type: 'string', array: true, default: [] as string[], describe: 'PATH=V1,V2,... or PATH=FROM..TO step STEP (repeatable; replaces sweep.vary)' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'PATH=VALUE override applied to every point' })
          .option('seed', { type: 'string', describe: 'override the scenario seed' })
          .option('replications', { type: 'string', describe: 'runs per point with derived seeds; metrics get 95% intervals' })
          .option('workers', { type: 'string', describe: 'worker threads (default: the number of cores)' })
          .option('pick', { choices: ['cheapest', 'fastest', 'balanced'] as const, describe: 'which recommendation leads' })
          .option('out', { type: 'string', describe: 'output folder (default reports/<name>-sweep)' })
          .option('keep-reports', { type: 'boolean', default: false, describe: "keep each point's report folder under points/" })
          .option('html', { type: 'boolean', default: true, describe: 'write sweep.html (--no-html to skip)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'do not print the table' })
          .option('shard', { type: 'string', describe: SHARD_HELP })
          .option('max-invocations', { type: 'string', describe: MAX_INVOCATIONS_HELP }),
      async (args) => {
        const { sweepCommand } = await import('./sweep-command.js');
        exitCode = await sweepCommand(
          { ...args, file: args.file, seed: parseSeed(args.seed), keepReports: args.keepReports, maxInvocations: parseLimit('--max-invocations', args.maxInvocations) },
          io,
          info,
        );
      },
    )
    .command(
      'compare <base> [head]',
      'compare two scenarios (BASE HEAD), or one with --set changes, as a PR comment',
      (y) =>
        y
          .positional('base', { type: 'string', demandOption: true, describe: 'scenario YAML file (before)' })
          .positional('head', { type: 'string', describe: 'scenario YAML file (after); default: BASE with the --set changes' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'PATH=VALUE change applied to HEAD' })
          .option('seed', { type: 'string', describe: 'override both scenarios\' seed' })
          .option('replications', { type: 'string', describe: 'runs per side with derived seeds; metrics get 95% intervals' })
          .option('workers', { type: 'string', describe: 'worker threads (default: the number of cores)' })
          .option('fail-if', { type: 'string', array: true, default: [] as string[], describe: "limit, e.g. 'api.latency.p99 increases by more than 50ms' (exit 1 when crossed)" })
          .option('out', { type: 'string', describe: 'output folder (default reports/<name>-compare)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'do not print compare.md' })
          .option('max-invocations', { type: 'string', describe: MAX_INVOCATIONS_HELP }),
      async (args) => {
        const { compareCommand } = await import('./compare-command.js');
        exitCode = await compareCommand(
          { ...args, base: args.base, seed: parseSeed(args.seed), failIf: args.failIf, maxInvocations: parseLimit('--max-invocations', args.maxInvocations) },
          io,
          info,
        );
      },
    )
    .command(
      'merge <dirs..>',
      'combine the partial folders of every --shard I/N into the outputs of one run',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shards\' partial folders, in any order' })
          .option('out', { type: 'string', describe: 'output folder (default: the one-machine run\'s: reports/<name>-sweep, or reports/<name> for replications)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'do not print the table' }),
      async (args) => {
        const { mergeCommand } = await import('./merge-command.js');
        exitCode = await mergeCommand({ dirs: args.dirs, out: args.out, quiet: args.quiet }, io, info);
      },
    )
    .command(
      'import <template>',
      'print a starting scenario from a SAM or CloudFormation template (see docs/import.md)',
      (y) =>
        y
          .positional('template', { type: 'string', demandOption: true, describe: 'template file (YAML or JSON)' })
          .option('parameter', { type: 'string', array: true, default: [] as string[], describe: 'template parameter value: Name=Value (repeatable)' })
          .option('region', { type: 'string', describe: 'the Region AWS::Region stands for (default us-east-1)' }),
      async (args) => {
        const { importCommand } = await import('./import-command.js');
        exitCode = importCommand({ template: args.template, parameter: args.parameter, region: args.region }, io);
      },
    )
    .command('schema', 'print the JSON Schema of the scenario format (for editors)', {}, async () => {
      const { scenarioJsonSchema } = await import('../scenario/json-schema.js');
      io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    })
    .middleware(checkOptionValues)
    .demandCommand(1, 'name a command: run, validate, sweep, compare, merge, import or schema')
    .strict()
    .version(info.version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err, failed) => {
      if (err) throw err;
      throw new UsageError(withSuggestion(msg, failed));
    });

  try {
    let printed = '';
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      printed = output;
    });
    if (printed) io.stdout(printed.endsWith('\n') ? printed : printed + '\n');
    return exitCode;
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.stderr(`sim: ${err.format()}\n`);
      return EXIT_BAD_INPUT;
    }
    // By name too: an error from a what-if worker thread arrives as a plain Error with its name.
    if (err instanceof ReportFolderError || err instanceof WorkLimitError || isNamed(err, 'WorkLimitError')) {
      io.stderr(`sim: ${shorten(err.message, LINE_CHARS)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof StateLimitError || isNamed(err, 'StateLimitError')) {
      io.stderr(`sim: ${shorten(err.message, LINE_CHARS)}\n`);
      return EXIT_STATE_LIMIT;
    }
    if (err instanceof UsageError) {
      // Bounded and escaped: yargs echoes unknown arguments as typed.
      io.stderr(`sim: ${shorten(err.message.replace(/\r?\n/g, ' '), LINE_CHARS)} (see sim --help)\n`);
      return EXIT_BAD_INPUT;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr(`sim: internal error (a bug in lambda-sim ${info.version}, please report it): ${shorten(e.message.replace(/\r?\n/g, ' '), LINE_CHARS)}\n`);
    if (process.env.SIM_DEBUG) io.stderr(`${e.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
