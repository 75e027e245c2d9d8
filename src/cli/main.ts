#!/usr/bin/env node
// The CLI: commander wiring, and the one place errors become exit codes.
import { Command, CommanderError, Option } from 'commander';
import os from 'node:os';
import { Exit, UsageError } from '../errors.js';
import { fuzzCommand } from './commands/fuzz.js';
import { replayCommand, shrinkCommand } from './commands/replay.js';
import { campaignCommand } from './commands/campaign.js';
import { explainCommand } from './commands/explain.js';
import { baselineCommand, mergeCommand } from './commands/merge.js';
import { targetsCommand } from './commands/targets.js';
import { TYPE_KINDS, WEIGHT_NAMES } from '../../generators/index.js';
import { ABIFUZZ_VERSION } from '../report/case-file.js';
import { durationOption, intOption, shardOption } from './options.js';

const program = new Command('abifuzz')
  .description('Differential fuzzer for C calling conventions')
  .version(ABIFUZZ_VERSION, '--version', 'print the version')
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(`abifuzz: ${s.replace(/^error: /, '').trim()}\n`) });

program
  .command('fuzz')
  .description('generate random signatures and check that caller and callee agree on every byte')
  .option('--target <target>', 'target (default: the host)')
  .option('--caller <toolchain>', 'toolchain that compiles the caller (default: gcc)')
  .option('--callee <toolchain>', 'toolchain that compiles the callee (default: newest clang-N)')
  .option('--caller-flags <flags>', 'extra flags for the caller TU')
  .option('--callee-flags <flags>', 'extra flags for the callee TU')
  .option('--seed <n>', 'seed (default: random, printed)', intOption('--seed', -(2 ** 31), 2 ** 31 - 1))
  .addOption(new Option('--runs <n>', 'signatures to check (default 1000)').argParser(intOption('--runs', 1, 1e9)).conflicts('time'))
  .option('--time <duration>', 'fuzz for this long instead of --runs, shrinking included (90, 90s, 5m, 2h)', durationOption('--time'))
  .option('--start <n>', 'first signature index (with --runs: indices start..start+runs-1)', intOption('--start', 0, 1e12), 0)
  .option('--shard <i/n>', "this job's disjoint part of the seed's signatures (e.g. a CI matrix of n jobs); merge the results with abifuzz merge", shardOption)
  .option('--no-types <list>', `types never to generate, comma-separated: scalar names (_Float16, __int128, 'long double', ...) or kinds (${TYPE_KINDS.join(', ')})`)
  .option('--weights <list>', `how often each kind of type is drawn, comma-separated name=N: ${Object.entries(WEIGHT_NAMES).map(([n, w]) => `${n} (${w.what})`).join('; ')}`)
  .option('--batch <n>', 'functions per compile', intOption('--batch', 1, 5000), 200)
  .option('--jobs <n>', 'parallel processes', intOption('--jobs', 1, 256), os.availableParallelism())
  .option('--max-params <n>', 'most fixed parameters per signature', intOption('--max-params', 0, 127))
  .option('--max-fields <n>', 'most fields per struct or union', intOption('--max-fields', 1, 64))
  .option('--max-depth <n>', 'deepest aggregate nesting', intOption('--max-depth', 0, 8))
  .option('--conventions <list>', "calling-convention attributes to fuzz, comma-separated, or 'none' (default: the target's default set; opt-in ones such as preserve_most only when named, see 'abifuzz targets')")
  .option('--out <dir>', 'results folder', 'results')
  .option('--keep', "keep every batch's sources and objects under the run folder")
  .option('--show-known', 'report findings that a known upstream issue explains (src/check/known-issues.ts) as findings')
  .option('--timeout <duration>', 'longest a batch may run before it counts as hung (default 30)', durationOption('--timeout', 86400))
  .option('--compile-timeout <duration>', 'longest one compile, link or probe may take before it counts as a compiler hang (default 120)', durationOption('--compile-timeout', 86400))
  .option('--no-shrink', 'do not shrink findings (each is still re-run alone to confirm it)')
  .option('--shrink-time <duration>', 'most time one finding may take to shrink', durationOption('--shrink-time'), 120)
  .option('--path <path>', "only the signature at this fast-check path of --seed (a run index '42', or a shrunk case '42:0:3')")
  .option('--index <n>', 'with --path: the index that names the function and salts its values (default: the first number of the path)', intOption('--index', 0, 1e9))
  .option('--baseline <file>', 'buckets this baseline lists are expected: only new ones make the exit code 1')
  .option('--junit <file>', 'write JUnit XML (one suite for the pair, one case per bucket)')
  .option('--markdown <file>', 'write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)')
  .option('--json', 'print one JSON summary object on stdout')
  .action(async (opts) => {
    process.exitCode = await fuzzCommand(opts);
  });

