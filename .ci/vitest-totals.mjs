// Every package's vitest JSON report (`<package>/.vitest-report.json`, written by the `json` reporter of
// its vitest.config.ts and kept by turbo as the `test` task's output, so a cache hit restores it):
//   node .ci/vitest-totals.mjs clear   remove them, so a run can only be counted from its own reports
//   node .ci/vitest-totals.mjs sum     print "<passed> <failed> <skipped>" over all of them; exit 1
//                                      (totals still printed) when a package with tests wrote none
// A package has tests when its package.json has a `test` script (no package passes with no tests).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPORT = '.vitest-report.json';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// pnpm-workspace.yaml: packages/*
const packagesDir = join(root, 'packages');

/** The packages whose `test` script runs vitest, with where their report goes. */
function testedPackages() {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name ?? entry.name, test: manifest.scripts?.test, report: join(dir, REPORT) };
    })
    .filter((pkg) => typeof pkg.test === 'string')
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One report's counts; throws naming the file and the field when it is not a vitest JSON report. */
function readCounts(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${relative(root, file)} is not JSON (${error.message})`);
  }
  const count = (field) => {
    const value = report?.[field];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${relative(root, file)}: ${field} is ${JSON.stringify(value)}, not a count`);
    }
    return value;
  };
  return {
    passed: count('numPassedTests'),
    failed: count('numFailedTests'),
    skipped: count('numPendingTests') + count('numTodoTests'),
  };
}

function sum() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let complete = true;
  for (const pkg of testedPackages()) {
    if (!existsSync(pkg.report)) {
      process.stderr.write(
        `no vitest report from ${pkg.name} (${relative(root, pkg.report)}): its test task did not run or vitest did not finish\n`,
      );
      complete = false;
      continue;
    }
    try {
      const counts = readCounts(pkg.report);
      for (const key of Object.keys(totals)) totals[key] += counts[key];
    } catch (error) {
      process.stderr.write(`unreadable vitest report from ${pkg.name}: ${error.message}\n`);
      complete = false;
    }
  }
  process.stdout.write(`${totals.passed} ${totals.failed} ${totals.skipped}\n`);
  return complete ? 0 : 1;
}

const command = process.argv[2];
if (command === 'clear') {
  for (const pkg of testedPackages()) rmSync(pkg.report, { force: true });
} else if (command === 'sum') {
  process.exitCode = sum();
} else {
  process.stderr.write(`usage: node .ci/vitest-totals.mjs clear|sum (got ${JSON.stringify(command)})\n`);
  process.exitCode = 2;
}
