import fs from 'node:fs';
import path from 'node:path';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, renderDefinition } from './registry';

/** `npm run workflows:export`: writes each workflow's `.asl.json` (placeholders unresolved). */
function main(): void {
  for (const spec of [...Object.values(ALL_WORKFLOWS), ...Object.values(BILLING_WORKFLOWS), ...Object.values(ORDER_WORKFLOWS)]) {
    const file = path.join(__dirname, spec.file);
    fs.writeFileSync(file, renderDefinition(spec.definition()));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${spec.name})\n`);
  }
}

main();