program
  .command('campaign')
  .description('fuzz a matrix (targets × pairs both ways × flag sets) from a JSON or TOML file into one results folder and report')
  .argument('<file>', 'the campaign file (see examples/campaign.json)')
  .option('--dry-run', 'list the cells and stop')
  .option('--shard <i/n>', "this job's disjoint part of every cell's signatures; join the parts with abifuzz merge", shardOption)
  .option('--time <duration>', 'the whole campaign, shrinking included, shared fairly between the cells', durationOption('--time'))
  .option('--runs <n>', 'signatures per cell (overrides the file)', intOption('--runs', 1, 1e9))
  .option('--jobs <n>', 'parallel processes', intOption('--jobs', 1, 256), os.availableParallelism())
  .option('--out <dir>', 'results folder', 'results')
  .option('--baseline <file>', 'buckets this baseline lists are expected (overrides the file)')
  .option('--junit <file>', 'write JUnit XML')
  .option('--markdown <file>', 'write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)')
  .option('--json', 'print the campaign summary as one JSON object')
  .action(async (file, opts) => {
    process.exitCode = await campaignCommand(file, opts);
  });

program
  .command('merge')
  .description('join the results of shards or runs into one summary and report, buckets deduplicated')
  .argument('<results...>', 'results folders (campaigns, runs, or folders holding them)')
  .option('--out <dir>', 'where the merged campaign.json and reports go', 'results/merged')
  .option('--baseline <file>', 'buckets this baseline lists are expected: only new ones make the exit code 1')
  .option('--junit <file>', 'write JUnit XML')
  .option('--markdown <file>', 'write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)')
  .option('--json', 'print the merged summary as one JSON object')
  .action(async (dirs, opts) => {
    process.exitCode = await mergeCommand(dirs, opts);
  });

program
  .command('baseline')
  .description("write a baseline accepting every bucket of a run's results")
  .argument('<results>', 'a results folder')
  .requiredOption('--out <file>', 'the baseline file to write')
  .option('--reason <text>', 'why these are expected')
  .action(async (dir, opts) => {
    process.exitCode = await baselineCommand(dir, opts);
  });

program
  .command('targets')
  .description('list targets and the toolchains found for each')
  .option('--json', 'JSON output')
  .action(async (opts) => {
    process.exitCode = await targetsCommand(opts);
  });

program
  .command('replay')
  .description('re-run a saved case (case.json or its folder) from its seed; exit 1 while it still reproduces')
  .argument('<case>', 'case.json or a finding folder')
  .option('--out <dir>', 'results folder', 'results')
  .option('--keep', 'keep the build folder')
  .option('--json', 'print one JSON summary object on stdout')
  .action(async (file, opts) => {
    process.exitCode = await replayCommand(file, opts);
  });

program
  .command('shrink')
  .description('shrink a saved case again (e.g. after a compiler fix, to see what is left); exit 1 while it reproduces')
  .argument('<case>', 'case.json or a finding folder')
  .option('--out <dir>', 'results folder', 'results')
  .option('--shrink-time <duration>', 'most time the shrink may take', durationOption('--shrink-time'), 300)
  .option('--json', 'print one JSON summary object on stdout')
  .action(async (file, opts) => {
    process.exitCode = await shrinkCommand(file, opts);
  });

program
  .command('explain')
  .description('where each parameter and the return value live, by the psABI model, with the rule that decided each')
  .argument('<input>', 'a saved case (case.json or its folder) or a C file with the declaration and its types')
  .option('--target <targets>', "comma-separated targets, or 'all' (default: the case's, or the host)")
  .option('--function <name>', 'which function of the C file (default: the last one declared)')
  .option('--as <compiler>', "the model speaking a compiler's documented dialects (e.g. clang-19, gcc)")
  .option('--features <list>', 'ISA features the call is compiled with (e.g. avx,avx512f)')
  .option('--json', 'JSON output')
  .action(async (input, opts) => {
    process.exitCode = await explainCommand(input, opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? Exit.clean : Exit.usage;
  } else if (e instanceof UsageError) {
    process.stderr.write(`abifuzz: ${e.message}\n`);
    process.exitCode = Exit.usage;
  } else {
    process.stderr.write(`abifuzz: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = Exit.internal;
  }
}
